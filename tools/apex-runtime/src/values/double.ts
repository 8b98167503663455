/** Apex Double: a 64-bit float boxed so the runtime can tell it apart from Integer (JS number). */
export class ApexDouble {
    readonly value: number;
    constructor(value: number) {
        this.value = value;
    }
}

/** Java's Double.toString: `1.0`, `0.001`, `1.0E7`, `1.234E-5`, `NaN`, `Infinity`. */
export function javaDoubleToString(d: number): string {
    if (Number.isNaN(d)) return 'NaN';
    if (d === Infinity) return 'Infinity';
    if (d === -Infinity) return '-Infinity';
    if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
    const abs = Math.abs(d);
    if (abs >= 1e-3 && abs < 1e7) {
        const s = String(d);
        if (s.includes('e')) return s;
        return s.includes('.') ? s : s + '.0';
    }
    // scientific: shortest digits from JS, formatted the Java way
    const [mant, exp] = d.toExponential().split('e');
    const m = mant.includes('.') ? mant : mant + '.0';
    return `${m}E${parseInt(exp, 10)}`;
}
