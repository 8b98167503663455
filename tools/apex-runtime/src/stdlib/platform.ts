/**
 * What every module of the platform library shares: its state (hooks wired by the runtime, trigger contexts,
 * published events, cache, REST context) and its services (sObject, DML and SOQL glue onto the org, describe lookups,
 * type tokens, enum values, Id keys). The modules in this folder are functions of this class; builtins.ts is the
 * dispatcher that routes each static call, instance call and property read to them.
 */
import type { CallExpr, SoqlExpr, TypeRef } from '../loader/ast';
import type { Interpreter } from '../interpreter/interpreter';
import type { Frame } from '../interpreter/frame';
import {
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ClassInfo,
    EnumValue,
    NativeObject,
    OBJECT_T,
    SObjectTypeToken,
    T,
    TypeToken,
    keyOf
} from '../interpreter/objects';
import { isSObject, type SObjectLike } from '../interpreter/sobjects';
import { ApexThrow } from '../interpreter/errors';
import { listIndexCheck } from './collections';
import { canonicalBuiltin, ENUMS, to18 } from './type-names';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** What a member function returns for a name its type does not have: the dispatcher then reports it. */
export const UNHANDLED = Symbol('not a member of this platform type');

/** The static methods of one platform type (`Math.abs(x)` → lib, 'abs', [x], frame, call). */
export type StaticMember = (lib: Platform, name: string, args: any[], frame: Frame, call: CallExpr) => any;

/** The methods of one native object type (`NativeObject.typeName`). */
export type NativeMember = (lib: Platform, target: NativeObject, name: string, args: any[]) => any;

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

/**
 * The platform library's state and shared services. The dispatcher (builtins.ts) extends it; the member modules
 * of this folder receive it as `lib`.
 */
export abstract class Platform {
    readonly hooks: Hooks = {};
    /** stack of active trigger contexts */
    triggerStack: any[] = [];
    restRequest: any = null;
    restResponse: any = null;
    labels: Record<string, string> = {};
    private idCounter = 1;
    /** Platform events published and not yet delivered to their triggers (publish-after-commit). */
    readonly publishedEvents: SObjectLike[] = [];
    /** Of those, the publish-after-commit events whose transaction has not committed yet. */
    readonly uncommittedEvents = new Set<SObjectLike>();
    /** Platform Cache (org and session): an in-memory store per run; TTLs follow the runtime clock. */
    readonly cacheStore = new Map<string, Map<string, { value: any; expiresAt: number }>>();

    constructor(readonly it: Interpreter) {}

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

    recordsOf(v: any): SObjectLike[] {
        if (v === null) this.it.throwSys('DmlException', 'Invalid list or record: null');
        if (isSObject(v)) return [v];
        if (v instanceof ApexList) return v.items as SObjectLike[];
        this.it.throwSys('DmlException', 'DML requires an SObject or a list of SObjects');
    }

    dmlStatement(op: string, v: any, access: string, extId: string | null, frame: Frame): void {
        const recs = this.recordsOf(v);
        this.hooks.async?.('beforeDml', [], frame);
        this.wrapOrgErrors(() =>
            this.org.dml(op, recs, {
                allOrNone: true,
                accessLevel: access,
                externalIdField: extId,
                sharing: frame.sharing
            })
        );
    }

    compileInlineSoql(e: SoqlExpr): any {
        return this.wrapOrgErrors(() => this.org.compileSoql(e.text));
    }

    runQuery(q: any, resolveBind: (b: any) => any, access: string | null, f: Frame): any {
        const res = this.wrapOrgErrors(() =>
            this.org.query(q, {
                resolveBind: (b: any) => this.toOrgValue(resolveBind(b)),
                accessLevel: access ?? q.accessLevel ?? 'SYSTEM_MODE',
                sharing: f.sharing
            })
        );
        return this.fromQueryResult(res, q);
    }

    /** Values handed to the org (binds): collections become JS arrays. */
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

    typeToken(t: TypeRef, from: ClassInfo | null): TypeToken {
        const h = this.it.resolveType(t, from);
        let display = t.name;
        if (h?.kind === 'class') {
            // a platform exception's type is named as getTypeName() names it: `System.IllegalArgumentException`
            const base = this.it.exceptionBase;
            const exception = h.cls.builtin && base && (h.cls === base || h.cls.isSubclassOf(base));
            display = exception ? 'System.' + h.cls.name : h.cls.builtin ? h.cls.name : h.cls.displayName;
        } else if (h?.kind === 'sobject') display = h.name;
        else if (t.n === 'list' || t.n === 'map' || t.n === 'set') display = this.typeDisplay(t, from);
        else display = canonicalBuiltin(t.name);
        return new TypeToken(t, display);
    }

    typeDisplay(t: TypeRef, from: ClassInfo | null): string {
        if (!t.args.length) return canonicalBuiltin(t.name);
        return `${canonicalBuiltin(t.name)}<${t.args.map((a) => this.typeDisplay(a, from)).join(',')}>`;
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
            statuscode: 'StatusCode',
            soaptype: 'Schema.SOAPType',
            sobjectdescribeoptions: 'SObjectDescribeOptions',
            'cache.visibility': 'Cache.Visibility',
            'auth.sessionlevel': 'Auth.SessionLevel'
        };
        const list = ENUMS[type] ?? [];
        return new EnumValue(display[type] ?? type, name, Math.max(0, list.indexOf(name)));
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

    /**
     * A platform API this runtime does not model: an uncatchable error naming it, so a test that reaches it fails
     * instead of passing through a catch block (listed in the runtime README under "Not modelled").
     */
    unsupported(api: string): never {
        return this.it.throwSys(
            'UnexpectedException',
            `UnsupportedFeature: ${api} is not modelled by the local Apex runtime`,
            { uncatchable: true }
        );
    }

    assertFail(message: string): never {
        const o = this.it.newException('AssertException', message);
        throw new ApexThrow(o);
    }

    /** Calls an instance method on any value (the dispatcher in builtins.ts answers it). */
    abstract callInstance(o: any, n: string, a: any[], line: number, name?: string): any;
}
