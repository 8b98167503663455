import { QboFault } from './qbo-fault';

/** The faults QBO returns, with the codes, messages and statuses it uses (see README "Faults" for sources). */
export const Faults = {
    authenticationFailed(): QboFault {
        return new QboFault(401, 'AUTHENTICATION', [
            {
                Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
                Detail: 'Authentication failed',
                code: '3200'
            }
        ]);
    },

    applicationAuthorizationFailed(): QboFault {
        return new QboFault(403, 'AUTHORIZATION', [
            {
                Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
                Detail: 'SubStatusCode=null; Application is not authorized to access this company',
                code: '3100'
            }
        ]);
    },

    throttleExceeded(): QboFault {
        return new QboFault(429, 'SERVICE', [
            {
                Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
                Detail: 'The request limit was reached.',
                code: '3001'
            }
        ]);
    },

    systemFault(status = 500): QboFault {
        return new QboFault(status, 'SystemFault', [
            {
                Message: 'An application error has occurred while processing your request',
                Detail: 'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again. If the problem persists, contact customer support.',
                code: '10000'
            }
        ]);
    },

    unsupportedOperation(method: string, path: string): QboFault {
        return QboFault.validation(
            '500',
            'Unsupported Operation',
            `Operation Could not find resource for relative : ${path} of full path: ${method} ${path} is not supported.`
        );
    },

    unsupportedMediaType(contentType: string): QboFault {
        return new QboFault(415, 'ValidationFault', [
            {
                Message: 'Unsupported Media Type',
                Detail: `Content type ${contentType || '(none)'} is not supported for this operation.`,
                code: '415'
            }
        ]);
    },

    malformedRequest(problem: string): QboFault {
        return QboFault.validation(
            '2010',
            'Request has invalid or unsupported property',
            `Property Name:${problem} specified is unsupported or invalid`
        );
    },

    unsupportedProperty(entity: string, property: string): QboFault {
        return QboFault.validation(
            '2010',
            'Request has invalid or unsupported property',
            `Property Name:Unrecognized field "${property}" (class com.intuit.schema.finance.v3.${entity}), not marked as ignorable specified is unsupported or invalid`
        );
    },

    requiredParamMissing(parameter: string, element?: string): QboFault {
        return QboFault.validation(
            '2020',
            'Required param missing, need to supply the required value for the API',
            `Required parameter ${parameter} is missing in the request`,
            element
        );
    },

    stringLength(element: string, max: number, supplied: number): QboFault {
        return QboFault.validation(
            '2050',
            'String length is either shorter or longer than supported by specification',
            `String length specified does not match the supported length. Min:0 Max:${max} supplied:${supplied}`,
            element
        );
    },

    /** QBO names the list, e.g. "Invalid Reference Id : Names element id 540123582 not found" for a customer. */
    invalidReference(entity: string, id: string, element: string): QboFault {
        const list: Record<string, string> = {
            Customer: 'Names',
            Item: 'Items',
            Account: 'Accounts',
            TaxCode: 'TaxCodes',
            TaxRate: 'TaxRates',
            Term: 'SalesTerms',
            Invoice: 'Txns',
            Payment: 'Txns'
        };
        return QboFault.validation(
            '2500',
            'Invalid Reference Id',
            `Invalid Reference Id : ${list[entity] ?? entity} element id ${id} not found`,
            element
        );
    },

    objectNotFound(detail?: string): QboFault {
        return QboFault.validation(
            '610',
            'Object Not Found',
            detail ??
                "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees."
        );
    },

    staleObject(): QboFault {
        return QboFault.validation(
            '5010',
            'Stale Object Error',
            'Stale Object Error : You and another user were working on this at the same time. The other user finished before you did, so your work was not saved.'
        );
    },

    duplicateName(existingId: string): QboFault {
        return QboFault.validation(
            '6240',
            'Duplicate Name Exists Error',
            `The name supplied already exists. : Id=${existingId}`
        );
    },

    duplicateDocNumber(docNumber: string, txnId: string): QboFault {
        return QboFault.validation(
            '6140',
            'Duplicate Document Number Error',
            `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=Invoice with TxnId=${txnId}`
        );
    },

    amountCalculation(suppliedAmount: number): QboFault {
        return QboFault.validation(
            '6070',
            'Amount calculation incorrect in the request.',
            `Amount is not equal to UnitPrice * Qty. Supplied value:${new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 }).format(suppliedAmount)}`,
            'Line.Amount'
        );
    },

    businessValidation(detail: string, element?: string): QboFault {
        return QboFault.validation(
            '6000',
            'A business validation error has occurred while processing your request',
            `Business Validation Error: ${detail}`,
            element
        );
    },

    queryParse(detail: string): QboFault {
        return QboFault.validation('4000', 'Error parsing query', `QueryParserError: ${detail}`);
    },

    queryValidation(detail: string): QboFault {
        return QboFault.validation('4001', 'Invalid query', `QueryValidationError: ${detail}`);
    },

    batchTooLarge(limit: number): QboFault {
        return QboFault.validation(
            '1040',
            'Batch size exceeded',
            `Number of operations in the batch request exceeded the maximum of ${limit}`
        );
    }
};
