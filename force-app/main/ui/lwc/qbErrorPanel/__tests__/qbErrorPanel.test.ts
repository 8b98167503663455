import { createElement } from 'lwc';
import QbErrorPanel from 'c/qbErrorPanel';
import { clickButton, flushPromises, hasButton, query, textOf } from '../../../test/uiTestUtils';

interface ErrorPanelProps {
    loading?: boolean;
    loadingText?: string;
    message?: string | null;
    retryable?: boolean;
}

async function render(props: ErrorPanelProps): Promise<HTMLElement> {
    const element = createElement('c-qb-error-panel', { is: QbErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-qb-error-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows nothing while it is neither loading nor given an error', async () => {
        const element = await render({});

        expect(query(element, 'lightning-spinner')).toBeNull();
        expect(query(element, '[role="alert"]')).toBeNull();
    });

    it('tells screen readers what is loading', async () => {
        const element = await render({ loading: true, loadingText: 'Loading sync log' });

        expect(query<HTMLElement & { alternativeText: string }>(element, 'lightning-spinner')?.alternativeText).toBe(
            'Loading sync log'
        );
        expect(query(element, '[role="alert"]')).toBeNull();
    });

    it('announces the error and offers Try again, which asks the component to load again', async () => {
        const element = await render({ message: 'You need the QB_Sync_Admin permission set.', retryable: true });
        const retry = jest.fn();
        element.addEventListener('retry', retry);

        expect(textOf(query(element, '[role="alert"] [data-id="error-message"]'))).toBe(
            'You need the QB_Sync_Admin permission set.'
        );
        await clickButton(element, 'Try again');

        expect(retry).toHaveBeenCalledTimes(1);
    });

    it('offers no Try again for an error that a retry cannot fix', async () => {
        const element = await render({ message: 'Map the product first.' });

        expect(textOf(query(element, '[role="alert"]'))).toBe('Map the product first.');
        expect(hasButton(element, 'Try again')).toBe(false);
    });

    it('clears the banner when the error goes away', async () => {
        const element = await render({ message: 'Record is locked.', retryable: true });

        Object.assign(element, { message: null });
        await flushPromises();

        expect(query(element, '[role="alert"]')).toBeNull();
    });
});
