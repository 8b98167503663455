/**
 * Result types that Apex code may build from JSON (`JSON.deserialize(json, Database.SaveResult.class)`, a common way
 * to mock DML outcomes): Database.SaveResult, UpsertResult, DeleteResult, UndeleteResult, EmptyRecycleBinResult,
 * MergeResult, LeadConvertResult and Approval.LockResult, UnlockResult, ProcessResult. Their JSON properties are the
 * getters' names without `get`/`is` (`success`, `id`, `errors` of `message`, `statusCode`, `fields`), as
 * `JSON.serialize` writes them (Apex Reference › Database Namespace, Approval Namespace).
 */
import { ApexList, NativeObject, T } from '../interpreter/objects';
import { UNHANDLED } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Lower-case type name → the type's name as the platform spells it. */
export const JSON_RESULT_TYPES = new Map<string, string>(
    [
        'Database.SaveResult',
        'Database.UpsertResult',
        'Database.DeleteResult',
        'Database.UndeleteResult',
        'Database.EmptyRecycleBinResult',
        'Database.MergeResult',
        'Database.LeadConvertResult',
        'Approval.LockResult',
        'Approval.UnlockResult',
        'Approval.ProcessResult'
    ].map((name) => [name.toLowerCase(), name])
);

/** A result object from its untyped JSON form (property names are matched case-insensitively). */
export function resultFromJson(typeName: string, json: Map<string, unknown>): NativeObject {
    const data: Record<string, any> = {};
    for (const [k, v] of json) data[k.toLowerCase()] = v;
    const list = (v: unknown) => (Array.isArray(v) ? v : v instanceof ApexList ? v.items : []);
    const errors = list(data.errors).map((e: any) => {
        const m = new Map<string, unknown>(
            e instanceof Map ? [...e].map(([k, v]) => [String(k).toLowerCase(), v]) : []
        );
        return {
            message: m.get('message') ?? null,
            statusCode: m.get('statuscode') ?? null,
            fields: list(m.get('fields')).map(String)
        };
    });
    return new NativeObject(typeName, { ...data, success: data.success === true, errors });
}

/** The getters of the result types that Database DML does not itself return (MergeResult, Approval results …). */
export function jsonResultMethod(o: NativeObject, n: string): any {
    const d = o.data;
    const ids = (v: unknown) => new ApexList(T('Id'), Array.isArray(v) ? v : v instanceof ApexList ? v.items : []);
    switch (n) {
        case 'issuccess':
            return !!d.success;
        case 'getid':
            return d.id ?? null;
        case 'geterrors':
            return new ApexList(
                T('Database.Error'),
                (d.errors ?? []).map((e: any) => new NativeObject('Database.Error', e))
            );
        case 'getmergedrecordids':
            return ids(d.mergedrecordids);
        case 'getupdatedrelatedids':
            return ids(d.updatedrelatedids);
        case 'getaccountid':
        case 'getcontactid':
        case 'getleadid':
        case 'getopportunityid':
        case 'getrelatedpersonaccountid':
        case 'getentityid':
        case 'getinstanceid':
        case 'getinstancestatus':
            return d[n.substring(3)] ?? null;
        case 'getnewworkitemids':
            return ids(d.newworkitemids);
        case 'getactorids':
            return ids(d.actorids);
    }
    return UNHANDLED;
}
