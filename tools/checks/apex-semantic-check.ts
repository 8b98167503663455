/**
 * Apex semantic check: runs apexlink 2.3.7 (unknown types, fields, methods; type mismatches)
 * over a temporary copy of an SFDX project.
 *
 * apexlink predates some platform API and syntax. Instead of filtering its output (which would
 * hide real errors), the copy is made checkable:
 * - apexlink/platform-patch.ts adds the missing platform types and overloads to apexlink's own
 *   platform library (Assert, AccessLevel, AsyncOptions, Database.queryWithBinds, …);
 * - apexlink/rewrite.ts rewrites newer syntax into equivalent older syntax, line for line
 *   (`??`, `WITH USER_MODE`, `as user`, typed custom metadata accessors).
 * Every line apexlink prints about a file is a failure, reported against the original path.
 *
 * Usage: tsx tools/checks/apex-semantic-check.ts [projectDir]   (default: the repository root)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { apexlinkJarsDir, patchedPlatformJar } from './apexlink/platform-patch';
import { ApexRewriteSyntaxError, rewriteApexSource } from './apexlink/rewrite';

const REPO_ROOT = resolve(__dirname, '..', '..');
const PLATFORM_CACHE = join(REPO_ROOT, 'node_modules', '.cache', 'apexlink-platform');

export interface SemanticCheckResult {
    ok: boolean;
    /** One line per problem: `<path relative to the project>: <apexlink message>`. */
    findings: string[];
    filesChecked: number;
    rewrites: number;
}

function apexFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && /\.(cls|trigger)$/.test(e.name))
        .map((e) => join(e.parentPath, e.name));
}

function copyProject(projectDir: string, copyDir: string): string[] {
    const projectFile = join(projectDir, 'sfdx-project.json');
    const project = JSON.parse(readFileSync(projectFile, 'utf8')) as { packageDirectories: { path: string }[] };
    cpSync(projectFile, join(copyDir, 'sfdx-project.json'));
    const copied: string[] = [];
    for (const { path } of project.packageDirectories) {
        const source = join(projectDir, path);
        if (!existsSync(source)) continue;
        cpSync(source, join(copyDir, path), {
            recursive: true,
            filter: (src) => !src.split(sep).includes('node_modules')
        });
        copied.push(join(copyDir, path));
    }
    return copied;
}

export function checkApexSemantics(projectDir: string): SemanticCheckResult {
    const root = resolve(projectDir);
    const copyDir = mkdtempSync(join(tmpdir(), 'apex-semantic-'));
    const findings: string[] = [];
    const original = (file: string) => relative(copyDir, file);
    try {
        const dirs = copyProject(root, copyDir);
        const files = dirs.flatMap(apexFiles);
        let rewrites = 0;
        for (const file of files) {
            const source = readFileSync(file, 'utf8');
            try {
                const result = rewriteApexSource(source, file.endsWith('.trigger') ? 'trigger' : 'class');
                rewrites += result.rewrites;
                if (result.rewrites > 0) writeFileSync(file, result.text);
            } catch (error) {
                if (!(error instanceof ApexRewriteSyntaxError)) throw error;
                for (const line of error.message.split('\n')) findings.push(`${original(file)}: Syntax: ${line}`);
            }
        }

        const jars = apexlinkJarsDir();
        const classpath = [patchedPlatformJar(PLATFORM_CACHE), join(jars, 'apexlink-2.3.7.jar')].join(':');
        const run = spawnSync('java', ['-cp', classpath, 'com.nawforce.apexlink.ApexLink', '-nocache', copyDir], {
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024
        });
        if (run.error) {
            throw new Error(`could not start java (${run.error.message}); install a Java 17 runtime`);
        }
        let currentFile = '';
        for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
            const trimmed = line.trim();
            if (!trimmed) continue;
            if (trimmed.startsWith(copyDir)) {
                currentFile = original(trimmed);
                continue;
            }
            findings.push(currentFile ? `${currentFile}: ${trimmed}` : trimmed);
        }
        if (run.status !== 0 && findings.length === 0) {
            findings.push(`apexlink exited with status ${run.status} and printed nothing`);
        }
        return { ok: findings.length === 0, findings, filesChecked: files.length, rewrites };
    } finally {
        rmSync(copyDir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const projectDir = process.argv[2] ?? REPO_ROOT;
    const result = checkApexSemantics(projectDir);
    for (const finding of result.findings) console.log(finding);
    console.log(
        `apexlink: ${result.filesChecked} Apex files checked (${result.rewrites} syntax rewrites), ` +
            `${result.findings.length} problem(s)`
    );
    process.exit(result.ok ? 0 : 1);
}
