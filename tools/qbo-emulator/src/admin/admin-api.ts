import { automatedDefaultTaxCode } from '../domain/automated-sales-tax';
import { ManualClock } from '../clock';
import { createCustomer, createNameListEntry } from '../domain/customers';
import { createInvoice } from '../domain/invoices';
import { createItem, updateItem } from '../domain/items';
import { createPayment } from '../domain/payments';
import type { EmulatorContext } from '../emulator-context';
import { QboFault } from '../faults/qbo-fault';
import { NO_FAULTS, type FaultConfig } from '../faults/fault-injector';
import { INTUIT_RATE_LIMITS, type RateLimits } from '../faults/rate-limiter';
import type { OAuthClientRecord, TokenResponse } from '../oauth/oauth-server';
import type { CounterRow } from '../store/counters';
import { Realm, type Json, type RealmSettings } from '../store/realm';
import { defaultSettings, newRealmState } from '../store/seed';
import type { WebhookConfig, WebhookDelivery } from '../webhooks/webhook-sender';

export interface SeedRequest {
    customers?: Json[];
    /** Vendors and employees, by DisplayName: a customer may not take their names (6240). */
    vendors?: Json[];
    employees?: Json[];
    items?: Json[];
    /** TaxRate entities (RateValue = percentage), seeded before the tax codes that name them. */
    taxRates?: Json[];
    /** TaxCode entities naming their rates in SalesTaxRateList.TaxRateDetail[].TaxRateRef. */
    taxCodes?: Json[];
    invoices?: Json[];
    payments?: Json[];
}

export interface RealmSnapshot {
    settings: RealmSettings;
    entities: Record<string, Json[]>;
    deleted: Record<string, string[]>;
}

/** Test and playground controls; the same operations are served over HTTP under /__admin. */
export class EmulatorAdmin {
    constructor(
        private readonly context: EmulatorContext,
        private readonly defaultRealms: Partial<RealmSettings>[],
        private readonly resetFaults: () => void
    ) {}

    realmIds(): string[] {
        return [...this.context.realms.keys()];
    }

    /** Creates (or recreates, empty) a company with QBO's seeded lists. */
    createRealm(settings: Partial<RealmSettings> & { realmId: string }): RealmSettings {
        const state = newRealmState(defaultSettings(settings.realmId, settings), this.context.clock);
        // AST sets up the company's tax codes and rates when the company is set up (developer blog 2017-12-11: "TaxCode
        // object created by AST"); that is part of the company, not a change anyone is notified of.
        automatedDefaultTaxCode(new Realm(state, this.context.clock, () => undefined));
        const realm = new Realm(state, this.context.clock, (change) => this.context.webhooks.notify(change));
        this.context.realms.set(settings.realmId, realm);
        this.context.faultsFor(settings.realmId);
        this.context.saveRealm(realm);
        return state.settings;
    }

    updateSettings(realmId: string, patch: Partial<RealmSettings>): RealmSettings {
        const realm = this.realm(realmId);
        Object.assign(realm.state.settings, { ...patch, realmId });
        this.context.saveRealm(realm);
        return realm.settings;
    }

    /** Back to the start: default companies freshly seeded, counters, throttles and faults cleared. */
    reset(realmId?: string): void {
        if (realmId) {
            const existing = this.realm(realmId);
            this.createRealm(existing.settings);
        } else {
            for (const realmId of this.context.realms.keys()) this.context.forgetRealm(realmId);
            this.context.realms.clear();
            for (const settings of this.defaultRealms) this.createRealm(settings as RealmSettings);
            this.context.webhooks.clear();
        }
        this.context.counters.reset();
        this.context.rateLimiter.reset();
        this.context.rateLimiter.limits = { ...INTUIT_RATE_LIMITS };
        this.resetFaults();
    }

    /** Adds records through the same validation as the API; throws the QBO fault on a bad record. */
    seed(realmId: string, request: SeedRequest): Record<string, Json[]> {
        const realm = this.realm(realmId);
        const created: Record<string, Json[]> = {
            customers: [],
            vendors: [],
            employees: [],
            items: [],
            taxRates: [],
            taxCodes: [],
            invoices: [],
            payments: []
        };
        for (const taxRate of request.taxRates ?? [])
            created.taxRates.push(realm.insert('TaxRate', { Active: true, ...taxRate }));
        for (const taxCode of request.taxCodes ?? [])
            created.taxCodes.push(realm.insert('TaxCode', { Active: true, ...taxCode }));
        for (const item of request.items ?? []) created.items.push(createItem(realm, item));
        for (const vendor of request.vendors ?? []) created.vendors.push(createNameListEntry(realm, 'Vendor', vendor));
        for (const employee of request.employees ?? [])
            created.employees.push(createNameListEntry(realm, 'Employee', employee));
        for (const customer of request.customers ?? []) created.customers.push(createCustomer(realm, customer));
        for (const invoice of request.invoices ?? []) created.invoices.push(createInvoice(realm, invoice));
        for (const payment of request.payments ?? []) created.payments.push(createPayment(realm, payment));
        this.context.saveRealm(realm);
        return created;
    }

    /**
     * Makes an item inactive or active again, as a QuickBooks user does in Products and Services (an item is never
     * deleted; an invoice line naming an inactive item is refused with 610).
     */
    setItemActive(realmId: string, itemId: string, active: boolean): Json {
        const realm = this.realm(realmId);
        const item = realm.find('Item', itemId);
        if (!item) throw new AdminError(404, `${realm.settings.companyName} has no item ${itemId}`);
        const updated = updateItem(realm, { Id: item.Id, SyncToken: item.SyncToken, sparse: true, Active: active });
        this.context.saveRealm(realm);
        return updated;
    }

    /**
     * Records a customer payment against one invoice, as "Receive payment" does in QuickBooks: the invoice's Balance
     * goes down by the amount (the whole balance when no amount is given).
     */
    recordPayment(realmId: string, invoiceId: string, amount?: number): Json {
        const realm = this.realm(realmId);
        const invoice = realm.find('Invoice', invoiceId);
        if (!invoice) throw new AdminError(404, `${realm.settings.companyName} has no invoice ${invoiceId}`);
        const paid = amount ?? Number(invoice.Balance);
        if (!Number.isFinite(paid) || paid <= 0)
            throw new AdminError(400, 'amount must be a positive number (the invoice balance when left out)');
        const payment = createPayment(realm, {
            CustomerRef: { value: invoice.CustomerRef.value },
            TotalAmt: paid,
            Line: [{ Amount: paid, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }]
        });
        this.context.saveRealm(realm);
        return payment;
    }

    setFaults(realmId: string, patch: Partial<FaultConfig>): FaultConfig {
        this.realm(realmId);
        const config = this.context.faultsFor(realmId).configure(patch);
        this.context.saveFaults();
        return config;
    }

    faults(realmId: string): FaultConfig {
        this.realm(realmId);
        return { ...this.context.faultsFor(realmId).config };
    }

    clearFaults(realmId: string): FaultConfig {
        return this.setFaults(realmId, { ...NO_FAULTS });
    }

    setRateLimits(patch: Partial<RateLimits>): RateLimits {
        this.context.rateLimiter.limits = { ...this.context.rateLimiter.limits, ...patch };
        return this.context.rateLimiter.limits;
    }

    counters(realmId?: string): { summary: ReturnType<EmulatorContext['counters']['summary']>; rows: CounterRow[] } {
        return { summary: this.context.counters.summary(realmId), rows: this.context.counters.list(realmId) };
    }

    resetCounters(): void {
        this.context.counters.reset();
    }

    registerClient(client: OAuthClientRecord): void {
        this.context.oauth.registerClient(client);
    }

    /** Tokens for a pre-authorized client and company, without the browser consent step. */
    grant(clientId: string, realmId: string, includeHardExpiry = false): TokenResponse & { realmId: string } {
        return { ...this.context.oauth.grant(clientId, realmId, includeHardExpiry), realmId };
    }

    /** Revokes a company's tokens, as when its admin disconnects the app in QuickBooks. */
    revokeTokens(realmId: string): number {
        return this.context.oauth.revokeRealm(realmId);
    }

    expireAccessTokens(realmId?: string): number {
        return this.context.oauth.expireAccessTokens(realmId);
    }

    subscribeWebhook(config: Partial<WebhookConfig> & { url: string; verifierToken: string }): WebhookConfig {
        const subscription: WebhookConfig = { format: 'legacy', realmIds: [], ...config };
        this.context.webhooks.subscribe(subscription);
        return subscription;
    }

    webhookDeliveries(): WebhookDelivery[] {
        return [...this.context.webhooks.deliveries];
    }

    flushWebhooks(): Promise<void> {
        return this.context.webhooks.flush();
    }

    clearWebhooks(): void {
        this.context.webhooks.clear();
    }

    /** Moves the emulator's own clock; only possible when it runs on a ManualClock. */
    advanceClock(milliseconds: number): number {
        if (!(this.context.clock instanceof ManualClock)) throw new Error('the emulator clock is not a ManualClock');
        this.context.clock.advance(milliseconds);
        return this.context.clock.now();
    }

    snapshot(realmId: string): RealmSnapshot {
        const realm = this.realm(realmId);
        const entities: Record<string, Json[]> = {};
        const deleted: Record<string, string[]> = {};
        for (const [entity, records] of Object.entries(realm.state.records)) {
            entities[entity] = Object.values(records)
                .filter((r) => !r.deleted)
                .map((r) => r.entity);
            deleted[entity] = Object.values(records)
                .filter((r) => r.deleted)
                .map((r) => r.entity.Id);
        }
        return { settings: { ...realm.settings }, entities, deleted };
    }

    attachmentContent(realmId: string, attachableId: string): Buffer | undefined {
        const content = this.realm(realmId).state.attachmentContent[attachableId];
        return content === undefined ? undefined : Buffer.from(content, 'base64');
    }

    realm(realmId: string): Realm {
        const realm = this.context.realms.get(realmId);
        if (!realm) throw new AdminError(404, `unknown realm ${realmId}`);
        return realm;
    }
}

export class AdminError extends Error {
    constructor(
        readonly status: number,
        message: string
    ) {
        super(message);
    }
}

export function adminErrorStatus(error: unknown): { status: number; body: unknown } {
    if (error instanceof AdminError) return { status: error.status, body: { error: error.message } };
    if (error instanceof QboFault)
        return { status: error.status, body: { Fault: { Error: error.errors, type: error.type } } };
    return { status: 400, body: { error: (error as Error).message } };
}
