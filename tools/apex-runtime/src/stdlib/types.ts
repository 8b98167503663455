/**
 * System.Type: Type.forName (class, sObject, built-in and generic collection names) and the methods of a type token.
 */
import type { TypeRef } from '../loader/ast';
import type { Frame } from '../interpreter/frame';
import { ApexList, ApexMap, ApexSet, OBJECT_T, TypeToken } from '../interpreter/objects';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Parses `Map<Id,List<Contact>>`-style type names into a TypeRef (null when malformed). */
function parseTypeName(text: string): TypeRef | null {
    let i = 0;
    const read = (): TypeRef | null => {
        const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
        if (!m) return null;
        i += m[0].length;
        const args: TypeRef[] = [];
        if (text[i] === '<') {
            i++;
            for (;;) {
                const a = read();
                if (!a) return null;
                args.push(a);
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === '>') {
                    i++;
                    break;
                }
                return null;
            }
        }
        return { name: m[0], n: m[0].toLowerCase(), args, array: 0 };
    };
    const t = read();
    return t && i === text.length ? t : null;
}

/** Type.forName: class, sObject and built-in names, and generic collection names such as `Map<Id,Contact>`. */
export function typeForName(lib: Platform, name: string | null, f: Frame): TypeToken | null {
    if (!name) return null;
    void f;
    const ref = parseTypeName(name.replace(/\s+/g, ''));
    if (!ref) return null;
    const known = (t: TypeRef): boolean =>
        ['list', 'set', 'map'].includes(t.n)
            ? t.args.length > 0 && t.args.every(known)
            : t.n === 'object' || !!lib.it.resolveTypeName(t.n, null);
    if (!known(ref)) return null;
    return lib.typeToken(ref, null);
}

export function typeTokenMethod(lib: Platform, o: TypeToken, n: string, a: any[]): any {
    void a;
    switch (n) {
        case 'getname':
        case 'tostring':
            return o.display;
        case 'newinstance': {
            // an inner class's token names it in full (Outer.Inner), so it resolves from anywhere
            const h = lib.it.resolveType(o.ref, null) ?? lib.it.resolveTypeName(o.display.toLowerCase(), null);
            if (h?.kind === 'class') return lib.it.instantiate(h.cls, [], 0);
            if (h?.kind === 'sobject') return lib.newSObject(h.name);
            if (o.ref.n === 'list' || o.ref.n === 'map' || o.ref.n === 'set') {
                if (o.ref.n === 'list') return new ApexList(o.ref.args[0] ?? OBJECT_T);
                if (o.ref.n === 'set') return new ApexSet(o.ref.args[0] ?? OBJECT_T);
                return new ApexMap(o.ref.args[0] ?? OBJECT_T, o.ref.args[1] ?? OBJECT_T);
            }
            return lib.it.throwSys('TypeException', `Type cannot be constructed: ${o.display}`);
        }
        case 'equals':
            return a[0] instanceof TypeToken && a[0].ref.n === o.ref.n;
        case 'hashcode':
            return 0;
        case 'isassignablefrom': {
            const other = a[0] as TypeToken;
            const h1 = lib.it.resolveType(o.ref, null);
            const h2 = lib.it.resolveType(other.ref, null);
            if (h1?.kind === 'class' && h2?.kind === 'class') return h2.cls.isSubclassOf(h1.cls);
            return o.ref.n === other.ref.n || o.ref.n === 'object';
        }
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Type.${n}`);
}

export function typeStatic(lib: Platform, n: string, a: any[], f: Frame): any {
    if (n === 'forname') return typeForName(lib, a.length === 2 ? (a[0] ? a[0] + '.' : '') + a[1] : a[0], f);
    return UNHANDLED;
}
