import type { Json } from '../src/store/realm';
import { DEFAULT_CLIENT } from '../src';
import { startHarness, type Harness } from './support/harness';

/**
 * Invoices as the package sends them (a TaxCodeRef on every line outside the US, GlobalTaxCalculation TaxExcluded,
 * discounted lines at 7-decimal net unit prices, the shipping item, a fallback item line) across company locales and
 * home/foreign currency, checked against the arithmetic of Intuit's sales tax guides: tax per rate on the sum of
 * that rate's line amounts, rounded to the cent, added to the subtotal; a foreign-currency invoice's home amount is
 * TotalAmt × ExchangeRate.
 */
interface Locale {
    name: string;
    country: string;
    automatedSalesTax?: boolean;
    home: string;
    foreign: string;
    /** tax code of a taxable product, of lines without one of their own (shipping, fallback), and their rates */
    taxable: string;
    fallback: string;
    rates: Record<string, number>;
    invoiceTaxCode?: string;
    /** TotalAmt worked out by hand for the lines below */
    total: number;
}

const LOCALES: Locale[] = [
    {
        name: 'US, automated sales tax',
        country: 'US',
        home: 'USD',
        foreign: 'EUR',
        taxable: 'TAX',
        fallback: 'NON',
        rates: { TAX: 8, NON: 0 },
        total: 338.49
    },
    {
        name: 'US, no automated sales tax',
        country: 'US',
        automatedSalesTax: false,
        home: 'USD',
        foreign: 'EUR',
        taxable: 'TAX',
        fallback: 'NON',
        rates: { TAX: 8, NON: 0 },
        invoiceTaxCode: '2',
        total: 338.49
    },
    {
        name: 'Canada',
        country: 'CA',
        home: 'CAD',
        foreign: 'USD',
        taxable: '5',
        fallback: '7',
        rates: { '5': 13, '7': 5 },
        total: 354.37
    },
    {
        name: 'United Kingdom',
        country: 'GB',
        home: 'GBP',
        foreign: 'EUR',
        taxable: '2',
        fallback: '6',
        rates: { '2': 20, '6': 0 },
        total: 370.27
    },
    {
        name: 'Australia',
        country: 'AU',
        home: 'AUD',
        foreign: 'USD',
        taxable: '10',
        fallback: '12',
        rates: { '10': 10, '12': 0 },
        total: 343.79
    }
];

/** 10 × 19.99 less 15 %, 2.5 × 39.95 less 5 % (Salesforce TotalPrice 169.92 and 94.89), shipping 12.50, fallback 40. */
const PRODUCT_LINES = [
    { amount: 169.92, qty: 10, unitPrice: 16.992 },
    { amount: 94.89, qty: 2.5, unitPrice: 37.956 }
];
const SHIPPING = 12.5;
const FALLBACK = 40;

const cents = (value: number) => Math.round(value * 100 + Number.EPSILON * 100) / 100;

let h: Harness;
beforeAll(async () => {
    h = await startHarness();
});
afterAll(() => h.close());

describe.each(LOCALES)('$name', (locale) => {
    it.each([false, true])('foreign currency %s: totals to the cent as QuickBooks documents them', async (foreign) => {
        const realmId = `91303500000${String(10 + LOCALES.indexOf(locale))}${foreign ? 1 : 0}`;
        h.emulator.admin.createRealm({
            realmId,
            country: locale.country,
            multiCurrency: true,
            ...(locale.automatedSalesTax === false ? { automatedSalesTax: false } : {})
        });
        const token = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, realmId).access_token;
        const call = (path: string, body: unknown) => h.api('POST', path, body, { token, realm: realmId });
        const currency = foreign ? locale.foreign : locale.home;
        const customer = (await call('/customer', { DisplayName: 'Acme Ltd', CurrencyRef: { value: currency } })).json
            .Customer;
        const us = locale.country === 'US';
        const salesLine = (amount: number, itemId: string, taxCode: string, qty?: number, unitPrice?: number) => ({
            DetailType: 'SalesItemLineDetail',
            Amount: amount,
            SalesItemLineDetail: {
                ItemRef: { value: itemId },
                ...(qty !== undefined ? { Qty: qty, UnitPrice: unitPrice } : {}),
                TaxCodeRef: { value: taxCode }
            }
        });
        const lines = [
            ...PRODUCT_LINES.map((l) => salesLine(l.amount, '2', locale.taxable, l.qty, l.unitPrice)),
            salesLine(SHIPPING, 'SHIPPING_ITEM_ID', locale.fallback, 1, SHIPPING),
            salesLine(FALLBACK, '1', locale.fallback, 1, FALLBACK)
        ];
        const response = await call('/invoice', {
            CustomerRef: { value: customer.Id },
            CurrencyRef: { value: currency },
            ...(foreign ? { ExchangeRate: 1.25 } : {}),
            ...(us ? {} : { GlobalTaxCalculation: 'TaxExcluded' }),
            ...(locale.invoiceTaxCode ? { TxnTaxDetail: { TxnTaxCodeRef: { value: locale.invoiceTaxCode } } } : {}),
            Line: lines
        });
        expect(response.status).toBe(200);
        const invoice: Json = response.json.Invoice;

        const subtotal = cents(PRODUCT_LINES.reduce((sum, l) => sum + l.amount, 0) + SHIPPING + FALLBACK);
        const baseByRate = new Map<number, number>();
        for (const line of lines) {
            const rate = locale.rates[line.SalesItemLineDetail.TaxCodeRef.value];
            baseByRate.set(rate, (baseByRate.get(rate) ?? 0) + line.Amount);
        }
        const tax = cents([...baseByRate.entries()].reduce((sum, [rate, base]) => sum + cents((base * rate) / 100), 0));
        expect(subtotal).toBe(317.31);
        expect(invoice.Line.find((l: Json) => l.DetailType === 'SubTotalLineDetail').Amount).toBe(subtotal);
        expect(invoice.TxnTaxDetail.TotalTax).toBe(tax);
        expect(invoice.TotalAmt).toBe(cents(subtotal + tax));
        expect(invoice.TotalAmt).toBe(locale.total);
        expect(invoice.Balance).toBe(invoice.TotalAmt);
        expect(invoice.CurrencyRef.value).toBe(currency);
        if (foreign) expect(invoice.HomeTotalAmt).toBe(cents(invoice.TotalAmt * 1.25));
        else expect(invoice.HomeTotalAmt).toBeUndefined();
        if (!us) expect(invoice.GlobalTaxCalculation).toBe('TaxExcluded');
    });
});

/**
 * Tax-inclusive amounts as an Australian company's QuickBooks answers them when read back through the API (recorded
 * invoice: seven GST lines whose tax-inclusive amounts 305.46 … 21.98 come back as net Amounts 277.69 … 19.98 with
 * their net unit prices, SubTotal 3592.39, TotalTax 359.24, TotalAmt 3951.63).
 */
describe('GlobalTaxCalculation TaxInclusive and NotApplicable', () => {
    const GROSS_LINES = [
        { qty: 3, gross: 305.46, net: 277.69, netUnitPrice: 92.5633333 },
        { qty: 2, gross: 3419.8, net: 3108.91, netUnitPrice: 1554.455 },
        { qty: 2, gross: 87.5, net: 79.55, netUnitPrice: 39.775 },
        { qty: 2, gross: 42.8, net: 38.91, netUnitPrice: 19.455 },
        { qty: 2, gross: 54.12, net: 49.2, netUnitPrice: 24.6 },
        { qty: 1, gross: 19.97, net: 18.15, netUnitPrice: 18.15 },
        { qty: 1, gross: 21.98, net: 19.98, netUnitPrice: 19.98 }
    ];

    async function australianInvoice(realmId: string, globalTaxCalculation: string, withInclusiveAmt: boolean) {
        h.emulator.admin.createRealm({ realmId, country: 'AU' });
        const token = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, realmId).access_token;
        const call = (path: string, body: unknown) => h.api('POST', path, body, { token, realm: realmId });
        const customer = (await call('/customer', { DisplayName: 'Focus Minerals Ltd' })).json.Customer;
        return call('/invoice', {
            CustomerRef: { value: customer.Id },
            GlobalTaxCalculation: globalTaxCalculation,
            Line: GROSS_LINES.map((l) => ({
                DetailType: 'SalesItemLineDetail',
                Amount: l.gross,
                SalesItemLineDetail: {
                    ItemRef: { value: '2' },
                    Qty: l.qty,
                    UnitPrice: cents(l.gross / l.qty),
                    TaxCodeRef: { value: '10' },
                    ...(withInclusiveAmt ? { TaxInclusiveAmt: l.gross } : {})
                }
            }))
        });
    }

    it.each([true, false])(
        'splits tax-inclusive amounts into net lines and GST as QuickBooks does (TaxInclusiveAmt sent: %s)',
        async (withInclusiveAmt) => {
            const response = await australianInvoice(
                `913035000002${withInclusiveAmt ? 1 : 2}`,
                'TaxInclusive',
                withInclusiveAmt
            );
            expect(response.status).toBe(200);
            const invoice: Json = response.json.Invoice;
            const sales = invoice.Line.filter((l: Json) => l.DetailType === 'SalesItemLineDetail');
            expect(sales.map((l: Json) => l.Amount)).toEqual(GROSS_LINES.map((l) => l.net));
            expect(sales.map((l: Json) => l.SalesItemLineDetail.UnitPrice)).toEqual(
                GROSS_LINES.map((l) => l.netUnitPrice)
            );
            expect(sales.map((l: Json) => l.SalesItemLineDetail.TaxInclusiveAmt)).toEqual(
                GROSS_LINES.map((l) => l.gross)
            );
            expect(invoice.Line.find((l: Json) => l.DetailType === 'SubTotalLineDetail').Amount).toBe(3592.39);
            expect(invoice.TxnTaxDetail.TotalTax).toBe(359.24);
            expect(invoice.TxnTaxDetail.TaxLine[0].TaxLineDetail).toMatchObject({
                TaxPercent: 10,
                NetAmountTaxable: 3592.39
            });
            expect(invoice.TotalAmt).toBe(3951.63);
            expect(invoice.Balance).toBe(3951.63);
            expect(invoice.GlobalTaxCalculation).toBe('TaxInclusive');
        }
    );

    it('computes no tax when tax is not applicable', async () => {
        const response = await australianInvoice('9130350000000023', 'NotApplicable', false);
        expect(response.status).toBe(200);
        const invoice: Json = response.json.Invoice;
        const gross = cents(GROSS_LINES.reduce((sum, l) => sum + l.gross, 0));
        expect(invoice.TxnTaxDetail.TotalTax).toBe(0);
        expect(invoice.TotalAmt).toBe(gross);
        expect(invoice.GlobalTaxCalculation).toBe('NotApplicable');
    });
});
