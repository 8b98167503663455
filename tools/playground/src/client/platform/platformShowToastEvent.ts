/// <reference lib="dom" />
/** `lightning/platformShowToastEvent`: the shell shows the toast (SLDS) when the event bubbles up to it. */
export class ShowToastEvent extends CustomEvent<{ title: string; message: string; variant?: string }> {
    constructor(init: { title: string; message: string; variant?: string }) {
        super('lightning__showtoast', { detail: init, bubbles: true, composed: true });
    }
}
