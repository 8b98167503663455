/** QuickBooks renders timestamps in the company's time zone with a numeric offset, e.g. 2015-07-24T10:33:39-07:00. */
const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

interface LocalParts {
    year: string;
    month: string;
    day: string;
    hour: string;
    minute: string;
    second: string;
    offsetMinutes: number;
}

function localParts(epochMs: number, timeZone: string): LocalParts {
    const format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23'
    });
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(epochMs))) parts[part.type] = part.value;
    const asUtc = Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
        Number(parts.second)
    );
    const offsetMinutes = Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
    return {
        year: parts.year,
        month: parts.month,
        day: parts.day,
        hour: parts.hour,
        minute: parts.minute,
        second: parts.second,
        offsetMinutes
    };
}

function formatOffset(offsetMinutes: number): string {
    const sign = offsetMinutes < 0 ? '-' : '+';
    const absolute = Math.abs(offsetMinutes);
    return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

/** MetaData.CreateTime / LastUpdatedTime format: seconds precision with offset. */
export function qboDateTime(epochMs: number, timeZone = DEFAULT_TIME_ZONE): string {
    const p = localParts(epochMs, timeZone);
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${formatOffset(p.offsetMinutes)}`;
}

/** The envelope's `time` field: milliseconds precision with offset. */
export function qboResponseTime(epochMs: number, timeZone = DEFAULT_TIME_ZONE): string {
    const p = localParts(epochMs, timeZone);
    const millis = String(((epochMs % 1000) + 1000) % 1000).padStart(3, '0');
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${millis}${formatOffset(p.offsetMinutes)}`;
}

/** The company's calendar date (yyyy-mm-dd), used for default TxnDate. */
export function qboDate(epochMs: number, timeZone = DEFAULT_TIME_ZONE): string {
    const p = localParts(epochMs, timeZone);
    return `${p.year}-${p.month}-${p.day}`;
}

export function addDays(isoDate: string, days: number): string {
    const [year, month, day] = isoDate.split('-').map(Number);
    return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Parses an ISO date or date-time as QBO accepts in queries and changedSince; NaN when invalid. */
export function parseQboInstant(value: string): number {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value)) return NaN;
    return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
}

export function isIsoDate(value: unknown): value is string {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
