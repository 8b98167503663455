declare module 'lightning/uiRecordApi' {
    import type { WireAdapterConstructor } from 'lwc';

    interface FieldId {
        objectApiName: string;
        fieldApiName: string;
    }

    /** A record as User Interface API returns it. */
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        fields: Record<string, { value: unknown; displayValue: string | null }>;
    }

    /** The record's fields through Lightning Data Service; re-provisioned whenever the record changes. */
    export const getRecord: WireAdapterConstructor<
        { recordId?: string; fields?: (FieldId | string)[]; optionalFields?: (FieldId | string)[] },
        { data?: RecordRepresentation; error?: unknown }
    >;

    /** Tells Lightning Data Service that these records changed on the server, so every view of them refreshes. */
    export function notifyRecordUpdateAvailable(recordIds: { recordId: string }[]): Promise<void>;
}

declare module '@salesforce/schema/*' {
    const field: { objectApiName: string; fieldApiName: string };
    export default field;
}
