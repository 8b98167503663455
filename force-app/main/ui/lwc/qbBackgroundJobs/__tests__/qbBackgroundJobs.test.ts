import { createElement } from 'lwc';
import getBackgroundJobs from '@salesforce/apex/QBConnectionsController.getBackgroundJobs';
import setUpBackgroundJobs from '@salesforce/apex/QBConnectionsController.setUpBackgroundJobs';
import QbBackgroundJobs from 'c/qbBackgroundJobs';
import { clickButton, errorPanelMessage, flushPromises, query, queryAll, textOf } from '../../../test/uiTestUtils';
import NOT_SET_UP from './data/getBackgroundJobs.json';
import SET_UP from './data/setUpBackgroundJobs.json';

jest.mock('@salesforce/apex/QBConnectionsController.getBackgroundJobs', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/QBConnectionsController.setUpBackgroundJobs', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockGetJobs = getBackgroundJobs as jest.Mock;
const mockSetUp = setUpBackgroundJobs as jest.Mock;

async function render(): Promise<HTMLElement> {
    const element = createElement('c-qb-background-jobs', { is: QbBackgroundJobs });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

function rowOf(element: HTMLElement, label: string): HTMLElement {
    const row = queryAll(element, '[data-id="job"]').find((r) => textOf(r).startsWith(label));
    if (!row) throw new Error(`no row for ${label}`);
    return row;
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-qb-background-jobs', () => {
    it('flags every missing job before setup, and leaves Slack alone while Slack approvals are off', async () => {
        mockGetJobs.mockResolvedValue(NOT_SET_UP);
        const element = await render();

        expect(textOf(query(element, '[data-id="jobs-summary"]'))).toBe(
            '5 jobs need attention: 5 are not scheduled. Press Set up background jobs.'
        );
        // the state says it in two words; the instruction is said once, above the table
        expect(textOf(query(rowOf(element, 'Sync sweeper'), '[data-id="job-state"]'))).toBe('Not scheduled');
        expect(query(rowOf(element, 'Sync sweeper'), '[data-id="job-problem"]')).toBeNull();
        expect(textOf(rowOf(element, 'Sync sweeper'))).not.toContain('Press Set up background jobs');
        expect(textOf(rowOf(element, 'Slack approval requests'))).toContain('Not needed');
    });

    it('schedules the jobs on Set up background jobs and shows each next run', async () => {
        mockGetJobs.mockResolvedValue(NOT_SET_UP);
        mockSetUp.mockResolvedValue(SET_UP);
        const element = await render();

        await clickButton(element, 'Set up background jobs');

        expect(mockSetUp).toHaveBeenCalledTimes(1);
        expect(textOf(query(element, '[data-id="jobs-message"]'))).toBe('Background jobs set up. They run as you.');
        expect(textOf(query(element, '[data-id="jobs-summary"]'))).toBe('Every background job is scheduled.');
        expect(textOf(rowOf(element, 'Sync sweeper'))).toContain('Scheduled');
        expect(textOf(rowOf(element, 'Sync sweeper'))).toContain('Not run yet');
        expect(textOf(rowOf(element, 'Payment back-sync'))).toContain('Nov 26, 2026');
    });

    it('flags a job whose last run failed', async () => {
        const failing = SET_UP.map((job) => {
            if (job.label !== 'Payment back-sync') return job;
            return {
                ...job,
                lastResult: 'Failed: System.LimitException: Apex heap size too large',
                problem: 'The last run failed. See the Sync Log and Setup → Apex Jobs.'
            };
        });
        mockGetJobs.mockResolvedValue(failing);
        const element = await render();

        expect(textOf(query(element, '[data-id="jobs-summary"]'))).toBe('1 job needs attention.');
        const row = textOf(rowOf(element, 'Payment back-sync'));
        expect(row).toContain('Failed: System.LimitException: Apex heap size too large');
        expect(row).toContain('Needs attention');
    });

    it('shows why the jobs could not be set up', async () => {
        mockGetJobs.mockResolvedValue(NOT_SET_UP);
        mockSetUp.mockRejectedValue({
            status: 500,
            body: { message: 'Managing QuickBooks connections needs the QB_Administer_Sync custom permission.' }
        });
        const element = await render();

        await clickButton(element, 'Set up background jobs');

        expect(textOf(errorPanelMessage(element, 'jobs-error'))).toBe(
            'Managing QuickBooks connections needs the QB_Administer_Sync custom permission.'
        );
    });
});
