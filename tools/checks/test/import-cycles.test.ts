import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkImportCycles, findCycles } from '../import-cycles';

const FIXTURE = join(__dirname, '..', 'fixtures', 'import-cycle');
const TOOL = resolve(__dirname, '..', 'import-cycles.ts');
const TSX = resolve(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

jest.setTimeout(60_000);

/** A temporary copy of the fixture with one line of one file replaced. */
function fixtureWith(file: string, search: string, replacement: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'import-cycle-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const path = join(dir, file);
    const source = readFileSync(path, 'utf8');
    expect(source).toContain(search);
    writeFileSync(path, source.replace(search, replacement));
    return dir;
}

describe('import cycle check', () => {
    const temporary: string[] = [];
    afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    it('names each planted cycle, type-only imports, re-exports and dynamic import() included', () => {
        const result = checkImportCycles(FIXTURE, ['src']);
        expect(result.modules).toBe(6);
        expect(result.cycles).toEqual([
            'src/colours.ts → src/palette.ts → src/shapes.ts → src/colours.ts',
            'src/engine.ts → src/plugin.ts → src/engine.ts'
        ]);
    });

    it('passes once a cycle is broken, and reports the one left', () => {
        const dir = fixtureWith(
            'src/plugin.ts',
            "import type { Engine } from './engine';",
            'type Engine = { name: string };'
        );
        temporary.push(dir);
        expect(checkImportCycles(dir, ['src']).cycles).toEqual([
            'src/colours.ts → src/palette.ts → src/shapes.ts → src/colours.ts'
        ]);
    });

    it('fails from the command line with exit code 1, listing the cycles; exits 0 without one', () => {
        const failing = spawnSync(TSX, [TOOL, 'src', 'scripts'], { cwd: FIXTURE, encoding: 'utf8' });
        expect(failing.status).toBe(1);
        expect(failing.stderr).toContain('2 import cycle(s)');
        expect(failing.stderr).toContain('src/engine.ts → src/plugin.ts → src/engine.ts');

        const dir = fixtureWith('src/palette.ts', "await import('./shapes')", '{ SHAPES: [] }');
        temporary.push(dir);
        writeFileSync(
            join(dir, 'src', 'plugin.ts'),
            'export const describePlugin = (engine: { name: string }) => engine.name;\n'
        );
        const passing = spawnSync(TSX, [TOOL, 'src', 'scripts'], { cwd: dir, encoding: 'utf8' });
        expect(passing.stderr).toBe('');
        expect(passing.status).toBe(0);
        expect(passing.stdout).toContain('No import cycles among 7 modules under src, scripts.');
    });

    it('finds a module that imports itself', () => {
        expect(findCycles(new Map([['/a.ts', ['/a.ts']]]))).toEqual([['/a.ts', '/a.ts']]);
    });
});
