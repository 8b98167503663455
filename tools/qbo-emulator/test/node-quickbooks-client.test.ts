/**
 * The community Node SDK (npm node-quickbooks, mcohen01/node-quickbooks) run against the emulator: its query
 * builder (quoting with \', `startposition 1 maxresults 1000`), its Fault handling, multipart upload via form-data,
 * batch, CDC, PDF and send. Pointing it at the emulator only replaces its base URL (`endpoint`).
 */
import { Readable } from 'node:stream';
import QuickBooks from 'node-quickbooks';
import type { Json } from '../src/store/realm';
import { startHarness, type Harness } from './support/harness';

let h: Harness;
let qbo: QuickBooks;
beforeEach(async () => {
    h = await startHarness();
    h.emulator.admin.setRateLimits({ perRealmAppPerSecond: 1000 });
    qbo = new QuickBooks(
        'qbo-emulator-client',
        'qbo-emulator-secret',
        h.token,
        false,
        h.realm,
        true,
        false,
        '75',
        '2.0',
        null
    );
    qbo.endpoint = `${h.emulator.url}/v3/company/`;
});
afterEach(() => h.close());

/** Runs a node-quickbooks callback method as a promise; on an HTTP error rejects with the response body (the Fault). */
function sdk<T = Json>(run: (callback: (err: unknown, data?: unknown) => void) => void): Promise<T> {
    return new Promise((resolve, reject) =>
        run((err, data) =>
            err ? reject((err as { response?: { data?: unknown } }).response?.data ?? err) : resolve(data as T)
        )
    );
}

describe('node-quickbooks against the emulator', () => {
    it("creates O'Brien & Sons and finds it with the SDK's own query builder and escaping", async () => {
        const created = await sdk((cb) => qbo.createCustomer({ DisplayName: "O'Brien & Sons" }, cb));
        expect(created.Id).toMatch(/^\d+$/);
        const found = await sdk((cb) => qbo.findCustomers({ DisplayName: "O'Brien & Sons" }, cb));
        expect(found.QueryResponse.Customer.map((c: Json) => c.Id)).toEqual([created.Id]);
        const like = await sdk((cb) =>
            qbo.findCustomers([{ field: 'DisplayName', value: 'O%', operator: 'LIKE' }], cb)
        );
        expect(like.QueryResponse.Customer).toHaveLength(1);
        const count = await sdk((cb) => qbo.findCustomers({ count: true }, cb));
        expect(count.QueryResponse.totalCount).toBe(1);
    });

    it('hands a Fault back as the error for a duplicate name and a stale SyncToken', async () => {
        const created = await sdk((cb) => qbo.createCustomer({ DisplayName: 'Twice Co' }, cb));
        await expect(sdk((cb) => qbo.createCustomer({ DisplayName: 'Twice Co' }, cb))).rejects.toMatchObject({
            Fault: { Error: [{ code: '6240' }], type: 'ValidationFault' }
        });
        await sdk((cb) => qbo.updateCustomer({ Id: created.Id, SyncToken: '0', sparse: true, Notes: 'x' }, cb));
        await expect(
            sdk((cb) => qbo.updateCustomer({ Id: created.Id, SyncToken: '0', sparse: true, Notes: 'y' }, cb))
        ).rejects.toMatchObject({
            Fault: { Error: [{ code: '5010' }] }
        });
    });

    it('creates an invoice, downloads its PDF and sends it', async () => {
        const customer = await sdk((cb) => qbo.createCustomer({ DisplayName: 'Pdf Co' }, cb));
        const invoice = await sdk((cb) =>
            qbo.createInvoice(
                {
                    CustomerRef: { value: customer.Id },
                    Line: [
                        {
                            DetailType: 'SalesItemLineDetail',
                            Amount: 150,
                            SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 150 }
                        }
                    ]
                },
                cb
            )
        );
        expect(invoice.TotalAmt).toBe(150);
        const pdf = await sdk<ArrayBuffer>((cb) => qbo.getInvoicePdf(invoice.Id, cb));
        expect(Buffer.from(pdf).subarray(0, 8).toString()).toBe('%PDF-1.4');
        const sent = await sdk((cb) => qbo.sendInvoicePdf(invoice.Id, 'ap@pdf.example', cb));
        expect(sent).toMatchObject({ EmailStatus: 'EmailSent', BillEmail: { Address: 'ap@pdf.example' } });
    });

    it('uploads a file with form-data and links it to the invoice (SDK upload then updateAttachable)', async () => {
        const customer = await sdk((cb) => qbo.createCustomer({ DisplayName: 'Upload Co' }, cb));
        const invoice = await sdk((cb) =>
            qbo.createInvoice(
                {
                    CustomerRef: { value: customer.Id },
                    Line: [
                        {
                            DetailType: 'SalesItemLineDetail',
                            Amount: 5,
                            SalesItemLineDetail: { ItemRef: { value: '1' } }
                        }
                    ]
                },
                cb
            )
        );
        const linked = await sdk((cb) =>
            qbo.upload('contract.txt', 'text/plain', Readable.from([Buffer.from('signed')]), 'Invoice', invoice.Id, cb)
        );
        expect(linked).toMatchObject({
            FileName: 'contract.txt',
            AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoice.Id } }]
        });
        expect(h.emulator.admin.attachmentContent(h.realm, linked.Id)?.toString()).toBe('signed');
    });

    it('runs the SDK test suite’s batch of note Attachables and reads them back (node-quickbooks test/batch.js)', async () => {
        const items = Array.from({ length: 5 }, (_, i) => ({
            Attachable: { Note: `Test Attachable ${i}`, Tag: 'Testing' }
        }));
        const response = await sdk((cb) => qbo.batch(items as never, cb));
        expect(response.BatchItemResponse).toHaveLength(5);
        for (const item of response.BatchItemResponse) expect(item.Attachable.Tag).toBe('Testing');
        const found = await sdk((cb) => qbo.findAttachables({ Tag: 'Testing' }, cb));
        expect(found.QueryResponse.Attachable).toHaveLength(5);
    });

    it('captures changes with the SDK’s changeDataCapture (node-quickbooks test/cdc.js)', async () => {
        await sdk((cb) => qbo.createAttachable({ Note: 'CDC Attachable', Tag: 'Testing' }, cb));
        const since = new Date(h.clock.now() - 60_000);
        const data = await sdk((cb) => qbo.changeDataCapture(['Attachable'], since, cb));
        expect(data.CDCResponse[0].QueryResponse[0].Attachable[0].Tag).toBe('Testing');
    });
});
