/* The @AuraEnabled methods the LWCs call imperatively; parameter names match the Apex parameters. */
declare module '@salesforce/apex/QBSyncController.getStatus' {
    export default function getStatus(params: { opportunityId: string }): Promise<QbApex.SyncStatus>;
}
declare module '@salesforce/apex/QBSyncController.preview' {
    export default function preview(params: { opportunityId: string }): Promise<QbApex.InvoicePreview>;
}
declare module '@salesforce/apex/QBSyncController.syncNow' {
    export default function syncNow(params: { opportunityId: string }): Promise<QbApex.SyncStatus>;
}
declare module '@salesforce/apex/QBSyncController.retry' {
    export default function retry(params: { opportunityId: string }): Promise<QbApex.SyncStatus>;
}
declare module '@salesforce/apex/QBSyncController.refreshFromQuickBooks' {
    export default function refreshFromQuickBooks(params: { opportunityId: string }): Promise<QbApex.SyncStatus>;
}
declare module '@salesforce/apex/QBSyncController.attachInvoicePdf' {
    export default function attachInvoicePdf(params: { opportunityId: string }): Promise<QbApex.InvoicePdf>;
}

declare module '@salesforce/apex/QBApprovalController.getApproval' {
    export default function getApproval(params: { opportunityId: string }): Promise<QbApex.ApprovalRequest | null>;
}
declare module '@salesforce/apex/QBApprovalController.listPending' {
    export default function listPending(): Promise<QbApex.ApprovalRequest[]>;
}
declare module '@salesforce/apex/QBApprovalController.approve' {
    export default function approve(params: { opportunityId: string }): Promise<QbApex.SyncStatus>;
}
declare module '@salesforce/apex/QBApprovalController.reject' {
    export default function reject(params: { opportunityId: string; reason: string }): Promise<QbApex.SyncStatus>;
}

declare module '@salesforce/apex/QBItemMappingController.getTaxCodes' {
    export default function getTaxCodes(params: { realmId: string }): Promise<QbApex.TaxCodeOption[]>;
}
declare module '@salesforce/apex/QBItemMappingController.getFallbackItem' {
    export default function getFallbackItem(params: { realmId: string }): Promise<QbApex.QboItem | null>;
}
declare module '@salesforce/apex/QBItemMappingController.getCompanies' {
    export default function getCompanies(): Promise<QbApex.Company[]>;
}
declare module '@salesforce/apex/QBItemMappingController.getMappings' {
    export default function getMappings(params: {
        realmId: string;
        unmappedOnly: boolean;
        searchTerm: string;
    }): Promise<QbApex.MappingRow[]>;
}
declare module '@salesforce/apex/QBItemMappingController.searchItems' {
    export default function searchItems(params: { realmId: string; searchTerm: string }): Promise<QbApex.QboItem[]>;
}
declare module '@salesforce/apex/QBItemMappingController.autoMatch' {
    export default function autoMatch(params: { realmId: string }): Promise<QbApex.MappingRow[]>;
}
declare module '@salesforce/apex/QBItemMappingController.saveMappings' {
    export default function saveMappings(params: {
        realmId: string;
        rows: QbApex.MappingRow[];
    }): Promise<QbApex.SaveResult>;
}
declare module '@salesforce/apex/QBItemMappingController.previewImport' {
    export default function previewImport(params: { realmId: string; csv: string }): Promise<QbApex.ImportPreview>;
}
declare module '@salesforce/apex/QBItemMappingController.validateMappings' {
    export default function validateMappings(params: { realmId: string }): Promise<QbApex.ValidationReport>;
}

declare module '@salesforce/apex/QBSyncLogController.getLogs' {
    export default function getLogs(params: {
        filter: QbApex.LogFilter;
        cursor: string | null;
        pageSize: number;
    }): Promise<QbApex.LogPage>;
}
declare module '@salesforce/apex/QBSyncLogController.getLogDetail' {
    export default function getLogDetail(params: { logId: string }): Promise<QbApex.LogDetail>;
}
declare module '@salesforce/apex/QBSyncLogController.getDailyCounts' {
    export default function getDailyCounts(params: { days: number }): Promise<QbApex.DailyCount[]>;
}
declare module '@salesforce/apex/QBSyncLogController.getCompanies' {
    export default function getCompanies(): Promise<QbApex.CompanyOption[]>;
}

declare module '@salesforce/apex/QBConnectionsController.getConnections' {
    export default function getConnections(): Promise<QbApex.Connection[]>;
}
declare module '@salesforce/apex/QBConnectionsController.testConnection' {
    export default function testConnection(params: { realmId: string }): Promise<QbApex.ConnectionTest>;
}
declare module '@salesforce/apex/QBSyncController.unlinkAndReinvoice' {
    export default function unlinkAndReinvoice(params: {
        opportunityId: string;
        reason: string;
    }): Promise<QbApex.SyncStatus>;
}
declare module '@salesforce/apex/QBConnectionsController.getBackgroundJobs' {
    export default function getBackgroundJobs(): Promise<QbApex.BackgroundJob[]>;
}
declare module '@salesforce/apex/QBConnectionsController.setUpBackgroundJobs' {
    export default function setUpBackgroundJobs(): Promise<QbApex.BackgroundJob[]>;
}
