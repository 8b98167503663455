/**
 * The platform library as the interpreter sees it: built-in types, static methods (System, String, Math, Date …),
 * instance methods on primitives and native objects, sObject glue onto the org, DML/SOQL facades. This is the
 * dispatcher: each platform type's members live in their own module of this folder and are registered in the tables
 * at the end of this file.
 */
import { randomUUID } from 'node:crypto';
import { parseClass, type CallExpr, type ClassDecl, type TypeRef } from '../loader/ast';
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
    SObjectFieldToken,
    SObjectTypeToken,
    T,
    TypeToken
} from '../interpreter/objects';
import { isSObject } from '../interpreter/sobjects';
import { Decimal } from '../values/decimal';
import { ApexDouble } from '../values/double';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime';
import { ApexBlob } from '../values/blob';
import { stringStatic } from './strings';
import { listMethod, setMethod, mapMethod } from './collections';
import { JsonGenerator, jsonStatic } from './json';
import { Platform, UNHANDLED, type NativeMember, type StaticMember } from './platform';
import { cacheCall, cacheStatic } from './cache';
import { cryptoStatic, encodingStatic } from './crypto';
import {
    aggregateResultMethod,
    databaseErrorMethod,
    databaseStatic,
    dmlResultMethod,
    queryLocatorMethod
} from './database';
import {
    dateMethod,
    dateStatic,
    datetimeMethod,
    datetimeStatic,
    timeMethod,
    timeStatic,
    timeZoneMethod,
    timeZoneStatic
} from './dates';
import { commitEvents, deliverEvents, discardUncommittedEvents, eventBusStatic, testBrokerMethod } from './event-bus';
import { objectMethod } from './exceptions';
import { limitsStatic } from './limits';
import { fieldBagMethod, messagingStatic, sendEmailResultMethod } from './messaging';
import { decimalMethod, doubleMethod, integerMethod, longMethod, mathStatic, numberStatic } from './numbers';
import { blobStatic, booleanStatic, idMethod, idStatic } from './primitives';
import { matcherMethod, patternMethod, patternStatic } from './regex';
import { jobContextMethod, requestStatic, restMessageMethod, urlMethod, urlStatic } from './request';
import {
    describeFieldMethod,
    describeSObjectMethod,
    fieldsMethod,
    picklistEntryMethod,
    recordTypeInfoMethod,
    childRelationshipMethod,
    schemaStatic
} from './schema';
import { accessDecisionMethod, featureManagementStatic, securityStatic } from './security';
import { sobjectMethod, sobjectStatic } from './sobjects';
import { assertStatic, systemStatic, testStatic } from './system';
import { triggerProperty } from './triggers';
import {
    BUILTIN_TYPES,
    ENUMS,
    NOT_MODELLED_TYPES,
    NOT_MODELLED_NAMESPACES,
    QUALIFIED_BUILTINS,
    SYSTEM_EXCEPTIONS,
    SYSTEM_INTERFACES
} from './type-names';
import { typeStatic, typeTokenMethod } from './types';
import { userInfoStatic } from './user-info';
import { domMethod } from './xml-dom';
import { VISUAL_EDITOR_SOURCE } from './visual-editor';
import { networkStatic } from './network';
import { sessionManagementStatic } from './auth';
import { orgLimitMethod, orgLimitsStatic } from './org-limits';
import { uuidMethod, uuidStatic } from './uuid';
import { fieldSetByName, fieldSetMemberMethod, fieldSetMethod, fieldSetsMethod } from './field-sets';
import { JSON_RESULT_TYPES, jsonResultMethod } from './dml-results';

/* eslint-disable @typescript-eslint/no-explicit-any */

export class Builtins extends Platform implements PlatformLibrary {
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
        // Apex source, not native: its methods run like project code
        this.it.register(parseClass(VISUAL_EDITOR_SOURCE, '<system>/VisualEditor.cls'));
    }

    isBuiltinType(n: string): boolean {
        return BUILTIN_TYPES.has(n) || QUALIFIED_BUILTINS.has(n) || NOT_MODELLED_TYPES.has(n.replace(/^system\./, ''));
    }

    failIfNotModelledNamespace(lowerCaseName: string): void {
        const api = NOT_MODELLED_NAMESPACES.get(lowerCaseName.split('.')[0]);
        if (api) this.unsupported(api);
    }

    /** Fails with UnsupportedFeature when the type is one the platform has but this runtime does not model. */
    private checkModelled(h: TypeHandle): void {
        if (h.kind !== 'builtin') return;
        const api = NOT_MODELLED_TYPES.get(h.n.replace(/^system\./, ''));
        if (api) this.unsupported(api);
    }

    newBuiltin(h: TypeHandle, t: TypeRef, args: any[], f: Frame): any {
        this.checkModelled(h);
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
                // Apex Reference › DMLOptions Class: its settable properties
                return new NativeObject('Database.DMLOptions', {
                    optAllOrNone: null,
                    allowFieldTruncation: false,
                    assignmentRuleHeader: null,
                    duplicateRuleHeader: null,
                    emailHeader: null,
                    localeOptions: null
                });
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

    getStaticProperty(h: TypeHandle, name: string, f: Frame): any {
        this.checkModelled(h);
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
            this.failIfNotModelledNamespace(h.n);
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
                return triggerProperty(this, n);
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
            case 'aggregateresult':
                if (n === 'sobjecttype') return new SObjectTypeToken('AggregateResult');
                break;
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

    setStaticProperty(h: TypeHandle, name: string, v: any): boolean {
        if (h.kind === 'builtin' && h.n === 'restcontext') {
            if (name.toLowerCase() === 'request') this.restRequest = v;
            else this.restResponse = v;
            return true;
        }
        return false;
    }

    getProperty(o: any, name: string, f: Frame): any {
        if (isSObject(o)) {
            const value = this.sobjectGet(o, name);
            // "The expression accessing a Boolean type field on an sObject with simple dot notation is evaluated to
            // true only if the field value is non-null and true. Otherwise it is evaluated to false." (Salesforce R&D,
            // salesforce.stackexchange.com/q/127548); get(), JSON and debug output still show the null
            if (value === null && this.describeField(o.type, name)?.type === 'Checkbox') return false;
            return value;
        }
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
                    if (n === 'fieldsets') return new NativeObject('Schema.FieldSets', { object: o.data.object });
                    break;
                case 'Schema.FieldSets':
                    return fieldSetByName(this, o.data.object, name);
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
                case 'AsyncOptions':
                case 'Database.DMLOptions': {
                    const key = Object.keys(o.data).find((k) => k.toLowerCase() === n);
                    if (key) return o.data[key];
                    break;
                }
            }
            this.it.throwSys('TypeException', `Variable does not exist: ${name}`);
        }
        if (o instanceof SObjectTypeToken && name.toLowerCase() === 'fields')
            return new NativeObject('FieldTokens', { object: o.name });
        // Apex managed sharing: `Schema.Job__Share.RowCause.Recruiter__c` is the sharing reason's name, the RowCause
        // value to store (Apex Developer Guide › Creating Apex Managed Sharing)
        if (o instanceof SObjectFieldToken && /__share$/i.test(o.object) && o.field.toLowerCase() === 'rowcause')
            return name;
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

    callStatic(h: TypeHandle, n: string, a: any[], f: Frame, e: CallExpr): any {
        this.checkModelled(h);
        if (h.kind === 'sobject') return sobjectStatic(this, h.name, n, a);
        if (h.kind === 'namespace') {
            if (h.n === 'system') return this.callStatic({ kind: 'builtin', n: 'system' }, n, a, f, e);
            if (h.n === 'schema') return this.callStatic({ kind: 'builtin', n: 'schema' }, n, a, f, e);
            this.failIfNotModelledNamespace(h.n);
            this.it.throwSys('TypeException', `Method does not exist: ${h.n}.${n}`);
        }
        if (h.kind === 'class') this.it.throwSys('TypeException', `Method does not exist: ${n}`);
        const type = (h as any).n.replace(/^system\./, '');
        const member = STATIC_MEMBERS.get(type);
        if (member) {
            const result = member(this, n, a, f, e);
            if (result !== UNHANDLED) return result;
        }
        const enumType = type.replace(/^schema\./, '');
        if (ENUMS[enumType] && (n === 'values' || n === 'valueof')) return this.platformEnumStatic(enumType, n, a);
        return this.it.throwSys(
            'TypeException',
            `Method does not exist or incorrect signature: ${h.kind === 'builtin' ? h.n : ''}.${n}`
        );
    }

    /** values() and valueOf() of a platform enum (LoggingLevel, Schema.SOAPType …), as for any enum. */
    private platformEnumStatic(type: string, n: string, a: any[]): any {
        const names = ENUMS[type];
        const display = this.enumOf(type, names[0]).type;
        if (n === 'values')
            return new ApexList(
                T(display),
                names.map((v) => this.enumOf(type, v))
            );
        if (typeof a[0] !== 'string' || !names.includes(a[0]))
            return this.it.throwSys('NoSuchElementException', `No enum constant ${display}.${a[0]}`);
        return this.enumOf(type, a[0]);
    }

    callInstance(o: any, n: string, a: any[], line: number, name?: string): any {
        void line;
        const it = this.it;
        if (typeof o === 'string') return idMethod(this, o, n, a);
        if (o instanceof ApexList) return listMethod(it, o, n, a);
        if (o instanceof ApexMap) {
            if ((o as any).caseInsensitive && (n === 'get' || n === 'containskey') && typeof a[0] === 'string')
                return mapMethod(it, o, n, [a[0].toLowerCase()]);
            return mapMethod(it, o, n, a);
        }
        if (o instanceof ApexSet) return setMethod(it, o, n, a);
        if (isSObject(o)) return sobjectMethod(this, o, n, a);
        if (o instanceof ApexObject) return objectMethod(this, o, n, a, name ?? n);
        if (typeof o === 'number') return integerMethod(this, o, n, a);
        if (typeof o === 'bigint') return longMethod(this, o, n, a);
        if (o instanceof Decimal) return decimalMethod(this, o, n, a);
        if (o instanceof ApexDouble) return doubleMethod(this, o, n, a);
        if (typeof o === 'boolean') {
            if (n === 'equals') return o === a[0];
            if (n === 'tostring') return String(o);
        }
        if (o instanceof ApexDate) return dateMethod(this, o, n, a);
        if (o instanceof ApexDatetime) return datetimeMethod(this, o, n, a);
        if (o instanceof ApexTime) return timeMethod(this, o, n, a);
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
        if (o instanceof TypeToken) return typeTokenMethod(this, o, n, a);
        if (o instanceof SObjectTypeToken) {
            if (n === 'getdescribe') return new NativeObject('Schema.DescribeSObjectResult', { object: o.name });
            if (n === 'newsobject') {
                const so = this.newSObject(o.name);
                // newSObject(id) gives the Id; newSObject(recordTypeId, loadDefaults) the record type (Apex Reference ›
                // SObjectType Class)
                if (a[0]) so.put(a.length > 1 ? 'RecordTypeId' : 'Id', a[0]);
                // newSObject(recordTypeId, loadDefaults): custom fields take their default values
                if (a[1] === true) {
                    const org = this.it.org as any;
                    for (const fd of this.fieldList(o.name)) {
                        if (!fd.custom || fd.calculated) continue;
                        const v = org.defaultValue(fd);
                        if (v !== null && v !== undefined) so.put(fd.name, v);
                    }
                    // a platform event created with its defaults gets its EventUuid, to correlate publish callbacks
                    // (Platform Events Developer Guide › Get the Result of Asynchronous Platform Event Publishing with
                    // Apex Publish Callbacks); `new Event__e()` has none until published
                    if (/__e$/i.test(o.name) && this.fieldList(o.name).some((fd) => fd.name === 'EventUuid'))
                        (so as any).setRaw('EventUuid', randomUUID());
                }
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

    private nativeMethod(o: NativeObject, n: string, a: any[]): any {
        const member = NATIVE_MEMBERS.get(o.typeName);
        if (member) {
            const result = member(this, o, n, a);
            if (result !== UNHANDLED) return result;
        }
        if (n === 'tostring') return this.it.str(o);
        return this.it.throwSys('TypeException', `Method does not exist or incorrect signature: ${o.typeName}.${n}`);
    }

    /** Delivers published platform events to their triggers (after the publishing transaction commits). */
    deliverEvents(): void {
        deliverEvents(this);
    }

    /** The running transaction committed: its publish-after-commit events are published. */
    commitEvents(): void {
        commitEvents(this);
    }

    /** The transaction that started when `mark` events were pending rolled back: its after-commit events go. */
    discardUncommittedEvents(mark: number): void {
        discardUncommittedEvents(this, mark);
    }
}

/** Static methods by platform type (lower-case, without the `System.` namespace). */
const STATIC_MEMBERS = new Map<string, StaticMember>([
    ['system', (lib, n, a, f) => systemStatic(lib, n, a, f)],
    ['string', (lib, n, a) => stringStatic(lib.it, n, a)],
    ['integer', (lib, n, a) => numberStatic(lib, 'integer', n, a)],
    ['long', (lib, n, a) => numberStatic(lib, 'long', n, a)],
    ['decimal', (lib, n, a) => numberStatic(lib, 'decimal', n, a)],
    ['double', (lib, n, a) => numberStatic(lib, 'double', n, a)],
    ['boolean', (_lib, n, a) => booleanStatic(n, a)],
    ['id', (lib, n, a) => idStatic(lib, n, a)],
    ['blob', (_lib, n, a) => blobStatic(n, a)],
    ['date', (lib, n, a) => dateStatic(lib, n, a)],
    ['datetime', (lib, n, a) => datetimeStatic(lib, n, a)],
    ['time', (_lib, n, a) => timeStatic(n, a)],
    ['timezone', (_lib, n, a) => timeZoneStatic(n, a)],
    ['math', (lib, n, a) => mathStatic(lib, n, a)],
    ['json', (lib, n, a, f) => jsonStatic(lib.it, n, a, f)],
    ['assert', (lib, n, a) => assertStatic(lib, n, a)],
    ['test', (lib, n, a, f) => testStatic(lib, n, a, f)],
    ['limits', (lib, n) => limitsStatic(lib, n)],
    ['userinfo', (lib, n) => userInfoStatic(lib, n)],
    ['database', (lib, n, a, f) => databaseStatic(lib, n, a, f)],
    ['schema', (lib, n, a) => schemaStatic(lib, n, a)],
    ['type', (lib, n, a, f) => typeStatic(lib, n, a, f)],
    ['encodingutil', (lib, n, a) => encodingStatic(lib, n, a)],
    ['crypto', (lib, n, a) => cryptoStatic(lib, n, a)],
    ['featuremanagement', (lib, n, a) => featureManagementStatic(lib, n, a)],
    ['security', (lib, n, a) => securityStatic(lib, n, a)],
    ['url', (_lib, n) => urlStatic(n)],
    ['pattern', (_lib, n, a) => patternStatic(n, a)],
    ['messaging', (lib, n, a) => messagingStatic(lib, n, a)],
    ['eventbus', (lib, n, a) => eventBusStatic(lib, n, a)],
    ['approval', (lib, n, a, f) => lib.hooks.async?.('approval.' + n, a, f)],
    ['asyncinfo', (lib, n, a, f) => lib.hooks.async?.('asyncinfo.' + n, a, f)],
    ['request', (lib, n) => requestStatic(lib, n)],
    ['http', (lib, n, a, f) => lib.hooks.http?.(null, n, a, f)],
    ['cache.org', (lib, n, a) => cacheStatic(lib, 'org', n, a)],
    ['cache.session', (lib, n, a) => cacheStatic(lib, 'session', n, a)],
    ['uuid', (lib, n, a) => uuidStatic(lib, n, a)],
    ['network', (_lib, n) => networkStatic(n)],
    ['auth.sessionmanagement', (lib, n) => sessionManagementStatic(lib, n)],
    ['orglimits', (_lib, n) => orgLimitsStatic(n)]
]);

const dmlResult: NativeMember = (_lib, o, n) => dmlResultMethod(o, n);
const fieldBag: NativeMember = (_lib, o, n, a) => fieldBagMethod(o, n, a);
const http: NativeMember = (lib, o, n, a) => lib.hooks.http?.(o, n, a, lib.it.frames[lib.it.frames.length - 1]);
const domNode: NativeMember = (lib, o, n, a) => domMethod(lib, o, n, a);
const cachePartition: NativeMember = (lib, o, n, a) => cacheCall(lib, o.data.scope, o.data.name, n, a);
const fields: NativeMember = (lib, o, n) => fieldsMethod(lib, o, n);
const restMessage: NativeMember = (_lib, o, n, a) => restMessageMethod(o, n, a);
const jobContext: NativeMember = (lib, o, n, a) => jobContextMethod(lib, o, n, a);

/** Methods of native objects by type name. */
const NATIVE_MEMBERS = new Map<string, NativeMember>([
    ['Iterator', (_lib, o, n) => o.data.call(n)],
    ['TestBroker', (lib, _o, n) => testBrokerMethod(lib, n)],
    ['JSONGenerator', (_lib, o, n, a) => (o.data as JsonGenerator).call(n, a)],
    ['HttpRequest', http],
    ['HttpResponse', http],
    ['Http', http],
    ['Pattern', (_lib, o, n, a) => patternMethod(o, n, a)],
    ['Matcher', (lib, o, n, a) => matcherMethod(lib, o.data, n, a)],
    ['Database.SaveResult', dmlResult],
    ['Database.UpsertResult', dmlResult],
    ['Database.DeleteResult', dmlResult],
    ['Database.UndeleteResult', dmlResult],
    ['Database.Error', (lib, o, n) => databaseErrorMethod(lib, o, n)],
    ['Messaging.SingleEmailMessage', fieldBag],
    ['Messaging.EmailFileAttachment', fieldBag],
    ['Approval.ProcessSubmitRequest', fieldBag],
    ['Messaging.SendEmailResult', (_lib, _o, n) => sendEmailResultMethod(n)],
    ['AggregateResult', (_lib, o, n, a) => aggregateResultMethod(o, n, a)],
    ['Schema.DescribeSObjectResult', (lib, o, n, a) => describeSObjectMethod(lib, o.data.object, n, a)],
    ['Schema.DescribeFieldResult', (lib, o, n) => describeFieldMethod(lib, o.data.object, o.data.field, n)],
    ['Schema.PicklistEntry', (_lib, o, n) => picklistEntryMethod(o, n)],
    ['Schema.RecordTypeInfo', (_lib, o, n) => recordTypeInfoMethod(o, n)],
    ['Schema.ChildRelationship', (_lib, o, n) => childRelationshipMethod(o, n)],
    ['Database.QueryLocator', (lib, o, n) => queryLocatorMethod(lib, o, n)],
    ['SObjectAccessDecision', (_lib, o, n) => accessDecisionMethod(o, n)],
    ['Url', (_lib, o, n) => urlMethod(o, n)],
    ['TimeZone', (_lib, o, n, a) => timeZoneMethod(o, n, a)],
    ['Dom.Document', domNode],
    ['Dom.XmlNode', domNode],
    ['Cache.OrgPartition', cachePartition],
    ['Cache.SessionPartition', cachePartition],
    ['DescribeFields', fields],
    ['FieldTokens', fields],
    ['RestRequest', restMessage],
    ['RestResponse', restMessage],
    ['FinalizerContext', jobContext],
    ['QueueableContext', jobContext],
    ['SchedulableContext', jobContext],
    ['Database.BatchableContext', jobContext],
    ['Request', jobContext],
    ['UUID', (_lib, o, n, a) => uuidMethod(o, n, a)],
    ['Schema.FieldSets', (lib, o, n) => fieldSetsMethod(lib, o, n)],
    ['Schema.FieldSet', (_lib, o, n) => fieldSetMethod(o, n)],
    ['Schema.FieldSetMember', (lib, o, n) => fieldSetMemberMethod(lib, o, n)],
    ...[...JSON_RESULT_TYPES.values()]
        .filter((name) => !/^Database\.(Save|Upsert|Delete|Undelete)Result$/.test(name))
        .map((name): [string, NativeMember] => [name, (_lib, o, n) => jsonResultMethod(o, n)]),
    ['System.OrgLimit', (_lib, o, n) => orgLimitMethod(o, n)]
]);
