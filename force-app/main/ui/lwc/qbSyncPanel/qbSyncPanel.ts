import { LightningElement, api, wire } from 'lwc';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import STAGE_FIELD from '@salesforce/schema/Opportunity.StageName';
import SYNC_STATUS_FIELD from '@salesforce/schema/Opportunity.QB_Sync_Status__c';
import DOC_NUMBER_FIELD from '@salesforce/schema/Opportunity.QB_DocNumber__c';
import REALM_FIELD from '@salesforce/schema/Opportunity.QB_Realm__c';
import LAST_SYNCED_FIELD from '@salesforce/schema/Opportunity.QB_Last_Synced_At__c';
import BALANCE_FIELD from '@salesforce/schema/Opportunity.QB_Invoice_Balance__c';
import PAYMENT_STATUS_FIELD from '@salesforce/schema/Opportunity.QB_Payment_Status__c';
import LAST_ERROR_FIELD from '@salesforce/schema/Opportunity.QB_Last_Error__c';
import getStatus from '@salesforce/apex/QBSyncController.getStatus';
import preview from '@salesforce/apex/QBSyncController.preview';
import syncNow from '@salesforce/apex/QBSyncController.syncNow';
import retry from '@salesforce/apex/QBSyncController.retry';
import unlinkAndReinvoice from '@salesforce/apex/QBSyncController.unlinkAndReinvoice';
import refreshFromQuickBooks from '@salesforce/apex/QBSyncController.refreshFromQuickBooks';
import attachInvoicePdf from '@salesforce/apex/QBSyncController.attachInvoicePdf';
import canAdministerSync from '@salesforce/customPermission/QB_Administer_Sync';
import LightningPrompt from 'lightning/prompt';
import { RefreshEvent } from 'lightning/refresh';
import { errorMessage, picklistLabel, SYNC_STATUS } from 'c/qbUtils';

/** How often the panel asks for the status while the engine works on the deal. */
export const POLL_INTERVAL_MS = 3000;
/**
 * The longest wait between two reads while a retry is scheduled: a queued retry job is work in flight, but its
 * back-off runs for minutes, so the panel reads less often the longer nothing changes (3, 6, 12, 15, 15 … s), reads
 * at the next attempt time when that comes sooner, every POLL_INTERVAL_MS once the attempt is due, and starts again
 * at POLL_INTERVAL_MS when an attempt moved the next attempt time.
 */
export const RETRY_POLL_MAX_MS = 15000;

/**
 * While the engine works on these, the panel polls: Queued and In Progress, and Retry Scheduled, whose job waits its
 * back-off and then attempts again (each attempt moves the next attempt time or ends the retries); no Opportunity
 * field changes between two attempts, so the record's wire alone would not show them.
 */
const POLLED_STATUSES = new Set<string>([SYNC_STATUS.QUEUED, SYNC_STATUS.IN_PROGRESS, SYNC_STATUS.RETRY_SCHEDULED]);
const RETRYABLE_STATUSES = new Set<string>([SYNC_STATUS.FAILED, SYNC_STATUS.RETRY_SCHEDULED]);
const BADGE_THEMES: Record<string, string> = {
    [SYNC_STATUS.SYNCED]: 'slds-theme_success',
    [SYNC_STATUS.FAILED]: 'slds-theme_error',
    [SYNC_STATUS.REJECTED]: 'slds-theme_error',
    [SYNC_STATUS.OUT_OF_SYNC]: 'slds-theme_warning',
    [SYNC_STATUS.RETRY_SCHEDULED]: 'slds-theme_warning',
    [SYNC_STATUS.PENDING_APPROVAL]: 'slds-theme_warning',
    [SYNC_STATUS.QUEUED]: 'slds-theme_info',
    [SYNC_STATUS.IN_PROGRESS]: 'slds-theme_info'
};
const MAPPING_EDITOR_URL = '/lightning/n/QB_Item_Mapping';
/** Salesforce's download address of a file's latest version (ContentDocument Id). */
const FILE_DOWNLOAD_URL = '/sfc/servlet.shepherd/document/download/';

/**
 * The Opportunity fields behind what the panel shows. Lightning Data Service hands the panel a new version of them
 * whenever the record changes on the page (a stage moved on the path, an inline edit, another component's
 * notifyRecordUpdateAvailable); the panel then reads its status again. Optional: a user without access to a
 * QuickBooks field still gets the others.
 */
const WATCHED_FIELDS = [
    STAGE_FIELD,
    SYNC_STATUS_FIELD,
    DOC_NUMBER_FIELD,
    REALM_FIELD,
    LAST_SYNCED_FIELD,
    BALANCE_FIELD,
    PAYMENT_STATUS_FIELD,
    LAST_ERROR_FIELD
];

interface PreviewLineView extends QbApex.PreviewLine {
    key: string;
    rowClass: string;
    note: string;
}

/**
 * "Sync to QuickBooks" on the Opportunity record page and as its quick action: where the deal stands,
 * a preview of the invoice that would be sent, and Sync now / Retry for users allowed to sync.
 */
export default class QbSyncPanel extends LightningElement {
    status: QbApex.SyncStatus | null = null;
    invoicePreview: QbApex.InvoicePreview | null = null;
    isLoading = false;
    isPreviewLoading = false;
    isSubmitting = false;
    loadError: string | null = null;
    actionError: string | null = null;
    actionMessage: string | null = null;
    mappingEditorUrl = MAPPING_EDITOR_URL;
    /** The invoice PDF saved in Files by Attach invoice PDF: its title and download address. */
    attachedPdf: { title: string; url: string | null } | null = null;

    private currentRecordId: string | undefined;
    private connected = false;
    private pollTimer: ReturnType<typeof setTimeout> | undefined;
    private pollDelayMs = POLL_INTERVAL_MS;
    private focusTarget: string | null = null;
    private watchedValues: string | null = null;
    /** The org's clock (from its last answer) and the browser's at that moment: the back-off runs on the org's. */
    private lastRead: { orgMs: number; browserMs: number } | null = null;
    /** How many times faster than the browser's the org's clock ran between the last two reads (1 in an org). */
    private orgClockRate = 1;

    @api
    get recordId(): string | undefined {
        return this.currentRecordId;
    }
    set recordId(value: string | undefined) {
        const changed = value !== this.currentRecordId;
        this.currentRecordId = value;
        if (changed) {
            this.watchedValues = null;
        }
        if (changed && this.connected) {
            this.status = null;
            this.loadStatus();
        }
    }

    /** A changed record (not its first delivery, which connectedCallback already loads for) reloads the status. */
    @wire(getRecord, { recordId: '$recordId', optionalFields: WATCHED_FIELDS })
    wiredRecord({ data }: { data?: { fields: Record<string, unknown> }; error?: unknown }): void {
        if (!data) {
            return;
        }
        const values = JSON.stringify(data.fields);
        const changed = this.watchedValues !== null && values !== this.watchedValues;
        this.watchedValues = values;
        if (changed && this.connected) {
            this.loadStatus();
        }
    }

    connectedCallback(): void {
        this.connected = true;
        this.loadStatus();
    }

    disconnectedCallback(): void {
        this.connected = false;
        this.stopPolling();
    }

    renderedCallback(): void {
        if (this.focusTarget) {
            const target = this.template?.querySelector<HTMLElement>(`[data-focus="${this.focusTarget}"]`);
            if (target) {
                this.focusTarget = null;
                target.focus();
            }
        }
    }

    get hasStatus(): boolean {
        return this.status !== null;
    }

    get showSpinner(): boolean {
        return this.isLoading && !this.status;
    }

    get statusLabel(): string {
        return this.status?.statusLabel || picklistLabel(this.status?.status) || picklistLabel(SYNC_STATUS.NOT_SYNCED);
    }

    get badgeClass(): string {
        return BADGE_THEMES[this.status?.status ?? ''] ?? '';
    }

    get isPolled(): boolean {
        return POLLED_STATUSES.has(this.status?.status ?? '');
    }

    get isRunning(): boolean {
        return this.isPolled || Boolean(this.status?.isRunning);
    }

    get isRetryScheduled(): boolean {
        return this.status?.status === SYNC_STATUS.RETRY_SCHEDULED && Boolean(this.status.nextAttemptAt);
    }

    /** "2 of 5 failed": how far the engine's retries have gone while the next attempt waits. */
    get attemptsText(): string {
        const attempts = this.status?.attempts;
        if (!attempts) {
            return '';
        }
        const of = this.status?.maxAttempts ? ` of ${this.status.maxAttempts}` : '';
        return `${attempts}${of} failed`;
    }

    get isRetryable(): boolean {
        return RETRYABLE_STATUSES.has(this.status?.status ?? '');
    }

    get companyText(): string {
        const status = this.status;
        if (!status?.realmId) {
            return '';
        }
        return status.companyName ? `${status.companyName} (${status.realmId})` : status.realmId;
    }

    get hasBalance(): boolean {
        return this.status?.balance !== null && this.status?.balance !== undefined;
    }

    /** What the sync that created the invoice did differently than asked (the fallback item, an e-mail not sent). */
    get warnings(): string[] {
        return this.status?.warnings ?? [];
    }

    get hasWarnings(): boolean {
        return this.warnings.length > 0;
    }

    get paymentStatusLabel(): string {
        return picklistLabel(this.status?.paymentStatus);
    }

    get canSync(): boolean {
        return Boolean(this.status?.canSync);
    }

    get showSyncNow(): boolean {
        return this.canSync && !this.isRetryable;
    }

    get showRetry(): boolean {
        return this.canSync && this.isRetryable;
    }

    /** Admins repair a deal whose invoice no longer matches it: the old invoice stays, the deal gets a new one. */
    get showReinvoice(): boolean {
        return canAdministerSync && Boolean(this.status?.hasInvoice) && !this.isRunning;
    }

    /** Anyone who sees an invoiced deal may ask QuickBooks for its payment now (the server checks edit access). */
    get showRefresh(): boolean {
        return Boolean(this.status?.hasInvoice) && !this.isRunning;
    }

    get retryLabel(): string {
        return this.status?.status === SYNC_STATUS.RETRY_SCHEDULED ? 'Retry now' : 'Retry';
    }

    get syncNowDisabled(): boolean {
        return this.syncBlockedReason !== null || this.isSubmitting;
    }

    get isPendingApproval(): boolean {
        return this.status?.status === 'Pending_Approval';
    }

    get showLastError(): boolean {
        return Boolean(this.status?.lastError) && !this.isPendingApproval;
    }

    get syncBlockedReason(): string | null {
        const status = this.status;
        if (!status || this.isRetryable) {
            return null;
        }
        if (this.isPendingApproval) {
            return 'Sync now is off while the deal waits for finance approval (see Finance approval).';
        }
        if (this.isRunning) {
            return 'A sync is running for this deal. The status updates by itself.';
        }
        if (status.hasInvoice) {
            return 'This deal already has its QuickBooks invoice: one deal, one invoice.';
        }
        if (!status.isWon) {
            return 'Sync becomes available when the opportunity is Closed Won.';
        }
        return null;
    }

    get previewLines(): PreviewLineView[] {
        return (this.invoicePreview?.lines ?? []).map((line, index) => {
            const note = line.problem ? line.problem : line.usesFallback ? 'Uses the fallback item' : '';
            return {
                ...line,
                key: `${line.product2Id ?? 'line'}-${index}`,
                rowClass: line.problem ? 'slds-hint-parent qb-line_problem' : 'slds-hint-parent',
                note
            };
        });
    }

    get hasPreviewLines(): boolean {
        return this.previewLines.length > 0;
    }

    get previewProblems(): string[] {
        return this.invoicePreview?.problems ?? [];
    }

    get hasPreviewProblems(): boolean {
        return this.previewProblems.length > 0;
    }

    get previewWarnings(): string[] {
        return this.invoicePreview?.warnings ?? [];
    }

    get hasPreviewWarnings(): boolean {
        return this.previewWarnings.length > 0;
    }

    get previewTaxLines(): (QbApex.PreviewTaxLine & { key: string; label: string })[] {
        return (this.invoicePreview?.taxLines ?? []).map((line, index) => ({
            ...line,
            key: `tax-${index}`,
            label: `${line.rateName ?? 'Tax'} (${line.ratePercent ?? 0}%)`
        }));
    }

    get hasPreviewSubtotal(): boolean {
        return this.invoicePreview?.subtotal !== undefined && this.invoicePreview?.subtotal !== null;
    }

    get hasPreviewInvoiceTotal(): boolean {
        return this.invoicePreview?.invoiceTotal !== undefined && this.invoicePreview?.invoiceTotal !== null;
    }

    get previewCurrency(): string {
        return this.invoicePreview?.currencyCode || 'USD';
    }

    handleReload(): void {
        this.loadStatus();
    }

    async handlePreview(): Promise<void> {
        if (!this.currentRecordId) {
            return;
        }
        this.isPreviewLoading = true;
        this.actionError = null;
        try {
            this.invoicePreview = await preview({ opportunityId: this.currentRecordId });
            this.focusTarget = 'preview';
        } catch (error) {
            this.invoicePreview = null;
            this.actionError = errorMessage(error);
            this.focusTarget = 'action-error';
        } finally {
            this.isPreviewLoading = false;
        }
    }

    handleClosePreview(): void {
        this.invoicePreview = null;
        this.focusTarget = 'preview-button';
    }

    handleDecided(event: CustomEvent<QbApex.SyncStatus>): void {
        this.actionError = null;
        this.actionMessage =
            event.detail.status === 'Rejected'
                ? 'Invoice rejected. The deal owner sees your reason on the opportunity.'
                : 'Approved. The invoice is being created in QuickBooks.';
        this.focusTarget = 'action-message';
        this.applyStatus(event.detail);
    }

    handleSyncNow(): Promise<void> {
        return this.submit(syncNow, 'Sync queued. QuickBooks is being updated.');
    }

    handleRetry(): Promise<void> {
        return this.submit(retry, 'Retry queued. QuickBooks is being updated.');
    }

    async handleRefresh(): Promise<void> {
        await this.submit(refreshFromQuickBooks, null);
        if (this.currentRecordId && !this.actionError) {
            // the balance and payment fields changed: other components of the page read them again
            notifyRecordUpdateAvailable([{ recordId: this.currentRecordId }]);
        }
    }

    /**
     * Attach invoice PDF: the invoice's PDF from QuickBooks saved in this opportunity's Files (once; a second press
     * finds it). RefreshEvent tells the record page, so its Files related list shows the new file.
     */
    async handleAttachPdf(): Promise<void> {
        await this.perform(attachInvoicePdf, (result) => {
            this.attachedPdf = {
                title: result.title,
                url: result.contentDocumentId ? FILE_DOWNLOAD_URL + result.contentDocumentId : null
            };
            this.actionMessage = result.alreadyAttached
                ? `The invoice PDF is already in this opportunity's Files:`
                : `Invoice PDF saved in this opportunity's Files:`;
            if (!result.alreadyAttached) {
                this.dispatchEvent(new RefreshEvent());
            }
        });
    }

    async handleReinvoice(): Promise<void> {
        const reason = await LightningPrompt.open({
            label: 'Unlink and re-invoice',
            message:
                `Invoice ${this.status?.docNumber ?? ''} stays in QuickBooks (void or delete it there if it is wrong); ` +
                'this deal is unlinked from it and invoiced again. Why? The reason is kept in the sync log.',
            variant: 'header',
            theme: 'warning',
            defaultValue: ''
        });
        if (reason !== null && reason !== undefined) {
            await this.submit(
                (params) => unlinkAndReinvoice({ ...params, reason }),
                'Unlinked. A new invoice is being created in QuickBooks.'
            );
        }
    }

    private async submit(
        action: (params: { opportunityId: string }) => Promise<QbApex.SyncStatus>,
        successMessage: string | null
    ): Promise<void> {
        await this.perform(action, (status) => {
            this.actionMessage = successMessage ?? this.refreshedMessage(status);
            this.applyStatus(status);
        });
    }

    /** Runs one of the panel's actions on this opportunity: the buttons wait, and a refusal shows as the action error. */
    private async perform<T>(
        action: (params: { opportunityId: string }) => Promise<T>,
        onSuccess: (result: T) => void
    ): Promise<void> {
        if (!this.currentRecordId) {
            return;
        }
        this.isSubmitting = true;
        this.actionError = null;
        this.actionMessage = null;
        this.attachedPdf = null;
        try {
            onSuccess(await action({ opportunityId: this.currentRecordId }));
            this.focusTarget = 'action-message';
        } catch (error) {
            this.actionError = errorMessage(error);
            this.focusTarget = 'action-error';
        } finally {
            this.isSubmitting = false;
        }
    }

    private refreshedMessage(status: QbApex.SyncStatus): string {
        const payment = picklistLabel(status.paymentStatus);
        return payment ? `Read from QuickBooks: ${payment}.` : 'Read from QuickBooks.';
    }

    private async loadStatus(): Promise<void> {
        this.stopPolling();
        const recordId = this.currentRecordId;
        if (!recordId) {
            return;
        }
        this.isLoading = true;
        try {
            const status = await getStatus({ opportunityId: recordId });
            if (recordId === this.currentRecordId && this.connected) {
                this.loadError = null;
                this.applyStatus(status);
            }
        } catch (error) {
            this.loadError = errorMessage(error);
        } finally {
            this.isLoading = false;
        }
    }

    private applyStatus(status: QbApex.SyncStatus): void {
        const previous = this.status;
        const wasPolled = this.isPolled;
        this.status = status;
        this.measureOrgClock(status);
        if (previous && this.currentRecordId && this.attemptMoved(previous, status)) {
            // the engine changed the deal behind Lightning Data Service (a background job): the page's other
            // components (the fields, the sync log) follow only when told
            notifyRecordUpdateAvailable([{ recordId: this.currentRecordId }]);
        }
        if (previous && !previous.hasInvoice && status.hasInvoice) {
            // the new invoice's PDF may be in the opportunity's Files now: the page's related lists read again
            this.dispatchEvent(new RefreshEvent());
        }
        if (wasPolled && !this.isPolled) {
            this.actionMessage = `Sync finished: ${this.statusLabel}.`;
        }
        this.stopPolling();
        if (this.isPolled && this.connected) {
            this.pollDelayMs = this.nextPollDelay(previous, status);
            // Polling a non-cacheable status method is the documented way to follow a Queueable from the UI.
            // eslint-disable-next-line @lwc/lwc/no-async-operation
            this.pollTimer = setTimeout(() => this.loadStatus(), this.pollDelayMs);
        }
    }

    /** The status moved on, or another attempt was made (a new next attempt time, one more attempt). */
    private attemptMoved(previous: QbApex.SyncStatus, status: QbApex.SyncStatus): boolean {
        return (
            previous.status !== status.status ||
            previous.nextAttemptAt !== status.nextAttemptAt ||
            previous.attempts !== status.attempts
        );
    }

    /**
     * The org's clock is the one the back-off runs on: the panel reads it from each answer (checkedAt) rather than
     * trusting the browser's clock, which may be set differently, and measures its pace between two reads, so an org
     * whose clock runs fast (a test org on simulated time) is followed too.
     */
    private measureOrgClock(status: QbApex.SyncStatus): void {
        const orgMs = status.checkedAt ? Date.parse(status.checkedAt) : NaN;
        if (Number.isNaN(orgMs)) {
            return;
        }
        const browserMs = Date.now();
        if (this.lastRead && browserMs - this.lastRead.browserMs >= 1000 && orgMs > this.lastRead.orgMs) {
            this.orgClockRate = Math.max(1, (orgMs - this.lastRead.orgMs) / (browserMs - this.lastRead.browserMs));
        }
        this.lastRead = { orgMs, browserMs };
    }

    /**
     * Every POLL_INTERVAL_MS while a job runs; while a retry waits, less often the longer nothing changes, but never
     * later than just after the next attempt time (an attempt long overdue is read at the slower pace).
     */
    private nextPollDelay(previous: QbApex.SyncStatus | null, status: QbApex.SyncStatus): number {
        if (status.status !== SYNC_STATUS.RETRY_SCHEDULED || !previous || this.attemptMoved(previous, status)) {
            return POLL_INTERVAL_MS;
        }
        const backedOff = Math.min(RETRY_POLL_MAX_MS, this.pollDelayMs * 2);
        const nextAttemptMs = status.nextAttemptAt ? Date.parse(status.nextAttemptAt) : NaN;
        const orgNowMs = status.checkedAt ? Date.parse(status.checkedAt) : NaN;
        if (Number.isNaN(nextAttemptMs) || Number.isNaN(orgNowMs)) {
            return backedOff;
        }
        // a moment after the attempt's time (its job starts when the org gets to it), on the org's clock at its pace
        const untilReadMs = (nextAttemptMs - orgNowMs) / this.orgClockRate + POLL_INTERVAL_MS;
        return untilReadMs > 0 ? Math.min(backedOff, Math.max(POLL_INTERVAL_MS, untilReadMs)) : backedOff;
    }

    private stopPolling(): void {
        if (this.pollTimer !== undefined) {
            clearTimeout(this.pollTimer);
            this.pollTimer = undefined;
        }
    }
}
