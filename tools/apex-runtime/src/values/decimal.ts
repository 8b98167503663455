/**
 * Apex Decimal: an arbitrary-precision signed decimal with a scale, like java.math.BigDecimal
 * (unscaled BigInt value × 10^-scale). `1.10` keeps scale 2; arithmetic follows BigDecimal's scale rules.
 */
export type RoundingMode = 'CEILING' | 'DOWN' | 'FLOOR' | 'HALF_DOWN' | 'HALF_EVEN' | 'HALF_UP' | 'UNNECESSARY' | 'UP';

export class DecimalArithmeticError extends Error {}

const TEN = 10n;

function pow10(n: number): bigint {
    return TEN ** BigInt(n);
}

function digitCount(v: bigint): number {
    if (v < 0n) v = -v;
    return v === 0n ? 1 : v.toString().length;
}

/** Divides a by b (b > 0 or < 0) rounding the quotient to an integer with the given mode. */
function roundedDivide(a: bigint, b: bigint, mode: RoundingMode): bigint {
    if (b < 0n) {
        a = -a;
        b = -b;
    }
    const q = a / b;
    const r = a % b;
    if (r === 0n) return q;
    const negative = a < 0n;
    const twice = (r < 0n ? -r : r) * 2n;
    const cmpHalf = twice === b ? 0 : twice > b ? 1 : -1;
    let awayFromZero: boolean;
    switch (mode) {
        case 'UP':
            awayFromZero = true;
            break;
        case 'DOWN':
            awayFromZero = false;
            break;
        case 'CEILING':
            awayFromZero = !negative;
            break;
        case 'FLOOR':
            awayFromZero = negative;
            break;
        case 'HALF_UP':
            awayFromZero = cmpHalf >= 0;
            break;
        case 'HALF_DOWN':
            awayFromZero = cmpHalf > 0;
            break;
        case 'HALF_EVEN':
            awayFromZero = cmpHalf > 0 || (cmpHalf === 0 && (q < 0n ? -q : q) % 2n === 1n);
            break;
        case 'UNNECESSARY':
            throw new DecimalArithmeticError('Rounding necessary');
    }
    return awayFromZero ? q + (negative ? -1n : 1n) : q;
}

export class Decimal {
    readonly unscaled: bigint;
    readonly scale: number;

    constructor(unscaled: bigint, scale: number) {
        this.unscaled = unscaled;
        this.scale = scale;
    }

    static readonly ZERO = new Decimal(0n, 0);
    static readonly ONE = new Decimal(1n, 0);

    /** Parses Apex/Java decimal text: `12`, `-1.50`, `1e3`, `2.5E-4`. Throws TypeError on bad input. */
    static parse(text: string): Decimal {
        const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
        if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
            throw new TypeError(`Invalid decimal: ${text}`);
        }
        const intPart = m[2] || '';
        const frac = m[3] || '';
        const exp = m[4] ? parseInt(m[4], 10) : 0;
        let unscaled = BigInt(intPart + frac || '0');
        if (m[1] === '-') unscaled = -unscaled;
        return new Decimal(unscaled, frac.length - exp);
    }

    static fromInt(n: number | bigint): Decimal {
        return new Decimal(BigInt(n), 0);
    }

    /** Decimal.valueOf(Double): uses the Double's canonical string form (Java Double.toString digits). */
    static fromDouble(n: number): Decimal {
        if (!isFinite(n)) throw new DecimalArithmeticError('Infinite or NaN');
        const s = String(n);
        const d = Decimal.parse(s);
        if (Number.isInteger(n) && !/e/i.test(s)) return new Decimal(d.unscaled * 10n, 1); // Java "1.0"
        return d.scale < 0 ? d.setScale(0) : d;
    }

    toNumber(): number {
        return Number(this.toPlainString());
    }

    signum(): number {
        return this.unscaled === 0n ? 0 : this.unscaled > 0n ? 1 : -1;
    }

    precision(): number {
        return digitCount(this.unscaled);
    }

    private align(other: Decimal): [bigint, bigint, number] {
        if (this.scale === other.scale) return [this.unscaled, other.unscaled, this.scale];
        if (this.scale > other.scale) {
            return [this.unscaled, other.unscaled * pow10(this.scale - other.scale), this.scale];
        }
        return [this.unscaled * pow10(other.scale - this.scale), other.unscaled, other.scale];
    }

    add(o: Decimal): Decimal {
        const [a, b, s] = this.align(o);
        return new Decimal(a + b, s);
    }

    subtract(o: Decimal): Decimal {
        const [a, b, s] = this.align(o);
        return new Decimal(a - b, s);
    }

    multiply(o: Decimal): Decimal {
        return new Decimal(this.unscaled * o.unscaled, this.scale + o.scale);
    }

    negate(): Decimal {
        return new Decimal(-this.unscaled, this.scale);
    }

    abs(): Decimal {
        return this.unscaled < 0n ? this.negate() : this;
    }

    compareTo(o: Decimal): number {
        const [a, b] = this.align(o);
        return a === b ? 0 : a < b ? -1 : 1;
    }

    equalsValue(o: Decimal): boolean {
        return this.compareTo(o) === 0;
    }

    /** Divides to the given scale with the rounding mode (Apex Decimal.divide(divisor, scale[, mode])). */
    divideToScale(o: Decimal, scale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
        if (o.unscaled === 0n) throw new DecimalArithmeticError('Division by zero');
        // this/o = (a/10^sa)/(b/10^sb); result unscaled at `scale` = a*10^(scale - sa + sb) / b
        const shift = scale - this.scale + o.scale;
        let num = this.unscaled;
        let den = o.unscaled;
        if (shift >= 0) num *= pow10(shift);
        else den *= pow10(-shift);
        return new Decimal(roundedDivide(num, den, mode), scale);
    }

    /**
     * The `/` operator: java.math.BigDecimal.divide(divisor, MathContext.DECIMAL128) — exact quotients keep the
     * preferred scale (this.scale - divisor.scale) where possible, otherwise 34 significant digits, HALF_EVEN.
     */
    divide(o: Decimal): Decimal {
        if (o.unscaled === 0n) throw new DecimalArithmeticError('Division by zero');
        const preferred = this.scale - o.scale;
        if (this.unscaled === 0n) return new Decimal(0n, Math.max(preferred, 0) === preferred ? preferred : preferred);
        const precision = 34;
        // choose a scale giving at least `precision` significant digits
        const estDigits = digitCount(this.unscaled) - this.scale - (digitCount(o.unscaled) - o.scale);
        let scale = precision - estDigits + 1;
        let q = this.divideToScale(o, scale, 'HALF_EVEN');
        // trim to precision significant digits
        const excess = q.precision() - precision;
        if (excess > 0) {
            q = this.divideToScale(o, scale - excess, 'HALF_EVEN');
            scale -= excess;
            if (q.precision() > precision) q = q.setScale(scale - 1, 'HALF_EVEN');
        }
        // exact? strip trailing zeros down to preferred scale
        const exact = q.multiply(o).compareTo(this) === 0;
        if (exact) return q.stripTrailingZerosTo(preferred);
        return q;
    }

    private stripTrailingZerosTo(minScale: number): Decimal {
        let u = this.unscaled;
        let s = this.scale;
        while (s > minScale && u % 10n === 0n && u !== 0n) {
            u /= 10n;
            s--;
        }
        if (u === 0n) s = Math.max(minScale, 0) > s ? s : minScale;
        return new Decimal(u, s);
    }

    stripTrailingZeros(): Decimal {
        if (this.unscaled === 0n) return new Decimal(0n, 0);
        return this.stripTrailingZerosTo(Number.MIN_SAFE_INTEGER);
    }

    setScale(scale: number, mode: RoundingMode = 'HALF_EVEN'): Decimal {
        if (scale === this.scale) return this;
        if (scale > this.scale) return new Decimal(this.unscaled * pow10(scale - this.scale), scale);
        return new Decimal(roundedDivide(this.unscaled, pow10(this.scale - scale), mode), scale);
    }

    /** Apex Decimal.round(mode) → Long (as bigint). Default HALF_EVEN. */
    roundToLong(mode: RoundingMode = 'HALF_EVEN'): bigint {
        return this.setScale(0, mode).unscaled;
    }

    /** Java BigDecimal.toString(): scientific notation when the exponent is needed. */
    toString(): string {
        const coeff = (this.unscaled < 0n ? -this.unscaled : this.unscaled).toString();
        const sign = this.unscaled < 0n ? '-' : '';
        const adjusted = -this.scale + (coeff.length - 1);
        if (this.scale >= 0 && adjusted >= -6) return sign + plain(coeff, this.scale);
        let s = coeff.length > 1 ? coeff[0] + '.' + coeff.slice(1) : coeff;
        s += 'E' + (adjusted >= 0 ? '+' : '') + adjusted;
        return sign + s;
    }

    toPlainString(): string {
        const coeff = (this.unscaled < 0n ? -this.unscaled : this.unscaled).toString();
        const sign = this.unscaled < 0n ? '-' : '';
        if (this.scale <= 0) return sign + coeff + '0'.repeat(-this.scale);
        return sign + plain(coeff, this.scale);
    }

    isInteger(): boolean {
        return this.scale <= 0 || this.unscaled % pow10(this.scale) === 0n;
    }

    /** Truncates toward zero (Decimal.intValue / longValue). */
    truncate(): bigint {
        if (this.scale <= 0) return this.unscaled * pow10(-this.scale);
        return this.unscaled / pow10(this.scale);
    }

    hashKey(): string {
        return 'D' + this.unscaled.toString() + 'e' + this.scale;
    }
}

function plain(coeff: string, scale: number): string {
    if (scale <= 0) return coeff + '0'.repeat(-scale);
    if (coeff.length > scale) return coeff.slice(0, coeff.length - scale) + '.' + coeff.slice(coeff.length - scale);
    return '0.' + '0'.repeat(scale - coeff.length) + coeff;
}
