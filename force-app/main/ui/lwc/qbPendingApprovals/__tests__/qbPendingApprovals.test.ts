import { createElement } from 'lwc';
import listPending from '@salesforce/apex/QBApprovalController.listPending';
import QbPendingApprovals from 'c/qbPendingApprovals';
import {
    clickButton,
    errorPanel,
    errorPanelMessage,
    flushPromises,
    query,
    queryAll,
    textOf
} from '../../../test/uiTestUtils';
import PENDING from './data/listPending.json';

jest.mock('@salesforce/apex/QBApprovalController.listPending', () => ({ default: jest.fn() }), { virtual: true });

const mockListPending = listPending as jest.Mock;

async function render(): Promise<HTMLElement> {
    const element = createElement('c-qb-pending-approvals', { is: QbPendingApprovals });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-qb-pending-approvals', () => {
    it('lists each waiting deal with a link to its record page, its owner, amount and why it waits', async () => {
        mockListPending.mockResolvedValue(PENDING);
        const element = await render();

        expect(textOf(query(element, '[data-id="count"]'))).toBe('2 deals wait for approval');
        const rows = queryAll(element, '[data-id="pending-row"]');
        expect(rows).toHaveLength(2);
        const link = query<HTMLAnchorElement>(rows[0], '[data-id="pending-link"]')!;
        expect(link.textContent).toBe('Globex - data center');
        expect(link.getAttribute('href')).toBe(`/lightning/r/Opportunity/${PENDING[0].opportunityId}/view`);
        expect(textOf(rows[0])).toContain('Sam Seller');
        expect(textOf(rows[0])).toContain('USD 36,000.00');
        expect(textOf(rows[0])).toContain('over the approval threshold 25,000');
    });

    it('says when nothing waits, and reloads on Refresh', async () => {
        mockListPending.mockResolvedValueOnce([]).mockResolvedValueOnce(PENDING);
        const element = await render();
        expect(textOf(query(element, '[data-id="empty"]'))).toBe('Nothing waits for approval.');

        await clickButton(element, 'Refresh');

        expect(queryAll(element, '[data-id="pending-row"]')).toHaveLength(2);
        expect(query(element, '[data-id="empty"]')).toBeNull();
    });

    it('shows why the list could not be read', async () => {
        mockListPending.mockRejectedValue({ status: 500, body: { message: 'Insufficient access.' } });
        const element = await render();

        expect(textOf(errorPanelMessage(element, 'load-state'))).toBe('Insufficient access.');
    });

    it('reads the list again on Try again after a failure', async () => {
        mockListPending.mockRejectedValueOnce({ status: 500, body: { message: 'Insufficient access.' } });
        mockListPending.mockResolvedValueOnce(PENDING);
        const element = await render();

        await clickButton(errorPanel(element, 'load-state'), 'Try again');

        expect(errorPanelMessage(element, 'load-state')).toBeNull();
        expect(queryAll(element, '[data-id="pending-row"]')).toHaveLength(2);
    });
});
