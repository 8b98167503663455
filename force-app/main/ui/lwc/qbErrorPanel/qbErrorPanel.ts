import { LightningElement, api } from 'lwc';

/**
 * The loading and error states every QuickBooks Sync component shows the same way: a small spinner while
 * `loading`, and an error banner with `message` (already a sentence a user can act on: see `errorMessage` in
 * `c/qbUtils`) and, when `retryable`, a Try again button that fires `retry`.
 */
export default class QbErrorPanel extends LightningElement {
    /** Shows the spinner. */
    @api loading = false;
    /** What the spinner tells screen readers is loading. */
    @api loadingText = 'Loading';
    /** The error to show; nothing is shown while it is empty. */
    @api message: string | null = null;
    /** Offers Try again, which fires `retry`. */
    @api retryable = false;

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
