import { LightningElement } from 'lwc';
import listPending from '@salesforce/apex/QBApprovalController.listPending';
import { errorMessage, recordUrl } from 'c/qbUtils';

interface PendingRow extends QbApex.ApprovalRequest {
    url: string;
    currency: string;
}

/**
 * The Pending Approvals tab: every deal the user can see that waits for finance before its QuickBooks invoice,
 * oldest first, with its amount and why it waits. Each deal opens on its record page, where the Sync panel has
 * Approve / Reject.
 */
export default class QbPendingApprovals extends LightningElement {
    rows: PendingRow[] = [];
    isLoading = false;
    loadError: string | null = null;
    loaded = false;

    connectedCallback(): void {
        this.load();
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get isEmpty(): boolean {
        return this.loaded && !this.loadError && this.rows.length === 0;
    }

    get countText(): string {
        return this.rows.length === 1 ? '1 deal waits for approval' : `${this.rows.length} deals wait for approval`;
    }

    handleRefresh(): void {
        this.load();
    }

    private async load(): Promise<void> {
        this.isLoading = true;
        try {
            const pending = await listPending();
            this.rows = pending.map((request) => ({
                ...request,
                url: recordUrl(request.opportunityId, 'Opportunity'),
                currency: request.currencyCode || 'USD'
            }));
            this.loadError = null;
        } catch (error) {
            this.loadError = errorMessage(error);
        } finally {
            this.isLoading = false;
            this.loaded = true;
        }
    }
}
