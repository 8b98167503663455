import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const TSX = join(REPO, 'node_modules/.bin/tsx');
const CLI = join(REPO, 'tools/qbo-emulator/src/cli.ts');

function start(
    args: string[],
    env: Record<string, string> = {}
): { child: ChildProcess; output: Promise<{ url?: string; code?: number | null; stderr: string }> } {
    const child = spawn(TSX, [CLI, ...args], { cwd: REPO, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    const output = new Promise<{ url?: string; code?: number | null; stderr: string }>((resolvePromise) => {
        child.stdout!.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
            if (url) resolvePromise({ url, stderr });
        });
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code) => resolvePromise({ code, stderr }));
    });
    return { child, output };
}

describe('npm run qbo-emulator (src/cli.ts)', () => {
    let directory: string;
    beforeEach(() => {
        directory = mkdtempSync(join(tmpdir(), 'qbo-cli-'));
    });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    it('serves on the port from QBO_EMULATOR_PORT, persists with --data, and refuses a taken port clearly', async () => {
        const first = start(['--data', join(directory, 'state.sqlite')], { QBO_EMULATOR_PORT: '0' });
        const started = await first.output;
        try {
            expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
            const grant = await fetch(`${started.url}/__admin/oauth/grant`, {
                method: 'POST',
                body: JSON.stringify({ clientId: 'qbo-emulator-client', realmId: '9130350000000001' })
            });
            expect(grant.status).toBe(200);
            const port = new URL(started.url!).port;
            const second = await start(['--port', port]).output;
            expect(second.code).toBe(1);
            expect(second.stderr).toContain(`Port ${port} is already in use`);
        } finally {
            first.child.kill('SIGTERM');
            await new Promise((done) => first.child.on('exit', done));
        }
    }, 30_000);

    it('rejects an unknown argument', async () => {
        const result = await start(['--bogus']).output;
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('unknown argument --bogus');
    }, 30_000);
});
