/**
 * `apex exec FILE.apex` — run anonymous Apex against the project's org, then its committed async work.
 * `apex test [Class ...]` — run @IsTest classes, print per-method results, coverage and `N passed, N failed`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Runtime } from './interpreter/runtime';
import { TestRunner } from './interpreter/testing';
import { runAnonymous } from './interpreter/anonymous';
import { LoadError } from './interpreter/errors';

function findProjectDir(start: string): string {
    let dir = start;
    for (;;) {
        if (fs.existsSync(path.join(dir, 'sfdx-project.json'))) return dir;
        const up = path.dirname(dir);
        if (up === dir) return start;
        dir = up;
    }
}

function printLoadError(e: LoadError) {
    const all = e.all;
    for (const x of all.slice(0, 20)) process.stderr.write(`${x.file}:${x.line}: ${x.detail}\n`);
    if (all.length > 20) process.stderr.write(`… and ${all.length - 20} more load errors\n`);
}

function exec(rt: Runtime, file: string): number {
    const r = runAnonymous(rt, fs.readFileSync(file, 'utf8'), file);
    for (const a of r.asyncErrors) process.stderr.write(a + '\n');
    if (r.error) {
        process.stderr.write(r.error + '\n');
        if (r.where) process.stderr.write(`    at ${r.where}\n`);
        return 1;
    }
    return 0;
}

function test(rt: Runtime, names: string[]): number {
    const runner = new TestRunner(rt);
    rt.it.collectCoverage = true;
    let classes = runner.testClasses();
    if (names.length) {
        const wanted = new Set(names.map((n) => n.toLowerCase()));
        const known = new Set(classes.map((c) => c.n));
        for (const n of wanted) {
            if (!known.has(n)) {
                process.stderr.write(`No test class named ${n}\n`);
                return 1;
            }
        }
        classes = classes.filter((c) => wanted.has(c.n));
    }
    const out = (l: string) => process.stdout.write(l + '\n');
    let passed = 0;
    let failed = 0;
    const t0 = Date.now();
    for (const c of classes) {
        for (const r of runner.runClass(c, out)) {
            if (r.passed) passed++;
            else failed++;
        }
    }
    const rows = runner.coverage().filter((r) => r.covered > 0 || !names.length);
    if (rows.length) {
        out('');
        out('Code coverage (executed lines / executable lines)');
        const w = Math.max(...rows.map((r) => r.name.length), 10);
        let c = 0;
        let t = 0;
        for (const r of rows) {
            c += r.covered;
            t += r.total;
            out(
                `  ${r.name.padEnd(w)}  ${String(r.covered).padStart(5)} / ${String(r.total).padEnd(5)} ${pct(r.covered, r.total).padStart(5)}`
            );
        }
        out(`  ${'Total'.padEnd(w)}  ${String(c).padStart(5)} / ${String(t).padEnd(5)} ${pct(c, t).padStart(5)}`);
        out('');
    }
    out(`Ran ${passed + failed} tests in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    out(`${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
}

function pct(c: number, t: number): string {
    return t ? `${Math.floor((c / t) * 100)}%` : '-';
}

async function main(argv: string[]): Promise<number> {
    const args = [...argv];
    let configFile = process.env.APEX_ORG_CONFIG;
    const ci = args.indexOf('--config');
    if (ci >= 0) {
        configFile = args[ci + 1];
        args.splice(ci, 2);
    }
    const [cmd, ...rest] = args;
    if (cmd !== 'exec' && cmd !== 'test') {
        process.stderr.write('usage: apex [--config org-config.json] exec FILE.apex | test [ClassName ...]\n');
        return 2;
    }
    const projectDir = findProjectDir(process.cwd());
    const rt = new Runtime({ projectDir, configFile: configFile ? path.resolve(configFile) : undefined });
    try {
        await rt.load();
    } catch (e) {
        if (e instanceof LoadError) {
            printLoadError(e);
            return 1;
        }
        throw e;
    }
    if (cmd === 'exec') {
        if (!rest.length) {
            process.stderr.write('usage: apex exec FILE.apex [MORE.apex …]\n');
            return 2;
        }
        // several scripts run one after another against the same org: each is its own transaction + async work
        for (const file of rest) {
            const code = exec(rt, path.resolve(file));
            if (code) return code;
        }
        return 0;
    }
    return test(rt, rest);
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
        process.stderr.write(`apex runtime internal error: ${(e as Error)?.stack ?? e}\n`);
        process.exit(70);
    }
);
