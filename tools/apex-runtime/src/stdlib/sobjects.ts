/**
 * Methods on sObject records (get/put, getSObject, clone, addError …) and the static accessors of custom metadata
 * types and custom settings (getAll, getInstance, getOrgDefaults, getValues).
 */
import {
    ApexList,
    ApexMap,
    NativeObject,
    OBJECT_T,
    SObjectFieldToken,
    SObjectTypeToken,
    T
} from '../interpreter/objects';
import type { SObjectLike } from '../interpreter/sobjects';
import type { Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Custom metadata getAll/getInstance and custom setting accessors. */
export function sobjectStatic(lib: Platform, object: string, n: string, a: any[]): any {
    const org: any = lib.it.org;
    const d = lib.describeObject(object);
    if (n === 'getsobjecttype') return new SObjectTypeToken(object);
    if (/__mdt$/i.test(object)) {
        const records: SObjectLike[] = lib.wrapOrgErrors(() => org.customMetadata(object)) ?? [];
        switch (n) {
            case 'getall': {
                const m = new ApexMap(T('String'), T(object));
                for (const r of records) {
                    const dev = r.get('DeveloperName');
                    m.map.set(dev, [dev, r.clone(true, false, true, true)]);
                }
                return m;
            }
            case 'getinstance': {
                const key = a[0];
                if (key === null || key === undefined) return null;
                const r = records.find(
                    (x) => x.get('DeveloperName') === key || x.get('QualifiedApiName') === key || x.get('Id') === key
                );
                return r ? r.clone(true, false, true, true) : null;
            }
        }
    }
    if (d?.isCustomSetting) {
        switch (n) {
            case 'getorgdefaults':
                return lib.wrapOrgErrors(() => org.customSetting?.(object, 'org') ?? lib.newSObject(object));
            case 'getinstance':
                return lib.wrapOrgErrors(
                    () =>
                        org.customSetting?.(
                            object,
                            a.length && typeof a[0] === 'string' && a[0].length >= 15
                                ? 'user'
                                : a.length
                                  ? 'name'
                                  : 'user',
                            a[0]
                        ) ?? null
                );
            case 'getvalues':
                return lib.wrapOrgErrors(() => org.customSetting?.(object, 'name', a[0]) ?? null);
            case 'getall': {
                const m = new ApexMap(T('String'), T(object));
                for (const r of lib.wrapOrgErrors(() => org.customSettingList?.(object) ?? []))
                    m.map.set(r.get('Name'), [r.get('Name'), r]);
                return m;
            }
        }
    }
    return lib.it.throwSys('TypeException', `Method does not exist or incorrect signature: ${object}.${n}`);
}

export function sobjectMethod(lib: Platform, o: SObjectLike, n: string, a: any[]): any {
    const it = lib.it;
    switch (n) {
        case 'get':
            if (a[0] instanceof SObjectFieldToken) return lib.sobjectGet(o, a[0].field);
            return lib.sobjectGet(o, a[0]);
        case 'put': {
            const field = a[0] instanceof SObjectFieldToken ? a[0].field : a[0];
            const old = lib.wrapOrgErrors(() => {
                try {
                    return o.getPopulatedFieldsAsMap().get(field) ?? null;
                } catch {
                    return null;
                }
            });
            lib.sobjectPut(o, field, a[1]);
            return old;
        }
        case 'getsobject':
            return lib.wrapOrgErrors(() => o.getSObject(a[0] instanceof SObjectFieldToken ? a[0].field : a[0]));
        case 'putsobject':
            return lib.wrapOrgErrors(() => o.putSObject(a[0], a[1]));
        case 'getsobjects': {
            const rows = lib.wrapOrgErrors(() => o.getSObjects(a[0]));
            return rows ? new ApexList(T('SObject'), rows as any[]) : null;
        }
        case 'getsobjecttype':
            return new SObjectTypeToken(o.type);
        case 'clone':
            return lib.wrapOrgErrors(() => o.clone(a[0] ?? true, a[1] ?? false, a[2] ?? false, a[3] ?? false));
        case 'getpopulatedfieldsasmap': {
            const m = new ApexMap(T('String'), OBJECT_T);
            for (const [k, v] of o.getPopulatedFieldsAsMap()) {
                const val = Array.isArray(v) ? new ApexList(T('SObject'), v) : v;
                m.map.set(k, [k, val]);
            }
            return m;
        }
        case 'adderror':
            return lib.wrapOrgErrors(() =>
                (o as any).addError ? (o as any).addError(a.length > 1 ? a[1] : a[0], a.length > 1 ? a[0] : null) : null
            );
        case 'haserrors':
            return (o as any).hasErrors?.() ?? false;
        case 'geterrors':
            return new ApexList(
                T('Database.Error'),
                ((o as any).getErrors?.() ?? []).map((e: any) => new NativeObject('Database.Error', e))
            );
        case 'isset':
            return (
                o.getPopulatedFieldsAsMap().has(a[0] instanceof SObjectFieldToken ? a[0].field : a[0]) ||
                populatedCi(o, a[0])
            );
        case 'equals':
            return it.valuesEqual(o, a[0], false);
        case 'hashcode':
            return 0;
        case 'tostring':
            return it.str(o);
        case 'getquickactionname':
            return null;
        case 'getoptions':
            return null;
    }
    return it.throwSys('TypeException', `Method does not exist or incorrect signature: ${o.type}.${n}`);
}

export function populatedCi(o: SObjectLike, f: any): boolean {
    const name = (f instanceof SObjectFieldToken ? f.field : String(f)).toLowerCase();
    for (const k of o.getPopulatedFieldsAsMap().keys()) if (k.toLowerCase() === name) return true;
    return false;
}
