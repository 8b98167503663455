/**
 * Conformance: each anonymous execution is its own transaction (Apex Developer Guide › Transaction Control;
 * Callout Limitations: DML or enqueueJob *in the same transaction* before a callout is refused).
 */
import { Runtime } from '../src/interpreter/runtime';
import { runAnonymous } from '../src/interpreter/anonymous';
import { ManualClock } from '../src/values/clock';
import { makeProject, startCalloutServer } from './harness';

describe('transactions across anonymous executions', () => {
    let server: { base: string; stop: () => void };
    let base = '';
    beforeAll(async () => {
        server = await startCalloutServer("(q, s) => { s.end(q.method + ' ' + q.url); }");
        base = server.base;
    });
    afterAll(() => {
        server.stop();
    });

    it('a script that only calls out succeeds after a previous script did DML; DML then callout in one script fails', async () => {
        const out: string[] = [];
        const rt = new Runtime({
            projectDir: makeProject(),
            clock: new ManualClock(Date.UTC(2026, 10, 26, 12)),
            out: (l) => out.push(l),
            orgConfig: { runningUser: { permissionSets: [] }, namedCredentials: { Local: { url: base } } }
        });
        await rt.load();
        const callout =
            "HttpRequest r = new HttpRequest(); r.setMethod('GET'); r.setEndpoint('callout:Local/ping'); System.debug(new Http().send(r).getBody());";
        expect(runAnonymous(rt, "insert new Account(Name = 'A');", 'a.apex').error).toBeNull();
        expect(runAnonymous(rt, callout, 'b.apex').error).toBeNull();
        expect(out).toEqual(['GET /ping']);
        expect(runAnonymous(rt, "insert new Account(Name = 'B'); " + callout, 'c.apex').error).toBe(
            'System.CalloutException: You have uncommitted work pending. Please commit or rollback before calling out'
        );
    });
});
