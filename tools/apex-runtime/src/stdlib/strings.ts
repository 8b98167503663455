/**
 * System.String static and instance methods.
 */
import type { Interpreter } from '../interpreter/interpreter';
import { ApexList, ApexSet, T } from '../interpreter/objects';
import { Decimal } from '../values/decimal';
import { ApexDouble } from '../values/double';
import { ApexBlob } from '../values/blob';

/* eslint-disable @typescript-eslint/no-explicit-any */

const STRING_T = T('String');

export function javaRegex(re: string, flags = ''): RegExp {
    // Java-only constructs: possessive/atomic are rare; inline (?i) flag is common
    let f = flags;
    let src = re;
    if (src.startsWith('(?i)')) {
        src = src.slice(4);
        if (!f.includes('i')) f += 'i';
    }
    src = src
        .replace(/\\p\{Alpha\}/g, '[A-Za-z]')
        .replace(/\\p\{Punct\}/g, '[!-\\/:-@\\[-`{-~]')
        .replace(/\\p\{Alnum\}/g, '[A-Za-z0-9]');
    return new RegExp(src, f);
}

/** Java String.replaceAll replacement: `$1` groups, `\$` escapes. */
function javaReplacement(rep: string): string {
    return rep.replace(/\\\$/g, '$$$$').replace(/\\\\/g, '\\');
}

function isBlank(s: string | null): boolean {
    return s === null || s === undefined || s.trim().length === 0 || /^\s*$/.test(s);
}

function isWhitespace(s: string) {
    return /^\s*$/.test(s);
}

export function stringStatic(it: Interpreter, n: string, args: any[]): any {
    const a = args;
    switch (n) {
        case 'isblank':
            return isBlank(a[0]);
        case 'isnotblank':
            return !isBlank(a[0]);
        case 'isempty':
            return a[0] === null || a[0] === '';
        case 'isnotempty':
            return !(a[0] === null || a[0] === '');
        case 'valueof':
            // unlike Java, Apex String.valueOf(null) is null (apex-recipes' TestFactory relies on it)
            if (a[0] === null || a[0] === undefined) return null;
            return it.str(a[0]);
        case 'valueofgmt':
            return a[0] === null ? 'null' : a[0].formatIn('GMT');
        case 'join': {
            if (a[0] === null) it.throwSys('NullPointerException', 'Argument cannot be null');
            const items = a[0] instanceof ApexList ? a[0].items : a[0] instanceof ApexSet ? [...a[0].map.values()] : [];
            return items.map((x: any) => it.str(x)).join(a[1] ?? '');
        }
        case 'format':
            return formatString(it, a[0], a[1]);
        case 'escapesinglequotes':
            return a[0] === null ? null : a[0].replace(/\\/g, '\\\\').replace(/'/g, "\\'");
        case 'fromchararray':
            return String.fromCharCode(...(a[0] as ApexList).items);
        case 'isempty_':
            return false;
    }
    it.throwSys('TypeException', `Method does not exist or incorrect signature: String.${n}`);
}

export function formatString(it: Interpreter, fmt: string, argList: ApexList | null): string {
    const items = argList ? argList.items : [];
    // MessageFormat: {0}, single quotes escape
    let out = '';
    for (let i = 0; i < fmt.length; i++) {
        const c = fmt[i];
        if (c === "'") {
            if (fmt[i + 1] === "'") {
                out += "'";
                i++;
                continue;
            }
            const end = fmt.indexOf("'", i + 1);
            if (end < 0) {
                out += fmt.slice(i + 1);
                break;
            }
            out += fmt.slice(i + 1, end);
            i = end;
            continue;
        }
        if (c === '{') {
            const end = fmt.indexOf('}', i);
            const idx = parseInt(fmt.slice(i + 1, end), 10);
            const v = items[idx];
            out += idx < items.length ? (v === null ? 'null' : it.str(v)) : fmt.slice(i, end + 1);
            i = end;
            continue;
        }
        out += c;
    }
    return out;
}

function splitJava(s: string, regex: string, limit = 0): string[] {
    if (s === '') return [''];
    const re = javaRegex(regex, 'g');
    const parts: string[] = [];
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
        if (m[0].length === 0) {
            if (m.index >= s.length) break;
            if (m.index === 0) {
                re.lastIndex++;
                continue;
            }
        }
        if (limit > 0 && parts.length === limit - 1) break;
        if (!(m.index === 0 && m[0].length > 0 && last === 0 && parts.length === 0 && false))
            parts.push(s.slice(last, m.index));
        last = m.index + m[0].length;
        if (m[0].length === 0) re.lastIndex++;
    }
    parts.push(s.slice(last));
    // Java: a zero-width match at the beginning never yields a leading empty string; positive-width does
    if (limit === 0) while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    return parts;
}

export function stringMethod(it: Interpreter, s: string, n: string, a: any[]): any {
    const nn = () => {
        if (a[0] === null || a[0] === undefined) it.throwSys('NullPointerException', 'Argument cannot be null.');
    };
    switch (n) {
        case 'length':
            return s.length;
        case 'trim':
            return s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
        case 'tolowercase':
            return s.toLowerCase();
        case 'touppercase':
            return s.toUpperCase();
        case 'contains':
            nn();
            return s.includes(a[0]);
        case 'containsignorecase':
            nn();
            return s.toLowerCase().includes(a[0].toLowerCase());
        case 'containsany':
            return [...a[0]].some((c) => s.includes(c));
        case 'containsnone':
            return ![...a[0]].some((c) => s.includes(c));
        case 'containsonly':
            return [...s].every((c) => a[0].includes(c));
        case 'containswhitespace':
            return /\s/.test(s);
        case 'startswith':
            nn();
            return s.startsWith(a[0]);
        case 'startswithignorecase':
            return s.toLowerCase().startsWith(a[0].toLowerCase());
        case 'endswith':
            nn();
            return s.endsWith(a[0]);
        case 'endswithignorecase':
            return s.toLowerCase().endsWith(a[0].toLowerCase());
        case 'equals':
            return typeof a[0] === 'string' && s === a[0];
        case 'equalsignorecase':
            return typeof a[0] === 'string' && s.toLowerCase() === a[0].toLowerCase();
        case 'compareto':
            return s < a[0] ? -1 : s > a[0] ? 1 : 0;
        case 'indexof':
            return s.indexOf(a[0], a[1] ?? 0);
        case 'indexofignorecase':
            return s.toLowerCase().indexOf(a[0].toLowerCase(), a[1] ?? 0);
        case 'lastindexof':
            return a.length > 1 ? s.lastIndexOf(a[0], a[1]) : s.lastIndexOf(a[0]);
        case 'indexofany':
            return Math.min(...[...a[0]].map((c: string) => s.indexOf(c)).filter((i) => i >= 0), Infinity) === Infinity
                ? -1
                : Math.min(...[...a[0]].map((c: string) => s.indexOf(c)).filter((i) => i >= 0));
        case 'substring': {
            const b = a[0];
            const e = a.length > 1 ? a[1] : s.length;
            if (b < 0 || e > s.length || b > e) {
                it.throwSys('StringException', `Ending position out of bounds: ${e}`);
            }
            return s.substring(b, e);
        }
        case 'left':
            return a[0] <= 0 ? '' : s.slice(0, a[0]);
        case 'right':
            return a[0] <= 0 ? '' : s.slice(Math.max(0, s.length - a[0]));
        case 'mid':
            return s.substr(Math.max(0, a[0]), Math.max(0, a[1]));
        case 'substringbefore':
            if (a[0] === null) return s;
            return s.indexOf(a[0]) < 0 ? s : s.slice(0, s.indexOf(a[0]));
        case 'substringafter':
            if (a[0] === null) return '';
            return s.indexOf(a[0]) < 0 ? '' : s.slice(s.indexOf(a[0]) + a[0].length);
        case 'substringbeforelast':
            return s.lastIndexOf(a[0]) < 0 ? s : s.slice(0, s.lastIndexOf(a[0]));
        case 'substringafterlast':
            return s.lastIndexOf(a[0]) < 0 ? '' : s.slice(s.lastIndexOf(a[0]) + a[0].length);
        case 'substringbetween': {
            const open = a[0];
            const close = a.length > 1 ? a[1] : a[0];
            const i = s.indexOf(open);
            if (i < 0) return null;
            const j = s.indexOf(close, i + open.length);
            return j < 0 ? null : s.slice(i + open.length, j);
        }
        case 'replace':
            nn();
            return s.split(a[0]).join(a[1]);
        case 'replaceall':
            return s.replace(javaRegex(a[0], 'g'), javaReplacement(a[1]));
        case 'replacefirst':
            return s.replace(javaRegex(a[0]), javaReplacement(a[1]));
        case 'split':
            return new ApexList(STRING_T, splitJava(s, a[0], a[1] ?? 0));
        case 'abbreviate': {
            const max = a[0];
            if (s.length <= max) return s;
            if (max < 4) it.throwSys('StringException', 'Minimum abbreviation width is 4');
            return s.slice(0, max - 3) + '...';
        }
        case 'capitalize':
            return s.length ? s[0].toUpperCase() + s.slice(1) : s;
        case 'uncapitalize':
            return s.length ? s[0].toLowerCase() + s.slice(1) : s;
        case 'center': {
            const size = a[0];
            const pad = a[1] ?? ' ';
            if (s.length >= size) return s;
            const total = size - s.length;
            const left = Math.floor(total / 2);
            return padStr(pad, left) + s + padStr(pad, total - left);
        }
        case 'leftpad':
            return s.length >= a[0] ? s : padStr(a[1] ?? ' ', a[0] - s.length) + s;
        case 'rightpad':
            return s.length >= a[0] ? s : s + padStr(a[1] ?? ' ', a[0] - s.length);
        case 'repeat':
            if (a.length === 2) return Array(a[1]).fill(s).join(a[0]);
            return s.repeat(a[0]);
        case 'reverse':
            return [...s].reverse().join('');
        case 'charat':
            if (a[0] < 0 || a[0] >= s.length) it.throwSys('StringException', `Char index out of bounds: ${a[0]}`);
            return s.charCodeAt(a[0]);
        case 'codepointat':
            return s.codePointAt(a[0]);
        case 'getchars':
            return new ApexList(
                T('Integer'),
                [...s].map((c) => c.charCodeAt(0))
            );
        case 'isnumeric':
            return /^\d+$/.test(s);
        case 'isnumericspace':
            return /^[\d ]*$/.test(s);
        case 'isalpha':
            return /^[A-Za-z]+$/.test(s);
        case 'isalphanumeric':
            return /^[A-Za-z0-9]+$/.test(s);
        case 'isalphaspace':
            return /^[A-Za-z ]*$/.test(s);
        case 'iswhitespace':
            return isWhitespace(s);
        case 'isalluppercase':
            return s.length > 0 && s === s.toUpperCase() && /[A-Z]/.test(s);
        case 'isalllowercase':
            return s.length > 0 && s === s.toLowerCase() && /[a-z]/.test(s);
        case 'normalizespace':
            return s.trim().replace(/\s+/g, ' ');
        case 'deletewhitespace':
            return s.replace(/\s+/g, '');
        case 'remove':
            return s.split(a[0]).join('');
        case 'removestart':
            return a[0] && s.startsWith(a[0]) ? s.slice(a[0].length) : s;
        case 'removeend':
            return a[0] && s.endsWith(a[0]) ? s.slice(0, s.length - a[0].length) : s;
        case 'removestartignorecase':
            return a[0] && s.toLowerCase().startsWith(a[0].toLowerCase()) ? s.slice(a[0].length) : s;
        case 'removeendignorecase':
            return a[0] && s.toLowerCase().endsWith(a[0].toLowerCase()) ? s.slice(0, s.length - a[0].length) : s;
        case 'countmatches':
            return a[0] ? s.split(a[0]).length - 1 : 0;
        case 'hashcode': {
            let h = 0;
            for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
            return h;
        }
        case 'tostring':
            return s;
        case 'escapecsv':
            return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
        case 'escapehtml4':
            return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        case 'escapexml':
            return s
                .replace(/&/g, '&amp;')
                .replace(/</g, '&lt;')
                .replace(/>/g, '&gt;')
                .replace(/"/g, '&quot;')
                .replace(/'/g, '&apos;');
        case 'escapejava':
            return JSON.stringify(s).slice(1, -1);
        case 'escapeecmascript':
            return JSON.stringify(s).slice(1, -1).replace(/'/g, "\\'");
        case 'unescapecsv':
            return s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
        case 'unescapehtml4':
        case 'unescapexml':
            return s
                .replace(/&lt;/g, '<')
                .replace(/&gt;/g, '>')
                .replace(/&quot;/g, '"')
                .replace(/&apos;/g, "'")
                .replace(/&amp;/g, '&');
        case 'striphtmltags':
            return s.replace(/<[^>]*>/g, '');
        case 'format':
            return formatString(it, s, a[0]);
        case 'difference': {
            let i = 0;
            while (i < s.length && i < a[0].length && s[i] === a[0][i]) i++;
            return a[0].slice(i);
        }
        case 'swapcase':
            return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
        case 'indexofchar':
            return s.indexOf(String.fromCharCode(a[0]), a[1] ?? 0);
        case 'lastindexofchar':
            return a.length > 1
                ? s.lastIndexOf(String.fromCharCode(a[0]), a[1])
                : s.lastIndexOf(String.fromCharCode(a[0]));
        case 'lastindexofignorecase':
            return s.toLowerCase().lastIndexOf(a[0].toLowerCase());
        case 'codepointbefore':
            return s.codePointAt(a[0] - 1);
        case 'codepointcount':
            return [...s.slice(a[0], a[1])].length;
        case 'isalphanumericspace':
            return /^[A-Za-z0-9 ]*$/.test(s);
        case 'isasciiprintable':
            return /^[\x20-\x7e]*$/.test(s);
        case 'indexofanybut': {
            for (let i = 0; i < s.length; i++) if (!a[0].includes(s[i])) return i;
            return -1;
        }
        case 'indexofdifference': {
            if (s === a[0]) return -1;
            let i = 0;
            while (i < s.length && i < a[0].length && s[i] === a[0][i]) i++;
            return i;
        }
        case 'getlevenshteindistance': {
            const t: string = a[0];
            const d = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array(t.length).fill(0)]);
            for (let j = 1; j <= t.length; j++) d[0][j] = j;
            for (let i = 1; i <= s.length; i++) {
                for (let j = 1; j <= t.length; j++) {
                    d[i][j] = Math.min(
                        d[i - 1][j] + 1,
                        d[i][j - 1] + 1,
                        d[i - 1][j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1)
                    );
                }
            }
            return d[s.length][t.length];
        }
        case 'escapehtml3':
            return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        case 'unescapehtml3':
            return s
                .replace(/&lt;/g, '<')
                .replace(/&gt;/g, '>')
                .replace(/&quot;/g, '"')
                .replace(/&amp;/g, '&');
        case 'escapeunicode':
            return s.replace(
                /[\u0080-\uffff]/g,
                (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
            );
        case 'unescapeunicode':
        case 'unescapejava':
        case 'unescapeecmascript':
            return s
                .replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
                .replace(
                    /\\([nrtbf"'\\])/g,
                    (_, c) => (({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }) as Record<string, string>)[c] ?? c
                );
        case 'splitbycharactertype':
        case 'splitbycharactertypecamelcase': {
            const parts = s.match(
                n === 'splitbycharactertype'
                    ? /[A-Z]+|[a-z]+|[0-9]+|\s+|[^A-Za-z0-9\s]+/g
                    : /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+|\s+|[^A-Za-z0-9\s]+/g
            );
            return new ApexList(STRING_T, parts ?? []);
        }
        case 'offsetbycodepoints':
            return a[0] + a[1];
    }
    it.throwSys('TypeException', `Method does not exist or incorrect signature: String.${n}`);
}

function padStr(pad: string, len: number): string {
    let out = '';
    while (out.length < len) out += pad;
    return out.slice(0, len);
}

/** Integer.valueOf / Decimal.valueOf / Double.valueOf / Long.valueOf from strings. */
export function parseNumber(it: Interpreter, kind: 'integer' | 'long' | 'decimal' | 'double', v: any): any {
    if (v === null) return null;
    if (typeof v !== 'string') {
        if (kind === 'decimal') return it.toDecimal(v);
        if (kind === 'double') return new ApexDouble(it.toDouble(v));
        if (kind === 'integer') return typeof v === 'number' ? v : Number(it.toDecimal(v).truncate());
        if (kind === 'long') return typeof v === 'bigint' ? v : it.toDecimal(v).truncate();
    }
    const s = (v as string).trim();
    try {
        switch (kind) {
            case 'integer': {
                if (!/^[+-]?\d+$/.test(s)) throw new Error();
                const n = Number(s);
                if (n > 2147483647 || n < -2147483648) throw new Error();
                return n;
            }
            case 'long':
                if (!/^[+-]?\d+$/.test(s)) throw new Error();
                return BigInt(s);
            case 'decimal':
                return Decimal.parse(s);
            case 'double': {
                const d = Number(s);
                if (Number.isNaN(d) && s !== 'NaN') throw new Error();
                return new ApexDouble(d);
            }
        }
    } catch {
        it.throwSys('TypeException', `Invalid ${kind}: ${v}`);
    }
}

export function blobToString(b: ApexBlob): string {
    return b.toUtf8();
}
