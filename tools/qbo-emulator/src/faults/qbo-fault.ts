import { intuitResponseXml } from '../api/xml-response';
import { qboResponseTime } from '../qbo-time';

export interface QboError {
    Message: string;
    Detail?: string;
    code: string;
    element?: string;
}

/** A QuickBooks fault: the HTTP status plus the Error list and type QBO puts in the envelope. */
export class QboFault extends Error {
    constructor(
        readonly status: number,
        readonly type: string,
        readonly errors: QboError[]
    ) {
        super(errors.map((e) => `${e.code} ${e.Message}`).join('; '));
    }

    static validation(code: string, message: string, detail: string, element?: string): QboFault {
        return new QboFault(400, 'ValidationFault', [{ Message: message, Detail: detail, code, element }]);
    }
}

export type FaultStyle = 'standard' | 'lowercase' | 'xml';

/** Wire forms QBO uses for faults: the documented envelope, a lower-case Java-bean dump, and XML. */
export function renderFault(
    fault: QboFault,
    style: FaultStyle,
    epochMs: number
): { contentType: string; body: string } {
    if (style === 'xml') {
        return {
            contentType: 'application/xml;charset=UTF-8',
            body: intuitResponseXml({ Fault: faultBody(fault) }, qboResponseTime(epochMs))
        };
    }
    if (style === 'lowercase') {
        return {
            contentType: 'application/json;charset=UTF-8',
            body: JSON.stringify({
                warnings: null,
                intuitObject: null,
                fault: {
                    error: fault.errors.map((e) => ({
                        message: e.Message,
                        detail: e.Detail ?? null,
                        code: e.code,
                        element: e.element ?? null
                    })),
                    type: fault.type
                },
                report: null,
                queryResponse: null,
                batchItemResponse: [],
                attachableResponse: [],
                syncErrorResponse: null,
                requestId: null,
                time: epochMs,
                status: null,
                cdcresponse: []
            })
        };
    }
    return {
        contentType: 'application/json;charset=UTF-8',
        body: JSON.stringify({ Fault: faultBody(fault), time: qboResponseTime(epochMs) })
    };
}

/** The `Fault` object alone, as it appears inside batch item responses. */
export function faultBody(fault: QboFault): { Error: QboError[]; type: string } {
    return {
        Error: fault.errors.map((e) => {
            const error: QboError = { Message: e.Message } as QboError;
            if (e.Detail !== undefined) error.Detail = e.Detail;
            error.code = e.code;
            if (e.element !== undefined) error.element = e.element;
            return error;
        }),
        type: fault.type
    };
}
