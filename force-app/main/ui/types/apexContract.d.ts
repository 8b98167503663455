/**
 * Shapes the Apex controllers return to the LWCs, mirroring the controllers' @AuraEnabled inner classes
 * (QBSyncController, QBSyncLogController, QBItemMappingController, QBConnectionsController). Apex Datetime arrives as an ISO-8601 string, Date as `YYYY-MM-DD`; a property whose
 * value is null is left out of the response, hence the optional fields.
 */
declare namespace QbApex {
    type Nullable<T> = T | null | undefined;

    interface SyncStatus {
        status: string;
        statusLabel?: Nullable<string>;
        invoiceId?: Nullable<string>;
        docNumber?: Nullable<string>;
        realmId?: Nullable<string>;
        companyName?: Nullable<string>;
        invoiceUrl?: Nullable<string>;
        lastSyncedAt?: Nullable<string>;
        nextAttemptAt?: Nullable<string>;
        attempts?: Nullable<number>;
        maxAttempts?: Nullable<number>;
        checkedAt?: Nullable<string>;
        lastError?: Nullable<string>;
        balance?: Nullable<number>;
        currencyCode?: Nullable<string>;
        paymentStatus?: Nullable<string>;
        canSync?: Nullable<boolean>;
        isRunning?: Nullable<boolean>;
        hasInvoice?: Nullable<boolean>;
        isWon?: Nullable<boolean>;
        warnings?: Nullable<string[]>;
    }

    /** QBInvoicePdfAction.Result: the invoice PDF in the opportunity's Files. */
    interface InvoicePdf {
        title: string;
        contentDocumentId?: Nullable<string>;
        alreadyAttached: boolean;
    }

    interface BackgroundJob {
        label: string;
        purpose?: Nullable<string>;
        schedule?: Nullable<string>;
        isScheduled?: Nullable<boolean>;
        isNeeded?: Nullable<boolean>;
        nextRunAt?: Nullable<string>;
        lastRunAt?: Nullable<string>;
        lastResult?: Nullable<string>;
        problem?: Nullable<string>;
    }

    interface ApprovalLine {
        productName?: Nullable<string>;
        quantity?: Nullable<number>;
        unitPrice?: Nullable<number>;
        total?: Nullable<number>;
    }

    interface ApprovalRequest {
        opportunityId: string;
        opportunityName?: Nullable<string>;
        accountName?: Nullable<string>;
        ownerName?: Nullable<string>;
        amount?: Nullable<number>;
        currencyCode?: Nullable<string>;
        threshold?: Nullable<number>;
        reason?: Nullable<string>;
        waitingSince?: Nullable<string>;
        lines?: Nullable<ApprovalLine[]>;
        canDecide?: Nullable<boolean>;
        cannotDecideReason?: Nullable<string>;
    }

    interface PreviewLine {
        productName?: Nullable<string>;
        productCode?: Nullable<string>;
        itemId?: Nullable<string>;
        itemName?: Nullable<string>;
        quantity?: Nullable<number>;
        unitPrice?: Nullable<number>;
        amount?: Nullable<number>;
        description?: Nullable<string>;
        taxCode?: Nullable<string>;
        taxCodeName?: Nullable<string>;
        usesFallback?: Nullable<boolean>;
        problem?: Nullable<string>;
        product2Id?: Nullable<string>;
    }

    interface PreviewTaxLine {
        rateName?: Nullable<string>;
        ratePercent?: Nullable<number>;
        taxableAmount?: Nullable<number>;
        amount?: Nullable<number>;
    }

    interface InvoicePreview {
        realmId?: Nullable<string>;
        companyName?: Nullable<string>;
        customerName?: Nullable<string>;
        customerMatch?: Nullable<string>;
        customerId?: Nullable<string>;
        lines?: Nullable<PreviewLine[]>;
        total?: Nullable<number>;
        subtotal?: Nullable<number>;
        tax?: Nullable<number>;
        invoiceTotal?: Nullable<number>;
        taxLines?: Nullable<PreviewTaxLine[]>;
        taxNote?: Nullable<string>;
        opportunityAmount?: Nullable<number>;
        currencyCode?: Nullable<string>;
        problems?: Nullable<string[]>;
        warnings?: Nullable<string[]>;
        canSync?: Nullable<boolean>;
    }

    interface Company {
        realmId: string;
        name?: Nullable<string>;
        environment?: Nullable<string>;
        fallbackItemId?: Nullable<string>;
        fallbackItemName?: Nullable<string>;
        isDefault?: Nullable<boolean>;
    }

    interface TaxCodeOption {
        id: string;
        name?: Nullable<string>;
        description?: Nullable<string>;
        label?: Nullable<string>;
    }

    interface MappingRow {
        product2Id: string;
        productName?: Nullable<string>;
        productCode?: Nullable<string>;
        family?: Nullable<string>;
        mappingId?: Nullable<string>;
        realmId?: Nullable<string>;
        qbItemId?: Nullable<string>;
        qbItemName?: Nullable<string>;
        taxable?: Nullable<boolean>;
        taxCode?: Nullable<string>;
        status?: Nullable<string>;
        /** 'Sku' | 'Name': how autoMatch found the item (proposals only). */
        matchedBy?: Nullable<string>;
        /** The current mapping an import would replace (previewImport changes only). */
        previousItemId?: Nullable<string>;
        previousItemName?: Nullable<string>;
    }

    interface QboItem {
        id: string;
        name?: Nullable<string>;
        sku?: Nullable<string>;
        type?: Nullable<string>;
        taxable?: Nullable<boolean>;
        active?: Nullable<boolean>;
    }

    interface RowError {
        product2Id?: Nullable<string>;
        message?: Nullable<string>;
    }

    interface SaveResult {
        success?: Nullable<boolean>;
        errors?: Nullable<RowError[]>;
    }

    interface ImportError {
        lineNumber?: Nullable<number>;
        message?: Nullable<string>;
        raw?: Nullable<string>;
    }

    interface ImportPreview {
        changes?: Nullable<MappingRow[]>;
        badRows?: Nullable<ImportError[]>;
        unchangedCount?: Nullable<number>;
    }

    interface ValidationIssue {
        product2Id?: Nullable<string>;
        productName?: Nullable<string>;
        qbItemId?: Nullable<string>;
        mappedName?: Nullable<string>;
        currentName?: Nullable<string>;
        problem?: Nullable<string>;
    }

    interface ValidationReport {
        issues?: Nullable<ValidationIssue[]>;
        checkedCount?: Nullable<number>;
        fallbackItemId?: Nullable<string>;
        fallbackItemName?: Nullable<string>;
        /** Null when the fallback item is usable; else 'Not configured' | 'Deleted' | 'Inactive'. */
        fallbackProblem?: Nullable<string>;
    }

    interface LogFilter {
        outcome?: Nullable<string>;
        operation?: Nullable<string>;
        realmId?: Nullable<string>;
        fromDate?: Nullable<string>;
        toDate?: Nullable<string>;
        opportunityId?: Nullable<string>;
        opportunityName?: Nullable<string>;
        searchTerm?: Nullable<string>;
    }

    interface CompanyOption {
        realmId: string;
        name?: Nullable<string>;
    }

    interface LogRow {
        id: string;
        name?: Nullable<string>;
        createdAt?: Nullable<string>;
        opportunityId?: Nullable<string>;
        opportunityName?: Nullable<string>;
        realmId?: Nullable<string>;
        companyName?: Nullable<string>;
        operation?: Nullable<string>;
        outcome?: Nullable<string>;
        httpStatus?: Nullable<number>;
        errorCode?: Nullable<string>;
        attempt?: Nullable<number>;
        durationMs?: Nullable<number>;
        summary?: Nullable<string>;
    }

    interface LogPage {
        rows?: Nullable<LogRow[]>;
        nextCursor?: Nullable<string>;
    }

    interface LogDetail extends LogRow {
        requestBody?: Nullable<string>;
        responseBody?: Nullable<string>;
        requestId?: Nullable<string>;
        intuitTid?: Nullable<string>;
        errorMessage?: Nullable<string>;
        invoiceId?: Nullable<string>;
        invoiceUrl?: Nullable<string>;
        docNumber?: Nullable<string>;
        canRetry?: Nullable<boolean>;
    }

    interface DailyCount {
        day: string;
        succeeded?: Nullable<number>;
        failed?: Nullable<number>;
    }

    interface Connection {
        realmId: string;
        label?: Nullable<string>;
        environment?: Nullable<string>;
        namedCredential?: Nullable<string>;
        isDefault?: Nullable<boolean>;
        productionInSandbox?: Nullable<boolean>;
        allowedFromSandbox?: Nullable<boolean>;
        /** What the admin should know about this configuration (production company in a sandbox org), or null. */
        warning?: Nullable<string>;
        /** QBConnectionHealth.Health: last successful call, token age, deadlines, reconnect state. */
        health?: Nullable<ConnectionHealth>;
    }

    interface ConnectionHealth {
        realmId?: Nullable<string>;
        companyLabel?: Nullable<string>;
        namedCredential?: Nullable<string>;
        /** `Connected` or `Reconnect_Required`. */
        status?: Nullable<string>;
        authorizedAt?: Nullable<string>;
        tokenAgeDays?: Nullable<number>;
        lastSuccessfulCallAt?: Nullable<string>;
        /** When the refresh token expires if no call is made before then (100 days). */
        unusedDeadline?: Nullable<string>;
        /** When Intuit's five-year maximum ends the authorization. */
        maximumDeadline?: Nullable<string>;
        needsReconnect?: Nullable<boolean>;
        /** A deadline within 14 days, or the reconnect notice; null when all is well. */
        warning?: Nullable<string>;
        reconnectSteps?: Nullable<string>;
        lastFailure?: Nullable<string>;
        lastFailureAt?: Nullable<string>;
        warningUnsent?: Nullable<boolean>;
    }

    interface ConnectionTest {
        ok?: Nullable<boolean>;
        companyName?: Nullable<string>;
        message?: Nullable<string>;
        warning?: Nullable<string>;
        health?: Nullable<ConnectionHealth>;
    }
}
