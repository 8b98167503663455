/**
 * An sObject instance: case-insensitive fields typed by the schema, parent records from relationship
 * queries, child lists from subqueries, and the "queried fields" of a record that came from SOQL.
 */
import { ApexDate, ApexDatetime, ApexDouble, ApexTime, Decimal, ApexBlob } from '../values';
import { ApexPlatformError, sobjectError, stringError } from './errors';
import { normalizeId } from './ids';
import type { FieldDef, ObjectDef, Schema } from './schema';

interface Slot {
    name: string;
    value: unknown;
}

const DECIMAL_TYPES = new Set(['Number', 'Currency', 'Percent', 'Double']);
const TEXT_TYPES = new Set([
    'Text',
    'TextArea',
    'LongTextArea',
    'Html',
    'Email',
    'Phone',
    'Url',
    'Picklist',
    'MultiselectPicklist',
    'AutoNumber',
    'EncryptedText'
]);

export function apexTypeOfField(f: FieldDef): string {
    if (DECIMAL_TYPES.has(f.type)) return 'Decimal';
    if (TEXT_TYPES.has(f.type)) return 'String';
    switch (f.type) {
        case 'Id':
        case 'Lookup':
        case 'MasterDetail':
            return 'Id';
        case 'Checkbox':
            return 'Boolean';
        case 'Int':
            return 'Integer';
        case 'Date':
            return 'Date';
        case 'DateTime':
            return 'Datetime';
        case 'Time':
            return 'Time';
        case 'Base64':
            return 'Blob';
        default:
            return 'Object';
    }
}

function typeNameOf(v: unknown): string {
    if (typeof v === 'string') return 'String';
    if (typeof v === 'boolean') return 'Boolean';
    if (typeof v === 'number') return 'Integer';
    if (typeof v === 'bigint') return 'Long';
    if (v instanceof Decimal) return 'Decimal';
    if (v instanceof ApexDouble) return 'Double';
    if (v instanceof ApexDate) return 'Date';
    if (v instanceof ApexDatetime) return 'Datetime';
    if (v instanceof ApexTime) return 'Time';
    if (v instanceof ApexBlob) return 'Blob';
    if (v instanceof SObject) return v.type;
    return 'Object';
}

/** Converts an Apex value to what a field of this type stores, or throws as Apex does for a wrong type. */
export function coerceFieldValue(f: FieldDef, v: unknown): unknown {
    if (v === null || v === undefined) return null;
    const target = apexTypeOfField(f);
    switch (target) {
        case 'Decimal':
            if (v instanceof Decimal) return v;
            if (typeof v === 'number') return Number.isInteger(v) ? Decimal.fromInt(v) : Decimal.fromDouble(v);
            if (typeof v === 'bigint') return Decimal.fromInt(v);
            if (v instanceof ApexDouble) return Decimal.fromDouble(v.value);
            break;
        case 'Integer':
            if (typeof v === 'number') return v;
            break;
        case 'String':
            if (typeof v === 'string') return v;
            break;
        case 'Id': {
            if (typeof v === 'string') {
                if (v === '') return null;
                const id = normalizeId(v);
                if (!id) throw stringError(`Invalid id: ${v}`);
                return id;
            }
            break;
        }
        case 'Boolean':
            if (typeof v === 'boolean') return v;
            break;
        case 'Date':
            if (v instanceof ApexDate) return v;
            break;
        case 'Datetime':
            if (v instanceof ApexDatetime) return v;
            break;
        case 'Time':
            if (v instanceof ApexTime) return v;
            break;
        case 'Blob':
            if (v instanceof ApexBlob) return v;
            break;
    }
    throw sobjectError(`Illegal assignment from ${typeNameOf(v)} to ${target}`);
}

export class SObject {
    private slots = new Map<string, Slot>();
    private parents = new Map<string, { name: string; value: SObject | null }>();
    private children = new Map<string, { name: string; value: SObject[] | null }>();
    /** Lower-case field paths selected by the query that produced this record; null when built in Apex. */
    queried: Set<string> | null = null;
    /** Trigger.new in after triggers and Trigger.old are read-only. */
    readOnly = false;
    /** The Database.DMLOptions given with setOptions (Apex Reference › SObject Class: setOptions). */
    dmlOptions: { allowFieldTruncation?: boolean } | null = null;
    /** Errors added with addError (in triggers) or by the DML that last saved this record. */
    errors: { statusCode: string; message: string; fields: string[] }[] = [];

    addError(message: string, fieldName: string | null = null): void {
        const f = fieldName ? this.def.fields.get(String(fieldName).toLowerCase()) : null;
        this.errors.push({
            statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: String(message),
            fields: f ? [f.name] : []
        });
    }

    hasErrors(): boolean {
        return this.errors.length > 0;
    }

    getErrors(): { statusCode: string; message: string; fields: string[] }[] {
        return this.errors;
    }

    constructor(
        readonly def: ObjectDef,
        private readonly schema: Schema
    ) {}

    get type(): string {
        return this.def.name;
    }

    fieldDef(name: string): FieldDef {
        const f = this.def.fields.get(name.toLowerCase());
        if (!f) throw sobjectError(`Invalid field ${name} for ${this.def.name}`);
        return f;
    }

    hasField(name: string): boolean {
        return this.def.fields.has(name.toLowerCase());
    }

    get(name: string): unknown {
        const key = name.toLowerCase();
        if (key.includes('.')) return this.getPath(name);
        const slot = this.slots.get(key);
        if (slot) return slot.value;
        const f = this.fieldDef(name);
        if (this.queried && !this.queried.has(key) && key !== 'id') {
            throw sobjectError(
                `SObject row was retrieved via SOQL without querying the requested field: ${this.def.name}.${f.name}`
            );
        }
        return null;
    }

    private getPath(path: string): unknown {
        const parts = path.split('.');
        let cur: SObject | null = this.getSObject(parts[0]);
        for (let i = 1; i < parts.length - 1 && cur; i++) cur = cur.getSObject(parts[i]);
        return cur ? cur.get(parts[parts.length - 1]) : null;
    }

    /** Sets a field from Apex: the value is checked and converted to the field's type. */
    put(name: string, value: unknown): unknown {
        if (this.readOnly) throw new ApexPlatformError('FinalException', 'Record is read-only');
        const f = this.fieldDef(name);
        const previous = this.slots.get(f.name.toLowerCase())?.value ?? null;
        this.slots.set(f.name.toLowerCase(), { name: f.name, value: coerceFieldValue(f, value) });
        return previous;
    }

    /** Sets a field with no checks (platform-computed values and query results). */
    setRaw(name: string, value: unknown): void {
        const f = this.def.fields.get(name.toLowerCase());
        this.slots.set(name.toLowerCase(), { name: f?.name ?? name, value });
    }

    isSet(name: string): boolean {
        return this.slots.has(name.toLowerCase());
    }

    unset(name: string): void {
        this.slots.delete(name.toLowerCase());
    }

    get id(): string | null {
        return (this.slots.get('id')?.value as string) ?? null;
    }

    getSObject(rel: string): SObject | null {
        const key = rel.toLowerCase();
        const entry = this.parents.get(key);
        if (entry) return entry.value;
        const f = this.schema.relationshipField(this.def.name, rel);
        if (!f) throw sobjectError(`Invalid relationship ${rel} for ${this.def.name}`);
        if (this.queried && ![...this.queried].some((q) => q.startsWith(key + '.'))) {
            throw sobjectError(
                `SObject row was retrieved via SOQL without querying the requested field: ${this.def.name}.${f.relationshipName}`
            );
        }
        return null;
    }

    putSObject(rel: string, value: SObject | null): SObject | null {
        const f = this.schema.relationshipField(this.def.name, rel);
        if (!f) throw sobjectError(`Invalid relationship ${rel} for ${this.def.name}`);
        const previous = this.parents.get(rel.toLowerCase())?.value ?? null;
        this.parents.set(rel.toLowerCase(), { name: f.relationshipName ?? rel, value });
        return previous;
    }

    getSObjects(rel: string): SObject[] | null {
        const entry = this.children.get(rel.toLowerCase());
        if (entry) return entry.value;
        if (!this.schema.childRelationship(this.def.name, rel)) {
            throw sobjectError(`Invalid aggregate relationship ${rel} for ${this.def.name}`);
        }
        return null;
    }

    setChildren(rel: string, rows: SObject[] | null): void {
        const cr = this.schema.childRelationship(this.def.name, rel);
        this.children.set(rel.toLowerCase(), { name: cr?.relationshipName ?? rel, value: rows });
    }

    /** Removes a subquery's rows, as if the relationship had not been queried. */
    removeChildren(rel: string): void {
        this.children.delete(rel.toLowerCase());
    }

    /** Populated fields in the order they were set, canonical case (for rendering and JSON). */
    fieldNames(): string[] {
        return [...this.slots.values()].map((s) => s.name);
    }

    parentNames(): string[] {
        return [...this.parents.values()].map((p) => p.name);
    }

    childNames(): string[] {
        return [...this.children.values()].map((c) => c.name);
    }

    getPopulatedFieldsAsMap(): Map<string, unknown> {
        const m = new Map<string, unknown>();
        for (const s of this.slots.values()) m.set(s.name, s.value);
        for (const p of this.parents.values()) m.set(p.name, p.value);
        for (const c of this.children.values()) m.set(c.name, c.value);
        return m;
    }

    clone(preserveId = false, deep = false, preserveReadonlyTimestamps = false, preserveAutonumber = false): SObject {
        const c = new SObject(this.def, this.schema);
        for (const [k, s] of this.slots) {
            const f = this.def.fields.get(k);
            if (k === 'id' && !preserveId) continue;
            if (
                !preserveReadonlyTimestamps &&
                ['createddate', 'createdbyid', 'lastmodifieddate', 'lastmodifiedbyid', 'systemmodstamp'].includes(k)
            )
                continue;
            if (!preserveAutonumber && f?.type === 'AutoNumber') continue;
            c.slots.set(k, { ...s });
        }
        for (const [k, p] of this.parents)
            c.parents.set(k, {
                name: p.name,
                value: deep && p.value ? p.value.clone(true, true, true, true) : p.value
            });
        for (const [k, ch] of this.children) {
            c.children.set(k, {
                name: ch.name,
                value: ch.value ? ch.value.map((r) => (deep ? r.clone(preserveId, true) : r)) : null
            });
        }
        c.queried = this.queried ? new Set(this.queried) : null;
        return c;
    }

    /** A plain copy of the stored field values (the database keeps these, never the caller's object). */
    snapshot(): Map<string, Slot> {
        const m = new Map<string, Slot>();
        for (const [k, s] of this.slots) m.set(k, { ...s });
        return m;
    }

    static fromSlots(def: ObjectDef, schema: Schema, slots: Map<string, Slot>): SObject {
        const s = new SObject(def, schema);
        for (const [k, v] of slots) s.slots.set(k, { ...v });
        return s;
    }
}
