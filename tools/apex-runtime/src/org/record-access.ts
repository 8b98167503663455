/**
 * Record-level access (sharing): which records a user may read, edit and delete, as UserRecordAccess reports it and
 * as user-mode queries (`WITH USER_MODE`, `AccessLevel.USER_MODE`) enforce it.
 *
 * Modelled, from Salesforce Help "Sharing Settings" / "Organization-Wide Defaults" and the Object Reference
 * (UserRecordAccess, https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-userrecordaccess.html):
 * - the organization-wide default of a custom object is its `sharingModel` (Private, Read, ReadWrite,
 *   ControlledByParent); standard objects take the org config's `organizationWideDefaults`, else a new org's
 *   defaults (Salesforce Help › Default Organization-Wide Sharing Settings): Activity (Task, Event) Private,
 *   Opportunity Public Read Only, Contact Controlled by Parent (its Account; a contact without one is private),
 *   User Public Read Only, the others (Account, Contract, Case, Lead, Campaign …) Public Read/Write;
 * - the owner (OwnerId) has full access; a System Administrator (View/Modify All Data) and a user with View All /
 *   Modify All on the object see / change every record;
 * - ControlledByParent follows the master-detail parent (a detail has no owner).
 * Simplification: no role hierarchy, sharing rules, manual shares, teams or territories; a record outside these
 * rules is not shared.
 */
import type { Database, Row } from './database';
import { queryError } from './errors';
import type { ObjectDef } from './schema';
import { isAdmin, type UserAccess } from './security';
import type { Condition, SoqlBind, SoqlValue } from './soql-parser';

export type SharingModel = 'Private' | 'Read' | 'ReadWrite' | 'ControlledByParent';

export interface RecordAccess {
    read: boolean;
    edit: boolean;
    delete: boolean;
    /** Owner-level access (transfer, share). */
    all: boolean;
}

const NONE: RecordAccess = { read: false, edit: false, delete: false, all: false };
const FULL: RecordAccess = { read: true, edit: true, delete: true, all: true };

/** A new org's organization-wide defaults of standard objects that are not Public Read/Write. */
const NEW_ORG_DEFAULTS: Record<string, SharingModel> = {
    task: 'Private',
    event: 'Private',
    opportunity: 'Read',
    contact: 'ControlledByParent',
    user: 'Read'
};

/** The parent a standard object's Controlled by Parent default follows (custom objects: their master-detail). */
const STANDARD_PARENT_FIELD: Record<string, string> = { contact: 'accountid' };

/** The organization-wide default of an object. */
export function sharingModelOf(def: ObjectDef, standardDefaults: Record<string, string> = {}): SharingModel {
    const configured = def.custom
        ? def.sharingModel
        : (Object.entries(standardDefaults).find(([name]) => name.toLowerCase() === def.name.toLowerCase())?.[1] ??
          NEW_ORG_DEFAULTS[def.name.toLowerCase()]);
    switch ((configured ?? 'ReadWrite').toLowerCase()) {
        case 'private':
            return 'Private';
        case 'read':
            return 'Read';
        case 'controlledbyparent':
            return 'ControlledByParent';
        default:
            return 'ReadWrite';
    }
}

/** How a user may reach one record through sharing (object permissions are checked separately). */
export function recordAccess(
    user: UserAccess,
    userId: string,
    row: Row,
    db: Database,
    standardDefaults: Record<string, string> = {}
): RecordAccess {
    // A Site guest user: its external organization-wide defaults are always Private, it owns no records, View All /
    // Modify All cannot apply to it, and only guest sharing rules (not modelled) share records with it (Salesforce
    // Help › Guest User Security Policies and Timelines).
    if (user.guest) return NONE;
    if (isAdmin(user)) return FULL;
    const key = row.def.name.toLowerCase();
    const grants = user.permissionSets.map((ps) => ps.objects.get(key)).filter((g) => !!g);
    if (grants.some((g) => g.modifyAll)) return FULL;
    const model = sharingModelOf(row.def, standardDefaults);
    if (model === 'ControlledByParent') {
        const parentField = row.def.custom
            ? [...row.def.fields.values()].find((f) => f.type === 'MasterDetail')?.name.toLowerCase()
            : STANDARD_PARENT_FIELD[key];
        const parent = parentField ? db.get(row.slots.get(parentField)?.value as string) : null;
        if (parent) return recordAccess(user, userId, parent, db, standardDefaults);
        if (row.def.custom) return NONE;
    }
    if (row.slots.get('ownerid')?.value === userId) return FULL;
    const viewAll = grants.some((g) => g.viewAll);
    if (model === 'ControlledByParent') return { read: viewAll, edit: false, delete: false, all: false };
    return {
        read: viewAll || model !== 'Private',
        edit: model === 'ReadWrite',
        delete: false,
        all: false
    };
}

/** The highest level UserRecordAccess.MaxAccessLevel reports for an access. */
export function maxAccessLevel(access: RecordAccess): 'None' | 'Read' | 'Edit' | 'All' {
    return access.all ? 'All' : access.edit ? 'Edit' : access.read ? 'Read' : 'None';
}

/** Values a WHERE clause compares a field with (`=`, `IN`), through AND and OR. */
export function comparedValues(
    where: Condition | null,
    fieldName: string,
    resolveBind: (bind: SoqlBind) => unknown
): string[] {
    if (!where) return [];
    if (where.k === 'and' || where.k === 'or')
        return where.items.flatMap((c) => comparedValues(c, fieldName, resolveBind));
    if (where.k === 'not') return [];
    const left = where.left;
    if (left.k !== 'field' || left.path.length !== 1 || left.path[0].toLowerCase() !== fieldName.toLowerCase())
        return [];
    if (where.op.toLowerCase() !== '=' && where.op.toLowerCase() !== 'in') return [];
    const flatten = (value: unknown): string[] =>
        value === null || value === undefined
            ? []
            : typeof value === 'string'
              ? [value]
              : typeof value === 'object' && Symbol.iterator in value
                ? [...(value as Iterable<unknown>)].flatMap(flatten)
                : [String(value)];
    const literal = (v: SoqlValue): string[] =>
        v.k === 'string'
            ? [v.v]
            : v.k === 'bind'
              ? flatten(resolveBind(v.bind))
              : v.k === 'list'
                ? v.items.flatMap(literal)
                : [];
    return literal(where.right);
}

/**
 * The rows of UserRecordAccess a query asks about: one per (UserId, RecordId) pair its WHERE clause names (the
 * platform requires both filters, and at most 200 record ids).
 */
export function userRecordAccessRows(
    def: ObjectDef,
    where: Condition | null,
    resolveBind: (bind: SoqlBind) => unknown,
    db: Database,
    accessOf: (userId: string) => UserAccess,
    standardDefaults: Record<string, string>
): Row[] {
    const userIds = comparedValues(where, 'UserId', resolveBind);
    const recordIds = comparedValues(where, 'RecordId', resolveBind);
    if (userIds.length === 0 || recordIds.length === 0) {
        throw queryError('UserRecordAccess: a query must filter on UserId and on RecordId');
    }
    if (new Set(recordIds).size > 200) throw queryError('UserRecordAccess: at most 200 record ids can be queried');
    const rows: Row[] = [];
    for (const userId of new Set(userIds)) {
        const user = accessOf(userId);
        for (const recordId of new Set(recordIds)) {
            const record = db.get(recordId);
            const access = record && !record.deleted ? recordAccess(user, userId, record, db, standardDefaults) : NONE;
            const values: Record<string, unknown> = {
                Id: recordId,
                RecordId: recordId,
                UserId: userId,
                HasReadAccess: access.read,
                HasEditAccess: access.edit,
                HasDeleteAccess: access.delete,
                HasTransferAccess: access.all,
                HasAllAccess: access.all,
                MaxAccessLevel: maxAccessLevel(access)
            };
            const slots = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), { name, value }]));
            rows.push({ id: `${recordId}:${userId}`, def, slots, deleted: false });
        }
    }
    return rows;
}
