/**
 * Apex Date, Datetime and Time. A Date is a calendar day with no zone; a Datetime is an instant (epoch ms) that
 * Apex renders in the running user's time zone (local methods) or in GMT (…Gmt methods); a Time is a wall-clock time.
 */
const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
    const s = String(Math.abs(n));
    return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

/** Days since 1970-01-01 for a proleptic Gregorian date. */
export function daysFromCivil(y: number, m: number, d: number): number {
    return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS) + (y >= 0 && y < 100 ? 0 : 0);
}

function civil(days: number): { year: number; month: number; day: number } {
    const dt = new Date(days * DAY_MS);
    return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() };
}

export function isLeapYear(y: number): boolean {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
    return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export class ApexDate {
    /** days since epoch */
    readonly epochDay: number;
    constructor(epochDay: number) {
        this.epochDay = epochDay;
    }
    static of(year: number, month: number, day: number): ApexDate {
        const d = new Date(0);
        d.setUTCFullYear(year, month - 1, day);
        return new ApexDate(Math.floor(d.getTime() / DAY_MS));
    }
    /** Date.valueOf('2024-02-29') / '2024-02-29 10:00:00' */
    static parseIso(text: string): ApexDate | null {
        const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
        if (!m) return null;
        return ApexDate.of(+m[1], +m[2], +m[3]);
    }
    get parts() {
        return civil(this.epochDay);
    }
    year(): number {
        return this.parts.year;
    }
    month(): number {
        return this.parts.month;
    }
    day(): number {
        return this.parts.day;
    }
    dayOfYear(): number {
        return this.epochDay - ApexDate.of(this.year(), 1, 1).epochDay + 1;
    }
    /** 0 = Sunday */
    dayOfWeek(): number {
        return (((this.epochDay + 4) % 7) + 7) % 7;
    }
    addDays(n: number): ApexDate {
        return new ApexDate(this.epochDay + n);
    }
    addMonths(n: number): ApexDate {
        const { year, month, day } = this.parts;
        const total = year * 12 + (month - 1) + n;
        const ny = Math.floor(total / 12);
        const nm = (total % 12) + 1;
        return ApexDate.of(ny, nm, Math.min(day, daysInMonth(ny, nm)));
    }
    addYears(n: number): ApexDate {
        return this.addMonths(n * 12);
    }
    daysBetween(other: ApexDate): number {
        return other.epochDay - this.epochDay;
    }
    /** Apex monthsBetween ignores the day of month. */
    monthsBetween(other: ApexDate): number {
        return other.year() * 12 + other.month() - (this.year() * 12 + this.month());
    }
    toStartOfMonth(): ApexDate {
        return ApexDate.of(this.year(), this.month(), 1);
    }
    /** Start of week for the en_US locale (Sunday). */
    toStartOfWeek(): ApexDate {
        return this.addDays(-this.dayOfWeek());
    }
    compareTo(o: ApexDate): number {
        return this.epochDay - o.epochDay;
    }
    /** String.valueOf(Date): yyyy-MM-dd */
    toString(): string {
        const { year, month, day } = this.parts;
        return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    }
    /** Date.format() in the en_US locale: M/d/yyyy */
    format(): string {
        const { year, month, day } = this.parts;
        return `${month}/${day}/${year}`;
    }
}

export class ApexTime {
    /** ms since midnight */
    readonly ms: number;
    constructor(ms: number) {
        this.ms = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
    }
    static of(h: number, m: number, s: number, ms: number): ApexTime {
        return new ApexTime(((h * 60 + m) * 60 + s) * 1000 + ms);
    }
    hour(): number {
        return Math.floor(this.ms / 3_600_000);
    }
    minute(): number {
        return Math.floor(this.ms / 60_000) % 60;
    }
    second(): number {
        return Math.floor(this.ms / 1000) % 60;
    }
    millisecond(): number {
        return this.ms % 1000;
    }
    addHours(n: number): ApexTime {
        return new ApexTime(this.ms + n * 3_600_000);
    }
    addMinutes(n: number): ApexTime {
        return new ApexTime(this.ms + n * 60_000);
    }
    addSeconds(n: number): ApexTime {
        return new ApexTime(this.ms + n * 1000);
    }
    addMilliseconds(n: number): ApexTime {
        return new ApexTime(this.ms + n);
    }
    /** String.valueOf(Time): HH:mm:ss.SSSZ */
    toString(): string {
        return `${pad(this.hour())}:${pad(this.minute())}:${pad(this.second())}.${pad(this.millisecond(), 3)}Z`;
    }
}

interface ZoneParts {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
    let f = formatters.get(tz);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone: tz,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
        formatters.set(tz, f);
    }
    return f;
}

/** Wall-clock parts of an instant in a time zone. */
export function zoneParts(epochMs: number, tz: string): ZoneParts {
    if (tz === 'GMT' || tz === 'UTC') {
        const d = new Date(epochMs);
        return {
            year: d.getUTCFullYear(),
            month: d.getUTCMonth() + 1,
            day: d.getUTCDate(),
            hour: d.getUTCHours(),
            minute: d.getUTCMinutes(),
            second: d.getUTCSeconds()
        };
    }
    const out: Record<string, number> = {};
    for (const p of formatter(tz).formatToParts(new Date(epochMs))) {
        if (p.type !== 'literal') out[p.type] = parseInt(p.value, 10);
    }
    return {
        year: out.year,
        month: out.month,
        day: out.day,
        hour: out.hour % 24,
        minute: out.minute,
        second: out.second
    };
}

/** Offset (ms) of a zone at an instant: local wall time − UTC. */
export function zoneOffset(epochMs: number, tz: string): number {
    const p = zoneParts(epochMs, tz);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** The instant at which a wall-clock time occurs in a zone (first occurrence across DST changes). */
export function instantOfWall(
    tz: string,
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0,
    ms = 0
): number {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, minute, second, ms);
    const wall = d.getTime();
    let guess = wall - zoneOffset(wall, tz);
    guess = wall - zoneOffset(guess, tz);
    return guess;
}

export class ApexDatetime {
    readonly epochMs: number;
    constructor(epochMs: number) {
        this.epochMs = epochMs;
    }
    local(tz: string): ZoneParts {
        return zoneParts(this.epochMs, tz);
    }
    dateIn(tz: string): ApexDate {
        const p = this.local(tz);
        return ApexDate.of(p.year, p.month, p.day);
    }
    timeIn(tz: string): ApexTime {
        const p = this.local(tz);
        return ApexTime.of(p.hour, p.minute, p.second, ((this.epochMs % 1000) + 1000) % 1000);
    }
    addMs(n: number): ApexDatetime {
        return new ApexDatetime(this.epochMs + n);
    }
    /** addDays/addMonths/addYears keep the local wall-clock time in the user's zone. */
    addCalendar(tz: string, months: number, days: number): ApexDatetime {
        const p = this.local(tz);
        const date = ApexDate.of(p.year, p.month, p.day).addMonths(months).addDays(days);
        const ms = ((this.epochMs % 1000) + 1000) % 1000;
        return new ApexDatetime(
            instantOfWall(tz, date.year(), date.month(), date.day(), p.hour, p.minute, p.second, ms)
        );
    }
    compareTo(o: ApexDatetime): number {
        return this.epochMs - o.epochMs;
    }
    /** yyyy-MM-dd HH:mm:ss in the given zone */
    formatIn(tz: string): string {
        const p = this.local(tz);
        return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
    }
    /** JSON / ISO 8601 form used by JSON.serialize: 2024-02-29T10:00:00.000Z */
    toIso(): string {
        return new Date(this.epochMs).toISOString();
    }
}
