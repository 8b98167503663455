/**
 * Outside oracle: runs a public Apex project's own test classes on this runtime, from a temporary export of a
 * read-only git mirror (nothing of theirs is copied into this repository), and prints the pass rate.
 * Usage: npx tsx tools/apex-runtime/oracle.ts <git directory of the project, e.g. a bare clone of apex-recipes>
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LoadError, Runtime, TestRunner, type TestResult } from './src';

async function main(mirror: string): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apex-oracle-'));
    const gitDir = fs.existsSync(path.join(mirror, '.git')) ? path.join(mirror, '.git') : mirror;
    const archive = execFileSync('git', ['--git-dir', gitDir, 'archive', 'HEAD'], {
        maxBuffer: 1 << 30
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    // the standard-object catalogue covers what this package uses; a foreign project references more (EntityDefinition,
    // FieldDefinition, platform events …): report its load errors, then run with load checks relaxed so each class
    // fails or passes on its own
    const strict = new Runtime({ projectDir: dir, orgConfig: { runningUser: { permissionSets: [] } } });
    try {
        await strict.load();
    } catch (e) {
        if (!(e instanceof LoadError)) throw e;
        const all = (e as unknown as { all?: LoadError[] }).all ?? [e];
        process.stdout.write(`load-time errors (a deploy would fail): ${all.length}\n`);
        for (const x of all.slice(0, 10)) process.stdout.write(`  ${x.message}\n`);
    }
    const rt = new Runtime({ projectDir: dir, skipResolve: true, orgConfig: { runningUser: { permissionSets: [] } } });
    await rt.load();
    const runner = new TestRunner(rt);
    const results: TestResult[] = [];
    for (const c of runner.testClasses()) results.push(...runner.runClass(c, (l) => process.stdout.write(l + '\n')));
    const passed = results.filter((r) => r.passed).length;
    process.stdout.write(
        `\noracle ${path.basename(path.dirname(mirror))}: ${passed}/${results.length} passed (${((passed / Math.max(results.length, 1)) * 100).toFixed(1)}%)\n`
    );
    fs.rmSync(dir, { recursive: true, force: true });
}

const gitDirectory = process.argv[2];
if (!gitDirectory) {
    process.stderr.write('Usage: npx tsx tools/apex-runtime/oracle.ts <git directory of a public Apex project>\n');
    process.exit(2);
}
main(gitDirectory).catch((e) => {
    process.stderr.write(String(e?.stack ?? e) + '\n');
    process.exit(1);
});
