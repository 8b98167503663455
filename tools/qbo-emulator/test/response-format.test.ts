import { request as httpRequest } from 'node:http';
import { dotNetSdkQueryResponse, phpSdkBillResponse, recordedXmlFault } from './fixtures/intuit-sdk-xml';
import { startHarness, type ApiResponse, type Harness } from './support/harness';
import { child, descendant, parseXml, referenceShape, type XmlNode } from './support/xml-tree';

// Intuit, "Learn about basic REST API features": Accept names the response's content type. QuickBooks answers XML
// unless JSON is asked for (Intuit's .NET SDK sends Accept only for JSON; its PHP SDK sends */* for a query and gets
// XML, QuickBooks-V3-PHP-SDK issue 287); node-quickbooks forces JSON with format=json (its pull request 67).
let h: Harness;
let customerId: string;
beforeEach(async () => {
    h = await startHarness();
    customerId = (await h.api('POST', '/customer', { DisplayName: "Amy's Bird Sanctuary" })).json.Customer.Id;
});
afterEach(() => h.close());

const XML = { headers: { Accept: 'application/xml' } };
const QBO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[-+]\d\d:\d\d)$/;

async function createInvoice(): Promise<string> {
    const created = await h.api('POST', '/invoice', {
        CustomerRef: { value: customerId },
        Line: [
            {
                DetailType: 'SalesItemLineDetail',
                Amount: 300,
                Description: 'Consulting <2 days> & travel',
                SalesItemLineDetail: { ItemRef: { value: '2' }, Qty: 2, UnitPrice: 150, TaxCodeRef: { value: 'TAX' } }
            }
        ]
    });
    return created.json.Invoice.Id;
}

function xmlOf(response: ApiResponse): XmlNode {
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    return parseXml(response.text);
}

describe('response format: XML as QuickBooks writes it', () => {
    it('answers an entity as the IntuitResponse the PHP SDK recorded (attributes, member order, references)', async () => {
        const id = await createInvoice();
        const json = (await h.api('GET', `/invoice/${id}`)).json.Invoice;
        const response = await h.api('GET', `/invoice/${id}`, undefined, XML);
        expect(response.status).toBe(200);

        const recorded = parseXml(phpSdkBillResponse);
        const root = xmlOf(response);
        expect(root.name).toBe(recorded.name);
        expect(root.attributes.xmlns).toBe('http://schema.intuit.com/finance/v3');
        expect(root.attributes.time).toMatch(QBO_TIME);
        expect(recorded.attributes.time).toMatch(QBO_TIME);

        const invoice = child(root, 'Invoice');
        const bill = child(recorded, 'Bill');
        expect(invoice.attributes).toEqual({ domain: 'QBO', sparse: 'false' });
        expect(Object.keys(invoice.attributes)).toEqual(Object.keys(bill.attributes));
        const head = (node: XmlNode) => node.children.slice(0, 3).map((c) => c.name);
        expect(head(invoice)).toEqual(head(bill));
        expect(child(invoice, 'MetaData').children.map((c) => c.name)).toEqual(
            child(bill, 'MetaData').children.map((c) => c.name)
        );

        // A reference with a name, and one without (TaxCodeRef), written as the recorded Bill writes them.
        const customerRef = child(invoice, 'CustomerRef');
        expect(referenceShape(customerRef)).toEqual(referenceShape(descendant(bill, 'CustomerRef')!));
        expect(customerRef).toMatchObject({ text: customerId, attributes: { name: "Amy's Bird Sanctuary" } });
        const taxCodeRef = descendant(invoice, 'TaxCodeRef')!;
        expect(referenceShape(taxCodeRef)).toEqual(referenceShape(descendant(bill, 'TaxCodeRef')!));
        expect(taxCodeRef.text).toBe('TAX');

        // The same figures as the JSON answer, one <Line> per line, text escaped and read back intact.
        expect(child(invoice, 'TotalAmt').text).toBe(String(json.TotalAmt));
        expect(child(invoice, 'Balance').text).toBe(String(json.Balance));
        expect(child(invoice, 'DocNumber').text).toBe(json.DocNumber);
        expect(invoice.children.filter((c) => c.name === 'Line')).toHaveLength(json.Line.length);
        expect(descendant(invoice, 'Description')!.text).toBe('Consulting <2 days> & travel');
        expect(child(descendant(invoice, 'SalesItemLineDetail')!, 'UnitPrice').text).toBe('150');
        expect(child(invoice, 'Line').children.length).toBeGreaterThan(0);
        expect(invoice.children.find((c) => c.name === 'SubTotalLineDetail')).toBeUndefined();
        expect(descendant(invoice, 'SubTotalLineDetail')).toMatchObject({ children: [], text: '' });
    });

    it('answers a query as the .NET SDK’s recorded QueryResponse (page as attributes, entity repeated)', async () => {
        const text = encodeURIComponent('select * from Item maxresults 3');
        const root = xmlOf(await h.api('GET', `/query?query=${text}`, undefined, XML));
        const recorded = child(parseXml(dotNetSdkQueryResponse), 'QueryResponse');
        const page = child(root, 'QueryResponse');
        expect(Object.keys(page.attributes).sort()).toEqual(Object.keys(recorded.attributes).sort());
        expect(page.attributes).toEqual({ startPosition: '1', maxResults: '3' });
        expect(page.children.map((c) => c.name)).toEqual(['Item', 'Item', 'Item']);
        expect(page.children[0].children[0].name).toBe(recorded.children[0].children[0].name);

        const counted = xmlOf(
            await h.api('GET', `/query?query=${encodeURIComponent('select count(*) from Item')}`, undefined, XML)
        );
        expect(child(counted, 'QueryResponse')).toMatchObject({ attributes: { totalCount: '4' }, children: [] });
    });

    it('answers a fault in the recorded XML layout (Fault type, Error code and element, Message, Detail)', async () => {
        const recorded = child(parseXml(recordedXmlFault), 'Fault');
        const notFound = await h.api('GET', '/customer/999', undefined, XML);
        expect(notFound.status).toBe(400);
        const fault = child(xmlOf(notFound), 'Fault');
        expect(fault.attributes).toEqual({ type: 'ValidationFault' });
        expect(child(fault, 'Error').attributes).toEqual({ code: '610' });
        expect(child(fault, 'Error').children.map((c) => c.name)).toEqual(
            child(recorded, 'Error').children.map((c) => c.name)
        );
        expect(child(child(fault, 'Error'), 'Message').text).toBe('Object Not Found');

        const unauthenticated = await h.api('GET', `/customer/${customerId}`, undefined, { ...XML, token: null });
        expect(unauthenticated.status).toBe(401);
        const authFault = child(xmlOf(unauthenticated), 'Fault');
        expect(authFault.attributes).toEqual(recorded.attributes);
        expect(child(authFault, 'Error').attributes).toEqual(child(recorded, 'Error').attributes);

        const miscalculated = await h.api(
            'POST',
            '/invoice',
            {
                CustomerRef: { value: customerId },
                Line: [
                    {
                        DetailType: 'SalesItemLineDetail',
                        Amount: 100,
                        SalesItemLineDetail: { ItemRef: { value: '2' }, Qty: 2, UnitPrice: 150 }
                    }
                ]
            },
            XML
        );
        expect(child(child(xmlOf(miscalculated), 'Fault'), 'Error').attributes).toEqual({
            code: '6070',
            element: 'Line.Amount'
        });
    });

    it('answers a batch with one BatchItemResponse per item, its bId an attribute and a Fault inside', async () => {
        const response = await h.api(
            'POST',
            '/batch',
            {
                BatchItemRequest: [
                    { bId: 'dup', operation: 'create', Customer: { DisplayName: "Amy's Bird Sanctuary" } },
                    { bId: 'new', operation: 'create', Customer: { DisplayName: 'Batch New' } },
                    { bId: 'q', Query: 'select * from Term' }
                ]
            },
            XML
        );
        const items = xmlOf(response).children;
        expect(items.map((c) => [c.name, c.attributes.bId])).toEqual([
            ['BatchItemResponse', 'dup'],
            ['BatchItemResponse', 'new'],
            ['BatchItemResponse', 'q']
        ]);
        expect(child(child(items[0], 'Fault'), 'Error').attributes.code).toBe('6240');
        expect(child(items[1], 'Customer').attributes).toMatchObject({ domain: 'QBO' });
        expect(child(items[2], 'QueryResponse').children.every((c) => c.name === 'Term')).toBe(true);
    });

    it('writes a deleted invoice with its status as an attribute', async () => {
        const id = await createInvoice();
        const read = (await h.api('GET', `/invoice/${id}`)).json.Invoice;
        const response = await h.api('POST', '/invoice?operation=delete', { Id: id, SyncToken: read.SyncToken }, XML);
        const deleted = child(xmlOf(response), 'Invoice');
        expect(deleted.attributes).toEqual({ domain: 'QBO', status: 'Deleted' });
        expect(deleted.children.map((c) => c.name)).toEqual(['Id']);
    });
});

describe('response format: which one a client gets', () => {
    const item = (headers: Record<string, string>, query = '') =>
        h.api('GET', `/item/2${query}`, undefined, { headers });
    const kind = (response: ApiResponse) => (response.headers.get('content-type') ?? '').split(';')[0];

    it('answers JSON to a client that names application/json, alone or first by quality', async () => {
        for (const accept of [
            'application/json',
            'application/json, text/plain, */*',
            'application/xml;q=0.5, application/json'
        ]) {
            const response = await item({ Accept: accept });
            expect([accept, kind(response)]).toEqual([accept, 'application/json']);
            expect(response.json.Item.Name).toBe('Consulting');
        }
    });

    it('answers XML to a client that names XML or leaves it open (*/*), as Intuit’s SDKs rely on', async () => {
        for (const accept of ['application/xml', 'text/xml', '*/*', 'application/xml, application/json']) {
            const response = await item({ Accept: accept });
            expect([accept, kind(response)]).toEqual([accept, 'application/xml']);
        }
    });

    it('answers XML to a request with no Accept header at all', async () => {
        const url = new URL(`${h.emulator.url}/v3/company/${h.realm}/item/2`);
        const answer = await new Promise<{ type: string; body: string }>((resolve, reject) => {
            const outgoing = httpRequest(url, { headers: { Authorization: `Bearer ${h.token}` } }, (incoming) => {
                let body = '';
                incoming.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
                incoming.on('end', () => resolve({ type: String(incoming.headers['content-type']), body }));
            });
            outgoing.on('error', reject);
            outgoing.end();
        });
        expect(answer.type).toMatch(/^application\/xml/);
        expect(child(parseXml(answer.body), 'Item').attributes.domain).toBe('QBO');
    });

    it('lets format=json or format=xml decide whatever Accept says (node-quickbooks sends format=json)', async () => {
        expect(kind(await item({ Accept: 'application/xml' }, '?format=json'))).toBe('application/json');
        expect(kind(await item({ Accept: 'application/json' }, '?format=xml'))).toBe('application/xml');
    });

    it('refuses with 406 a client that accepts neither JSON nor XML, but still serves a PDF to one that asks for it', async () => {
        const refused = await item({ Accept: 'text/html' });
        expect(refused.status).toBe(406);
        expect(refused.text).toContain('application/json or application/xml');
        const id = await createInvoice();
        const pdf = await h.api('GET', `/invoice/${id}/pdf`, undefined, { headers: { Accept: 'application/pdf' } });
        expect(pdf.status).toBe(200);
        expect(kind(pdf)).toBe('application/pdf');
    });
});
