/**
 * List, Set and Map methods.
 */
import type { Interpreter } from '../interpreter/interpreter';
import { ApexList, ApexMap, ApexObject, ApexSet, EnumValue, T } from '../interpreter/objects';
import { isSObject } from '../interpreter/sobjects';

/* eslint-disable @typescript-eslint/no-explicit-any */

function npe(it: Interpreter): never {
    it.throwSys('NullPointerException', 'Argument cannot be null.');
}

export function listIndexCheck(it: Interpreter, l: ApexList, i: any) {
    if (i === null) npe(it);
    if (typeof i !== 'number' || i < 0 || i >= l.items.length) {
        it.throwSys('ListException', `List index out of bounds: ${i}`);
    }
}

function toItems(it: Interpreter, v: any): any[] {
    if (v === null) npe(it);
    if (v instanceof ApexList) return v.items;
    if (v instanceof ApexSet) return [...v.map.values()];
    return [];
}

export function compareForSort(it: Interpreter, a: any, b: any): number {
    if (a === null && b === null) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    if (a instanceof ApexObject) {
        if (it.hasMethod(a, 'compareTo', 1)) return it.callMethod(a, 'compareTo', [b]);
        it.throwSys('ListException', 'One or more of the items in this list is not Comparable');
    }
    if (a instanceof EnumValue) return a.ordinal - b.ordinal;
    if (isSObject(a)) {
        // sObjects sort by Name, then fields; approximated by Name then Id
        const an = a.getPopulatedFieldsAsMap();
        const bn = b.getPopulatedFieldsAsMap();
        const x = String(an.get('Name') ?? '');
        const y = String(bn.get('Name') ?? '');
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (typeof a === 'string' && typeof b === 'string') {
        // Apex List.sort on Strings is case-sensitive (Java String.compareTo)
        return a < b ? -1 : a > b ? 1 : 0;
    }
    return it.compareValues(a, b);
}

export function listMethod(it: Interpreter, l: ApexList, n: string, a: any[]): any {
    switch (n) {
        case 'add':
            if (a.length === 2) {
                if (a[0] < 0 || a[0] > l.items.length)
                    it.throwSys('ListException', `List index out of bounds: ${a[0]}`);
                l.items.splice(a[0], 0, it.coerce(a[1], l.elemType, null));
            } else l.items.push(it.coerce(a[0], l.elemType, null));
            return null;
        case 'addall':
            for (const x of toItems(it, a[0])) l.items.push(x);
            return null;
        case 'get':
            listIndexCheck(it, l, a[0]);
            return l.items[a[0]];
        case 'set':
            listIndexCheck(it, l, a[0]);
            l.items[a[0]] = it.coerce(a[1], l.elemType, null);
            return null;
        case 'size':
            return l.items.length;
        case 'isempty':
            return l.items.length === 0;
        case 'clear':
            l.items.length = 0;
            return null;
        case 'remove': {
            listIndexCheck(it, l, a[0]);
            return l.items.splice(a[0], 1)[0];
        }
        case 'contains':
            return l.items.some((x) => it.valuesEqual(x, a[0], false));
        case 'indexof':
            return l.items.findIndex((x) => it.valuesEqual(x, a[0], false));
        case 'sort':
            if (a.length === 1 && a[0] instanceof ApexObject) {
                const cmp = a[0];
                stableSort(l.items, (x, y) => it.callMethod(cmp, 'compare', [x, y]));
            } else stableSort(l.items, (x, y) => compareForSort(it, x, y));
            return null;
        case 'clone':
        case 'deepclone': {
            const items =
                n === 'deepclone'
                    ? l.items.map((x) => (isSObject(x) ? x.clone(true, false, true, true) : x))
                    : [...l.items];
            return new ApexList(l.elemType, items);
        }
        case 'equals':
            return it.valuesEqual(l, a[0], false);
        case 'hashcode':
            return l.items.length;
        case 'iterator':
            return it.builtins.makeIterator(l.items);
        case 'getsobjecttype':
            return it.builtins.sobjectTypeToken(l.elemType.name);
        case 'tostring':
            return it.str(l);
    }
    it.throwSys('TypeException', `Method does not exist or incorrect signature: List.${n}`);
}

function stableSort(arr: any[], cmp: (a: any, b: any) => number) {
    const idx = arr.map((v, i) => [v, i] as [any, number]);
    idx.sort((x, y) => cmp(x[0], y[0]) || x[1] - y[1]);
    for (let i = 0; i < arr.length; i++) arr[i] = idx[i][0];
}

export function setMethod(it: Interpreter, s: ApexSet, n: string, a: any[]): any {
    const key = (v: any) => it.builtins.key(it.coerce(v, s.elemType, null));
    switch (n) {
        case 'add': {
            const v = it.coerce(a[0], s.elemType, null);
            const k = key(v);
            if (s.map.has(k)) return false;
            s.map.set(k, v);
            return true;
        }
        case 'addall': {
            let changed = false;
            for (const x of toItems(it, a[0])) {
                const k = key(x);
                if (!s.map.has(k)) {
                    s.map.set(k, x);
                    changed = true;
                }
            }
            return changed;
        }
        case 'contains':
            return s.map.has(key(a[0]));
        case 'containsall':
            return toItems(it, a[0]).every((x) => s.map.has(key(x)));
        case 'remove':
            return s.map.delete(key(a[0]));
        case 'removeall': {
            let changed = false;
            for (const x of toItems(it, a[0])) changed = s.map.delete(key(x)) || changed;
            return changed;
        }
        case 'retainall': {
            const keep = new Set(toItems(it, a[0]).map(key));
            let changed = false;
            for (const k of [...s.map.keys()]) {
                if (!keep.has(k)) {
                    s.map.delete(k);
                    changed = true;
                }
            }
            return changed;
        }
        case 'size':
            return s.map.size;
        case 'isempty':
            return s.map.size === 0;
        case 'clear':
            s.map.clear();
            return null;
        case 'clone': {
            const c = new ApexSet(s.elemType);
            for (const [k, v] of s.map) c.map.set(k, v);
            return c;
        }
        case 'equals':
            return it.valuesEqual(s, a[0], false);
        case 'hashcode':
            return s.map.size;
        case 'iterator':
            return it.builtins.makeIterator([...s.map.values()]);
        case 'tostring':
            return it.str(s);
    }
    it.throwSys('TypeException', `Method does not exist or incorrect signature: Set.${n}`);
}

export function mapMethod(it: Interpreter, m: ApexMap, n: string, a: any[]): any {
    const key = (v: any) => it.builtins.key(it.coerce(v, m.keyType, null));
    switch (n) {
        case 'get':
            return m.map.get(key(a[0]))?.[1] ?? null;
        case 'put': {
            const k = it.coerce(a[0], m.keyType, null);
            const kk = key(k);
            const old = m.map.get(kk)?.[1] ?? null;
            m.map.set(kk, [k, it.coerce(a[1], m.valType, null)]);
            return old;
        }
        case 'putall':
            if (a[0] instanceof ApexMap) for (const [k, v] of a[0].map) m.map.set(k, v);
            else for (const so of toItems(it, a[0])) m.map.set(key(so.get('Id')), [so.get('Id'), so]);
            return null;
        case 'containskey':
            return m.map.has(key(a[0]));
        case 'remove': {
            const kk = key(a[0]);
            const old = m.map.get(kk)?.[1] ?? null;
            m.map.delete(kk);
            return old;
        }
        case 'keyset': {
            const s = new ApexSet(m.keyType);
            for (const [k, [kv]] of m.map) s.map.set(k, kv);
            return s;
        }
        case 'values':
            return new ApexList(
                m.valType,
                [...m.map.values()].map((x) => x[1])
            );
        case 'size':
            return m.map.size;
        case 'isempty':
            return m.map.size === 0;
        case 'clear':
            m.map.clear();
            return null;
        case 'clone':
        case 'deepclone': {
            const c = new ApexMap(m.keyType, m.valType);
            for (const [k, v] of m.map)
                c.map.set(k, [v[0], n === 'deepclone' && isSObject(v[1]) ? v[1].clone(true, false, true, true) : v[1]]);
            return c;
        }
        case 'equals':
            return it.valuesEqual(m, a[0], false);
        case 'hashcode':
            return m.map.size;
        case 'getsobjecttype':
            return it.builtins.sobjectTypeToken(m.valType.name);
        case 'tostring':
            return it.str(m);
    }
    it.throwSys('TypeException', `Method does not exist or incorrect signature: Map.${n}`);
}

export const LIST_OF_STRING = T('String');
