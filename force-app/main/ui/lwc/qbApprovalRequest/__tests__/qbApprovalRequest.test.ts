import { createElement } from 'lwc';
import getApproval from '@salesforce/apex/QBApprovalController.getApproval';
import approve from '@salesforce/apex/QBApprovalController.approve';
import reject from '@salesforce/apex/QBApprovalController.reject';
import QbApprovalRequest from 'c/qbApprovalRequest';
import {
    clickButton,
    flushPromises,
    hasButton,
    isButtonDisabled,
    query,
    queryAll,
    textOf,
    typeInto
} from '../../../test/uiTestUtils';
import APPROVAL from './data/getApproval.json';
import APPROVAL_OWN_DEAL from './data/getApprovalOwnDeal.json';
import REJECTED from './data/reject.json';
import QUEUED from '../../qbSyncPanel/__tests__/data/getStatusQueued.json';

jest.mock('@salesforce/apex/QBApprovalController.getApproval', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBApprovalController.approve', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/QBApprovalController.reject', () => ({ default: jest.fn() }), { virtual: true });

const OPPORTUNITY_ID = APPROVAL.opportunityId;
const mockGetApproval = getApproval as jest.Mock;
const mockApprove = approve as jest.Mock;
const mockReject = reject as jest.Mock;

async function render(): Promise<{ element: HTMLElement; decided: jest.Mock }> {
    const element = createElement('c-qb-approval-request', { is: QbApprovalRequest });
    (element as unknown as { recordId: string }).recordId = OPPORTUNITY_ID;
    const decided = jest.fn();
    element.addEventListener('decided', (event) => decided((event as CustomEvent).detail));
    document.body.appendChild(element);
    await flushPromises();
    return { element, decided };
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-qb-approval-request', () => {
    it('shows the approver why the deal waits, its amount against the threshold and its lines', async () => {
        mockGetApproval.mockResolvedValue(APPROVAL);
        const { element } = await render();

        expect(mockGetApproval).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        expect(textOf(query(element, '[data-id="approval-reason"]'))).toBe(
            'Invoice total 36,000.00 is over the approval threshold 25,000; waiting for finance approval.'
        );
        expect(textOf(query(element, '[data-id="approval-amount"]'))).toContain('36,000.00');
        expect(textOf(query(element, '[data-id="approval-threshold"]'))).toContain('25,000.00');
        const lines = queryAll(element, '[data-id="approval-line"]');
        expect(lines).toHaveLength(1);
        expect(textOf(lines[0])).toContain('Data center build-out');
        expect(textOf(lines[0])).toContain('USD 18,000.00');
        expect(hasButton(element, 'Approve')).toBe(true);
        expect(hasButton(element, 'Reject')).toBe(true);
    });

    it('approves and hands the new sync status to the panel', async () => {
        mockGetApproval.mockResolvedValue(APPROVAL);
        mockApprove.mockResolvedValue(QUEUED);
        const { element, decided } = await render();

        await clickButton(element, 'Approve');

        expect(mockApprove).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
        expect(decided).toHaveBeenCalledWith(QUEUED);
    });

    it('rejects only with a reason, and sends the reason', async () => {
        mockGetApproval.mockResolvedValue(APPROVAL);
        mockReject.mockResolvedValue(REJECTED);
        const { element, decided } = await render();

        await clickButton(element, 'Reject');
        expect(isButtonDisabled(element, 'Reject invoice')).toBe(true);
        await typeInto(element, 'Why is this invoice rejected?', '  Discount above policy ');
        expect(isButtonDisabled(element, 'Reject invoice')).toBe(false);
        await clickButton(element, 'Reject invoice');

        expect(mockReject).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID, reason: 'Discount above policy' });
        expect(decided).toHaveBeenCalledWith(REJECTED);
    });

    it('shows the refusal and keeps the deal undecided when the server refuses', async () => {
        mockGetApproval.mockResolvedValue(APPROVAL);
        mockApprove.mockRejectedValue({ status: 400, body: { message: 'This deal is not waiting for approval.' } });
        const { element, decided } = await render();

        await clickButton(element, 'Approve');

        expect(textOf(query(element, '[data-id="decision-error"]'))).toBe('This deal is not waiting for approval.');
        expect(decided).not.toHaveBeenCalled();
        expect(isButtonDisabled(element, 'Approve')).toBe(false);
    });

    it('tells the owner of the deal why they cannot decide, without decision buttons', async () => {
        mockGetApproval.mockResolvedValue(APPROVAL_OWN_DEAL);
        const { element } = await render();

        expect(textOf(query(element, '[data-id="cannot-decide"]'))).toBe(
            'You own this deal, so someone else in finance must approve its invoice.'
        );
        expect(hasButton(element, 'Approve')).toBe(false);
        expect(hasButton(element, 'Reject')).toBe(false);
    });
});
