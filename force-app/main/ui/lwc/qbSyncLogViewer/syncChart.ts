import { formatDay } from 'c/qbUtils';

/**
 * Geometry of the "syncs per day" bar chart: pure functions, so the component only binds the numbers. The bars are
 * an SVG stretched to the card's width; the day labels are HTML placed by percent below it, so their text is never
 * stretched with the bars, and the first and last labels are aligned to the edges instead of cut off by them.
 */
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 140;
const BAR_GAP = 2;
const DAY_LABEL_EVERY = 7;

export interface ChartBar {
    key: string;
    label: string;
    x: number;
    width: number;
    succeededY: number;
    succeededHeight: number;
    failedY: number;
    failedHeight: number;
    showDayLabel: boolean;
    /** Where the day label sits under the bar: `left` in percent of the width, anchored so it stays inside. */
    labelStyle: string;
    dayLabel: string;
}

export interface ChartModel {
    bars: ChartBar[];
    /** The bars that carry a day label under the chart. */
    dayLabels: ChartBar[];
    totalSucceeded: number;
    totalFailed: number;
    description: string;
}

function syncsOn(count: QbApex.DailyCount): number {
    return (count.succeeded ?? 0) + (count.failed ?? 0);
}

function describe(counts: QbApex.DailyCount[], totalSucceeded: number, totalFailed: number): string {
    if (totalSucceeded + totalFailed === 0) {
        return 'No syncs in this period.';
    }
    const busiest = counts.reduce((best, count) => (syncsOn(count) > syncsOn(best) ? count : best));
    return (
        `From ${formatDay(counts[0].day)} to ${formatDay(counts[counts.length - 1].day)}: ` +
        `${totalSucceeded} succeeded, ${totalFailed} failed. ` +
        `Busiest day ${formatDay(busiest.day)} with ${syncsOn(busiest)} syncs.`
    );
}

function labelStyle(centre: number): string {
    const percent = Math.round((centre / CHART_WIDTH) * 10000) / 100;
    if (percent < 10) {
        return 'left: 0';
    }
    if (percent > 90) {
        return 'right: 0';
    }
    return `left: ${percent}%; transform: translateX(-50%)`;
}

/** Stacked bars (succeeded at the bottom, failed on top) scaled to the busiest day. */
export function buildChart(counts: QbApex.DailyCount[]): ChartModel {
    const plotHeight = CHART_HEIGHT;
    const slot = CHART_WIDTH / Math.max(1, counts.length);
    const scale = plotHeight / Math.max(1, ...counts.map(syncsOn));
    const bars = counts.map((count, index) => {
        const succeeded = count.succeeded ?? 0;
        const failed = count.failed ?? 0;
        const succeededHeight = succeeded * scale;
        const failedHeight = failed * scale;
        const x = index * slot + BAR_GAP / 2;
        const width = Math.max(1, slot - BAR_GAP);
        return {
            key: count.day,
            label: `${formatDay(count.day)}: ${succeeded} succeeded, ${failed} failed`,
            x,
            width,
            succeededY: plotHeight - succeededHeight,
            succeededHeight,
            failedY: plotHeight - succeededHeight - failedHeight,
            failedHeight,
            // counted back from the newest day, so today is always labelled under its own bar
            showDayLabel: (counts.length - 1 - index) % DAY_LABEL_EVERY === 0,
            labelStyle: labelStyle(x + width / 2),
            dayLabel: formatDay(count.day)
        };
    });
    const totalSucceeded = counts.reduce((sum, count) => sum + (count.succeeded ?? 0), 0);
    const totalFailed = counts.reduce((sum, count) => sum + (count.failed ?? 0), 0);
    return {
        bars,
        dayLabels: bars.filter((bar) => bar.showDayLabel),
        totalSucceeded,
        totalFailed,
        description: describe(counts, totalSucceeded, totalFailed)
    };
}
