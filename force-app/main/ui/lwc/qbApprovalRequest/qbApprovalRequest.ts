import { LightningElement, api } from 'lwc';
import getApproval from '@salesforce/apex/QBApprovalController.getApproval';
import approve from '@salesforce/apex/QBApprovalController.approve';
import reject from '@salesforce/apex/QBApprovalController.reject';
import { errorMessage } from 'c/qbUtils';

interface ApprovalLineView extends QbApex.ApprovalLine {
    key: string;
}

/**
 * The finance decision on a deal waiting for approval, inside the Sync panel: why it waits (amount against the
 * threshold, or what changed since an earlier approval), its lines, and Approve / Reject with a required reason for
 * an approver who does not own the deal. Fires `decided` with the deal's new sync status.
 */
export default class QbApprovalRequest extends LightningElement {
    @api recordId: string | undefined;

    approval: QbApex.ApprovalRequest | null = null;
    isLoading = false;
    isDeciding = false;
    isRejecting = false;
    rejectReason = '';
    loadError: string | null = null;
    decisionError: string | null = null;

    connectedCallback(): void {
        this.load();
    }

    get hasApproval(): boolean {
        return this.approval !== null;
    }

    get currencyCode(): string {
        return this.approval?.currencyCode || 'USD';
    }

    get lines(): ApprovalLineView[] {
        return (this.approval?.lines ?? []).map((line, index) => ({ ...line, key: `line-${index}` }));
    }

    get hasLines(): boolean {
        return this.lines.length > 0;
    }

    get canDecide(): boolean {
        return Boolean(this.approval?.canDecide);
    }

    get decideDisabled(): boolean {
        return this.isDeciding;
    }

    get rejectDisabled(): boolean {
        return this.isDeciding || this.rejectReason.trim() === '';
    }

    handleApprove(): Promise<void> {
        return this.decide(() => approve({ opportunityId: this.recordId! }));
    }

    handleStartReject(): void {
        this.isRejecting = true;
        this.decisionError = null;
    }

    handleCancelReject(): void {
        this.isRejecting = false;
        this.rejectReason = '';
    }

    handleReasonChange(event: Event): void {
        this.rejectReason = String((event.target as HTMLTextAreaElement).value ?? '');
    }

    handleConfirmReject(): Promise<void> {
        const reason = this.rejectReason.trim();
        if (!reason) {
            this.decisionError = 'Give a reason for the rejection so the deal owner knows what to fix.';
            return Promise.resolve();
        }
        return this.decide(() => reject({ opportunityId: this.recordId!, reason }));
    }

    private async decide(action: () => Promise<QbApex.SyncStatus>): Promise<void> {
        this.isDeciding = true;
        this.decisionError = null;
        try {
            const status = await action();
            this.isRejecting = false;
            this.dispatchEvent(new CustomEvent('decided', { detail: status }));
        } catch (error) {
            this.decisionError = errorMessage(error);
        } finally {
            this.isDeciding = false;
        }
    }

    private async load(): Promise<void> {
        if (!this.recordId) {
            return;
        }
        this.isLoading = true;
        try {
            this.approval = await getApproval({ opportunityId: this.recordId });
            this.loadError = null;
        } catch (error) {
            this.loadError = errorMessage(error);
        } finally {
            this.isLoading = false;
        }
    }
}
