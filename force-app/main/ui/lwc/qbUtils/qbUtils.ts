import USER_LOCALE from '@salesforce/i18n/locale';

/**
 * Turns whatever an Apex call or a browser API rejected with into sentences a user can act on.
 * Apex AuraHandledException messages are written for admins, so they are shown as they are; anything
 * else (a JavaScript error, an unexpected shape) becomes a generic sentence instead of a raw exception.
 */
export const GENERIC_ERROR = 'Something went wrong. Try again, or ask your admin to check the QuickBooks Sync Log.';

interface ApexErrorBody {
    message?: string;
    pageErrors?: { message?: string }[];
    fieldErrors?: Record<string, { message?: string }[]>;
    output?: { errors?: { message?: string }[]; fieldErrors?: Record<string, { message?: string }[]> };
}

function messagesFromBody(body: ApexErrorBody | ApexErrorBody[]): string[] {
    if (Array.isArray(body)) {
        return body.flatMap((part) => messagesFromBody(part));
    }
    const messages: string[] = [];
    for (const pageError of body.pageErrors ?? []) {
        messages.push(pageError.message ?? '');
    }
    for (const errors of Object.values(body.fieldErrors ?? {})) {
        messages.push(...errors.map((fieldError) => fieldError.message ?? ''));
    }
    for (const outputError of body.output?.errors ?? []) {
        messages.push(outputError.message ?? '');
    }
    for (const errors of Object.values(body.output?.fieldErrors ?? {})) {
        messages.push(...errors.map((fieldError) => fieldError.message ?? ''));
    }
    if (typeof body.message === 'string') {
        messages.push(body.message);
    }
    return messages;
}

/** All readable messages in an error from Apex, Lightning Data Service or the browser; empty ones dropped. */
export function reduceErrors(error: unknown): string[] {
    const errors = Array.isArray(error) ? error : [error];
    const messages = errors.flatMap((single: unknown): string[] => {
        if (typeof single === 'string') {
            return [single];
        }
        if (single && typeof single === 'object' && 'body' in single && single.body) {
            return messagesFromBody(single.body as ApexErrorBody | ApexErrorBody[]);
        }
        return [];
    });
    return [...new Set(messages.map((message) => message.trim()).filter((message) => message.length > 0))];
}

/** One sentence for an error banner: the Apex messages joined, or the generic sentence. */
export function errorMessage(error: unknown): string {
    const messages = reduceErrors(error);
    return messages.length > 0 ? messages.join(' ') : GENERIC_ERROR;
}

/**
 * The picklist API values the components compare against, mirrored from Apex: `SYNC_STATUS` is
 * Opportunity.QB_Sync_Status__c (Apex `QBSyncStatus`), `LOG_OPERATION` is QB_Sync_Log__c.Operation__c
 * (`QBLogOperation`) and `LOG_OUTCOME` is QB_Sync_Log__c.Outcome__c (`QBSyncLogger.OUTCOME_*`), each in picklist
 * order. `__tests__/picklistValues.test.ts` fails when the Apex, the metadata and this table differ.
 */
export const SYNC_STATUS = {
    NOT_SYNCED: 'Not_Synced',
    QUEUED: 'Queued',
    IN_PROGRESS: 'In_Progress',
    RETRY_SCHEDULED: 'Retry_Scheduled',
    PENDING_APPROVAL: 'Pending_Approval',
    SYNCED: 'Synced',
    FAILED: 'Failed',
    REJECTED: 'Rejected',
    OUT_OF_SYNC: 'Out_of_Sync'
} as const;

export const LOG_OPERATION = {
    CLAIM: 'Claim',
    ROUTE: 'Route',
    CUSTOMER_QUERY: 'Customer_Query',
    CUSTOMER_CREATE: 'Customer_Create',
    CUSTOMER_UPDATE: 'Customer_Update',
    INVOICE_CREATE: 'Invoice_Create',
    INVOICE_SEARCH: 'Invoice_Search',
    INVOICE_SEND: 'Invoice_Send',
    ATTACHMENT_UPLOAD: 'Attachment_Upload',
    INVOICE_PDF: 'Invoice_PDF',
    WRITE_BACK: 'Write_Back',
    ITEM_QUERY: 'Item_Query',
    COMPANY_INFO: 'Company_Info',
    PAYMENT_SYNC: 'Payment_Sync',
    RENEWAL: 'Renewal',
    DECISION: 'Decision',
    PURGE: 'Purge'
} as const;

export const LOG_OUTCOME = {
    SUCCESS: 'Success',
    WARNING: 'Warning',
    FAILURE: 'Failure',
    RETRY: 'Retry',
    SKIPPED: 'Skipped'
} as const;

/** A picklist API value in the words users read, e.g. `Retry_Scheduled` → `Retry Scheduled`. */
export function picklistLabel(apiValue: string | null | undefined): string {
    return (apiValue ?? '').replace(/_/g, ' ');
}

/**
 * An Apex Date (`2026-11-03`) as the user reads it in their locale (`Nov 3` in en-US), as
 * lightning-formatted-date-time shows dates, independent of the browser's time zone.
 */
export function formatDay(isoDate: string): string {
    const [year, month, day] = isoDate.split('-').map(Number);
    return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(USER_LOCALE, {
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC'
    });
}

/** The Lightning Experience address of a record, usable as a plain link inside and outside the org's shell. */
export function recordUrl(recordId: string, objectApiName: string): string {
    return `/lightning/r/${objectApiName}/${recordId}/view`;
}
