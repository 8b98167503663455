/**
 * Outside oracle: runs a public Apex project's own test classes on this runtime, from a temporary export of a
 * read-only git mirror (nothing of theirs is copied into this repository), and prints the pass rate.
 * Usage: npx tsx tools/apex-runtime/oracle.ts <git directory of the project> [package directory …]
 * (package directories as sfdx-project.json names them; all of them when none is given)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LoadError, Runtime, TestRunner, type TestResult } from './src';

async function main(mirror: string, packageDirs: string[]): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apex-oracle-'));
    const gitDir = fs.existsSync(path.join(mirror, '.git')) ? path.join(mirror, '.git') : mirror;
    // only the measured package directories: a partial mirror may lack large files elsewhere (images, data)
    const pathspec = packageDirs.length ? ['--', 'sfdx-project.json', ...packageDirs] : [];
    const archive = execFileSync('git', ['--git-dir', gitDir, 'archive', 'HEAD', ...pathspec], {
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 1 << 30
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    if (packageDirs.length) keepPackageDirectories(dir, packageDirs);
    const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const started = Date.now();
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
        for (const x of all) process.stdout.write(`  ${x.message}\n`);
    }
    const rt = new Runtime({ projectDir: dir, skipResolve: true, orgConfig: { runningUser: { permissionSets: [] } } });
    await rt.load();
    const runner = new TestRunner(rt);
    const results: TestResult[] = [];
    for (const c of runner.testClasses()) results.push(...runner.runClass(c, (l) => process.stdout.write(l + '\n')));
    const passed = results.filter((r) => r.passed).length;
    process.stdout.write(
        `\noracle ${path.basename(path.dirname(mirror))}: ${passed}/${results.length} passed (${((passed / Math.max(results.length, 1)) * 100).toFixed(1)}%) at ${commit.slice(0, 7)} in ${Math.round((Date.now() - started) / 1000)} s\n`
    );
    fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Narrows the exported project's sfdx-project.json to the given package directories (paths as written there), so a
 * project holding several packages (a core package and its plugins) is measured one package at a time.
 */
function keepPackageDirectories(dir: string, keep: string[]): void {
    const file = path.join(dir, 'sfdx-project.json');
    const project = JSON.parse(fs.readFileSync(file, 'utf8'));
    const normal = (p: string) => path.normalize(p).replace(/\/$/, '');
    const wanted = new Set(keep.map(normal));
    const dirs = (project.packageDirectories ?? []).filter((d: { path: string }) => wanted.has(normal(d.path)));
    if (dirs.length !== wanted.size)
        throw new Error(`package directories not in sfdx-project.json: ${keep.join(', ')}`);
    project.packageDirectories = dirs;
    fs.writeFileSync(file, JSON.stringify(project, null, 2));
}

const [gitDirectory, ...packageDirs] = process.argv.slice(2);
if (!gitDirectory) {
    process.stderr.write(
        'Usage: npx tsx tools/apex-runtime/oracle.ts <git directory of a public Apex project> [package directory …]\n'
    );
    process.exit(2);
}
main(gitDirectory, packageDirs).catch((e) => {
    process.stderr.write(String(e?.stack ?? e) + '\n');
    process.exit(1);
});
