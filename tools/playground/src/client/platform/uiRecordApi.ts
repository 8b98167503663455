/// <reference lib="dom" />
/**
 * `lightning/uiRecordApi` over the playground server: getRecord as a real wire adapter, updateRecord (DML on the
 * local org: triggers run), notifyRecordUpdateAvailable (wired records and the shell refetch).
 */
type Fields = (string | { objectApiName: string; fieldApiName: string })[];

interface RecordConfig {
    recordId?: string;
    fields?: Fields;
    optionalFields?: Fields;
}

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

const RECORD_CHANGED = 'playground:recordchanged';

function fieldNames(fields: Fields | undefined): string[] {
    return (fields ?? []).map((f) => (typeof f === 'string' ? f.split('.').slice(1).join('.') : f.fieldApiName));
}

/** The record in UI API shape: `{ id, apiName, fields: { Name: { value, displayValue } } }`. */
export async function fetchRecord(recordId: string, fields: string[]): Promise<unknown> {
    const response = await fetch(`/api/record/${recordId}?fields=${encodeURIComponent(fields.join(','))}`);
    const payload: unknown = await response.json();
    if (!response.ok) throw { status: response.status, body: payload };
    return payload;
}

export class getRecord {
    private config: RecordConfig = {};
    private connected = false;
    private readonly onChange = (e: Event) => {
        const ids: string[] = (e as CustomEvent).detail ?? [];
        if (this.config.recordId && ids.includes(this.config.recordId)) this.refresh();
    };

    constructor(private readonly callback: DataCallback) {}

    update(config: RecordConfig): void {
        this.config = config;
        if (this.connected) this.refresh();
    }

    connect(): void {
        this.connected = true;
        window.addEventListener(RECORD_CHANGED, this.onChange);
        this.refresh();
    }

    disconnect(): void {
        this.connected = false;
        window.removeEventListener(RECORD_CHANGED, this.onChange);
    }

    private refresh(): void {
        const { recordId } = this.config;
        if (!recordId) return;
        const fields = [...fieldNames(this.config.fields), ...fieldNames(this.config.optionalFields)];
        fetchRecord(recordId, fields).then(
            (data) => this.callback({ data, error: undefined }),
            (error) => this.callback({ data: undefined, error })
        );
    }
}

export function getFieldValue(
    record: { fields: Record<string, { value: unknown }> },
    field: string | { fieldApiName: string }
): unknown {
    const name = typeof field === 'string' ? field.split('.').slice(1).join('.') : field.fieldApiName;
    return record?.fields?.[name]?.value;
}

export async function updateRecord(recordInput: { fields: Record<string, unknown> }): Promise<unknown> {
    const id = recordInput.fields.Id as string;
    const response = await fetch(`/api/record/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(recordInput.fields)
    });
    const payload: unknown = await response.json();
    if (!response.ok) throw { status: response.status, body: payload };
    notifyRecordUpdateAvailable([{ recordId: id }]);
    return payload;
}

export async function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void> {
    window.dispatchEvent(new CustomEvent(RECORD_CHANGED, { detail: items.map((i) => i.recordId) }));
}

export const RECORD_CHANGED_EVENT = RECORD_CHANGED;
