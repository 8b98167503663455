/// <reference lib="dom" />
/**
 * `lightning/refresh`: a component dispatches RefreshEvent to ask the page to refresh its data (LWC Developer Guide ›
 * "Refresh Component Data"; Lightning refreshes the record page's standard components, such as its related lists).
 * The shell's record page listens for the event and reads its Files list again.
 */
export const RefreshEventName = 'lightning__refresh';

export class RefreshEvent extends CustomEvent<unknown> {
    constructor() {
        super(RefreshEventName, { bubbles: true, composed: true, cancelable: true });
    }
}
