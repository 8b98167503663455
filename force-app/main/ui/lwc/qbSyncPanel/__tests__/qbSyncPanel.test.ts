import { createElement } from 'lwc';
import * as uiRecordApi from 'lightning/uiRecordApi';
import getStatus from '@salesforce/apex/QBSyncController.getStatus';
import preview from '@salesforce/apex/QBSyncController.preview';
import syncNow from '@salesforce/apex/QBSyncController.syncNow';
import retry from '@salesforce/apex/QBSyncController.retry';
import unlinkAndReinvoice from '@salesforce/apex/QBSyncController.unlinkAndReinvoice';
import refreshFromQuickBooks from '@salesforce/apex/QBSyncController.refreshFromQuickBooks';
import attachInvoicePdf from '@salesforce/apex/QBSyncController.attachInvoicePdf';
import LightningPrompt from 'lightning/prompt';
import QbSyncPanel, { POLL_INTERVAL_MS, RETRY_POLL_MAX_MS } from 'c/qbSyncPanel';
import {
    buttonByLabel,
    clickButton,
    deepActiveElement,
    errorPanel,
    errorPanelMessage,
    flushPromises,
    hasButton,
    isButtonDisabled,
    nativeButton,
    query,
    queryAll,
    textOf
} from '../../../test/uiTestUtils';
import STATUS_NOT_SYNCED from './data/getStatusNotSynced.json';
import STATUS_QUEUED from './data/getStatusQueued.json';
import STATUS_SYNCED from './data/getStatusSynced.json';
import STATUS_FAILED from './data/getStatusFailed.json';
import STATUS_RETRY_SCHEDULED from './data/getStatusRetryScheduled.json';
import STATUS_OPEN from './data/getStatusOpen.json';
import STATUS_PENDING_APPROVAL from './data/getStatusPendingApproval.json';
import APPROVAL from '../../qbApprovalRequest/__tests__/data/getApproval.json';
import getApproval from '@salesforce/apex/QBApprovalController.getApproval';
import approve from '@salesforce/apex/QBApprovalController.approve';
import PREVIEW from './data/preview.json';
import PREVIEW_PROBLEMS from './data/previewProblems.json';
import PREVIEW_EMPTY from './data/previewEmpty.json';

jest.mock('@salesforce/apex/QBSyncController.getStatus', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBSyncController.preview', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBSyncController.syncNow', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBSyncController.retry', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBSyncController.unlinkAndReinvoice', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBSyncController.refreshFromQuickBooks', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/QBSyncController.attachInvoicePdf', () => ({ default: jest.fn() }), { virtual: true });
// the running user is a QuickBooks Sync admin in these tests
jest.mock('@salesforce/customPermission/QB_Administer_Sync', () => ({ __esModule: true, default: true }), {
    virtual: true
});
jest.mock('lightning/prompt', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('@salesforce/apex/QBApprovalController.getApproval', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBApprovalController.approve', () => ({ default: jest.fn() }), { virtual: true });

const OPPORTUNITY_ID = '0065gA000000001ABA';
const mockGetStatus = getStatus as jest.Mock;
const mockPreview = preview as jest.Mock;
const mockSyncNow = syncNow as jest.Mock;
const mockRetry = retry as jest.Mock;
const mockUnlink = unlinkAndReinvoice as jest.Mock;
const mockRefresh = refreshFromQuickBooks as jest.Mock;
const mockAttachPdf = attachInvoicePdf as jest.Mock;
const mockPrompt = LightningPrompt.open as jest.Mock;
const mockNotify = uiRecordApi.notifyRecordUpdateAvailable as jest.Mock;
const recordWire = uiRecordApi.getRecord as unknown as {
    emit(record: unknown): void;
    getLastConfig(): Record<string, unknown>;
};

/** The Opportunity as Lightning Data Service delivers it to the panel's getRecord wire. */
function opportunityRecord(stage: string, syncStatus: string) {
    return {
        id: OPPORTUNITY_ID,
        apiName: 'Opportunity',
        fields: {
            StageName: { value: stage, displayValue: stage },
            QB_Sync_Status__c: { value: syncStatus, displayValue: syncStatus.replace(/_/g, ' ') }
        }
    };
}

function apexError(message: string) {
    return { status: 400, body: { message } };
}

async function renderPanel(recordId: string | null = OPPORTUNITY_ID): Promise<HTMLElement> {
    const element = createElement('c-qb-sync-panel', { is: QbSyncPanel });
    if (recordId) {
        (element as unknown as { recordId: string }).recordId = recordId;
    }
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

function statusText(element: HTMLElement): string {
    return textOf(query(element, '[data-id="status-details"]'));
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
});

describe('c-qb-sync-panel status', () => {
    it('shows a synced deal with its invoice number linking to QuickBooks, company, balance and payment status', async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        const element = await renderPanel();

        expect(mockGetStatus).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        const link = query<HTMLAnchorElement>(element, '[data-id="invoice-link"]')!;
        expect(link.textContent).toBe('1038');
        expect(link.href).toBe('https://app.sandbox.qbo.intuit.com/app/invoice?txnId=146');
        expect(link.target).toBe('_blank');
        const details = statusText(element);
        expect(details).toContain('Synced');
        expect(details).toContain('Acme US (9130350000000001)');
        expect(details).toContain('Partially Paid');
        expect(details).toContain('USD 1,250.50');
        expect(textOf(query(element, '[data-id="last-synced"]'))).toMatch(/2026/);
        expect(query(element, '[data-id="status-badge"]')!.classList).toContain('slds-theme_success');
    });

    it('shows no invoice, balance or payment lines before the deal is invoiced', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        const element = await renderPanel();

        expect(query(element, '[data-id="invoice-link"]')).toBeNull();
        expect(query(element, '[data-id="balance"]')).toBeNull();
        expect(query(element, '[data-id="payment-status"]')).toBeNull();
        expect(query(element, '[data-id="last-synced"]')).toBeNull();
        expect(query(element, '[data-id="next-attempt"]')).toBeNull();
        expect(query(element, '[data-id="blocked"]')).toBeNull();
        expect(isButtonDisabled(element, 'Sync now')).toBe(false);
        expect(query(element, '[data-id="status-badge"]')!.className).not.toContain('slds-theme_');
    });

    it('says the invoice was created with warnings, such as the fallback item', async () => {
        const warning = 'Onboarding Workshop has no QuickBooks item mapping: invoiced on the fallback item Services.';
        mockGetStatus.mockResolvedValue({ ...STATUS_SYNCED, warnings: [warning] });
        const element = await renderPanel();

        const box = query(element, '[data-id="warnings"]');
        expect(textOf(box)).toContain('Invoiced with warnings');
        expect(textOf(box)).toContain(warning);
    });

    it('shows no warning box for a clean sync', async () => {
        mockGetStatus.mockResolvedValue({ ...STATUS_SYNCED, warnings: [] });
        const element = await renderPanel();

        expect(query(element, '[data-id="warnings"]')).toBeNull();
    });

    it('shows a zero balance of a paid invoice', async () => {
        mockGetStatus.mockResolvedValue({ ...STATUS_SYNCED, balance: 0, paymentStatus: 'Paid' });
        const element = await renderPanel();

        expect(textOf(query(element, '[data-id="balance"]'))).toBe('USD 0.00');
        expect(textOf(query(element, '[data-id="payment-status"]'))).toBe('Paid');
    });

    it("shows the balance in the deal's currency, with its code as the record's fields show it", async () => {
        mockGetStatus.mockResolvedValue({ ...STATUS_SYNCED, balance: 2569, currencyCode: 'CAD' });
        const element = await renderPanel();

        expect(textOf(query(element, '[data-id="balance"]'))).toBe('CAD 2,569.00');
    });

    it('disables Sync now once the deal has its invoice, saying why', async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        const element = await renderPanel();

        expect(hasButton(element, 'Retry')).toBe(false);

        expect(isButtonDisabled(element, 'Sync now')).toBe(true);
        expect(textOf(query(element, '[data-id="blocked"]'))).toContain('one deal, one invoice');
        await clickButton(element, 'Sync now');
        expect(mockSyncNow).not.toHaveBeenCalled();
    });

    it('shows the next attempt time while a retry is scheduled and offers Retry now', async () => {
        mockGetStatus.mockResolvedValue(STATUS_RETRY_SCHEDULED);
        const element = await renderPanel();

        expect(statusText(element)).toContain('Retry Scheduled');
        expect(textOf(query(element, '[data-id="next-attempt"]'))).toMatch(/Nov/);
        expect(hasButton(element, 'Retry now')).toBe(true);
        expect(hasButton(element, 'Sync now')).toBe(false);
    });

    it('follows each attempt of a scheduled retry, reading less often while nothing changes, until it lands', async () => {
        jest.useFakeTimers();
        mockGetStatus.mockResolvedValue(STATUS_RETRY_SCHEDULED);
        const element = await renderPanel();
        const nextAttempt = () => textOf(query(element, '[data-id="next-attempt"]'));
        const first = nextAttempt();

        // nothing changes: 3 s, then 6 s, then 12 s, then at most RETRY_POLL_MAX_MS
        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(2);
        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(2);
        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(3);

        // the next attempt failed too: the panel shows its new time at the next read, and reads often again
        mockGetStatus.mockResolvedValue({ ...STATUS_RETRY_SCHEDULED, nextAttemptAt: '2026-11-26T21:34:00.000Z' });
        jest.advanceTimersByTime(POLL_INTERVAL_MS * 4);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(4);
        expect(nextAttempt()).not.toBe(first);
        expect(statusText(element)).toContain('Retry Scheduled');
        // the engine stamped the deal behind Lightning Data Service: the page's other components are told
        expect(mockNotify).toHaveBeenCalledWith([{ recordId: OPPORTUNITY_ID }]);

        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(5);
        expect(statusText(element)).toContain('Synced');
        expect(textOf(query(element, '[data-id="action-message"]'))).toBe('Sync finished: Synced.');

        jest.advanceTimersByTime(RETRY_POLL_MAX_MS * 3);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(5);
    });

    it('says how many attempts failed while the next one waits', async () => {
        mockGetStatus.mockResolvedValue(STATUS_RETRY_SCHEDULED);
        const element = await renderPanel();

        expect(textOf(query(element, '[data-id="attempts"]'))).toBe('1 of 5 failed');
    });

    it("reads a waiting retry just after its next attempt time, on the org's clock and at its pace", async () => {
        jest.useFakeTimers();
        const orgStart = Date.parse('2026-11-26T21:40:00.000Z');
        // an org whose clock runs 60 times faster than the browser's: the 10-minute back-off passes in 10 seconds
        const at = (browserSeconds: number) => ({
            ...STATUS_RETRY_SCHEDULED,
            attempts: 4,
            nextAttemptAt: '2026-11-26T21:50:00.000Z',
            checkedAt: new Date(orgStart + browserSeconds * 60 * 1000).toISOString()
        });
        mockGetStatus.mockResolvedValueOnce(at(0)).mockResolvedValueOnce(at(3)).mockResolvedValueOnce(at(9));
        const element = await renderPanel();

        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();
        jest.advanceTimersByTime(POLL_INTERVAL_MS * 2);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(3);

        // due at 10 s: read a moment later (13 s), not at the doubled 12-second wait (21 s)
        mockGetStatus.mockResolvedValue({
            ...at(13),
            attempts: 5,
            nextAttemptAt: null,
            status: 'Failed',
            statusLabel: 'Failed'
        });
        jest.advanceTimersByTime(POLL_INTERVAL_MS + 999);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(3);
        jest.advanceTimersByTime(1);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(4);
        expect(statusText(element)).toContain('Failed');
    });

    it('reads a waiting retry at most every RETRY_POLL_MAX_MS', async () => {
        jest.useFakeTimers();
        mockGetStatus.mockResolvedValue(STATUS_RETRY_SCHEDULED);
        await renderPanel();

        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();
        jest.advanceTimersByTime(POLL_INTERVAL_MS * 2);
        await flushPromises();
        jest.advanceTimersByTime(POLL_INTERVAL_MS * 4);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(4);
        jest.advanceTimersByTime(RETRY_POLL_MAX_MS - 1);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(4);
        jest.advanceTimersByTime(1);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(5);
        jest.advanceTimersByTime(RETRY_POLL_MAX_MS);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(6);
    });

    it('retries a scheduled retry at once on Retry now', async () => {
        mockGetStatus.mockResolvedValue(STATUS_RETRY_SCHEDULED);
        mockRetry.mockResolvedValue(STATUS_QUEUED);
        const element = await renderPanel();

        await clickButton(element, 'Retry now');

        expect(mockRetry).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        expect(statusText(element)).toContain('Queued');
    });

    it('disables Sync now while the engine reports a sync running in another state', async () => {
        mockGetStatus.mockResolvedValue({ ...STATUS_NOT_SYNCED, isRunning: true });
        const element = await renderPanel();

        expect(isButtonDisabled(element, 'Sync now')).toBe(true);
        expect(textOf(query(element, '[data-id="blocked"]'))).toContain('A sync is running');
    });

    it('falls back to readable words when the status has no label', async () => {
        mockGetStatus.mockResolvedValue({ ...STATUS_RETRY_SCHEDULED, statusLabel: null });
        const element = await renderPanel();

        expect(statusText(element)).toContain('Retry Scheduled');
    });

    it('shows the invoice number as text when no QuickBooks address is known', async () => {
        mockGetStatus.mockResolvedValue({ ...STATUS_SYNCED, invoiceUrl: null });
        const element = await renderPanel();

        expect(query(element, '[data-id="invoice-link"]')).toBeNull();
        expect(textOf(query(element, '[data-id="invoice-number"]'))).toBe('1038');
    });

    it('names the company by realm id when its name is unknown', async () => {
        mockGetStatus.mockResolvedValue({ ...STATUS_SYNCED, companyName: null });
        const element = await renderPanel();

        expect(textOf(query(element, '[data-id="company"]'))).toBe('9130350000000001');
    });

    it('shows status but no buttons to users without the sync permission', async () => {
        mockGetStatus.mockResolvedValue({ ...STATUS_NOT_SYNCED, canSync: false });
        const element = await renderPanel();

        expect(statusText(element)).toContain('Not Synced');
        expect(query(element, '[data-id="actions"]')).toBeNull();
        expect(hasButton(element, 'Sync now')).toBe(false);
        expect(hasButton(element, 'Preview')).toBe(false);
    });

    it('explains that sync waits for Closed Won on an open deal', async () => {
        mockGetStatus.mockResolvedValue(STATUS_OPEN);
        const element = await renderPanel();

        expect(statusText(element)).toContain('Not Synced');

        expect(isButtonDisabled(element, 'Sync now')).toBe(true);
        expect(textOf(query(element, '[data-id="blocked"]'))).toContain('Closed Won');
        expect(query(element, '[data-id="company"]')).toBeNull();
    });

    it('shows a readable error and loads again on Try again when the status cannot be read', async () => {
        mockGetStatus.mockRejectedValueOnce(apexError('You do not have access to this opportunity.'));
        const element = await renderPanel();

        expect(textOf(errorPanelMessage(element, 'load-state'))).toBe('You do not have access to this opportunity.');
        mockGetStatus.mockResolvedValueOnce(STATUS_NOT_SYNCED);
        await clickButton(errorPanel(element, 'load-state'), 'Try again');

        expect(errorPanelMessage(element, 'load-state')).toBeNull();
        expect(statusText(element)).toContain('Not Synced');
    });

    it('never shows a raw JavaScript exception', async () => {
        mockGetStatus.mockRejectedValue(new TypeError("Cannot read properties of undefined (reading 'status')"));
        const element = await renderPanel();

        const message = textOf(errorPanelMessage(element, 'load-state'));
        expect(message).not.toContain('TypeError');
        expect(message).toContain('Something went wrong');
    });

    it('waits for the record id a quick action sets after the component is inserted', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        const element = await renderPanel(null);
        expect(mockGetStatus).not.toHaveBeenCalled();

        (element as unknown as { recordId: string }).recordId = OPPORTUNITY_ID;
        await flushPromises();

        expect(mockGetStatus).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        expect(statusText(element)).toContain('Not Synced');
    });
});

describe('c-qb-sync-panel follows the record', () => {
    it('watches the fields it shows through getRecord, as optional fields', async () => {
        mockGetStatus.mockResolvedValue(STATUS_OPEN);
        await renderPanel();

        const config = recordWire.getLastConfig();
        expect(config.recordId).toBe(OPPORTUNITY_ID);
        const fields = (config.optionalFields as { fieldApiName: string }[]).map((f) => f.fieldApiName);
        expect(fields).toEqual(expect.arrayContaining(['StageName', 'QB_Sync_Status__c', 'QB_DocNumber__c']));
    });

    it('shows Queued when the stage is saved as Closed Won elsewhere on the page, then polls until it lands', async () => {
        jest.useFakeTimers();
        mockGetStatus.mockResolvedValueOnce(STATUS_OPEN);
        const element = await renderPanel();
        recordWire.emit(opportunityRecord('Negotiation/Review', 'Not_Synced'));
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(1);

        mockGetStatus.mockResolvedValueOnce(STATUS_QUEUED);
        recordWire.emit(opportunityRecord('Closed Won', 'Queued'));
        await flushPromises();

        expect(mockGetStatus).toHaveBeenCalledTimes(2);
        expect(textOf(query(element, '[data-id="status-badge"]'))).toBe('Queued');

        mockGetStatus.mockResolvedValueOnce(STATUS_SYNCED);
        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();

        expect(textOf(query(element, '[data-id="status-badge"]'))).toBe('Synced');
        expect(query<HTMLAnchorElement>(element, '[data-id="invoice-link"]')!.textContent).toBe('1038');
        expect(mockNotify).toHaveBeenCalledWith([{ recordId: OPPORTUNITY_ID }]);
    });

    it('does not read the status again for the first delivery or an unchanged record', async () => {
        mockGetStatus.mockResolvedValue(STATUS_OPEN);
        await renderPanel();
        recordWire.emit(opportunityRecord('Negotiation/Review', 'Not_Synced'));
        recordWire.emit(opportunityRecord('Negotiation/Review', 'Not_Synced'));
        await flushPromises();

        expect(mockGetStatus).toHaveBeenCalledTimes(1);
    });
});

describe('c-qb-sync-panel pending approval', () => {
    it('disables Sync now with the reason the deal waits and shows the finance decision', async () => {
        mockGetStatus.mockResolvedValue(STATUS_PENDING_APPROVAL);
        (getApproval as jest.Mock).mockResolvedValue(APPROVAL);
        const element = await renderPanel();

        expect(isButtonDisabled(element, 'Sync now')).toBe(true);
        expect(textOf(query(element, '[data-id="blocked"]'))).toBe(
            'Sync now is off while the deal waits for finance approval (see Finance approval).'
        );
        await clickButton(element, 'Sync now');
        expect(mockSyncNow).not.toHaveBeenCalled();
        expect(query(element, '[data-id="last-error"]')).toBeNull();
        const approval = query(element, 'c-qb-approval-request')!;
        expect(textOf(approval)).toContain(
            'Invoice total 36,000.00 is over the approval threshold 25,000; waiting for finance approval.'
        );
        expect(textOf(approval)).toContain('Data center build-out');
    });

    it('shows the new status once the approver decides', async () => {
        mockGetStatus.mockResolvedValueOnce(STATUS_PENDING_APPROVAL).mockResolvedValue(STATUS_QUEUED);
        (getApproval as jest.Mock).mockResolvedValue(APPROVAL);
        (approve as jest.Mock).mockResolvedValue(STATUS_QUEUED);
        const element = await renderPanel();

        await clickButton(query(element, 'c-qb-approval-request')!, 'Approve');

        expect(textOf(query(element, '[data-id="action-message"]'))).toBe(
            'Approved. The invoice is being created in QuickBooks.'
        );
        expect(statusText(element)).toContain('Queued');
        expect(query(element, 'c-qb-approval-request')).toBeNull();
    });
});

describe('c-qb-sync-panel Sync now', () => {
    it('queues the sync, polls while queued, then refreshes the record when the invoice exists', async () => {
        jest.useFakeTimers();
        mockGetStatus.mockResolvedValueOnce(STATUS_NOT_SYNCED);
        mockSyncNow.mockResolvedValueOnce(STATUS_QUEUED);
        const element = await renderPanel();
        const pageRefreshed = jest.fn();
        element.addEventListener('lightning__refresh', pageRefreshed);

        await clickButton(element, 'Sync now');

        expect(mockSyncNow).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        expect(statusText(element)).toContain('Queued');
        expect(isButtonDisabled(element, 'Sync now')).toBe(true);
        expect(textOf(query(element, '[data-id="action-message"]'))).toContain('Sync queued');
        expect(deepActiveElement()).toBe(query(element, '[data-id="action-message"]'));
        expect(mockNotify).toHaveBeenCalledWith([{ recordId: OPPORTUNITY_ID }]);

        mockGetStatus.mockResolvedValueOnce({ ...STATUS_QUEUED, status: 'In_Progress', statusLabel: 'In Progress' });
        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();
        expect(statusText(element)).toContain('In Progress');

        mockGetStatus.mockResolvedValueOnce(STATUS_SYNCED);
        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();

        expect(mockGetStatus).toHaveBeenCalledTimes(3);
        expect(isButtonDisabled(element, 'Sync now')).toBe(true);
        expect(query<HTMLAnchorElement>(element, '[data-id="invoice-link"]')!.textContent).toBe('1038');
        expect(textOf(query(element, '[data-id="action-message"]'))).toBe('Sync finished: Synced.');
        expect(mockNotify).toHaveBeenCalledTimes(3);
        // the invoice exists: the page's related lists (Files, with its PDF) read again, once
        expect(pageRefreshed).toHaveBeenCalledTimes(1);

        jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
        await flushPromises();
        expect(mockGetStatus).toHaveBeenCalledTimes(3);
    });

    it('stops polling when the component leaves the page', async () => {
        jest.useFakeTimers();
        mockGetStatus.mockResolvedValue(STATUS_QUEUED);
        const element = await renderPanel();
        expect(mockGetStatus).toHaveBeenCalledTimes(1);

        document.body.removeChild(element);
        jest.advanceTimersByTime(POLL_INTERVAL_MS * 5);
        await flushPromises();

        expect(mockGetStatus).toHaveBeenCalledTimes(1);
    });

    it('does not refresh the record when polling sees no change', async () => {
        jest.useFakeTimers();
        mockGetStatus.mockResolvedValue(STATUS_QUEUED);
        await renderPanel();

        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();

        expect(mockGetStatus).toHaveBeenCalledTimes(2);
        expect(mockNotify).not.toHaveBeenCalled();
    });

    it('disables Sync now while the request is on its way, so a double click claims once', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        let answer: (status: unknown) => void = () => undefined;
        mockSyncNow.mockReturnValue(new Promise((resolve) => (answer = resolve)));
        const element = await renderPanel();

        await clickButton(element, 'Sync now');
        expect(isButtonDisabled(element, 'Sync now')).toBe(true);
        await clickButton(element, 'Sync now');
        answer(STATUS_QUEUED);
        await flushPromises();

        expect(mockSyncNow).toHaveBeenCalledTimes(1);
    });

    it('shows the actionable message when the engine refuses, and moves focus to it', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        mockSyncNow.mockRejectedValue(
            apexError('This opportunity has no products. Add products before syncing to QuickBooks.')
        );
        const element = await renderPanel();

        await clickButton(element, 'Sync now');

        const alert = query(element, '[data-id="action-error"]')!;
        expect(alert.getAttribute('role')).toBe('alert');
        expect(textOf(alert)).toBe('This opportunity has no products. Add products before syncing to QuickBooks.');
        expect(deepActiveElement()).toBe(alert);
        expect(isButtonDisabled(element, 'Sync now')).toBe(false);
    });
});

describe('c-qb-sync-panel Retry', () => {
    it('shows the admin-actionable message and Retry instead of Sync now on a failed sync', async () => {
        mockGetStatus.mockResolvedValue(STATUS_FAILED);
        const element = await renderPanel();

        expect(textOf(query(element, '[data-id="last-error"]'))).toContain('Map it in the QuickBooks Item Mapping tab');
        expect(query(element, '[data-id="status-badge"]')!.classList).toContain('slds-theme_error');
        expect(query(element, '[data-id="blocked"]')).toBeNull();
        expect(hasButton(element, 'Sync now')).toBe(false);
        expect(hasButton(element, 'Retry')).toBe(true);
    });

    it('retries through the engine and starts polling', async () => {
        jest.useFakeTimers();
        mockGetStatus.mockResolvedValueOnce(STATUS_FAILED);
        mockRetry.mockResolvedValueOnce(STATUS_QUEUED);
        const element = await renderPanel();

        await clickButton(element, 'Retry');

        expect(mockRetry).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        expect(textOf(query(element, '[data-id="action-message"]'))).toContain('Retry queued');
        mockGetStatus.mockResolvedValueOnce(STATUS_SYNCED);
        jest.advanceTimersByTime(POLL_INTERVAL_MS);
        await flushPromises();
        expect(statusText(element)).toContain('Synced');
    });

    it('keeps the failure visible and explains when Retry is refused', async () => {
        mockGetStatus.mockResolvedValue(STATUS_FAILED);
        mockRetry.mockRejectedValue(apexError('Retry is not allowed: the sync request was superseded.'));
        const element = await renderPanel();

        await clickButton(element, 'Retry');

        expect(textOf(query(element, '[data-id="action-error"]'))).toBe(
            'Retry is not allowed: the sync request was superseded.'
        );
        expect(statusText(element)).toContain('Failed');
    });
});

describe('c-qb-sync-panel Preview', () => {
    it('shows the customer match, the lines that would be sent and the total, and focuses the preview', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        mockPreview.mockResolvedValue(PREVIEW);
        const element = await renderPanel();

        await clickButton(element, 'Preview');

        expect(mockPreview).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        expect(textOf(query(element, '[data-id="preview-customer"]'))).toContain("O'Brien & Sons");
        expect(textOf(query(element, '[data-id="preview-customer"]'))).toContain('Will be created');
        const lines = queryAll(element, '[data-id="preview-line"]');
        expect(lines).toHaveLength(2);
        expect(textOf(lines[0])).toContain('Consulting Services');
        expect(textOf(lines[0])).toContain('USD 3,000.00');
        expect(textOf(lines[0])).toContain('USD 1,500.00');
        expect(lines[0].classList).not.toContain('qb-line_problem');
        expect(textOf(lines[1])).toContain('Uses the fallback item');
        expect(textOf(query(element, '[data-id="preview-subtotal"]'))).toContain('USD 4,200.00');
        expect(textOf(query(element, '[data-id="preview-warnings"]'))).toContain('the fallback item was used');
        expect(query(element, '[data-id="preview-problems"]')).toBeNull();
        expect(deepActiveElement()).toBe(query(element, '[data-focus="preview"]'));
    });

    it('says a US company on automated sales tax gets its tax from QuickBooks when the invoice is saved', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        mockPreview.mockResolvedValue(PREVIEW);
        const element = await renderPanel();

        await clickButton(element, 'Preview');

        expect(textOf(query(element, '[data-id="preview-tax-note"]'))).toContain('computed by QuickBooks');
        expect(query(element, '[data-id="preview-total"]')).toBeNull();
        expect(queryAll(element, '[data-id="preview-tax-line"]')).toHaveLength(0);
    });

    it('shows each tax code, each tax rate, the subtotal, the tax and the total QuickBooks will compute', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        mockPreview.mockResolvedValue({
            ...PREVIEW,
            currencyCode: 'CAD',
            lines: PREVIEW.lines.map((line, index) => ({
                ...line,
                taxCode: '9',
                taxCodeName: index ? 'GST/PST BC' : 'HST ON'
            })),
            subtotal: 4200,
            tax: 474,
            invoiceTotal: 4674,
            taxNote: undefined,
            taxLines: [
                { rateName: 'HST ON', ratePercent: 13, taxableAmount: 3000, amount: 390 },
                { rateName: 'GST', ratePercent: 5, taxableAmount: 1200, amount: 60 },
                { rateName: 'PST BC', ratePercent: 7, taxableAmount: 1200, amount: 84 }
            ]
        });
        const element = await renderPanel();

        await clickButton(element, 'Preview');

        const lineCodes = queryAll(element, '[data-id="preview-line-tax-code"]').map((cell) => textOf(cell));
        expect(lineCodes).toEqual(['HST ON', 'GST/PST BC']);
        const taxLines = queryAll(element, '[data-id="preview-tax-line"]');
        expect(taxLines).toHaveLength(3);
        expect(textOf(query(element, '[data-id="preview-figures"]'))).toContain('PST BC (7%)');
        expect(textOf(taxLines[2])).toContain('84.00');
        expect(textOf(taxLines[2])).toContain('1,200.00');
        expect(textOf(query(element, '[data-id="preview-subtotal"]'))).toContain('4,200.00');
        expect(textOf(query(element, '[data-id="preview-tax"]'))).toContain('474.00');
        expect(textOf(query(element, '[data-id="preview-total"]'))).toContain('4,674.00');
        expect(query(element, '[data-id="preview-tax-note"]')).toBeNull();
    });

    it('highlights mapping problems and links to the mapping editor', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        mockPreview.mockResolvedValue(PREVIEW_PROBLEMS);
        const element = await renderPanel();

        await clickButton(element, 'Preview');

        const problems = query(element, '[data-id="preview-problems"]')!;
        expect(problems.getAttribute('role')).toBe('alert');
        expect(textOf(problems)).toContain('QuickBooks item 21 does not exist (product Implementation Services).');
        expect(query<HTMLAnchorElement>(element, '[data-id="mapping-editor-link"]')!.getAttribute('href')).toBe(
            '/lightning/n/QB_Item_Mapping'
        );
        const line = query(element, '[data-id="preview-line"]')!;
        expect(line.classList).toContain('qb-line_problem');
        expect(textOf(line)).toContain('QuickBooks item 21 does not exist');
    });

    it('says there is nothing to invoice when the opportunity has no products', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        mockPreview.mockResolvedValue(PREVIEW_EMPTY);
        const element = await renderPanel();

        await clickButton(element, 'Preview');

        expect(textOf(query(element, '[data-id="preview-empty"]'))).toContain('nothing to invoice');
        expect(query(element, '[data-id="preview-warnings"]')).toBeNull();
        expect(query(element, '[data-id="preview-company"]')).not.toBeNull();
        expect(query(element, '[data-id="preview-total"]')).toBeNull();
    });

    it('closes the preview and returns focus to the Preview button', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        mockPreview.mockResolvedValue(PREVIEW);
        const element = await renderPanel();
        await clickButton(element, 'Preview');

        await clickButton(element, 'Close preview');

        expect(query(element, '[data-id="preview"]')).toBeNull();
        expect(deepActiveElement()).toBe(nativeButton(buttonByLabel(element, 'Preview')));
    });

    it('shows amounts in the currency of the deal', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        mockPreview.mockResolvedValue({ ...PREVIEW, currencyCode: 'EUR' });
        const element = await renderPanel();

        await clickButton(element, 'Preview');

        expect(textOf(query(element, '[data-id="preview-subtotal"]'))).toContain('EUR 4,200.00');
    });

    it('shows why the preview could not be built', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        mockPreview.mockRejectedValue(apexError('No QuickBooks company is configured. Ask your admin.'));
        const element = await renderPanel();

        await clickButton(element, 'Preview');

        expect(query(element, '[data-id="preview"]')).toBeNull();
        expect(textOf(query(element, '[data-id="action-error"]'))).toBe(
            'No QuickBooks company is configured. Ask your admin.'
        );
    });
});

describe('c-qb-sync-panel Unlink & re-invoice', () => {
    it('asks an admin why, then unlinks the invoiced deal and follows the new sync', async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        mockPrompt.mockResolvedValue('Billed the wrong entity');
        mockUnlink.mockResolvedValue(STATUS_QUEUED);
        const element = await renderPanel();

        await clickButton(element, 'Unlink & re-invoice');

        expect(mockPrompt.mock.calls[0][0].message).toContain('Invoice 1038 stays in QuickBooks');
        expect(mockUnlink).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID, reason: 'Billed the wrong entity' });
        expect(textOf(query(element, '[data-id="status-badge"]'))).toBe('Queued');
        expect(textOf(query(element, '[data-id="action-message"]'))).toContain('A new invoice is being created');
        expect(hasButton(element, 'Unlink & re-invoice')).toBe(false);
    });

    it('changes nothing when the admin cancels', async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        mockPrompt.mockResolvedValue(null);
        const element = await renderPanel();

        await clickButton(element, 'Unlink & re-invoice');

        expect(mockUnlink).not.toHaveBeenCalled();
        expect(textOf(query(element, '[data-id="status-badge"]'))).toBe('Synced');
    });

    it('shows why the engine refused, for example a missing reason', async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        mockPrompt.mockResolvedValue('');
        mockUnlink.mockRejectedValue(apexError('Give a reason: it is kept in the sync log.'));
        const element = await renderPanel();

        await clickButton(element, 'Unlink & re-invoice');

        expect(textOf(query(element, '[data-id="action-error"]'))).toBe('Give a reason: it is kept in the sync log.');
    });

    it('offers no re-invoice before the deal has an invoice', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        const element = await renderPanel();

        expect(hasButton(element, 'Unlink & re-invoice')).toBe(false);
    });
});

describe('c-qb-sync-panel Refresh from QuickBooks', () => {
    it('reads the payment status of an invoiced deal on demand and tells the page the record changed', async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        mockRefresh.mockResolvedValue({ ...STATUS_SYNCED, balance: 0, paymentStatus: 'Paid' });
        const element = await renderPanel();

        await clickButton(element, 'Refresh from QuickBooks');

        expect(mockRefresh).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        expect(textOf(query(element, '[data-id="payment-status"]'))).toBe('Paid');
        expect(textOf(query(element, '[data-id="action-message"]'))).toBe('Read from QuickBooks: Paid.');
        expect(mockNotify).toHaveBeenCalledWith([{ recordId: OPPORTUNITY_ID }]);
    });

    it("shows the server's refusal, e.g. to a user who may read the deal but not edit it", async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        mockRefresh.mockRejectedValue(
            apexError('You can see this opportunity but not edit it, so you cannot refresh it from QuickBooks.')
        );
        const element = await renderPanel();

        await clickButton(element, 'Refresh from QuickBooks');

        expect(textOf(query(element, '[data-id="action-error"]'))).toContain('not edit it');
        expect(textOf(query(element, '[data-id="payment-status"]'))).toBe('Partially Paid');
        expect(mockNotify).not.toHaveBeenCalled();
    });

    it('is offered only once the deal has an invoice and no sync is running', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        let element = await renderPanel();
        expect(hasButton(element, 'Refresh from QuickBooks')).toBe(false);
        document.body.removeChild(element);

        mockGetStatus.mockResolvedValue({ ...STATUS_SYNCED, isRunning: true });
        element = await renderPanel();
        expect(hasButton(element, 'Refresh from QuickBooks')).toBe(false);
    });
});

describe('c-qb-sync-panel Attach invoice PDF', () => {
    const DOCUMENT_ID = '0695gA000000001AAA';

    it("saves the invoice PDF in the opportunity's Files, links to the file and asks the page to refresh", async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        mockAttachPdf.mockResolvedValue({
            title: 'QuickBooks invoice 1038',
            contentDocumentId: DOCUMENT_ID,
            alreadyAttached: false
        });
        const element = await renderPanel();
        const refreshed = jest.fn();
        element.addEventListener('lightning__refresh', refreshed);

        await clickButton(element, 'Attach invoice PDF');

        expect(mockAttachPdf).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        expect(textOf(query(element, '[data-id="action-message"]'))).toContain(
            "Invoice PDF saved in this opportunity's Files"
        );
        const link = query<HTMLAnchorElement>(element, '[data-id="attached-pdf"]')!;
        expect(link.textContent).toBe('QuickBooks invoice 1038');
        expect(link.getAttribute('href')).toBe(`/sfc/servlet.shepherd/document/download/${DOCUMENT_ID}`);
        expect(refreshed).toHaveBeenCalledTimes(1);
    });

    it('says the PDF is already there on a second press, without asking the page to refresh', async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        mockAttachPdf.mockResolvedValue({
            title: 'QuickBooks invoice 1038',
            contentDocumentId: DOCUMENT_ID,
            alreadyAttached: true
        });
        const element = await renderPanel();
        const refreshed = jest.fn();
        element.addEventListener('lightning__refresh', refreshed);

        await clickButton(element, 'Attach invoice PDF');

        expect(textOf(query(element, '[data-id="action-message"]'))).toContain(
            "The invoice PDF is already in this opportunity's Files"
        );
        expect(textOf(query(element, '[data-id="attached-pdf"]'))).toBe('QuickBooks invoice 1038');
        expect(refreshed).not.toHaveBeenCalled();
    });

    it("shows the server's refusal, e.g. to a user who may read the deal but not edit it", async () => {
        mockGetStatus.mockResolvedValue(STATUS_SYNCED);
        mockAttachPdf.mockRejectedValue(
            apexError('You can see this opportunity but not edit it, so you cannot attach files to it.')
        );
        const element = await renderPanel();

        await clickButton(element, 'Attach invoice PDF');

        expect(textOf(query(element, '[data-id="action-error"]'))).toContain('cannot attach files');
        expect(query(element, '[data-id="attached-pdf"]')).toBeNull();
        expect(isButtonDisabled(element, 'Attach invoice PDF')).toBe(false);
    });

    it('is offered only once the deal has an invoice and no sync is running', async () => {
        mockGetStatus.mockResolvedValue(STATUS_NOT_SYNCED);
        let element = await renderPanel();
        expect(hasButton(element, 'Attach invoice PDF')).toBe(false);
        document.body.removeChild(element);

        mockGetStatus.mockResolvedValue({ ...STATUS_SYNCED, isRunning: true });
        element = await renderPanel();
        expect(hasButton(element, 'Attach invoice PDF')).toBe(false);
    });
});
