/**
 * Benchmark: runs every Apex test class of the package on the runtime and prints tests per second.
 * Usage: npx tsx tools/apex-runtime/bench.ts
 */
import * as path from 'path';
import { Runtime, TestRunner } from './src';

async function main(): Promise<void> {
    const t0 = Date.now();
    const rt = new Runtime({ projectDir: path.resolve(__dirname, '..', '..') });
    await rt.load();
    const loadMs = Date.now() - t0;
    const runner = new TestRunner(rt);
    rt.it.collectCoverage = true;
    let tests = 0;
    let passed = 0;
    const t1 = Date.now();
    for (const c of runner.testClasses()) {
        for (const r of runner.runClass(c, () => undefined)) {
            tests++;
            if (r.passed) passed++;
        }
    }
    const runMs = Date.now() - t1;
    process.stdout.write(`load ${loadMs} ms, ${tests} tests (${passed} passed) in ${runMs} ms\n`);
    process.stdout.write(`${((tests / Math.max(runMs, 1)) * 1000).toFixed(1)} tests per second\n`);
}

main().catch((e) => {
    process.stderr.write(String(e?.stack ?? e) + '\n');
    process.exit(1);
});
