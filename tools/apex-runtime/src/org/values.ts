/** Comparison and conversion of stored field values, as SOQL and uniqueness checks see them. */
import { ApexDate, ApexDatetime, ApexDouble, ApexTime, Decimal } from '../values';

export function toDecimal(v: unknown): Decimal | null {
    if (v instanceof Decimal) return v;
    if (typeof v === 'number') return Number.isInteger(v) ? Decimal.fromInt(v) : Decimal.fromDouble(v);
    if (typeof v === 'bigint') return Decimal.fromInt(v);
    if (v instanceof ApexDouble) return Decimal.fromDouble(v.value);
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Decimal.parse(v);
    return null;
}

function isNumeric(v: unknown): boolean {
    return v instanceof Decimal || typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDouble;
}

/** Orders two non-null values; strings compare case-insensitively, as SOQL does. */
export function compareValues(a: unknown, b: unknown): number {
    if (isNumeric(a) && isNumeric(b)) return toDecimal(a)!.compareTo(toDecimal(b)!);
    if (a instanceof ApexDate && b instanceof ApexDate) return a.compareTo(b);
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.compareTo(b);
    if (a instanceof ApexTime && b instanceof ApexTime) return a.ms - b.ms;
    if (typeof a === 'boolean' && typeof b === 'boolean') return (a ? 1 : 0) - (b ? 1 : 0);
    const sa = String(a).toLowerCase();
    const sb = String(b).toLowerCase();
    return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function valuesEqual(a: unknown, b: unknown, caseSensitive = false): boolean {
    if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
    if (typeof a === 'string' && typeof b === 'string') {
        return caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
    }
    return compareValues(a, b) === 0;
}
