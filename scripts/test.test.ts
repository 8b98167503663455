import { check, runStages, summary, type Stage } from './test';

const node = process.execPath;
const script = (code: string) => ['-e', code];

async function run(stages: Stage[]) {
    const lines: string[] = [];
    const totals = await runStages(stages, (line) => lines.push(line));
    return { totals, lines };
}

describe('npm test aggregator', () => {
    it('counts a check stage as one test and sums every stage into the closing line', async () => {
        const { totals, lines } = await run([
            check('passes', node, script('process.exit(0)')),
            check('fails', node, script('console.log("the reason"); process.exit(2)')),
            summary('runner', node, script('console.log("7 passed, 0 failed")'), 'package.json')
        ]);
        expect(totals).toEqual({ passed: 8, failed: 1 });
        expect(lines.at(-1)).toBe('8 passed, 1 failed');
        expect(lines).toContain('    the reason');
    });

    it('takes the counts of a runner from its closing line', async () => {
        const { totals } = await run([
            summary('runner', node, script('console.log("3 passed, 2 failed"); process.exit(1)'), 'package.json')
        ]);
        expect(totals).toEqual({ passed: 3, failed: 2 });
    });

    it('fails a runner that exits non-zero although its closing line reports no failure', async () => {
        const { totals } = await run([
            summary('runner', node, script('console.log("4 passed, 0 failed"); process.exit(1)'), 'package.json')
        ]);
        expect(totals).toEqual({ passed: 4, failed: 1 });
    });

    it('fails a runner that prints no closing line', async () => {
        const { totals, lines } = await run([summary('runner', node, script('console.log("done")'), 'package.json')]);
        expect(totals).toEqual({ passed: 0, failed: 1 });
        expect(lines.join('\n')).toContain('no closing "N passed, N failed" line');
    });

    it('fails, never skips, a runner whose entry file does not exist', async () => {
        const { totals, lines } = await run([summary('runner', node, script(''), 'tools/nowhere/cli.ts')]);
        expect(totals).toEqual({ passed: 0, failed: 1 });
        expect(lines.join('\n')).toContain('tools/nowhere/cli.ts does not exist yet');
    });

    it('counts nothing for a check that does not apply to this checkout', async () => {
        const { totals, lines } = await run([check('lwc', node, script(''), { onlyIf: 'no/such/tsconfig.json' })]);
        expect(totals).toEqual({ passed: 0, failed: 0 });
        expect(lines[0]).toBe('- lwc: not applicable (no/such/tsconfig.json not present)');
    });

    it('counts a stage that throws as one failure and still ends with the closing line', async () => {
        const { totals, lines } = await run([
            {
                name: 'broken',
                run: () => Promise.reject(new Error('boom'))
            }
        ]);
        expect(totals).toEqual({ passed: 0, failed: 1 });
        expect(lines.at(-1)).toBe('0 passed, 1 failed');
    });
});
