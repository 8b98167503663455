import { DEFAULT_CLIENT } from '../src';
import { firstError, startHarness, type Harness } from './support/harness';

let h: Harness;
beforeEach(async () => {
    h = await startHarness();
});
afterEach(() => h.close());

const read = () => h.api('GET', '/preferences');
const createCustomer = (name: string, requestId?: string) =>
    h.api('POST', `/customer${requestId ? `?requestid=${requestId}` : ''}`, { DisplayName: name });

// Intuit, "API call limits and throttles" (…/learn/limits-and-throttles): HTTP 429 when throttled.
describe('throttling (Intuit: 500/min per realm, 10/s per realm and app, 40 batch/min) on the shared clock', () => {
    it('answers the 11th request within one second with 429 ThrottleExceeded (3001), and recovers next second', async () => {
        for (let i = 0; i < 10; i++) expect((await read()).status).toBe(200);
        const throttled = await read();
        expect(throttled.status).toBe(429);
        expect(firstError(throttled)).toMatchObject({
            code: '3001',
            Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429'
        });
        h.clock.advance(1000);
        expect((await read()).status).toBe(200);
    });

    it('limits a realm to 500 requests per minute across apps', async () => {
        let served = 0;
        for (let second = 0; second < 50; second++) {
            for (let i = 0; i < 10; i++) if ((await read()).status === 200) served++;
            h.clock.advance(1000);
        }
        expect(served).toBe(500);
        h.clock.advance(1000);
        expect((await read()).status).toBe(429);
        h.clock.advance(10_000);
        expect((await read()).status).toBe(200);
        // 500 real HTTP round trips: the emulator's clock decides throttling, so only wall time needs room here.
    }, 60_000);

    it('limits batch requests to 40 per minute per realm and app', async () => {
        const batch = { BatchItemRequest: [{ bId: '1', Query: 'select * from Term' }] };
        for (let i = 0; i < 40; i++) {
            expect((await h.api('POST', '/batch', batch)).status).toBe(200);
            h.clock.advance(1000);
        }
        expect((await h.api('POST', '/batch', batch)).status).toBe(429);
        expect((await read()).status).toBe(200);
    });

    it('counts the per-second window per app: a second client has its own 10/s', async () => {
        h.emulator.admin.registerClient({ clientId: 'second-app', clientSecret: 's', redirectUris: [] });
        const other = h.emulator.admin.grant('second-app', h.realm).access_token;
        for (let i = 0; i < 10; i++) await read();
        expect((await read()).status).toBe(429);
        expect((await h.api('GET', '/preferences', undefined, { token: other })).status).toBe(200);
    });
});

// Intuit, REST API features (…/learn/rest-api-features#identifiers) and blogs.intuit.com 2015-04-06: a write repeated
// with the same requestid answers the original response instead of acting again.
describe('requestid idempotency', () => {
    it('answers a repeated requestid with the original response and writes once', async () => {
        const first = await createCustomer('Once Co', 'req-1');
        const second = await createCustomer('Once Co', 'req-1');
        expect(second.status).toBe(200);
        expect(second.text).toBe(first.text);
        const count = await h.api(
            'GET',
            `/query?query=${encodeURIComponent("select count(*) from Customer where DisplayName = 'Once Co'")}`
        );
        expect(count.json.QueryResponse.totalCount).toBe(1);
    });

    it('does not share request ids between realms', async () => {
        const caToken = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, '9130350000000002').access_token;
        await createCustomer('Shared Id Co', 'same');
        const other = await h.api(
            'POST',
            '/customer?requestid=same',
            { DisplayName: 'Other Realm Co' },
            { token: caToken, realm: '9130350000000002' }
        );
        expect(other.json.Customer.DisplayName).toBe('Other Realm Co');
    });

    // intuit/QuickBooks-V3-DotNET-SDK issue #352: the same RequestId created two identical payments.
    it('with the "requestid not honoured" fault, a repeat writes again (here: 6240 on the duplicate name)', async () => {
        h.emulator.admin.setFaults(h.realm, { ignoreRequestId: true });
        await createCustomer('Twice Co', 'req-2');
        const repeat = await createCustomer('Twice Co', 'req-2');
        expect(firstError(repeat).code).toBe('6240');
    });
});

describe('fault injection (seeded, per realm)', () => {
    it('commit-then-lose-response: the write happens, the client sees a 504, the retry with the requestid gets the original', async () => {
        h.emulator.admin.setFaults(h.realm, { loseNextWrites: 1, loseResponseMode: 'gateway-timeout' });
        const lost = await createCustomer('Lost Response Co', 'req-lost');
        expect(lost.status).toBe(504);
        const retry = await createCustomer('Lost Response Co', 'req-lost');
        expect(retry.status).toBe(200);
        expect(retry.json.Customer.DisplayName).toBe('Lost Response Co');
        const state = h.emulator.admin.snapshot(h.realm);
        expect(state.entities.Customer.filter((c) => c.DisplayName === 'Lost Response Co')).toHaveLength(1);
    });

    it('commit-then-reset: the connection drops after the write', async () => {
        h.emulator.admin.setFaults(h.realm, { loseNextWrites: 1, loseResponseMode: 'reset' });
        await expect(createCustomer('Reset Co')).rejects.toThrow();
        expect(h.emulator.admin.snapshot(h.realm).entities.Customer.map((c) => c.DisplayName)).toContain('Reset Co');
    });

    it('replays the same 500/503 sequence for the same seed', async () => {
        const run = async (): Promise<number[]> => {
            h.emulator.admin.setFaults(h.realm, { seed: 42, serverErrorRate: 0.3, unavailableRate: 0.2 });
            const statuses: number[] = [];
            for (let i = 0; i < 20; i++) {
                statuses.push((await read()).status);
                h.clock.advance(200);
            }
            return statuses;
        };
        const first = await run();
        expect(first).toContain(500);
        expect(first).toContain(503);
        expect(first).toContain(200);
        expect(await run()).toEqual(first);
    });

    it('a 429 burst answers the next N requests with ThrottleExceeded', async () => {
        h.emulator.admin.setFaults(h.realm, { throttleBurst: 2 });
        expect((await read()).status).toBe(429);
        expect((await read()).status).toBe(429);
        expect((await read()).status).toBe(200);
    });

    it('serves the lower-case fault variant QBO sends (fault/error, epoch time)', async () => {
        h.emulator.admin.setFaults(h.realm, { faultStyle: 'lowercase' });
        const response = await h.api('GET', '/customer/999');
        expect(response.json.fault.error[0]).toMatchObject({ code: '610', message: 'Object Not Found' });
        expect(typeof response.json.time).toBe('number');
        expect(response.json.Fault).toBeUndefined();
    });

    it('serves XML faults for auth and throttling in "mixed" style', async () => {
        h.emulator.admin.setFaults(h.realm, { faultStyle: 'mixed', expiredTokenRate: 1 });
        const response = await read();
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toContain('application/xml');
        expect(response.text).toContain('<IntuitResponse xmlns="http://schema.intuit.com/finance/v3"');
        expect(response.text).toContain('<Error code="3200">');
        h.emulator.admin.setFaults(h.realm, { expiredTokenRate: 0 });
        const validation = await h.api('GET', '/customer/999');
        expect(validation.json.Fault.Error[0].code).toBe('610');
    });

    it('expires every token of a realm on demand (admin) so a client must refresh', async () => {
        h.emulator.admin.expireAccessTokens(h.realm);
        expect((await read()).status).toBe(401);
    });

    it('keeps faults per realm', async () => {
        h.emulator.admin.setFaults('9130350000000002', { serverErrorRate: 1 });
        expect((await read()).status).toBe(200);
    });

    it('adds latency when configured', async () => {
        h.emulator.admin.setFaults(h.realm, { latencyMs: 120 });
        const started = Date.now();
        await read();
        expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    });
});
