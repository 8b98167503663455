import type { Json } from '../src/store/realm';
import { DEFAULT_CLIENT } from '../src';
import { DEFAULT_CA_REALM } from '../src/store/seed';
import { firstError, startHarness, type Harness } from './support/harness';

/**
 * QuickBooks' tax model outside the US (Intuit, "Manage sales tax for non-US locales", and the API reference of the
 * TaxCode and TaxRate entities): a line names a TaxCode; the code's SalesTaxRateList.TaxRateDetail[].TaxRateRef names
 * one or more TaxRates; each rate's RateValue is applied to the line amount, with one TxnTaxDetail.TaxLine per rate.
 */
let h: Harness;
let token: string;
beforeAll(async () => {
    h = await startHarness();
    token = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, DEFAULT_CA_REALM).access_token;
});
afterAll(() => h.close());
// Each test starts in a fresh minute of the per-company request limit.
beforeEach(() => h.clock.advance(60_000));

const canada = (method: string, path: string, body?: unknown) =>
    h.api(method, path, body, { token, realm: DEFAULT_CA_REALM });
const query = (text: string) => canada('GET', `/query?query=${encodeURIComponent(text)}&minorversion=75`);

async function invoiceWithCode(taxCode: string, amount = 200) {
    const customer = (await canada('POST', '/customer', { DisplayName: `Tax rate customer ${taxCode}` })).json.Customer;
    return canada('POST', '/invoice', {
        CustomerRef: { value: customer.Id },
        GlobalTaxCalculation: 'TaxExcluded',
        Line: [
            {
                DetailType: 'SalesItemLineDetail',
                Amount: amount,
                SalesItemLineDetail: { ItemRef: { value: '2' }, TaxCodeRef: { value: taxCode } }
            }
        ]
    });
}

describe('TaxCode and TaxRate', () => {
    it('answers select * from TaxRate with each rate and its RateValue', async () => {
        const response = await query('select * from TaxRate');
        expect(response.status).toBe(200);
        const rates: Json[] = response.json.QueryResponse.TaxRate;
        expect(rates.map((rate) => [rate.Name, rate.RateValue])).toEqual(
            expect.arrayContaining([
                ['HST ON', 13],
                ['GST', 5],
                ['PST BC', 7]
            ])
        );
        expect(rates.every((rate) => rate.RatePercent === undefined)).toBe(true);
    });

    it('returns tax codes that name their rates in SalesTaxRateList, one or several', async () => {
        const response = await query("select * from TaxCode where Name = 'GST/PST BC'");
        const code: Json = response.json.QueryResponse.TaxCode[0];
        expect(code.RatePercent).toBeUndefined();
        const details: Json[] = code.SalesTaxRateList.TaxRateDetail;
        expect(details.map((detail) => detail.TaxRateRef.name)).toEqual(['GST', 'PST BC']);
        for (const detail of details) {
            const rate = (await canada('GET', `/taxrate/${detail.TaxRateRef.value}`)).json.TaxRate;
            expect(rate.Name).toBe(detail.TaxRateRef.name);
        }
    });

    it('taxes a combined code at each of its rates, one tax line per rate', async () => {
        const response = await invoiceWithCode('9', 200);
        expect(response.status).toBe(200);
        const invoice: Json = response.json.Invoice;
        expect(
            invoice.TxnTaxDetail.TaxLine.map((line: Json) => [line.TaxLineDetail.TaxRateRef.name, line.Amount])
        ).toEqual([
            ['GST', 10],
            ['PST BC', 14]
        ]);
        expect(invoice.TxnTaxDetail.TotalTax).toBe(24);
        expect(invoice.TotalAmt).toBe(224);
    });

    it('computes from the TaxRate the code names, so a rate of the company is used as QuickBooks stores it', async () => {
        h.emulator.admin.seed(DEFAULT_CA_REALM, {
            taxRates: [{ Id: '40', Name: 'QST', RateValue: 9.975 }],
            taxCodes: [
                {
                    Id: '41',
                    Name: 'GST/QST QC',
                    Taxable: true,
                    TaxGroup: true,
                    SalesTaxRateList: {
                        TaxRateDetail: [
                            { TaxRateRef: { value: '8', name: 'GST' }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0 },
                            { TaxRateRef: { value: '40', name: 'QST' }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0 }
                        ]
                    }
                }
            ]
        });
        const invoice: Json = (await invoiceWithCode('41', 123.45)).json.Invoice;
        // GST 5 % of 123.45 = 6.1725 → 6.17; QST 9.975 % = 12.3141… → 12.31.
        expect(invoice.TxnTaxDetail.TaxLine.map((line: Json) => line.Amount)).toEqual([6.17, 12.31]);
        expect(invoice.TotalAmt).toBe(141.93);
    });

    it('splits a tax-inclusive amount over all the rates of a combined code', async () => {
        const customer = (await canada('POST', '/customer', { DisplayName: 'Inclusive BC customer' })).json.Customer;
        const response = await canada('POST', '/invoice', {
            CustomerRef: { value: customer.Id },
            GlobalTaxCalculation: 'TaxInclusive',
            Line: [
                {
                    DetailType: 'SalesItemLineDetail',
                    Amount: 112,
                    SalesItemLineDetail: { ItemRef: { value: '2' }, TaxCodeRef: { value: '9' }, TaxInclusiveAmt: 112 }
                }
            ]
        });
        const invoice: Json = response.json.Invoice;
        expect(invoice.Line[0].Amount).toBe(100);
        expect(invoice.TxnTaxDetail.TotalTax).toBe(12);
        expect(invoice.TotalAmt).toBe(112);
    });

    it('refuses a sales line whose tax code has no sales rate, as QuickBooks asks for a sales tax rate', async () => {
        h.emulator.admin.seed(DEFAULT_CA_REALM, {
            taxCodes: [
                {
                    Id: '42',
                    Name: 'Purchases only',
                    Taxable: true,
                    TaxGroup: true,
                    PurchaseTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: '8' } }] }
                }
            ]
        });
        const response = await invoiceWithCode('42');
        expect(response.status).toBe(400);
        expect(firstError(response)).toMatchObject({ code: '6000' });
    });
});
