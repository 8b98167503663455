import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

describe('LWC Jest fixtures', () => {
    it('are what the real Apex controllers return on the local Apex runtime (regenerate with scripts/generate-lwc-fixtures.ts)', () => {
        const run = spawnSync('npx', ['tsx', 'scripts/generate-lwc-fixtures.ts', '--check'], {
            cwd: ROOT,
            encoding: 'utf8'
        });

        expect(`${run.stdout}${run.stderr}`).toMatch(/^\d+ fixtures match, 0 drifted$/m);
        expect(run.status).toBe(0);
    }, 300_000);
});
