/** Errors the data layer raises; `apexType` names the Apex exception the interpreter turns them into. */
export interface DmlRowError {
    index: number;
    statusCode: string;
    message: string;
    fields: string[];
    id?: string | null;
}

export class ApexPlatformError extends Error {
    constructor(
        readonly apexType: string,
        message: string
    ) {
        super(message);
    }
}

export class DmlError extends ApexPlatformError {
    constructor(
        message: string,
        readonly dmlErrors: DmlRowError[]
    ) {
        super('DmlException', message);
    }
}

export const sobjectError = (m: string) => new ApexPlatformError('SObjectException', m);
export const queryError = (m: string) => new ApexPlatformError('QueryException', m);
export const limitError = (m: string) => new ApexPlatformError('LimitException', m);
export const stringError = (m: string) => new ApexPlatformError('StringException', m);
export const noAccessError = (m: string) => new ApexPlatformError('NoAccessException', m);
