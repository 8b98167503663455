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

// Intuit's PHP and Java SDKs send XML bodies by default; the PHP SDK writes them with an ns0 prefix
// (XmlObjectSerializerTest, getBillWithKLinkedTxnResult). QuickBooks reads them as it reads the JSON.
describe('request format: XML bodies', () => {
    const NS = 'xmlns:ns0="http://schema.intuit.com/finance/v3"';
    const postXml = (path: string, xml: string, accept = 'application/json') =>
        h.api('POST', path, `<?xml version="1.0" encoding="UTF-8"?>${xml}`, {
            contentType: 'application/xml',
            headers: { Accept: accept }
        });

    it('creates a customer from the XML the PHP SDK writes, and answers it in XML when asked', async () => {
        const response = await postXml(
            '/customer',
            `<ns0:Customer ${NS}><ns0:DisplayName>Xml &amp; Sons</ns0:DisplayName>` +
                '<ns0:PrimaryEmailAddr><ns0:Address>ap@xml.example</ns0:Address></ns0:PrimaryEmailAddr>' +
                '<ns0:BillAddr><ns0:Line1>1 Main St</ns0:Line1><ns0:PostalCode>02134</ns0:PostalCode></ns0:BillAddr>' +
                '</ns0:Customer>',
            'application/xml'
        );
        expect(response.status).toBe(200);
        const customer = child(xmlOf(response), 'Customer');
        const id = child(customer, 'Id').text;
        const json = (await h.api('GET', `/customer/${id}`)).json.Customer;
        expect(json).toMatchObject({
            DisplayName: 'Xml & Sons',
            PrimaryEmailAddr: { Address: 'ap@xml.example' },
            BillAddr: { Line1: '1 Main St', PostalCode: '02134' },
            Active: true
        });
    });

    it('creates the same invoice from XML as from JSON: numbers, references and a single Line read alike', async () => {
        const fromJson = (
            await h.api('POST', '/invoice', {
                CustomerRef: { value: customerId },
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
                    }
                ]
            })
        ).json.Invoice;
        const response = await postXml(
            '/invoice',
            `<Invoice xmlns="http://schema.intuit.com/finance/v3"><CustomerRef name="Amy's Bird Sanctuary">${customerId}</CustomerRef>` +
                '<Line><Amount>300</Amount><DetailType>SalesItemLineDetail</DetailType><SalesItemLineDetail>' +
                '<ItemRef>2</ItemRef><Qty>2</Qty><UnitPrice>150</UnitPrice><TaxCodeRef>TAX</TaxCodeRef>' +
                '</SalesItemLineDetail></Line></Invoice>'
        );
        expect(response.status).toBe(200);
        const fromXml = response.json.Invoice;
        for (const key of ['TotalAmt', 'Balance', 'TxnTaxDetail', 'CustomerRef', 'CurrencyRef', 'SalesTermRef']) {
            expect([key, fromXml[key]]).toEqual([key, fromJson[key]]);
        }
        expect(fromXml.Line).toEqual(fromJson.Line);
    });

    it('sparse-updates from XML (sparse as an attribute) and changes only what was sent', async () => {
        const before = (await h.api('GET', `/customer/${customerId}`)).json.Customer;
        const response = await postXml(
            '/customer',
            `<Customer sparse="true"><Id>${customerId}</Id><SyncToken>${before.SyncToken}</SyncToken>` +
                '<CompanyName>Bird Holdings</CompanyName></Customer>'
        );
        expect(response.status).toBe(200);
        expect(response.json.Customer).toMatchObject({
            Id: customerId,
            DisplayName: "Amy's Bird Sanctuary",
            CompanyName: 'Bird Holdings',
            SyncToken: String(Number(before.SyncToken) + 1)
        });
    });

    it('runs an IntuitBatchRequest with its items’ bId and operation as attributes', async () => {
        const response = await postXml(
            '/batch',
            '<IntuitBatchRequest xmlns="http://schema.intuit.com/finance/v3">' +
                '<BatchItemRequest bId="c" operation="create"><Customer><DisplayName>Batch Xml</DisplayName></Customer></BatchItemRequest>' +
                '<BatchItemRequest bId="q"><Query>select * from Term</Query></BatchItemRequest>' +
                '</IntuitBatchRequest>'
        );
        expect(response.status).toBe(200);
        const [created, queried] = response.json.BatchItemResponse;
        expect(created).toMatchObject({ bId: 'c', Customer: { DisplayName: 'Batch Xml' } });
        expect(queried.bId).toBe('q');
        expect(queried.QueryResponse.Term.length).toBeGreaterThan(0);
    });

    it('refuses XML that is not well-formed, or names another entity than the path, with 2010', async () => {
        const broken = await postXml('/customer', '<Customer><DisplayName>Open</Customer>');
        expect(broken.status).toBe(400);
        expect(broken.json.Fault.Error[0].code).toBe('2010');
        const wrong = await postXml('/customer', '<Invoice><DocNumber>1</DocNumber></Invoice>');
        expect(wrong.json.Fault.Error[0]).toMatchObject({ code: '2010' });
        expect(wrong.json.Fault.Error[0].Detail).toContain('this operation takes Customer');
    });
});
