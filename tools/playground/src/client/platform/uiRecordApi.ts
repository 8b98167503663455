/// <reference lib="dom" />
/**
 * `lightning/uiRecordApi` over the playground server, as Lightning Data Service behaves
 * (https://developer.salesforce.com/docs/component-library/documentation/lwc/data_ui_api.html):
 * - records are cached and shared: every `getRecord` wire of a record reads one store entry, so all components on a
 *   page show the same version of it;
 * - `updateRecord` writes through DML on the local org (triggers run) and refreshes every wire of the record;
 * - `notifyRecordUpdateAvailable` (https://developer.salesforce.com/docs/platform/lwc/guide/reference-notify-record-update.html)
 *   fetches fresh data for every wire of the given records, re-emits only to wires whose data changed, and resolves
 *   after the affected wires received it;
 * - records have the UI API shape: `{ id, apiName, fields: { Name: { value, displayValue } } }`, a relationship
 *   field's value is a nested record (`fields.Account.value.fields.Name`); a missing `fields` entry is an error,
 *   a missing `optionalFields` entry is left out;
 * - records are read and saved as the user chosen in the shell (sharing, object and field access): a record that
 *   user may not read is not found.
 */
import { currentUser } from './apex';

type FieldId = string | { objectApiName: string; fieldApiName: string };

interface RecordConfig {
    recordId?: string;
    fields?: FieldId[];
    optionalFields?: FieldId[];
}

interface FieldValue {
    value: unknown;
    displayValue: string | null;
}

export interface UiRecord {
    id: string;
    apiName: string;
    fields: Record<string, FieldValue>;
}

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

/** `Opportunity.Account.Name` or a schema import → `Account.Name` (the path below the object). */
function fieldPath(field: FieldId): string {
    return typeof field === 'string' ? field.split('.').slice(1).join('.') : field.fieldApiName;
}

async function fetchRecord(recordId: string, fields: string[], optionalFields: string[]): Promise<UiRecord> {
    const query = new URLSearchParams({ fields: fields.join(','), optionalFields: optionalFields.join(',') });
    const response = await fetch(`/api/record/${recordId}?${query}`, {
        headers: { 'X-Playground-User': currentUser() }
    });
    const payload: unknown = await response.json();
    if (!response.ok) throw { status: response.status, body: payload };
    return payload as UiRecord;
}

/** One wire's view of the store: the fields it asked for, and the last value it was given (to re-emit only changes). */
class RecordWire {
    private lastEmitted: string | null = null;

    constructor(
        readonly recordId: string,
        readonly fields: string[],
        readonly optionalFields: string[],
        private readonly callback: DataCallback
    ) {}

    async refresh(): Promise<void> {
        let value: { data?: unknown; error?: unknown };
        try {
            value = { data: await fetchRecord(this.recordId, this.fields, this.optionalFields), error: undefined };
        } catch (error) {
            value = { data: undefined, error };
        }
        const serialized = JSON.stringify(value);
        if (serialized === this.lastEmitted) return;
        this.lastEmitted = serialized;
        this.callback(value);
    }
}

/** Every connected getRecord wire, by record id: the playground's Lightning Data Service store. */
const wires = new Map<string, Set<RecordWire>>();

function register(wire: RecordWire): void {
    const set = wires.get(wire.recordId) ?? new Set<RecordWire>();
    set.add(wire);
    wires.set(wire.recordId, set);
}

function unregister(wire: RecordWire): void {
    wires.get(wire.recordId)?.delete(wire);
}

export class getRecord {
    private wire: RecordWire | null = null;
    private config: RecordConfig = {};
    private connected = false;

    constructor(private readonly callback: DataCallback) {}

    update(config: RecordConfig): void {
        this.config = config;
        if (this.connected) this.subscribe();
    }

    connect(): void {
        this.connected = true;
        this.subscribe();
    }

    disconnect(): void {
        this.connected = false;
        if (this.wire) unregister(this.wire);
        this.wire = null;
    }

    private subscribe(): void {
        if (this.wire) unregister(this.wire);
        this.wire = null;
        const { recordId } = this.config;
        if (!recordId) return;
        this.wire = new RecordWire(
            recordId,
            (this.config.fields ?? []).map(fieldPath),
            (this.config.optionalFields ?? []).map(fieldPath),
            this.callback
        );
        register(this.wire);
        void this.wire.refresh();
    }
}

/** A field's value; a relationship path walks the nested records, as Lightning's getFieldValue does. */
export function getFieldValue(record: UiRecord | null | undefined, field: FieldId): unknown {
    let current: unknown = record;
    for (const name of fieldPath(field).split('.')) {
        const fields = (current as UiRecord | null | undefined)?.fields;
        if (!fields || !(name in fields)) return undefined;
        current = fields[name].value;
    }
    return current;
}

/** A field's display value (picklist label, formatted number, currency or date), or undefined. */
export function getFieldDisplayValue(record: UiRecord | null | undefined, field: FieldId): unknown {
    const path = fieldPath(field).split('.');
    const last = path.pop()!;
    let current: unknown = record;
    for (const name of path) {
        const fields = (current as UiRecord | null | undefined)?.fields;
        if (!fields || !(name in fields)) return undefined;
        current = fields[name].value;
    }
    return (current as UiRecord | null | undefined)?.fields?.[last]?.displayValue;
}

export async function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void> {
    const ids = new Set(items.map((i) => i.recordId));
    const affected = [...ids].flatMap((id) => [...(wires.get(id) ?? [])]);
    await Promise.all(affected.map((wire) => wire.refresh()));
}

export async function updateRecord(recordInput: { fields: Record<string, unknown> }): Promise<unknown> {
    const id = recordInput.fields.Id as string;
    const response = await fetch(`/api/record/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-Playground-User': currentUser() },
        body: JSON.stringify(recordInput.fields)
    });
    const payload: unknown = await response.json();
    if (!response.ok) throw { status: response.status, body: payload };
    await notifyRecordUpdateAvailable([{ recordId: id }]);
    return payload;
}
