/**
 * Salesforce record Ids: 15-character case-sensitive ids and their 18-character case-insensitive form
 * (three checksum characters, one per five-character chunk, encoding which letters are upper case).
 */
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The 3-character suffix that turns a 15-character Id into its 18-character form. */
export function checksumSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let flags = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charAt(chunk * 5 + i);
            if (c >= 'A' && c <= 'Z') flags |= 1 << i;
        }
        suffix += CHECKSUM_ALPHABET.charAt(flags);
    }
    return suffix;
}

/** The 15-character Id an 18-character one stands for: its suffix says which letters are upper case. */
function restoreCase(id18: string): string | null {
    let id15 = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        const flags = CHECKSUM_ALPHABET.indexOf(id18.charAt(15 + chunk).toUpperCase());
        if (flags < 0) return null;
        for (let i = 0; i < 5; i++) {
            const c = id18.charAt(chunk * 5 + i);
            id15 += flags & (1 << i) ? c.toUpperCase() : c.toLowerCase();
        }
    }
    return id15;
}

/**
 * Returns the 18-character form of a 15- or 18-character Id, or null when the text is not an Id (15 or 18
 * alphanumeric characters). The 18-character form is case-insensitive: its suffix restores the case of the first 15
 * characters. An 18-character Id whose suffix is not the case checksum of its first 15 characters is still an Id and
 * is kept as written: the suffix is a case-safety aid, not a checksum the platform verifies (Object Reference ›
 * Field Types › ID; mock Ids such as `001000000000000001` are accepted by Apex on real orgs).
 */
export function normalizeId(text: string): string | null {
    if (typeof text !== 'string' || !ID_PATTERN.test(text)) return null;
    if (text.length === 15) return text + checksumSuffix(text);
    const id15 = restoreCase(text);
    if (id15 !== null && (id15 + checksumSuffix(id15)).toUpperCase() === text.toUpperCase())
        return id15 + checksumSuffix(id15);
    return text;
}

export function isValidId(text: string): boolean {
    return normalizeId(text) !== null;
}

/** Generates sequential 18-character Ids per key prefix, shaped like an org's (prefix + pod "5g" + counter). */
export class IdGenerator {
    private counters = new Map<string, number>();

    next(keyPrefix: string): string {
        const n = (this.counters.get(keyPrefix) ?? 0) + 1;
        this.counters.set(keyPrefix, n);
        let body = '';
        let v = n;
        for (let i = 0; i < 9; i++) {
            body = BASE62.charAt(v % 62) + body;
            v = Math.floor(v / 62);
        }
        const id15 = keyPrefix + '5g' + 'A' + body;
        return id15.substring(0, 15) + checksumSuffix(id15.substring(0, 15));
    }

    /** Makes the next Id of this prefix come after `count` Ids assigned elsewhere (shared setup rows). */
    reserve(keyPrefix: string, count: number): void {
        this.counters.set(keyPrefix, Math.max(this.counters.get(keyPrefix) ?? 0, count));
    }

    snapshot(): Map<string, number> {
        return new Map(this.counters);
    }

    restore(s: Map<string, number>): void {
        this.counters = new Map(s);
    }
}
