/**
 * What the DML engine and the derived-value rules use of the org they work on. The Org class provides it; the
 * engine and the rules depend on this contract rather than on the Org class, so neither imports the other.
 */
import type { Clock } from '../values';
import type { OrgConfig } from './config';
import type { Database, Row } from './database';
import type { IdGenerator } from './ids';
import type { FieldDef, Schema } from './schema';
import type { RecordAccess } from './record-access';
import type { UserAccess } from './security';
import type { SObject } from './sobject';

export type DmlOp = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';

export interface DmlOptions {
    allOrNone?: boolean;
    accessLevel?: string;
    externalIdField?: string | null;
    /** Database.DMLOptions.allowFieldTruncation: too long text is cut to the field's length instead of failing. */
    allowFieldTruncation?: boolean;
    /** Platform-initiated saves (roll-ups) do not count against the caller's DML limits. */
    countLimits?: boolean;
    /**
     * The calling code enforces record sharing (a `with sharing` class, anonymous Apex, a runAs block): a record the
     * running user may not edit or delete fails the row. User mode always enforces it.
     */
    sharing?: boolean;
}

export interface DmlResult {
    success: boolean;
    id: string | null;
    created: boolean;
    errors: { statusCode: string; message: string; fields: string[] }[];
}

/** Governor counters of the running transaction. */
export interface TransactionLimits {
    queries: number;
    queryRows: number;
    dmlStatements: number;
    dmlRows: number;
}

/** Setup vs non-setup DML in the current transaction, for MIXED_DML_OPERATION. */
export interface MixedDmlState {
    setup: string | null;
    nonSetup: string | null;
    mixedAllowed: boolean;
}

export interface OrgContext {
    readonly db: Database;
    readonly ids: IdGenerator;
    readonly schema: Schema;
    readonly config: OrgConfig;
    readonly clock: Clock;
    readonly limits: TransactionLimits;
    readonly txn: MixedDmlState;
    readonly runningUserId: string;
    readonly triggerInvoker: ((objectName: string, ctx: Record<string, unknown>) => void) | null;
    newSObject(type: string): SObject;
    newSObjectForId(id: string): SObject;
    toSObject(row: Row): SObject;
    storeSystemRecord(rec: SObject, orgData?: boolean): string;
    hasTrigger(objectName: string): boolean;
    defaultValue(f: FieldDef): unknown;
    userCurrency(): string;
    standardPricebookId(): string;
    currentAccess(userId?: string | null): UserAccess;
    /** The running user's access to a stored record through sharing. */
    sharingAccess(row: Row): RecordAccess;
    dml(op: DmlOp, records: (SObject | string)[], opts?: DmlOptions): DmlResult[];
}
