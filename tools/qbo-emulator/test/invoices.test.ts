import type { Json } from '../src/store/realm';
import {
    createInvoiceRequest,
    createInvoiceResponseFields,
    createInvoiceResponseLines,
    deleteInvoiceResponseShape,
    queryInvoiceById,
    sampleInvoiceItems,
    sampleInvoiceLines,
    sampleInvoiceTotals
} from './fixtures/intuit-docs';
import { firstError, startHarness, type Harness } from './support/harness';

let h: Harness;
let customerId: string;
beforeEach(async () => {
    h = await startHarness();
    customerId = (
        await h.api('POST', '/customer', {
            DisplayName: "Amy's Bird Sanctuary",
            PrimaryEmailAddr: { Address: 'Birds@Intuit.com' }
        })
    ).json.Customer.Id;
});
afterEach(() => h.close());

function salesLine(amount: number, detail: Record<string, unknown> = {}, description?: string) {
    return {
        DetailType: 'SalesItemLineDetail',
        Amount: amount,
        ...(description ? { Description: description } : {}),
        SalesItemLineDetail: { ItemRef: { value: '1' }, ...detail }
    };
}

describe('Invoice (Intuit API reference: all-entities/invoice)', () => {
    it('creates the documented minimal invoice with the documented computed fields', async () => {
        const response = await h.api('POST', '/invoice?minorversion=75', {
            ...createInvoiceRequest,
            CustomerRef: { value: customerId }
        });
        expect(response.status).toBe(200);
        const invoice = response.json.Invoice;
        expect(invoice).toMatchObject(createInvoiceResponseFields);
        expect(invoice.Line).toEqual(createInvoiceResponseLines);
        expect(invoice.CustomerRef).toEqual({ name: "Amy's Bird Sanctuary", value: customerId });
        expect(invoice.DocNumber).toMatch(/^\d+$/);
        const txn = new Date(`${invoice.TxnDate}T00:00:00Z`).getTime();
        expect(new Date(`${invoice.DueDate}T00:00:00Z`).getTime() - txn).toBe(30 * 86_400_000);
    });

    it('prices the documented Sample Object: three taxable lines at 8% give TotalTax 26.82 and TotalAmt 362.07', async () => {
        const seeded = h.emulator.admin.seed(h.realm, { items: sampleInvoiceItems });
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            DocNumber: sampleInvoiceTotals.DocNumber,
            CustomerMemo: sampleInvoiceTotals.CustomerMemo,
            Line: sampleInvoiceLines.map((line, index) => ({
                Description: line.Description,
                DetailType: 'SalesItemLineDetail',
                Amount: line.Amount,
                SalesItemLineDetail: {
                    ItemRef: { value: seeded.items[index].Id },
                    Qty: line.Qty,
                    UnitPrice: line.UnitPrice,
                    TaxCodeRef: { value: 'TAX' }
                }
            }))
        });
        expect(response.status).toBe(200);
        const invoice = response.json.Invoice;
        expect(invoice.TotalAmt).toBe(sampleInvoiceTotals.TotalAmt);
        expect(invoice.Balance).toBe(sampleInvoiceTotals.TotalAmt);
        expect(invoice.TxnTaxDetail.TotalTax).toBe(sampleInvoiceTotals.TotalTax);
        expect(invoice.TxnTaxDetail.TaxLine[0].TaxLineDetail).toMatchObject({
            NetAmountTaxable: sampleInvoiceTotals.NetAmountTaxable,
            TaxPercent: sampleInvoiceTotals.TaxPercent,
            PercentBased: true
        });
        expect(invoice.Line.at(-1)).toEqual({
            DetailType: 'SubTotalLineDetail',
            Amount: sampleInvoiceTotals.subtotal,
            SubTotalLineDetail: {}
        });
        expect(invoice.DocNumber).toBe('1037');
        expect(invoice.CustomerMemo).toEqual(sampleInvoiceTotals.CustomerMemo);
    });

    it('rejects a line whose Amount is not Qty × UnitPrice with 6070, as QBO words it', async () => {
        // Observed QBO response quoted in a public integration's incident notes: Message "Amount calculation incorrect
        // in the request.", Detail "Amount is not equal to UnitPrice * Qty. Supplied value:1,000", element "Line.Amount".
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            Line: [salesLine(1000, { Qty: 7, UnitPrice: 225 })]
        });
        expect(response.status).toBe(400);
        expect(firstError(response)).toEqual({
            Message: 'Amount calculation incorrect in the request.',
            Detail: 'Amount is not equal to UnitPrice * Qty. Supplied value:1,000',
            code: '6070',
            element: 'Line.Amount'
        });
    });

    it('rounds Qty × UnitPrice half-up to cents before comparing (128.35 × 14.50 = 1861.075 → 1861.08)', async () => {
        const accepted = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            Line: [salesLine(1861.08, { Qty: 128.35, UnitPrice: 14.5 })]
        });
        expect(accepted.status).toBe(200);
        const rejected = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            Line: [salesLine(1861.07, { Qty: 128.35, UnitPrice: 14.5 })]
        });
        expect(firstError(rejected).code).toBe('6070');
    });

    it('keeps Qty and UnitPrice to 7 decimal places, so discounted lines carry their exact net unit price', async () => {
        // 10 × 19.99 less 15 %, 7 × 12.34 less 12.5 %, 2.5 × 39.95 less 5 %: the line amounts Salesforce computes
        // (169.92, 75.58, 94.89) are reproduced by 7-decimal unit prices, and the invoice totals 340.39.
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            Line: [
                salesLine(169.92, { Qty: 10, UnitPrice: 16.992, TaxCodeRef: { value: 'NON' } }),
                salesLine(75.58, { Qty: 7, UnitPrice: 10.7971429, TaxCodeRef: { value: 'NON' } }),
                salesLine(94.89, { Qty: 2.5, UnitPrice: 37.956, TaxCodeRef: { value: 'NON' } })
            ]
        });
        expect(response.status).toBe(200);
        expect(response.json.Invoice.TotalAmt).toBe(340.39);
        const kept = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            Line: [salesLine(12.35, { Qty: 10.000000099, UnitPrice: 1.234567891, TaxCodeRef: { value: 'NON' } })]
        });
        expect(kept.status).toBe(200);
        expect(kept.json.Invoice.Line[0].SalesItemLineDetail).toMatchObject({ Qty: 10, UnitPrice: 1.2345678 });
    });

    it('rejects a net unit price rounded to the cent when Qty × UnitPrice misses the line amount (6070)', async () => {
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            Line: [salesLine(169.92, { Qty: 10, UnitPrice: 16.99, TaxCodeRef: { value: 'NON' } })]
        });
        expect(firstError(response).code).toBe('6070');
    });

    it('applies a percent discount and keeps description-only lines out of the totals', async () => {
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            Line: [
                salesLine(200, { Qty: 2, UnitPrice: 100, TaxCodeRef: { value: 'NON' } }),
                { DetailType: 'DescriptionOnly', Description: 'Thanks!', DescriptionLineDetail: {} },
                {
                    DetailType: 'DiscountLineDetail',
                    Amount: 0,
                    DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 }
                }
            ]
        });
        expect(response.status).toBe(200);
        expect(response.json.Invoice.TotalAmt).toBe(180);
        expect(response.json.Invoice.Line.find((l: Json) => l.DetailType === 'DiscountLineDetail').Amount).toBe(20);
    });

    it('taxes before the discount unless ApplyTaxAfterDiscount is true (Invoice reference, ApplyTaxAfterDiscount)', async () => {
        const lines = [
            salesLine(300, { ItemRef: { value: '2' }, Qty: 2, UnitPrice: 150, TaxCodeRef: { value: 'TAX' } }),
            {
                DetailType: 'DiscountLineDetail',
                Amount: 0,
                DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 }
            }
        ];
        const taxFirst = (await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: lines })).json
            .Invoice;
        expect(taxFirst).toMatchObject({ TotalAmt: 294, TxnTaxDetail: { TotalTax: 24 }, ApplyTaxAfterDiscount: false });
        const discountFirst = (
            await h.api('POST', '/invoice', {
                CustomerRef: { value: customerId },
                ApplyTaxAfterDiscount: true,
                Line: lines
            })
        ).json.Invoice;
        expect(discountFirst).toMatchObject({
            TotalAmt: 291.6,
            TxnTaxDetail: { TotalTax: 21.6 },
            ApplyTaxAfterDiscount: true
        });
    });

    it('requires CustomerRef and Line (2020)', async () => {
        const noCustomer = await h.api('POST', '/invoice', { Line: [salesLine(10)] });
        expect(firstError(noCustomer)).toMatchObject({ code: '2020', element: 'CustomerRef' });
        const noLines = await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [] });
        expect(firstError(noLines)).toMatchObject({ code: '2020', element: 'Line' });
    });

    it('rejects an unknown CustomerRef or ItemRef with 2500 Invalid Reference Id', async () => {
        const badCustomer = await h.api('POST', '/invoice', { CustomerRef: { value: '999' }, Line: [salesLine(10)] });
        expect(firstError(badCustomer)).toMatchObject({
            code: '2500',
            Message: 'Invalid Reference Id',
            element: 'CustomerRef'
        });
        const badItem = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            Line: [salesLine(10, { ItemRef: { value: '999' } })]
        });
        expect(firstError(badItem)).toMatchObject({ code: '2500', element: 'SalesItemLineDetail.ItemRef' });
    });

    it('rejects a reference to an inactivated item with 610 Object Not Found', async () => {
        const item = (await h.api('GET', '/item/4')).json.Item;
        await h.api('POST', '/item', { ...item, Active: false });
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            Line: [salesLine(250, { ItemRef: { value: '4' } })]
        });
        expect(response.status).toBe(400);
        expect(firstError(response).code).toBe('610');
    });

    it('auto-numbers DocNumber and rejects a duplicate with 6140 Duplicate Document Number Error', async () => {
        const first = (await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(10)] }))
            .json.Invoice;
        const second = (await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(10)] }))
            .json.Invoice;
        expect(Number(second.DocNumber)).toBe(Number(first.DocNumber) + 1);
        const duplicate = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            DocNumber: first.DocNumber,
            Line: [salesLine(10)]
        });
        expect(firstError(duplicate)).toMatchObject({ code: '6140', Message: 'Duplicate Document Number Error' });
    });

    it('accepts a duplicate DocNumber with include=allowduplicatedocnum (the switch node-quickbooks sends for allowDuplicateDocNum)', async () => {
        const first = (await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(10)] }))
            .json.Invoice;
        const again = await h.api('POST', '/invoice?include=allowduplicatedocnum', {
            CustomerRef: { value: customerId },
            DocNumber: first.DocNumber,
            Line: [salesLine(10)]
        });
        expect(again.status).toBe(200);
        expect(again.json.Invoice.DocNumber).toBe(first.DocNumber);
    });

    it('rejects a DocNumber longer than 21 characters (2050)', async () => {
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: customerId },
            DocNumber: 'X'.repeat(22),
            Line: [salesLine(10)]
        });
        expect(firstError(response).code).toBe('2050');
    });

    it('sparse-updates DueDate as documented and bumps SyncToken', async () => {
        const created = (
            await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(150)] })
        ).json.Invoice;
        const response = await h.api('POST', '/invoice', {
            SyncToken: '0',
            Id: created.Id,
            sparse: true,
            DueDate: '2099-09-30'
        });
        expect(response.json.Invoice).toMatchObject({ DueDate: '2099-09-30', SyncToken: '1', TotalAmt: 150 });
    });

    it('voids as documented: amounts zeroed, "Voided" in PrivateNote, SyncToken incremented', async () => {
        const created = (
            await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(150)] })
        ).json.Invoice;
        const response = await h.api('POST', '/invoice?operation=void', { SyncToken: '0', Id: created.Id });
        expect(response.json.Invoice).toMatchObject({
            TotalAmt: 0,
            Balance: 0,
            PrivateNote: 'Voided',
            SyncToken: '1',
            TxnTaxDetail: { TotalTax: 0 }
        });
        expect(response.json.Invoice.Line[0].Amount).toBe(0);
    });

    it('deletes as documented and then answers reads with 610', async () => {
        const created = (
            await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(150)] })
        ).json.Invoice;
        const response = await h.api('POST', '/invoice?operation=delete', { SyncToken: '0', Id: created.Id });
        expect(response.json.Invoice).toEqual({ ...deleteInvoiceResponseShape, Id: created.Id });
        expect(firstError(await h.api('GET', `/invoice/${created.Id}`)).code).toBe('610');
    });

    it('answers the documented lower-case `where id =` query', async () => {
        const created = (
            await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(150)] })
        ).json.Invoice;
        const response = await h.api('GET', `/query?query=${encodeURIComponent(queryInvoiceById(created.Id))}`);
        expect(response.json.QueryResponse.Invoice.map((i: Json) => i.Id)).toEqual([created.Id]);
    });

    it('sends: EmailStatus EmailSent, DeliveryInfo, and BillEmail overwritten by sendTo', async () => {
        const created = (
            await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(150)] })
        ).json.Invoice;
        const response = await h.api(
            'POST',
            `/invoice/${created.Id}/send?sendTo=${encodeURIComponent('ap@example.com')}`,
            '',
            {
                contentType: 'application/octet-stream'
            }
        );
        expect(response.status).toBe(200);
        expect(response.json.Invoice).toMatchObject({
            EmailStatus: 'EmailSent',
            BillEmail: { Address: 'ap@example.com' },
            DeliveryInfo: { DeliveryType: 'Email' }
        });
    });

    it('serves a real PDF for /invoice/{id}/pdf', async () => {
        const created = (
            await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(150)] })
        ).json.Invoice;
        const response = await h.api('GET', `/invoice/${created.Id}/pdf`, undefined, {
            headers: { Accept: 'application/pdf' }
        });
        expect(response.headers.get('content-type')).toBe('application/pdf');
        expect(response.text.startsWith('%PDF-1.4')).toBe(true);
        expect(response.text.trimEnd().endsWith('%%EOF')).toBe(true);
        const xrefOffset = Number(/startxref\n(\d+)/.exec(response.text)![1]);
        expect(response.text.slice(xrefOffset, xrefOffset + 4)).toBe('xref');
        expect(response.text).toContain(`Invoice ${created.DocNumber}`);
    });

    it('answers /invoice/{id}/pdf of an unknown invoice with the 610 Object Not Found fault, not a PDF', async () => {
        const response = await h.api('GET', '/invoice/99999/pdf', undefined, {
            headers: { Accept: 'application/pdf' }
        });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/json');
        expect(response.json.Fault.Error[0]).toMatchObject({ code: '610', Message: 'Object Not Found' });
    });

    it('keeps the customer Balance equal to its open invoices', async () => {
        await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(150)] });
        await h.api('POST', '/invoice', { CustomerRef: { value: customerId }, Line: [salesLine(50)] });
        expect((await h.api('GET', `/customer/${customerId}`)).json.Customer.Balance).toBe(200);
    });
});

describe('reference fault details as QBO words them', () => {
    it('names the list and id: "Invalid Reference Id : Names element id 999 not found" for a customer', async () => {
        // Wording seen in public integrations' recorded QBO faults ("Names element id … not found", "Accounts element id … not found").
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: '999' },
            Line: [{ DetailType: 'SalesItemLineDetail', Amount: 1, SalesItemLineDetail: { ItemRef: { value: '1' } } }]
        });
        expect(firstError(response).Detail).toBe('Invalid Reference Id : Names element id 999 not found');
    });
});

describe('full update by read-modify-write (Intuit: "the request body must include all writable fields … as returned in a read")', () => {
    it('accepts a read invoice posted back with a changed CustomerMemo, keeping totals and bumping SyncToken', async () => {
        const customer = (await h.api('POST', '/customer', { DisplayName: 'Echo Co' })).json.Customer;
        const created = (
            await h.api('POST', '/invoice', {
                CustomerRef: { value: customer.Id },
                Line: [
                    {
                        DetailType: 'SalesItemLineDetail',
                        Amount: 300,
                        SalesItemLineDetail: {
                            ItemRef: { value: '2' },
                            Qty: 2,
                            UnitPrice: 150,
                            TaxCodeRef: { value: 'TAX' }
                        }
                    },
                    {
                        DetailType: 'DiscountLineDetail',
                        Amount: 0,
                        DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 }
                    }
                ]
            })
        ).json.Invoice;
        const read = (await h.api('GET', `/invoice/${created.Id}`)).json.Invoice;
        const response = await h.api('POST', '/invoice', { ...read, CustomerMemo: { value: 'Added customer memo.' } });
        expect(response.status).toBe(200);
        expect(response.json.Invoice).toMatchObject({
            SyncToken: '1',
            CustomerMemo: { value: 'Added customer memo.' },
            TotalAmt: created.TotalAmt,
            DocNumber: created.DocNumber
        });
        expect(response.json.Invoice.Line.filter((l: Json) => l.DetailType === 'SubTotalLineDetail')).toHaveLength(1);
    });
});
