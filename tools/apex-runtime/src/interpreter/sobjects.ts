/**
 * The interpreter's view of the org's SObject (src/org): everything sObject-specific goes through here, so the
 * language side never depends on the data layer's internals.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface SObjectLike {
    readonly type: string;
    get(field: string): any;
    put(field: string, value: any): any;
    getSObject(rel: string): SObjectLike | null;
    putSObject(rel: string, value: SObjectLike | null): any;
    getSObjects(rel: string): SObjectLike[] | null;
    getPopulatedFieldsAsMap(): Map<string, any>;
    /** The Database.DMLOptions given with setOptions (their properties are read when the record is saved). */
    dmlOptions: { allowFieldTruncation?: boolean } | null;
    clone(
        preserveId?: boolean,
        deep?: boolean,
        preserveReadonlyTimestamps?: boolean,
        preserveAutonumber?: boolean
    ): SObjectLike;
}

export function isSObject(v: any): v is SObjectLike {
    return (
        v !== null &&
        typeof v === 'object' &&
        typeof v.type === 'string' &&
        typeof v.getPopulatedFieldsAsMap === 'function' &&
        typeof v.put === 'function'
    );
}
