import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, DEFAULT_CLIENT, DEFAULT_US_REALM, ManualClock } from '../src';
import type { Json } from '../src/store/realm';
import { startHarness, type Harness } from './support/harness';

interface Received {
    signature: string;
    contentType: string;
    body: string;
}

async function receiver(): Promise<{ url: string; received: Received[]; server: Server }> {
    const received: Received[] = [];
    const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
            received.push({
                signature: String(req.headers['intuit-signature']),
                contentType: String(req.headers['content-type']),
                body: Buffer.concat(chunks).toString('utf8')
            });
            res.writeHead(200).end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

describe('webhooks (intuit-signature = base64 HMAC-SHA256 of the raw body keyed by the verifier token)', () => {
    let h: Harness;
    let hook: Awaited<ReturnType<typeof receiver>>;
    beforeEach(async () => {
        h = await startHarness();
        hook = await receiver();
    });
    afterEach(async () => {
        await h.close();
        await new Promise((resolve) => hook.server.close(resolve));
    });

    const verify = (item: Received, token: string) =>
        createHmac('sha256', token).update(item.body).digest('base64') === item.signature;

    it('sends the legacy eventNotifications body, signed', async () => {
        h.emulator.admin.subscribeWebhook({ url: hook.url, verifierToken: 'verifier-1', format: 'legacy' });
        const customer = (await h.api('POST', '/customer', { DisplayName: 'Hooked Co' })).json.Customer;
        await h.emulator.admin.flushWebhooks();
        expect(hook.received).toHaveLength(1);
        expect(verify(hook.received[0], 'verifier-1')).toBe(true);
        expect(verify(hook.received[0], 'wrong-token')).toBe(false);
        const body = JSON.parse(hook.received[0].body);
        expect(body.eventNotifications[0]).toMatchObject({
            realmId: h.realm,
            dataChangeEvent: { entities: [{ name: 'Customer', id: customer.Id, operation: 'Create' }] }
        });
    });

    it('sends CloudEvents (array of specversion 1.0 events, type qbo.<entity>.<verb>.v1, intuitaccountid = realm)', async () => {
        h.emulator.admin.subscribeWebhook({ url: hook.url, verifierToken: 'verifier-2', format: 'cloudevents' });
        const created = (await h.api('POST', '/customer', { DisplayName: 'Cloud Co' })).json.Customer;
        await h.api('POST', '/customer', { Id: created.Id, SyncToken: '0', sparse: true, Notes: 'changed' });
        await h.emulator.admin.flushWebhooks();
        const events = hook.received.map((r) => JSON.parse(r.body)[0]);
        expect(events.map((e) => e.type)).toEqual(['qbo.customer.created.v1', 'qbo.customer.updated.v1']);
        expect(events[0]).toMatchObject({ specversion: '1.0', intuitentityid: created.Id, intuitaccountid: h.realm });
        expect(hook.received.every((r) => verify(r, 'verifier-2'))).toBe(true);
    });

    it('only notifies for the subscribed realms', async () => {
        h.emulator.admin.subscribeWebhook({ url: hook.url, verifierToken: 'v', realmIds: ['9130350000000002'] });
        await h.api('POST', '/customer', { DisplayName: 'Quiet Co' });
        await h.emulator.admin.flushWebhooks();
        expect(hook.received).toHaveLength(0);
    });
});

describe('persistence (SQLite via better-sqlite3)', () => {
    let directory: string;
    beforeEach(() => {
        directory = mkdtempSync(join(tmpdir(), 'qbo-emulator-'));
    });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    it('keeps every accepted write, OAuth grants, request ids and faults across a restart', async () => {
        const file = join(directory, 'state.sqlite');
        const clock = new ManualClock();
        const first = await createEmulator({ clock, persistFile: file });
        const grant = first.admin.grant(DEFAULT_CLIENT.clientId, DEFAULT_US_REALM);
        const call = (url: string, path: string, body: unknown) =>
            fetch(`${url}/v3/company/${DEFAULT_US_REALM}${path}`, {
                method: 'POST',
                headers: {
                    Authorization: `Bearer ${grant.access_token}`,
                    'Content-Type': 'application/json',
                    Accept: 'application/json'
                },
                body: JSON.stringify(body)
            }).then(async (r) => ({ status: r.status, json: (await r.json()) as Json }));
        const customer = (await call(first.url, '/customer?requestid=c-1', { DisplayName: 'Durable Co' })).json
            .Customer;
        const invoice = (
            await call(first.url, '/invoice', {
                CustomerRef: { value: customer.Id },
                Line: [
                    { DetailType: 'SalesItemLineDetail', Amount: 75, SalesItemLineDetail: { ItemRef: { value: '1' } } }
                ]
            })
        ).json.Invoice;
        first.admin.setFaults(DEFAULT_US_REALM, { faultStyle: 'lowercase' });
        await first.close();

        const second = await createEmulator({ clock, persistFile: file });
        try {
            const read = await fetch(`${second.url}/v3/company/${DEFAULT_US_REALM}/invoice/${invoice.Id}`, {
                headers: { Authorization: `Bearer ${grant.access_token}`, Accept: 'application/json' }
            });
            expect(read.status).toBe(200);
            expect(((await read.json()) as Json).Invoice).toMatchObject({ TotalAmt: 75, DocNumber: invoice.DocNumber });
            const replay = await call(second.url, '/customer?requestid=c-1', { DisplayName: 'Durable Co' });
            expect(replay.json.Customer.Id).toBe(customer.Id);
            const next = await call(second.url, '/customer', { DisplayName: 'After Restart' });
            expect(Number(next.json.Customer.Id)).toBe(Number(customer.Id) + 1);
            expect(second.admin.faults(DEFAULT_US_REALM).faultStyle).toBe('lowercase');
        } finally {
            await second.close();
        }
    });

    it('forgets companies created at run time when reset, also after a restart', async () => {
        const file = join(directory, 'reset.sqlite');
        const first = await createEmulator({ persistFile: file });
        first.admin.createRealm({ realmId: '555', country: 'US' });
        first.admin.reset();
        await first.close();
        const second = await createEmulator({ persistFile: file });
        try {
            expect(second.admin.realmIds().sort()).toEqual(['9130350000000001', '9130350000000002']);
        } finally {
            await second.close();
        }
    });

    it('reports a taken port clearly', async () => {
        const first = await createEmulator({ port: 0 });
        try {
            await expect(createEmulator({ port: first.port })).rejects.toThrow(`Port ${first.port} is already in use`);
        } finally {
            await first.close();
        }
    });
});

describe('webhook retries (webhooks guide: retry at 20, 30 and 50 minutes for 500/502/503/504/408)', () => {
    it('retries a 503 on the shared clock and stops after three retries', async () => {
        const h = await startHarness();
        const bodies: string[] = [];
        const server = createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (c: Buffer) => chunks.push(c));
            req.on('end', () => {
                bodies.push(Buffer.concat(chunks).toString('utf8'));
                res.writeHead(503).end();
            });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        try {
            const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
            h.emulator.admin.subscribeWebhook({ url, verifierToken: 'v' });
            await h.api('POST', '/customer', { DisplayName: 'Retry Co' });
            await h.emulator.admin.flushWebhooks();
            expect(bodies).toHaveLength(1);
            h.clock.advance(19 * 60_000);
            await h.emulator.admin.flushWebhooks();
            expect(bodies).toHaveLength(1);
            for (const minutes of [1, 30, 50, 50]) {
                h.clock.advance(minutes * 60_000);
                await h.emulator.admin.flushWebhooks();
            }
            expect(bodies).toHaveLength(4);
            expect(new Set(bodies).size).toBe(1);
            expect(h.emulator.admin.webhookDeliveries().map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
        } finally {
            await h.close();
            await new Promise((resolve) => server.close(resolve));
        }
    });

    it('renders lastUpdated like Intuit’s sample (2015-10-05T14:42:19-0700) and sends Intuit’s notification headers', async () => {
        const h = await startHarness();
        const hook = await receiver();
        try {
            h.emulator.admin.subscribeWebhook({ url: hook.url, verifierToken: 'v' });
            await h.api('POST', '/customer', { DisplayName: 'Header Co' });
            await h.emulator.admin.flushWebhooks();
            const entity = JSON.parse(hook.received[0].body).eventNotifications[0].dataChangeEvent.entities[0];
            expect(entity.lastUpdated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/);
            expect(hook.received[0].contentType).toBe('application/json; charset=utf-8');
        } finally {
            await h.close();
            await new Promise((resolve) => hook.server.close(resolve));
        }
    });
});
