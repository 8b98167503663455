/**
 * `npm test`: the whole local gate. Runs every stage in STAGES in order, prints each stage's
 * result, test count and duration (and the relevant output when it fails), and always ends with
 * exactly one line `N passed, N failed`. Exits 1 when anything failed.
 *
 * Adding a suite is one line in STAGES:
 * - check(name, command, args)       a tool that passes or fails as a whole (counts as 1 test);
 * - jestStage(project, {coverage})   one Jest project of jest.config.js, counted per test via --json;
 * - summary(name, command, args, f)  a runner that prints `N passed, N failed` as its last line;
 *                                    fails loudly (does not skip) while its entry file f is missing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const LWC_TSCONFIG = 'force-app/main/ui/lwc/tsconfig.json';
const OUTPUT_TAIL_LINES = 80;
const SUMMARY_LINE = /^(\d+) passed, (\d+) failed$/;
/** A stage still running after this long is stopped (with all its child processes) and fails. */
const STAGE_TIMEOUT_MS = 20 * 60 * 1000;

export interface StageResult {
    passed: number;
    failed: number;
    /** What to show when the stage failed. */
    details: string;
    /** Set when the stage does not apply to this checkout (nothing counted). */
    notApplicable?: string;
    /** One line printed under the stage result whether it passed or not (e.g. coverage). */
    note?: string;
}

export interface Stage {
    name: string;
    run: () => Promise<StageResult>;
}

interface RunOutput {
    status: number;
    output: string;
}

/** Stage processes run in their own process group (so a timeout stops all of them); Ctrl-C stops them too. */
const running = new Set<number>();

function stopStagesOnSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.on(signal, () => {
            for (const pid of running) process.kill(-pid, 'SIGKILL');
            process.exit(130);
        });
    }
}

function execute(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunOutput> {
    return new Promise((resolvePromise) => {
        const child = spawn(command, args, {
            cwd: ROOT,
            env: {
                ...process.env,
                PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
                NO_COLOR: '1',
                ...env
            },
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: true
        });
        if (child.pid !== undefined) running.add(child.pid);
        let output = '';
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        }, STAGE_TIMEOUT_MS);
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('error', (error) => {
            clearTimeout(timer);
            resolvePromise({ status: 127, output: `${output}\n${error.message}` });
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            if (child.pid !== undefined) running.delete(child.pid);
            if (timedOut) output += `\nstopped after ${STAGE_TIMEOUT_MS / 60000} minutes`;
            resolvePromise({ status: timedOut ? 124 : (code ?? (signal ? 128 : 1)), output });
        });
    });
}

function tail(text: string, lines = OUTPUT_TAIL_LINES): string {
    const all = text.trimEnd().split('\n');
    const shown = all.slice(-lines);
    return (all.length > lines ? `… (${all.length - lines} earlier lines)\n` : '') + shown.join('\n');
}

export function check(name: string, command: string, args: string[], options: { onlyIf?: string } = {}): Stage {
    return {
        name,
        run: async () => {
            if (options.onlyIf && !existsSync(join(ROOT, options.onlyIf))) {
                return { passed: 0, failed: 0, details: '', notApplicable: `${options.onlyIf} not present` };
            }
            const { status, output } = await execute(command, args, { SF_DISABLE_TELEMETRY: 'true' });
            return status === 0
                ? { passed: 1, failed: 0, details: '' }
                : { passed: 0, failed: 1, details: tail(output) };
        }
    };
}

interface JestJson {
    numPassedTests: number;
    numFailedTests: number;
    numRuntimeErrorTestSuites: number;
    success: boolean;
    testResults: {
        name: string;
        status: string;
        message: string;
        assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
    }[];
}

function jestStage(project: string, options: { coverage?: boolean } = {}): Stage {
    return {
        name: `jest (${project})`,
        run: async () => {
            const dir = mkdtempSync(join(tmpdir(), 'jest-json-'));
            const file = join(dir, 'results.json');
            try {
                const { status, output } = await execute('jest', [
                    '--ci',
                    // A suite that leaks a server or timer must not hang the gate once its results are in.
                    '--forceExit',
                    '--selectProjects',
                    project,
                    '--json',
                    `--outputFile=${file}`,
                    ...(options.coverage ? ['--coverage'] : [])
                ]);
                if (!existsSync(file)) {
                    return {
                        passed: 0,
                        failed: 1,
                        details: `Jest wrote no results (exit ${status}):\n${tail(output)}`
                    };
                }
                const results = JSON.parse(readFileSync(file, 'utf8')) as JestJson;
                const failedTests = results.testResults.flatMap((suite) =>
                    suite.assertionResults
                        .filter((test) => test.status === 'failed')
                        .map((test) => `✘ ${test.fullName}\n${tail(test.failureMessages.join('\n'), 25)}`)
                );
                const brokenSuites = results.testResults
                    .filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0)
                    .map((suite) => `✘ ${suite.name} did not run:\n${tail(suite.message, 25)}`);
                let failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
                const details = [...brokenSuites, ...failedTests];
                if (status !== 0 && failed === 0) {
                    failed = 1;
                    details.push(`Jest exited ${status} with no failed test:\n${tail(output)}`);
                }
                const coverage = /^Lines\s*:.*$/m.exec(output)?.[0];
                return {
                    passed: results.numPassedTests,
                    failed,
                    details: details.join('\n\n'),
                    note: coverage ? `coverage ${coverage.replace(/\s+/g, ' ')}` : undefined
                };
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
        }
    };
}

export function summary(name: string, command: string, args: string[], entryFile: string): Stage {
    return {
        name,
        run: async () => {
            if (!existsSync(join(ROOT, entryFile))) {
                return { passed: 0, failed: 1, details: `${entryFile} does not exist yet: this suite cannot run.` };
            }
            const { status, output } = await execute(command, args);
            const last = output.trimEnd().split('\n').pop()?.trim() ?? '';
            const counts = SUMMARY_LINE.exec(last);
            if (!counts) {
                return {
                    passed: 0,
                    failed: 1,
                    details: `no closing "N passed, N failed" line (exit ${status}):\n${tail(output)}`
                };
            }
            const passed = Number(counts[1]);
            let failed = Number(counts[2]);
            if (status !== 0 && failed === 0) failed = 1;
            return { passed, failed, details: failed > 0 ? tail(output) : '' };
        }
    };
}

/** The stages of `npm test`, in order. */
const STAGES: Stage[] = [
    check('eslint', 'eslint', ['.']),
    check('prettier --check', 'prettier', ['--check', '.']),
    check('tsc (tools, scripts)', 'tsc', ['--noEmit', '-p', 'tsconfig.json']),
    check('tsc (LWC)', 'tsc', ['--noEmit', '-p', LWC_TSCONFIG], { onlyIf: LWC_TSCONFIG }),
    check('import cycles (tools, scripts)', 'tsx', ['tools/checks/import-cycles.ts']),
    check('metadata (sf project convert source)', 'tsx', ['tools/checks/metadata-validation.ts']),
    check('Apex semantics (apexlink)', 'tsx', ['tools/checks/apex-semantic-check.ts']),
    check('Code Analyzer (PMD security rules)', 'tsx', ['tools/checks/code-analyzer.ts']),
    jestStage('tools'),
    // Coverage is global in Jest; jest.config.js scopes it (and its threshold) to the LWC sources.
    jestStage('lwc', { coverage: true }),
    summary('Apex tests', 'npm', ['run', '--silent', 'apex', '--', 'test'], 'tools/apex-runtime/src/cli.ts'),
    check('soak: 200 deals, seed 1 (0 duplicates, 0 lost, 0 stranded)', 'tsx', [
        'scripts/soak.ts',
        '--deals',
        '200',
        '--seed',
        '1'
    ]),
    summary('e2e (playground in Chromium)', 'tsx', ['tools/playground/test/e2e.ts'], 'tools/playground/test/e2e.ts')
];

/** Runs the stages in order, printing each result; the last line printed is always `N passed, N failed`. */
export async function runStages(stages: Stage[], print: (line: string) => void = console.log) {
    let passed = 0;
    let failed = 0;
    for (const stage of stages) {
        const started = Date.now();
        let result: StageResult;
        try {
            result = await stage.run();
        } catch (error) {
            const details = error instanceof Error ? (error.stack ?? error.message) : String(error);
            result = { passed: 0, failed: 1, details };
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        passed += result.passed;
        failed += result.failed;
        if (result.notApplicable) {
            print(`- ${stage.name}: not applicable (${result.notApplicable})`);
            continue;
        }
        const mark = result.failed > 0 ? 'FAIL' : 'ok  ';
        print(`${mark} ${stage.name}: ${result.passed} passed, ${result.failed} failed (${seconds}s)`);
        if (result.note) print(`     ${result.note}`);
        if (result.failed > 0 && result.details) print(result.details.replace(/^/gm, '    '));
    }
    print(`${passed} passed, ${failed} failed`);
    return { passed, failed };
}

if (require.main === module) {
    stopStagesOnSignals();
    runStages(STAGES)
        .then(({ failed }) => {
            process.exitCode = failed > 0 ? 1 : 0;
        })
        .catch((error: unknown) => {
            console.error(error);
            console.log('0 passed, 1 failed');
            process.exitCode = 1;
        });
}
