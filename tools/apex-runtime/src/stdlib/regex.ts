/**
 * Pattern and Matcher over Java regular expressions.
 */
import { ApexList, NativeObject, T } from '../interpreter/objects';
import { javaRegex } from './strings';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function matcherMethod(lib: Platform, d: any, n: string, a: any[]): any {
    const input: string = d.input;
    switch (n) {
        case 'matches': {
            const m = javaRegex('^(?:' + d.source + ')$').exec(input);
            d.match = m;
            return !!m;
        }
        case 'find': {
            if (!d.re) d.re = javaRegex(d.source, 'g');
            const m = d.re.exec(input);
            d.match = m;
            if (m && m[0].length === 0) d.re.lastIndex++;
            return !!m;
        }
        case 'lookingat': {
            const m = javaRegex('^(?:' + d.source + ')').exec(input);
            d.match = m;
            return !!m;
        }
        case 'group':
            if (!d.match) lib.it.throwSys('StringException', 'No match found');
            return d.match[a[0] ?? 0] ?? null;
        case 'groupcount':
            return (javaRegex(d.source + '|').exec('')?.length ?? 1) - 1;
        case 'start':
            return d.match?.index ?? -1;
        case 'end':
            return d.match ? d.match.index + d.match[0].length : -1;
        case 'replaceall':
            return input.replace(javaRegex(d.source, 'g'), a[0]);
        case 'replacefirst':
            return input.replace(javaRegex(d.source), a[0]);
        case 'reset':
            d.re = null;
            d.match = null;
            if (a.length) d.input = a[0];
            return null;
        case 'hitend':
            return d.re ? d.re.lastIndex >= input.length : false;
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Matcher.${n}`);
}

export function patternStatic(n: string, a: any[]): any {
    if (n === 'compile') return new NativeObject('Pattern', { source: a[0] });
    if (n === 'matches') return javaRegex('^(?:' + a[0] + ')$').test(a[1]);
    if (n === 'quote') return a[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return UNHANDLED;
}

export function patternMethod(o: NativeObject, n: string, a: any[]): any {
    const d = o.data;
    if (n === 'matcher') return new NativeObject('Matcher', { source: d.source, input: a[0], match: null, re: null });
    if (n === 'pattern') return d.source;
    if (n === 'split') return new ApexList(T('String'), (a[0] as string).split(javaRegex(d.source)));
    return UNHANDLED;
}
