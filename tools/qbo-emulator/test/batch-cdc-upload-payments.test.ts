import type { Json } from '../src/store/realm';
import { firstError, startHarness, type Harness } from './support/harness';

let h: Harness;
let customerId: string;
beforeEach(async () => {
    h = await startHarness();
    customerId = (
        await h.api('POST', '/customer', {
            DisplayName: 'Batch Buyer',
            PrimaryEmailAddr: { Address: 'ap@buyer.example' }
        })
    ).json.Customer.Id;
});
afterEach(() => h.close());

const invoiceBody = (amount: number, docNumber?: string) => ({
    CustomerRef: { value: customerId },
    ...(docNumber ? { DocNumber: docNumber } : {}),
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: '1' } } }]
});

describe('batch', () => {
    it('answers per item, with Faults in the python-quickbooks test_batch shape (bId + Fault.type/Error)', async () => {
        const response = await h.api('POST', '/batch', {
            BatchItemRequest: [
                { bId: '1', operation: 'create', Customer: { DisplayName: 'Batch Buyer' } },
                { bId: '2', operation: 'create', Customer: { DisplayName: 'Batch New' } },
                { bId: '3', Query: "select * from Customer where DisplayName = 'Batch Buyer'" }
            ]
        });
        expect(response.status).toBe(200);
        const [duplicate, created, queried] = response.json.BatchItemResponse;
        expect(duplicate).toMatchObject({
            bId: '1',
            Fault: { type: 'ValidationFault', Error: [{ code: '6240', Message: 'Duplicate Name Exists Error' }] }
        });
        expect(created).toMatchObject({ bId: '2', Customer: { DisplayName: 'Batch New' } });
        expect(queried.QueryResponse.Customer).toHaveLength(1);
        expect(response.json.time).toBeDefined();
    });

    it('items do not see what earlier items created (Intuit blog 2017-07-27, "batch operations important")', async () => {
        const response = await h.api('POST', '/batch', {
            BatchItemRequest: [
                { bId: 'a', operation: 'create', Customer: { DisplayName: 'Invisible Co' } },
                { bId: 'b', Query: "select * from Customer where DisplayName = 'Invisible Co'" }
            ]
        });
        expect(response.json.BatchItemResponse[1].QueryResponse).toEqual({});
    });

    it('rejects more than 30 items (Intuit limits page: recommended maximum 30 payloads)', async () => {
        const items = Array.from({ length: 31 }, (_, i) => ({ bId: String(i), Query: 'select * from Term' }));
        const response = await h.api('POST', '/batch', { BatchItemRequest: items });
        expect(response.status).toBe(400);
        expect(firstError(response).code).toBe('1040');
        expect((await h.api('POST', '/batch', { BatchItemRequest: items.slice(0, 30) })).status).toBe(200);
    });

    it('creates 25 note Attachables in one batch (node-quickbooks test/batch.js)', async () => {
        const items = Array.from({ length: 25 }, (_, i) => ({
            bId: String(i),
            operation: 'create',
            Attachable: { Note: `Test Attachable ${i}`, Tag: 'Testing' }
        }));
        const response = await h.api('POST', '/batch', { BatchItemRequest: items });
        expect(response.json.BatchItemResponse).toHaveLength(25);
        for (const item of response.json.BatchItemResponse) {
            expect(item.Fault).toBeUndefined();
            expect(item.Attachable.Tag).toBe('Testing');
        }
        const found = await h.api(
            'GET',
            `/query?query=${encodeURIComponent("select * from Attachable where Tag = 'Testing' maxresults 1000")}`
        );
        expect(found.json.QueryResponse.Attachable).toHaveLength(25);
    });

    // Intuit's IntuitRestServiceDef.xsd, BatchItemRequest: bId, operation (create, update, delete, void, …) and
    // optionsData, the options a single call takes as include= (Intuit's .NET SDK Batch.Add joins them lower-cased).
    it('honours optionsData as the single call honours include= (allowduplicatedocnum)', async () => {
        const first = (await h.api('POST', '/invoice', invoiceBody(10))).json.Invoice;
        const response = await h.api('POST', '/batch', {
            BatchItemRequest: [
                { bId: 'plain', operation: 'create', Invoice: invoiceBody(11, first.DocNumber) },
                {
                    bId: 'allowed',
                    operation: 'create',
                    optionsData: 'AllowDuplicateDocNum',
                    Invoice: invoiceBody(12, first.DocNumber)
                }
            ]
        });
        const [plain, allowed] = response.json.BatchItemResponse;
        expect(plain.Fault.Error[0].code).toBe('6140');
        expect(allowed).toMatchObject({ bId: 'allowed', Invoice: { DocNumber: first.DocNumber, TotalAmt: 12 } });
    });

    it('voids and deletes invoices by operation, each item answering as the single call does', async () => {
        const toVoid = (await h.api('POST', '/invoice', invoiceBody(10))).json.Invoice;
        const toDelete = (await h.api('POST', '/invoice', invoiceBody(20))).json.Invoice;
        const response = await h.api('POST', '/batch', {
            BatchItemRequest: [
                { bId: 'v', operation: 'void', Invoice: { Id: toVoid.Id, SyncToken: toVoid.SyncToken } },
                { bId: 'd', operation: 'delete', Invoice: { Id: toDelete.Id, SyncToken: toDelete.SyncToken } },
                { bId: 'm', operation: 'merge', Invoice: { Id: toVoid.Id, SyncToken: toVoid.SyncToken } }
            ]
        });
        const [voided, deleted, merged] = response.json.BatchItemResponse;
        expect(voided).toMatchObject({ bId: 'v', Invoice: { Id: toVoid.Id, TotalAmt: 0 } });
        expect(voided.Invoice.PrivateNote).toMatch(/^Voided/);
        expect(deleted).toEqual({ bId: 'd', Invoice: { status: 'Deleted', domain: 'QBO', Id: toDelete.Id } });
        expect(merged).toMatchObject({ bId: 'm', Fault: { type: 'ValidationFault', Error: [{ code: '2010' }] } });
        expect((await h.api('GET', `/invoice/${toDelete.Id}`)).status).toBe(400);
    });

    it('answers a CDCQuery item with the changes as GET /cdc finds them, in one CDCResponse', async () => {
        const since = new Date(h.clock.now() - 1000).toISOString();
        const invoice = (await h.api('POST', '/invoice', invoiceBody(10))).json.Invoice;
        const response = await h.api('POST', '/batch', {
            BatchItemRequest: [
                { bId: 'c', CDCQuery: { Entities: 'Invoice,Customer', ChangedSince: since } },
                { bId: 'old', CDCQuery: { Entities: 'Invoice', ChangedSince: '2000-01-01T00:00:00Z' } },
                { bId: 'none', CDCQuery: { Entities: 'Invoice' } }
            ]
        });
        const [changes, tooOld, missing] = response.json.BatchItemResponse;
        const direct = await h.api('GET', `/cdc?entities=Invoice,Customer&changedSince=${encodeURIComponent(since)}`);
        expect(changes).toEqual({ bId: 'c', CDCResponse: direct.json.CDCResponse[0] });
        expect(changes.CDCResponse.QueryResponse[0].Invoice[0].Id).toBe(invoice.Id);
        expect(tooOld.Fault.Error[0].code).toBe('6000');
        expect(missing.Fault.Error[0]).toMatchObject({ code: '2020' });
    });

    it('counts batch items as reads and writes for CorePlus metering', async () => {
        await h.api('POST', '/batch', {
            BatchItemRequest: [
                { bId: '1', operation: 'create', Invoice: invoiceBody(10) },
                { bId: '2', Query: 'select * from Invoice' }
            ]
        });
        const summary = h.emulator.admin.counters(h.realm).summary;
        expect(summary).toMatchObject({ batches: 1, reads: 1 });
        expect(summary.writes).toBe(2);
    });
});

describe('change data capture', () => {
    it('returns changed and deleted objects since a time (python-quickbooks test_cdc / node-quickbooks test/cdc.js shape)', async () => {
        const since = new Date(h.clock.now() - 1000).toISOString();
        const kept = (await h.api('POST', '/invoice', invoiceBody(10))).json.Invoice;
        const removed = (await h.api('POST', '/invoice', invoiceBody(20))).json.Invoice;
        await h.api('POST', '/invoice?operation=delete', { Id: removed.Id, SyncToken: removed.SyncToken });
        const response = await h.api('GET', `/cdc?entities=Invoice,Customer&changedSince=${encodeURIComponent(since)}`);
        expect(response.status).toBe(200);
        const [invoices, customers] = response.json.CDCResponse[0].QueryResponse;
        expect(invoices.Invoice.find((i: Json) => i.Id === kept.Id).TotalAmt).toBe(10);
        expect(invoices.Invoice.find((i: Json) => i.Id === removed.Id)).toMatchObject({
            status: 'Deleted',
            Id: removed.Id
        });
        expect(invoices).toMatchObject({ startPosition: 1, maxResults: 2 });
        expect(customers.Customer.map((c: Json) => c.DisplayName)).toEqual(['Batch Buyer']);
    });

    it('leaves out what changed before changedSince and answers {} for an entity with no changes', async () => {
        await h.api('POST', '/invoice', invoiceBody(10));
        h.clock.advance(60_000);
        const since = new Date(h.clock.now()).toISOString();
        const response = await h.api('GET', `/cdc?entities=Invoice&changedSince=${encodeURIComponent(since)}`);
        expect(response.json.CDCResponse[0].QueryResponse).toEqual([{}]);
    });

    it('answers at most 1,000 objects, the earliest changes first; a query by MetaData.LastUpdatedTime pages through all of them (Intuit: Change data capture operation, "Server responses can handle a maximum of 1,000 objects"; query STARTPOSITION / MAXRESULTS)', async () => {
        const since = new Date(h.clock.now() + 500).toISOString();
        h.clock.advance(1000);
        const company = h.emulator.admin.realm(h.realm);
        for (let n = 1; n <= 1020; n++) {
            company.insert('Invoice', { ...invoiceBody(n), TotalAmt: n, Balance: n });
            h.clock.advance(1000);
        }
        await h.api('POST', '/customer', { DisplayName: 'Changed Last' });
        const response = await h.api('GET', `/cdc?entities=Invoice,Customer&changedSince=${encodeURIComponent(since)}`);
        const [invoices, customers] = response.json.CDCResponse[0].QueryResponse;
        expect(invoices.Invoice).toHaveLength(1000);
        expect(Math.max(...invoices.Invoice.map((i: Json) => i.TotalAmt))).toBe(1000);
        expect(customers).toEqual({});

        const paged: Json[] = [];
        for (let start = 1; ; start += 1000) {
            const statement = `SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '${since}' ORDERBY MetaData.LastUpdatedTime STARTPOSITION ${start} MAXRESULTS 1000`;
            const page = (await h.api('GET', `/query?query=${encodeURIComponent(statement)}`)).json.QueryResponse;
            const rows: Json[] = page.Invoice ?? [];
            paged.push(...rows);
            if (rows.length < 1000) break;
        }
        expect(paged).toHaveLength(1020);
        expect(new Set(paged.map((i) => i.Id)).size).toBe(1020);
    });

    it('refuses changedSince more than 30 days back', async () => {
        const since = new Date(h.clock.now() - 31 * 86_400_000).toISOString();
        expect((await h.api('GET', `/cdc?entities=Invoice&changedSince=${encodeURIComponent(since)}`)).status).toBe(
            400
        );
    });

    it('requires entities and changedSince (2020)', async () => {
        expect(firstError(await h.api('GET', '/cdc?entities=Invoice')).code).toBe('2020');
    });
});

describe('attachments', () => {
    const boundary = '-------------PythonMultipartPost';

    it('uploads the python-quickbooks multipart layout (LF line endings, base64 content) linked to an invoice', async () => {
        const invoice = (await h.api('POST', '/invoice', invoiceBody(10))).json.Invoice;
        const metadata = JSON.stringify({
            AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoice.Id } }],
            FileName: 'contract.pdf',
            ContentType: 'application/pdf'
        });
        const bytes = Buffer.from('%PDF-1.4 tiny');
        const body = [
            '',
            `--${boundary}`,
            'Content-Disposition: form-data; name="file_metadata_01"',
            'Content-Type: application/json',
            '',
            metadata,
            '',
            `--${boundary}`,
            'Content-Disposition: form-data; name="file_content_01"',
            'Content-Type: application/pdf',
            'Content-Transfer-Encoding: base64',
            '',
            bytes.toString('base64'),
            '',
            `--${boundary}--`,
            ''
        ].join('\n');
        const response = await h.api('POST', '/upload', body, {
            contentType: `multipart/form-data; boundary=${boundary}`
        });
        expect(response.status).toBe(200);
        const attachable = response.json.AttachableResponse[0].Attachable;
        expect(attachable).toMatchObject({
            FileName: 'contract.pdf',
            ContentType: 'application/pdf',
            Size: bytes.length
        });
        expect(attachable.AttachableRef[0].EntityRef).toEqual({ type: 'Invoice', value: invoice.Id });
        expect(h.emulator.admin.attachmentContent(h.realm, attachable.Id)).toEqual(bytes);
        const linked = await h.api(
            'GET',
            `/query?query=${encodeURIComponent(`select * from Attachable where AttachableRef.EntityRef.value = '${invoice.Id}'`)}`
        );
        expect(linked.json.QueryResponse.Attachable).toHaveLength(1);
    });

    it('uploads a content part without metadata, then links it by update (node-quickbooks upload)', async () => {
        const invoice = (await h.api('POST', '/invoice', invoiceBody(10))).json.Invoice;
        const body = [
            `--${boundary}`,
            'Content-Disposition: form-data; name="file_content_01"; filename="notes.txt"',
            'Content-Type: text/plain',
            '',
            'hello',
            `--${boundary}--`,
            ''
        ].join('\r\n');
        const uploaded = (
            await h.api('POST', '/upload', body, { contentType: `multipart/form-data; boundary=${boundary}` })
        ).json.AttachableResponse[0].Attachable;
        expect(uploaded).toMatchObject({ FileName: 'notes.txt', Size: 5 });
        const linked = await h.api('POST', '/attachable', {
            Id: uploaded.Id,
            SyncToken: '0',
            FileName: 'notes.txt',
            AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoice.Id } }]
        });
        expect(linked.json.Attachable).toMatchObject({ SyncToken: '1', Size: 5 });
    });

    it('answers a per-file fault for an unknown invoice and for an unsupported file type', async () => {
        const body = [
            `--${boundary}`,
            'Content-Disposition: form-data; name="file_metadata_01"',
            'Content-Type: application/json',
            '',
            JSON.stringify({
                AttachableRef: [{ EntityRef: { type: 'Invoice', value: '999' } }],
                FileName: 'x.pdf',
                ContentType: 'application/pdf'
            }),
            `--${boundary}`,
            'Content-Disposition: form-data; name="file_content_01"; filename="x.pdf"',
            'Content-Type: application/pdf',
            '',
            'pdf',
            `--${boundary}`,
            'Content-Disposition: form-data; name="file_content_02"; filename="x.exe"',
            'Content-Type: application/x-msdownload',
            '',
            'MZ',
            `--${boundary}--`,
            ''
        ].join('\r\n');
        const response = await h.api('POST', '/upload', body, {
            contentType: `multipart/form-data; boundary=${boundary}`
        });
        expect(response.json.AttachableResponse[0].Fault.Error[0].code).toBe('2500');
        expect(response.json.AttachableResponse[1].Fault.Error[0].code).toBe('6000');
    });
});

describe('payments', () => {
    it('reduces the invoice Balance, links both ways, and is undone by deleting the payment', async () => {
        const invoice = (await h.api('POST', '/invoice', invoiceBody(100))).json.Invoice;
        const payment = await h.api('POST', '/payment', {
            CustomerRef: { value: customerId },
            TotalAmt: 40,
            Line: [{ Amount: 40, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }]
        });
        expect(payment.status).toBe(200);
        expect(payment.json.Payment).toMatchObject({ TotalAmt: 40, UnappliedAmt: 0 });
        const paid = (await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice;
        expect(paid).toMatchObject({ Balance: 60, TotalAmt: 100, SyncToken: '1' });
        expect(paid.LinkedTxn).toEqual([{ TxnId: payment.json.Payment.Id, TxnType: 'Payment' }]);
        expect((await h.api('GET', `/customer/${customerId}`)).json.Customer.Balance).toBe(60);
        const removed = await h.api('POST', '/payment?operation=delete', {
            Id: payment.json.Payment.Id,
            SyncToken: '0'
        });
        expect(removed.json.Payment.status).toBe('Deleted');
        expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(100);
    });

    it('refuses to apply more than the open balance, or to another customer’s invoice', async () => {
        const invoice = (await h.api('POST', '/invoice', invoiceBody(100))).json.Invoice;
        const over = await h.api('POST', '/payment', {
            CustomerRef: { value: customerId },
            TotalAmt: 150,
            Line: [{ Amount: 150, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }]
        });
        expect(firstError(over).code).toBe('6000');
        const other = (await h.api('POST', '/customer', { DisplayName: 'Someone Else' })).json.Customer.Id;
        const wrong = await h.api('POST', '/payment', {
            CustomerRef: { value: other },
            TotalAmt: 10,
            Line: [{ Amount: 10, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }]
        });
        expect(firstError(wrong).code).toBe('6000');
    });

    it('refuses to delete an invoice that has payments (Intuit: unlink linked transactions first)', async () => {
        const invoice = (await h.api('POST', '/invoice', invoiceBody(100))).json.Invoice;
        await h.api('POST', '/payment', {
            CustomerRef: { value: customerId },
            TotalAmt: 100,
            Line: [{ Amount: 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }]
        });
        const current = (await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice;
        const response = await h.api('POST', '/invoice?operation=delete', {
            Id: current.Id,
            SyncToken: current.SyncToken
        });
        expect(firstError(response).code).toBe('6000');
    });

    it('voids an invoice that has a payment by unapplying the payment', async () => {
        const invoice = (await h.api('POST', '/invoice', invoiceBody(100))).json.Invoice;
        const payment = (
            await h.api('POST', '/payment', {
                CustomerRef: { value: customerId },
                TotalAmt: 100,
                Line: [{ Amount: 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }]
            })
        ).json.Payment;
        const current = (await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice;
        const voided = await h.api('POST', '/invoice?operation=void', { Id: current.Id, SyncToken: current.SyncToken });
        expect(voided.json.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, LinkedTxn: [] });
        expect((await h.api('GET', `/payment/${payment.Id}`)).json.Payment).toMatchObject({
            UnappliedAmt: 100,
            Line: []
        });
    });
});

describe('items', () => {
    it('creates a service item, rejects a duplicate name and a missing income account', async () => {
        const created = await h.api('POST', '/item', {
            Name: 'Gold Support',
            Type: 'Service',
            UnitPrice: 99,
            IncomeAccountRef: { value: '1' }
        });
        expect(created.json.Item).toMatchObject({
            Name: 'Gold Support',
            Active: true,
            IncomeAccountRef: { value: '1', name: 'Services' }
        });
        expect(
            firstError(
                await h.api('POST', '/item', {
                    Name: 'gold support',
                    Type: 'Service',
                    IncomeAccountRef: { value: '1' }
                })
            ).code
        ).toBe('6240');
        expect(firstError(await h.api('POST', '/item', { Name: 'No Account', Type: 'Service' })).code).toBe('2020');
    });

    it('hides inactive items from default queries', async () => {
        const item = (await h.api('GET', '/item/3')).json.Item;
        await h.api('POST', '/item', { Id: item.Id, SyncToken: item.SyncToken, sparse: true, Active: false });
        const names = (
            await h.api('GET', `/query?query=${encodeURIComponent('select * from Item')}`)
        ).json.QueryResponse.Item.map((i: Json) => i.Name);
        expect(names).not.toContain(item.Name);
    });
});

describe('company info and preferences', () => {
    it('reads /companyinfo/{realmId} and /preferences with the multi-currency flag', async () => {
        const info = await h.api('GET', `/companyinfo/${h.realm}`);
        expect(info.json.CompanyInfo).toMatchObject({ Id: '1', Country: 'US' });
        h.emulator.admin.updateSettings(h.realm, { multiCurrency: true, customTxnNumbers: true });
        const prefs = (await h.api('GET', '/preferences')).json.Preferences;
        expect(prefs.CurrencyPrefs.MultiCurrencyEnabled).toBe(true);
        expect(prefs.SalesFormsPrefs.CustomTxnNumbers).toBe(true);
    });
});

describe('download', () => {
    it('answers GET /download/{id} with a temporary URL that serves the bytes', async () => {
        const boundary = 'b0undary';
        const body = [
            `--${boundary}`,
            'Content-Disposition: form-data; name="file_content_01"; filename="a.csv"',
            'Content-Type: text/csv',
            '',
            'a,b',
            `--${boundary}--`,
            ''
        ].join('\r\n');
        const attachable = (
            await h.api('POST', '/upload', body, { contentType: `multipart/form-data; boundary=${boundary}` })
        ).json.AttachableResponse[0].Attachable;
        const link = await h.api('GET', `/download/${attachable.Id}`);
        expect(link.text).toBe(attachable.TempDownloadUri);
        expect(await (await fetch(link.text)).text()).toBe('a,b');
    });
});
