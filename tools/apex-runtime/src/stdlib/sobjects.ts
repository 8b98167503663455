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
        const settings = customSettings(lib, object);
        switch (n) {
            case 'getorgdefaults':
                // "If no custom setting data is defined for the organization, this method returns an empty custom
                // setting object": a new record for the organization (SetupOwnerId the org Id, fields at their
                // defaults), which `insert` stores as the org level
                return settings.level(settings.orgId) ?? settings.newAtLevel(settings.orgId);
            case 'getinstance':
                if (a.length && !isId(a[0])) return settings.byName(a[0]);
                return settings.hierarchy(a.length ? a[0] : null);
            case 'getvalues':
                // only what is defined at exactly that level (or that name): null when nothing is
                return isId(a[0]) ? settings.level(a[0]) : settings.byName(a[0]);
            case 'getall': {
                const m = new ApexMap(T('String'), T(object));
                for (const r of settings.rows) m.map.set(r.get('Name'), [r.get('Name'), r]);
                return m;
            }
        }
    }
    return lib.it.throwSys('TypeException', `Method does not exist or incorrect signature: ${object}.${n}`);
}

export function sobjectMethod(lib: Platform, o: SObjectLike, n: string, a: any[]): any {
    const it = lib.it;
    switch (n) {
        case 'setoptions':
            // kept with the record and read when it is saved: allowFieldTruncation applies, assignment rules and
            // the other headers are not modelled
            o.dmlOptions = a[0]?.data ?? null;
            return null;
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

function isId(v: unknown): v is string {
    return typeof v === 'string' && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(v) && /\d/.test(v);
}

/**
 * The stored records of a custom setting (Apex Reference › Custom Settings Methods). A hierarchy setting's records
 * belong to the organization, a profile or a user (SetupOwnerId); getInstance merges them lowest level first and,
 * with nothing defined for the user, returns a new record (Id null) with the defined fields of the levels above
 * and the fields' default values.
 */
function customSettings(lib: Platform, object: string) {
    const org: any = lib.it.org;
    const rows: SObjectLike[] = lib.wrapOrgErrors(() => org.db.rows(object).map((r: any) => org.toSObject(r)));
    const orgId: string | null = org.db.rows('Organization')[0]?.id ?? null;
    const sameId = (x: unknown, y: unknown) =>
        typeof x === 'string' && typeof y === 'string' && x.substring(0, 15) === y.substring(0, 15);
    const level = (ownerId: unknown): SObjectLike | null => {
        const r = rows.find((x) => sameId(x.get('SetupOwnerId'), ownerId));
        return r ? r.clone(true, false, true, true) : null;
    };
    const profileOf = (userId: string): string | null => {
        const user = org.db.get(userId) ?? org.db.rows('User').find((u: any) => sameId(u.id, userId));
        return (user?.slots.get('profileid')?.value as string) ?? null;
    };
    return {
        rows,
        orgId,
        level,
        byName(name: unknown): SObjectLike | null {
            const r = rows.find((x) => x.get('Name') === name);
            return r ? r.clone(true, false, true, true) : null;
        },
        newAtLevel(ownerId: string | null): SObjectLike {
            const result = lib.newSObject(object);
            result.put('SetupOwnerId', ownerId);
            for (const f of lib.fieldList(object)) {
                if (!f.custom || f.calculated) continue;
                const v = org.defaultValue(f);
                if (v !== null && v !== undefined) result.put(f.name, v);
            }
            return result;
        },
        hierarchy(ownerId: string | null): SObjectLike {
            const forProfile = typeof ownerId === 'string' && ownerId.startsWith('00e');
            const userId = forProfile ? null : (ownerId ?? org.runningUserId);
            const owners = forProfile ? [ownerId, orgId] : [userId, userId ? profileOf(userId) : null, orgId];
            const levels = owners.map((o) => (o ? level(o) : null));
            const result = levels[0] ?? lib.newSObject(object);
            if (!levels[0]) result.put('SetupOwnerId', owners[0]);
            const unset = (k: string) => result.get(k) === null || result.get(k) === undefined;
            for (const above of levels.slice(1)) {
                if (!above) continue;
                for (const [k, v] of above.getPopulatedFieldsAsMap())
                    if (!/^(id|setupownerid|name)$/i.test(k) && unset(k)) result.put(k, v);
            }
            if (!levels[0]) {
                for (const f of lib.fieldList(object)) {
                    if (!f.custom || f.calculated || !unset(f.name)) continue;
                    const v = org.defaultValue(f);
                    if (v !== null && v !== undefined) result.put(f.name, v);
                }
            }
            return result;
        }
    };
}
