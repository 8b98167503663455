import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const PRETTIER = join(ROOT, 'node_modules', '.bin', 'prettier');

jest.setTimeout(60_000);

describe('Prettier check (the `prettier --check .` stage of npm test)', () => {
    it('fails on an unformatted Apex class and names the file', () => {
        const run = spawnSync(PRETTIER, ['--check', '.'], {
            cwd: join(__dirname, '..', 'fixtures', 'prettier-violation'),
            encoding: 'utf8'
        });
        expect(run.status).toBe(1);
        expect(run.stdout + run.stderr).toContain('[warn] force-app/main/default/classes/PlantedUnformatted.cls');
    });

    it('passes the planted class once it is formatted', () => {
        const run = spawnSync(PRETTIER, ['--check', 'force-app/main/default/classes/PlantedUnknownField.cls'], {
            cwd: join(__dirname, '..', 'fixtures', 'unknown-field'),
            encoding: 'utf8'
        });
        expect(run.stdout + run.stderr).toContain('All matched files use Prettier code style!');
        expect(run.status).toBe(0);
    });
});
