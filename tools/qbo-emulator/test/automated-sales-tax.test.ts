import type { Json } from '../src/store/realm';
import { DEFAULT_CLIENT } from '../src';
import { startHarness, type Harness } from './support/harness';

/**
 * US automated sales tax as Intuit documents it ("Manage sales tax for US locales": the destination is the shipping
 * address on the transaction, else the company address; developer blog 2017-12-11 "Using QuickBooks Online API for
 * automated sales tax": AST assigns the tax code, a tax code sent on the transaction is overridden, an explicit tax
 * amount is honoured and prorated across the rates of the AST-assigned code). The rates per state come from the
 * company's configured table (tools/qbo-emulator/README.md says what is simplified).
 */
const REALM = '9130350000000301';
/** New York City: state 4 %, city 4.5 %, Metropolitan Commuter Transportation District 0.375 % (8.875 % in all). */
const NEW_YORK_CITY = [
    { name: 'New York State', percent: 4 },
    { name: 'New York City', percent: 4.5 },
    { name: 'MCTD', percent: 0.375 }
];

let h: Harness;
let token: string;
beforeEach(async () => {
    h = await startHarness();
    h.emulator.admin.createRealm({
        realmId: REALM,
        country: 'US',
        salesTaxPercent: 7.25,
        automatedSalesTaxRates: { NY: NEW_YORK_CITY }
    });
    token = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, REALM).access_token;
});
afterEach(() => h.close());

const us = (method: string, path: string, body?: unknown) => h.api(method, path, body, { token, realm: REALM });
const line = (amount: number, taxCode: string) => ({
    DetailType: 'SalesItemLineDetail',
    Amount: amount,
    SalesItemLineDetail: { ItemRef: { value: '2' }, TaxCodeRef: { value: taxCode } }
});

async function customer(name: string, shipAddr?: Json): Promise<string> {
    const created = await us('POST', '/customer', { DisplayName: name, ...(shipAddr ? { ShipAddr: shipAddr } : {}) });
    return created.json.Customer.Id;
}

function taxLines(invoice: Json): [string, number, number, number][] {
    return invoice.TxnTaxDetail.TaxLine.map((taxLine: Json) => [
        taxLine.TaxLineDetail.TaxRateRef.name,
        taxLine.TaxLineDetail.TaxPercent,
        taxLine.TaxLineDetail.NetAmountTaxable,
        taxLine.Amount
    ]);
}

describe('US automated sales tax', () => {
    it('taxes TAX lines at each jurisdiction of the ship-to state, one TaxLine per TaxRate, and assigns its code', async () => {
        const customerId = await customer('Empire Co');
        const response = await us('POST', '/invoice', {
            CustomerRef: { value: customerId },
            ShipAddr: {
                Line1: '350 Fifth Avenue',
                City: 'New York',
                CountrySubDivisionCode: 'NY',
                PostalCode: '10118'
            },
            TxnTaxDetail: { TxnTaxCodeRef: { value: 'TAX' } },
            Line: [line(340.39, 'TAX'), line(12.5, 'NON')]
        });
        expect(response.status).toBe(200);
        const invoice: Json = response.json.Invoice;
        // 340.39 × 4 % = 13.6156 → 13.62; × 4.5 % = 15.31755 → 15.32; × 0.375 % = 1.2764625 → 1.28
        expect(taxLines(invoice)).toEqual([
            ['New York State', 4, 340.39, 13.62],
            ['New York City', 4.5, 340.39, 15.32],
            ['MCTD', 0.375, 340.39, 1.28]
        ]);
        expect(invoice.TxnTaxDetail.TotalTax).toBe(30.22);
        expect(invoice.TotalAmt).toBe(383.11);
        expect(invoice.TxnTaxDetail.TxnTaxCodeRef.name).toBe('NY (automated sales tax)');

        const code: Json = (
            await us(
                'GET',
                `/query?query=${encodeURIComponent("select * from TaxCode where Name = 'NY (automated sales tax)'")}`
            )
        ).json.QueryResponse.TaxCode[0];
        expect(code.Id).toBe(invoice.TxnTaxDetail.TxnTaxCodeRef.value);
        expect(code.SalesTaxRateList.TaxRateDetail.map((detail: Json) => detail.TaxRateRef.name)).toEqual([
            'New York State',
            'New York City',
            'MCTD'
        ]);
        const rates: Json[] = (await us('GET', `/query?query=${encodeURIComponent('select * from TaxRate')}`)).json
            .QueryResponse.TaxRate;
        expect(rates.map((rate) => [rate.Name, rate.RateValue])).toEqual(
            expect.arrayContaining([
                ['New York State', 4],
                ['New York City', 4.5],
                ['MCTD', 0.375]
            ])
        );
    });

    it("ships to the customer's shipping address when the invoice names none", async () => {
        const customerId = await customer('Brooklyn Co', { City: 'Brooklyn', CountrySubDivisionCode: 'ny' });
        const invoice: Json = (
            await us('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [line(100, 'TAX')] })
        ).json.Invoice;
        expect(invoice.TxnTaxDetail.TotalTax).toBe(8.88);
        expect(invoice.ShipAddr.CountrySubDivisionCode).toBe('ny');
    });

    it("taxes at the company address's state when there is no shipping address, or one without a state", async () => {
        const customerId = await customer('Walk-in Co');
        for (const shipAddr of [undefined, { City: 'Springfield' }]) {
            const invoice: Json = (
                await us('POST', '/invoice', {
                    CustomerRef: { value: customerId },
                    ...(shipAddr ? { ShipAddr: shipAddr } : {}),
                    Line: [line(100, 'TAX')]
                })
            ).json.Invoice;
            expect(taxLines(invoice)).toEqual([['CA sales tax', 7.25, 100, 7.25]]);
            expect(invoice.TxnTaxDetail.TxnTaxCodeRef.name).toBe('CA (automated sales tax)');
        }
    });

    it('does not tax a sale shipped to a state the company collects no tax for', async () => {
        const customerId = await customer('Lone Star Co');
        const invoice: Json = (
            await us('POST', '/invoice', {
                CustomerRef: { value: customerId },
                ShipAddr: { City: 'Austin', CountrySubDivisionCode: 'TX' },
                Line: [line(100, 'TAX')]
            })
        ).json.Invoice;
        expect(invoice.TxnTaxDetail.TotalTax).toBe(0);
        expect(invoice.TxnTaxDetail.TaxLine).toBeUndefined();
        expect(invoice.TotalAmt).toBe(100);
    });

    it('honours an explicit TotalTax and prorates it across the rates of the assigned code', async () => {
        const customerId = await customer('Override Co');
        const invoice: Json = (
            await us('POST', '/invoice', {
                CustomerRef: { value: customerId },
                ShipAddr: { CountrySubDivisionCode: 'NY' },
                TxnTaxDetail: { TotalTax: 10 },
                Line: [line(100, 'TAX')]
            })
        ).json.Invoice;
        // 10 × 4 / 8.875 = 4.51, 10 × 4.5 / 8.875 = 5.07, the rest 0.42
        expect(taxLines(invoice).map(([name, , , amount]) => [name, amount])).toEqual([
            ['New York State', 4.51],
            ['New York City', 5.07],
            ['MCTD', 0.42]
        ]);
        expect(invoice.TxnTaxDetail.TotalTax).toBe(10);
        expect(invoice.TotalAmt).toBe(110);
    });

    it('follows a changed rate table on the next invoice', async () => {
        const customerId = await customer('Rate Change Co', { CountrySubDivisionCode: 'NY' });
        h.emulator.admin.updateSettings(REALM, {
            automatedSalesTaxRates: { NY: [{ name: 'New York State', percent: 5 }] }
        });
        const invoice: Json = (
            await us('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [line(100, 'TAX')] })
        ).json.Invoice;
        expect(taxLines(invoice)).toEqual([['New York State', 5, 100, 5]]);
    });

    // Developer blog 2017-12-11, "Automated sales tax at a glance": "Customer.DefaultTaxCodeRef populated with
    // company's default tax code as defined by AST"; the customer default tax code is no longer set by anyone else.
    it("gives every customer the company's AST default tax code, whatever the client sends", async () => {
        const created = (
            await us('POST', '/customer', { DisplayName: 'Coded Co', DefaultTaxCodeRef: { value: 'NON' } })
        ).json.Customer;
        const codes = (await us('GET', `/query?query=${encodeURIComponent('select * from TaxCode')}`)).json
            .QueryResponse.TaxCode;
        const companyCode = codes.find((code: Json) => code.Name === 'CA (automated sales tax)');
        expect(companyCode).toBeDefined();
        expect(created.DefaultTaxCodeRef).toEqual({ value: companyCode.Id, name: companyCode.Name });
        const updated = (
            await us('POST', '/customer', {
                Id: created.Id,
                SyncToken: created.SyncToken,
                sparse: true,
                DefaultTaxCodeRef: { value: 'TAX' }
            })
        ).json.Customer;
        expect(updated.DefaultTaxCodeRef.value).toBe(companyCode.Id);
    });

    it('leaves a customer default tax code to the client in a US company without AST', async () => {
        const manual = '9130350000000302';
        h.emulator.admin.createRealm({ realmId: manual, country: 'US', automatedSalesTax: false });
        const manualToken = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, manual).access_token;
        const create = (body: Json) =>
            h.api('POST', '/customer', body, { token: manualToken, realm: manual }).then((r) => r.json.Customer);
        expect((await create({ DisplayName: 'Plain Co' })).DefaultTaxCodeRef).toBeUndefined();
        expect(
            (await create({ DisplayName: 'Coded Co', DefaultTaxCodeRef: { value: '2' } })).DefaultTaxCodeRef
        ).toEqual({
            value: '2'
        });
    });
});
