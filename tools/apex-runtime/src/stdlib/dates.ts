/**
 * Date, Datetime, Time and TimeZone: statics, instance methods, and Datetime.format's SimpleDateFormat patterns.
 */
import { NativeObject } from '../interpreter/objects';
import { ApexDate, ApexDatetime, ApexTime, daysInMonth, instantOfWall, isLeapYear } from '../values/datetime';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Java SimpleDateFormat subset. */
export function formatDatetime(d: ApexDatetime, pattern: string, tz: string): string {
    const p = d.local(tz);
    const ms = ((d.epochMs % 1000) + 1000) % 1000;
    const months = [
        'January',
        'February',
        'March',
        'April',
        'May',
        'June',
        'July',
        'August',
        'September',
        'October',
        'November',
        'December'
    ];
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const dow = ApexDate.of(p.year, p.month, p.day).dayOfWeek();
    const offMin = Math.round(
        (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (d.epochMs - ms)) / 60000
    );
    const sign = offMin >= 0 ? '+' : '-';
    const oh = String(Math.floor(Math.abs(offMin) / 60)).padStart(2, '0');
    const om = String(Math.abs(offMin) % 60).padStart(2, '0');
    let out = '';
    let i = 0;
    while (i < pattern.length) {
        const c = pattern[i];
        if (c === "'") {
            const end = pattern.indexOf("'", i + 1);
            out += end === i + 1 ? "'" : pattern.slice(i + 1, end < 0 ? undefined : end);
            i = end < 0 ? pattern.length : end + 1;
            continue;
        }
        if (!/[A-Za-z]/.test(c)) {
            out += c;
            i++;
            continue;
        }
        let j = i;
        while (j < pattern.length && pattern[j] === c) j++;
        const len = j - i;
        const num = (v: number) => String(v).padStart(len, '0');
        switch (c) {
            case 'y':
                out += len === 2 ? String(p.year % 100).padStart(2, '0') : num(p.year);
                break;
            case 'M':
                out += len >= 4 ? months[p.month - 1] : len === 3 ? months[p.month - 1].slice(0, 3) : num(p.month);
                break;
            case 'd':
                out += num(p.day);
                break;
            case 'H':
                out += num(p.hour);
                break;
            case 'h':
                out += num(p.hour % 12 === 0 ? 12 : p.hour % 12);
                break;
            case 'm':
                out += num(p.minute);
                break;
            case 's':
                out += num(p.second);
                break;
            case 'S':
                out += String(ms).padStart(3, '0').slice(0, Math.max(len, 3));
                break;
            case 'a':
                out += p.hour < 12 ? 'AM' : 'PM';
                break;
            case 'E':
                out += len >= 4 ? days[dow] : days[dow].slice(0, 3);
                break;
            case 'Z':
                out += sign + oh + om;
                break;
            case 'X':
                out += offMin === 0 ? 'Z' : len >= 3 ? `${sign}${oh}:${om}` : sign + oh + om;
                break;
            case 'z':
                out +=
                    tz === 'GMT'
                        ? 'GMT'
                        : (new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' })
                              .formatToParts(new Date(d.epochMs))
                              .find((x) => x.type === 'timeZoneName')?.value ?? tz);
                break;
            default:
                out += c.repeat(len);
        }
        i = j;
    }
    return out;
}

export function dateStatic(lib: Platform, n: string, a: any[]): any {
    const it = lib.it;
    switch (n) {
        case 'today':
            return new ApexDatetime(it.clock.now()).dateIn(it.timeZone);
        case 'newinstance':
            return ApexDate.of(a[0], a[1], a[2]);
        case 'valueof': {
            if (a[0] === null) return null;
            if (a[0] instanceof ApexDatetime) return a[0].dateIn(it.timeZone);
            const d = ApexDate.parseIso(String(a[0]));
            if (!d) it.throwSys('TypeException', `Invalid date: ${a[0]}`);
            return d;
        }
        case 'parse': {
            const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(String(a[0]).trim());
            if (!m) it.throwSys('TypeException', `Invalid date: ${a[0]}`);
            return ApexDate.of(+m![3], +m![1], +m![2]);
        }
        case 'isleapyear':
            return isLeapYear(a[0]);
        case 'daysinmonth':
            return daysInMonth(a[0], a[1]);
    }
    return it.throwSys('TypeException', `Method does not exist: Date.${n}`);
}

export function datetimeStatic(lib: Platform, n: string, a: any[]): any {
    const it = lib.it;
    const tz = it.timeZone;
    switch (n) {
        case 'now':
            return new ApexDatetime(it.clock.now());
        case 'newinstance':
        case 'newinstancegmt': {
            const zone = n === 'newinstancegmt' ? 'GMT' : tz;
            if (a.length === 1) {
                if (typeof a[0] === 'bigint' || typeof a[0] === 'number') return new ApexDatetime(Number(a[0]));
                return null;
            }
            if (a.length === 2 && a[0] instanceof ApexDate) {
                const d = a[0] as ApexDate;
                const t = a[1] as ApexTime;
                return new ApexDatetime(
                    instantOfWall(zone, d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), t.millisecond())
                );
            }
            return new ApexDatetime(instantOfWall(zone, a[0], a[1], a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0));
        }
        case 'valueof':
        case 'valueofgmt': {
            if (a[0] === null) return null;
            if (a[0] instanceof ApexDatetime) return a[0];
            // valueOf(Object) of a Long: the milliseconds since the epoch, as Datetime.newInstance(Long)
            if (n === 'valueof' && typeof a[0] === 'bigint') return new ApexDatetime(Number(a[0]));
            const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(String(a[0]));
            if (!m) it.throwSys('TypeException', `Invalid date/time: ${a[0]}`);
            return new ApexDatetime(
                instantOfWall(
                    n === 'valueofgmt' ? 'GMT' : tz,
                    +m![1],
                    +m![2],
                    +m![3],
                    +(m![4] ?? 0),
                    +(m![5] ?? 0),
                    +(m![6] ?? 0)
                )
            );
        }
        case 'parse':
            return datetimeStatic(lib, 'valueof', a);
    }
    return it.throwSys('TypeException', `Method does not exist: Datetime.${n}`);
}

export function dateMethod(lib: Platform, d: ApexDate, n: string, a: any[]): any {
    switch (n) {
        case 'adddays':
            return d.addDays(a[0]);
        case 'addmonths':
            return d.addMonths(a[0]);
        case 'addyears':
            return d.addYears(a[0]);
        case 'day':
            return d.day();
        case 'month':
            return d.month();
        case 'year':
            return d.year();
        case 'dayofyear':
            return d.dayOfYear();
        case 'daysbetween':
            return d.daysBetween(a[0]);
        case 'monthsbetween':
            return d.monthsBetween(a[0]);
        case 'tostartofmonth':
            return d.toStartOfMonth();
        case 'tostartofweek':
            return d.toStartOfWeek();
        case 'format':
            return d.format();
        case 'issamemonth':
            return d.year() === a[0].year() && d.month() === a[0].month();
        case 'issameday':
            return d.epochDay === a[0].epochDay;
        case 'isleapyear':
            return isLeapYear(d.year());
        case 'tostring':
            return d.toString();
        case 'equals':
            return lib.it.valuesEqual(d, a[0]);
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Date.${n}`);
}

export function datetimeMethod(lib: Platform, d: ApexDatetime, n: string, a: any[]): any {
    const tz = lib.it.timeZone;
    switch (n) {
        case 'adddays':
            return d.addCalendar(tz, 0, a[0]);
        case 'addmonths':
            return d.addCalendar(tz, a[0], 0);
        case 'addyears':
            return d.addCalendar(tz, a[0] * 12, 0);
        case 'addhours':
            return d.addMs(a[0] * 3_600_000);
        case 'addminutes':
            return d.addMs(a[0] * 60_000);
        case 'addseconds':
            return d.addMs(a[0] * 1000);
        case 'gettime':
            return BigInt(d.epochMs);
        case 'date':
            return d.dateIn(tz);
        case 'dategmt':
            return d.dateIn('GMT');
        case 'time':
            return d.timeIn(tz);
        case 'timegmt':
            return d.timeIn('GMT');
        case 'year':
            return d.local(tz).year;
        case 'month':
            return d.local(tz).month;
        case 'day':
            return d.local(tz).day;
        case 'hour':
            return d.local(tz).hour;
        case 'minute':
            return d.local(tz).minute;
        case 'second':
            return d.local(tz).second;
        case 'millisecond':
            return ((d.epochMs % 1000) + 1000) % 1000;
        case 'yeargmt':
            return d.local('GMT').year;
        case 'monthgmt':
            return d.local('GMT').month;
        case 'daygmt':
            return d.local('GMT').day;
        case 'hourgmt':
            return d.local('GMT').hour;
        case 'minutegmt':
            return d.local('GMT').minute;
        case 'secondgmt':
            return d.local('GMT').second;
        case 'format':
            if (a.length === 0) return formatDatetime(d, 'M/d/yyyy h:mm a', tz);
            return formatDatetime(d, a[0], a[1] ?? tz);
        case 'formatgmt':
            return formatDatetime(d, a[0], 'GMT');
        case 'formatlong':
            return formatDatetime(d, 'M/d/yyyy h:mm:ss a z', tz);
        case 'tostring':
            return d.formatIn(tz);
        case 'issamemonth':
            return d.local(tz).month === a[0].local(tz).month && d.local(tz).year === a[0].local(tz).year;
        case 'issameday':
            return d.dateIn(tz).epochDay === a[0].dateIn(tz).epochDay;
        case 'equals':
            return lib.it.valuesEqual(d, a[0]);
        case 'dayofyear':
            return d.dateIn(tz).dayOfYear();
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Datetime.${n}`);
}

export function timeMethod(lib: Platform, t: ApexTime, n: string, a: any[]): any {
    switch (n) {
        case 'hour':
            return t.hour();
        case 'minute':
            return t.minute();
        case 'second':
            return t.second();
        case 'millisecond':
            return t.millisecond();
        case 'addhours':
            return t.addHours(a[0]);
        case 'addminutes':
            return t.addMinutes(a[0]);
        case 'addseconds':
            return t.addSeconds(a[0]);
        case 'addmilliseconds':
            return t.addMilliseconds(a[0]);
        case 'tostring':
            return t.toString();
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Time.${n}`);
}

export function timeStatic(n: string, a: any[]): any {
    if (n === 'newinstance') return ApexTime.of(a[0], a[1], a[2], a[3]);
    return UNHANDLED;
}

/** TimeZone.getTimeZone(id): a zone of the IANA database; an unknown id gives GMT, as the platform does. */
export function timeZoneStatic(n: string, a: any[]): any {
    if (n !== 'gettimezone') return UNHANDLED;
    const id = String(a[0] ?? '');
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: id });
        return new NativeObject('TimeZone', { id });
    } catch {
        return new NativeObject('TimeZone', { id: 'GMT' });
    }
}

export function timeZoneMethod(o: NativeObject, n: string, a: any[]): any {
    const d = o.data;
    if (n === 'getid' || n === 'tostring') return d.id;
    if (n === 'getdisplayname') return standardTimeName(d.id);
    if (n === 'getoffset') {
        const dt = a[0] as ApexDatetime;
        const p = dt.local(d.id);
        return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(dt.epochMs / 1000) * 1000;
    }
    return UNHANDLED;
}

/**
 * TimeZone.getDisplayName: the zone's standard-time long name in English, e.g. "Pacific Standard Time" for
 * America/Los_Angeles (Apex Reference › TimeZone Class), whatever the date: of January and July, the one with the
 * smaller UTC offset.
 */
function standardTimeName(zone: string): string {
    const at = (iso: string) => {
        const instant = new Date(iso);
        const parts = (timeZoneName: 'long' | 'longOffset') =>
            new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName })
                .formatToParts(instant)
                .find((p) => p.type === 'timeZoneName')?.value ?? zone;
        const offset = /GMT([+-])(\d{2}):?(\d{2})?/.exec(parts('longOffset'));
        const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) : 0;
        return { name: parts('long'), minutes };
    };
    const january = at('2026-01-15T12:00:00Z');
    const july = at('2026-07-15T12:00:00Z');
    return january.minutes <= july.minutes ? january.name : july.name;
}
