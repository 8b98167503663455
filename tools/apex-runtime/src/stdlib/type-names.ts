/**
 * The names the platform library answers to: built-in exception and interface classes, built-in types (plain and
 * namespace-qualified), the values of platform enums, and the Id and type-name spellings the platform prints.
 */

export const SYSTEM_EXCEPTIONS = [
    'AsyncException',
    'CalloutException',
    'DmlException',
    'EmailException',
    'FinalException',
    'FlowException',
    'HandledException',
    'IllegalArgumentException',
    'InvalidParameterValueException',
    'LimitException',
    'ListException',
    'MathException',
    'NoAccessException',
    'NoDataFoundException',
    'NoSuchElementException',
    'NullPointerException',
    'QueryException',
    'RequiredFeatureMissingException',
    'SearchException',
    'SecurityException',
    'SerializationException',
    'SObjectException',
    'StringException',
    'TypeException',
    'UnexpectedException',
    'JSONException',
    'XmlException',
    'AssertException',
    'AuraHandledException',
    'InvalidHeaderException',
    'UnsupportedOperationException'
];

export const SYSTEM_INTERFACES = [
    'Queueable',
    'Schedulable',
    'Finalizer',
    'FinalizerContext',
    'QueueableContext',
    'SchedulableContext',
    'HttpCalloutMock',
    'StubProvider',
    'Comparable',
    'Comparator',
    'Callable',
    'Iterable',
    'Iterator',
    'Batchable',
    'BatchableContext',
    'AllowsCallouts',
    'Stateful',
    'RaisesPlatformEvents',
    'WebServiceMock'
];

export const BUILTIN_TYPES = new Set(
    [
        'object',
        'string',
        'integer',
        'long',
        'decimal',
        'double',
        'boolean',
        'date',
        'datetime',
        'time',
        'id',
        'blob',
        'list',
        'set',
        'map',
        'sobject',
        'system',
        'math',
        'json',
        'jsongenerator',
        'jsonparser',
        'jsontoken',
        'database',
        'test',
        'assert',
        'limits',
        'userinfo',
        'schema',
        'type',
        'encodingutil',
        'crypto',
        'messaging',
        'featuremanagement',
        'security',
        'url',
        'http',
        'httprequest',
        'httpresponse',
        'trigger',
        'triggeroperation',
        'roundingmode',
        'accesslevel',
        'accesstype',
        'logginglevel',
        'pattern',
        'matcher',
        'asyncoptions',
        'asyncinfo',
        'parentjobresult',
        'restcontext',
        'restrequest',
        'restresponse',
        'label',
        'savepoint',
        'approval',
        'dom',
        'eventbus',
        'sobjecttype',
        'sobjectfield',
        'describesobjectresult',
        'describefieldresult',
        'picklistentry',
        'recordtypeinfo',
        'displaytype',
        'statuscode',
        'aggregateresult',
        'sobjectaccessdecision',
        'timezone',
        'userinfo',
        'queueablecontext',
        'schedulablecontext',
        'finalizercontext',
        'quiddity',
        'request',
        'orglimits',
        'site',
        'network',
        'uuid',
        'orglimit',
        'fieldset',
        'fieldsetmember',
        'sobjectdescribeoptions',
        'soaptype'
    ].flatMap((n) => [n])
);

/**
 * Platform types that load (a deploy accepts them) but are not modelled here: using one fails at run time with an
 * uncatchable UnsupportedFeature error naming it. Visualforce: PageReference, ApexPages, Page.
 */
export const NOT_MODELLED_TYPES = new Map<string, string>([
    ['pagereference', 'Visualforce (PageReference)'],
    ['apexpages', 'Visualforce (ApexPages)'],
    ['apexpages.standardcontroller', 'Visualforce (ApexPages.StandardController)'],
    ['apexpages.standardsetcontroller', 'Visualforce (ApexPages.StandardSetController)'],
    ['apexpages.message', 'Visualforce (ApexPages.Message)'],
    ['apexpages.severity', 'Visualforce (ApexPages.Severity)'],
    ['page', 'Visualforce (Page)'],
    ['location', 'Geolocation (System.Location)'],
    ['address', 'Compound address values (System.Address)'],
    ['messaging.inboundemail', 'Inbound email (Messaging.InboundEmail)'],
    ['messaging.inboundenvelope', 'Inbound email (Messaging.InboundEnvelope)'],
    ['messaging.inboundemailresult', 'Inbound email (Messaging.InboundEmailResult)']
]);

/**
 * Platform namespaces (and DataWeave's generated script classes) that are not modelled: any name in them fails at run
 * time with the uncatchable UnsupportedFeature error naming the API.
 */
export const NOT_MODELLED_NAMESPACES = new Map<string, string>([
    ['connectapi', 'ConnectApi (Chatter in Apex)'],
    ['search', 'SOSL (Search.query, inline [FIND …] queries)'],
    ['dataweave', 'DataWeave in Apex'],
    ['dataweavescriptresource', 'DataWeave in Apex (DataWeaveScriptResource)']
]);

export const QUALIFIED_BUILTINS = new Set([
    'database.saveresult',
    'database.upsertresult',
    'database.deleteresult',
    'database.undeleteresult',
    'database.error',
    'database.dmloptions',
    'database.querylocator',
    'database.batchable',
    'database.batchablecontext',
    'database.allowscallouts',
    'database.stateful',
    'database.leadconvert',
    'schema.sobjecttype',
    'schema.sobjectfield',
    'schema.describesobjectresult',
    'schema.describefieldresult',
    'schema.picklistentry',
    'schema.recordtypeinfo',
    'schema.displaytype',
    'schema.childrelationship',
    'schema.fieldset',
    'schema.fieldsetmember',
    'messaging.singleemailmessage',
    'messaging.sendemailresult',
    'messaging.emailfileattachment',
    'dom.document',
    'dom.xmlnode',
    'system.label',
    'system.type',
    'system.accesslevel',
    'system.roundingmode',
    'system.logginglevel',
    'system.queueable',
    'system.finalizer',
    'system.asyncoptions',
    'system.url',
    'system.request',
    'system.quiddity',
    'cache.org',
    'cache.session',
    'cache.orgpartition',
    'cache.sessionpartition',
    'cache.partition',
    'cache.cachebuilder',
    'cache.visibility',
    'auth.sessionmanagement',
    'auth.sessionlevel',
    'system.uuid',
    'system.network',
    'system.orglimits',
    'system.orglimit',
    'schema.soaptype',
    'database.emptyrecyclebinresult',
    'database.mergeresult',
    'database.leadconvertresult',
    'approval.lockresult',
    'approval.unlockresult',
    'approval.processsubmitrequest',
    'approval.processresult'
]);

export const ENUMS: Record<string, string[]> = {
    roundingmode: ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UNNECESSARY', 'UP'],
    // the platform's declaration order (its ordinals), not the Apex Reference's listing order: NONE 0, INTERNAL 1,
    // FINEST 2 … ERROR 8, so `level.ordinal() >= userLevel.ordinal()` tells whether a level is logged
    logginglevel: ['NONE', 'INTERNAL', 'FINEST', 'FINER', 'FINE', 'DEBUG', 'INFO', 'WARN', 'ERROR'],
    parentjobresult: ['SUCCESS', 'UNHANDLED_EXCEPTION'],
    triggeroperation: [
        'BEFORE_INSERT',
        'BEFORE_UPDATE',
        'BEFORE_DELETE',
        'AFTER_INSERT',
        'AFTER_UPDATE',
        'AFTER_DELETE',
        'AFTER_UNDELETE'
    ],
    jsontoken: [
        'END_ARRAY',
        'END_OBJECT',
        'FIELD_NAME',
        'NOT_AVAILABLE',
        'START_ARRAY',
        'START_OBJECT',
        'VALUE_EMBEDDED_OBJECT',
        'VALUE_FALSE',
        'VALUE_NULL',
        'VALUE_NUMBER_FLOAT',
        'VALUE_NUMBER_INT',
        'VALUE_STRING',
        'VALUE_TRUE'
    ],
    displaytype: [
        'ADDRESS',
        'ANYTYPE',
        'BASE64',
        'BOOLEAN',
        'COMBOBOX',
        'CURRENCY',
        'DATACATEGORYGROUPREFERENCE',
        'DATE',
        'DATETIME',
        'DOUBLE',
        'EMAIL',
        'ENCRYPTEDSTRING',
        'ID',
        'INTEGER',
        'LONG',
        'MULTIPICKLIST',
        'PERCENT',
        'PHONE',
        'PICKLIST',
        'REFERENCE',
        'STRING',
        'TEXTAREA',
        'TIME',
        'URL'
    ],
    // Apex Reference › SOAPType Enum
    soaptype: ['ANYTYPE', 'BASE64BINARY', 'BOOLEAN', 'DATE', 'DATETIME', 'DOUBLE', 'ID', 'INTEGER', 'STRING', 'TIME'],
    // Apex Reference › SObjectDescribeOptions Enum
    sobjectdescribeoptions: ['DEFAULT', 'DEFERRED', 'FULL'],
    // Apex Reference › Visibility Enum (Cache namespace)
    'cache.visibility': ['ALL', 'NAMESPACE'],
    // Apex Reference › SessionLevel Enum
    'auth.sessionlevel': ['LOW', 'STANDARD', 'HIGH_ASSURANCE'],
    accesslevel: ['SYSTEM_MODE', 'USER_MODE'],
    accesstype: ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE'],
    quiddity: [
        'ANONYMOUS',
        'AURA',
        'BATCH_ACS',
        'BATCH_APEX',
        'BATCH_CHUNK_PARALLEL',
        'BATCH_CHUNK_SERIAL',
        'BULK_API',
        'COMMERCE_INTEGRATION',
        'DISCOVERABLE_LOGIN',
        'FUNCTION_CALLBACK',
        'FUTURE',
        'INBOUND_EMAIL_SERVICE',
        'INVOCABLE_ACTION',
        'IOT',
        'PLATFORM_EVENT_PUBLISH_CALLBACK',
        'POST_COMMIT_QUEUEABLE',
        'QUEUEABLE',
        'QUICK_ACTION',
        'REMOTE_ACTION',
        'REST',
        'RUNTEST_ASYNC',
        'RUNTEST_DEPLOY',
        'RUNTEST_SYNC',
        'SCHEDULED',
        'SOAP',
        'SYNCHRONOUS',
        'TRANSACTION_FINALIZER_QUEUEABLE',
        'VF'
    ]
};

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** 15 → 18 character Id (case-safe suffix). */
export function to18(id: string): string {
    if (id.length !== 15) return id;
    let suffix = '';
    for (let block = 0; block < 3; block++) {
        let flags = 0;
        for (let i = 0; i < 5; i++) {
            const c = id[block * 5 + i];
            if (c >= 'A' && c <= 'Z') flags |= 1 << i;
        }
        suffix += ID_CHARS[flags];
    }
    return id + suffix;
}

export function canonicalBuiltin(name: string): string {
    const map: Record<string, string> = {
        string: 'String',
        integer: 'Integer',
        long: 'Long',
        decimal: 'Decimal',
        double: 'Double',
        boolean: 'Boolean',
        date: 'Date',
        datetime: 'Datetime',
        time: 'Time',
        id: 'Id',
        blob: 'Blob',
        object: 'Object',
        list: 'List',
        set: 'Set',
        map: 'Map',
        sobject: 'SObject'
    };
    return map[name.toLowerCase()] ?? name;
}
