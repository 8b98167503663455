import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getConnections from '@salesforce/apex/QBConnectionsController.getConnections';
import testConnection from '@salesforce/apex/QBConnectionsController.testConnection';
import { errorMessage } from 'c/qbUtils';

interface ConnectionTestOutcome {
    ok: boolean;
    message: string;
}

interface ConnectionView extends QbApex.Connection {
    needsReconnect: boolean;
    reconnectSteps: string | null | undefined;
    hasCalls: boolean;
    lastSuccessfulCallAt: string | null | undefined;
    tokenAge: string;
    unusedDeadline: string | null | undefined;
    maximumDeadline: string | null | undefined;
    testing: boolean;
    testButtonLabel: string;
    setupButtonLabel: string;
    outcome: ConnectionTestOutcome | undefined;
    outcomeClass: string;
    outcomeIcon: string;
    outcomeIconText: string;
}

interface HealthBanner {
    realmId: string;
    text: string;
    className: string;
    icon: string;
    iconText: string;
}

/**
 * Where an admin authorizes a company: Setup › Named Credentials (its External Credentials tab lists each principal
 * with Authenticate). Salesforce Help, "Create or Edit an OAuth External Credential with the Browser Flow": "From
 * Setup, in the Quick Find box, enter Named Credentials, and then select Named Credentials"
 * (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.nc_create_edit_oath_browser_ext_cred.htm).
 */
export const NAMED_CREDENTIALS_SETUP_URL = '/lightning/setup/NamedCredential/home';

/**
 * The Connections tab: one row per configured QuickBooks company with its connection health (last successful call,
 * authorization age, the 100-day and five-year deadlines, Reconnect required with the steps), a banner for every
 * company that needs an admin, "Authorize in Setup" (or "Reconnect in Setup") and "Test connection".
 */
export default class QbConnections extends NavigationMixin(LightningElement) {
    connections: QbApex.Connection[] = [];
    isLoading = false;
    loadError: string | null = null;

    private testing = new Set<string>();
    private outcomes = new Map<string, ConnectionTestOutcome>();
    private focusRealmId: string | null = null;

    connectedCallback(): void {
        this.load();
    }

    renderedCallback(): void {
        if (this.focusRealmId) {
            const outcome = this.template?.querySelector<HTMLElement>(`[data-outcome-realm-id="${this.focusRealmId}"]`);
            this.focusRealmId = null;
            outcome?.focus();
        }
    }

    get rows(): ConnectionView[] {
        return this.connections.map((connection) => {
            const testing = this.testing.has(connection.realmId);
            const outcome = this.outcomes.get(connection.realmId);
            const health = connection.health ?? {};
            return {
                ...connection,
                needsReconnect: Boolean(health.needsReconnect),
                reconnectSteps: health.reconnectSteps,
                hasCalls: Boolean(health.lastSuccessfulCallAt),
                lastSuccessfulCallAt: health.lastSuccessfulCallAt,
                tokenAge: ageText(health.tokenAgeDays),
                unusedDeadline: health.unusedDeadline,
                maximumDeadline: health.maximumDeadline,
                testing,
                testButtonLabel: testing ? 'Testing…' : 'Test connection',
                setupButtonLabel: health.needsReconnect ? 'Reconnect in Setup' : 'Authorize in Setup',
                outcome,
                outcomeClass: outcome?.ok ? 'slds-text-color_success' : 'slds-text-color_error',
                outcomeIcon: outcome?.ok ? 'utility:success' : 'utility:error',
                outcomeIconText: outcome?.ok ? 'Connected' : 'Failed'
            };
        });
    }

    /** One banner per company whose connection needs an admin: reconnect now, or a deadline within 14 days. */
    get banners(): HealthBanner[] {
        return this.connections
            .filter((connection) => connection.health?.warning)
            .map((connection) => {
                const reconnect = Boolean(connection.health?.needsReconnect);
                return {
                    realmId: connection.realmId,
                    text: connection.health!.warning as string,
                    className: `slds-notify slds-notify_alert slds-m-bottom_small health-banner ${
                        reconnect ? 'slds-alert_error' : 'slds-alert_warning'
                    }`,
                    icon: reconnect ? 'utility:error' : 'utility:warning',
                    iconText: reconnect ? 'Reconnect required' : 'Warning'
                };
            });
    }

    get isEmpty(): boolean {
        return !this.isLoading && !this.loadError && this.connections.length === 0;
    }

    get hasRows(): boolean {
        return this.connections.length > 0;
    }

    handleReload(): void {
        this.load();
    }

    /** Opens Setup › Named Credentials, where the admin authenticates the company's principal again. */
    handleOpenSetup(): void {
        this[NavigationMixin.Navigate]({ type: 'standard__webPage', attributes: { url: NAMED_CREDENTIALS_SETUP_URL } });
    }

    async handleTest(event: Event): Promise<void> {
        const realmId = (event.currentTarget as HTMLElement).dataset.realmId as string;
        this.testing = new Set([...this.testing, realmId]);
        try {
            const result = await testConnection({ realmId });
            if (result.health) {
                this.connections = this.connections.map((connection) => {
                    return connection.realmId === realmId ? { ...connection, health: result.health } : connection;
                });
            }
            this.setOutcome(realmId, {
                ok: Boolean(result.ok),
                message:
                    result.message ||
                    (result.ok
                        ? `Connected to ${result.companyName ?? 'QuickBooks'}.`
                        : 'QuickBooks did not accept the connection.')
            });
        } catch (error) {
            this.setOutcome(realmId, { ok: false, message: errorMessage(error) });
        } finally {
            const testing = new Set(this.testing);
            testing.delete(realmId);
            this.testing = testing;
            this.focusRealmId = realmId;
        }
    }

    private setOutcome(realmId: string, outcome: ConnectionTestOutcome): void {
        const outcomes = new Map(this.outcomes);
        outcomes.set(realmId, outcome);
        this.outcomes = outcomes;
    }

    private async load(): Promise<void> {
        this.isLoading = true;
        this.loadError = null;
        try {
            this.connections = await getConnections();
        } catch (error) {
            this.loadError = errorMessage(error);
        } finally {
            this.isLoading = false;
        }
    }
}

function ageText(days: number | null | undefined): string {
    if (days === null || days === undefined) {
        return 'Unknown';
    }
    return days === 1 ? '1 day' : `${days} days`;
}
