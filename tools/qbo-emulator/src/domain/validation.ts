import { Faults } from '../faults/catalog';
import type { EntityName, Json, Realm } from '../store/realm';

/** Properties QBO rejects with 2010 when they are not part of the entity's schema. */
export function rejectUnknownProperties(entity: string, body: Json, allowed: ReadonlySet<string>): void {
    for (const key of Object.keys(body)) {
        if (!allowed.has(key)) throw Faults.unsupportedProperty(entity, key);
    }
}

export function isObject(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `X.value` of a reference type, or undefined when the reference is absent. */
export function refValue(body: Json, key: string, element = key): string | undefined {
    const ref = body[key];
    if (ref === undefined || ref === null) return undefined;
    if (!isObject(ref) || ref.value === undefined || ref.value === null || ref.value === '') {
        throw Faults.requiredParamMissing(`${element}.value`, element);
    }
    return String(ref.value);
}

/**
 * A live, active entity for a reference: unknown → 2500 Invalid Reference Id; inactive → 610 Object Not Found with
 * QuickBooks' own Detail, which names neither the record nor the field (Intuit's batch sample answer:
 * "Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or
 * employees.", element "").
 */
export function resolveReference(realm: Realm, entity: EntityName, id: string, element: string): Json {
    const found = realm.find(entity, id);
    if (!found) throw Faults.invalidReference(entity, id, element);
    if (found.Active === false) throw Faults.objectNotFound();
    return found;
}

export function optionalString(body: Json, key: string, maxLength: number, element = key): string | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw Faults.malformedRequest(`${element}`);
    if (value.length > maxLength) throw Faults.stringLength(element, maxLength, value.length);
    return value;
}

export function optionalNumber(body: Json, key: string, element = key): number | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isFinite(parsed)) throw Faults.malformedRequest(element);
    return parsed;
}

/** Half-up rounding to cents, immune to binary artefacts such as 1.005 * 100 = 100.49999. */
export function roundMoney(value: number): number {
    const scaled = Math.abs(value) * 100;
    const rounded = Math.round(Number(scaled.toPrecision(12)));
    return (Math.sign(value) * rounded) / 100 || 0;
}

export function requireIdAndSyncToken(body: Json): { id: string; syncToken: string } {
    if (body.Id === undefined || body.Id === null || body.Id === '') throw Faults.requiredParamMissing('Id');
    if (body.SyncToken === undefined || body.SyncToken === null || body.SyncToken === '') {
        throw Faults.requiredParamMissing('SyncToken');
    }
    return { id: String(body.Id), syncToken: String(body.SyncToken) };
}

/** Finds the record an update/delete names and checks the SyncToken (5010 Stale Object Error when behind). */
export function loadForWrite(realm: Realm, entity: EntityName, body: Json): Json {
    const { id, syncToken } = requireIdAndSyncToken(body);
    const existing = realm.find(entity, id);
    if (!existing) {
        throw Faults.objectNotFound(
            `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.`
        );
    }
    if (existing.SyncToken !== syncToken) throw Faults.staleObject();
    return existing;
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export function checkEmail(address: unknown, element: string): void {
    if (typeof address !== 'string' || !EMAIL.test(address)) {
        throw Faults.businessValidation(
            `Email Address does not conform to the syntax rules of RFC 822. Supplied value:${String(address)}`,
            element
        );
    }
}

export const COMMON_META = ['Id', 'SyncToken', 'sparse', 'domain', 'MetaData'];
