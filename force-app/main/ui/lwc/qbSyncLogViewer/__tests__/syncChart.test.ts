import { buildChart, CHART_HEIGHT } from '../syncChart';
import { prettyBody } from 'c/qbSyncLogViewer';

describe('buildChart', () => {
    it('stacks failed on top of succeeded, scaled to the busiest day', () => {
        const chart = buildChart([
            { day: '2026-11-25', succeeded: 2, failed: 2 },
            { day: '2026-11-26', succeeded: 1, failed: 0 }
        ]);

        const [busiest, quiet] = chart.bars;
        const plotHeight = CHART_HEIGHT;
        expect(busiest.succeededHeight).toBe(plotHeight / 2);
        expect(busiest.failedHeight).toBe(plotHeight / 2);
        expect(busiest.failedY).toBe(0);
        expect(busiest.succeededY).toBe(plotHeight / 2);
        expect(quiet.succeededHeight).toBe(plotHeight / 4);
        expect(quiet.failedHeight).toBe(0);
        expect(quiet.x).toBe(301);
        expect(quiet.width).toBe(298);
        expect(busiest.showDayLabel).toBe(false);
        expect(quiet.showDayLabel).toBe(true);
        expect(quiet.labelStyle).toBe('left: 75%; transform: translateX(-50%)');
        expect(chart.totalSucceeded).toBe(3);
        expect(chart.totalFailed).toBe(2);
        expect(chart.description).toBe(
            'From Nov 25 to Nov 26: 3 succeeded, 2 failed. Busiest day Nov 25 with 4 syncs.'
        );
    });

    it('treats missing counts as zero and describes a period without syncs', () => {
        const chart = buildChart([{ day: '2026-11-26', succeeded: null, failed: undefined }]);

        expect(chart.bars[0].succeededHeight).toBe(0);
        expect(chart.bars[0].label).toBe('Nov 26: 0 succeeded, 0 failed');
        expect(chart.description).toBe('No syncs in this period.');
        expect(buildChart([]).bars).toEqual([]);
    });
});

describe('day labels', () => {
    it('labels the newest day, and every seventh before it, keeping edge labels inside the chart', () => {
        const days = Array.from({ length: 30 }, (_, i) => ({
            day: `2026-11-${String(i + 1).padStart(2, '0')}`,
            succeeded: 1,
            failed: 0
        }));
        const labelled = buildChart(days).dayLabels;

        expect(labelled.map((bar) => bar.dayLabel)).toEqual(['Nov 2', 'Nov 9', 'Nov 16', 'Nov 23', 'Nov 30']);
        expect(labelled[0].labelStyle).toBe('left: 0');
        expect(labelled[4].labelStyle).toBe('right: 0');
        expect(labelled[2].labelStyle).toBe('left: 51.67%; transform: translateX(-50%)');
    });
});

describe('prettyBody', () => {
    it('indents JSON, keeps anything else as it is, and shows nothing for no body', () => {
        expect(prettyBody('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
        expect(prettyBody('not json')).toBe('not json');
        expect(prettyBody(null)).toBe('');
        expect(prettyBody('')).toBe('');
    });
});
