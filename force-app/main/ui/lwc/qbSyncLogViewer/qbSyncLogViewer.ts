import { LightningElement, api, wire } from 'lwc';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import SYNC_STATUS_FIELD from '@salesforce/schema/Opportunity.QB_Sync_Status__c';
import SYSTEM_MODSTAMP_FIELD from '@salesforce/schema/Opportunity.SystemModstamp';
import getLogs from '@salesforce/apex/QBSyncLogController.getLogs';
import getLogDetail from '@salesforce/apex/QBSyncLogController.getLogDetail';
import getDailyCounts from '@salesforce/apex/QBSyncLogController.getDailyCounts';
import getCompanies from '@salesforce/apex/QBSyncLogController.getCompanies';
import retry from '@salesforce/apex/QBSyncController.retry';
import { errorMessage, LOG_OPERATION, LOG_OUTCOME, picklistLabel, recordUrl, SYNC_STATUS } from 'c/qbUtils';
import { buildChart, CHART_HEIGHT, CHART_WIDTH } from './syncChart';

export const PAGE_SIZE = 50;
export const COMPACT_PAGE_SIZE = 10;
export const SEARCH_DEBOUNCE_MS = 300;
export const CHART_DAYS = 30;
/**
 * Below this width (px) of the log table, the table shows what an admin scans a log by (time, deal, operation,
 * outcome, summary) and leaves the company, HTTP status, QuickBooks error code and attempt to the row's details:
 * ten columns in 700 px squeeze every one to a letter. The duration is in the details at every width. Salesforce also finds datatables perform best with few
 * columns ("Improve Datatable Performance", LWC Developer Guide:
 * https://developer.salesforce.com/docs/platform/lwc/guide/data-table-performance.html).
 */
export const NARROW_TABLE_WIDTH = 1000;
/**
 * Up to this many rows, and with no further page, the table is as tall as its rows; beyond, it scrolls inside a
 * fixed height, which infinite loading needs to see the end of the table.
 */
export const ROWS_SHOWN_WHOLE = 10;

/**
 * On the record page: the deal's sync status, and SystemModstamp, which every write of the engine moves (each attempt
 * stamps the deal). Lightning Data Service delivers a new version of them only when a component changed the record
 * through it or called notifyRecordUpdateAvailable (the sync panel does on every attempt it sees), not when a
 * background job changed it; the compact log then reloads. Sources: "Lightning Data Service"
 * (https://developer.salesforce.com/docs/component-library/documentation/lwc/data_ui_api.html) and
 * notifyRecordUpdateAvailable (https://developer.salesforce.com/docs/platform/lwc/guide/reference-notify-record-update.html).
 */
const WATCHED_FIELDS = [SYNC_STATUS_FIELD, SYSTEM_MODSTAMP_FIELD];
/**
 * While the deal's sync is in flight (queued, running, waiting for its next attempt) the compact log reads its newest
 * entries every FOLLOW_INTERVAL_MS, less often the longer nothing new comes (up to FOLLOW_MAX_MS), and stops when the
 * sync settles. New entries mean the engine changed the deal: the log tells Lightning Data Service, so the page's
 * fields and status follow too.
 */
export const FOLLOW_INTERVAL_MS = 3000;
export const FOLLOW_MAX_MS = 15000;
const IN_FLIGHT_STATUSES = new Set<string>([SYNC_STATUS.QUEUED, SYNC_STATUS.IN_PROGRESS, SYNC_STATUS.RETRY_SCHEDULED]);
const OUTCOME_CLASSES: Record<string, string> = {
    [LOG_OUTCOME.SUCCESS]: 'slds-text-color_success',
    [LOG_OUTCOME.FAILURE]: 'slds-text-color_error',
    [LOG_OUTCOME.WARNING]: 'slds-text-color_warning',
    [LOG_OUTCOME.RETRY]: 'slds-text-color_warning'
};
/** The compact list's outcome icon: SLDS utility icon and lightning-icon variant. */
const OUTCOME_ICONS: Record<string, { iconName: string; variant: string }> = {
    Success: { iconName: 'utility:success', variant: 'success' },
    Failure: { iconName: 'utility:error', variant: 'error' },
    Warning: { iconName: 'utility:warning', variant: 'warning' },
    Retry: { iconName: 'utility:refresh', variant: 'warning' },
    Skipped: { iconName: 'utility:skip', variant: '' }
};

type TextFilter = 'opportunityName' | 'fromDate' | 'toDate' | 'searchTerm';

interface Option {
    label: string;
    value: string;
}

interface LogRowView extends QbApex.LogRow {
    opportunityUrl: string | null;
    operationLabel: string;
    outcomeClass: string;
    outcomeIcon: string;
    outcomeVariant: string;
    outcomeLabel: string;
    viewLabel: string;
}

interface DatatableColumn {
    label: string;
    fieldName?: string;
    type?: string;
    initialWidth?: number;
    wrapText?: boolean;
    /** no header menu (wrap or clip text): a short column keeps its whole label */
    hideDefaultActions?: boolean;
    typeAttributes?: Record<string, unknown>;
    cellAttributes?: Record<string, unknown>;
}

function options(values: string[]): Option[] {
    return [{ label: 'All', value: '' }, ...values.map((value) => ({ label: picklistLabel(value), value }))];
}

/** Shows a JSON body indented; anything else (or nothing) as it is. */
export function prettyBody(body: string | null | undefined): string {
    if (!body) {
        return '';
    }
    try {
        return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
        return body;
    }
}

/**
 * The QuickBooks Sync Log: a keyset-paginated list of engine calls and decisions with filters, a detail panel
 * with the (redacted) bodies and Retry, and a chart of syncs per day. With a recordId (on the Opportunity page)
 * it lists that deal's rows only, compactly.
 */
/**
 * The one-line summary of the record page's list: the engine's summaries end with the QuickBooks call they made
 * ("(POST /customer)"), which tells a sales rep nothing; the full log and the details keep it.
 */
function compactSummaryOf(summary: string | null | undefined): string {
    return (summary ?? '').replace(/\s*\((?:GET|POST|PUT|PATCH|DELETE) \/[^()]*\)$/, '');
}

export default class QbSyncLogViewer extends LightningElement {
    @api recordId: string | undefined;

    rows: LogRowView[] = [];
    nextCursor: string | null = null;
    isLoading = false;
    isLoadingMore = false;
    loadError: string | null = null;

    outcome = '';
    operation = '';
    realmId = '';
    fromDate = '';
    toDate = '';
    opportunityName = '';
    searchTerm = '';
    companyOptions: Option[] = [{ label: 'All', value: '' }];

    detail: QbApex.LogDetail | null = null;
    isDetailLoading = false;
    detailError: string | null = null;
    retryMessage: string | null = null;
    isRetrying = false;

    chart: ReturnType<typeof buildChart> | null = null;
    chartError: string | null = null;

    outcomeOptions = options(Object.values(LOG_OUTCOME));
    operationOptions = options(Object.values(LOG_OPERATION));
    chartViewBox = `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`;

    private searchTimer: ReturnType<typeof setTimeout> | undefined;
    private requestNumber = 0;
    private focusTarget: string | null = null;
    private watchedValues: string | null = null;
    private resizeObserver: ResizeObserver | undefined;
    private connected = false;
    /** The deal's sync status, as Lightning Data Service last delivered it (compact log only). */
    private dealSyncStatus: string | null = null;
    private followTimer: ReturnType<typeof setTimeout> | undefined;
    private followDelayMs = FOLLOW_INTERVAL_MS;
    /** The log table's width is under NARROW_TABLE_WIDTH: fewer, wrapping columns. */
    isNarrow = false;

    /**
     * A changed deal (not its first delivery, which connectedCallback already loads for) reloads the newest entries;
     * a sync in flight is followed until it settles.
     */
    @wire(getRecord, { recordId: '$recordId', optionalFields: WATCHED_FIELDS })
    wiredRecord({ data }: { data?: { fields: Record<string, { value?: unknown }> }; error?: unknown }): void {
        if (!data) {
            return;
        }
        const values = JSON.stringify(data.fields);
        const changed = this.watchedValues !== null && values !== this.watchedValues;
        this.watchedValues = values;
        const status = data.fields.QB_Sync_Status__c?.value;
        this.dealSyncStatus = typeof status === 'string' ? status : null;
        if (changed && this.connected) {
            this.followDelayMs = FOLLOW_INTERVAL_MS;
            this.reloadNewest();
        } else {
            this.followWhileInFlight();
        }
    }

    connectedCallback(): void {
        this.connected = true;
        this.loadFirstPage();
        if (!this.isCompact) {
            this.loadChart();
            this.loadCompanies();
        }
    }

    disconnectedCallback(): void {
        this.connected = false;
        this.stopFollowing();
        clearTimeout(this.searchTimer);
        this.resizeObserver?.disconnect();
        this.resizeObserver = undefined;
    }

    renderedCallback(): void {
        this.observeWidth();
        if (this.focusTarget) {
            const target = this.template?.querySelector<HTMLElement>(`[data-focus="${this.focusTarget}"]`);
            if (target) {
                this.focusTarget = null;
                target.focus();
            }
        }
    }

    get isCompact(): boolean {
        return Boolean(this.recordId);
    }

    get isFull(): boolean {
        return !this.isCompact;
    }

    get title(): string {
        return this.isCompact ? 'QuickBooks sync log' : 'QuickBooks Sync Log';
    }

    get columns(): DatatableColumn[] {
        const time: DatatableColumn = {
            label: 'Time',
            fieldName: 'createdAt',
            type: 'date',
            initialWidth: 120,
            wrapText: true,
            typeAttributes: {
                year: 'numeric',
                month: 'short',
                day: 'numeric',
                hour: 'numeric',
                minute: '2-digit',
                second: '2-digit'
            }
        };
        const opportunity: DatatableColumn = {
            label: 'Opportunity',
            fieldName: 'opportunityUrl',
            type: 'url',
            wrapText: true,
            initialWidth: this.isNarrow ? undefined : 190,
            typeAttributes: { label: { fieldName: 'opportunityName' } }
        };
        const operation: DatatableColumn = {
            label: 'Operation',
            fieldName: 'operationLabel',
            wrapText: true,
            initialWidth: this.isNarrow ? undefined : 130
        };
        const outcome: DatatableColumn = {
            label: 'Outcome',
            fieldName: 'outcome',
            initialWidth: this.isNarrow ? 100 : 95,
            hideDefaultActions: true,
            cellAttributes: { class: { fieldName: 'outcomeClass' } }
        };
        const summary: DatatableColumn = { label: 'Summary', fieldName: 'summary', wrapText: true };
        const details: DatatableColumn = {
            label: 'Details',
            type: 'button',
            initialWidth: 75,
            typeAttributes: { label: 'View', name: 'view', title: 'View details', variant: 'base' }
        };
        if (this.isNarrow) {
            return [time, opportunity, operation, outcome, summary, details];
        }
        return [
            time,
            opportunity,
            { label: 'Company', fieldName: 'companyName', wrapText: true, initialWidth: 120 },
            operation,
            outcome,
            { label: 'HTTP', fieldName: 'httpStatus', type: 'number', initialWidth: 75, hideDefaultActions: true },
            { label: 'QBO error', fieldName: 'errorCode', initialWidth: 100, hideDefaultActions: true },
            { label: 'Attempt', fieldName: 'attempt', type: 'number', initialWidth: 90, hideDefaultActions: true },
            summary,
            details
        ];
    }

    /** As tall as its rows while they are few and complete; else a scrolling table that loads more at its end. */
    get isTableScrolling(): boolean {
        return this.hasMore || this.rows.length > ROWS_SHOWN_WHOLE;
    }

    get tableClass(): string {
        return this.isTableScrolling ? 'qb-log-table qb-log-table_scrolling' : 'qb-log-table';
    }

    get isInfiniteLoading(): boolean {
        return this.hasMore && this.isTableScrolling;
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get isEmpty(): boolean {
        return !this.isLoading && !this.loadError && this.rows.length === 0;
    }

    get emptyText(): string {
        return this.isCompact ? 'Nothing synced for this opportunity yet.' : 'No sync log rows match these filters.';
    }

    get hasMore(): boolean {
        return this.nextCursor !== null;
    }

    get pageSize(): number {
        return this.isCompact ? COMPACT_PAGE_SIZE : PAGE_SIZE;
    }

    get rowCountText(): string {
        const count = this.rows.length;
        if (this.isCompact) {
            const noun = count === 1 ? 'entry' : 'entries';
            return this.hasMore ? `Latest ${count} ${noun}, older ones below` : `${count} ${noun}`;
        }
        const noun = count === 1 ? 'row' : 'rows';
        return this.hasMore ? `${count} ${noun} shown, more available` : `${count} ${noun}`;
    }

    get detailOutcomeClass(): string {
        return OUTCOME_CLASSES[this.detail?.outcome ?? ''] ?? '';
    }

    get detailOperation(): string {
        return picklistLabel(this.detail?.operation);
    }

    get detailOpportunityUrl(): string | null {
        return this.detail?.opportunityId ? recordUrl(this.detail.opportunityId, 'Opportunity') : null;
    }

    /** The invoice as users know it: its number (DocNumber), else QuickBooks' Id. */
    get detailInvoiceNumber(): string {
        return this.detail?.docNumber || this.detail?.invoiceId || '';
    }

    /** An entry of a decision (no call to QuickBooks) has no HTTP status or duration: those lines are left out. */
    get detailHasHttpStatus(): boolean {
        return this.detail?.httpStatus !== null && this.detail?.httpStatus !== undefined;
    }

    get detailHasDuration(): boolean {
        return this.detail?.durationMs !== null && this.detail?.durationMs !== undefined;
    }

    /** A call to QuickBooks has a status, a duration or an answer; any other row records a decision. */
    get detailIsCall(): boolean {
        return this.detailHasHttpStatus || this.detailHasDuration || Boolean(this.detail?.responseBody);
    }

    get requestBody(): string {
        return prettyBody(this.detail?.requestBody);
    }

    get responseBody(): string {
        return prettyBody(this.detail?.responseBody);
    }

    /** A detail that could not be opened; once a detail is open its errors show in the dialog. */
    get detailLoadError(): string | null {
        return this.detail ? null : this.detailError;
    }

    get showRetry(): boolean {
        return Boolean(this.detail?.canRetry && this.detail.opportunityId);
    }

    get hasChartBars(): boolean {
        return Boolean(this.chart && this.chart.totalSucceeded + this.chart.totalFailed > 0);
    }

    handleOutcomeChange(event: CustomEvent<{ value: string }>): void {
        this.outcome = event.detail.value;
        this.loadFirstPage();
    }

    handleOperationChange(event: CustomEvent<{ value: string }>): void {
        this.operation = event.detail.value;
        this.loadFirstPage();
    }

    handleCompanyChange(event: CustomEvent<{ value: string }>): void {
        this.realmId = event.detail.value;
        this.loadFirstPage();
    }

    /** Text and date filters wait until the user pauses typing, then reload from the first page. */
    handleFilterInput(event: CustomEvent<{ value: string }>): void {
        const field = (event.target as HTMLElement).dataset.filter as TextFilter;
        this[field] = (event.detail.value ?? '').trim();
        clearTimeout(this.searchTimer);
        // Debounce: wait for the user to pause typing before asking the server.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.searchTimer = setTimeout(() => this.loadFirstPage(), SEARCH_DEBOUNCE_MS);
    }

    handleClearFilters(): void {
        this.outcome = '';
        this.operation = '';
        this.realmId = '';
        this.fromDate = '';
        this.toDate = '';
        this.opportunityName = '';
        this.searchTerm = '';
        this.loadFirstPage();
    }

    handleReload(): void {
        this.loadFirstPage();
    }

    /** Follows the width the log table gets (a tab at 800 px, a wide desktop, a narrow page region). */
    private observeWidth(): void {
        // the card's body, a block box: the component's own element is inline, and an inline box has no size to observe
        const body = this.template?.querySelector('[data-id="log-body"]');
        if (this.resizeObserver || this.isCompact || !body || typeof ResizeObserver === 'undefined') {
            return;
        }
        this.resizeObserver = new ResizeObserver((entries) => {
            const width = entries[entries.length - 1]?.contentRect.width ?? 0;
            const narrow = width > 0 && width < NARROW_TABLE_WIDTH;
            if (narrow !== this.isNarrow) {
                this.isNarrow = narrow;
            }
        });
        this.resizeObserver.observe(body);
    }

    handleLoadMore(): void {
        if (this.hasMore && !this.isLoadingMore && !this.isLoading) {
            this.loadPage(this.nextCursor);
        }
    }

    handleRowAction(event: CustomEvent<{ action: { name: string }; row: LogRowView }>): Promise<void> {
        return this.openDetail(event.detail.row.id);
    }

    /** A row of the compact list: its one-line summary is the link to its details. */
    handleCompactView(event: Event): Promise<void> {
        event.preventDefault();
        return this.openDetail((event.currentTarget as HTMLElement).dataset.logId as string);
    }

    private async openDetail(logId: string): Promise<void> {
        this.isDetailLoading = true;
        this.detailError = null;
        this.retryMessage = null;
        try {
            this.detail = await getLogDetail({ logId });
            this.focusTarget = 'detail';
        } catch (error) {
            this.detail = null;
            this.detailError = errorMessage(error);
            this.focusTarget = 'detail-error';
        } finally {
            this.isDetailLoading = false;
        }
    }

    handleDetailKeydown(event: KeyboardEvent): void {
        if (event.key === 'Escape') {
            event.stopPropagation();
            this.handleCloseDetail();
        }
    }

    handleCloseDetail(): void {
        this.detail = null;
        this.detailError = null;
        this.retryMessage = null;
        this.focusTarget = 'log-table';
    }

    async handleRetry(): Promise<void> {
        const opportunityId = this.detail?.opportunityId;
        if (!opportunityId) {
            return;
        }
        this.isRetrying = true;
        this.detailError = null;
        try {
            const status = await retry({ opportunityId });
            this.retryMessage = `Retry queued. The deal is now ${status.statusLabel || picklistLabel(status.status)}.`;
            this.detail = { ...(this.detail as QbApex.LogDetail), canRetry: false };
            this.focusTarget = 'retry-message';
        } catch (error) {
            this.detailError = errorMessage(error);
            this.focusTarget = 'detail-error';
        } finally {
            this.isRetrying = false;
        }
    }

    private get filter(): QbApex.LogFilter {
        return {
            outcome: this.outcome || null,
            operation: this.operation || null,
            realmId: this.realmId || null,
            fromDate: this.fromDate || null,
            toDate: this.toDate || null,
            opportunityId: this.recordId || null,
            opportunityName: this.isCompact ? null : this.opportunityName || null,
            searchTerm: this.searchTerm || null
        };
    }

    private loadFirstPage(): Promise<void> {
        clearTimeout(this.searchTimer);
        this.rows = [];
        this.nextCursor = null;
        return this.loadPage(null);
    }

    /**
     * The deal's newest entries read again, the list in place until they come (no flicker while following a sync).
     * Entries newer than the list had mean the engine changed the deal behind Lightning Data Service: the log tells
     * it, so the page's other components, and this log's own wire, get the deal's new version.
     */
    private async reloadNewest(): Promise<void> {
        this.stopFollowing();
        const newestBefore = this.rows[0]?.id ?? null;
        await this.loadPage(null, { keepRows: true });
        const newestNow = this.rows[0]?.id ?? null;
        if (newestNow !== newestBefore && this.recordId && this.connected) {
            this.followDelayMs = FOLLOW_INTERVAL_MS;
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
        } else {
            this.followDelayMs = Math.min(FOLLOW_MAX_MS, this.followDelayMs * 2);
        }
        this.followWhileInFlight();
    }

    /** Compact log of a deal whose sync is in flight: read its newest entries again later. */
    private followWhileInFlight(): void {
        this.stopFollowing();
        if (!this.isCompact || !this.connected || !IN_FLIGHT_STATUSES.has(this.dealSyncStatus ?? '')) {
            return;
        }
        // Polling a non-cacheable Apex method is how a component follows a Queueable it cannot be told about.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.followTimer = setTimeout(() => this.reloadNewest(), this.followDelayMs);
    }

    private stopFollowing(): void {
        if (this.followTimer !== undefined) {
            clearTimeout(this.followTimer);
            this.followTimer = undefined;
        }
    }

    private async loadPage(cursor: string | null, { keepRows = false } = {}): Promise<void> {
        const requestNumber = ++this.requestNumber;
        if (cursor) {
            this.isLoadingMore = true;
        } else if (!keepRows || !this.hasRows) {
            this.isLoading = true;
        }
        this.loadError = null;
        try {
            const page = await getLogs({ filter: this.filter, cursor, pageSize: this.pageSize });
            if (requestNumber !== this.requestNumber) {
                return;
            }
            const rows = (page.rows ?? []).map((row) => {
                const icon = OUTCOME_ICONS[row.outcome ?? ''] ?? { iconName: 'utility:info', variant: '' };
                const operationLabel = picklistLabel(row.operation);
                return {
                    ...row,
                    opportunityUrl: row.opportunityId ? recordUrl(row.opportunityId, 'Opportunity') : null,
                    operationLabel,
                    outcomeClass: OUTCOME_CLASSES[row.outcome ?? ''] ?? '',
                    outcomeIcon: icon.iconName,
                    outcomeVariant: icon.variant,
                    outcomeLabel: picklistLabel(row.outcome) || 'Unknown outcome',
                    compactSummary: compactSummaryOf(row.summary),
                    viewLabel: `View details: ${operationLabel}, ${row.summary ?? ''}`
                };
            });
            this.rows = cursor ? [...this.rows, ...rows] : rows;
            this.nextCursor = page.nextCursor ?? null;
        } catch (error) {
            if (requestNumber === this.requestNumber) {
                this.loadError = errorMessage(error);
            }
        } finally {
            if (requestNumber === this.requestNumber) {
                this.isLoading = false;
                this.isLoadingMore = false;
            }
        }
    }

    /** The Company filter names the companies; without them it still offers All. */
    private async loadCompanies(): Promise<void> {
        try {
            const companies = await getCompanies();
            this.companyOptions = [
                { label: 'All', value: '' },
                ...companies.map((company) => ({ label: company.name ?? company.realmId, value: company.realmId }))
            ];
        } catch (error) {
            this.loadError = this.loadError ?? errorMessage(error);
        }
    }

    private async loadChart(): Promise<void> {
        try {
            this.chart = buildChart(await getDailyCounts({ days: CHART_DAYS }));
        } catch (error) {
            this.chartError = errorMessage(error);
        }
    }
}
