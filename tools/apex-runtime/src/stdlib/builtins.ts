/**
 * The platform library as the interpreter sees it: built-in types, static methods (System, String, Math, Date …),
 * instance methods on primitives and native objects, sObject glue onto R2's org, DML/SOQL facades.
 */
import type { ClassDecl, Node, TypeRef } from '../loader/ast';
import type { Interpreter } from '../interpreter/interpreter';
import type { Frame, TypeHandle } from '../interpreter/frame';
import type { PlatformLibrary } from '../interpreter/platform-library';
import {
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ClassInfo,
    EnumValue,
    NativeObject,
    OBJECT_T,
    SObjectFieldToken,
    SObjectTypeToken,
    T,
    TypeToken,
    keyOf
} from '../interpreter/objects';
import { isSObject, SObjectLike } from '../interpreter/sobjects';
import { ApexThrow, SystemError } from '../interpreter/errors';
import { Decimal, RoundingMode } from '../values/decimal';
import { ApexDouble, javaDoubleToString } from '../values/double';
import { ApexDate, ApexDatetime, ApexTime, daysInMonth, instantOfWall, isLeapYear } from '../values/datetime';
import { ApexBlob } from '../values/blob';
import { stringMethod, stringStatic, parseNumber, javaRegex } from './strings';
import { listMethod, setMethod, mapMethod, listIndexCheck } from './collections';
import { JsonGenerator, parseJson, serialize, toTyped, toUntyped } from './json';
import * as crypto from 'crypto';

/* eslint-disable @typescript-eslint/no-explicit-any */

const SYSTEM_EXCEPTIONS = [
    'AsyncException',
    'CalloutException',
    'DmlException',
    'EmailException',
    'FinalException',
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

const SYSTEM_INTERFACES = [
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

const BUILTIN_TYPES = new Set(
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
        'network'
    ].flatMap((n) => [n])
);

const QUALIFIED_BUILTINS = new Set([
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
    'approval.processsubmitrequest',
    'approval.processresult'
]);

const ENUMS: Record<string, string[]> = {
    roundingmode: ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UNNECESSARY', 'UP'],
    logginglevel: ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST'],
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

export interface Hooks {
    /** test runner + async + http wire their handlers in here */
    test?: (n: string, args: any[], f: Frame) => any;
    async?: (n: string, args: any[], f: Frame) => any;
    http?: (o: NativeObject | null, n: string, args: any[], f: Frame) => any;
    isRunningTest?: () => boolean;
    emails?: any[];
    /** runs the project's triggers for an object (platform event delivery) */
    triggers?: (objectName: string, ctx: any) => void;
}

export class Builtins implements PlatformLibrary {
    readonly hooks: Hooks = {};
    /** stack of active trigger contexts */
    triggerStack: any[] = [];
    restRequest: any = null;
    restResponse: any = null;
    labels: Record<string, string> = {};
    private idCounter = 1;

    constructor(readonly it: Interpreter) {}

    /** Registers built-in exceptions and system interfaces as classes the linker can resolve. */
    install(): void {
        const decl = (name: string, kind: 'class' | 'interface', ext: string | null): ClassDecl => ({
            name,
            n: name.toLowerCase(),
            kind,
            mods: new Set(['virtual', 'global']),
            annotations: [],
            ext: ext ? T(ext) : null,
            impls: [],
            fields: [],
            methods: [],
            ctors: [],
            inits: [],
            inner: [],
            enumValues: [],
            file: '<system>',
            line: 0
        });
        const base = this.it.register(decl('Exception', 'class', null), null, true);
        this.it.exceptionBase = base;
        for (const n of SYSTEM_EXCEPTIONS) {
            const c = this.it.register(decl(n, 'class', null), null, true);
            c.superclass = base;
        }
        for (const n of SYSTEM_INTERFACES) this.it.register(decl(n, 'interface', null), null, true);
    }

    isBuiltinType(n: string): boolean {
        return BUILTIN_TYPES.has(n) || QUALIFIED_BUILTINS.has(n);
    }

    key(v: any): any {
        if (typeof v === 'string' && v.length === 15 && /^[a-zA-Z0-9]{15}$/.test(v) && /^[a-zA-Z0-9]{3}0/.test(v)) {
            // 15-char Ids are normalised only when typed Id; plain strings stay as they are
        }
        return keyOf(v, (o) => {
            if (this.it.hasMethod(o, 'hashCode', 0) && this.it.hasMethod(o, 'equals', 1)) {
                return 'h:' + o.cls.n + ':' + String(this.it.callMethod(o, 'hashCode', []));
            }
            return null;
        });
    }

    normalizeId(v: string): string {
        return to18(v);
    }

    newId(prefix: string): string {
        const n = (this.idCounter++).toString(36).toUpperCase().padStart(9, '0');
        return to18(prefix + '000' + n);
    }

    listGet(l: ApexList, i: any): any {
        listIndexCheck(this.it, l, i);
        return l.items[i];
    }

    listSet(l: ApexList, i: any, v: any): void {
        listIndexCheck(this.it, l, i);
        l.items[i] = v;
    }

    makeIterator(items: any[]): NativeObject {
        let i = 0;
        return new NativeObject('Iterator', {
            iterator: () => items[Symbol.iterator](),
            call: (n: string) => {
                if (n === 'hasnext') return i < items.length;
                if (n === 'next') {
                    if (i >= items.length) this.it.throwSys('NoSuchElementException', 'Iterator has no more elements.');
                    return items[i++];
                }
                return undefined;
            }
        });
    }

    // ------------------------------------------------------------------ sObjects

    get org(): any {
        if (!this.it.org) this.it.throwSys('UnexpectedException', 'No org is loaded');
        return this.it.org;
    }

    newSObject(name: string): SObjectLike {
        return this.wrapOrgErrors(() => this.org.newSObject(name));
    }

    sobjectPut(so: SObjectLike, field: string, v: any, fromJson = false): void {
        void fromJson;
        this.wrapOrgErrors(() => {
            if (
                (isSObject(v) || v === null) &&
                !this.describeField(so.type, field) &&
                this.relationship(so.type, field) === 'parent'
            ) {
                so.putSObject(field, v);
            } else so.put(field, v);
        });
    }

    sobjectFieldType(object: string, field: string): TypeRef {
        const d = this.describeField(object, field);
        if (!d) return OBJECT_T;
        switch (String(d.type).toLowerCase()) {
            case 'currency':
            case 'percent':
            case 'number':
            case 'decimal':
            case 'double':
                return T('Decimal');
            case 'int':
            case 'integer':
                return T('Integer');
            case 'date':
                return T('Date');
            case 'datetime':
                return T('Datetime');
            case 'time':
                return T('Time');
            case 'boolean':
            case 'checkbox':
                return T('Boolean');
            case 'id':
            case 'lookup':
            case 'masterdetail':
                return T('Id');
            case 'base64':
                return T('Blob');
            default:
                return T('String');
        }
    }

    describeObject(name: string): any {
        return this.it.org?.schema.getObject(name) ?? null;
    }

    describeField(object: string, field: string): any {
        const o = this.describeObject(object);
        if (!o) return null;
        const fields = o.fields;
        const lower = field.toLowerCase();
        if (fields instanceof Map) {
            for (const [k, v] of fields) if (k.toLowerCase() === lower) return v;
            return null;
        }
        if (Array.isArray(fields)) return fields.find((f: any) => f.name.toLowerCase() === lower) ?? null;
        if (fields && typeof fields === 'object') {
            for (const k of Object.keys(fields)) if (k.toLowerCase() === lower) return fields[k];
        }
        return null;
    }

    fieldList(object: string): any[] {
        const o = this.describeObject(object);
        if (!o) return [];
        const fields = o.fields;
        if (fields instanceof Map) return [...fields.values()];
        if (Array.isArray(fields)) return fields;
        return Object.values(fields ?? {});
    }

    wrapOrgErrors<R>(fn: () => R): R {
        try {
            return fn();
        } catch (e: any) {
            if (e && typeof e.apexType === 'string') throw this.it.toApexThrow(e);
            throw e;
        }
    }

    sobjectTypeToken(name: string): SObjectTypeToken | null {
        const o = this.describeObject(name);
        return o ? new SObjectTypeToken(o.name) : null;
    }

    // ------------------------------------------------------------------ DML / SOQL glue

    private recordsOf(v: any): SObjectLike[] {
        if (v === null) this.it.throwSys('DmlException', 'Invalid list or record: null');
        if (isSObject(v)) return [v];
        if (v instanceof ApexList) return v.items as SObjectLike[];
        this.it.throwSys('DmlException', 'DML requires an SObject or a list of SObjects');
    }

    dmlStatement(op: string, v: any, access: string, extId: string | null, frame: Frame): void {
        void frame;
        const recs = this.recordsOf(v);
        this.hooks.async?.('beforeDml', [], frame);
        this.wrapOrgErrors(() =>
            this.org.dml(op, recs, { allOrNone: true, accessLevel: access, externalIdField: extId })
        );
    }

    databaseDml(op: string, args: any[], frame: Frame): any {
        const single = isSObject(args[0]) || (op === 'delete' && typeof args[0] === 'string');
        let recs: any[];
        if (op === 'delete' || op === 'undelete') {
            const raw = isSObject(args[0]) || typeof args[0] === 'string' ? [args[0]] : (args[0] as ApexList).items;
            recs = raw.map((r: any) => {
                if (typeof r !== 'string') return r;
                const so = this.org.newSObjectForId ? this.org.newSObjectForId(r) : null;
                return so ?? r;
            });
        } else recs = this.recordsOf(args[0]);
        let allOrNone = true;
        let access = 'SYSTEM_MODE';
        let extId: string | null = null;
        let rest = args.slice(1);
        if (op === 'upsert' && rest[0] instanceof SObjectFieldToken) {
            extId = rest[0].field;
            rest = rest.slice(1);
        }
        for (const a of rest) {
            if (typeof a === 'boolean') allOrNone = a;
            else if (a instanceof EnumValue && a.type === 'AccessLevel') access = a.name;
            else if (a instanceof NativeObject && a.typeName === 'Database.DMLOptions')
                allOrNone = a.data.optAllOrNone ?? allOrNone;
        }
        this.hooks.async?.('beforeDml', [], frame);
        const results: any[] = this.wrapOrgErrors(() =>
            this.org.dml(op, recs, { allOrNone, accessLevel: access, externalIdField: extId })
        );
        const typeName =
            op === 'upsert'
                ? 'Database.UpsertResult'
                : op === 'delete'
                  ? 'Database.DeleteResult'
                  : op === 'undelete'
                    ? 'Database.UndeleteResult'
                    : 'Database.SaveResult';
        const wrapped = (results ?? []).map((r: any) => new NativeObject(typeName, r));
        if (single) return wrapped[0];
        return new ApexList(T(typeName), wrapped);
    }

    compileInlineSoql(e: Node): any {
        return this.wrapOrgErrors(() => this.org.compileSoql(e.text));
    }

    runQuery(q: any, resolveBind: (b: any) => any, access: string | null, f: Frame): any {
        void f;
        const res = this.wrapOrgErrors(() =>
            this.org.query(q, {
                resolveBind: (b: any) => this.toOrgValue(resolveBind(b)),
                accessLevel: access ?? q.accessLevel ?? 'SYSTEM_MODE'
            })
        );
        return this.fromQueryResult(res, q);
    }

    /** Values handed to R2 (binds): collections become JS arrays. */
    toOrgValue(v: any): any {
        if (v instanceof ApexList) return v.items.map((x) => this.toOrgValue(x));
        if (v instanceof ApexSet) return [...v.map.values()].map((x) => this.toOrgValue(x));
        if (v instanceof ApexMap) return [...v.map.values()].map(([k]) => k);
        return v;
    }

    fromQueryResult(res: any, q: any): any {
        if (typeof res === 'number') {
            return res;
        }
        const rows: any[] = Array.isArray(res) ? res : (res?.records ?? res?.rows ?? []);
        const typeName = q?.objectName ?? q?.object ?? (rows[0]?.type as string) ?? 'SObject';
        const aggregate = rows.length && !isSObject(rows[0]);
        const list = new ApexList(
            T(aggregate ? 'AggregateResult' : typeName),
            aggregate ? rows.map((r) => new NativeObject('AggregateResult', r)) : rows
        );
        list.fromSoql = true;
        return list;
    }

    runAs(user: any, fn: () => number | undefined): number | undefined {
        if (!this.it.org?.runAs) return fn();
        let r: number | undefined;
        this.wrapOrgErrors(() =>
            this.it.org!.runAs(user, () => {
                r = fn();
            })
        );
        return r;
    }

    // ------------------------------------------------------------------ construction

    constructNative(cls: ClassInfo, args: any[]): ApexObject | null {
        void cls;
        void args;
        return null;
    }

    /** An instance with field initialisers run but no constructor (JSON.deserialize). */
    blankInstance(cls: ClassInfo): ApexObject {
        const obj = new ApexObject(cls);
        const chain: ClassInfo[] = [];
        for (let c: ClassInfo | null = cls; c && !c.builtin; c = c.superclass) chain.unshift(c);
        for (const c of chain) {
            const frame = this.it.newFrame(c, obj, '<init>');
            this.it.frames.push(frame);
            try {
                for (const fd of c.decl.fields) {
                    if (fd.mods.has('static')) continue;
                    obj.fields.set(fd.n, fd.init ? this.it.coerce(this.it.eval(fd.init, frame), fd.type, c) : null);
                }
            } finally {
                this.it.frames.pop();
            }
        }
        return obj;
    }

    newBuiltin(h: TypeHandle, t: TypeRef, args: any[], f: Frame): any {
        const n = h.kind === 'builtin' ? h.n.replace(/^system\./, '') : t.n;
        switch (n) {
            case 'httprequest':
                return new NativeObject('HttpRequest', {
                    method: 'GET',
                    endpoint: null,
                    headers: new Map(),
                    body: null,
                    bodyBlob: null,
                    timeout: 10000
                });
            case 'httpresponse':
                return new NativeObject('HttpResponse', {
                    statusCode: 0,
                    status: null,
                    headers: new Map(),
                    body: '',
                    bodyBlob: null
                });
            case 'http':
                return new NativeObject('Http', {});
            case 'asyncoptions':
                return new NativeObject('AsyncOptions', {
                    MinimumQueueableDelayInMinutes: null,
                    MaximumQueueableStackDepth: null,
                    DuplicateSignature: null
                });
            case 'messaging.singleemailmessage':
                return new NativeObject('Messaging.SingleEmailMessage', { fields: new Map<string, any>() });
            case 'messaging.emailfileattachment':
                return new NativeObject('Messaging.EmailFileAttachment', { fields: new Map<string, any>() });
            case 'database.dmloptions':
                return new NativeObject('Database.DMLOptions', { optAllOrNone: null });
            case 'restrequest':
                return new NativeObject('RestRequest', {
                    requestURI: null,
                    httpMethod: null,
                    requestBody: null,
                    params: new ApexMap(T('String'), T('String')),
                    headers: new ApexMap(T('String'), T('String')),
                    remoteAddress: null,
                    resourcePath: null
                });
            case 'restresponse':
                return new NativeObject('RestResponse', {
                    statusCode: 200,
                    responseBody: null,
                    headers: new ApexMap(T('String'), T('String'))
                });
            case 'dom.document':
                return new NativeObject('Dom.Document', { root: null });
            case 'url':
                return new NativeObject('Url', { url: args[0] });
            case 'pattern':
                break;
            case 'approval.processsubmitrequest':
                return new NativeObject('Approval.ProcessSubmitRequest', { fields: new Map() });
        }
        if (this.hooks.http && n === 'httpcalloutmock') return null;
        void f;
        this.it.throwSys('TypeException', `Type cannot be constructed: ${t.name}`);
    }

    typeToken(t: TypeRef, from: ClassInfo | null): TypeToken {
        const h = this.it.resolveType(t, from);
        let display = t.name;
        if (h?.kind === 'class') display = h.cls.builtin ? h.cls.name : h.cls.displayName;
        else if (h?.kind === 'sobject') display = h.name;
        else if (t.n === 'list' || t.n === 'map' || t.n === 'set') display = this.typeDisplay(t, from);
        else display = canonicalBuiltin(t.name);
        return new TypeToken(t, display);
    }

    typeDisplay(t: TypeRef, from: ClassInfo | null): string {
        if (!t.args.length) return canonicalBuiltin(t.name);
        return `${canonicalBuiltin(t.name)}<${t.args.map((a) => this.typeDisplay(a, from)).join(',')}>`;
    }

    // ------------------------------------------------------------------ static properties

    getStaticProperty(h: TypeHandle, name: string, f: Frame): any {
        const n = name.toLowerCase();
        if (h.kind === 'sobject') {
            if (n === 'sobjecttype') return new SObjectTypeToken(h.name);
            const fd = this.describeField(h.name, name);
            if (fd) return new SObjectFieldToken(h.name, fd.name);
            if (n === 'fields') return new NativeObject('FieldTokens', { object: h.name });
            this.it.throwSys('SObjectException', `Invalid field ${name} for ${h.name}`);
        }
        if (h.kind === 'namespace') {
            const sub = this.it.resolveTypeName(h.n + '.' + n, null);
            if (sub) return { __type: sub };
            this.it.throwSys('TypeException', `Variable does not exist: ${h.n}.${name}`);
        }
        if (h.kind === 'class') this.it.throwSys('TypeException', `Variable does not exist: ${name}`);
        const type = (h as any).n.replace(/^(system|schema)\./, '');
        if (ENUMS[type]) {
            const idx = ENUMS[type].indexOf(name.toUpperCase());
            if (idx >= 0) return this.enumOf(type, ENUMS[type][idx]);
        }
        // System.StatusCode has hundreds of values: any upper-case name is one (DUPLICATE_VALUE, REQUIRED_FIELD_MISSING …)
        if (type === 'statuscode' && /^[A-Z_]+$/.test(name)) return this.enumOf('statuscode', name);
        switch (type) {
            case 'trigger':
                return this.triggerProperty(n);
            case 'integer':
                if (n === 'max_value') return 2147483647;
                if (n === 'min_value') return -2147483648;
                break;
            case 'long':
                if (n === 'max_value') return 9223372036854775807n;
                if (n === 'min_value') return -9223372036854775808n;
                break;
            case 'math':
                if (n === 'pi') return new ApexDouble(Math.PI);
                if (n === 'e') return new ApexDouble(Math.E);
                break;
            case 'restcontext':
                if (n === 'request') return this.restRequest;
                if (n === 'response') return this.restResponse;
                break;
            case 'label':
                return this.labels[name] ?? this.labels[n] ?? name;
            case 'sobjecttype': {
                const tok = this.sobjectTypeToken(name);
                if (tok) return new NativeObject('Schema.DescribeSObjectResult', { object: tok.name });
                break;
            }
            case 'system':
                if (n === 'label') return { __type: { kind: 'builtin', n: 'label' } };
                break;
        }
        void f;
        this.it.throwSys('TypeException', `Variable does not exist: ${name}`);
    }

    enumOf(type: string, name: string): EnumValue {
        const display: Record<string, string> = {
            roundingmode: 'RoundingMode',
            logginglevel: 'LoggingLevel',
            parentjobresult: 'ParentJobResult',
            triggeroperation: 'TriggerOperation',
            jsontoken: 'JSONToken',
            displaytype: 'Schema.DisplayType',
            accesslevel: 'AccessLevel',
            accesstype: 'AccessType',
            quiddity: 'Quiddity',
            statuscode: 'StatusCode'
        };
        const list = ENUMS[type] ?? [];
        return new EnumValue(display[type] ?? type, name, Math.max(0, list.indexOf(name)));
    }

    setStaticProperty(h: TypeHandle, name: string, v: any): boolean {
        if (h.kind === 'builtin' && h.n === 'restcontext') {
            if (name.toLowerCase() === 'request') this.restRequest = v;
            else this.restResponse = v;
            return true;
        }
        return false;
    }

    private triggerProperty(n: string): any {
        const ctx = this.triggerStack[this.triggerStack.length - 1];
        if (!ctx) {
            if (n.startsWith('is')) return false;
            return null;
        }
        switch (n) {
            case 'new':
                return ctx.new ? this.sobjList(ctx.new, ctx.object) : null;
            case 'old':
                return ctx.old ? this.sobjList(ctx.old, ctx.object) : null;
            case 'newmap':
                return (ctx.new && !ctx.isInsert) || (ctx.isInsert && ctx.isAfter)
                    ? this.sobjMap(ctx.new, ctx.object)
                    : null;
            case 'oldmap':
                return ctx.old ? this.sobjMap(ctx.old, ctx.object) : null;
            case 'isbefore':
                return !!ctx.isBefore;
            case 'isafter':
                return !!ctx.isAfter;
            case 'isinsert':
                return !!ctx.isInsert;
            case 'isupdate':
                return !!ctx.isUpdate;
            case 'isdelete':
                return !!ctx.isDelete;
            case 'isundelete':
                return !!ctx.isUndelete;
            case 'isexecuting':
                return true;
            case 'size':
                return (ctx.new ?? ctx.old ?? []).length;
            case 'operationtype': {
                const phase = ctx.isBefore ? 'BEFORE' : 'AFTER';
                const op = ctx.isInsert ? 'INSERT' : ctx.isUpdate ? 'UPDATE' : ctx.isDelete ? 'DELETE' : 'UNDELETE';
                return this.enumOf('triggeroperation', `${phase}_${op}`);
            }
        }
        return null;
    }

    sobjList(rows: any, object: string): ApexList {
        if (rows instanceof ApexList) return rows;
        if (!ctxListCache.has(rows)) ctxListCache.set(rows, new ApexList(T(object), rows));
        return ctxListCache.get(rows)!;
    }

    sobjMap(rows: any[] | Map<string, any>, object: string): ApexMap {
        const m = new ApexMap(T('Id'), T(object));
        const list = rows instanceof Map ? [...rows.values()] : rows;
        for (const r of list) {
            const id = r.get('Id');
            m.map.set(id, [id, r]);
        }
        return m;
    }

    // ------------------------------------------------------------------ property reads on values

    getProperty(o: any, name: string, f: Frame): any {
        if (isSObject(o)) return this.sobjectGet(o, name);
        if (o instanceof ApexList && o.fromSoql) {
            // [SELECT … ].Field dereferences the single row the query must return
            if (o.items.length === 0) this.it.throwSys('QueryException', 'List has no rows for assignment to SObject');
            if (o.items.length > 1)
                this.it.throwSys('QueryException', 'List has more than 1 row for assignment to SObject');
            return this.getProperty(o.items[0], name, f);
        }
        if (o instanceof NativeObject) {
            const n = name.toLowerCase();
            switch (o.typeName) {
                case 'FieldTokens': {
                    const fd = this.describeField(o.data.object, name);
                    if (!fd) this.it.throwSys('SObjectException', `Invalid field ${name} for ${o.data.object}`);
                    return new SObjectFieldToken(o.data.object, fd.name);
                }
                case 'Schema.DescribeSObjectResult':
                    if (n === 'fields') return new NativeObject('DescribeFields', { object: o.data.object });
                    break;
                case 'DescribeFields': {
                    const fd = this.describeField(o.data.object, name);
                    if (!fd) this.it.throwSys('SObjectException', `Invalid field ${name} for ${o.data.object}`);
                    return new NativeObject('Schema.DescribeFieldResult', { object: o.data.object, field: fd });
                }
                case 'Database.SaveResult':
                case 'Database.UpsertResult':
                case 'Database.DeleteResult':
                case 'Database.UndeleteResult':
                    // result getters are also readable as properties (sr.id, sr.success, sr.errors)
                    if (n === 'id' || n === 'success' || n === 'errors' || n === 'created') {
                        return this.nativeMethod(o, n === 'id' ? 'getid' : n === 'errors' ? 'geterrors' : 'is' + n, []);
                    }
                    break;
                case 'RestRequest':
                case 'RestResponse':
                case 'AsyncOptions': {
                    const key = Object.keys(o.data).find((k) => k.toLowerCase() === n);
                    if (key) return o.data[key];
                    break;
                }
            }
            this.it.throwSys('TypeException', `Variable does not exist: ${name}`);
        }
        if (o instanceof SObjectTypeToken && name.toLowerCase() === 'fields')
            return new NativeObject('FieldTokens', { object: o.name });
        void f;
        this.it.throwSys('TypeException', `Variable does not exist: ${name} on ${this.it.typeNameOf(o)}`);
    }

    setNativeProperty(o: NativeObject, name: string, v: any): boolean {
        const key = Object.keys(o.data).find((k) => k.toLowerCase() === name.toLowerCase());
        if (key) {
            o.data[key] = v;
            return true;
        }
        return false;
    }

    sobjectGet(o: SObjectLike, name: string): any {
        return this.wrapOrgErrors(() => {
            const d = this.describeField(o.type, name);
            if (d) return o.get(d.name);
            const rel = this.relationship(o.type, name);
            if (rel === 'parent') return o.getSObject(name);
            if (rel === 'child') {
                const rows = o.getSObjects(name);
                if (rows === null || rows === undefined) return null;
                const l = new ApexList(T('SObject'), rows as any[]);
                return l;
            }
            return o.get(name);
        });
    }

    relationship(object: string, name: string): 'parent' | 'child' | null {
        const lower = name.toLowerCase();
        for (const fd of this.fieldList(object)) {
            if (fd.relationshipName && String(fd.relationshipName).toLowerCase() === lower) return 'parent';
        }
        const o = this.describeObject(object);
        const children = o?.childRelationships ?? [];
        for (const c of children instanceof Map ? [...children.values()] : children) {
            if (c.relationshipName && String(c.relationshipName).toLowerCase() === lower) return 'child';
        }
        return null;
    }

    // ------------------------------------------------------------------ static calls

    enumStatic(c: ClassInfo, n: string, args: any[]): any {
        if (n === 'values')
            return new ApexList(
                T(c.displayName),
                c.decl.enumValues.map((v) => this.it.enumValue(c, v.toLowerCase()))
            );
        if (n === 'valueof') {
            const ev = typeof args[0] === 'string' ? this.it.enumValue(c, args[0].toLowerCase()) : null;
            if (!ev || ev.name !== args[0])
                return this.it.throwSys('NoSuchElementException', `No enum constant ${c.displayName}.${args[0]}`);
            return ev;
        }
        this.it.throwSys('TypeException', `Method does not exist: ${c.displayName}.${n}`);
    }

    callStatic(h: TypeHandle, n: string, a: any[], f: Frame, e: Node): any {
        if (h.kind === 'sobject') return this.sobjectStatic(h.name, n, a);
        if (h.kind === 'namespace') {
            if (h.n === 'system') return this.callStatic({ kind: 'builtin', n: 'system' }, n, a, f, e);
            if (h.n === 'schema') return this.callStatic({ kind: 'builtin', n: 'schema' }, n, a, f, e);
            this.it.throwSys('TypeException', `Method does not exist: ${h.n}.${n}`);
        }
        if (h.kind === 'class') this.it.throwSys('TypeException', `Method does not exist: ${n}`);
        const type = (h as any).n.replace(/^system\./, '');
        const it = this.it;
        switch (type) {
            case 'system':
                return this.systemStatic(n, a, f);
            case 'string':
                return stringStatic(it, n, a);
            case 'integer':
            case 'long':
            case 'decimal':
            case 'double':
                if (n === 'valueof') return parseNumber(it, type as any, a[0]);
                break;
            case 'boolean':
                if (n === 'valueof')
                    return a[0] === null
                        ? null
                        : typeof a[0] === 'boolean'
                          ? a[0]
                          : String(a[0]).toLowerCase() === 'true';
                break;
            case 'id':
                if (n === 'valueof') {
                    if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(a[0] ?? ''))
                        it.throwSys('StringException', `Invalid id: ${a[0]}`);
                    return to18(a[0]);
                }
                break;
            case 'blob':
                if (n === 'valueof') return ApexBlob.fromString(a[0]);
                if (n === 'topdf') return ApexBlob.fromString(a[0]);
                break;
            case 'date':
                return this.dateStatic(n, a);
            case 'datetime':
                return this.datetimeStatic(n, a);
            case 'time':
                if (n === 'newinstance') return ApexTime.of(a[0], a[1], a[2], a[3]);
                break;
            case 'math':
                return this.mathStatic(n, a);
            case 'json':
                return this.jsonStatic(n, a, f);
            case 'assert':
                return this.assertStatic(n, a);
            case 'test':
                if (this.hooks.test) return this.hooks.test(n, a, f);
                if (n === 'isrunningtest') return false;
                break;
            case 'limits':
                return this.limitsStatic(n);
            case 'userinfo':
                return this.userInfoStatic(n);
            case 'database':
                return this.databaseStatic(n, a, f);
            case 'schema':
                if (n === 'getglobaldescribe') {
                    const m = new ApexMap(T('String'), T('Schema.SObjectType'));
                    const names: string[] = (this.it.org?.schema as any)?.objectNames?.() ?? [];
                    for (const name of names) m.map.set(name.toLowerCase(), [name, new SObjectTypeToken(name)]);
                    // Apex global describe map keys are case-insensitive: stored lower-case
                    (m as any).caseInsensitive = true;
                    return m;
                }
                if (n === 'describesobjects') {
                    return new ApexList(
                        T('Schema.DescribeSObjectResult'),
                        (a[0] as ApexList).items.map(
                            (x) =>
                                new NativeObject('Schema.DescribeSObjectResult', {
                                    object: this.sobjectTypeToken(x)?.name ?? x
                                })
                        )
                    );
                }
                break;
            case 'type':
                if (n === 'forname')
                    return this.typeForName(a.length === 2 ? (a[0] ? a[0] + '.' : '') + a[1] : a[0], f);
                break;
            case 'encodingutil':
                return this.encodingStatic(n, a);
            case 'crypto':
                return this.cryptoStatic(n, a);
            case 'featuremanagement':
                if (n === 'checkpermission')
                    return !!this.wrapOrgErrors(() => this.it.org?.hasCustomPermission?.(a[0]));
                break;
            case 'security':
                if (n === 'stripinaccessible') return this.wrapOrgErrors(() => this.stripInaccessible(a));
                break;
            case 'url':
                if (n === 'getorgdomainurl' || n === 'getsalesforcebaseurl')
                    return new NativeObject('Url', { url: 'https://example.my.salesforce.com' });
                break;
            case 'pattern':
                if (n === 'compile') return new NativeObject('Pattern', { source: a[0] });
                if (n === 'matches') return javaRegex('^(?:' + a[0] + ')$').test(a[1]);
                if (n === 'quote') return a[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
                break;
            case 'messaging':
                if (n === 'sendemail') return this.sendEmail(a);
                if (n === 'reserveSingleEmailCapacity'.toLowerCase()) return null;
                break;
            case 'eventbus':
                if (n === 'publish') return this.publishEvents(a[0]);
                break;
            case 'approval':
                return this.hooks.async?.('approval.' + n, a, f);
            case 'asyncinfo':
                return this.hooks.async?.('asyncinfo.' + n, a, f);
            case 'request':
                if (n === 'getcurrent') return new NativeObject('Request', { quiddity: this.currentQuiddity() });
                break;
            case 'jsonparser':
                break;
        }
        if (type === 'http') return this.hooks.http?.(null, n, a, f);
        if (type === 'cache.org' || type === 'cache.session') {
            const scope = type === 'cache.org' ? 'org' : 'session';
            if (n === 'getpartition')
                return new NativeObject(scope === 'org' ? 'Cache.OrgPartition' : 'Cache.SessionPartition', {
                    scope,
                    name: String(a[0])
                });
            return this.cacheCall(scope, 'local.default', n, a);
        }
        return this.it.throwSys(
            'TypeException',
            `Method does not exist or incorrect signature: ${h.kind === 'builtin' ? h.n : ''}.${n}`
        );
    }

    /** Custom metadata getAll/getInstance and custom setting accessors. */
    private sobjectStatic(object: string, n: string, a: any[]): any {
        const org: any = this.it.org;
        const d = this.describeObject(object);
        if (n === 'getsobjecttype') return new SObjectTypeToken(object);
        if (/__mdt$/i.test(object)) {
            const records: SObjectLike[] = this.wrapOrgErrors(() => org.customMetadata(object)) ?? [];
            switch (n) {
                case 'getall': {
                    const m = new ApexMap(T('String'), T(object));
                    for (const r of records) {
                        const dev = r.get('DeveloperName');
                        m.map.set(dev, [dev, r.clone(true, false, true, true)]);
                    }
                    return m;
                }
                case 'getinstance': {
                    const key = a[0];
                    if (key === null || key === undefined) return null;
                    const r = records.find(
                        (x) =>
                            x.get('DeveloperName') === key || x.get('QualifiedApiName') === key || x.get('Id') === key
                    );
                    return r ? r.clone(true, false, true, true) : null;
                }
            }
        }
        if (d?.isCustomSetting) {
            switch (n) {
                case 'getorgdefaults':
                    return this.wrapOrgErrors(() => org.customSetting?.(object, 'org') ?? this.newSObject(object));
                case 'getinstance':
                    return this.wrapOrgErrors(
                        () =>
                            org.customSetting?.(
                                object,
                                a.length && typeof a[0] === 'string' && a[0].length >= 15
                                    ? 'user'
                                    : a.length
                                      ? 'name'
                                      : 'user',
                                a[0]
                            ) ?? null
                    );
                case 'getvalues':
                    return this.wrapOrgErrors(() => org.customSetting?.(object, 'name', a[0]) ?? null);
                case 'getall': {
                    const m = new ApexMap(T('String'), T(object));
                    for (const r of this.wrapOrgErrors(() => org.customSettingList?.(object) ?? []))
                        m.map.set(r.get('Name'), [r.get('Name'), r]);
                    return m;
                }
            }
        }
        return this.it.throwSys('TypeException', `Method does not exist or incorrect signature: ${object}.${n}`);
    }

    /** Platform events published and not yet delivered to their triggers (publish-after-commit). */
    readonly publishedEvents: SObjectLike[] = [];

    private publishEvents(arg: any): any {
        const events: SObjectLike[] = isSObject(arg)
            ? [arg]
            : arg instanceof ApexList
              ? (arg.items as SObjectLike[])
              : [];
        const results = events.map((e) => {
            if (!/__e$/i.test(e.type)) {
                return new NativeObject('Database.SaveResult', {
                    success: false,
                    id: null,
                    errors: [{ statusCode: 'INVALID_TYPE', message: `${e.type} is not a platform event`, fields: [] }]
                });
            }
            const populated = new Set([...e.getPopulatedFieldsAsMap().keys()].map((k) => k.toLowerCase()));
            const missing = this.fieldList(e.type)
                .filter((f: any) => f.required && !populated.has(String(f.name).toLowerCase()))
                .map((f: any) => f.name);
            if (missing.length) {
                return new NativeObject('Database.SaveResult', {
                    success: false,
                    id: null,
                    errors: [
                        {
                            statusCode: 'REQUIRED_FIELD_MISSING',
                            message: `Required fields are missing: [${missing.join(', ')}]`,
                            fields: missing
                        }
                    ]
                });
            }
            this.publishedEvents.push(e.clone(false, false, false, false));
            return new NativeObject('Database.SaveResult', { success: true, id: this.newId('e00'), errors: [] });
        });
        return isSObject(arg) ? results[0] : new ApexList(T('Database.SaveResult'), results);
    }

    /** Delivers published events to their triggers (after insert, up to 2,000 per batch). */
    deliverEvents(): void {
        while (this.publishedEvents.length) {
            const batch = this.publishedEvents.splice(0);
            const byType = new Map<string, SObjectLike[]>();
            for (const e of batch) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
            for (const [type, events] of byType) {
                for (let i = 0; i < events.length; i += 2000) {
                    this.hooks.triggers?.(type, {
                        isBefore: false,
                        isAfter: true,
                        isInsert: true,
                        isUpdate: false,
                        isDelete: false,
                        isUndelete: false,
                        new: events.slice(i, i + 2000),
                        old: null
                    });
                }
            }
        }
    }

    /** What kind of request is running (Request.getQuiddity). */
    currentQuiddity(): string {
        const kind = this.hooks.async?.('currentkind', [], null as any) as string | null;
        if (kind === 'queueable') return 'QUEUEABLE';
        if (kind === 'future') return 'FUTURE';
        if (kind === 'batch') return 'BATCH_APEX';
        if (kind === 'schedule') return 'SCHEDULED';
        if (this.hooks.isRunningTest?.()) return 'RUNTEST_SYNC';
        return 'ANONYMOUS';
    }

    /** Platform Cache (org and session): an in-memory store per run; TTLs follow the runtime clock. */
    readonly cacheStore = new Map<string, Map<string, { value: any; expiresAt: number }>>();

    private cacheCall(scope: string, partition: string, n: string, a: any[]): any {
        const key = scope + ':' + partition.toLowerCase();
        let store = this.cacheStore.get(key);
        if (!store) {
            store = new Map();
            this.cacheStore.set(key, store);
        }
        const now = this.it.clock.now();
        const live = (k: string) => {
            const e = store!.get(k);
            if (e && e.expiresAt <= now) store!.delete(k);
            return store!.get(k);
        };
        switch (n) {
            case 'get': {
                if (a[0] instanceof TypeToken) {
                    const k = String(a[1]);
                    const hit = live(k);
                    if (hit) return hit.value;
                    const builder = this.typeTokenMethod(a[0], 'newinstance', []);
                    const value = this.it.callMethod(builder, 'doLoad', [k]);
                    store.set(k, { value, expiresAt: now + 86_400_000 });
                    return value;
                }
                return live(String(a[0]))?.value ?? null;
            }
            case 'put': {
                const ttl = typeof a[2] === 'number' ? a[2] : 86400;
                store.set(String(a[0]), { value: a[1], expiresAt: now + ttl * 1000 });
                return null;
            }
            case 'contains':
                return !!live(String(a[0]));
            case 'remove':
                return store.delete(String(a[0]));
            case 'getkeys': {
                const s = new ApexSet(T('String'));
                for (const k of [...store.keys()]) if (live(k)) s.map.set(k, k);
                return s;
            }
            case 'isavailable':
                return true;
            case 'getcapacity':
                return new ApexDouble(0);
            case 'getname':
                return partition;
        }
        return this.it.throwSys('TypeException', `Method does not exist: Cache.${n}`);
    }

    /** Type.forName: class, sObject and built-in names, and generic collection names such as `Map<Id,Contact>`. */
    private typeForName(name: string | null, f: Frame): TypeToken | null {
        if (!name) return null;
        void f;
        const ref = parseTypeName(name.replace(/\s+/g, ''));
        if (!ref) return null;
        const known = (t: TypeRef): boolean =>
            ['list', 'set', 'map'].includes(t.n)
                ? t.args.length > 0 && t.args.every(known)
                : t.n === 'object' || !!this.it.resolveTypeName(t.n, null);
        if (!known(ref)) return null;
        return this.typeToken(ref, null);
    }

    private systemStatic(n: string, a: any[], f: Frame): any {
        const it = this.it;
        switch (n) {
            case 'debug': {
                const v = a.length === 2 ? a[1] : a[0];
                it.out(render_debug(it, v));
                return null;
            }
            case 'assert':
                if (a[0] !== true)
                    this.assertFail(a.length > 1 ? 'Assertion Failed: ' + it.str(a[1]) : 'Assertion Failed');
                return null;
            case 'assertequals':
                if (!it.valuesEqual(a[0], a[1], false)) {
                    this.assertFail(
                        `Assertion Failed: ${a.length > 2 ? it.str(a[2]) + ': ' : ''}Expected: ${it.str(a[0])}, Actual: ${it.str(a[1])}`
                    );
                }
                return null;
            case 'assertnotequals':
                if (it.valuesEqual(a[0], a[1], false)) {
                    this.assertFail(
                        `Assertion Failed: ${a.length > 2 ? it.str(a[2]) + ': ' : ''}Same value: ${it.str(a[0])}`
                    );
                }
                return null;
            case 'now':
                return new ApexDatetime(it.clock.now());
            case 'today':
                return new ApexDatetime(it.clock.now()).dateIn(it.timeZone);
            case 'currenttimemillis':
                return BigInt(it.clock.now());
            case 'runas':
                return null;
            case 'enqueuejob':
            case 'schedule':
            case 'schedulebatch':
            case 'attachfinalizer':
            case 'abortjob':
                return this.hooks.async?.(n, a, f);
            case 'isbatch':
            case 'isfuture':
            case 'isqueueable':
            case 'isscheduled':
                return this.hooks.async?.(n, a, f) ?? false;
            case 'requestversion':
                return null;
            case 'setpassword':
            case 'resetpassword':
                return null;
            case 'equals':
                return it.valuesEqual(a[0], a[1], false);
            case 'hashcode':
                return 0;
            case 'getquiddity':
                return this.enumOf('quiddity', this.currentQuiddity());
        }
        return it.throwSys('TypeException', `Method does not exist or incorrect signature: System.${n}`);
    }

    assertFail(message: string): never {
        const o = this.it.newException('AssertException', message);
        throw new ApexThrow(o);
    }

    private assertStatic(n: string, a: any[]): any {
        const it = this.it;
        const msg = (i: number) => (a.length > i && a[i] !== null ? it.str(a[i]) : null);
        const fail = (detail: string, i: number) => {
            const m = msg(i);
            this.assertFail(`Assertion Failed: ${m !== null ? m + ': ' : ''}${detail}`);
        };
        switch (n) {
            case 'areequal':
                if (!it.valuesEqual(a[0], a[1], false)) fail(`Expected: ${it.str(a[0])}, Actual: ${it.str(a[1])}`, 2);
                return null;
            case 'arenotequal':
                if (it.valuesEqual(a[0], a[1], false)) fail(`Same value: ${it.str(a[0])}`, 2);
                return null;
            case 'istrue':
                if (a[0] !== true) fail('Expected: true, Actual: ' + it.str(a[0]), 1);
                return null;
            case 'isfalse':
                if (a[0] !== false) fail('Expected: false, Actual: ' + it.str(a[0]), 1);
                return null;
            case 'isnull':
                if (a[0] !== null && a[0] !== undefined) fail('Expected: null, Actual: ' + it.str(a[0]), 1);
                return null;
            case 'isnotnull':
                if (a[0] === null || a[0] === undefined) fail('Expected: not null, Actual: null', 1);
                return null;
            case 'fail':
                this.assertFail(a.length && a[0] !== null ? it.str(a[0]) : 'Assertion Failed');
                return null;
            case 'isinstanceoftype':
            case 'isnotinstanceoftype': {
                const tok = a[1] as TypeToken;
                const ok = it.isInstance(a[0], tok.ref, null);
                if (n === 'isinstanceoftype' && !ok)
                    fail(`Expected: ${tok.display}, Actual: ${it.typeNameOf(a[0])}`, 2);
                if (n === 'isnotinstanceoftype' && ok)
                    fail(`Expected not: ${tok.display}, Actual: ${it.typeNameOf(a[0])}`, 2);
                return null;
            }
        }
        return it.throwSys('TypeException', `Method does not exist: Assert.${n}`);
    }

    private dateStatic(n: string, a: any[]): any {
        const it = this.it;
        switch (n) {
            case 'today':
                return new ApexDatetime(it.clock.now()).dateIn(it.timeZone);
            case 'newinstance':
                return ApexDate.of(a[0], a[1], a[2]);
            case 'valueof': {
                if (a[0] === null) return null;
                if (a[0] instanceof ApexDatetime) return a[0].dateIn(it.timeZone);
                const d = ApexDate.parseIso(String(a[0]));
                if (!d) it.throwSys('TypeException', `Invalid date: ${a[0]}`);
                return d;
            }
            case 'parse': {
                const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(String(a[0]).trim());
                if (!m) it.throwSys('TypeException', `Invalid date: ${a[0]}`);
                return ApexDate.of(+m![3], +m![1], +m![2]);
            }
            case 'isleapyear':
                return isLeapYear(a[0]);
            case 'daysinmonth':
                return daysInMonth(a[0], a[1]);
        }
        return it.throwSys('TypeException', `Method does not exist: Date.${n}`);
    }

    private datetimeStatic(n: string, a: any[]): any {
        const it = this.it;
        const tz = it.timeZone;
        switch (n) {
            case 'now':
                return new ApexDatetime(it.clock.now());
            case 'newinstance':
            case 'newinstancegmt': {
                const zone = n === 'newinstancegmt' ? 'GMT' : tz;
                if (a.length === 1) {
                    if (typeof a[0] === 'bigint' || typeof a[0] === 'number') return new ApexDatetime(Number(a[0]));
                    return null;
                }
                if (a.length === 2 && a[0] instanceof ApexDate) {
                    const d = a[0] as ApexDate;
                    const t = a[1] as ApexTime;
                    return new ApexDatetime(
                        instantOfWall(
                            zone,
                            d.year(),
                            d.month(),
                            d.day(),
                            t.hour(),
                            t.minute(),
                            t.second(),
                            t.millisecond()
                        )
                    );
                }
                return new ApexDatetime(instantOfWall(zone, a[0], a[1], a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0));
            }
            case 'valueof':
            case 'valueofgmt': {
                if (a[0] === null) return null;
                const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(String(a[0]));
                if (!m) it.throwSys('TypeException', `Invalid date/time: ${a[0]}`);
                return new ApexDatetime(
                    instantOfWall(
                        n === 'valueofgmt' ? 'GMT' : tz,
                        +m![1],
                        +m![2],
                        +m![3],
                        +(m![4] ?? 0),
                        +(m![5] ?? 0),
                        +(m![6] ?? 0)
                    )
                );
            }
            case 'parse':
                return this.datetimeStatic('valueof', a);
        }
        return it.throwSys('TypeException', `Method does not exist: Datetime.${n}`);
    }

    private mathStatic(n: string, a: any[]): any {
        const it = this.it;
        const num = (v: any) => it.toDouble(v);
        const same = (v: number, like: any) =>
            typeof like === 'number'
                ? v
                : typeof like === 'bigint'
                  ? BigInt(v)
                  : like instanceof Decimal
                    ? Decimal.fromDouble(v)
                    : new ApexDouble(v);
        switch (n) {
            case 'min':
            case 'max': {
                if (a[0] === null || a[1] === null) it.throwSys('NullPointerException', 'Argument cannot be null.');
                const c = it.compareValues(a[0], a[1]);
                const pick = n === 'min' ? (c <= 0 ? a[0] : a[1]) : c >= 0 ? a[0] : a[1];
                if (a[0] instanceof Decimal || a[1] instanceof Decimal) return it.toDecimal(pick);
                return pick;
            }
            case 'abs':
                if (typeof a[0] === 'number') return Math.abs(a[0]);
                if (typeof a[0] === 'bigint') return a[0] < 0n ? -a[0] : a[0];
                if (a[0] instanceof Decimal) return a[0].abs();
                return new ApexDouble(Math.abs(num(a[0])));
            case 'pow':
                return new ApexDouble(Math.pow(num(a[0]), num(a[1])));
            case 'sqrt':
                return new ApexDouble(Math.sqrt(num(a[0])));
            case 'floor':
                return a[0] instanceof Decimal ? a[0].setScale(0, 'FLOOR') : new ApexDouble(Math.floor(num(a[0])));
            case 'ceil':
                return a[0] instanceof Decimal ? a[0].setScale(0, 'CEILING') : new ApexDouble(Math.ceil(num(a[0])));
            case 'round':
                if (a[0] instanceof Decimal) return Number(a[0].roundToLong('HALF_EVEN'));
                return Math.round(num(a[0]));
            case 'roundtolong':
                if (a[0] instanceof Decimal) return a[0].roundToLong('HALF_UP');
                return BigInt(Math.round(num(a[0])));
            case 'mod':
                if (typeof a[0] === 'bigint' || typeof a[1] === 'bigint') return BigInt(a[0]) % BigInt(a[1]);
                if (a[1] === 0) it.throwSys('MathException', 'Divide by 0');
                return a[0] % a[1];
            case 'random':
                return new ApexDouble(Math.random());
            case 'signum':
                return same(Math.sign(num(a[0])), a[0] instanceof Decimal ? new ApexDouble(0) : a[0]);
            case 'exp':
                return new ApexDouble(Math.exp(num(a[0])));
            case 'log':
                return new ApexDouble(Math.log(num(a[0])));
            case 'log10':
                return new ApexDouble(Math.log10(num(a[0])));
        }
        return it.throwSys('TypeException', `Method does not exist: Math.${n}`);
    }

    private jsonStatic(n: string, a: any[], f: Frame): any {
        const it = this.it;
        switch (n) {
            case 'serialize':
                return serialize(it, a[0], false, a[1] === true);
            case 'serializepretty':
                return serialize(it, a[0], true, a[1] === true);
            case 'deserializeuntyped':
                return toUntyped(parseJson(it, a[0]));
            case 'deserialize':
            case 'deserializestrict': {
                const tok = a[1] as TypeToken;
                if (!(tok instanceof TypeToken)) it.throwSys('NullPointerException', 'Argument cannot be null.');
                return toTyped(it, parseJson(it, a[0]), tok.ref, f.cls, n === 'deserializestrict');
            }
            case 'creategenerator':
                return new NativeObject('JSONGenerator', new JsonGenerator(it, a[0] === true));
        }
        return it.throwSys('TypeException', `Method does not exist: JSON.${n}`);
    }

    private limitsStatic(n: string): any {
        const org = this.it.org as any;
        const lim = org?.limits ?? {};
        const asyncCtx = this.hooks.async?.('isasync', [], null as any) === true;
        const get = (k: string) => Number(lim[k] ?? 0);
        switch (n) {
            case 'getqueries':
                return get('queries');
            case 'getlimitqueries':
                return asyncCtx ? 200 : 100;
            case 'getqueryrows':
                return get('queryRows');
            case 'getlimitqueryrows':
                return 50000;
            case 'getdmlstatements':
                return get('dmlStatements');
            case 'getlimitdmlstatements':
                return 150;
            case 'getdmlrows':
                return get('dmlRows');
            case 'getlimitdmlrows':
                return 10000;
            case 'getcallouts':
                return this.hooks.async?.('limits.callouts', [], null as any) ?? 0;
            case 'getlimitcallouts':
                return 100;
            case 'getqueueablejobs':
                return this.hooks.async?.('limits.queueable', [], null as any) ?? 0;
            case 'getlimitqueueablejobs':
                return asyncCtx ? 1 : 50;
            case 'getfuturecalls':
                return this.hooks.async?.('limits.future', [], null as any) ?? 0;
            case 'getlimitfuturecalls':
                return 50;
            case 'getcputime':
                return 0;
            case 'getlimitcputime':
                return asyncCtx ? 60000 : 10000;
            case 'getheapsize':
                return 0;
            case 'getlimitheapsize':
                return asyncCtx ? 12000000 : 6000000;
            case 'getemailinvocations':
                return this.hooks.emails?.length ?? 0;
            case 'getlimitemailinvocations':
                return 10;
        }
        return 0;
    }

    private userInfoStatic(n: string): any {
        const org = this.it.org as any;
        const u = org?.runningUser
            ? typeof org.runningUser === 'function'
                ? org.runningUser()
                : org.runningUser
            : null;
        const get = (k: string) => {
            if (!u) return null;
            if (typeof u.get === 'function') return u.get(k);
            return u[k] ?? u[k.charAt(0).toLowerCase() + k.slice(1)] ?? null;
        };
        const cfg = org?.config ?? {};
        switch (n) {
            case 'getuserid':
                return get('Id');
            case 'getname':
                return get('Name') ?? [get('FirstName'), get('LastName')].filter(Boolean).join(' ');
            case 'getfirstname':
                return get('FirstName');
            case 'getlastname':
                return get('LastName');
            case 'getusername':
                return get('Username');
            case 'getuseremail':
                return get('Email');
            case 'getprofileid':
                return get('ProfileId');
            case 'getuserroleid':
                return get('UserRoleId');
            case 'getorganizationid':
                return org?.organizationId ?? cfg.organizationId ?? '00D000000000001AAA';
            case 'getorganizationname':
                return cfg.organizationName ?? 'Local Org';
            case 'getdefaultcurrency':
                return get('DefaultCurrencyIsoCode') ?? cfg.corporateCurrency ?? 'USD';
            case 'ismulticurrencyorganization':
                return !!(cfg.multiCurrency ?? cfg.currencyMode === 'multi');
            case 'gettimezone':
                return new NativeObject('TimeZone', { id: this.it.timeZone });
            case 'getlocale':
                return get('LocaleSidKey') ?? 'en_US';
            case 'getlanguage':
                return get('LanguageLocaleKey') ?? 'en_US';
            case 'getusertype':
                return get('UserType') ?? 'Standard';
            case 'isCurrentUserLicensed'.toLowerCase():
                return true;
        }
        return null;
    }

    private databaseStatic(n: string, a: any[], f: Frame): any {
        switch (n) {
            case 'insert':
            case 'update':
            case 'upsert':
            case 'delete':
            case 'undelete':
                return this.databaseDml(n, a, f);
            case 'query':
            case 'querywithbinds': {
                const q = this.wrapOrgErrors(() => this.it.org!.compileSoql(a[0]));
                const binds = n === 'querywithbinds' ? (a[1] as ApexMap) : null;
                const access = a[n === 'querywithbinds' ? 2 : 1];
                return this.runQuery(
                    q,
                    (b: any) => {
                        const name = String(b?.name ?? b).toLowerCase();
                        if (binds) {
                            for (const [, [k, v]] of binds.map) if (String(k).toLowerCase() === name) return v;
                            this.it.throwSys('QueryException', `Key '${b?.name ?? b}' does not exist in the bindMap`);
                        }
                        return this.it.evalBind(b, f);
                    },
                    access instanceof EnumValue ? access.name : null,
                    f
                );
            }
            case 'countquery':
            case 'countquerywithbinds': {
                const r = this.databaseStatic(n === 'countquery' ? 'query' : 'querywithbinds', a, f);
                return typeof r === 'number' ? r : (r as ApexList).items.length;
            }
            case 'getquerylocator':
                if (a[0] instanceof ApexList) return new NativeObject('Database.QueryLocator', { rows: a[0] });
                return new NativeObject('Database.QueryLocator', { rows: this.databaseStatic('query', [a[0]], f) });
            case 'setsavepoint':
                return new NativeObject('Savepoint', { sp: this.wrapOrgErrors(() => this.it.org!.setSavepoint()) });
            case 'rollback':
                this.wrapOrgErrors(() => this.it.org!.rollback((a[0] as NativeObject).data.sp));
                return null;
            case 'releasesavepoint':
                return null;
            case 'executebatch':
            case 'enqueuejob':
                return this.hooks.async?.(n === 'executebatch' ? 'executebatch' : 'enqueuejob', a, f);
            case 'emptyrecyclebin':
                return this.wrapOrgErrors(() => this.it.org?.emptyRecycleBin?.(this.toOrgValue(a[0])) ?? null);
        }
        return this.it.throwSys('TypeException', `Method does not exist: Database.${n}`);
    }

    private encodingStatic(n: string, a: any[]): any {
        switch (n) {
            case 'base64encode':
                return Buffer.from((a[0] as ApexBlob).bytes).toString('base64');
            case 'base64decode':
                return new ApexBlob(new Uint8Array(Buffer.from(a[0], 'base64')));
            case 'urlencode':
                return encodeURIComponent(a[0])
                    .replace(/%20/g, '+')
                    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
            case 'urldecode':
                return decodeURIComponent(String(a[0]).replace(/\+/g, ' '));
            case 'converttohex':
                return Buffer.from((a[0] as ApexBlob).bytes).toString('hex');
            case 'convertfromhex':
                return new ApexBlob(new Uint8Array(Buffer.from(a[0], 'hex')));
            case 'base64urlencode':
                return Buffer.from((a[0] as ApexBlob).bytes).toString('base64url');
        }
        return this.it.throwSys('TypeException', `Method does not exist: EncodingUtil.${n}`);
    }

    private cryptoStatic(n: string, a: any[]): any {
        const algo = (s: string) => s.toLowerCase().replace(/^hmac/, '').replace('-', '');
        switch (n) {
            case 'generatedigest':
                return new ApexBlob(
                    new Uint8Array(
                        crypto
                            .createHash(algo(a[0]))
                            .update((a[1] as ApexBlob).bytes)
                            .digest()
                    )
                );
            case 'generatemac':
                return new ApexBlob(
                    new Uint8Array(
                        crypto
                            .createHmac(algo(a[0]), (a[2] as ApexBlob).bytes)
                            .update((a[1] as ApexBlob).bytes)
                            .digest()
                    )
                );
            case 'getrandominteger':
                return crypto.randomBytes(4).readInt32BE(0);
            case 'getrandomlong':
                return crypto.randomBytes(8).readBigInt64BE(0);
            case 'encrypt':
            case 'encryptwithmanagediv': {
                const key = (a[1] as ApexBlob).bytes;
                const iv = n === 'encrypt' ? (a[2] as ApexBlob).bytes : crypto.randomBytes(16);
                const data = (a[n === 'encrypt' ? 3 : 2] as ApexBlob).bytes;
                const c = crypto.createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
                const out = Buffer.concat([c.update(data), c.final()]);
                return new ApexBlob(new Uint8Array(n === 'encrypt' ? out : Buffer.concat([iv, out])));
            }
            case 'decrypt':
            case 'decryptwithmanagediv': {
                const key = (a[1] as ApexBlob).bytes;
                const raw = Buffer.from((a[n === 'decrypt' ? 3 : 2] as ApexBlob).bytes);
                const iv = n === 'decrypt' ? (a[2] as ApexBlob).bytes : raw.subarray(0, 16);
                const body = n === 'decrypt' ? raw : raw.subarray(16);
                try {
                    const d = crypto.createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv);
                    return new ApexBlob(new Uint8Array(Buffer.concat([d.update(body), d.final()])));
                } catch {
                    return this.it.throwSys('SecurityException', 'Given final block not properly padded');
                }
            }
            case 'sign':
            case 'verify': {
                const hash =
                    String(a[0])
                        .toLowerCase()
                        .replace(/^rsa-?/, '')
                        .replace(/^rsa$/, 'sha1')
                        .replace('-', '') || 'sha1';
                const data = Buffer.from((a[1] as ApexBlob).bytes);
                try {
                    if (n === 'sign') {
                        const key = crypto.createPrivateKey({
                            key: Buffer.from((a[2] as ApexBlob).bytes),
                            format: 'der',
                            type: 'pkcs8'
                        });
                        return new ApexBlob(new Uint8Array(crypto.sign(hash, data, key)));
                    }
                    const key = crypto.createPublicKey({
                        key: Buffer.from((a[3] as ApexBlob).bytes),
                        format: 'der',
                        type: 'spki'
                    });
                    return crypto.verify(hash, data, key, Buffer.from((a[2] as ApexBlob).bytes));
                } catch (e) {
                    return this.it.throwSys('SecurityException', `Invalid key: ${(e as Error).message}`);
                }
            }
            case 'verifyhmac': {
                const mac = crypto
                    .createHmac(algo(a[0]), (a[2] as ApexBlob).bytes)
                    .update((a[1] as ApexBlob).bytes)
                    .digest();
                return Buffer.from((a[3] as ApexBlob).bytes).equals(mac);
            }
            case 'generateaeskey':
                return new ApexBlob(new Uint8Array(crypto.randomBytes(a[0] / 8)));
        }
        return this.it.throwSys('TypeException', `Method does not exist: Crypto.${n}`);
    }

    private stripInaccessible(a: any[]): any {
        const access = a[0] instanceof EnumValue ? a[0].name : 'READABLE';
        const recs = (a[1] as ApexList).items;
        const res = this.it.org?.stripInaccessible
            ? this.it.org.stripInaccessible(access, recs)
            : { records: recs, removedFields: new Map() };
        return new NativeObject('SObjectAccessDecision', res);
    }

    private sendEmail(a: any[]): any {
        const msgs = (a[0] as ApexList).items as NativeObject[];
        const out = this.hooks.emails ?? (this.hooks.emails = []);
        for (const m of msgs) out.push(m.data.fields);
        return new ApexList(
            T('Messaging.SendEmailResult'),
            msgs.map(() => new NativeObject('Messaging.SendEmailResult', { success: true }))
        );
    }

    // ------------------------------------------------------------------ instance calls

    callInstance(o: any, n: string, a: any[], line: number, name?: string): any {
        void line;
        const it = this.it;
        if (typeof o === 'string') {
            // Id methods (an Id is a string at run time)
            if (n === 'getsobjecttype') {
                const def = (this.it.org?.schema as any)?.objectForId?.(o);
                if (!def) it.throwSys('TypeException', `Invalid id: ${o}`);
                return new SObjectTypeToken(def.name);
            }
            if (n === 'to15') return o.slice(0, 15);
            return stringMethod(it, o, n, a);
        }
        if (o instanceof ApexList) return listMethod(it, o, n, a);
        if (o instanceof ApexMap) {
            if ((o as any).caseInsensitive && (n === 'get' || n === 'containskey') && typeof a[0] === 'string')
                return mapMethod(it, o, n, [a[0].toLowerCase()]);
            return mapMethod(it, o, n, a);
        }
        if (o instanceof ApexSet) return setMethod(it, o, n, a);
        if (isSObject(o)) return this.sobjectMethod(o, n, a);
        if (o instanceof ApexObject) return this.objectMethod(o, n, a, name ?? n);
        if (typeof o === 'number') return this.integerMethod(o, n, a);
        if (typeof o === 'bigint') return this.longMethod(o, n, a);
        if (o instanceof Decimal) return this.decimalMethod(o, n, a);
        if (o instanceof ApexDouble) return this.doubleMethod(o, n, a);
        if (typeof o === 'boolean') {
            if (n === 'equals') return o === a[0];
            if (n === 'tostring') return String(o);
        }
        if (o instanceof ApexDate) return this.dateMethod(o, n, a);
        if (o instanceof ApexDatetime) return this.datetimeMethod(o, n, a);
        if (o instanceof ApexTime) return this.timeMethod(o, n, a);
        if (o instanceof ApexBlob) {
            if (n === 'tostring') return o.toUtf8();
            if (n === 'size') return o.size();
        }
        if (o instanceof EnumValue) {
            if (n === 'name') return o.name;
            if (n === 'ordinal') return o.ordinal;
            if (n === 'equals') return it.valuesEqual(o, a[0]);
            if (n === 'hashcode') return o.ordinal;
        }
        if (o instanceof TypeToken) return this.typeTokenMethod(o, n, a);
        if (o instanceof SObjectTypeToken) {
            if (n === 'getdescribe') return new NativeObject('Schema.DescribeSObjectResult', { object: o.name });
            if (n === 'newsobject') {
                const so = this.newSObject(o.name);
                if (a[0]) so.put('Id', a[0]);
                return so;
            }
            if (n === 'tostring') return o.name;
        }
        if (o instanceof SObjectFieldToken) {
            if (n === 'getdescribe')
                return new NativeObject('Schema.DescribeFieldResult', {
                    object: o.object,
                    field: this.describeField(o.object, o.field)
                });
            if (n === 'tostring') return o.field;
        }
        if (o instanceof NativeObject) return this.nativeMethod(o, n, a);
        return it.throwSys(
            'TypeException',
            `Method does not exist or incorrect signature: ${it.typeNameOf(o)}.${name ?? n}`
        );
    }

    private typeTokenMethod(o: TypeToken, n: string, a: any[]): any {
        void a;
        switch (n) {
            case 'getname':
            case 'tostring':
                return o.display;
            case 'newinstance': {
                const h = this.it.resolveType(o.ref, null);
                if (h?.kind === 'class') return this.it.instantiate(h.cls, [], 0);
                if (h?.kind === 'sobject') return this.newSObject(h.name);
                if (o.ref.n === 'list' || o.ref.n === 'map' || o.ref.n === 'set') {
                    if (o.ref.n === 'list') return new ApexList(o.ref.args[0] ?? OBJECT_T);
                    if (o.ref.n === 'set') return new ApexSet(o.ref.args[0] ?? OBJECT_T);
                    return new ApexMap(o.ref.args[0] ?? OBJECT_T, o.ref.args[1] ?? OBJECT_T);
                }
                return this.it.throwSys('TypeException', `Type cannot be constructed: ${o.display}`);
            }
            case 'equals':
                return a[0] instanceof TypeToken && a[0].ref.n === o.ref.n;
            case 'hashcode':
                return 0;
            case 'isassignablefrom': {
                const other = a[0] as TypeToken;
                const h1 = this.it.resolveType(o.ref, null);
                const h2 = this.it.resolveType(other.ref, null);
                if (h1?.kind === 'class' && h2?.kind === 'class') return h2.cls.isSubclassOf(h1.cls);
                return o.ref.n === other.ref.n || o.ref.n === 'object';
            }
        }
        return this.it.throwSys('TypeException', `Method does not exist: Type.${n}`);
    }

    private objectMethod(o: ApexObject, n: string, a: any[], name: string): any {
        const it = this.it;
        if (o.cls.isSubclassOf(it.exceptionBase)) {
            const st = o.native ?? (o.native = {});
            switch (n) {
                case 'getmessage':
                    return st.message ?? null;
                case 'setmessage':
                    st.message = a[0];
                    return null;
                case 'getcause':
                    return st.cause ?? null;
                case 'initcause':
                    st.cause = a[0];
                    return null;
                case 'gettypename':
                    return it.exceptionTypeName(o);
                case 'getlinenumber':
                    return st.line ?? -1;
                case 'getstacktracestring':
                    return st.stack ?? '';
                case 'tostring':
                    return it.str(o);
                case 'getnumdml':
                    return (st.dmlErrors ?? []).length;
                case 'getdmlmessage':
                    return st.dmlErrors?.[a[0]]?.message ?? null;
                case 'getdmltype':
                    return st.dmlErrors?.[a[0]] ? this.enumOf('statuscode', st.dmlErrors[a[0]].statusCode) : null;
                case 'getdmlstatuscode':
                    return st.dmlErrors?.[a[0]]?.statusCode ?? null;
                case 'getdmlfieldnames':
                    return new ApexList(T('String'), st.dmlErrors?.[a[0]]?.fields ?? []);
                case 'getdmlid':
                    return st.dmlErrors?.[a[0]]?.id ?? null;
                case 'getdmlindex':
                    return st.dmlErrors?.[a[0]]?.index ?? null;
            }
        }
        switch (n) {
            case 'equals':
                return o === a[0];
            case 'hashcode':
                return 0;
            case 'tostring':
                return it.str(o);
        }
        return it.throwSys(
            'TypeException',
            `Method does not exist or incorrect signature: ${o.cls.displayName}.${name}`
        );
    }

    private sobjectMethod(o: SObjectLike, n: string, a: any[]): any {
        const it = this.it;
        switch (n) {
            case 'get':
                if (a[0] instanceof SObjectFieldToken) return this.sobjectGet(o, a[0].field);
                return this.sobjectGet(o, a[0]);
            case 'put': {
                const field = a[0] instanceof SObjectFieldToken ? a[0].field : a[0];
                const old = this.wrapOrgErrors(() => {
                    try {
                        return o.getPopulatedFieldsAsMap().get(field) ?? null;
                    } catch {
                        return null;
                    }
                });
                this.sobjectPut(o, field, a[1]);
                return old;
            }
            case 'getsobject':
                return this.wrapOrgErrors(() => o.getSObject(a[0] instanceof SObjectFieldToken ? a[0].field : a[0]));
            case 'putsobject':
                return this.wrapOrgErrors(() => o.putSObject(a[0], a[1]));
            case 'getsobjects': {
                const rows = this.wrapOrgErrors(() => o.getSObjects(a[0]));
                return rows ? new ApexList(T('SObject'), rows as any[]) : null;
            }
            case 'getsobjecttype':
                return new SObjectTypeToken(o.type);
            case 'clone':
                return this.wrapOrgErrors(() => o.clone(a[0] ?? true, a[1] ?? false, a[2] ?? false, a[3] ?? false));
            case 'getpopulatedfieldsasmap': {
                const m = new ApexMap(T('String'), OBJECT_T);
                for (const [k, v] of o.getPopulatedFieldsAsMap()) {
                    const val = Array.isArray(v) ? new ApexList(T('SObject'), v) : v;
                    m.map.set(k, [k, val]);
                }
                return m;
            }
            case 'adderror':
                return this.wrapOrgErrors(() =>
                    (o as any).addError
                        ? (o as any).addError(a.length > 1 ? a[1] : a[0], a.length > 1 ? a[0] : null)
                        : null
                );
            case 'haserrors':
                return (o as any).hasErrors?.() ?? false;
            case 'geterrors':
                return new ApexList(
                    T('Database.Error'),
                    ((o as any).getErrors?.() ?? []).map((e: any) => new NativeObject('Database.Error', e))
                );
            case 'isset':
                return (
                    o.getPopulatedFieldsAsMap().has(a[0] instanceof SObjectFieldToken ? a[0].field : a[0]) ||
                    this.populatedCi(o, a[0])
                );
            case 'equals':
                return it.valuesEqual(o, a[0], false);
            case 'hashcode':
                return 0;
            case 'tostring':
                return it.str(o);
            case 'getquickactionname':
                return null;
            case 'getoptions':
                return null;
        }
        return it.throwSys('TypeException', `Method does not exist or incorrect signature: ${o.type}.${n}`);
    }

    private populatedCi(o: SObjectLike, f: any): boolean {
        const name = (f instanceof SObjectFieldToken ? f.field : String(f)).toLowerCase();
        for (const k of o.getPopulatedFieldsAsMap().keys()) if (k.toLowerCase() === name) return true;
        return false;
    }

    private integerMethod(v: number, n: string, a: any[]): any {
        switch (n) {
            case 'format':
                return v.toLocaleString('en-US');
            case 'intvalue':
                return v;
            case 'longvalue':
                return BigInt(v);
            case 'doublevalue':
                return new ApexDouble(v);
            case 'decimalvalue':
                return Decimal.fromInt(v);
            case 'equals':
                return this.it.valuesEqual(v, a[0]);
            case 'hashcode':
                return v;
            case 'tostring':
                return String(v);
        }
        return this.it.throwSys('TypeException', `Method does not exist: Integer.${n}`);
    }

    private longMethod(v: bigint, n: string, a: any[]): any {
        switch (n) {
            case 'format':
                return v.toLocaleString('en-US');
            case 'intvalue':
                return Number(BigInt.asIntN(32, v));
            case 'longvalue':
                return v;
            case 'doublevalue':
                return new ApexDouble(Number(v));
            case 'tostring':
                return v.toString();
            case 'equals':
                return this.it.valuesEqual(v, a[0]);
        }
        return this.it.throwSys('TypeException', `Method does not exist: Long.${n}`);
    }

    private decimalMethod(v: Decimal, n: string, a: any[]): any {
        const it = this.it;
        const mode = (x: any): RoundingMode => (x instanceof EnumValue ? (x.name as RoundingMode) : 'HALF_EVEN');
        switch (n) {
            case 'setscale':
                try {
                    return v.setScale(a[0], a.length > 1 ? mode(a[1]) : 'HALF_EVEN');
                } catch (e) {
                    throw it.toApexThrow(e);
                }
            case 'scale':
                return v.scale;
            case 'precision':
                return v.precision();
            case 'round':
                return a.length ? v.roundToLong(mode(a[0])) : v.roundToLong('HALF_EVEN');
            case 'intvalue':
                return Number(BigInt.asIntN(32, v.truncate()));
            case 'longvalue':
                return BigInt.asIntN(64, v.truncate());
            case 'doublevalue':
                return new ApexDouble(v.toNumber());
            case 'abs':
                return v.abs();
            case 'divide':
                if (it.toDecimal(a[0]).signum() === 0) it.throwSys('MathException', 'Divide by 0');
                return v.divideToScale(it.toDecimal(a[0]), a[1], a.length > 2 ? mode(a[2]) : 'HALF_UP');
            case 'pow': {
                let r = Decimal.ONE;
                for (let i = 0; i < a[0]; i++) r = r.multiply(v);
                return r;
            }
            case 'striptrailingzeros':
                return v.stripTrailingZeros();
            case 'toplainstring':
                return v.toPlainString();
            case 'tostring':
                return v.toString();
            case 'format':
                return formatDecimal(v);
            case 'equals':
                return a[0] instanceof Decimal && v.unscaled === a[0].unscaled && v.scale === a[0].scale;
            case 'hashcode':
                return Number(BigInt.asIntN(32, v.unscaled));
            case 'signum':
                return v.signum();
            case 'min':
                return v.compareTo(a[0]) <= 0 ? v : a[0];
            case 'max':
                return v.compareTo(a[0]) >= 0 ? v : a[0];
        }
        return it.throwSys('TypeException', `Method does not exist: Decimal.${n}`);
    }

    private doubleMethod(v: ApexDouble, n: string, a: any[]): any {
        switch (n) {
            case 'intvalue':
                return Math.trunc(v.value) | 0;
            case 'longvalue':
                return BigInt(Math.trunc(v.value));
            case 'round':
                return BigInt(Math.round(v.value));
            case 'format':
                return formatDecimal(Decimal.fromDouble(v.value));
            case 'tostring':
                return javaDoubleToString(v.value);
            case 'doublevalue':
                return v;
            case 'equals':
                return this.it.valuesEqual(v, a[0]);
        }
        return this.it.throwSys('TypeException', `Method does not exist: Double.${n}`);
    }

    private dateMethod(d: ApexDate, n: string, a: any[]): any {
        switch (n) {
            case 'adddays':
                return d.addDays(a[0]);
            case 'addmonths':
                return d.addMonths(a[0]);
            case 'addyears':
                return d.addYears(a[0]);
            case 'day':
                return d.day();
            case 'month':
                return d.month();
            case 'year':
                return d.year();
            case 'dayofyear':
                return d.dayOfYear();
            case 'daysbetween':
                return d.daysBetween(a[0]);
            case 'monthsbetween':
                return d.monthsBetween(a[0]);
            case 'tostartofmonth':
                return d.toStartOfMonth();
            case 'tostartofweek':
                return d.toStartOfWeek();
            case 'format':
                return d.format();
            case 'issamemonth':
                return d.year() === a[0].year() && d.month() === a[0].month();
            case 'issameday':
                return d.epochDay === a[0].epochDay;
            case 'isleapyear':
                return isLeapYear(d.year());
            case 'tostring':
                return d.toString();
            case 'equals':
                return this.it.valuesEqual(d, a[0]);
        }
        return this.it.throwSys('TypeException', `Method does not exist: Date.${n}`);
    }

    private datetimeMethod(d: ApexDatetime, n: string, a: any[]): any {
        const tz = this.it.timeZone;
        switch (n) {
            case 'adddays':
                return d.addCalendar(tz, 0, a[0]);
            case 'addmonths':
                return d.addCalendar(tz, a[0], 0);
            case 'addyears':
                return d.addCalendar(tz, a[0] * 12, 0);
            case 'addhours':
                return d.addMs(a[0] * 3_600_000);
            case 'addminutes':
                return d.addMs(a[0] * 60_000);
            case 'addseconds':
                return d.addMs(a[0] * 1000);
            case 'gettime':
                return BigInt(d.epochMs);
            case 'date':
                return d.dateIn(tz);
            case 'dategmt':
                return d.dateIn('GMT');
            case 'time':
                return d.timeIn(tz);
            case 'timegmt':
                return d.timeIn('GMT');
            case 'year':
                return d.local(tz).year;
            case 'month':
                return d.local(tz).month;
            case 'day':
                return d.local(tz).day;
            case 'hour':
                return d.local(tz).hour;
            case 'minute':
                return d.local(tz).minute;
            case 'second':
                return d.local(tz).second;
            case 'millisecond':
                return ((d.epochMs % 1000) + 1000) % 1000;
            case 'yeargmt':
                return d.local('GMT').year;
            case 'monthgmt':
                return d.local('GMT').month;
            case 'daygmt':
                return d.local('GMT').day;
            case 'hourgmt':
                return d.local('GMT').hour;
            case 'minutegmt':
                return d.local('GMT').minute;
            case 'secondgmt':
                return d.local('GMT').second;
            case 'format':
                if (a.length === 0) return formatDatetime(d, 'M/d/yyyy h:mm a', tz);
                return formatDatetime(d, a[0], a[1] ?? tz);
            case 'formatgmt':
                return formatDatetime(d, a[0], 'GMT');
            case 'formatlong':
                return formatDatetime(d, 'M/d/yyyy h:mm:ss a z', tz);
            case 'tostring':
                return d.formatIn(tz);
            case 'issamemonth':
                return d.local(tz).month === a[0].local(tz).month && d.local(tz).year === a[0].local(tz).year;
            case 'issameday':
                return d.dateIn(tz).epochDay === a[0].dateIn(tz).epochDay;
            case 'equals':
                return this.it.valuesEqual(d, a[0]);
            case 'dayofyear':
                return d.dateIn(tz).dayOfYear();
        }
        return this.it.throwSys('TypeException', `Method does not exist: Datetime.${n}`);
    }

    private timeMethod(t: ApexTime, n: string, a: any[]): any {
        switch (n) {
            case 'hour':
                return t.hour();
            case 'minute':
                return t.minute();
            case 'second':
                return t.second();
            case 'millisecond':
                return t.millisecond();
            case 'addhours':
                return t.addHours(a[0]);
            case 'addminutes':
                return t.addMinutes(a[0]);
            case 'addseconds':
                return t.addSeconds(a[0]);
            case 'addmilliseconds':
                return t.addMilliseconds(a[0]);
            case 'tostring':
                return t.toString();
        }
        return this.it.throwSys('TypeException', `Method does not exist: Time.${n}`);
    }

    // ------------------------------------------------------------------ native objects

    private nativeMethod(o: NativeObject, n: string, a: any[]): any {
        const it = this.it;
        const d = o.data;
        switch (o.typeName) {
            case 'Iterator':
                return d.call(n);
            case 'TestBroker':
                if (n === 'deliver') {
                    this.deliverEvents();
                    return null;
                }
                if (n === 'fail') {
                    this.publishedEvents.length = 0;
                    return null;
                }
                break;
            case 'JSONGenerator':
                return (d as JsonGenerator).call(n, a);
            case 'HttpRequest':
            case 'HttpResponse':
            case 'Http':
                return this.hooks.http?.(o, n, a, it.frames[it.frames.length - 1]);
            case 'Pattern':
                if (n === 'matcher')
                    return new NativeObject('Matcher', { source: d.source, input: a[0], match: null, re: null });
                if (n === 'pattern') return d.source;
                if (n === 'split') return new ApexList(T('String'), (a[0] as string).split(javaRegex(d.source)));
                break;
            case 'Matcher':
                return this.matcherMethod(d, n, a);
            case 'Savepoint':
                break;
            case 'Database.SaveResult':
            case 'Database.UpsertResult':
            case 'Database.DeleteResult':
            case 'Database.UndeleteResult':
                switch (n) {
                    case 'issuccess':
                        return !!d.success;
                    case 'getid':
                        return d.id ?? null;
                    case 'iscreated':
                        return !!d.created;
                    case 'geterrors':
                        return new ApexList(
                            T('Database.Error'),
                            (d.errors ?? []).map((e: any) => new NativeObject('Database.Error', e))
                        );
                }
                break;
            case 'Database.Error':
                switch (n) {
                    case 'getmessage':
                        return d.message;
                    case 'getstatuscode':
                        return this.enumOf('statuscode', d.statusCode);
                    case 'getfields':
                        return new ApexList(T('String'), d.fields ?? []);
                }
                break;
            case 'Messaging.SingleEmailMessage':
            case 'Messaging.EmailFileAttachment':
            case 'Approval.ProcessSubmitRequest':
                if (n.startsWith('set')) {
                    d.fields.set(n.slice(3), a[0]);
                    return null;
                }
                if (n.startsWith('get')) return d.fields.get(n.slice(3)) ?? null;
                break;
            case 'Messaging.SendEmailResult':
                if (n === 'issuccess') return true;
                if (n === 'geterrors') return new ApexList(OBJECT_T, []);
                break;
            case 'AggregateResult':
                if (n === 'get') {
                    const key = String(a[0]).toLowerCase();
                    const rec = d instanceof Map ? d : new Map(Object.entries(d));
                    for (const [k, v] of rec) if (k.toLowerCase() === key) return v;
                    return null;
                }
                break;
            case 'Schema.DescribeSObjectResult':
                return this.describeSObjectMethod(d.object, n, a);
            case 'Schema.DescribeFieldResult':
                return this.describeFieldMethod(d.object, d.field, n);
            case 'Schema.PicklistEntry':
                switch (n) {
                    case 'getvalue':
                        return d.value;
                    case 'getlabel':
                        return d.label ?? d.value;
                    case 'isactive':
                        return d.active !== false;
                    case 'isdefaultvalue':
                        return !!d.defaultValue;
                }
                break;
            case 'Schema.RecordTypeInfo':
                switch (n) {
                    case 'getrecordtypeid':
                        return d.id ?? d.Id ?? null;
                    case 'getname':
                        return d.label ?? d.name;
                    case 'getdevelopername':
                        return d.developerName ?? d.name;
                    case 'isactive':
                        return d.active !== false;
                    case 'isavailable':
                        return d.available !== false;
                    case 'isdefaultrecordtypemapping':
                        return !!d.defaultRecordTypeMapping;
                    case 'ismaster':
                        return !!d.master;
                }
                break;
            case 'Database.QueryLocator':
                if (n === 'iterator') return this.makeIterator((d.rows as ApexList).items);
                if (n === 'getquery') return d.query ?? '';
                break;
            case 'SObjectAccessDecision':
                if (n === 'getrecords') return new ApexList(T('SObject'), d.records ?? []);
                if (n === 'getremovedfields') {
                    const m = new ApexMap(T('String'), T('Set<String>'));
                    const src: Map<string, string[]> = d.removedFields ?? new Map();
                    for (const [k, v] of src) {
                        const s = new ApexSet(T('String'));
                        for (const x of v) s.map.set(x, x);
                        m.map.set(k, [k, s]);
                    }
                    return m;
                }
                if (n === 'getmodifiedindexes') {
                    const s = new ApexSet(T('Integer'));
                    for (const i of d.modifiedIndexes ?? []) s.map.set(keyOf(i), i);
                    return s;
                }
                break;
            case 'Url':
                if (n === 'toexternalform') return d.url;
                if (n === 'gethost') return new URL(d.url).host;
                break;
            case 'TimeZone':
                if (n === 'getid') return d.id;
                if (n === 'getoffset') {
                    const dt = a[0] as ApexDatetime;
                    const p = dt.local(d.id);
                    return (
                        Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) -
                        Math.floor(dt.epochMs / 1000) * 1000
                    );
                }
                break;
            case 'Dom.Document':
            case 'Dom.XmlNode':
                return this.domMethod(o, n, a);
            case 'Cache.OrgPartition':
            case 'Cache.SessionPartition':
                return this.cacheCall(d.scope, d.name, n, a);
            case 'DescribeFields':
            case 'FieldTokens':
                if (n === 'getmap') return this.describeFieldsMap(d.object);
                break;
            case 'RestRequest':
            case 'RestResponse':
                if (n === 'addheader') {
                    (d.headers as ApexMap).map.set(a[0], [a[0], a[1]]);
                    return null;
                }
                if (n === 'addparameter') {
                    (d.params as ApexMap).map.set(a[0], [a[0], a[1]]);
                    return null;
                }
                break;
            case 'AsyncOptions':
                break;
            case 'FinalizerContext':
            case 'QueueableContext':
            case 'SchedulableContext':
            case 'Database.BatchableContext':
            case 'Request':
                if (typeof d.call === 'function') return d.call(n, a);
                if (n === 'getjobid' || n === 'getasyncapexjobid' || n === 'gettriggerid' || n === 'getchildjobid')
                    return d.jobId ?? null;
                if (n === 'getrequestid') return d.requestId ?? 'local-request';
                if (n === 'getquiddity') return this.enumOf('quiddity', d.quiddity ?? 'SYNCHRONOUS');
                break;
        }
        if (n === 'tostring') return it.str(o);
        return it.throwSys('TypeException', `Method does not exist or incorrect signature: ${o.typeName}.${n}`);
    }

    private matcherMethod(d: any, n: string, a: any[]): any {
        const input: string = d.input;
        switch (n) {
            case 'matches': {
                const m = javaRegex('^(?:' + d.source + ')$').exec(input);
                d.match = m;
                return !!m;
            }
            case 'find': {
                if (!d.re) d.re = javaRegex(d.source, 'g');
                const m = d.re.exec(input);
                d.match = m;
                if (m && m[0].length === 0) d.re.lastIndex++;
                return !!m;
            }
            case 'lookingat': {
                const m = javaRegex('^(?:' + d.source + ')').exec(input);
                d.match = m;
                return !!m;
            }
            case 'group':
                if (!d.match) this.it.throwSys('StringException', 'No match found');
                return d.match[a[0] ?? 0] ?? null;
            case 'groupcount':
                return (javaRegex(d.source + '|').exec('')?.length ?? 1) - 1;
            case 'start':
                return d.match?.index ?? -1;
            case 'end':
                return d.match ? d.match.index + d.match[0].length : -1;
            case 'replaceall':
                return input.replace(javaRegex(d.source, 'g'), a[0]);
            case 'replacefirst':
                return input.replace(javaRegex(d.source), a[0]);
            case 'reset':
                d.re = null;
                d.match = null;
                if (a.length) d.input = a[0];
                return null;
            case 'hitend':
                return d.re ? d.re.lastIndex >= input.length : false;
        }
        return this.it.throwSys('TypeException', `Method does not exist: Matcher.${n}`);
    }

    private describeSObjectMethod(object: string, n: string, a: any[]): any {
        const o = this.describeObject(object);
        void a;
        const org = this.it.org as any;
        const access = (kind: string) => (org?.checkObjectAccess ? !!org.checkObjectAccess(null, object, kind) : true);
        switch (n) {
            case 'getname':
                return o.name;
            case 'getlabel':
                return o.label ?? o.name;
            case 'getlabelplural':
                return o.labelPlural ?? o.pluralLabel ?? o.label ?? o.name;
            case 'getkeyprefix':
                return o.keyPrefix ?? null;
            case 'getsobjecttype':
                return new SObjectTypeToken(o.name);
            case 'iscustom':
                return /__c$/i.test(o.name);
            case 'iscustomsetting':
                return !!o.isCustomSetting;
            case 'isaccessible':
            case 'isqueryable':
                return access('read');
            case 'iscreateable':
                return access('create');
            case 'isupdateable':
                return access('edit');
            case 'isdeletable':
                return access('delete');
            case 'fields':
                return new NativeObject('DescribeFields', { object });
            case 'getrecordtypeinfosbydevelopername':
            case 'getrecordtypeinfosbyname':
            case 'getrecordtypeinfosbyid': {
                const m = new ApexMap(T('String'), T('Schema.RecordTypeInfo'));
                const rts: any[] = o.recordTypes instanceof Map ? [...o.recordTypes.values()] : (o.recordTypes ?? []);
                for (const rt of rts) {
                    const key =
                        n === 'getrecordtypeinfosbyid'
                            ? rt.id
                            : n === 'getrecordtypeinfosbyname'
                              ? (rt.label ?? rt.name)
                              : (rt.developerName ?? rt.name);
                    m.map.set(this.key(key), [key, new NativeObject('Schema.RecordTypeInfo', rt)]);
                }
                return m;
            }
            case 'getrecordtypeinfos':
                return new ApexList(
                    T('Schema.RecordTypeInfo'),
                    (o.recordTypes instanceof Map ? [...o.recordTypes.values()] : (o.recordTypes ?? [])).map(
                        (rt: any) => new NativeObject('Schema.RecordTypeInfo', rt)
                    )
                );
        }
        return this.it.throwSys('TypeException', `Method does not exist: DescribeSObjectResult.${n}`);
    }

    describeFieldsMap(object: string): ApexMap {
        const m = new ApexMap(T('String'), T('Schema.SObjectField'));
        for (const fd of this.fieldList(object))
            m.map.set(fd.name.toLowerCase(), [fd.name.toLowerCase(), new SObjectFieldToken(object, fd.name)]);
        (m as any).caseInsensitive = true;
        return m;
    }

    private describeFieldMethod(object: string, fd: any, n: string): any {
        const org = this.it.org as any;
        const access = (kind: string) =>
            org?.checkFieldAccess ? !!org.checkFieldAccess(null, object, fd.name, kind) : true;
        switch (n) {
            case 'getname':
            case 'getlocalname':
                return fd.name;
            case 'getlabel':
                return fd.label ?? fd.name;
            case 'gettype':
                return this.enumOf('displaytype', displayType(fd.type));
            case 'getlength':
                return fd.length ?? 0;
            case 'getprecision':
                return fd.precision ?? 0;
            case 'getscale':
                return fd.scale ?? 0;
            case 'isnillable':
                return fd.nillable !== false;
            case 'iscustom':
                return /__c$/i.test(fd.name);
            case 'iscalculated':
                return !!fd.calculated;
            case 'isexternalid':
                return !!fd.externalId;
            case 'isunique':
                return !!fd.unique;
            case 'isaccessible':
                return access('read');
            case 'isupdateable':
                return fd.updateable !== false && access('edit');
            case 'iscreateable':
                return fd.createable !== false && access('create');
            case 'getrelationshipname':
                return fd.relationshipName ?? null;
            case 'getreferenceto':
                return new ApexList(
                    T('Schema.SObjectType'),
                    (fd.referenceTo ?? []).map((r: string) => new SObjectTypeToken(r))
                );
            case 'getsobjectfield':
                return new SObjectFieldToken(object, fd.name);
            case 'getpicklistvalues':
                return new ApexList(
                    T('Schema.PicklistEntry'),
                    (fd.picklistValues ?? fd.picklist ?? []).map(
                        (p: any) =>
                            new NativeObject('Schema.PicklistEntry', typeof p === 'string' ? { value: p, label: p } : p)
                    )
                );
            case 'getdefaultvalue':
                return fd.defaultValue ?? null;
            case 'getinlinehelptext':
                return fd.inlineHelpText ?? null;
            case 'isautonumber':
                return String(fd.type).toLowerCase() === 'autonumber';
            case 'isnamefield':
                return fd.name === 'Name';
            case 'isdefaultedoncreate':
                return fd.defaultValue !== null && fd.defaultValue !== undefined;
            case 'isrestrictedpicklist':
                return !!fd.restrictedPicklist;
            case 'iscasesensitive':
                return !!fd.caseSensitive;
            case 'iscascadedelete':
                return fd.deleteConstraint === 'Cascade' || String(fd.type).toLowerCase() === 'masterdetail';
            case 'isidlookup':
                return fd.name === 'Id' || !!fd.externalId;
            case 'ishtmlformatted':
                return String(fd.type).toLowerCase() === 'html';
            case 'isfilterable':
            case 'issortable':
            case 'isgroupable':
                return !['longtextarea', 'html', 'multiselectpicklist'].includes(String(fd.type).toLowerCase());
            case 'isencrypted':
                return String(fd.type).toLowerCase() === 'encryptedtext';
            case 'isdependentpicklist':
            case 'isdeprecatedandhidden':
                return false;
            case 'ispermissionable':
                return fd.custom !== false && fd.nillable !== false;
            case 'getdigits':
                return String(fd.type).toLowerCase() === 'int' ? 9 : 0;
            case 'getbytelength':
                return (fd.length ?? 0) * 3;
        }
        return this.it.throwSys('TypeException', `Method does not exist: DescribeFieldResult.${n}`);
    }

    private domMethod(o: NativeObject, n: string, a: any[]): any {
        const d = o.data;
        if (o.typeName === 'Dom.Document') {
            if (n === 'load') {
                d.root = parseXml(this.it, a[0]);
                return null;
            }
            if (n === 'getrootelement') return d.root ? new NativeObject('Dom.XmlNode', d.root) : null;
            if (n === 'toxmlstring') return '';
        }
        switch (n) {
            case 'getname':
                return d.name;
            case 'gettext':
                return d.text ?? '';
            case 'getchildelements':
                return new ApexList(
                    T('Dom.XmlNode'),
                    d.children.map((c: any) => new NativeObject('Dom.XmlNode', c))
                );
            case 'getchildelement': {
                const c = d.children.find((x: any) => x.name === a[0]);
                return c ? new NativeObject('Dom.XmlNode', c) : null;
            }
            case 'getattribute':
                return d.attrs[a[0]] ?? null;
            case 'getattributevalue':
                return d.attrs[a[0]] ?? null;
            case 'getnamespace':
                return d.namespace ?? null;
            case 'getparent':
                return d.parent ? new NativeObject('Dom.XmlNode', d.parent) : null;
            case 'getnodetype':
                return 'ELEMENT';
        }
        return this.it.throwSys('TypeException', `Method does not exist: Dom.XmlNode.${n}`);
    }
}

const ctxListCache = new WeakMap<object, ApexList>();

/** Parses `Map<Id,List<Contact>>`-style type names into a TypeRef (null when malformed). */
function parseTypeName(text: string): TypeRef | null {
    let i = 0;
    const read = (): TypeRef | null => {
        const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
        if (!m) return null;
        i += m[0].length;
        const args: TypeRef[] = [];
        if (text[i] === '<') {
            i++;
            for (;;) {
                const a = read();
                if (!a) return null;
                args.push(a);
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === '>') {
                    i++;
                    break;
                }
                return null;
            }
        }
        return { name: m[0], n: m[0].toLowerCase(), args, array: 0 };
    };
    const t = read();
    return t && i === text.length ? t : null;
}

function canonicalBuiltin(name: string): string {
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

function displayType(t: string): string {
    const s = String(t).toLowerCase();
    const map: Record<string, string> = {
        text: 'STRING',
        string: 'STRING',
        textarea: 'TEXTAREA',
        longtextarea: 'TEXTAREA',
        html: 'TEXTAREA',
        picklist: 'PICKLIST',
        multiselectpicklist: 'MULTIPICKLIST',
        multipicklist: 'MULTIPICKLIST',
        currency: 'CURRENCY',
        number: 'DOUBLE',
        double: 'DOUBLE',
        percent: 'PERCENT',
        checkbox: 'BOOLEAN',
        boolean: 'BOOLEAN',
        date: 'DATE',
        datetime: 'DATETIME',
        time: 'TIME',
        lookup: 'REFERENCE',
        masterdetail: 'REFERENCE',
        reference: 'REFERENCE',
        id: 'ID',
        email: 'EMAIL',
        phone: 'PHONE',
        url: 'URL',
        autonumber: 'STRING',
        int: 'INTEGER',
        integer: 'INTEGER'
    };
    return map[s] ?? 'STRING';
}

function render_debug(it: Interpreter, v: any): string {
    return it.renderDebug(v);
}

/** Decimal.format() in en_US: grouping, keeps scale (up to 3 fraction digits when scale is 0 it prints none). */
export function formatDecimal(v: Decimal): string {
    const plain = v.toPlainString();
    const neg = plain.startsWith('-');
    const [int, frac] = (neg ? plain.slice(1) : plain).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (neg ? '-' : '') + grouped + (frac ? '.' + frac : '');
}

/** Java SimpleDateFormat subset. */
export function formatDatetime(d: ApexDatetime, pattern: string, tz: string): string {
    const p = d.local(tz);
    const ms = ((d.epochMs % 1000) + 1000) % 1000;
    const months = [
        'January',
        'February',
        'March',
        'April',
        'May',
        'June',
        'July',
        'August',
        'September',
        'October',
        'November',
        'December'
    ];
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const dow = ApexDate.of(p.year, p.month, p.day).dayOfWeek();
    const offMin = Math.round(
        (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (d.epochMs - ms)) / 60000
    );
    const sign = offMin >= 0 ? '+' : '-';
    const oh = String(Math.floor(Math.abs(offMin) / 60)).padStart(2, '0');
    const om = String(Math.abs(offMin) % 60).padStart(2, '0');
    let out = '';
    let i = 0;
    while (i < pattern.length) {
        const c = pattern[i];
        if (c === "'") {
            const end = pattern.indexOf("'", i + 1);
            out += end === i + 1 ? "'" : pattern.slice(i + 1, end < 0 ? undefined : end);
            i = end < 0 ? pattern.length : end + 1;
            continue;
        }
        if (!/[A-Za-z]/.test(c)) {
            out += c;
            i++;
            continue;
        }
        let j = i;
        while (j < pattern.length && pattern[j] === c) j++;
        const len = j - i;
        const num = (v: number) => String(v).padStart(len, '0');
        switch (c) {
            case 'y':
                out += len === 2 ? String(p.year % 100).padStart(2, '0') : num(p.year);
                break;
            case 'M':
                out += len >= 4 ? months[p.month - 1] : len === 3 ? months[p.month - 1].slice(0, 3) : num(p.month);
                break;
            case 'd':
                out += num(p.day);
                break;
            case 'H':
                out += num(p.hour);
                break;
            case 'h':
                out += num(p.hour % 12 === 0 ? 12 : p.hour % 12);
                break;
            case 'm':
                out += num(p.minute);
                break;
            case 's':
                out += num(p.second);
                break;
            case 'S':
                out += String(ms).padStart(3, '0').slice(0, Math.max(len, 3));
                break;
            case 'a':
                out += p.hour < 12 ? 'AM' : 'PM';
                break;
            case 'E':
                out += len >= 4 ? days[dow] : days[dow].slice(0, 3);
                break;
            case 'Z':
                out += sign + oh + om;
                break;
            case 'X':
                out += offMin === 0 ? 'Z' : len >= 3 ? `${sign}${oh}:${om}` : sign + oh + om;
                break;
            case 'z':
                out +=
                    tz === 'GMT'
                        ? 'GMT'
                        : (new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' })
                              .formatToParts(new Date(d.epochMs))
                              .find((x) => x.type === 'timeZoneName')?.value ?? tz);
                break;
            default:
                out += c.repeat(len);
        }
        i = j;
    }
    return out;
}

interface XmlNode {
    name: string;
    namespace: string | null;
    attrs: Record<string, string>;
    children: XmlNode[];
    text: string;
    parent: XmlNode | null;
}

function parseXml(it: Interpreter, src: string): XmlNode {
    let i = 0;
    const decode = (s: string) =>
        s
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'")
            .replace(/&amp;/g, '&');
    const skipMisc = () => {
        for (;;) {
            while (i < src.length && /\s/.test(src[i])) i++;
            if (src.startsWith('<?', i)) i = src.indexOf('?>', i) + 2;
            else if (src.startsWith('<!--', i)) i = src.indexOf('-->', i) + 3;
            else if (src.startsWith('<!', i)) i = src.indexOf('>', i) + 1;
            else return;
        }
    };
    const element = (parent: XmlNode | null): XmlNode => {
        if (src[i] !== '<') it.throwSys('XmlException', `Failed to parse XML due to: unexpected character at ${i}`);
        i++;
        const m = /^([^\s/>]+)/.exec(src.slice(i));
        const qname = m![1];
        i += qname.length;
        const node: XmlNode = {
            name: qname.includes(':') ? qname.split(':')[1] : qname,
            namespace: null,
            attrs: {},
            children: [],
            text: '',
            parent
        };
        for (;;) {
            while (/\s/.test(src[i])) i++;
            if (src.startsWith('/>', i)) {
                i += 2;
                return node;
            }
            if (src[i] === '>') {
                i++;
                break;
            }
            const am = /^([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(src.slice(i));
            if (!am) it.throwSys('XmlException', 'Failed to parse XML due to: malformed attribute');
            node.attrs[am![1]] = decode(am![3] ?? am![4]);
            if (am![1] === 'xmlns' || am![1].startsWith('xmlns:')) node.namespace = am![3] ?? am![4];
            i += am![0].length;
        }
        for (;;) {
            if (src.startsWith('</', i)) {
                i = src.indexOf('>', i) + 1;
                return node;
            }
            if (src.startsWith('<!--', i)) {
                i = src.indexOf('-->', i) + 3;
                continue;
            }
            if (src.startsWith('<![CDATA[', i)) {
                const end = src.indexOf(']]>', i);
                node.text += src.slice(i + 9, end);
                i = end + 3;
                continue;
            }
            if (src[i] === '<') {
                node.children.push(element(node));
                continue;
            }
            if (i >= src.length) it.throwSys('XmlException', 'Failed to parse XML due to: unexpected end of document');
            const next = src.indexOf('<', i);
            node.text += decode(src.slice(i, next < 0 ? src.length : next));
            i = next < 0 ? src.length : next;
        }
    };
    skipMisc();
    return element(null);
}

export { SystemError };
