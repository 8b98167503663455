/** Whether the running user holds the custom permission (Lightning resolves the import per user). */
declare module '@salesforce/customPermission/*' {
    const granted: boolean;
    export default granted;
}

/** The running user's locale, e.g. `en-US` (https://developer.salesforce.com/docs/platform/lwc/guide/create-i18n.html). */
declare module '@salesforce/i18n/locale' {
    const locale: string;
    export default locale;
}

/** A modal asking for a value; resolves to the value, or null when the user cancels. */
declare module 'lightning/prompt' {
    const LightningPrompt: {
        open(config: {
            label: string;
            message: string;
            variant?: 'header' | 'headerless';
            theme?: string;
            defaultValue?: string;
        }): Promise<string | null>;
    };
    export default LightningPrompt;
}

/** RefreshEvent: asks the page to refresh its standard components (e.g. a record's Files related list). */
declare module 'lightning/refresh' {
    export class RefreshEvent extends CustomEvent<unknown> {
        constructor();
    }
}

/** NavigationMixin: `this[NavigationMixin.Navigate](pageReference)` opens a page reference. */
declare module 'lightning/navigation' {
    interface PageReference {
        type: string;
        attributes?: Record<string, unknown>;
        state?: Record<string, unknown>;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Constructor<T = object> = new (...args: any[]) => T;
    export function NavigationMixin<T extends Constructor>(
        base: T
    ): T & Constructor<{ [key: symbol]: (pageReference: PageReference, replace?: boolean) => void }>;
    export namespace NavigationMixin {
        const Navigate: unique symbol;
        const GenerateUrl: unique symbol;
    }
}
