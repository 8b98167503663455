/** Messages between the playground (main thread) and the local org (worker thread). */
import type { OrgConfig } from '../../../apex-runtime/src';

export interface OrgInit {
    projectDir: string;
    /** JSON snapshot of the org's records; absent → a fresh org */
    dataFile: string | null;
    orgConfig: Partial<OrgConfig>;
}

export type OrgRequest =
    | { op: 'aura'; className: string; methodName: string; params: Record<string, unknown>; asUsername?: string }
    /** `background`: the async work it commits waits its turn behind the users' work instead of running first. */
    | { op: 'exec'; source: string; asUsername?: string; background?: boolean }
    /** `asUsername`: read or written as that user, in user mode (sharing, object and field access). */
    | { op: 'getRecord'; objectName: string; id: string; fields: string[]; asUsername?: string }
    | { op: 'updateRecord'; objectName: string; fields: Record<string, unknown>; asUsername?: string }
    | { op: 'query'; soql: string; asUsername?: string }
    | { op: 'describe'; objectName: string }
    /** Setup › Named Credentials › Authenticate: the principal's new refresh token, from the OAuth code exchange. */
    | { op: 'storeNamedCredentialTokens'; namedCredential: string; refreshToken: string }
    | { op: 'isEmpty' };

export interface ApexFailure {
    /** Apex exception type, e.g. System.AuraHandledException */
    exceptionType: string;
    message: string;
    where?: string | null;
}

export interface OrgResponse {
    ok: boolean;
    value?: unknown;
    error?: ApexFailure;
    /** System.debug lines other than the result */
    debug?: string[];
    /** failures of async jobs that ran after the transaction */
    asyncErrors?: string[];
}

export interface FieldDescribe {
    name: string;
    label: string;
    type: string;
    picklistValues: { value: string; label: string }[];
    referenceTo: string[];
}

export interface ObjectDescribe {
    name: string;
    label: string;
    fields: FieldDescribe[];
    recordTypes: { id: string; developerName: string; label: string }[];
}

/** The org's clock running fast while a delayed job waits: from (wall, org) time, up to `until` (org time). */
export interface FastForward {
    fromReal: number;
    fromOrg: number;
    until: number;
    speed: number;
}
