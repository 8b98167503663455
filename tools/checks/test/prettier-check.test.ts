import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const PRETTIER = join(ROOT, 'node_modules', '.bin', 'prettier');

jest.setTimeout(60_000);

function prettierCheck(fixture: string, target: string) {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    const run = spawnSync(PRETTIER, ['--check', target], {
        cwd: join(__dirname, '..', 'fixtures', fixture),
        encoding: 'utf8',
        env
    });
    return { status: run.status, output: run.stdout + run.stderr };
}

describe('Prettier check (the `prettier --check .` stage of npm test)', () => {
    it('fails on an unformatted Apex class and names the file', () => {
        const run = prettierCheck('prettier-violation', '.');
        expect(run.output).toContain('[warn] force-app/main/default/classes/PlantedUnformatted.cls');
        expect(run.status).toBe(1);
    });

    it('passes a formatted Apex class', () => {
        const run = prettierCheck('unknown-field', 'force-app/main/default/classes/PlantedUnknownField.cls');
        expect(run.output).toContain('All matched files use Prettier code style!');
        expect(run.status).toBe(0);
    });
});
