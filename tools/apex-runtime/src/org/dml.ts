/**
 * DML with the platform's order of execution: defaults, before triggers, system validation, save, after
 * triggers, roll-ups to parents; all-or-none or partial success (with the platform's retry of the rows
 * that succeeded, so their triggers run again without the failed rows).
 */
import { ApexDate, ApexDatetime, Decimal } from '../values';
import type { Row, Slot } from './database';
import { ApexPlatformError, DmlError, DmlRowError, limitError } from './errors';
import type { DerivedValues } from './derived-values';
import type { DmlOp, DmlOptions, DmlResult, OrgContext } from './org-context';
import { SObject, apexTypeOfField } from './sobject';
import type { FieldDef, ObjectDef } from './schema';
import { hasFieldAccess, hasObjectAccess, type UserAccess } from './security';
import { valuesEqual } from './values';

interface Work {
    index: number;
    source: SObject;
    def: ObjectDef;
    id: string | null;
    created: boolean;
    /** The record as triggers and validation see it (Trigger.new). */
    current: SObject | null;
    old: SObject | null;
    errors: DmlRowError[];
}

const SYSTEM_FIELDS = new Set([
    'id',
    'isdeleted',
    'createddate',
    'createdbyid',
    'lastmodifieddate',
    'lastmodifiedbyid',
    'systemmodstamp'
]);

function err(statusCode: string, message: string, fields: string[] = []): DmlRowError {
    return { index: 0, statusCode, message, fields };
}

/** User fields whose change makes a User update setup DML (ADG › sObjects That Can't Be Used Together in DML Operations). */
const USER_ACCESS_FIELDS = ['UserRoleId', 'IsActive', 'ForecastEnabled', 'IsPortalEnabled', 'Username', 'ProfileId'];

export class DmlEngine {
    constructor(
        private org: OrgContext,
        private derive: DerivedValues
    ) {}

    run(op: DmlOp, records: (SObject | string)[], opts: DmlOptions): DmlResult[] {
        const org = this.org;
        const allOrNone = opts.allOrNone ?? true;
        // a null record (`Database.delete((SObject) null)`, a list holding null) fails the call with a catchable
        // NullPointerException; the platform's exact message is not documented
        if (records.some((r) => r === null || r === undefined))
            throw new ApexPlatformError('NullPointerException', 'Argument cannot be null.');
        // DML on an empty list is a no-op that uses no limits (salesforce.stackexchange.com/q/19399, q/394342:
        // `insert new List<Account>()` leaves Limits.getDmlStatements() at 0)
        if (opts.countLimits !== false && records.length > 0) {
            org.limits.dmlStatements++;
            if (org.limits.dmlStatements > 150)
                throw limitError(`Too many DML statements: ${org.limits.dmlStatements}`);
            org.limits.dmlRows += records.length;
            if (org.limits.dmlRows > 10000) throw limitError(`Too many DML rows: ${org.limits.dmlRows}`);
        }
        const sobjects = records.map((r) => (typeof r === 'string' ? org.newSObjectForId(r) : r));
        if (op === 'update' || op === 'delete' || op === 'undelete') {
            const seen = new Set<string>();
            for (const s of sobjects) {
                const id = s.id;
                if (id && seen.has(id)) throw new ApexPlatformError('ListException', `Duplicate id in list: ${id}`);
                if (id) seen.add(id);
            }
        }
        this.checkMixedDml(op, sobjects);
        if (this.userMode(opts)) this.checkObjectAccess(op, sobjects);
        let active = sobjects.map((_s, i) => i);
        let results: DmlResult[] = [];
        const limitsBefore = { ...org.limits };
        for (let attempt = 0; ; attempt++) {
            const mark = org.db.mark();
            const outcome = this.attempt(op, sobjects, active, opts);
            const failed = outcome.filter((w) => w.errors.length);
            if (!failed.length) {
                results = this.merge(sobjects, outcome, results);
                this.applyToCallers(op, outcome);
                return results;
            }
            org.db.rollbackTo(mark);
            if (allOrNone) {
                const first = failed.sort((a, b) => a.index - b.index)[0];
                const e = first.errors[0];
                const verb = op.charAt(0).toUpperCase() + op.substring(1);
                const withId = op !== 'insert' && first.id ? ` with id ${first.id}` : '';
                throw new DmlError(
                    `${verb} failed. First exception on row ${first.index}${withId}; first error: ${e.statusCode}, ${e.message}: [${e.fields.join(', ')}]`,
                    outcome.filter((w) => w.errors.length).map((w) => ({ ...w.errors[0], index: w.index, id: w.id }))
                );
            }
            // Partial success: set the failed rows aside and save the rest again, triggers included, with the
            // governor limits as they were before the first attempt; a third failing attempt fails the call.
            if (attempt === 2) {
                throw new DmlError('Too many batch retries in the presence of Apex triggers and partial failures.', []);
            }
            results = this.merge(sobjects, failed, results);
            Object.assign(org.limits, limitsBefore);
            active = outcome.filter((w) => !w.errors.length).map((w) => w.index);
            if (!active.length) return this.merge(sobjects, [], results);
        }
    }

    private merge(all: SObject[], works: Work[], previous: DmlResult[]): DmlResult[] {
        const out = previous.length
            ? previous
            : all.map(() => ({ success: false, id: null, created: false, errors: [] }) as DmlResult);
        for (const w of works) {
            out[w.index] = {
                success: w.errors.length === 0,
                id: w.id,
                created: w.created,
                errors: w.errors.map((e) => ({ statusCode: e.statusCode, message: e.message, fields: e.fields }))
            };
        }
        return out;
    }

    /**
     * After a successful save the caller's records get their Ids — inserted ones, and with upsert also those matched by
     * their external Id (ADG › Upserting Records) — nothing else, as on the platform.
     */
    private applyToCallers(op: DmlOp, works: Work[]): void {
        if (op !== 'insert' && op !== 'upsert') return;
        for (const w of works)
            if (w.id && (w.created || (op === 'upsert' && !w.errors.length))) w.source.setRaw('Id', w.id);
    }

    private checkMixedDml(op: DmlOp, records: SObject[]): void {
        const org = this.org;
        const kinds = records.map((r) => this.mixedDmlKind(op, r));
        records.forEach((r, i) => {
            if (kinds[i] === 'setup' && org.txn.nonSetup && !org.txn.mixedAllowed)
                throw this.mixed(r.def.name, org.txn.nonSetup);
            if (kinds[i] === 'nonSetup' && org.txn.setup && !org.txn.mixedAllowed)
                throw this.mixed(r.def.name, org.txn.setup);
        });
        records.forEach((r, i) => {
            if (kinds[i] === 'setup') org.txn.setup = org.txn.setup ?? r.def.name;
            else if (kinds[i] === 'nonSetup') org.txn.nonSetup = org.txn.nonSetup ?? r.def.name;
        });
    }

    /**
     * Setup objects cannot share a transaction's DML with other objects, with the documented exceptions (ADG › sObjects
     * That Can't Be Used Together in DML Operations): a User inserted with no UserRoleId, a User update that leaves
     * the access fields alone, and Group inserts and updates mix with anything.
     */
    private mixedDmlKind(op: DmlOp, r: SObject): 'setup' | 'nonSetup' | 'neutral' {
        if (r.def.isCustomMetadata) return 'neutral';
        if (!r.def.isSetup) return 'nonSetup';
        if (r.def.name === 'Group' && op !== 'delete' && op !== 'undelete') return 'neutral';
        if (r.def.name !== 'User') return 'setup';
        const stored = r.id ? this.org.db.get(r.id) : null;
        if (!stored)
            return op === 'insert' || op === 'upsert'
                ? r.isSet('UserRoleId') && r.get('UserRoleId')
                    ? 'setup'
                    : 'neutral'
                : 'setup';
        if (op !== 'update' && op !== 'upsert') return 'setup';
        const changes = USER_ACCESS_FIELDS.some(
            (f) => r.isSet(f) && !valuesEqual(r.get(f), stored.slots.get(f.toLowerCase())?.value ?? null)
        );
        return changes ? 'setup' : 'neutral';
    }

    private mixed(objectName: string, original: string): DmlError {
        const e = err(
            'MIXED_DML_OPERATION',
            `DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): ${objectName}, original object: ${original}`
        );
        return new DmlError(`${e.statusCode}, ${e.message}: []`, [e]);
    }

    private attempt(op: DmlOp, all: SObject[], indexes: number[], opts: DmlOptions): Work[] {
        const works: Work[] = indexes.map((i) => ({
            index: i,
            source: all[i],
            def: all[i].def,
            id: all[i].id,
            created: false,
            current: null,
            old: null,
            errors: []
        }));
        // group consecutive records of one type, as the platform chunks a mixed list
        const groups: Work[][] = [];
        for (const w of works) {
            const last = groups[groups.length - 1];
            if (last && last[0].def === w.def) last.push(w);
            else groups.push([w]);
        }
        for (const g of groups) {
            if (g[0].def.isCustomMetadata) {
                g.forEach((w) =>
                    w.errors.push(err('INVALID_TYPE', `DML operation ${op} not allowed on ${w.def.name}`))
                );
                continue;
            }
            if (op === 'upsert') this.upsert(g, opts);
            else if (op === 'insert') this.save(g, 'insert', opts);
            else if (op === 'update') this.save(g, 'update', opts);
            else if (op === 'delete') this.remove(g, opts);
            else this.undelete(g, opts);
        }
        return works;
    }

    private upsert(g: Work[], opts: DmlOptions): void {
        const def = g[0].def;
        const keyField = opts.externalIdField
            ? def.fields.get(opts.externalIdField.toLowerCase())
            : def.fields.get('id');
        if (!keyField || (keyField.name !== 'Id' && !keyField.externalId)) {
            g.forEach((w) =>
                w.errors.push(
                    err(
                        'INVALID_FIELD',
                        `Invalid field for upsert, must be an External Id custom or standard indexed field: ${opts.externalIdField}`
                    )
                )
            );
            return;
        }
        const inserts: Work[] = [];
        const updates: Work[] = [];
        for (const w of g) {
            if (keyField.name === 'Id') {
                (w.source.id ? updates : inserts).push(w);
                continue;
            }
            const key = w.source.isSet(keyField.name) ? w.source.get(keyField.name) : null;
            if (key === null || key === '') {
                inserts.push(w);
                continue;
            }
            const matches = this.org.db
                .rows(def.name)
                .filter(
                    (r) =>
                        !r.deleted &&
                        valuesEqual(r.slots.get(keyField.name.toLowerCase())?.value, key, keyField.caseSensitive)
                );
            if (matches.length > 1) {
                w.errors.push(
                    err(
                        'DUPLICATE_EXTERNAL_ID',
                        `${keyField.label}: more than one record found for external id field: [${matches.map((m) => m.id).join(', ')}]`,
                        [keyField.name]
                    )
                );
            } else if (matches.length === 1) {
                w.id = matches[0].id;
                updates.push(w);
            } else inserts.push(w);
        }
        const dupKeys = new Map<string, Work>();
        for (const w of inserts) {
            if (keyField.name === 'Id') continue;
            const key = String(w.source.isSet(keyField.name) ? (w.source.get(keyField.name) ?? '') : '');
            if (!key) continue;
            const k = keyField.caseSensitive ? key : key.toLowerCase();
            if (dupKeys.has(k))
                w.errors.push(err('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${key}`, [keyField.name]));
            else dupKeys.set(k, w);
        }
        this.save(
            inserts.filter((w) => !w.errors.length),
            'insert',
            opts
        );
        this.save(
            updates.filter((w) => !w.errors.length),
            'update',
            opts
        );
    }

    private userMode(opts: DmlOptions): boolean {
        return String(opts.accessLevel ?? '').toUpperCase() === 'USER_MODE';
    }

    /**
     * User mode: an object the running user may not create, edit or delete fails the whole statement, before any row,
     * with `System.SecurityException: Access to entity 'X' denied` — what trailheadapps/apex-recipes'
     * AccountServiceLayer_Tests expects of `Database.update(records, AccessLevel.USER_MODE)` by a Minimum Access user
     * (the AccessLevel Class only says the method "returns an error"). Field-level security stays a row error
     * (DmlException.getDmlFieldNames: ADG › Enforce User Mode for Database Operations). An upsert checks create for
     * records without an Id and edit for those with one (records matched by external Id: per row).
     */
    private checkObjectAccess(op: DmlOp, records: SObject[]): void {
        if (op === 'undelete') return;
        const user = this.org.currentAccess();
        for (const rec of records) {
            const def = rec.def;
            const kind = op === 'delete' ? 'delete' : op === 'update' || rec.id ? 'edit' : 'create';
            if (!hasObjectAccess(user, def, kind))
                throw new ApexPlatformError('SecurityException', `Access to entity '${def.name}' denied`);
        }
    }

    /**
     * Whether the running user may change a stored record through sharing, when the caller enforces it (user mode, or
     * a `with sharing` class in system mode). A row the user may not edit or delete fails as orgs report it:
     * `INSUFFICIENT_ACCESS_OR_READONLY, insufficient access rights on object id` (README › Sharing).
     */
    private sharingAllows(row: Row, kind: 'edit' | 'delete', opts: DmlOptions): boolean {
        if (!opts.sharing && !this.userMode(opts)) return true;
        return this.org.sharingAccess(row)[kind];
    }

    private save(g: Work[], op: 'insert' | 'update', opts: DmlOptions): void {
        if (!g.length) return;
        const org = this.org;
        const def = g[0].def;
        const user = org.currentAccess();
        for (const w of g) {
            if (op === 'insert') {
                if (w.source.id) {
                    w.errors.push(
                        err('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id'])
                    );
                    continue;
                }
                const rec = w.source.clone(false, false, true, true);
                rec.queried = null;
                this.applyDefaults(rec);
                w.current = rec;
            } else {
                const id = w.id ?? w.source.id;
                if (!id) {
                    w.errors.push(err('MISSING_ARGUMENT', 'Id not specified in an update call'));
                    continue;
                }
                const row = org.db.get(id);
                if (!row || row.def !== def) {
                    w.errors.push(err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id'));
                    continue;
                }
                if (row.deleted) {
                    w.errors.push(err('ENTITY_IS_DELETED', 'entity is deleted'));
                    continue;
                }
                if (!this.sharingAllows(row, 'edit', opts)) {
                    w.errors.push(err('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id'));
                    continue;
                }
                w.id = id;
                w.old = org.toSObject(row);
                w.old.readOnly = true;
                const rec = org.toSObject(row);
                for (const name of w.source.fieldNames()) {
                    const f = def.fields.get(name.toLowerCase());
                    if (!f || SYSTEM_FIELDS.has(name.toLowerCase()) || f.calculated || f.type === 'AutoNumber')
                        continue;
                    if (!f.updateable && !this.sameValue(row, f, w.source.get(name))) continue;
                    rec.setRaw(f.name, w.source.get(name));
                }
                w.current = rec;
            }
            if (this.userMode(opts)) this.checkUserAccess(w, op, user);
        }
        let live = g.filter((w) => !w.errors.length);
        this.runTriggers(def, true, op, live);
        live = live.filter((w) => !this.collectTriggerErrors(w));
        for (const w of live) this.derive.beforeSave(w.current!, w.old, op, w);
        live = live.filter((w) => !w.errors.length);
        for (const w of live) this.validate(w, op, !!opts.allowFieldTruncation);
        this.checkUnique(def, live);
        live = live.filter((w) => !w.errors.length);
        const now = new ApexDatetime(org.clock.now());
        for (const w of live) {
            const rec = w.current!;
            if (op === 'insert') {
                w.id = org.ids.next(def.keyPrefix);
                w.created = true;
                rec.setRaw('Id', w.id);
                if (def.fields.has('createddate')) {
                    rec.setRaw('CreatedDate', now);
                    rec.setRaw('CreatedById', org.runningUserId);
                }
                for (const f of def.fields.values()) {
                    if (f.type === 'AutoNumber') rec.setRaw(f.name, this.autonumber(def, f));
                }
                // a custom object's Text name field left empty takes the record's Id (the UI's "Record Name"; the
                // API and Apex store the Id as the name — NebulaLogger's LogEntry__c relies on it)
                const name = def.fields.get('name');
                if (
                    def.custom &&
                    !def.isCustomSetting &&
                    def.name.endsWith('__c') &&
                    name?.type === 'Text' &&
                    !rec.get('Name')
                )
                    rec.setRaw('Name', w.id);
            }
            if (def.fields.has('lastmodifieddate')) {
                rec.setRaw('LastModifiedDate', now);
                rec.setRaw('LastModifiedById', org.runningUserId);
                rec.setRaw('SystemModstamp', now);
            }
            if (def.fields.has('isdeleted')) rec.setRaw('IsDeleted', false);
            org.db.put({ id: w.id!, def, slots: this.slotsOf(rec), deleted: false });
        }
        for (const w of live) this.derive.afterSave(w.current!, w.old, op);
        const afterView = live.map((w) => {
            const view = org.toSObject(org.db.get(w.id!)!);
            view.readOnly = true;
            w.current = view;
            return w;
        });
        this.runTriggers(def, false, op, afterView);
        for (const w of live) this.collectTriggerErrors(w);
        this.derive.rollups(
            def,
            live.filter((w) => !w.errors.length).map((w) => ({ current: w.current!, old: w.old })),
            op
        );
    }

    private sameValue(row: Row, f: FieldDef, v: unknown): boolean {
        return valuesEqual(row.slots.get(f.name.toLowerCase())?.value ?? null, v ?? null, true);
    }

    private checkUserAccess(w: Work, op: 'insert' | 'update', user: UserAccess): void {
        if (!hasObjectAccess(user, w.def, op === 'insert' ? 'create' : 'edit')) {
            w.errors.push(err('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id'));
            return;
        }
        const denied = w.source
            .fieldNames()
            .map((n) => w.def.fields.get(n.toLowerCase()))
            .filter(
                (f): f is FieldDef =>
                    !!f &&
                    !SYSTEM_FIELDS.has(f.name.toLowerCase()) &&
                    !hasFieldAccess(user, w.def, f, op === 'insert' ? 'create' : 'edit')
            )
            .map((f) => f.name);
        if (denied.length) {
            w.errors.push(
                err(
                    'INVALID_FIELD_FOR_INSERT_UPDATE',
                    `Unable to create/update fields: ${denied.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                    denied
                )
            );
        }
    }

    private collectTriggerErrors(w: Work): boolean {
        const rec = w.current;
        if (rec && rec.errors.length) {
            for (const e of rec.errors) w.errors.push({ index: w.index, ...e });
            rec.errors = [];
        }
        return w.errors.length > 0;
    }

    private runTriggers(
        def: ObjectDef,
        before: boolean,
        op: 'insert' | 'update' | 'delete' | 'undelete',
        works: Work[]
    ): void {
        const invoker = this.org.triggerInvoker;
        if (!invoker || !works.length || !this.org.hasTrigger(def.name)) return;
        for (let i = 0; i < works.length; i += 200) {
            const chunk = works.slice(i, i + 200);
            const newList = op === 'delete' ? null : chunk.map((w) => w.current!);
            const oldList = op === 'update' || op === 'delete' ? chunk.map((w) => w.old!) : null;
            if (before && newList) newList.forEach((r) => (r.readOnly = false));
            invoker(def.name, {
                isBefore: before,
                isAfter: !before,
                isInsert: op === 'insert',
                isUpdate: op === 'update',
                isDelete: op === 'delete',
                isUndelete: op === 'undelete',
                new: newList,
                old: oldList,
                size: chunk.length
            });
        }
    }

    private applyDefaults(rec: SObject): void {
        const org = this.org;
        for (const f of rec.def.fields.values()) {
            if (rec.isSet(f.name) || f.calculated || SYSTEM_FIELDS.has(f.name.toLowerCase())) continue;
            if (f.name === 'OwnerId') {
                rec.setRaw('OwnerId', org.runningUserId);
                continue;
            }
            if (f.name === 'CurrencyIsoCode') {
                rec.setRaw('CurrencyIsoCode', org.userCurrency());
                continue;
            }
            const d = org.defaultValue(f);
            if (d !== null && d !== undefined) rec.setRaw(f.name, d);
        }
    }

    private autonumber(def: ObjectDef, f: FieldDef): string {
        const n = this.org.db.nextAutonumber(`${def.name}.${f.name}`);
        const today = new ApexDatetime(this.org.clock.now()).dateIn(this.org.config.timeZone);
        return (f.displayFormat ?? '{0}')
            .replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'))
            .replace(/\{YYYY\}/g, String(today.year()))
            .replace(/\{YY\}/g, String(today.year()).substring(2))
            .replace(/\{MM\}/g, String(today.month()).padStart(2, '0'))
            .replace(/\{DD\}/g, String(today.day()).padStart(2, '0'));
    }

    private slotsOf(rec: SObject): Map<string, Slot> {
        const m = new Map<string, Slot>();
        for (const name of rec.fieldNames()) {
            const f = rec.def.fields.get(name.toLowerCase());
            if (!f) continue;
            m.set(f.name.toLowerCase(), { name: f.name, value: rec.get(f.name) });
        }
        return m;
    }

    /** System validation: required fields, lengths, restricted picklists, numeric ranges, references. */
    private validate(w: Work, op: 'insert' | 'update', allowFieldTruncation: boolean): void {
        const rec = w.current!;
        const def = w.def;
        const missing: string[] = [];
        for (const f of def.fields.values()) {
            if (SYSTEM_FIELDS.has(f.name.toLowerCase()) || f.calculated || !f.createable) continue;
            const v = rec.isSet(f.name) ? rec.get(f.name) : null;
            if (f.required && (v === null || v === '')) {
                missing.push(f.name);
                continue;
            }
            if (v === null || v === undefined) continue;
            const type = apexTypeOfField(f);
            if (
                type === 'String' &&
                f.length &&
                typeof v === 'string' &&
                v.length > f.length &&
                f.type !== 'Picklist'
            ) {
                // Apex Reference › DMLOptions Class: with allowFieldTruncation, a too long string is truncated
                if (allowFieldTruncation || w.source.dmlOptions?.allowFieldTruncation)
                    rec.setRaw(f.name, v.substring(0, f.length));
                else
                    w.errors.push(
                        err('STRING_TOO_LONG', `${f.label}: data value too large: ${v} (max length=${f.length})`, [
                            f.name
                        ])
                    );
            }
            if (
                f.type === 'Picklist' &&
                f.restrictedPicklist &&
                !f.picklistValues.some((p) => p.active && p.value === v)
            ) {
                w.errors.push(
                    err(
                        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                        `${f.label}: bad value for restricted picklist field: ${v}`,
                        [f.name]
                    )
                );
            }
            if (type === 'Decimal' && v instanceof Decimal) {
                // stored at the field's scale: a query reads 1200.5 saved in a Currency(16, 2) field as 1200.50
                // (ADG › Decimal Class › setScale: a Decimal created by a query has the field's scale)
                const scaled = v.scale !== f.scale && f.type !== 'Double' ? v.setScale(f.scale, 'HALF_UP') : v;
                const intDigits = scaled.precision() - Math.max(scaled.scale, 0);
                if (f.precision && intDigits > f.precision - f.scale) {
                    w.errors.push(
                        err(
                            'NUMBER_OUTSIDE_VALID_RANGE',
                            `${f.label}: value outside of valid range on numeric field: ${v.toPlainString()}`,
                            [f.name]
                        )
                    );
                } else if (scaled !== v) rec.setRaw(f.name, scaled);
            }
            if ((f.type === 'Lookup' || f.type === 'MasterDetail') && typeof v === 'string') {
                const target = this.org.db.get(v);
                const expected = f.referenceTo.map((n) => this.org.schema.getObject(n)?.keyPrefix);
                if (!expected.includes(v.substring(0, 3))) {
                    w.errors.push(
                        err(
                            'FIELD_INTEGRITY_EXCEPTION',
                            `field integrity exception: unknown (${f.label} ID: id value of incorrect type: ${v})`,
                            [f.name]
                        )
                    );
                } else if (!target || target.deleted) {
                    w.errors.push(
                        err(
                            target?.deleted ? 'ENTITY_IS_DELETED' : 'INVALID_CROSS_REFERENCE_KEY',
                            target?.deleted ? 'entity is deleted' : 'invalid cross reference id',
                            [f.name]
                        )
                    );
                }
            }
            if (type === 'Date' && !(v instanceof ApexDate)) {
                w.errors.push(
                    err('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.label}: value not of required type: ${String(v)}`, [
                        f.name
                    ])
                );
            }
        }
        if (missing.length)
            w.errors.push(
                err('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing)
            );
        void op;
    }

    private checkUnique(def: ObjectDef, works: Work[]): void {
        const uniques = [...def.fields.values()].filter((f) => f.unique);
        if (!uniques.length) return;
        const existing = this.org.db.rows(def.name).filter((r) => !r.deleted);
        for (const f of uniques) {
            const key = f.name.toLowerCase();
            const norm = (v: unknown) =>
                typeof v === 'string' && !f.caseSensitive
                    ? v.toLowerCase()
                    : v instanceof Decimal
                      ? v.stripTrailingZeros().toPlainString()
                      : String(v);
            const taken = new Map<unknown, string>();
            const updating = new Set(works.map((w) => w.id).filter(Boolean));
            for (const r of existing) {
                if (updating.has(r.id)) continue;
                const v = r.slots.get(key)?.value;
                if (v !== null && v !== undefined && v !== '') taken.set(norm(v), r.id);
            }
            for (const w of works) {
                if (w.errors.length) continue;
                const v = w.current!.isSet(f.name) ? w.current!.get(f.name) : null;
                if (v === null || v === undefined || v === '') continue;
                const k = norm(v);
                if (taken.has(k)) {
                    w.errors.push(
                        err(
                            'DUPLICATE_VALUE',
                            `duplicate value found: ${f.name} duplicates value on record with id: ${taken.get(k) ?? ''}`,
                            []
                        )
                    );
                } else taken.set(k, w.id ?? '');
            }
        }
    }

    private remove(g: Work[], opts: DmlOptions): void {
        const org = this.org;
        const def = g[0].def;
        for (const w of g) {
            const id = w.source.id;
            const row = id ? org.db.get(id) : null;
            if (!id) w.errors.push(err('MISSING_ARGUMENT', 'Id not specified in a delete call'));
            else if (!row) w.errors.push(err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id'));
            else if (row.deleted) w.errors.push(err('ENTITY_IS_DELETED', 'entity is deleted'));
            else if (!this.sharingAllows(row, 'delete', opts)) {
                w.errors.push(err('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id'));
            } else {
                w.id = id;
                w.old = org.toSObject(row);
                w.old.readOnly = true;
                w.current = w.old;
            }
        }
        let live = g.filter((w) => !w.errors.length);
        this.runTriggers(def, true, 'delete', live);
        live = live.filter((w) => !this.collectTriggerErrors(w));
        for (const w of live) {
            for (const rel of def.childRelationships) {
                const childDef = org.schema.getObject(rel.childObject)!;
                const fk = childDef.fields.get(rel.field.toLowerCase())!;
                const children = org.db
                    .rows(rel.childObject)
                    .filter((c) => !c.deleted && c.slots.get(rel.field.toLowerCase())?.value === w.id);
                if (!children.length) continue;
                if (fk.deleteConstraint === 'Restrict') {
                    w.errors.push(
                        err(
                            'DELETE_FAILED',
                            `Your attempt to delete ${w.id} could not be completed because it is associated with the following ${childDef.labelPlural}.`
                        )
                    );
                    continue;
                }
                for (const c of children) {
                    if (rel.cascadeDelete) this.cascadeDelete(c, w.id!);
                    else if (fk.nillable) {
                        const slots = new Map(c.slots);
                        slots.set(fk.name.toLowerCase(), { name: fk.name, value: null });
                        org.db.put({ ...c, slots });
                    }
                }
            }
            if (w.errors.length) continue;
            const row = org.db.get(w.id)!;
            const slots = new Map(row.slots);
            if (def.fields.has('isdeleted')) slots.set('isdeleted', { name: 'IsDeleted', value: true });
            org.db.put({ ...row, slots, deleted: true });
        }
        live = live.filter((w) => !w.errors.length);
        this.runTriggers(def, false, 'delete', live);
        for (const w of live) this.collectTriggerErrors(w);
        this.derive.rollups(
            def,
            live.map((w) => ({ current: w.old!, old: w.old })),
            'delete'
        );
    }

    /**
     * Deletes a child with the record whose deletion cascades to it, and its own cascading children; no triggers
     * fire for them (ADG › Triggers › Operations That Don't Invoke Triggers: cascading delete operations).
     */
    private cascadeDelete(row: Row, rootId: string): void {
        const org = this.org;
        for (const rel of row.def.childRelationships) {
            if (!rel.cascadeDelete) continue;
            for (const c of org.db.rows(rel.childObject)) {
                if (!c.deleted && c.slots.get(rel.field.toLowerCase())?.value === row.id) this.cascadeDelete(c, rootId);
            }
        }
        const slots = new Map(row.slots);
        if (row.def.fields.has('isdeleted')) slots.set('isdeleted', { name: 'IsDeleted', value: true });
        org.db.put({ ...row, slots, deleted: true, deletedWith: rootId });
    }

    private undelete(g: Work[], opts: DmlOptions): void {
        const org = this.org;
        const def = g[0].def;
        void opts;
        for (const w of g) {
            const row = w.source.id ? org.db.get(w.source.id) : null;
            if (!row) w.errors.push(err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id'));
            else if (!row.deleted) w.errors.push(err('UNDELETE_FAILED', 'Entity is not in the recycle bin'));
            else w.id = row.id;
        }
        const live = g.filter((w) => !w.errors.length);
        for (const w of live) {
            const row = org.db.get(w.id)!;
            const slots = new Map(row.slots);
            if (def.fields.has('isdeleted')) slots.set('isdeleted', { name: 'IsDeleted', value: false });
            org.db.put({ ...row, slots, deleted: false });
            // the records deleted with it come back with it
            for (const name of org.schema.objectNames()) {
                for (const c of org.db.rows(name)) {
                    if (!c.deleted || c.deletedWith !== w.id) continue;
                    const cs = new Map(c.slots);
                    if (c.def.fields.has('isdeleted')) cs.set('isdeleted', { name: 'IsDeleted', value: false });
                    org.db.put({ ...c, slots: cs, deleted: false, deletedWith: undefined });
                }
            }
            w.current = org.toSObject(org.db.get(w.id)!);
            w.current.readOnly = true;
        }
        this.runTriggers(def, false, 'undelete', live);
        for (const w of live) this.collectTriggerErrors(w);
    }
}
