/**
 * Test harness: runs anonymous Apex (and test classes) on the runtime against a throw-away project directory.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Runtime } from '../src/interpreter/runtime';
import { runAnonymous } from '../src/interpreter/anonymous';
import { TestRunner, TestResult } from '../src/interpreter/testing';
import { ManualClock } from '../src/values/clock';

export interface ExecOutcome {
    out: string[];
    error: string | null;
    asyncErrors: string[];
}

/** A project with the given classes (name → source) under force-app/main/default/classes. */
export function makeProject(classes: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apex-rt-'));
    fs.writeFileSync(
        path.join(dir, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] })
    );
    const cls = path.join(dir, 'force-app', 'main', 'default', 'classes');
    fs.mkdirSync(cls, { recursive: true });
    for (const [name, src] of Object.entries(classes)) {
        fs.writeFileSync(path.join(cls, name + (src.trimStart().startsWith('trigger') ? '.trigger' : '.cls')), src);
    }
    return dir;
}

export async function runtimeFor(
    classes: Record<string, string> = {},
    start = Date.UTC(2026, 10, 26, 12)
): Promise<{ rt: Runtime; out: string[] }> {
    const out: string[] = [];
    const rt = new Runtime({
        projectDir: makeProject(classes),
        clock: new ManualClock(start),
        out: (l) => out.push(l),
        orgConfig: { runningUser: { permissionSets: [] } }
    });
    await rt.load();
    return { rt, out };
}

export async function execApex(source: string, classes: Record<string, string> = {}): Promise<ExecOutcome> {
    const { rt, out } = await runtimeFor(classes);
    const r = runAnonymous(rt, source, 'anonymous.apex');
    return { out, error: r.error, asyncErrors: r.asyncErrors };
}

export async function runTests(classes: Record<string, string>): Promise<TestResult[]> {
    const { rt } = await runtimeFor(classes);
    const runner = new TestRunner(rt);
    const results: TestResult[] = [];
    for (const c of runner.testClasses()) results.push(...runner.runClass(c, () => undefined));
    return results;
}

/**
 * An HTTP server for callout tests, in its own process: the runtime's callouts are synchronous (a child process does
 * the fetch), so a server on this process's event loop could never answer. `handler` is the JavaScript source of a
 * Node `(request, response) => …` listener.
 */
export async function startCalloutServer(handler: string): Promise<{ base: string; stop: () => void }> {
    const script = `require('http').createServer(${handler}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
    const server = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<string>((resolve) => server.stdout!.once('data', (d) => resolve(String(d).trim())));
    return { base: `http://127.0.0.1:${port}`, stop: () => server.kill() };
}
