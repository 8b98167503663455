import { DEFAULT_CA_REALM, DEFAULT_CLIENT } from '../src';
import { firstError, startHarness, type Harness } from './support/harness';

let h: Harness;
let caToken: string;
beforeEach(async () => {
    h = await startHarness();
    caToken = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, DEFAULT_CA_REALM).access_token;
});
afterEach(() => h.close());

const ca = (method: string, path: string, body?: unknown) =>
    h.api(method, path, body, { token: caToken, realm: DEFAULT_CA_REALM });
const line = (amount: number, taxCode?: string) => ({
    DetailType: 'SalesItemLineDetail',
    Amount: amount,
    SalesItemLineDetail: { ItemRef: { value: '2' }, ...(taxCode ? { TaxCodeRef: { value: taxCode } } : {}) }
});

describe('several companies at once', () => {
    it('keeps ids, names and numbering per company', async () => {
        const us = (await h.api('POST', '/customer', { DisplayName: 'Same Name' })).json.Customer;
        const canadian = (await ca('POST', '/customer', { DisplayName: 'Same Name' })).json.Customer;
        expect(us.Id).toBe('1');
        expect(canadian.Id).toBe('1');
        expect(canadian.CurrencyRef.value).toBe('CAD');
    });
});

describe('tax codes outside the US (TAX/NON are US-only placeholders)', () => {
    it('taxes a Canadian line by its TaxCode id', async () => {
        const customer = (await ca('POST', '/customer', { DisplayName: 'Maple Co' })).json.Customer;
        const response = await ca('POST', '/invoice', { CustomerRef: { value: customer.Id }, Line: [line(100, '5')] });
        expect(response.status).toBe(200);
        expect(response.json.Invoice).toMatchObject({ TotalAmt: 113, TxnTaxDetail: { TotalTax: 13 } });
    });

    it('refuses TAX as a TaxCodeRef in a Canadian company (2500) and a line without a tax code', async () => {
        const customer = (await ca('POST', '/customer', { DisplayName: 'Maple Co' })).json.Customer;
        expect(
            firstError(await ca('POST', '/invoice', { CustomerRef: { value: customer.Id }, Line: [line(100, 'TAX')] }))
                .code
        ).toBe('2500');
        expect((await ca('POST', '/invoice', { CustomerRef: { value: customer.Id }, Line: [line(100)] })).status).toBe(
            400
        );
    });

    it('answers a line without a tax code with the 6000 sales tax rate fault, naming the line', async () => {
        const customer = (await ca('POST', '/customer', { DisplayName: 'Maple Co' })).json.Customer;
        const response = await ca('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            Line: [line(100, '5'), line(20)]
        });
        expect(firstError(response)).toMatchObject({
            code: '6000',
            Detail: 'Business Validation Error: Make sure all your transactions have a sales tax rate before you save.',
            element: 'Line[1].SalesItemLineDetail.TaxCodeRef'
        });
    });

    it('computes each locale from its own TaxCode list: UK 20 % VAT, Australian 10 % GST, zero-rated lines', async () => {
        const cases = [
            { realmId: '9130350000000003', country: 'GB', standard: '2', zero: '6', tax: 40, currency: 'GBP' },
            { realmId: '9130350000000004', country: 'AU', standard: '10', zero: '12', tax: 20, currency: 'AUD' }
        ];
        for (const c of cases) {
            h.emulator.admin.createRealm({ realmId: c.realmId, country: c.country });
            const token = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, c.realmId).access_token;
            const call = (path: string, body: unknown) => h.api('POST', path, body, { token, realm: c.realmId });
            const customer = (await call('/customer', { DisplayName: 'Local Co' })).json.Customer;
            expect(customer.CurrencyRef.value).toBe(c.currency);
            const response = await call('/invoice', {
                CustomerRef: { value: customer.Id },
                GlobalTaxCalculation: 'TaxExcluded',
                Line: [line(200, c.standard), line(50, c.zero)]
            });
            expect(response.status).toBe(200);
            expect(response.json.Invoice).toMatchObject({
                GlobalTaxCalculation: 'TaxExcluded',
                TotalAmt: 250 + c.tax,
                TxnTaxDetail: { TotalTax: c.tax }
            });
        }
    });

    it('takes GlobalTaxCalculation TaxExcluded by default, NotApplicable without tax, and refuses unknown values', async () => {
        const customer = (await ca('POST', '/customer', { DisplayName: 'Maple Co' })).json.Customer;
        const byDefault = await ca('POST', '/invoice', { CustomerRef: { value: customer.Id }, Line: [line(100, '7')] });
        expect(byDefault.json.Invoice).toMatchObject({ GlobalTaxCalculation: 'TaxExcluded', TotalAmt: 105 });
        const notApplicable = await ca('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            GlobalTaxCalculation: 'NotApplicable',
            Line: [line(100, '7')]
        });
        expect(notApplicable.json.Invoice).toMatchObject({ TotalAmt: 100, TxnTaxDetail: { TotalTax: 0 } });
        const unknown = await ca('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            GlobalTaxCalculation: 'Excluded',
            Line: [line(100, '7')]
        });
        expect(unknown.status).toBe(400);
    });

    it('US automated sales tax on: TAX lines taxed by the engine, NON lines not, PartnerTaxEnabled true', async () => {
        const customer = (await h.api('POST', '/customer', { DisplayName: 'Yankee Co' })).json.Customer;
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            Line: [line(100, 'TAX'), line(50, 'NON')]
        });
        expect(response.json.Invoice).toMatchObject({ TotalAmt: 158, TxnTaxDetail: { TotalTax: 8 } });
        const preferences = await h.api('GET', '/preferences');
        expect(preferences.json.Preferences.TaxPrefs.PartnerTaxEnabled).toBe(true);
    });

    it('US automated sales tax off: TAX lines taxed only at the rate of TxnTaxDetail.TxnTaxCodeRef', async () => {
        const realmId = '9130350000000005';
        h.emulator.admin.createRealm({ realmId, country: 'US', automatedSalesTax: false });
        const token = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, realmId).access_token;
        const call = (method: string, path: string, body?: unknown) =>
            h.api(method, path, body, { token, realm: realmId });
        expect((await call('GET', '/preferences')).json.Preferences.TaxPrefs.PartnerTaxEnabled).toBe(false);
        const customer = (await call('POST', '/customer', { DisplayName: 'Legacy Co' })).json.Customer;
        const untaxed = await call('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            Line: [line(100, 'TAX'), line(50, 'NON')]
        });
        expect(untaxed.json.Invoice).toMatchObject({ TotalAmt: 150, TxnTaxDetail: { TotalTax: 0 } });
        const taxed = await call('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
            Line: [line(100, 'TAX'), line(50, 'NON')]
        });
        expect(taxed.json.Invoice).toMatchObject({
            TotalAmt: 158,
            TxnTaxDetail: { TxnTaxCodeRef: { value: '2', name: 'California' }, TotalTax: 8 }
        });
        const unknownCode = await call('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            TxnTaxDetail: { TxnTaxCodeRef: { value: '99' } },
            Line: [line(100, 'TAX')]
        });
        expect(firstError(unknownCode).code).toBe('2500');
    });

    it('refuses a numeric TaxCode id in a US company (2500)', async () => {
        const customer = (await h.api('POST', '/customer', { DisplayName: 'Yankee Co' })).json.Customer;
        expect(
            firstError(await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, Line: [line(100, '5')] }))
                .code
        ).toBe('2500');
    });
});

describe('currencies', () => {
    it('refuses a foreign-currency customer when multi-currency is off', async () => {
        const response = await h.api('POST', '/customer', { DisplayName: 'Euro Co', CurrencyRef: { value: 'EUR' } });
        expect(firstError(response).element).toBe('CurrencyRef');
    });

    it('invoices a foreign-currency customer in its currency with HomeTotalAmt at the given rate (default 1)', async () => {
        const customer = (await ca('POST', '/customer', { DisplayName: 'Yankee Buyer', CurrencyRef: { value: 'USD' } }))
            .json.Customer;
        const withRate = await ca('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            CurrencyRef: { value: 'USD' },
            ExchangeRate: 1.35,
            Line: [line(100, '3')]
        });
        expect(withRate.json.Invoice).toMatchObject({
            CurrencyRef: { value: 'USD' },
            TotalAmt: 100,
            HomeTotalAmt: 135,
            ExchangeRate: 1.35
        });
        const withoutRate = await ca('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            Line: [line(100, '3')]
        });
        expect(withoutRate.json.Invoice).toMatchObject({
            CurrencyRef: { value: 'USD' },
            ExchangeRate: 1,
            HomeTotalAmt: 100
        });
    });

    it('refuses an invoice currency different from the customer’s', async () => {
        const customer = (await ca('POST', '/customer', { DisplayName: 'Loonie Co' })).json.Customer;
        const response = await ca('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            CurrencyRef: { value: 'USD' },
            Line: [line(100, '3')]
        });
        expect(firstError(response).element).toBe('CurrencyRef');
    });
});

describe('numbering and shipping preferences', () => {
    it('leaves DocNumber empty when CustomTxnNumbers is on and none is given', async () => {
        h.emulator.admin.updateSettings(h.realm, { customTxnNumbers: true });
        const customer = (await h.api('POST', '/customer', { DisplayName: 'Custom Numbers Co' })).json.Customer;
        const invoice = (
            await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, Line: [line(10, 'NON')] })
        ).json.Invoice;
        expect(invoice.DocNumber).toBeUndefined();
    });

    it('accepts SHIPPING_ITEM_ID while shipping is allowed and refuses it otherwise', async () => {
        const customer = (await h.api('POST', '/customer', { DisplayName: 'Ship Co' })).json.Customer;
        const shipping = {
            DetailType: 'SalesItemLineDetail',
            Amount: 15,
            SalesItemLineDetail: { ItemRef: { value: 'SHIPPING_ITEM_ID' } }
        };
        const allowed = await h.api('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            Line: [line(10, 'NON'), shipping]
        });
        expect(allowed.json.Invoice.TotalAmt).toBe(25);
        h.emulator.admin.updateSettings(h.realm, { allowShipping: false });
        const refused = await h.api('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            Line: [line(10, 'NON'), shipping]
        });
        expect(firstError(refused).code).toBe('2500');
    });

    it('stops sending e-mail after the daily limit', async () => {
        h.emulator.admin.updateSettings(h.realm, { dailyEmailLimit: 1 });
        const customer = (
            await h.api('POST', '/customer', {
                DisplayName: 'Mail Co',
                PrimaryEmailAddr: { Address: 'a@mail.example' }
            })
        ).json.Customer;
        const invoice = (
            await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, Line: [line(10, 'NON')] })
        ).json.Invoice;
        expect(
            (await h.api('POST', `/invoice/${invoice.Id}/send`, '', { contentType: 'application/octet-stream' })).status
        ).toBe(200);
        expect(
            (await h.api('POST', `/invoice/${invoice.Id}/send`, '', { contentType: 'application/octet-stream' })).status
        ).toBe(400);
        h.clock.advance(86_400_000);
        const fresh = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm).access_token;
        const nextDay = await h.api('POST', `/invoice/${invoice.Id}/send`, '', {
            contentType: 'application/octet-stream',
            token: fresh
        });
        expect(nextDay.status).toBe(200);
    });
});
