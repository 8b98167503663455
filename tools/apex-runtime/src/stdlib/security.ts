/**
 * Security.stripInaccessible and its SObjectAccessDecision, and FeatureManagement.checkPermission.
 */
import { ApexList, ApexMap, ApexSet, EnumValue, NativeObject, T, keyOf } from '../interpreter/objects';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function stripInaccessible(lib: Platform, a: any[]): any {
    const access = a[0] instanceof EnumValue ? a[0].name : 'READABLE';
    const recs = (a[1] as ApexList).items;
    const res = lib.it.org?.stripInaccessible
        ? lib.it.org.stripInaccessible(access, recs, a.length > 2 ? a[2] !== false : true)
        : { records: recs, removedFields: new Map() };
    return new NativeObject('SObjectAccessDecision', res);
}

export function featureManagementStatic(lib: Platform, n: string, a: any[]): any {
    if (n === 'checkpermission') return !!lib.wrapOrgErrors(() => lib.it.org?.hasCustomPermission?.(a[0]));
    return UNHANDLED;
}

export function securityStatic(lib: Platform, n: string, a: any[]): any {
    if (n === 'stripinaccessible') return lib.wrapOrgErrors(() => stripInaccessible(lib, a));
    return UNHANDLED;
}

export function accessDecisionMethod(o: NativeObject, n: string): any {
    const d = o.data;
    if (n === 'getrecords') return new ApexList(T('SObject'), d.records ?? []);
    if (n === 'getremovedfields') {
        const m = new ApexMap(T('String'), T('Set<String>'));
        const src: Map<string, string[]> = d.removedFields ?? new Map();
        for (const [k, v] of src) {
            const s = new ApexSet(T('String'));
            for (const x of v) s.map.set(x, x);
            m.map.set(k, [k, s]);
        }
        return m;
    }
    if (n === 'getmodifiedindexes') {
        const s = new ApexSet(T('Integer'));
        for (const i of d.modifiedIndexes ?? []) s.map.set(keyOf(i), i);
        return s;
    }
    return UNHANDLED;
}
