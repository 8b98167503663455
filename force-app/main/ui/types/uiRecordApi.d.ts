declare module 'lightning/uiRecordApi' {
    /** Tells Lightning Data Service that these records changed on the server, so every view of them refreshes. */
    export function notifyRecordUpdateAvailable(recordIds: { recordId: string }[]): Promise<void>;
}
