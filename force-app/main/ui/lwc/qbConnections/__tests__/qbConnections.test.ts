import { createElement } from 'lwc';
import getConnections from '@salesforce/apex/QBConnectionsController.getConnections';
import testConnection from '@salesforce/apex/QBConnectionsController.testConnection';
import QbConnections from 'c/qbConnections';
import {
    buttonByLabel,
    clickButton,
    deepActiveElement,
    errorPanel,
    errorPanelMessage,
    flushPromises,
    nativeButton,
    query,
    queryAll,
    textOf
} from '../../../test/uiTestUtils';
import CONNECTIONS from './data/getConnections.json';
import TEST_OK from './data/testConnectionOk.json';
import TEST_FAILED from './data/testConnectionFailed.json';

jest.mock('@salesforce/apex/QBConnectionsController.getConnections', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/QBConnectionsController.testConnection', () => ({ default: jest.fn() }), {
    virtual: true
});
// the background jobs section below the companies (tested in qbBackgroundJobs)
jest.mock(
    '@salesforce/apex/QBConnectionsController.getBackgroundJobs',
    () => ({ default: jest.fn(() => Promise.resolve([])) }),
    { virtual: true }
);

// Lightning's navigation service: records each page reference the component asks to open.
const mockNavigate = jest.fn();
jest.mock('lightning/navigation', () => {
    const Navigate = Symbol('Navigate');
    const NavigationMixin = (Base: new () => object) =>
        class extends Base {
            [Navigate](pageReference: unknown): void {
                mockNavigate(pageReference);
            }
        };
    NavigationMixin.Navigate = Navigate;
    return { NavigationMixin };
});

const mockGetConnections = getConnections as jest.Mock;
// The sample org has no production company; this is the row QBConnectionsController returns for one in a sandbox org.
const PRODUCTION_IN_SANDBOX = [
    CONNECTIONS[0],
    {
        ...CONNECTIONS[1],
        environment: 'Production',
        namedCredential: 'QB_QuickBooks_Production',
        productionInSandbox: true,
        warning:
            'This is a live QuickBooks company configured in a Salesforce sandbox: syncs to it are refused here. Point this sandbox at an Intuit sandbox company, or check Allow From Salesforce Sandbox on the QB Company record.'
    }
];
const mockTestConnection = testConnection as jest.Mock;
// Health as QBConnectionHealth reports it for a company the keep-alive reached (the fixture org has no records yet).
const HEALTHY = {
    ...CONNECTIONS[0],
    health: {
        realmId: '9130350000000001',
        status: 'Connected',
        authorizedAt: '2025-10-10T09:00:00.000Z',
        tokenAgeDays: 412,
        lastSuccessfulCallAt: '2026-11-26T05:00:00.000Z',
        unusedDeadline: '2027-03-06T04:00:00.000Z',
        maximumDeadline: '2030-10-10T09:00:00.000Z',
        needsReconnect: false,
        warning: null
    }
};
const NEAR_MAXIMUM = {
    ...HEALTHY,
    health: {
        ...HEALTHY.health,
        authorizedAt: '2021-12-09T09:00:00.000Z',
        maximumDeadline: '2026-12-09T09:00:00.000Z',
        warning:
            'The authorization of QuickBooks company Acme US reaches Intuit’s five-year maximum on 2026-12-09 (13 days). Reconnect before then so deals keep syncing.'
    }
};

async function renderConnections(): Promise<HTMLElement> {
    const element = createElement('c-qb-connections', { is: QbConnections });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

function rowFor(element: HTMLElement, realmId: string): HTMLElement {
    return query(element, `[data-id="connection"][data-realm-id="${realmId}"]`)!;
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-qb-connections', () => {
    it('lists each configured company with environment, realm id, Named Credential and default flag', async () => {
        mockGetConnections.mockResolvedValue(CONNECTIONS);
        const element = await renderConnections();

        const rows = queryAll(element, '[data-id="connection"]');
        expect(rows).toHaveLength(2);
        const us = textOf(rows[0]);
        expect(us).toContain('Acme US');
        expect(us).toContain('Sandbox');
        expect(us).toContain('9130350000000001');
        expect(us).toContain('QB_QuickBooks_Sandbox');
        expect(us).toContain('Default');
        expect(textOf(rows[1])).toContain('Acme Canada');
        expect(textOf(rows[1])).not.toContain('Default');
        expect(query(element, '[data-id="connection-warning"]')).toBeNull();
    });

    it('warns only on the production company configured in a sandbox org', async () => {
        mockGetConnections.mockResolvedValue(PRODUCTION_IN_SANDBOX);
        const element = await renderConnections();

        expect(query(rowFor(element, '9130350000000001'), '[data-id="connection-warning"]')).toBeNull();
        const warning = query(rowFor(element, '9130350000000002'), '[data-id="connection-warning"]');
        expect(textOf(warning)).toContain('live QuickBooks company configured in a Salesforce sandbox');
    });

    it('tests a connection and shows the QuickBooks company name, focusing the result', async () => {
        mockGetConnections.mockResolvedValue(CONNECTIONS);
        mockTestConnection.mockResolvedValue(TEST_OK);
        const element = await renderConnections();
        const row = rowFor(element, '9130350000000001');

        await clickButton(row, 'Test connection');

        expect(mockTestConnection).toHaveBeenCalledWith({ realmId: '9130350000000001' });
        const outcome = query(row, '[data-id="outcome"]')!;
        expect(textOf(outcome)).toContain(
            'Connected to Emulator US Company (realm 9130350000000001, Sandbox) through Named Credential QB_QuickBooks_Sandbox.'
        );
        expect(outcome.classList).toContain('slds-text-color_success');
        expect(deepActiveElement()).toBe(outcome);
        expect(query(rowFor(element, '9130350000000002'), '[data-id="outcome"]')).toBeNull();
    });

    it('shows the exact reason and fix when QuickBooks refuses the connection', async () => {
        mockGetConnections.mockResolvedValue(CONNECTIONS);
        mockTestConnection.mockResolvedValue(TEST_FAILED);
        const element = await renderConnections();
        const row = rowFor(element, '9130350000000002');

        await clickButton(row, 'Test connection');

        const outcome = query(row, '[data-id="outcome"]')!;
        expect(textOf(outcome)).toContain('Named Credential QB_QuickBooks_Sandbox_Acme_Canada');
        expect(outcome.classList).toContain('slds-text-color_error');
    });

    it('moves a company whose test was refused to Reconnect required, with the steps and a banner', async () => {
        mockGetConnections.mockResolvedValue(CONNECTIONS);
        mockTestConnection.mockResolvedValue(TEST_FAILED);
        const element = await renderConnections();
        expect(query(element, '[data-id="health-banner"]')).toBeNull();

        await clickButton(rowFor(element, '9130350000000002'), 'Test connection');

        const row = rowFor(element, '9130350000000002');
        expect(textOf(query(row, '[data-id="reconnect-badge"]'))).toBe('Reconnect required');
        expect(textOf(query(row, '[data-id="reconnect-steps"]'))).toContain(
            'Principals → Authenticate, and sign in to QuickBooks as an admin of Acme Canada'
        );
        const banner = query(element, '[data-id="health-banner"][data-realm-id="9130350000000002"]')!;
        expect(banner.classList).toContain('slds-alert_error');
        expect(textOf(banner)).toContain('Acme Canada is disconnected');
    });

    it('opens Setup › Named Credentials to authorize a company, or to reconnect one whose test was refused', async () => {
        mockGetConnections.mockResolvedValue(CONNECTIONS);
        mockTestConnection.mockResolvedValue(TEST_FAILED);
        const element = await renderConnections();
        const canada = () => rowFor(element, '9130350000000002');
        expect(() => buttonByLabel(canada(), 'Reconnect in Setup')).toThrow();

        await clickButton(canada(), 'Test connection');
        await clickButton(canada(), 'Reconnect in Setup');

        expect(mockNavigate).toHaveBeenCalledTimes(1);
        expect(mockNavigate).toHaveBeenCalledWith({
            type: 'standard__webPage',
            attributes: { url: '/lightning/setup/NamedCredential/home' }
        });
        await clickButton(rowFor(element, '9130350000000001'), 'Authorize in Setup');
        expect(mockNavigate).toHaveBeenCalledTimes(2);
    });

    it('shows each company’s last successful call, authorization age and both deadlines', async () => {
        mockGetConnections.mockResolvedValue([HEALTHY, CONNECTIONS[1]]);
        const element = await renderConnections();

        const row = rowFor(element, '9130350000000001');
        expect(textOf(query(row, '[data-id="last-call"]'))).toContain('Nov 26, 2026');
        expect(textOf(query(row, '[data-id="token-age"]'))).toBe('412 days');
        expect(textOf(query(row, '[data-id="unused-deadline"]'))).toContain('Mar 6, 2027');
        expect(textOf(query(row, '[data-id="maximum-deadline"]'))).toContain('Oct 10, 2030');
        expect(query(element, '[data-id="health-banner"]')).toBeNull();
        expect(textOf(query(rowFor(element, '9130350000000002'), '[data-id="no-calls"]'))).toContain(
            'No successful call recorded yet'
        );
    });

    it('shows a warning banner when a deadline is less than 14 days away', async () => {
        mockGetConnections.mockResolvedValue([NEAR_MAXIMUM, CONNECTIONS[1]]);
        const element = await renderConnections();

        const banner = query(element, '[data-id="health-banner"][data-realm-id="9130350000000001"]')!;
        expect(banner.classList).toContain('slds-alert_warning');
        expect(textOf(banner)).toContain('five-year maximum on 2026-12-09 (13 days)');
        expect(queryAll(element, '[data-id="health-banner"]')).toHaveLength(1);
    });

    it('disables the button and says Testing… while the test runs', async () => {
        mockGetConnections.mockResolvedValue(CONNECTIONS);
        let finish: (value: unknown) => void = () => undefined;
        mockTestConnection.mockReturnValue(new Promise((resolve) => (finish = resolve)));
        const element = await renderConnections();
        const row = rowFor(element, '9130350000000001');

        await clickButton(row, 'Test connection');

        expect(nativeButton(buttonByLabel(row, 'Testing…')).disabled).toBe(true);
        finish(TEST_OK);
        await flushPromises();
        expect(nativeButton(buttonByLabel(row, 'Test connection')).disabled).toBe(false);
    });

    it('names the company when QuickBooks answers without a message', async () => {
        mockGetConnections.mockResolvedValue(CONNECTIONS);
        mockTestConnection.mockResolvedValue({ ok: true, companyName: 'Acme US' });
        const element = await renderConnections();
        const row = rowFor(element, '9130350000000001');

        await clickButton(row, 'Test connection');

        expect(textOf(query(row, '[data-id="outcome"]'))).toBe('Connected Connected to Acme US.');
    });

    it('turns an Apex error into a readable message on the row', async () => {
        mockGetConnections.mockResolvedValue(CONNECTIONS);
        mockTestConnection.mockRejectedValue({ body: { message: 'You need the QB_Administer_Sync permission.' } });
        const element = await renderConnections();
        const row = rowFor(element, '9130350000000001');

        await clickButton(row, 'Test connection');

        expect(textOf(query(row, '[data-id="outcome"]'))).toContain('You need the QB_Administer_Sync permission.');
    });

    it('explains how to add a company when none is configured', async () => {
        mockGetConnections.mockResolvedValue([]);
        const element = await renderConnections();

        expect(textOf(query(element, '[data-id="empty"]'))).toContain('Custom Metadata Types');
        expect(query(element, 'table')).toBeNull();
    });

    it('shows a readable error and loads again on Try again', async () => {
        mockGetConnections.mockRejectedValueOnce({ body: { message: 'Insufficient access to QB_Company__mdt.' } });
        const element = await renderConnections();
        expect(textOf(errorPanelMessage(element, 'load-state'))).toBe('Insufficient access to QB_Company__mdt.');

        mockGetConnections.mockResolvedValueOnce(CONNECTIONS);
        await clickButton(errorPanel(element, 'load-state'), 'Try again');

        expect(errorPanelMessage(element, 'load-state')).toBeNull();
        expect(queryAll(element, '[data-id="connection"]')).toHaveLength(2);
    });
});
