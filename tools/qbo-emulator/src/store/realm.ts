import type { Clock } from '../clock';
import { qboDateTime } from '../qbo-time';

/** QBO entities are open JSON documents; the domain validators check their fields at runtime. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export const ENTITY_NAMES = [
    'Customer',
    'Vendor',
    'Employee',
    'Item',
    'Invoice',
    'Payment',
    'Account',
    'TaxCode',
    'TaxRate',
    'Term',
    'Attachable',
    'CompanyInfo'
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export interface RealmSettings {
    realmId: string;
    companyName: string;
    country: string;
    homeCurrency: string;
    multiCurrency: boolean;
    customTxnNumbers: boolean;
    allowShipping: boolean;
    allowDiscount: boolean;
    /**
     * US automated sales tax: the percentage collected at the company's own address (its state's jurisdiction when
     * automatedSalesTaxRates does not name that state).
     */
    salesTaxPercent: number;
    /**
     * US automated sales tax: the jurisdictions (name, percentage) the company collects for, per ship-to state
     * (CountrySubDivisionCode). A state not listed, other than the company's own, is not taxed.
     */
    automatedSalesTaxRates?: Record<string, { name: string; percent: number }[]>;
    /**
     * US only: automated sales tax (Preferences.TaxPrefs.PartnerTaxEnabled), on for every US company created since
     * November 2017. Off, TAX lines are taxed only at the rate of the invoice's TxnTaxDetail.TxnTaxCodeRef.
     */
    automatedSalesTax?: boolean;
    timeZone: string;
    /** Sandbox companies may send 40 invoice e-mails a day. */
    dailyEmailLimit: number;
}

export interface StoredRecord {
    entity: Json;
    deleted?: boolean;
    changedAt: number;
}

export interface StoredResponse {
    status: number;
    headers: Record<string, string>;
    body: string;
}

export interface RealmState {
    settings: RealmSettings;
    sequences: Record<string, number>;
    nextDocNumber: number;
    records: Record<string, Record<string, StoredRecord>>;
    attachmentContent: Record<string, string>;
    idempotency: Record<string, StoredResponse>;
    emailsSentByDay: Record<string, number>;
}

export interface EntityChange {
    realmId: string;
    entity: EntityName;
    id: string;
    operation: 'Create' | 'Update' | 'Delete' | 'Void' | 'Emailed';
    at: number;
}

/** One company's data: records per entity with QBO's Id, SyncToken and MetaData bookkeeping. */
export class Realm {
    constructor(
        readonly state: RealmState,
        private readonly clock: Clock,
        private readonly onChange: (change: EntityChange) => void
    ) {}

    get id(): string {
        return this.state.settings.realmId;
    }

    get settings(): RealmSettings {
        return this.state.settings;
    }

    now(): number {
        return this.clock.now();
    }

    timestamp(): string {
        return qboDateTime(this.clock.now(), this.settings.timeZone);
    }

    find(entity: EntityName, id: string): Json | undefined {
        const record = this.state.records[entity]?.[id];
        return record && !record.deleted ? record.entity : undefined;
    }

    records(entity: EntityName): StoredRecord[] {
        return Object.values(this.state.records[entity] ?? {}).sort((a, b) => compareIds(a.entity.Id, b.entity.Id));
    }

    live(entity: EntityName): Json[] {
        return this.records(entity)
            .filter((r) => !r.deleted)
            .map((r) => r.entity);
    }

    nextId(entity: EntityName | 'PhysicalAddress'): string {
        const next = (this.state.sequences[entity] ?? 0) + 1;
        this.state.sequences[entity] = next;
        return String(next);
    }

    /** Stores a new entity, giving it Id (unless seeded with one), SyncToken "0" and MetaData. */
    insert(entity: EntityName, body: Json, operation: EntityChange['operation'] = 'Create'): Json {
        const stamp = this.timestamp();
        const id = body.Id ?? this.nextId(entity);
        if (body.Id !== undefined && Number(body.Id) > (this.state.sequences[entity] ?? 0)) {
            this.state.sequences[entity] = Number(body.Id);
        }
        const stored: Json = {
            ...body,
            domain: 'QBO',
            sparse: false,
            Id: id,
            SyncToken: '0',
            MetaData: { CreateTime: stamp, LastUpdatedTime: stamp }
        };
        (this.state.records[entity] ??= {})[id] = { entity: stored, changedAt: this.now() };
        this.onChange({ realmId: this.id, entity, id, operation, at: this.now() });
        return stored;
    }

    /** Saves a changed entity, bumping SyncToken and LastUpdatedTime. */
    update(entity: EntityName, next: Json, operation: EntityChange['operation'] = 'Update'): Json {
        const record = this.state.records[entity][next.Id];
        const stored: Json = {
            ...next,
            domain: 'QBO',
            sparse: false,
            SyncToken: String(Number(record.entity.SyncToken) + 1),
            MetaData: { ...record.entity.MetaData, LastUpdatedTime: this.timestamp() }
        };
        record.entity = stored;
        record.changedAt = this.now();
        this.onChange({ realmId: this.id, entity, id: next.Id, operation, at: this.now() });
        return stored;
    }

    markDeleted(entity: EntityName, id: string): void {
        const record = this.state.records[entity][id];
        record.deleted = true;
        record.changedAt = this.now();
        record.entity = {
            ...record.entity,
            MetaData: { ...record.entity.MetaData, LastUpdatedTime: this.timestamp() }
        };
        this.onChange({ realmId: this.id, entity, id, operation: 'Delete', at: this.now() });
    }
}

export function compareIds(a: string, b: string): number {
    const numeric = Number(a) - Number(b);
    return Number.isNaN(numeric) ? String(a).localeCompare(String(b)) : numeric;
}
