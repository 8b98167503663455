import { LightningElement } from 'lwc';
import getConnections from '@salesforce/apex/QBConnectionsController.getConnections';
import testConnection from '@salesforce/apex/QBConnectionsController.testConnection';
import { errorMessage } from 'c/qbUtils';

interface ConnectionTestOutcome {
    ok: boolean;
    message: string;
}

interface ConnectionView extends QbApex.Connection {
    testing: boolean;
    testButtonLabel: string;
    outcome: ConnectionTestOutcome | undefined;
    outcomeClass: string;
    outcomeIcon: string;
    outcomeIconText: string;
}

/** The Connections tab: one row per configured QuickBooks company, with "Test connection". */
export default class QbConnections extends LightningElement {
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
            return {
                ...connection,
                testing,
                testButtonLabel: testing ? 'Testing…' : 'Test connection',
                outcome,
                outcomeClass: outcome?.ok ? 'slds-text-color_success' : 'slds-text-color_error',
                outcomeIcon: outcome?.ok ? 'utility:success' : 'utility:error',
                outcomeIconText: outcome?.ok ? 'Connected' : 'Failed'
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

    async handleTest(event: Event): Promise<void> {
        const realmId = (event.currentTarget as HTMLElement).dataset.realmId as string;
        this.testing = new Set([...this.testing, realmId]);
        try {
            const result = await testConnection({ realmId });
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
