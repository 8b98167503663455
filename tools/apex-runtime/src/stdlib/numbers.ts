/**
 * Math, and the methods and valueOf of Integer, Long, Decimal and Double.
 */
import { EnumValue } from '../interpreter/objects';
import { Decimal, type RoundingMode } from '../values/decimal';
import { ApexDouble, javaDoubleToString } from '../values/double';
import { parseNumber } from './strings';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Decimal.format() in en_US: grouping, keeps scale (up to 3 fraction digits when scale is 0 it prints none). */
export function formatDecimal(v: Decimal): string {
    const plain = v.toPlainString();
    const neg = plain.startsWith('-');
    const [int, frac] = (neg ? plain.slice(1) : plain).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (neg ? '-' : '') + grouped + (frac ? '.' + frac : '');
}

export function mathStatic(lib: Platform, n: string, a: any[]): any {
    const it = lib.it;
    const num = (v: any) => it.toDouble(v);
    const same = (v: number, like: any) =>
        typeof like === 'number'
            ? v
            : typeof like === 'bigint'
              ? BigInt(v)
              : like instanceof Decimal
                ? Decimal.fromDouble(v)
                : new ApexDouble(v);
    switch (n) {
        case 'min':
        case 'max': {
            if (a[0] === null || a[1] === null) it.throwSys('NullPointerException', 'Argument cannot be null.');
            const c = it.compareValues(a[0], a[1]);
            const pick = n === 'min' ? (c <= 0 ? a[0] : a[1]) : c >= 0 ? a[0] : a[1];
            if (a[0] instanceof Decimal || a[1] instanceof Decimal) return it.toDecimal(pick);
            return pick;
        }
        case 'abs':
            if (typeof a[0] === 'number') return Math.abs(a[0]);
            if (typeof a[0] === 'bigint') return a[0] < 0n ? -a[0] : a[0];
            if (a[0] instanceof Decimal) return a[0].abs();
            return new ApexDouble(Math.abs(num(a[0])));
        case 'pow':
            return new ApexDouble(Math.pow(num(a[0]), num(a[1])));
        case 'sqrt':
            return new ApexDouble(Math.sqrt(num(a[0])));
        case 'floor':
            return a[0] instanceof Decimal ? a[0].setScale(0, 'FLOOR') : new ApexDouble(Math.floor(num(a[0])));
        case 'ceil':
            return a[0] instanceof Decimal ? a[0].setScale(0, 'CEILING') : new ApexDouble(Math.ceil(num(a[0])));
        case 'round':
            if (a[0] instanceof Decimal) return Number(a[0].roundToLong('HALF_EVEN'));
            return Math.round(num(a[0]));
        case 'roundtolong':
            if (a[0] instanceof Decimal) return a[0].roundToLong('HALF_UP');
            return BigInt(Math.round(num(a[0])));
        case 'mod':
            if (typeof a[0] === 'bigint' || typeof a[1] === 'bigint') return BigInt(a[0]) % BigInt(a[1]);
            if (a[1] === 0) it.throwSys('MathException', 'Divide by 0');
            return a[0] % a[1];
        case 'random':
            return new ApexDouble(Math.random());
        case 'signum':
            return same(Math.sign(num(a[0])), a[0] instanceof Decimal ? new ApexDouble(0) : a[0]);
        case 'exp':
            return new ApexDouble(Math.exp(num(a[0])));
        case 'log':
            return new ApexDouble(Math.log(num(a[0])));
        case 'log10':
            return new ApexDouble(Math.log10(num(a[0])));
    }
    return it.throwSys('TypeException', `Method does not exist: Math.${n}`);
}

export function integerMethod(lib: Platform, v: number, n: string, a: any[]): any {
    switch (n) {
        case 'format':
            return v.toLocaleString('en-US');
        case 'intvalue':
            return v;
        case 'longvalue':
            return BigInt(v);
        case 'doublevalue':
            return new ApexDouble(v);
        case 'decimalvalue':
            return Decimal.fromInt(v);
        case 'equals':
            return lib.it.valuesEqual(v, a[0]);
        case 'hashcode':
            return v;
        case 'tostring':
            return String(v);
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Integer.${n}`);
}

export function longMethod(lib: Platform, v: bigint, n: string, a: any[]): any {
    switch (n) {
        case 'format':
            return v.toLocaleString('en-US');
        case 'intvalue':
            return Number(BigInt.asIntN(32, v));
        case 'longvalue':
            return v;
        case 'doublevalue':
            return new ApexDouble(Number(v));
        case 'tostring':
            return v.toString();
        case 'equals':
            return lib.it.valuesEqual(v, a[0]);
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Long.${n}`);
}

export function decimalMethod(lib: Platform, v: Decimal, n: string, a: any[]): any {
    const it = lib.it;
    const mode = (x: any): RoundingMode => (x instanceof EnumValue ? (x.name as RoundingMode) : 'HALF_EVEN');
    switch (n) {
        case 'setscale':
            try {
                return v.setScale(a[0], a.length > 1 ? mode(a[1]) : 'HALF_EVEN');
            } catch (e) {
                throw it.toApexThrow(e);
            }
        case 'scale':
            return v.scale;
        case 'precision':
            return v.precision();
        case 'round':
            return a.length ? v.roundToLong(mode(a[0])) : v.roundToLong('HALF_EVEN');
        case 'intvalue':
            return Number(BigInt.asIntN(32, v.truncate()));
        case 'longvalue':
            return BigInt.asIntN(64, v.truncate());
        case 'doublevalue':
            return new ApexDouble(v.toNumber());
        case 'abs':
            return v.abs();
        case 'divide':
            if (it.toDecimal(a[0]).signum() === 0) it.throwSys('MathException', 'Divide by 0');
            return v.divideToScale(it.toDecimal(a[0]), a[1], a.length > 2 ? mode(a[2]) : 'HALF_UP');
        case 'pow': {
            let r = Decimal.ONE;
            for (let i = 0; i < a[0]; i++) r = r.multiply(v);
            return r;
        }
        case 'striptrailingzeros':
            return v.stripTrailingZeros();
        case 'toplainstring':
            return v.toPlainString();
        case 'tostring':
            return v.toString();
        case 'format':
            return formatDecimal(v);
        case 'equals':
            return a[0] instanceof Decimal && v.unscaled === a[0].unscaled && v.scale === a[0].scale;
        case 'hashcode':
            return Number(BigInt.asIntN(32, v.unscaled));
        case 'signum':
            return v.signum();
        case 'min':
            return v.compareTo(a[0]) <= 0 ? v : a[0];
        case 'max':
            return v.compareTo(a[0]) >= 0 ? v : a[0];
    }
    return it.throwSys('TypeException', `Method does not exist: Decimal.${n}`);
}

export function doubleMethod(lib: Platform, v: ApexDouble, n: string, a: any[]): any {
    switch (n) {
        case 'intvalue':
            return Math.trunc(v.value) | 0;
        case 'longvalue':
            return BigInt(Math.trunc(v.value));
        case 'round':
            return BigInt(Math.round(v.value));
        case 'format':
            return formatDecimal(Decimal.fromDouble(v.value));
        case 'tostring':
            return javaDoubleToString(v.value);
        case 'doublevalue':
            return v;
        case 'equals':
            return lib.it.valuesEqual(v, a[0]);
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Double.${n}`);
}

/** Integer.valueOf, Long.valueOf, Decimal.valueOf, Double.valueOf. */
export function numberStatic(lib: Platform, kind: 'integer' | 'long' | 'decimal' | 'double', n: string, a: any[]): any {
    if (n === 'valueof') return parseNumber(lib.it, kind, a[0]);
    return UNHANDLED;
}
