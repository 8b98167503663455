import { firstError, startHarness, type Harness } from './support/harness';

let h: Harness;
beforeEach(async () => {
    h = await startHarness();
});
afterEach(() => h.close());

const post = (path: string, body: unknown) =>
    h.raw('POST', path, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('admin API', () => {
    it('grants tokens headlessly over HTTP (POST /__admin/oauth/grant)', async () => {
        const response = await post('/__admin/oauth/grant', { clientId: 'qbo-emulator-client', realmId: h.realm });
        expect(response.status).toBe(200);
        expect(response.json).toMatchObject({ token_type: 'bearer', expires_in: 3600, realmId: h.realm });
        expect((await h.api('GET', '/preferences', undefined, { token: response.json.access_token })).status).toBe(200);
    });

    it('seeds through the same validation and resets to the seeded companies', async () => {
        const seeded = await post(`/__admin/realms/${h.realm}/seed`, { customers: [{ DisplayName: 'Seeded Co' }] });
        expect(seeded.json.customers[0].Id).toBe('1');
        const bad = await post(`/__admin/realms/${h.realm}/seed`, { customers: [{ DisplayName: 'Seeded Co' }] });
        expect(bad.status).toBe(400);
        expect(bad.json.Fault.Error[0].code).toBe('6240');
        await post('/__admin/reset', {});
        const state = await h.raw('GET', `/__admin/realms/${h.realm}/state`);
        expect(state.json.entities.Customer ?? []).toEqual([]);
        expect(state.json.entities.Item.length).toBeGreaterThan(0);
    });

    it('counts reads (CorePlus: reads and queries) apart from writes, by endpoint and status', async () => {
        await h.api('POST', '/customer', { DisplayName: 'Counted' });
        await h.api('POST', '/customer', { DisplayName: 'Counted' });
        await h.api('GET', '/customer/1');
        await h.api('GET', `/query?query=${encodeURIComponent('select * from Item')}`);
        const counters = (await h.raw('GET', `/__admin/counters?realm=${h.realm}`)).json;
        expect(counters.summary).toMatchObject({ reads: 2, writes: 2, total: 4, byStatus: { '200': 3, '400': 1 } });
        expect(counters.rows).toEqual(
            expect.arrayContaining([
                { realmId: h.realm, endpoint: 'POST /customer', kind: 'write', status: 200, count: 1 },
                { realmId: h.realm, endpoint: 'POST /customer', kind: 'write', status: 400, count: 1 },
                { realmId: h.realm, endpoint: 'GET /customer/{id}', kind: 'read', status: 200, count: 1 },
                { realmId: h.realm, endpoint: 'query Item', kind: 'read', status: 200, count: 1 }
            ])
        );
    });

    it('serves an HTML page listing customers and invoices per realm', async () => {
        await h.api('POST', '/customer', { DisplayName: 'Page <Co>' });
        const page = await h.raw('GET', `/__admin/realms/${h.realm}`);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(page.text).toContain('Page &lt;Co&gt;');
        expect(page.text).toContain('<h2>Invoices</h2>');
    });

    it('lists items on the realm page and deactivates and reactivates one from it', async () => {
        const page = await h.raw('GET', `/__admin/realms/${h.realm}`);
        expect(page.text).toContain('<h2>Items</h2>');
        expect(page.text).toContain('Hardware');

        const form = { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'active=false' };
        const deactivated = await h.raw('POST', `/__admin/realms/${h.realm}/items/4/active`, {
            ...form,
            redirect: 'manual'
        });
        expect(deactivated.status).toBe(303);
        expect(deactivated.headers.get('location')).toBe(`/__admin/realms/${h.realm}`);
        const item = (await h.api('GET', '/item/4')).json.Item;
        expect(item.Active).toBe(false);
        const refused = await h.api('POST', '/invoice', {
            CustomerRef: { value: (await h.api('POST', '/customer', { DisplayName: 'Buyer' })).json.Customer.Id },
            Line: [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: '4' } } }]
        });
        expect(firstError(refused).code).toBe('610');

        const reactivated = await post(`/__admin/realms/${h.realm}/items/4/active`, { active: true });
        expect(reactivated.json.Active).toBe(true);
    });

    it('records a payment against an invoice from the realm page, lowering its balance', async () => {
        const customer = (await h.api('POST', '/customer', { DisplayName: 'Payer' })).json.Customer;
        const invoice = (
            await h.api('POST', '/invoice', {
                CustomerRef: { value: customer.Id },
                Line: [
                    { DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: { ItemRef: { value: '1' } } }
                ]
            })
        ).json.Invoice;
        expect((await h.raw('GET', `/__admin/realms/${h.realm}`)).text).toContain(
            `action="/__admin/realms/${h.realm}/invoices/${invoice.Id}/payments"`
        );

        const partial = await h.raw('POST', `/__admin/realms/${h.realm}/invoices/${invoice.Id}/payments`, {
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'amount=40',
            redirect: 'manual'
        });
        expect(partial.status).toBe(303);
        expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(60);

        const rest = await post(`/__admin/realms/${h.realm}/invoices/${invoice.Id}/payments`, {});
        expect(rest.json.TotalAmt).toBe(60);
        expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(0);
        const tooMuch = await post(`/__admin/realms/${h.realm}/invoices/${invoice.Id}/payments`, { amount: 'lots' });
        expect(tooMuch.status).toBe(400);
    });
});

describe('bad requests get QBO faults, never a crash', () => {
    it('malformed JSON → 400 2010', async () => {
        const response = await h.api('POST', '/customer', '{"DisplayName": ');
        expect(response.status).toBe(400);
        expect(firstError(response).code).toBe('2010');
    });

    it('a JSON array body → 400 2010', async () => {
        expect(firstError(await h.api('POST', '/invoice', '[]')).code).toBe('2010');
    });

    it('unknown entity → 400 Unsupported Operation', async () => {
        const response = await h.api('POST', '/spaceship', { Name: 'x' });
        expect(response.status).toBe(400);
        expect(firstError(response).Message).toBe('Unsupported Operation');
    });

    it('entity segments are case-sensitive: /Customer is not /customer', async () => {
        expect((await h.api('POST', '/Customer', { DisplayName: 'Case Co' })).status).toBe(400);
    });

    it('wrong content type on an entity POST → 415', async () => {
        expect(
            (await h.api('POST', '/customer', 'DisplayName=x', { contentType: 'application/x-www-form-urlencoded' }))
                .status
        ).toBe(415);
    });

    it('wrong value types → 2010, not a crash', async () => {
        const response = await h.api('POST', '/invoice', {
            CustomerRef: { value: '1' },
            Line: [{ DetailType: 'SalesItemLineDetail', Amount: 'lots', SalesItemLineDetail: {} }]
        });
        expect(response.status).toBe(400);
    });

    it('serves the emulator after all of the above', async () => {
        expect((await h.api('GET', '/preferences')).json.Preferences.CurrencyPrefs).toEqual({
            MultiCurrencyEnabled: false,
            HomeCurrency: { value: 'USD' }
        });
    });
});
