import { createElement } from 'lwc';
import * as uiRecordApi from 'lightning/uiRecordApi';
import getLogs from '@salesforce/apex/QBSyncLogController.getLogs';
import getLogDetail from '@salesforce/apex/QBSyncLogController.getLogDetail';
import getDailyCounts from '@salesforce/apex/QBSyncLogController.getDailyCounts';
import getCompanies from '@salesforce/apex/QBSyncLogController.getCompanies';
import retry from '@salesforce/apex/QBSyncController.retry';
import QbSyncLogViewer, {
    FOLLOW_INTERVAL_MS,
    FOLLOW_MAX_MS,
    NARROW_TABLE_WIDTH,
    ROWS_SHOWN_WHOLE,
    SEARCH_DEBOUNCE_MS
} from 'c/qbSyncLogViewer';
import {
    chooseOption,
    clickButton,
    deepActiveElement,
    deepQueryAll,
    errorPanel,
    errorPanelMessage,
    flushPromises,
    hasButton,
    nextTask,
    query,
    queryAll,
    textOf,
    typeInto
} from '../../../test/uiTestUtils';
import PAGE_1 from './data/getLogsPage1.json';
import PAGE_2 from './data/getLogsPage2.json';
import PAGE_EMPTY from './data/getLogsEmpty.json';
import DETAIL_FAILURE from './data/getLogDetailFailure.json';
import DETAIL_SUCCESS from './data/getLogDetailSuccess.json';
import DAILY_COUNTS from './data/getDailyCounts.json';
import DAILY_COUNTS_MONTH from './data/dailyCountsMonth.json';
import DAILY_COUNTS_EMPTY from './data/getDailyCountsEmpty.json';
import COMPANIES from './data/getCompanies.json';

jest.mock('@salesforce/apex/QBSyncLogController.getLogs', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBSyncLogController.getLogDetail', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBSyncLogController.getDailyCounts', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBSyncLogController.getCompanies', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBSyncController.retry', () => ({ default: jest.fn() }), { virtual: true });

const mockGetLogs = getLogs as jest.Mock;
const mockGetLogDetail = getLogDetail as jest.Mock;
const mockGetDailyCounts = getDailyCounts as jest.Mock;
const mockRetry = retry as jest.Mock;
const mockGetCompanies = getCompanies as jest.Mock;

const recordWire = uiRecordApi.getRecord as unknown as { emit(record: unknown): void };
const mockNotify = uiRecordApi.notifyRecordUpdateAvailable as jest.Mock;

function dealWithStatus(syncStatus: string) {
    return {
        id: '006000000000001AAA',
        apiName: 'Opportunity',
        fields: { QB_Sync_Status__c: { value: syncStatus, displayValue: syncStatus } }
    };
}

const NO_FILTER = {
    outcome: null,
    operation: null,
    realmId: null,
    fromDate: null,
    toDate: null,
    opportunityId: null,
    opportunityName: null,
    searchTerm: null
};

async function renderViewer(recordId?: string): Promise<HTMLElement> {
    const element = createElement('c-qb-sync-log-viewer', { is: QbSyncLogViewer });
    if (recordId) {
        (element as unknown as { recordId: string }).recordId = recordId;
    }
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

function datatable(element: HTMLElement): HTMLElement {
    return query(element, 'lightning-datatable')!;
}

function tableText(element: HTMLElement): string {
    return textOf(datatable(element));
}

/** Presses the "View" button a user sees in the Details column of the row at `index`. */
async function viewDetails(element: HTMLElement, index: number): Promise<void> {
    const viewButtons = deepQueryAll<HTMLButtonElement>(datatable(element), 'button').filter(
        (button) => button.textContent?.trim() === 'View'
    );
    viewButtons[index].click();
    await nextTask();
}

function lastGetLogsArgs() {
    return mockGetLogs.mock.calls[mockGetLogs.mock.calls.length - 1][0];
}

beforeEach(() => {
    mockGetDailyCounts.mockResolvedValue(DAILY_COUNTS);
    mockGetCompanies.mockResolvedValue(COMPANIES);
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
});

type ResizeCallback = (entries: { contentRect: { width: number } }[]) => void;

/** Stands in for the browser's ResizeObserver: the test says how wide an observed element is. */
class WidthObserver {
    static observing = new Map<Element, ResizeCallback>();
    private readonly onResize: ResizeCallback;
    constructor(callback: ResizeCallback) {
        this.onResize = callback;
    }
    observe(target: Element): void {
        WidthObserver.observing.set(target, this.onResize);
    }
    disconnect(): void {}
    static resize(target: Element, width: number): void {
        WidthObserver.observing.get(target)?.([{ contentRect: { width } }]);
    }
}

function columnLabels(element: HTMLElement): string[] {
    return (datatable(element) as unknown as { columns: { label: string }[] }).columns.map((c) => c.label);
}

describe('c-qb-sync-log-viewer layout', () => {
    const realResizeObserver = (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
    beforeEach(() => {
        (globalThis as { ResizeObserver?: unknown }).ResizeObserver = WidthObserver;
    });
    afterEach(() => {
        (globalThis as { ResizeObserver?: unknown }).ResizeObserver = realResizeObserver;
        WidthObserver.observing.clear();
    });

    it('shows every column on a wide page and what an admin scans a log by on a narrow one', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        const element = await renderViewer();

        WidthObserver.resize(query(element, '[data-id="log-body"]')!, NARROW_TABLE_WIDTH + 300);
        await flushPromises();
        expect(columnLabels(element)).toEqual([
            'Time',
            'Opportunity',
            'Company',
            'Operation',
            'Outcome',
            'HTTP',
            'QBO error',
            'Attempt',
            'Summary',
            'Details'
        ]);

        WidthObserver.resize(query(element, '[data-id="log-body"]')!, NARROW_TABLE_WIDTH - 266);
        await flushPromises();
        expect(columnLabels(element)).toEqual(['Time', 'Opportunity', 'Operation', 'Outcome', 'Summary', 'Details']);
        expect(tableText(element)).toContain('Invoice 1038 created for Opportunity Acme - 50 licenses');
    });

    it('is as tall as its rows while they are few and complete, and scrolls and loads more at its end otherwise', async () => {
        mockGetLogs.mockResolvedValueOnce(PAGE_2);
        const complete = await renderViewer();
        const table = (element: HTMLElement) => query(element, '[data-id="log-table"]')!;
        expect(PAGE_2.rows.length).toBeLessThanOrEqual(ROWS_SHOWN_WHOLE);
        expect(table(complete).classList.contains('qb-log-table_scrolling')).toBe(false);
        expect((datatable(complete) as unknown as { enableInfiniteLoading: boolean }).enableInfiniteLoading).toBe(
            false
        );
        document.body.removeChild(complete);

        mockGetLogs.mockResolvedValueOnce(PAGE_1);
        const more = await renderViewer();
        expect(table(more).classList.contains('qb-log-table_scrolling')).toBe(true);
        expect((datatable(more) as unknown as { enableInfiniteLoading: boolean }).enableInfiniteLoading).toBe(true);
    });
});

describe('c-qb-sync-log-viewer list', () => {
    it('asks for the first page without filters and shows its rows', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        const element = await renderViewer();

        expect(mockGetLogs).toHaveBeenCalledWith({ filter: NO_FILTER, cursor: null, pageSize: 50 });
        const text = tableText(element);
        expect(text).toContain('Invoice 1038 created for Opportunity Acme - 50 licenses');
        expect(text).toContain('Acme - 50 licenses');
        expect(text).toContain('Invoice Create');
        expect(text).toContain('6000');
        expect(textOf(query(element, '[data-id="row-count"]'))).toBe('3 rows shown, more available');
    });

    it('loads the next page with the cursor on Load more and appends it, until the end', async () => {
        mockGetLogs.mockResolvedValueOnce(PAGE_1).mockResolvedValueOnce(PAGE_2);
        const element = await renderViewer();

        await clickButton(element, 'Load more');

        expect(mockGetLogs).toHaveBeenLastCalledWith({
            filter: NO_FILTER,
            cursor: PAGE_1.nextCursor,
            pageSize: 50
        });
        expect(tableText(element)).toContain('Not synced automatically: Auto-sync is off');
        expect(tableText(element)).toContain('Invoice 1038 created');
        expect(textOf(query(element, '[data-id="row-count"]'))).toBe('6 rows');
        expect(hasButton(element, 'Load more')).toBe(false);
    });

    it('loads the next page when the table scrolls to its end', async () => {
        mockGetLogs.mockResolvedValueOnce(PAGE_1).mockResolvedValueOnce(PAGE_2);
        const element = await renderViewer();

        datatable(element).dispatchEvent(new CustomEvent('loadmore'));
        await flushPromises();

        expect(lastGetLogsArgs().cursor).toBe(PAGE_1.nextCursor);
        expect(textOf(query(element, '[data-id="row-count"]'))).toBe('6 rows');
    });

    it('counts a single row in the singular', async () => {
        mockGetLogs.mockResolvedValue({ rows: PAGE_2.rows.slice(0, 1) });
        const element = await renderViewer();

        expect(textOf(query(element, '[data-id="row-count"]'))).toBe('1 row');
        expect(hasButton(element, 'Load more')).toBe(false);
    });

    it('says so when no row matches', async () => {
        mockGetLogs.mockResolvedValue(PAGE_EMPTY);
        const element = await renderViewer();

        expect(textOf(query(element, '[data-id="empty"]'))).toBe('No sync log rows match these filters.');
        expect(query(element, 'lightning-datatable')).toBeNull();
    });

    it('shows a readable error and loads again on Try again', async () => {
        mockGetLogs.mockRejectedValueOnce({ body: { message: 'You need the QB_Sync_Admin permission set.' } });
        const element = await renderViewer();
        expect(textOf(errorPanelMessage(element, 'load-state'))).toBe('You need the QB_Sync_Admin permission set.');

        mockGetLogs.mockResolvedValueOnce(PAGE_1);
        await clickButton(errorPanel(element, 'load-state'), 'Try again');

        expect(errorPanelMessage(element, 'load-state')).toBeNull();
        expect(tableText(element)).toContain('Invoice 1038 created');
    });
});

describe('c-qb-sync-log-viewer filters', () => {
    it('reloads from the first page with the chosen outcome and operation', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        const element = await renderViewer();

        await chooseOption(element, 'Outcome', 'Failure');
        expect(lastGetLogsArgs()).toEqual({ filter: { ...NO_FILTER, outcome: 'Failure' }, cursor: null, pageSize: 50 });

        await chooseOption(element, 'Operation', 'Invoice_Create');
        expect(lastGetLogsArgs().filter).toEqual({ ...NO_FILTER, outcome: 'Failure', operation: 'Invoice_Create' });
    });

    it('searches summaries once the user pauses typing', async () => {
        jest.useFakeTimers();
        mockGetLogs.mockResolvedValue(PAGE_1);
        const element = await renderViewer();
        mockGetLogs.mockClear();

        await typeInto(element, 'Search summaries', 'inv');
        await typeInto(element, 'Search summaries', 'invoice 1038 ');
        expect(mockGetLogs).not.toHaveBeenCalled();

        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
        await flushPromises();

        expect(mockGetLogs).toHaveBeenCalledTimes(1);
        expect(lastGetLogsArgs().filter).toEqual({ ...NO_FILTER, searchTerm: 'invoice 1038' });
    });

    it('filters by company name, part of the opportunity name and date range', async () => {
        jest.useFakeTimers();
        mockGetLogs.mockResolvedValue(PAGE_1);
        const element = await renderViewer();

        await chooseOption(element, 'Company', '9130350000000002');
        await typeInto(element, 'Opportunity name', ' Globex ');
        await typeInto(element, 'From', 'Nov 1, 2026');
        await typeInto(element, 'To', 'Nov 26, 2026');
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
        await flushPromises();

        expect(lastGetLogsArgs().filter).toEqual({
            ...NO_FILTER,
            realmId: '9130350000000002',
            opportunityName: 'Globex',
            fromDate: '2026-11-01',
            toDate: '2026-11-26'
        });
    });

    it('clears every filter at once', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        const element = await renderViewer();
        await chooseOption(element, 'Outcome', 'Failure');

        await clickButton(element, 'Clear filters');

        expect(lastGetLogsArgs()).toEqual({ filter: NO_FILTER, cursor: null, pageSize: 50 });
    });

    it('ignores a slow earlier page that answers after a newer filter', async () => {
        let answerFirst: (page: unknown) => void = () => undefined;
        mockGetLogs.mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)));
        mockGetLogs.mockResolvedValueOnce(PAGE_2);
        const element = await renderViewer();

        await chooseOption(element, 'Outcome', 'Success');
        answerFirst(PAGE_1);
        await flushPromises();

        expect(tableText(element)).toContain('Globex renewal');
        expect(tableText(element)).not.toContain('Invoice 1038 created');
    });
});

describe('c-qb-sync-log-viewer details', () => {
    it('opens the detail panel with pretty-printed bodies, ids and the opportunity link, and focuses it', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetLogDetail.mockResolvedValue(DETAIL_FAILURE);
        const element = await renderViewer();

        await viewDetails(element, 2);

        expect(mockGetLogDetail).toHaveBeenCalledWith({ logId: PAGE_1.rows[2].id });
        const detail = query(element, '[data-id="detail"]')!;
        expect(textOf(detail)).toContain('LOG-0000004: Invoice Create Failure');
        expect(textOf(query(element, '[data-id="detail-request-id"]'))).toBe('SR-000042-1');
        expect(textOf(query(element, '[data-id="detail-error-code"]'))).toContain('6000: A business validation error');
        const requestBody = query(element, '[data-id="request-body"]')!.textContent!;
        expect(requestBody).toContain('\n  "CustomerRef": {\n    "value": "58"\n  }');
        expect(query(element, '[data-id="response-body"]')!.textContent).toContain('"code": "6000"');
        expect(query<HTMLAnchorElement>(element, '[data-id="detail-opportunity"]')!.getAttribute('href')).toBe(
            `/lightning/r/Opportunity/${DETAIL_FAILURE.opportunityId}/view`
        );
        expect(query(element, '[data-id="detail-invoice"]')).toBeNull();
        expect(deepActiveElement()).toBe(query(element, '[data-focus="detail"]'));
    });

    it('shows the detail of a decision (no QuickBooks call) as such, without empty call bodies', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        const claimKey = 'Claim key: 9130350000000001|0065gA000000001ABA|1 (company realm | opportunity | generation)';
        mockGetLogDetail.mockResolvedValue({
            ...DETAIL_SUCCESS,
            operation: 'Claim',
            httpStatus: null,
            durationMs: null,
            attempt: null,
            responseBody: null,
            requestBody: `${claimKey}\nTrigger source: Auto`,
            summary: 'Queued automatically when the deal was won.'
        });
        const element = await renderViewer();

        await viewDetails(element, 0);

        const detail = query(element, '[data-id="detail"]')!;
        expect(textOf(detail)).toContain('Queued automatically when the deal was won.');
        expect(textOf(query(element, '[data-id="detail-body"]'))).toContain(claimKey);
        expect(query(element, '[data-id="request-body"]')).toBeNull();
        expect(textOf(detail)).not.toContain('No response body.');
        expect(textOf(detail)).not.toContain('Request body');
    });

    it('links the invoice, shows a non-JSON body as it is and offers no Retry on a success', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetLogDetail.mockResolvedValue({ ...DETAIL_SUCCESS, responseBody: '<html>not json</html>' });
        const element = await renderViewer();

        await viewDetails(element, 0);

        expect(query<HTMLAnchorElement>(element, '[data-id="detail-invoice"]')!.href).toBe(
            'https://app.sandbox.qbo.intuit.com/app/invoice?txnId=146'
        );
        // the invoice number users know (DocNumber), not QuickBooks' internal Id
        expect(textOf(query(element, '[data-id="detail-invoice"]'))).toBe('1038');
        expect(query(element, '[data-id="response-body"]')!.textContent).toBe('<html>not json</html>');
        expect(query(element, '[data-id="request-body"]')).toBeNull();
        expect(textOf(query(element, '[data-id="detail"]'))).toContain('No request body.');
        expect(hasButton(element, 'Retry sync')).toBe(false);
        expect(query(element, '[data-id="detail-error-code"]')).toBeNull();
    });

    it('leaves out what a decision entry does not have (no call: no HTTP status, request id or duration)', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        const decision = { ...DETAIL_SUCCESS, operation: 'Write_Back', httpStatus: null, durationMs: null };
        delete (decision as Record<string, unknown>).attempt;
        mockGetLogDetail.mockResolvedValue(decision);
        const element = await renderViewer();

        await viewDetails(element, 0);

        const detail = textOf(query(element, '[data-id="detail"]'));
        expect(detail).not.toMatch(/HTTP status|Duration|Attempt|Request ID|intuit_tid/);
        expect(detail).not.toMatch(/\bms\b/);
        expect(query(element, '[data-id="detail-company"]')).not.toBeNull();
    });

    it('offers no Retry for a failed row without an opportunity', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetLogDetail.mockResolvedValue({ ...DETAIL_FAILURE, opportunityId: null, opportunityName: null });
        const element = await renderViewer();

        await viewDetails(element, 2);

        expect(hasButton(element, 'Retry sync')).toBe(false);
        expect(query(element, '[data-id="detail-opportunity"]')).toBeNull();
    });

    it('retries the failed sync of the deal from the detail panel', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetLogDetail.mockResolvedValue(DETAIL_FAILURE);
        mockRetry.mockResolvedValue({ status: 'Queued', statusLabel: 'Queued' });
        const element = await renderViewer();
        await viewDetails(element, 2);

        await clickButton(element, 'Retry sync');

        expect(mockRetry).toHaveBeenCalledWith({ opportunityId: DETAIL_FAILURE.opportunityId });
        const message = query(element, '[data-id="retry-message"]')!;
        expect(textOf(message)).toBe('Retry queued. The deal is now Queued.');
        expect(deepActiveElement()).toBe(message);
        expect(hasButton(element, 'Retry sync')).toBe(false);
    });

    it('explains a refused retry', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetLogDetail.mockResolvedValue(DETAIL_FAILURE);
        mockRetry.mockRejectedValue({ body: { message: 'Only failed syncs can be retried.' } });
        const element = await renderViewer();
        await viewDetails(element, 2);

        await clickButton(element, 'Retry sync');

        expect(textOf(query(element, '[data-id="detail-error"]'))).toBe('Only failed syncs can be retried.');
        expect(hasButton(element, 'Retry sync')).toBe(true);
    });

    it('closes the detail panel', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetLogDetail.mockResolvedValue(DETAIL_FAILURE);
        const element = await renderViewer();
        await viewDetails(element, 2);

        await clickButton(element, 'Close details');

        expect(query(element, '[data-id="detail"]')).toBeNull();
        expect(deepActiveElement()).toBe(query(element, '[data-focus="log-table"]'));
    });

    it('opens the details as a dialog over the list, named by its heading, and closes it on Escape', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetLogDetail.mockResolvedValue({ ...DETAIL_FAILURE, companyName: 'Acme US' });
        const element = await renderViewer();
        await viewDetails(element, 2);

        const dialog = query(element, '[data-id="detail"]')!;
        expect(dialog.getAttribute('role')).toBe('dialog');
        expect(dialog.getAttribute('aria-modal')).toBe('true');
        expect(dialog.getAttribute('aria-labelledby')).toBe(query(element, '[data-focus="detail"]')!.id);
        expect(textOf(query(element, '[data-id="detail-company"]'))).toBe('Acme US');

        dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
        await flushPromises();

        expect(query(element, '[data-id="detail"]')).toBeNull();
        expect(deepActiveElement()).toBe(query(element, '[data-focus="log-table"]'));
    });

    it('shows why the details could not be loaded', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetLogDetail.mockRejectedValue({ body: { message: 'This log row was purged.' } });
        const element = await renderViewer();

        await viewDetails(element, 1);

        expect(query(element, '[data-id="detail"]')).toBeNull();
        const error = query(element, '[data-id="detail-error"]')!;
        expect(textOf(error)).toBe('This log row was purged.');
        expect(deepActiveElement()).toBe(error);
    });
});

describe('c-qb-sync-log-viewer chart', () => {
    it('draws the counts the controller returns for the last 30 days', async () => {
        mockGetLogs.mockResolvedValue(PAGE_EMPTY);
        const element = await renderViewer();

        const bars = queryAll(element, '[data-id="chart-bar"]');
        expect(bars).toHaveLength(30);
        expect(bars[29].querySelector('title')!.textContent).toBe('Nov 26: 1 succeeded, 1 failed');
        expect(textOf(query(element, '[data-id="chart-legend"]'))).toBe('Succeeded: 1 Failed: 1');
    });

    it('draws 30 days of stacked bars with an accessible title and description', async () => {
        mockGetLogs.mockResolvedValue(PAGE_EMPTY);
        mockGetDailyCounts.mockResolvedValue(DAILY_COUNTS_MONTH);
        const element = await renderViewer();

        expect(mockGetDailyCounts).toHaveBeenCalledWith({ days: 30 });
        const svg = query(element, 'svg')!;
        expect(svg.getAttribute('role')).toBe('img');
        const labelledBy = svg.getAttribute('aria-labelledby')!.split(' ');
        expect(labelledBy).toHaveLength(2);
        expect(svg.querySelector(`[id="${labelledBy[0]}"]`)!.textContent).toContain('Syncs per day, last 30 days');
        expect(svg.querySelector(`[id="${labelledBy[1]}"]`)!.textContent).toBe(
            'From Oct 28 to Nov 26: 69 succeeded, 5 failed. Busiest day Nov 17 with 9 syncs.'
        );
        const bars = queryAll(element, '[data-id="chart-bar"]');
        expect(bars).toHaveLength(30);
        expect(bars[20].querySelector('title')!.textContent).toBe('Nov 17: 9 succeeded, 0 failed');
        const busiest = bars[20].querySelector('.qb-chart__succeeded')!;
        expect(Number(busiest.getAttribute('height'))).toBe(140);
        expect(Number(bars[0].querySelector('.qb-chart__failed')!.getAttribute('height'))).toBeCloseTo(140 / 9);
        expect(textOf(query(element, '[data-id="chart-legend"]'))).toBe('Succeeded: 69 Failed: 5');
        const dayLabels = queryAll(element, '.qb-chart__label').map((label) => label.textContent!.trim());
        expect(dayLabels).toEqual(['Oct 29', 'Nov 5', 'Nov 12', 'Nov 19', 'Nov 26']);
        expect(Number(bars[1].querySelector('.qb-chart__succeeded')!.getAttribute('x'))).toBeCloseTo(21);
        expect(Number(bars[1].querySelector('.qb-chart__succeeded')!.getAttribute('width'))).toBeCloseTo(18);
    });

    it('says there were no syncs instead of drawing an empty chart', async () => {
        mockGetLogs.mockResolvedValue(PAGE_EMPTY);
        mockGetDailyCounts.mockResolvedValue(DAILY_COUNTS_EMPTY);
        const element = await renderViewer();

        expect(query(element, 'svg')).toBeNull();
        expect(textOf(query(element, '[data-id="chart-empty"]'))).toBe('No syncs in the last 30 days.');
    });

    it('keeps the list usable when the chart cannot be loaded', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetDailyCounts.mockRejectedValue(new Error('boom'));
        const element = await renderViewer();

        expect(textOf(query(element, '[data-id="chart-error"]'))).toContain('Something went wrong');
        expect(tableText(element)).toContain('Invoice 1038 created');
    });
});

describe('c-qb-sync-log-viewer times', () => {
    it('writes dates as the rest of Lightning does (Dec 3, 2026), in the table and the details', async () => {
        const row = { ...PAGE_1.rows[0], createdAt: '2026-12-03T18:05:09.000Z' };
        mockGetLogs.mockResolvedValue({ ...PAGE_1, rows: [row], nextCursor: null });
        mockGetLogDetail.mockResolvedValue({ ...DETAIL_SUCCESS, createdAt: row.createdAt });
        const element = await renderViewer();

        expect(tableText(element)).toMatch(/Dec 3, 2026/);
        expect(tableText(element)).not.toMatch(/Dec 03/);
        await viewDetails(element, 0);
        await flushPromises();
        expect(textOf(query(element, '[data-id="detail"]'))).toMatch(/Dec 3, 2026/);
    });
});

describe('c-qb-sync-log-viewer on the Opportunity page', () => {
    it("lists only the deal's rows, compactly, without filters or chart", async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        const element = await renderViewer('006000000000001AAA');

        expect(mockGetLogs).toHaveBeenCalledWith({
            filter: { ...NO_FILTER, opportunityId: '006000000000001AAA' },
            cursor: null,
            pageSize: 10
        });
        expect(mockGetDailyCounts).not.toHaveBeenCalled();
        expect(query(element, '[data-id="filters"]')).toBeNull();
        expect(query(element, '[data-id="chart"]')).toBeNull();
        expect(query(element, 'lightning-datatable')).toBeNull();
        const rows = queryAll(element, '[data-id="compact-row"]');
        expect(rows).toHaveLength(PAGE_1.rows.length);
        const first = rows[0];
        expect(textOf(query(first, 'a'))).toBe('Invoice 1038 created for Opportunity Acme - 50 licenses');
        expect(textOf(first)).toContain('Invoice Create');
        expect(textOf(first)).toMatch(/Nov 26/);
        const icon = query(first, 'lightning-icon') as unknown as { iconName: string; alternativeText: string };
        expect(icon.iconName).toBe('utility:success');
        expect(icon.alternativeText).toBe('Success');
        const failed = query(rows[2], 'lightning-icon') as unknown as { iconName: string; alternativeText: string };
        expect(failed.iconName).toBe('utility:error');
        expect(failed.alternativeText).toBe('Failure');
    });

    it("leaves QuickBooks' method and path out of a compact summary, for the rep reading the deal", async () => {
        const call = { ...PAGE_1.rows[1], summary: 'Create customer "Acme, Inc." (POST /customer)' };
        mockGetLogs.mockResolvedValue({ ...PAGE_1, rows: [PAGE_1.rows[0], call] });
        const element = await renderViewer('006000000000001AAA');

        const link = query<HTMLAnchorElement>(queryAll(element, '[data-id="compact-row"]')[1], 'a')!;
        expect(textOf(link)).toBe('Create customer "Acme, Inc."');
        expect(link.title).toBe('Create customer "Acme, Inc."');
    });

    it('opens the details of a compact row from its summary link', async () => {
        mockGetLogs.mockResolvedValue(PAGE_1);
        mockGetLogDetail.mockResolvedValue(DETAIL_SUCCESS);
        const element = await renderViewer('006000000000001AAA');

        query<HTMLAnchorElement>(queryAll(element, '[data-id="compact-row"]')[1], 'a')!.click();
        await flushPromises();

        expect(mockGetLogDetail).toHaveBeenCalledWith({ logId: PAGE_1.rows[1].id });
        expect(query(element, '[data-id="detail"]')).not.toBeNull();
    });

    it('follows a sync in flight by itself: new entries show and the page is told, until the sync settles', async () => {
        jest.useFakeTimers();
        const older = { ...PAGE_1, rows: PAGE_1.rows.slice(1), nextCursor: null };
        mockGetLogs.mockResolvedValue(older);
        const element = await renderViewer('006000000000001AAA');
        recordWire.emit(dealWithStatus('Retry_Scheduled'));
        await flushPromises();
        expect(mockGetLogs).toHaveBeenCalledTimes(1);

        // nothing new: read again less often; the page is not told
        jest.advanceTimersByTime(FOLLOW_INTERVAL_MS);
        await flushPromises();
        expect(mockGetLogs).toHaveBeenCalledTimes(2);
        expect(mockNotify).not.toHaveBeenCalled();
        jest.advanceTimersByTime(FOLLOW_INTERVAL_MS);
        await flushPromises();
        expect(mockGetLogs).toHaveBeenCalledTimes(2);

        // the engine's next attempt wrote a row (the deal changed behind Lightning Data Service)
        mockGetLogs.mockResolvedValue({ ...PAGE_1, nextCursor: null });
        jest.advanceTimersByTime(FOLLOW_INTERVAL_MS);
        await flushPromises();
        expect(mockGetLogs).toHaveBeenCalledTimes(3);
        expect(textOf(query(queryAll(element, '[data-id="compact-row"]')[0], 'a'))).toBe(
            'Invoice 1038 created for Opportunity Acme - 50 licenses'
        );
        expect(mockNotify).toHaveBeenCalledWith([{ recordId: '006000000000001AAA' }]);

        // Lightning Data Service delivers the settled deal: one more read, then no more
        recordWire.emit(dealWithStatus('Synced'));
        await flushPromises();
        expect(mockGetLogs).toHaveBeenCalledTimes(4);
        jest.advanceTimersByTime(FOLLOW_MAX_MS * 4);
        await flushPromises();
        expect(mockGetLogs).toHaveBeenCalledTimes(4);
    });

    it("reads a settled deal's entries once, with no polling", async () => {
        jest.useFakeTimers();
        mockGetLogs.mockResolvedValue(PAGE_1);
        await renderViewer('006000000000001AAA');
        recordWire.emit(dealWithStatus('Synced'));
        await flushPromises();

        jest.advanceTimersByTime(FOLLOW_MAX_MS * 4);
        await flushPromises();
        expect(mockGetLogs).toHaveBeenCalledTimes(1);
    });

    it("reloads the deal's rows when its sync status changes, not on the first delivery", async () => {
        mockGetLogs.mockResolvedValue(PAGE_EMPTY);
        const element = await renderViewer('006000000000001AAA');
        recordWire.emit(dealWithStatus('Queued'));
        await flushPromises();
        expect(mockGetLogs).toHaveBeenCalledTimes(1);
        expect(textOf(query(element, '[data-id="empty"]'))).toBe('Nothing synced for this opportunity yet.');

        mockGetLogs.mockResolvedValue(PAGE_1);
        recordWire.emit(dealWithStatus('Synced'));
        await flushPromises();

        expect(mockGetLogs).toHaveBeenCalledTimes(2);
        expect(textOf(query(element, '[data-id="compact-list"]'))).toContain('Invoice 1038 created');
    });
});
