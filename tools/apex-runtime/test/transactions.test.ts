/**
 * Conformance: each anonymous execution is its own transaction (Apex Developer Guide › Transaction Control;
 * Callout Limitations: DML or enqueueJob *in the same transaction* before a callout is refused).
 */
import { spawn, ChildProcess } from 'child_process';
import { Runtime } from '../src/interpreter/runtime';
import { runAnonymous } from '../src/interpreter/anonymous';
import { ManualClock } from '../src/values/clock';
import { makeProject } from './harness';

describe('transactions across anonymous executions', () => {
    // the runtime's callouts are synchronous (a child process does the fetch), so the server runs in its own process
    let server: ChildProcess;
    let base = '';
    beforeAll(async () => {
        const script =
            "require('http').createServer((q, s) => { s.end(q.method + ' ' + q.url); }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });";
        server = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        const port = await new Promise<string>((resolve) =>
            server.stdout!.once('data', (d) => resolve(String(d).trim()))
        );
        base = `http://127.0.0.1:${port}`;
    });
    afterAll(() => {
        server.kill();
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
