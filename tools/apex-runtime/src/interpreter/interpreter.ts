/**
 * The Apex evaluator: walks the AST built by loader/ast.ts. Values follow the README's value model (Integer = JS number,
 * Long = bigint, Decimal/ApexDouble/ApexDate… from src/values, collections and instances from ./objects).
 *
 * Longer than the other modules because statements, expressions, coercion and method dispatch share one frame stack,
 * one class table and the static state, and call into each other at almost every node.
 */
import type {
    AssignExpr,
    BlockStmt,
    CallExpr,
    CastExpr,
    ClassDecl,
    DotExpr,
    Expr,
    FieldDecl,
    ForEachStmt,
    IdExpr,
    MethodDecl,
    NewExpr,
    SoqlExpr,
    Stmt,
    SwitchStmt,
    TryStmt,
    TypeRef
} from '../loader/ast';
import { parseExpressionCtx, parseExpressionText } from '../loader/ast';
import { Decimal, DecimalArithmeticError } from '../values/decimal';
import { ApexDouble } from '../values/double';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime';
import { ApexBlob } from '../values/blob';
import type { Clock } from '../values/clock';
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
} from './objects';
import { ApexThrow, SystemError } from './errors';
import { render, RenderContext } from './render';
import { isSObject, SObjectLike } from './sobjects';
import type { PlatformLibrary } from './platform-library';
import { Scope, type Frame, type TypeHandle, type Var } from './frame';
import { HeapMeter, STATEMENT_CREDIT, sizeOf } from './heap';
import { enforcesSharing } from './sharing';

/* eslint-disable @typescript-eslint/no-explicit-any */

const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;

/** Platform namespaces: names in them resolve (or fail at run time when not modelled) but are never unknown. */
export const BUILTIN_NAMESPACES = new Set([
    'system',
    'schema',
    'database',
    'messaging',
    'approval',
    'auth',
    'dom',
    'reports',
    'connectapi',
    'eventbus',
    'cache',
    'dataweave',
    'applauncher',
    'flow',
    'invocable',
    'kbmanagement',
    'process',
    'quickaction',
    'search',
    'site',
    'support',
    'territorymgmt',
    'txnsecurity',
    'userprovisioning',
    'visualeditor',
    'wave',
    'commercepayments',
    'functions',
    'slack',
    'datasource',
    'metadata',
    'lxscheduler',
    'sfc',
    'pref_center',
    'dataweave'
]);

export interface OrgLike {
    schema: { getObject(name: string): any };
    [k: string]: any;
}

export class Interpreter {
    readonly classes = new Map<string, ClassInfo>();
    readonly triggers: ClassDecl[] = [];
    statics = new Map<ClassInfo, Map<string, any>>();
    initializing = new Set<ClassInfo>();
    frames: Frame[] = [];
    /** Frames below this depth belong to code that called into the current entry point (asEntryPoint). */
    private entryDepth = 0;
    builtins!: PlatformLibrary;
    org: OrgLike | null = null;
    clock!: Clock;
    timeZone = 'America/Los_Angeles';
    out: (line: string) => void = (l) => process.stdout.write(l + '\n');
    /** executed lines per file for coverage */
    readonly covered = new Map<string, Set<number>>();
    collectCoverage = false;
    exceptionBase!: ClassInfo;
    private soqlCache = new WeakMap<object, any>();
    private bindCache = new WeakMap<object, Expr>();
    typeCache = new Map<string, TypeHandle | null>();
    depth = 0;
    /** @future methods are queued instead of run (set by the async manager) */
    futureHook: ((m: MethodDecl, args: any[]) => void) | null = null;
    /** true while the async manager runs a job, so @future bodies execute */
    runningFuture = false;
    /** The heap governor: measured at statement boundaries once enough was allocated. */
    readonly heap = new HeapMeter(this);

    constructor() {}

    // ---------------------------------------------------------------- class table

    register(decl: ClassDecl, outer: ClassInfo | null = null, builtin = false): ClassInfo {
        const info = new ClassInfo(decl.name, decl, outer, builtin);
        if (outer) outer.inner.set(decl.n, info);
        else this.classes.set(decl.n, info);
        for (const inner of decl.inner) this.register(inner, info, builtin);
        return info;
    }

    /** Resolves extends/implements for every registered class (after all are registered). */
    link(): void {
        for (const c of this.classes.values()) this.linkClass(c);
    }

    linkClass(root: ClassInfo): void {
        const linkOne = (c: ClassInfo) => {
            if (c.superclass || c.interfaces.length) {
                for (const inner of c.inner.values()) linkOne(inner);
                return;
            }
            if (c.decl.ext) {
                const h = this.resolveType(c.decl.ext, c.outer ?? c);
                if (h?.kind === 'class') c.superclass = h.cls;
            } else if (
                c.decl.kind === 'class' &&
                c !== this.exceptionBase &&
                /exception$/i.test(c.name) &&
                !c.builtin
            ) {
                // custom exceptions must extend Exception; a class named *Exception without extends is a deploy error
            }
            for (const i of c.decl.impls) {
                const h = this.resolveType(i, c.outer ?? c);
                if (h?.kind === 'class') c.interfaces.push(h.cls);
            }
            for (const inner of c.inner.values()) linkOne(inner);
        };
        linkOne(root);
    }

    resolveType(t: TypeRef, from: ClassInfo | null): TypeHandle | null {
        return this.resolveTypeName(t.n, from);
    }

    resolveTypeName(n: string, from: ClassInfo | null): TypeHandle | null {
        const cacheKey = (from ? from.n : '') + '|' + n;
        if (this.typeCache.has(cacheKey)) return this.typeCache.get(cacheKey)!;
        const h = this.resolveTypeNameUncached(n, from);
        this.typeCache.set(cacheKey, h);
        return h;
    }

    private resolveTypeNameUncached(n: string, from: ClassInfo | null): TypeHandle | null {
        const parts = n.split('.');
        // inner classes visible from `from` and its outers / superclasses
        for (let c: ClassInfo | null = from; c; c = c.outer) {
            for (let s: ClassInfo | null = c; s; s = s.superclass) {
                if (s.n.endsWith(parts[0]) && s.decl.n === parts[0] && parts.length === 1)
                    return { kind: 'class', cls: s };
                const inner = s.inner.get(parts[0]);
                if (inner) return this.walkInner(inner, parts.slice(1));
            }
        }
        const top = this.classes.get(parts[0]);
        if (top) return this.walkInner(top, parts.slice(1));
        if (parts.length > 1 && (parts[0] === 'system' || parts[0] === 'schema')) {
            const rest = this.resolveTypeNameUncached(parts.slice(1).join('.'), null);
            if (rest) return rest;
        }
        if (this.builtins.isBuiltinType(n)) return { kind: 'builtin', n };
        if (parts.length === 1 && this.org) {
            const obj = this.org.schema.getObject(parts[0]);
            if (obj) return { kind: 'sobject', name: obj.name };
        }
        if (parts.length === 1 && BUILTIN_NAMESPACES.has(parts[0])) return { kind: 'namespace', n: parts[0] };
        return null;
    }

    private walkInner(c: ClassInfo, rest: string[]): TypeHandle | null {
        let cur = c;
        for (const p of rest) {
            const nx = cur.inner.get(p);
            if (!nx) return null;
            cur = nx;
        }
        return { kind: 'class', cls: cur };
    }

    // ---------------------------------------------------------------- exceptions

    sysClass(type: string): ClassInfo {
        const n = type.toLowerCase().replace(/^system\./, '');
        const c = this.classes.get(n);
        if (!c) throw new Error('No built-in exception ' + type);
        return c;
    }

    newException(type: string, message: string | null, cause: ApexObject | null = null): ApexObject {
        const o = new ApexObject(this.sysClass(type));
        this.initExceptionState(o, message, cause);
        return o;
    }

    initExceptionState(o: ApexObject, message: string | null, cause: ApexObject | null): void {
        o.native = o.native ?? {};
        o.native.message = message;
        o.native.cause = cause;
        // the exception's own constructor frames are not part of its stack: it starts where `new` was evaluated
        let depth = this.frames.length;
        while (
            depth > 0 &&
            this.frames[depth - 1].method === '<init>' &&
            this.frames[depth - 1].cls?.isSubclassOf(this.exceptionBase)
        )
            depth--;
        const f = this.frames[depth - 1];
        o.native.line = f?.line ?? 0;
        o.native.stack = this.stackTrace(depth);
    }

    stackTrace(depth = this.frames.length): string {
        return this.frames
            .slice(0, depth)
            .reverse()
            .map((f) =>
                f.cls && f.cls.decl.n !== 'anonymousblock'
                    ? f.cls.decl.kind === 'trigger'
                        ? `Trigger.${f.cls.displayName}: line ${f.line}, column 1`
                        : `Class.${f.cls.displayName}.${f.method}: line ${f.line}, column 1`
                    : `AnonymousBlock: line ${f.line}, column 1`
            )
            .join('\n');
    }

    throwSys(type: string, message: string, extra?: Record<string, unknown>): never {
        const o = this.newException(type, message);
        if (extra) Object.assign(o.native, extra);
        throw new ApexThrow(o);
    }

    /** Converts native errors (SystemError, org errors with apexType) into Apex exceptions. */
    toApexThrow(e: any): ApexThrow {
        if (e instanceof ApexThrow) return e;
        if (e instanceof SystemError || (e && typeof e.apexType === 'string')) {
            const o = this.newException(e.apexType, e.message);
            if (e.extra) Object.assign(o.native, e.extra);
            if (e.dmlErrors) o.native.dmlErrors = e.dmlErrors;
            return new ApexThrow(o);
        }
        if (e instanceof DecimalArithmeticError) return new ApexThrow(this.newException('MathException', e.message));
        if (e instanceof RangeError && /call stack/i.test(e.message)) {
            return new ApexThrow(this.newException('LimitException', 'Maximum stack depth reached: 1001'));
        }
        throw e;
    }

    exceptionTypeName(o: ApexObject): string {
        return o.cls.builtin ? 'System.' + o.cls.name : o.cls.displayName;
    }

    exceptionMessage(o: ApexObject): string | null {
        return o.native?.message ?? null;
    }

    renderCtx(gmt = false): RenderContext {
        return {
            timeZone: this.timeZone,
            datetimeGmt: gmt,
            exceptionText: (o) =>
                o.cls.isSubclassOf(this.exceptionBase)
                    ? `${this.exceptionTypeName(o)}: ${this.exceptionMessage(o)}`
                    : null,
            objectText: (o) =>
                !o.cls.builtin && this.hasMethod(o, 'toString', 0) ? this.str(this.callMethod(o, 'toString', [])) : null
        };
    }

    str(v: any): string {
        return render(v, this.renderCtx());
    }

    /** System.debug: String.valueOf, except that a Datetime prints in GMT. */
    renderDebug(v: any): string {
        return render(v, this.renderCtx(v instanceof ApexDatetime));
    }

    // ---------------------------------------------------------------- statics & construction

    staticsOf(c: ClassInfo): Map<string, any> {
        let s = this.statics.get(c);
        if (!s) {
            s = new Map();
            this.statics.set(c, s);
            this.initializing.add(c);
            if (c.outer) this.staticsOf(c.outer);
            const frame: Frame = {
                cls: c,
                self: null,
                scope: new Scope(null),
                method: '<clinit>',
                line: c.decl.line,
                file: c.decl.file,
                sharing: this.newFrame(c, null, '<clinit>').sharing
            };
            this.frames.push(frame);
            try {
                const items: { line: number; run: () => void }[] = [];
                for (const f of c.decl.fields) {
                    if (!f.mods.has('static')) continue;
                    items.push({
                        line: f.line,
                        run: () => {
                            s!.set(
                                f.n,
                                f.init
                                    ? this.coerce(this.evalIn(f.init, frame, f.line), f.type, c)
                                    : this.defaultValue(f.type)
                            );
                        }
                    });
                }
                for (const init of c.decl.inits) {
                    if (!init.isStatic) continue;
                    items.push({ line: init.block.line, run: () => void this.execBlock(init.block, frame) });
                }
                items.sort((a, b) => a.line - b.line);
                for (const it of items) it.run();
            } finally {
                this.frames.pop();
                this.initializing.delete(c);
            }
        }
        return s;
    }

    evalIn(node: Expr, frame: Frame, line: number): any {
        frame.line = line;
        this.cover(frame.file, line);
        return this.eval(node, frame);
    }

    defaultValue(t: TypeRef): any {
        void t;
        return null;
    }

    instantiate(cls: ClassInfo, args: any[], line: number): ApexObject {
        if (cls.kind === 'interface' || cls.decl.mods.has('abstract')) {
            this.throwSys('TypeException', `Abstract classes cannot be constructed: ${cls.displayName}`);
        }
        const native = this.builtins.constructNative(cls, args);
        if (native) return native;
        const obj = new ApexObject(cls);
        this.staticsOf(cls);
        this.runCtor(cls, obj, args, line);
        return obj;
    }

    private initInstanceFields(cls: ClassInfo, obj: ApexObject, frame: Frame) {
        const items: { line: number; run: () => void }[] = [];
        for (const f of cls.decl.fields) {
            if (f.mods.has('static')) continue;
            items.push({
                line: f.line,
                run: () =>
                    obj.fields.set(f.n, f.init ? this.coerce(this.evalIn(f.init, frame, f.line), f.type, cls) : null)
            });
        }
        for (const init of cls.decl.inits) {
            if (init.isStatic) continue;
            items.push({ line: init.block.line, run: () => void this.execBlock(init.block, frame) });
        }
        items.sort((a, b) => a.line - b.line);
        for (const it of items) it.run();
    }

    runCtor(cls: ClassInfo, obj: ApexObject, args: any[], line: number): void {
        if (cls.builtin) {
            // built-in exception constructors: (), (message), (cause), (message, cause)
            let message: string | null = null;
            let cause: ApexObject | null = null;
            for (const a of args) {
                if (typeof a === 'string' || a === null) message = a;
                else if (a instanceof ApexObject) cause = a;
            }
            if (args.length === 1 && args[0] instanceof ApexObject) message = this.str(args[0]);
            this.initExceptionState(obj, message, cause);
            return;
        }
        const ctors = cls.decl.ctors;
        let ctor: MethodDecl | null = null;
        if (ctors.length) {
            ctor = this.selectOverload(ctors, args, cls);
            if (!ctor) {
                if (cls.superclass?.builtin && cls.isSubclassOf(this.exceptionBase)) {
                    this.runCtor(cls.superclass, obj, args, line);
                    const frame0 = this.newFrame(cls, obj, '<init>');
                    this.frames.push(frame0);
                    try {
                        this.initInstanceFields(cls, obj, frame0);
                    } finally {
                        this.frames.pop();
                    }
                    return;
                }
                this.throwSys(
                    'TypeException',
                    `Constructor not defined: [${cls.displayName}].<Constructor>(${args.length} args)`
                );
            }
        } else if (args.length && !(cls.superclass?.builtin && cls.isSubclassOf(this.exceptionBase))) {
            this.throwSys(
                'TypeException',
                `Constructor not defined: [${cls.displayName}].<Constructor>(${args.length} args)`
            );
        }
        const frame = this.newFrame(cls, obj, '<init>');
        if (ctor) frame.line = ctor.line;
        this.frames.push(frame);
        try {
            let body: Stmt[] = ctor?.body?.stmts ?? [];
            const first = body[0];
            const explicit = first && first.k === 'expr' && first.e.k === 'ctorcall' ? first.e : null;
            if (ctor) this.bindParams(ctor, args, frame);
            if (explicit && explicit.which === 'this') {
                const a = explicit.args.map((x: Expr) => this.evalIn(x, frame, explicit.line));
                this.runCtor(cls, obj, a, explicit.line);
                body = body.slice(1);
            } else {
                if (cls.superclass) {
                    const a = explicit
                        ? explicit.args.map((x: Expr) => this.evalIn(x, frame, explicit.line))
                        : ctor
                          ? []
                          : cls.superclass.builtin
                            ? args
                            : [];
                    this.runCtor(cls.superclass, obj, a, line);
                } else if (cls === this.exceptionBase) {
                    this.initExceptionState(obj, null, null);
                }
                if (explicit) body = body.slice(1);
                // field initialisers and `{ … }` blocks run in their own scope: a constructor parameter named like a
                // field must not shadow it there (`{ objects = new List<Object>(); }` sets the field)
                const initFrame = this.newFrame(cls, obj, '<init>');
                initFrame.line = frame.line;
                this.frames.push(initFrame);
                try {
                    this.initInstanceFields(cls, obj, initFrame);
                } finally {
                    this.frames.pop();
                }
            }
            for (const s of body) {
                const r = this.exec(s, frame);
                if (r === RETURN) break;
            }
        } finally {
            this.frames.pop();
        }
    }

    newFrame(cls: ClassInfo | null, self: ApexObject | null, method: string): Frame {
        const caller = this.frames.length > this.entryDepth ? this.frames[this.frames.length - 1].sharing : null;
        return {
            cls,
            self,
            scope: new Scope(null),
            method,
            line: 0,
            file: cls ? this.rootOf(cls).decl.file : '',
            sharing: enforcesSharing(cls, caller)
        };
    }

    /**
     * Runs an entry point to a transaction (a test method, an async job, an Apex REST request): the first frame it
     * opens takes no caller's sharing mode, whatever frames are open beneath it (Test.stopTest runs jobs inside the
     * test method).
     */
    asEntryPoint<R>(fn: () => R): R {
        const saved = this.entryDepth;
        this.entryDepth = this.frames.length;
        try {
            return fn();
        } finally {
            this.entryDepth = saved;
        }
    }

    rootOf(c: ClassInfo): ClassInfo {
        while (c.outer) c = c.outer;
        return c;
    }

    bindParams(m: MethodDecl, args: any[], frame: Frame) {
        const cls = (m.owner as ClassInfo) ?? frame.cls;
        m.params.forEach((p, i) => frame.scope.vars.set(p.n, { v: this.coerce(args[i], p.type, cls), t: p.type }));
    }

    // ---------------------------------------------------------------- method selection & invocation

    selectOverload(cands: MethodDecl[], args: any[], from: ClassInfo | null): MethodDecl | null {
        const byCount = cands.filter((m) => m.params.length === args.length);
        if (byCount.length <= 1) return byCount[0] ?? null;
        let best: MethodDecl | null = null;
        let bestScore = -1;
        const hints: (TypeRef | null)[] | undefined = (args as any).hints;
        for (const m of byCount) {
            let score = 0;
            let ok = true;
            for (let i = 0; i < args.length; i++) {
                const hint = args[i] === null ? hints?.[i] : null;
                const s = hint
                    ? this.hintScore(hint, m.params[i].type, (m.owner as ClassInfo) ?? from)
                    : this.matchScore(args[i], m.params[i].type, (m.owner as ClassInfo) ?? from);
                if (s < 0) {
                    ok = false;
                    break;
                }
                score += s;
            }
            if (ok && score > bestScore) {
                best = m;
                bestScore = score;
            }
        }
        return best ?? byCount[0];
    }

    /** How well a null argument's static type fits a parameter type. */
    private hintScore(hint: TypeRef, param: TypeRef, from: ClassInfo | null): number {
        if (hint.n === param.n) return 4;
        if (param.n === 'object') return 1;
        const hh = this.resolveType(hint, from);
        const hp = this.resolveType(param, from);
        if (hh?.kind === 'class' && hp?.kind === 'class') return hh.cls.isSubclassOf(hp.cls) ? 3 : -1;
        if (hh?.kind === 'sobject' && param.n === 'sobject') return 2;
        if (hh && hp && (hh.kind !== hp.kind || hh.kind === 'builtin' || hh.kind === 'sobject')) return -1;
        return 1;
    }

    /** How well a runtime value fits a declared type: -1 no, higher is more specific. */
    matchScore(v: any, t: TypeRef, from: ClassInfo | null): number {
        if (v === null || v === undefined) return 1;
        const n = t.n;
        if (n === 'object') return 1;
        switch (n) {
            case 'string':
                return typeof v === 'string' ? 3 : -1;
            case 'id':
                return typeof v === 'string' ? (/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(v) ? 4 : 2) : -1;
            case 'integer':
                return typeof v === 'number' ? 3 : -1;
            case 'long':
                return typeof v === 'bigint' ? 3 : typeof v === 'number' ? 2 : -1;
            case 'decimal':
                return v instanceof Decimal ? 3 : typeof v === 'number' || typeof v === 'bigint' ? 1 : -1;
            case 'double':
                return v instanceof ApexDouble ? 3 : typeof v === 'number' || v instanceof Decimal ? 1 : -1;
            case 'boolean':
                return typeof v === 'boolean' ? 3 : -1;
            case 'date':
                return v instanceof ApexDate ? 3 : -1;
            case 'datetime':
                return v instanceof ApexDatetime ? 3 : -1;
            case 'time':
                return v instanceof ApexTime ? 3 : -1;
            case 'blob':
                return v instanceof ApexBlob ? 3 : -1;
            case 'list':
                return v instanceof ApexList ? 2 + this.collectionArgScore(v.elemType, t.args[0]) : -1;
            case 'set':
                return v instanceof ApexSet ? 2 + this.collectionArgScore(v.elemType, t.args[0]) : -1;
            case 'map':
                return v instanceof ApexMap ? 2 + this.collectionArgScore(v.valType, t.args[1]) : -1;
            case 'sobject':
                return isSObject(v) ? 2 : -1;
        }
        if (isSObject(v)) return v.type.toLowerCase() === n.replace(/^schema\./, '') ? 4 : -1;
        if (v instanceof ApexObject) {
            const h = this.resolveType(t, from);
            if (h?.kind === 'class') return v.cls === h.cls ? 4 : v.cls.isSubclassOf(h.cls) ? 3 : -1;
            if (h?.kind === 'builtin')
                return v.cls.implementsName(n.replace(/^(system|database)\./, '')) || v.cls.implementsName(n) ? 2 : -1;
            return -1;
        }
        if (v instanceof EnumValue) {
            // platform enums match with or without their namespace (System.LoggingLevel, Schema.DisplayType)
            const bare = (x: string) => x.toLowerCase().replace(/^(system|schema)\./, '');
            const type = bare(v.type);
            return type === bare(n) || type.endsWith('.' + bare(n)) ? 4 : -1;
        }
        if (v instanceof NativeObject) {
            // platform objects (QueueableContext, HttpRequest, Database.SaveResult …) match their own type name only
            const tn = v.typeName.toLowerCase();
            const bare = (x: string) => x.replace(/^(system|database|schema|messaging)\./, '');
            return tn === n || bare(tn) === bare(n) ? 4 : -1;
        }
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Decimal) return -1;
        // a collection fits only collection parameters (and Object/Iterable), never an SObjectField or other type
        const collection = v instanceof ApexList || v instanceof ApexSet || v instanceof ApexMap;
        if (/(^|\.)iterable$/.test(n)) return collection && !(v instanceof ApexMap) ? 1 : -1;
        if (collection) return -1;
        if (v instanceof SObjectFieldToken) return /^(schema\.)?sobjectfield$/.test(n) ? 4 : -1;
        if (v instanceof SObjectTypeToken) return /^(schema\.)?sobjecttype$/.test(n) ? 4 : -1;
        return 1;
    }

    private collectionArgScore(actual: TypeRef | undefined, declared: TypeRef | undefined): number {
        if (!actual || !declared) return 0;
        if (actual.n === declared.n) return 2;
        if (declared.n === 'object' || declared.n === 'sobject') return 1;
        return 0;
    }

    invoke(m: MethodDecl, self: ApexObject | null, args: any[], callLine: number): any {
        const cls = m.owner as ClassInfo;
        if (!m.body) {
            this.throwSys('NullPointerException', `Abstract method ${cls.displayName}.${m.name} has no body`);
        }
        if (this.frames.length > 1000) this.throwSys('LimitException', 'Maximum stack depth reached: 1001');
        void callLine;
        if (this.futureHook && !this.runningFuture && m.annotations.some((a) => a.n === 'future')) {
            this.futureHook(m, args);
            return null;
        }
        this.runningFuture = false;
        // calling a static method initialises its class first, whoever calls it (the test runner, Apex REST …)
        if (!self && !this.statics.has(cls)) this.staticsOf(cls);
        const frame = this.newFrame(cls, self, m.name);
        frame.line = m.line;
        this.bindParams(m, args, frame);
        this.frames.push(frame);
        try {
            const r = this.execBlockStmts(m.body.stmts, frame);
            if (r === RETURN) return m.ret ? this.coerce(frame.ret, m.ret, cls) : null;
            return null;
        } finally {
            this.frames.pop();
        }
    }

    /** Calls an instance method by name with virtual dispatch (used by natives: Comparable, Queueable.execute …). */
    callMethod(obj: ApexObject, name: string, args: any[]): any {
        const all = obj.cls.findMethods(name.toLowerCase()).filter((m) => m.body);
        const instance = all.filter((m) => !m.mods.has('static'));
        // the platform also dispatches to a static implementation (apex-recipes' QueueableRecipes.execute is static)
        const m = this.selectOverload(instance.length ? instance : all, args, obj.cls);
        if (!m) this.throwSys('NullPointerException', `Method not found: ${obj.cls.displayName}.${name}`);
        return this.invoke(m!, m!.mods.has('static') ? null : obj, args, 0);
    }

    hasMethod(obj: ApexObject, name: string, argc: number): boolean {
        return obj.cls
            .findMethods(name.toLowerCase())
            .some((m) => !m.mods.has('static') && m.body && m.params.length === argc);
    }

    // ---------------------------------------------------------------- coercion & type checks

    coerce(v: any, t: TypeRef | null, from: ClassInfo | null): any {
        if (v === null || v === undefined || !t) return v ?? null;
        switch (t.n) {
            case 'decimal':
                if (typeof v === 'number') return Decimal.fromInt(v);
                if (typeof v === 'bigint') return Decimal.fromInt(v);
                if (v instanceof ApexDouble) return Decimal.fromDouble(v.value);
                return v;
            case 'double':
                if (typeof v === 'number') return new ApexDouble(v);
                if (typeof v === 'bigint') return new ApexDouble(Number(v));
                if (v instanceof Decimal) return new ApexDouble(v.toNumber());
                return v;
            case 'long':
                if (typeof v === 'number') return BigInt(v);
                return v;
            case 'id':
                if (typeof v !== 'string') return v;
                // a String that is not a 15- or 18-character Id fails the assignment (Apex Developer Guide ›
                // Primitive Data Types: ID — "invalid 15- or 18-character IDs are rejected at run time")
                if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(v)) this.throwSys('StringException', `Invalid id: ${v}`);
                // a 15-character Id assigned to an Id becomes its 18-character form
                if (v.length === 15) return this.builtins.normalizeId(v);
                return v;
            case 'list':
            case 'set':
            case 'map':
                return v;
        }
        if (v instanceof ApexList && v.fromSoql && t.n !== 'object') {
            const h = this.resolveType(t, from);
            if (h?.kind === 'sobject' || t.n === 'sobject') {
                if (v.items.length === 0) this.throwSys('QueryException', 'List has no rows for assignment to SObject');
                if (v.items.length > 1)
                    this.throwSys('QueryException', 'List has more than 1 row for assignment to SObject');
                return v.items[0];
            }
            if (t.n === 'integer' && v.countResult !== undefined) return v.countResult;
        }
        return v;
    }

    /** `x instanceof T` and cast checks. */
    isInstance(v: any, t: TypeRef, from: ClassInfo | null): boolean {
        if (v === null || v === undefined) return false;
        const n = t.n.replace(/^system\./, '');
        if (n === 'object') return true;
        switch (n) {
            case 'string':
                return typeof v === 'string';
            case 'id':
                return typeof v === 'string' && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(v);
            case 'integer':
                return typeof v === 'number';
            case 'long':
                return typeof v === 'bigint';
            case 'decimal':
                return v instanceof Decimal;
            case 'double':
                return v instanceof ApexDouble;
            case 'boolean':
                return typeof v === 'boolean';
            case 'date':
                return v instanceof ApexDate;
            case 'datetime':
                return v instanceof ApexDatetime;
            case 'time':
                return v instanceof ApexTime;
            case 'blob':
                return v instanceof ApexBlob;
            case 'list':
                return v instanceof ApexList && (!t.args[0] || this.elemCompatible(v.elemType, t.args[0], from));
            case 'set':
                return v instanceof ApexSet;
            case 'map':
                return v instanceof ApexMap;
            case 'sobject':
                return isSObject(v);
        }
        if (isSObject(v)) return v.type.toLowerCase() === n.replace(/^schema\./, '');
        if (v instanceof ApexObject) {
            const h = this.resolveType(t, from);
            if (h?.kind === 'class') return v.cls.isSubclassOf(h.cls);
            return v.cls.implementsName(n) || v.cls.implementsName(n.split('.').pop()!);
        }
        if (v instanceof EnumValue) return v.type.toLowerCase() === n || v.type.toLowerCase().endsWith('.' + n);
        if (v instanceof NativeObject)
            return v.typeName.toLowerCase() === n || v.typeName.toLowerCase().endsWith('.' + n);
        // tokens held as Object are still tokens: `(Schema.SObjectField) someMap.get(name)`
        if (v instanceof SObjectFieldToken) return /^(schema\.)?sobjectfield$/.test(n);
        if (v instanceof SObjectTypeToken) return /^(schema\.)?sobjecttype$/.test(n);
        if (v instanceof TypeToken) return n === 'type';
        return false;
    }

    private elemCompatible(actual: TypeRef, wanted: TypeRef, from: ClassInfo | null): boolean {
        if (wanted.n === 'object' || actual.n === wanted.n) return true;
        if (wanted.n === 'sobject') return actual.n === 'sobject' || this.resolveType(actual, from)?.kind === 'sobject';
        const ha = this.resolveType(actual, from);
        const hw = this.resolveType(wanted, from);
        if (ha?.kind === 'class' && hw?.kind === 'class') return ha.cls.isSubclassOf(hw.cls);
        if (actual.n === 'sobject' && hw?.kind === 'sobject') return true;
        return false;
    }

    typeNameOf(v: any): string {
        if (v === null || v === undefined) return 'null';
        if (typeof v === 'string') return 'String';
        if (typeof v === 'number') return 'Integer';
        if (typeof v === 'bigint') return 'Long';
        if (typeof v === 'boolean') return 'Boolean';
        if (v instanceof Decimal) return 'Decimal';
        if (v instanceof ApexDouble) return 'Double';
        if (v instanceof ApexDate) return 'Date';
        if (v instanceof ApexDatetime) return 'Datetime';
        if (v instanceof ApexTime) return 'Time';
        if (v instanceof ApexBlob) return 'Blob';
        if (v instanceof ApexList) return `List<${v.elemType.name}>`;
        if (v instanceof ApexSet) return `Set<${v.elemType.name}>`;
        if (v instanceof ApexMap) return `Map<${v.keyType.name},${v.valType.name}>`;
        if (isSObject(v)) return v.type;
        if (v instanceof ApexObject) return v.cls.builtin ? 'System.' + v.cls.name : v.cls.displayName;
        if (v instanceof EnumValue) return v.type;
        if (v instanceof NativeObject) return v.typeName;
        if (v instanceof SObjectFieldToken) return 'Schema.SObjectField';
        if (v instanceof SObjectTypeToken) return 'Schema.SObjectType';
        if (v instanceof TypeToken) return 'System.Type';
        return 'Object';
    }

    // ---------------------------------------------------------------- statements

    cover(file: string, line: number) {
        if (!this.collectCoverage) return;
        let s = this.covered.get(file);
        if (!s) {
            s = new Set();
            this.covered.set(file, s);
        }
        s.add(line);
    }

    execBlock(block: BlockStmt, frame: Frame): number | undefined {
        const saved = frame.scope;
        frame.scope = new Scope(saved);
        try {
            return this.execBlockStmts(block.stmts, frame);
        } finally {
            frame.scope = saved;
        }
    }

    private execBlockStmts(stmts: Stmt[], frame: Frame): number | undefined {
        for (let i = 0; i < stmts.length; i++) {
            const r = this.exec(stmts[i], frame);
            if (r) return r;
        }
        return undefined;
    }

    exec(s: Stmt, frame: Frame): number | undefined {
        if (s.k !== 'block') {
            frame.line = s.line;
            if (this.collectCoverage) this.cover(frame.file, s.line);
            const heap = this.heap;
            heap.pending += STATEMENT_CREDIT;
            if (heap.due()) heap.checkpoint();
        }
        switch (s.k) {
            case 'block':
                return this.execBlock(s, frame);
            case 'expr':
                this.eval(s.e, frame);
                return undefined;
            case 'local':
                for (const d of s.decls) {
                    const v = d.init ? this.coerce(this.eval(d.init, frame), s.type, frame.cls) : null;
                    frame.scope.vars.set(d.n, { v, t: s.type });
                }
                return undefined;
            case 'if':
                if (this.truthy(this.eval(s.cond, frame), s.line)) return this.execScoped(s.then, frame);
                if (s.else) return this.execScoped(s.else, frame);
                return undefined;
            case 'return':
                frame.ret = s.e ? this.eval(s.e, frame) : null;
                return RETURN;
            case 'foreach':
                return this.execForEach(s, frame);
            case 'for': {
                const saved = frame.scope;
                frame.scope = new Scope(saved);
                try {
                    if (s.init) {
                        if (s.init.k === 'local') this.exec(s.init, frame);
                        else for (const e of s.init.list) this.eval(e, frame);
                    }
                    for (;;) {
                        if (s.cond && !this.truthy(this.eval(s.cond, frame), s.line)) break;
                        const r = this.execScoped(s.body, frame);
                        if (r === BREAK) break;
                        if (r === RETURN) return r;
                        for (const u of s.update) this.eval(u, frame);
                    }
                } finally {
                    frame.scope = saved;
                }
                return undefined;
            }
            case 'while':
                while (this.truthy(this.eval(s.cond, frame), s.line)) {
                    const r = this.execScoped(s.body, frame);
                    if (r === BREAK) break;
                    if (r === RETURN) return r;
                }
                return undefined;
            case 'do':
                do {
                    const r = this.execScoped(s.body, frame);
                    if (r === BREAK) break;
                    if (r === RETURN) return r;
                } while (this.truthy(this.eval(s.cond, frame), s.line));
                return undefined;
            case 'break':
                return BREAK;
            case 'continue':
                return CONTINUE;
            case 'throw': {
                const v = this.eval(s.e, frame);
                if (!(v instanceof ApexObject))
                    this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
                throw new ApexThrow(v);
            }
            case 'try':
                return this.execTry(s, frame);
            case 'dml':
                this.builtins.dmlStatement(s.op, this.eval(s.e, frame), s.access, s.extId, frame);
                return undefined;
            case 'merge':
                this.throwSys('DmlException', 'merge is not supported by the local runtime');
                return undefined;
            case 'switch':
                return this.execSwitch(s, frame);
            case 'runas': {
                // the block enforces the user's record sharing whatever the test class declares (Using the runAs
                // Method); methods it calls run in their own class's mode (sharing.ts)
                const user = this.eval(s.args[0], frame);
                const saved = frame.sharing;
                frame.sharing = true;
                try {
                    return this.builtins.runAs(user, () => this.execBlock(s.block, frame));
                } finally {
                    frame.sharing = saved;
                }
            }
        }
        return unknownKind(s, 'statement');
    }

    private execScoped(s: Stmt, frame: Frame): number | undefined {
        if (s.k === 'block') return this.execBlock(s, frame);
        const saved = frame.scope;
        frame.scope = new Scope(saved);
        try {
            return this.exec(s, frame);
        } finally {
            frame.scope = saved;
        }
    }

    private execForEach(s: ForEachStmt, frame: Frame): number | undefined {
        const it = this.eval(s.iter, frame);
        if (it === null) this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
        let items: any[];
        if (it instanceof ApexList) {
            items = it.items;
            if (it.fromSoql && s.type.n === 'list') {
                const chunks: any[] = [];
                for (let i = 0; i < items.length; i += 200)
                    chunks.push(new ApexList(s.type.args[0] ?? OBJECT_T, items.slice(i, i + 200)));
                if (!chunks.length) chunks.push(new ApexList(s.type.args[0] ?? OBJECT_T, []));
                items = chunks;
            }
        } else if (it instanceof ApexSet) items = [...it.map.values()];
        else if (it instanceof ApexObject && this.hasMethod(it, 'iterator', 0)) {
            const iter = this.callMethod(it, 'iterator', []);
            items = [];
            const call = (n: string) =>
                iter instanceof ApexObject && !iter.cls.builtin
                    ? this.callMethod(iter, n, [])
                    : this.builtins.callInstance(iter, n, [], s.line);
            while (call('hasnext') === true) items.push(call('next'));
        } else if (it instanceof NativeObject && it.data?.iterator) {
            items = [...it.data.iterator()];
        } else this.throwSys('TypeException', 'Loop must iterate over collection');
        const isList = it instanceof ApexList && !it.fromSoql;
        const snapshotLen = items.length;
        const saved = frame.scope;
        try {
            for (let i = 0; i < items.length; i++) {
                if (isList && items.length !== snapshotLen) {
                    this.throwSys('FinalException', 'Cannot modify a collection while it is being iterated.');
                }
                frame.scope = new Scope(saved);
                frame.scope.vars.set(s.name, { v: items[i], t: s.type });
                const r = s.body.k === 'block' ? this.execBlockStmts(s.body.stmts, frame) : this.exec(s.body, frame);
                if (r === BREAK) break;
                if (r === RETURN) return r;
            }
        } finally {
            frame.scope = saved;
        }
        return undefined;
    }

    private execTry(s: TryStmt, frame: Frame): number | undefined {
        let result: number | undefined;
        try {
            result = this.execBlock(s.block, frame);
        } catch (e0) {
            let e: ApexThrow;
            try {
                e = this.toApexThrow(e0);
            } catch (native) {
                if (s.fin) this.execBlock(s.fin, frame);
                throw native;
            }
            const exc = e.exc;
            const uncatchable =
                exc.cls.name === 'LimitException' || exc.cls.name === 'AssertException' || exc.native?.uncatchable;
            let handled = false;
            if (!uncatchable) {
                for (const c of s.catches) {
                    if (this.catchMatches(exc, c.n, frame.cls)) {
                        handled = true;
                        const saved = frame.scope;
                        frame.scope = new Scope(saved);
                        frame.scope.vars.set(c.name, { v: exc, t: T(c.type) });
                        try {
                            result = this.execBlockStmts(c.block.stmts, frame);
                        } catch (inner) {
                            if (s.fin) {
                                frame.scope = saved;
                                this.execBlock(s.fin, frame);
                            }
                            throw inner;
                        } finally {
                            frame.scope = saved;
                        }
                        break;
                    }
                }
            }
            if (!handled) {
                if (s.fin) {
                    const r = this.execBlock(s.fin, frame);
                    if (r) return r;
                }
                throw e;
            }
            if (s.fin) {
                const r = this.execBlock(s.fin, frame);
                if (r) return r;
            }
            return result;
        }
        if (s.fin) {
            const r = this.execBlock(s.fin, frame);
            if (r) return r;
        }
        return result;
    }

    private catchMatches(exc: ApexObject, n: string, from: ClassInfo | null): boolean {
        const name = n.replace(/^system\./, '');
        if (name === 'exception') return true;
        const h = this.resolveTypeName(name, from);
        if (h?.kind === 'class') return exc.cls.isSubclassOf(h.cls);
        return false;
    }

    private execSwitch(s: SwitchStmt, frame: Frame): number | undefined {
        const v = this.eval(s.e, frame);
        for (const w of s.whens) {
            let match = false;
            if (w.kind === 'else') match = true;
            else if (w.kind === 'type') {
                if (this.isInstance(v, w.type, frame.cls)) {
                    const saved = frame.scope;
                    frame.scope = new Scope(saved);
                    frame.scope.vars.set(w.name, { v, t: w.type });
                    try {
                        return this.execBlockStmts(w.block.stmts, frame);
                    } finally {
                        frame.scope = saved;
                    }
                }
                continue;
            } else {
                for (const lit of w.values) {
                    if (lit.k === 'enumref') {
                        if (v instanceof EnumValue && v.name.toLowerCase() === lit.n.split('.').pop()) match = true;
                    } else if (lit.v === null ? v === null : v !== null && this.valuesEqual(v, lit.v, false))
                        match = true;
                    if (match) break;
                }
            }
            if (match) return this.execBlock(w.block, frame);
        }
        return undefined;
    }

    truthy(v: any, line: number): boolean {
        void line;
        if (v === null || v === undefined)
            this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
        return v === true;
    }

    // ---------------------------------------------------------------- expressions

    eval(e: Expr, f: Frame): any {
        switch (e.k) {
            case 'lit':
                if (e.v !== null && typeof e.v === 'object' && 'double' in e.v) return new ApexDouble(e.v.double);
                return e.v;
            case 'id':
                return this.lookupName(e, f);
            case 'this':
                return f.self;
            case 'dot':
                return this.evalDot(e, f);
            case 'call':
                return this.evalCall(e, f);
            case 'index': {
                const o = this.eval(e.obj, f);
                const i = this.eval(e.idx, f);
                if (o === null) this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
                if (o instanceof ApexList) return this.builtins.listGet(o, i);
                if (o instanceof ApexMap) return o.map.get(keyOf(i))?.[1] ?? null;
                this.throwSys('TypeException', 'Expression must be a list type');
                return null;
            }
            case 'new':
                return this.evalNew(e, f);
            case 'cast':
                return this.evalCast(e, f);
            case 'unary': {
                const v = this.eval(e.e, f);
                if (v === null) this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
                if (e.op === '!') return !v;
                if (e.op === '-') return this.arith('-', 0, v);
                if (e.op === '~') return typeof v === 'bigint' ? ~v : ~v;
                return v;
            }
            case 'incdec': {
                const old = this.eval(e.e, f);
                if (old === null) this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
                const nv = this.arith(e.op === '++' ? '+' : '-', old, 1);
                this.assignTo(e.e, nv, f);
                return e.prefix ? nv : old;
            }
            case 'bin':
                return this.evalBinary(e.op, this.eval(e.l, f), this.eval(e.r, f), e);
            case 'and':
                return this.truthy(this.eval(e.l, f), e.line) && this.truthy(this.eval(e.r, f), e.line);
            case 'or':
                return this.truthy(this.eval(e.l, f), e.line) || this.truthy(this.eval(e.r, f), e.line);
            case 'coal': {
                const l = this.eval(e.l, f);
                return l !== null && l !== undefined ? l : this.eval(e.r, f);
            }
            case 'cond':
                return this.truthy(this.eval(e.c, f), e.line) ? this.eval(e.a, f) : this.eval(e.b, f);
            case 'instanceof':
                return this.isInstance(this.eval(e.e, f), e.type, f.cls);
            case 'assign':
                return this.evalAssign(e, f);
            case 'typeclass':
                return this.builtins.typeToken(e.type, f.cls);
            case 'soql':
                return this.runInlineSoql(e, f);
            case 'ctorcall':
                this.throwSys('TypeException', 'Constructor call must be the first statement');
                return null;
            case 'super':
                return f.self;
            case 'sosl':
                this.builtins.failIfNotModelledNamespace('search');
                return null;
        }
        return unknownKind(e, 'expression');
    }

    /** Static-type-like resolution of a dotted id chain (`System.Label`, `Outer.Inner.CONST`). */
    staticTarget(e: Expr, f: Frame): TypeHandle | null {
        if (e.k === 'id') {
            if (f.scope.lookup(e.n)) return null;
            if (this.fieldVisible(e.n, f)) return null;
            return this.resolveTypeName(e.n, f.cls);
        }
        if (e.k === 'dot' && !e.safe) {
            const base = this.staticTarget(e.obj, f);
            if (!base) return null;
            if (base.kind === 'class') {
                // a static variable named like an inner type wins in an expression (`SOQL.Filter.with(…)` reads the
                // static property Filter, not the interface)
                const field = base.cls.findField(e.n);
                if (field?.mods.has('static')) return null;
                const inner = base.cls.inner.get(e.n);
                if (inner) return { kind: 'class', cls: inner };
                return null;
            }
            if (base.kind === 'namespace') {
                return this.resolveTypeName(base.n + '.' + e.n, null);
            }
            if (base.kind === 'builtin') {
                if (this.builtins.isBuiltinType(base.n + '.' + e.n)) return { kind: 'builtin', n: base.n + '.' + e.n };
                if (base.n === 'system' || base.n === 'schema') return this.resolveTypeName(base.n + '.' + e.n, null);
            }
        }
        return null;
    }

    private fieldVisible(n: string, f: Frame): boolean {
        for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
            if (c.findField(n)) return true;
            if (c.kind === 'enum' && c.decl.enumValues.some((v) => v.toLowerCase() === n)) return true;
        }
        return false;
    }

    lookupName(e: IdExpr, f: Frame): any {
        const v = f.scope.lookup(e.n);
        if (v) return v.v;
        // fields: instance (this class chain) then statics of this and enclosing classes
        for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
            for (let s: ClassInfo | null = c; s; s = s.superclass) {
                const fd = s.fields.get(e.n);
                if (fd) {
                    if (fd.mods.has('static')) return this.readStatic(s, fd);
                    if (c === f.cls && f.self) return this.readField(f.self, fd, s);
                }
            }
            if (c.kind === 'enum') {
                const ev = this.enumValue(c, e.n);
                if (ev) return ev;
            }
        }
        if (f.cls?.decl.kind === 'trigger' || f.cls === null) {
            // anonymous/trigger top-level fields live as statics of the pseudo class
        }
        const h = this.resolveTypeName(e.n, f.cls);
        if (h) return { __type: h };
        this.throwSys('TypeException', `Variable does not exist: ${e.name}`);
    }

    enumValue(c: ClassInfo, n: string): EnumValue | null {
        const idx = c.decl.enumValues.findIndex((v) => v.toLowerCase() === n);
        if (idx < 0) return null;
        const key = '__enum_' + n;
        const st = this.enumStore(c);
        let ev = st.get(key);
        if (!ev) {
            ev = new EnumValue(c.displayName, c.decl.enumValues[idx], idx);
            st.set(key, ev);
        }
        return ev;
    }

    private enumStores = new Map<ClassInfo, Map<string, EnumValue>>();
    private enumStore(c: ClassInfo) {
        let s = this.enumStores.get(c);
        if (!s) {
            s = new Map();
            this.enumStores.set(c, s);
        }
        return s;
    }

    readStatic(c: ClassInfo, fd: FieldDecl): any {
        const st = this.staticsOf(c);
        if (fd.property && fd.property.getter && fd.property.getter !== 'auto') {
            return this.runAccessor(c, null, fd, fd.property.getter, undefined);
        }
        return st.has(fd.n) ? st.get(fd.n) : null;
    }

    writeStatic(c: ClassInfo, fd: FieldDecl, v: any) {
        const st = this.staticsOf(c);
        v = this.coerce(v, fd.type, c);
        if (fd.property && fd.property.setter && fd.property.setter !== 'auto') {
            this.runAccessor(c, null, fd, fd.property.setter, v);
            return;
        }
        st.set(fd.n, v);
    }

    /** The property accessors running, by frame: `this.prop` inside prop's own accessor is its backing slot. */
    private accessorFrames = new Map<Frame, { obj: ApexObject | null; fd: FieldDecl }>();

    private inOwnAccessor(obj: ApexObject, fd: FieldDecl): boolean {
        const a = this.accessorFrames.get(this.frames[this.frames.length - 1]);
        return !!a && a.obj === obj && a.fd === fd;
    }

    readField(obj: ApexObject, fd: FieldDecl, owner: ClassInfo): any {
        if (fd.property && fd.property.getter && fd.property.getter !== 'auto' && !this.inOwnAccessor(obj, fd)) {
            return this.runAccessor(owner, obj, fd, fd.property.getter, undefined);
        }
        const v = obj.fields.get(fd.n);
        return v === undefined ? null : v;
    }

    writeField(obj: ApexObject, fd: FieldDecl, owner: ClassInfo, v: any) {
        v = this.coerce(v, fd.type, owner);
        if (fd.property && fd.property.setter && fd.property.setter !== 'auto' && !this.inOwnAccessor(obj, fd)) {
            this.runAccessor(owner, obj, fd, fd.property.setter, v);
            return;
        }
        obj.fields.set(fd.n, v);
    }

    /** Property get/set blocks: the backing store is the property's own slot. */
    private runAccessor(cls: ClassInfo, obj: ApexObject | null, fd: FieldDecl, block: BlockStmt, value: any): any {
        const frame = this.newFrame(cls, obj, (value === undefined ? 'get' : 'set') + fd.name);
        frame.line = block.line;
        if (value !== undefined) frame.scope.vars.set('value', { v: value, t: fd.type });
        // inside accessors the property name refers to the backing slot
        const slot: Var = {
            get v() {
                return obj ? (obj.fields.get(fd.n) ?? null) : null;
            },
            set v(nv: any) {
                if (obj) obj.fields.set(fd.n, nv);
            },
            t: fd.type
        };
        if (obj) frame.scope.vars.set(fd.n, slot);
        else {
            const st = this.staticsOf(cls);
            frame.scope.vars.set(fd.n, {
                get v() {
                    return st.get(fd.n) ?? null;
                },
                set v(nv: any) {
                    st.set(fd.n, nv);
                },
                t: fd.type
            });
        }
        this.frames.push(frame);
        this.accessorFrames.set(frame, { obj, fd });
        try {
            const r = this.execBlock(block, frame);
            if (r === RETURN) return this.coerce(frame.ret, fd.type, cls);
            return null;
        } finally {
            this.accessorFrames.delete(frame);
            this.frames.pop();
        }
    }

    /**
     * The chain step whose `?.` met null: the rest of that chain is skipped and yields null (Apex Developer Guide ›
     * Safe Navigation Operator: "If the left-hand-side of the chain expression evaluates to null, the right-hand-side
     * isn't evaluated").
     */
    private shortCircuited: Expr | null = null;

    private shortCircuit(e: Expr): null {
        this.shortCircuited = e;
        return null;
    }

    /**
     * The chain step that read a null parent through an sObject relationship (`c.Account` with no Account): reading a
     * field through it yields null instead of throwing (Apex Developer Guide › Accessing sObject Fields Through
     * Relationships: "When being read as a value, if c.Account is null, then c.Account.Name evaluates to null, but
     * does not yield a NullPointerException"); assigning through it or calling a method on it still throws.
     */
    private nullParent: Expr | null = null;

    private isRelationship(objectName: string, name: string): boolean {
        const schema = this.org?.schema as { relationshipField?(o: string, r: string): unknown } | undefined;
        return !!schema?.relationshipField?.(objectName, name);
    }

    private evalDot(e: DotExpr, f: Frame): any {
        const st = e.obj.k === 'id' || e.obj.k === 'dot' ? this.staticTarget(e.obj, f) : null;
        if (st) return this.getStatic(st, e, f);
        let o = e.obj.k === 'super' ? f.self : this.eval(e.obj, f);
        if (o && o.__type) return this.getStatic(o.__type, e, f);
        if (o === null || o === undefined) {
            if (e.safe || this.shortCircuited === e.obj) return this.shortCircuit(e);
            if (this.nullParent === e.obj) {
                this.nullParent = e;
                return null;
            }
            this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
        }
        if (o instanceof ApexObject) {
            const fd = o.cls.findField(e.n);
            if (fd) {
                let owner: ClassInfo | null = o.cls;
                while (owner && !owner.fields.has(e.n)) owner = owner.superclass;
                if (fd.mods.has('static')) return this.readStatic(owner!, fd);
                return this.readField(o, fd, owner!);
            }
            this.throwSys('TypeException', `Variable does not exist: ${e.name}`);
        }
        o = o as any;
        const value = this.builtins.getProperty(o, e.name, f);
        if (value === null && isSObject(o) && this.isRelationship(o.type, e.name)) this.nullParent = e;
        return value;
    }

    getStatic(h: TypeHandle, e: DotExpr, f: Frame): any {
        if (h.kind === 'class') {
            const c = h.cls;
            if (c.kind === 'enum') {
                const ev = this.enumValue(c, e.n);
                if (ev) return ev;
            }
            for (let s: ClassInfo | null = c; s; s = s.superclass) {
                const fd = s.fields.get(e.n);
                if (fd && fd.mods.has('static')) return this.readStatic(s, fd);
            }
            const inner = c.inner.get(e.n);
            if (inner) return { __type: { kind: 'class', cls: inner } };
            this.throwSys('TypeException', `Variable does not exist: ${e.name}`);
        }
        return this.builtins.getStaticProperty(h, e.name, f);
    }

    /**
     * Evaluates call arguments. A null argument carries its static type when it is obvious — `(String) null`, a typed
     * variable — so overloads are chosen as the compiler chooses them (`hints` on the array).
     */
    private evalArgs(args: Expr[], f: Frame): any[] {
        const out = new Array(args.length);
        let hints: (TypeRef | null)[] | null = null;
        for (let i = 0; i < args.length; i++) {
            out[i] = this.eval(args[i], f);
            if (out[i] === null) {
                const t = this.declaredTypeOf(args[i], f, 0);
                if (t) {
                    hints = hints ?? new Array(args.length).fill(null);
                    hints[i] = t;
                }
            }
        }
        if (hints) (out as any).hints = hints;
        return out;
    }

    /**
     * The declared type of a cast, a local variable or a field read (`name`, `this.name`, `a.b.c` through fields of
     * project classes), without evaluating anything; null when it is not that simple.
     */
    private declaredTypeOf(a: Expr, f: Frame, depth: number): TypeRef | null {
        if (a.k === 'cast') return a.type;
        if (a.k === 'id') {
            const local = f.scope.lookup(a.n);
            if (local) return local.t ?? null;
            for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
                const fd = c.findField(a.n);
                if (fd) return fd.type;
            }
            return null;
        }
        if (a.k !== 'dot' || depth > 4) return null;
        let owner: ClassInfo | null = null;
        if (a.obj.k === 'this') owner = f.cls;
        else {
            const t = this.declaredTypeOf(a.obj, f, depth + 1);
            const h = t ? this.resolveType(t, f.cls) : null;
            if (h?.kind === 'class') owner = h.cls;
        }
        return owner?.findField(a.n)?.type ?? null;
    }

    private evalCall(e: CallExpr, f: Frame): any {
        if (e.obj === null) return this.callUnqualified(e, f);
        if (e.obj.k === 'super') {
            const sup = f.cls?.superclass;
            if (!sup) this.throwSys('TypeException', 'No superclass');
            const args = this.evalArgs(e.args, f);
            const m = this.selectOverload(sup!.findMethods(e.n), args, sup!);
            if (!m) return this.builtins.callInstance(f.self, e.n, args, e.line);
            return this.invoke(m, f.self, args, e.line);
        }
        const st = e.obj.k === 'id' || e.obj.k === 'dot' ? this.staticTarget(e.obj, f) : null;
        if (st) return this.callStatic(st, e, this.evalArgs(e.args, f), f);
        const o = this.eval(e.obj, f);
        if (o && o.__type) return this.callStatic(o.__type, e, this.evalArgs(e.args, f), f);
        if (o === null || o === undefined) {
            if (e.safe || this.shortCircuited === e.obj) return this.shortCircuit(e);
            this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
        }
        const args = this.evalArgs(e.args, f);
        if (o instanceof ApexObject && o.native?.stubProvider) return this.callStub(o, e.name, args);
        if (o instanceof ApexObject && !o.cls.builtin) {
            const cands = o.cls.findMethods(e.n).filter((m) => m.body && !m.mods.has('static'));
            const m = this.selectOverload(cands, args, o.cls);
            if (m) return this.invoke(m, o, args, e.line);
            const sm = this.selectOverload(
                o.cls.findMethods(e.n).filter((x) => x.body),
                args,
                o.cls
            );
            if (sm) return this.invoke(sm, sm.mods.has('static') ? null : o, args, e.line);
        }
        return this.allocatedBy(this.builtins.callInstance(o, e.n, args, e.line, e.name), args);
    }

    /** Test.createStub: every call goes to StubProvider.handleMethodCall. */
    private callStub(o: ApexObject, name: string, args: any[]): any {
        const cands = o.cls.findMethods(name.toLowerCase()).filter((m) => m.params.length === args.length);
        const m = this.selectOverload(cands, args, o.cls) ?? cands[0];
        const typeTok = (t: TypeRef | null) => this.builtins.typeToken(t ?? T('void'), o.cls);
        const r = this.callMethod(o.native.stubProvider, 'handleMethodCall', [
            o,
            m ? m.name : name,
            typeTok(m?.ret ?? null),
            new ApexList(
                T('System.Type'),
                (m?.params ?? []).map((p) => typeTok(p.type))
            ),
            new ApexList(
                T('String'),
                (m?.params ?? []).map((p) => p.name)
            ),
            new ApexList(OBJECT_T, args)
        ]);
        return m?.ret ? this.coerce(r, m.ret, o.cls) : r;
    }

    private callUnqualified(e: CallExpr, f: Frame): any {
        const args = this.evalArgs(e.args, f);
        for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
            const owner = c === f.cls && f.self ? f.self.cls : c;
            const cands = owner.findMethods(e.n).filter((m) => m.body);
            if (cands.length) {
                const m = this.selectOverload(cands, args, c);
                if (m) {
                    const isStatic = m.mods.has('static');
                    return this.invoke(m, isStatic ? null : c === f.cls ? f.self : null, args, e.line);
                }
            }
        }
        this.throwSys('TypeException', `Method does not exist or incorrect signature: ${e.name}(${args.length} args)`);
    }

    callStatic(h: TypeHandle, e: CallExpr, args: any[], f: Frame): any {
        if (h.kind === 'class') {
            const c = h.cls;
            const cands = c.findMethods(e.n).filter((m) => m.mods.has('static') && m.body);
            const m = this.selectOverload(cands, args, c);
            if (m) {
                this.staticsOf(c);
                return this.invoke(m, null, args, e.line);
            }
            if (c.kind === 'enum') return this.builtins.enumStatic(c, e.n, args);
            this.throwSys('TypeException', `Method does not exist or incorrect signature: ${c.displayName}.${e.name}`);
        }
        return this.allocatedBy(this.builtins.callStatic(h, e.n, args, f, e), args);
    }

    private evalNew(e: NewExpr, f: Frame): any {
        const t: TypeRef = e.type;
        if (t.n === 'list' || t.n === 'system.list') {
            const elem = t.args[0] ?? OBJECT_T;
            if (e.form === 'init') {
                return new ApexList(
                    elem,
                    e.items.map((x: Expr) => this.coerce(this.eval(x, f), elem, f.cls))
                );
            }
            if (e.form === 'size') {
                const n = this.eval(e.size, f);
                return new ApexList(elem, new Array(n).fill(null));
            }
            if (e.form === 'args' && e.args.length === 1) {
                const src = this.eval(e.args[0], f);
                if (src instanceof ApexList)
                    return new ApexList(
                        elem,
                        src.items.map((x) => this.coerce(x, elem, f.cls))
                    );
                if (src instanceof ApexSet)
                    return new ApexList(
                        elem,
                        [...src.map.values()].map((x) => this.coerce(x, elem, f.cls))
                    );
            }
            return new ApexList(elem, []);
        }
        if (t.n === 'set' || t.n === 'system.set') {
            const elem = t.args[0] ?? OBJECT_T;
            const s = new ApexSet(elem);
            let src: any[] = [];
            if (e.form === 'init') src = e.items.map((x: Expr) => this.eval(x, f));
            else if (e.form === 'args' && e.args.length === 1) {
                const a = this.eval(e.args[0], f);
                if (a === null) this.throwSys('NullPointerException', 'Argument cannot be null');
                src = a instanceof ApexList ? a.items : a instanceof ApexSet ? [...a.map.values()] : [];
            }
            for (const x of src) {
                const v = this.coerce(x, elem, f.cls);
                s.map.set(this.builtins.key(v), v);
            }
            return s;
        }
        if (t.n === 'map' || t.n === 'system.map') {
            const m = new ApexMap(t.args[0] ?? OBJECT_T, t.args[1] ?? OBJECT_T);
            if (e.form === 'map') {
                for (const [ke, ve] of e.pairs) {
                    const k = this.coerce(this.eval(ke, f), m.keyType, f.cls);
                    m.map.set(this.builtins.key(k), [k, this.coerce(this.eval(ve, f), m.valType, f.cls)]);
                }
            } else if (e.form === 'args' && e.args.length === 1) {
                const a = this.eval(e.args[0], f);
                if (a instanceof ApexMap) for (const [k, [kk, vv]] of a.map) m.map.set(k, [kk, vv]);
                else if (a instanceof ApexList) {
                    for (const so of a.items) {
                        // an AggregateResult (an sObject on the platform) is keyed by its field aliased Id
                        const id = isSObject(so) ? so.get('Id') : this.builtins.callInstance(so, 'get', ['Id'], e.line);
                        m.map.set(this.builtins.key(id), [id, so]);
                    }
                }
            }
            return m;
        }
        const h = this.resolveType(t, f.cls);
        if (!h) {
            this.builtins.failIfNotModelledNamespace(t.n);
            this.throwSys('TypeException', `Invalid type: ${t.name}`);
        }
        if (h!.kind === 'sobject') {
            const so = this.builtins.newSObject(h!.name);
            if (e.form === 'fields') {
                for (const fv of e.fields) this.builtins.sobjectPut(so, fv.name, this.eval(fv.value, f));
            }
            return so;
        }
        if (h!.kind === 'class') {
            const args = e.form === 'args' ? this.evalArgs(e.args, f) : [];
            return this.instantiate(h!.cls, args, e.line);
        }
        const args = e.form === 'args' ? this.evalArgs(e.args, f) : [];
        return this.builtins.newBuiltin(h!, t, args, f);
    }

    private evalCast(e: CastExpr, f: Frame): any {
        const v = this.eval(e.e, f);
        if (v === null) return null;
        const t: TypeRef = e.type;
        // a query's rows cast to one sObject (`(Log__c) Database.query(…)`) take its single row, as in an assignment
        if (v instanceof ApexList && v.fromSoql && t.n !== 'list' && t.n !== 'object') {
            const h = this.resolveType(t, f.cls);
            if (h?.kind === 'sobject' || t.n === 'sobject') return this.coerce(v, t, f.cls);
        }
        switch (t.n) {
            case 'decimal':
            case 'double':
            case 'long':
                if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal || v instanceof ApexDouble) {
                    if (t.n === 'decimal' && v instanceof Decimal) return v;
                    if (t.n === 'long' && v instanceof Decimal) return v.truncate();
                    return this.coerce(v, t, f.cls);
                }
                break;
            case 'integer':
                if (typeof v === 'number') return v;
                if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
                if (v instanceof Decimal) return Number(BigInt.asIntN(32, v.truncate()));
                break;
            case 'object':
                return v;
            case 'string':
                if (typeof v === 'string') return v;
                break;
            case 'id':
                if (typeof v === 'string') {
                    if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(v))
                        this.throwSys('StringException', `Invalid id: ${v}`);
                    return this.builtins.normalizeId(v);
                }
                break;
        }
        if (t.n === 'list' || t.n === 'map' || t.n === 'set') {
            if (this.isInstance(v, { ...t, args: [] }, f.cls)) {
                // a collection's runtime element type is fixed: List<Object> (or JSON's List<ANY>) is not a List<String>
                const elem = v instanceof ApexMap ? v.valType : (v as ApexList | ApexSet).elemType;
                const wanted = t.n === 'map' ? t.args[1] : t.args[0];
                const keyOk =
                    !(v instanceof ApexMap) || !t.args[0] || v.keyType.n === t.args[0].n || t.args[0].n === 'object';
                if (
                    !wanted ||
                    wanted.n === 'object' ||
                    (elem.n !== 'object' && keyOk) ||
                    (elem.n === wanted.n && keyOk)
                )
                    return v;
                const any = (v as any).untyped ? 'ANY' : 'Object';
                const from =
                    v instanceof ApexMap
                        ? `Map<${canonical(v.keyType.name)},${any}>`
                        : `${v instanceof ApexSet ? 'Set' : 'List'}<${any}>`;
                this.throwSys(
                    'TypeException',
                    `Invalid conversion from runtime type ${from} to ${this.builtins.typeToken(t, f.cls).display}`
                );
            }
        } else if (this.isInstance(v, t, f.cls)) return v;
        this.throwSys(
            'TypeException',
            `Invalid conversion from runtime type ${this.typeNameOf(v)} to ${this.builtins.typeToken(t, f.cls).display}`
        );
    }

    private evalAssign(e: AssignExpr, f: Frame): any {
        let v = this.eval(e.r, f);
        if (e.op !== '=') {
            const cur = this.eval(e.l, f);
            const op = e.op.slice(0, -1);
            if (cur === null && op === '+' && typeof v === 'string') v = 'null' + v;
            else if (op === '&' || op === '|' || op === '^') v = this.evalBinary(op, cur, v, e);
            else v = this.evalBinary(op, cur, v, e);
        }
        return this.assignTo(e.l, v, f);
    }

    assignTo(target: Expr, v: any, f: Frame): any {
        switch (target.k) {
            case 'id': {
                const vr = f.scope.lookup(target.n);
                if (vr) {
                    vr.v = this.coerce(v, vr.t, f.cls);
                    return vr.v;
                }
                for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
                    for (let s: ClassInfo | null = c; s; s = s.superclass) {
                        const fd = s.fields.get(target.n);
                        if (fd) {
                            if (fd.mods.has('static')) {
                                this.writeStatic(s, fd, v);
                                return v;
                            }
                            if (c === f.cls && f.self) {
                                this.writeField(f.self, fd, s, v);
                                return v;
                            }
                        }
                    }
                }
                this.throwSys('TypeException', `Variable does not exist: ${target.name}`);
                return v;
            }
            case 'dot': {
                const st = target.obj.k === 'id' || target.obj.k === 'dot' ? this.staticTarget(target.obj, f) : null;
                if (st) {
                    if (st.kind === 'class') {
                        for (let s: ClassInfo | null = st.cls; s; s = s.superclass) {
                            const fd = s.fields.get(target.n);
                            if (fd) {
                                this.writeStatic(s, fd, v);
                                return v;
                            }
                        }
                    }
                    if (this.builtins.setStaticProperty(st, target.name, v)) return v;
                    this.throwSys('TypeException', `Variable does not exist: ${target.name}`);
                }
                const o = this.eval(target.obj, f);
                if (o === null) this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
                if (o instanceof ApexObject) {
                    let owner: ClassInfo | null = o.cls;
                    while (owner && !owner.fields.has(target.n)) owner = owner.superclass;
                    if (!owner) this.throwSys('TypeException', `Variable does not exist: ${target.name}`);
                    const fd = owner!.fields.get(target.n)!;
                    if (fd.mods.has('static')) this.writeStatic(owner!, fd, v);
                    else this.writeField(o, fd, owner!, v);
                    return v;
                }
                if (isSObject(o)) {
                    this.builtins.sobjectPut(o, target.name, v);
                    return v;
                }
                if (o instanceof NativeObject && this.builtins.setNativeProperty(o, target.name, v)) return v;
                this.throwSys('TypeException', `Cannot assign to ${target.name}`);
                return v;
            }
            case 'index': {
                const o = this.eval(target.obj, f);
                const i = this.eval(target.idx, f);
                if (o === null) this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
                if (o instanceof ApexList) {
                    this.builtins.listSet(o, i, this.coerce(v, o.elemType, f.cls));
                    return v;
                }
                this.throwSys('TypeException', 'Expression must be a list type');
                return v;
            }
        }
        throw new Error('Invalid assignment target ' + target.k);
    }

    // ---------------------------------------------------------------- arithmetic

    arith(op: string, a: any, b: any): any {
        if (typeof a === 'number' && typeof b === 'number') {
            switch (op) {
                case '+':
                    return (a + b) | 0;
                case '-':
                    return (a - b) | 0;
                case '*':
                    return Math.imul(a, b);
                case '/':
                    if (b === 0) this.throwSys('MathException', 'Divide by 0');
                    return (a / b) | 0;
            }
        }
        if (a instanceof ApexDouble || b instanceof ApexDouble) {
            const x = this.toDouble(a);
            const y = this.toDouble(b);
            switch (op) {
                case '+':
                    return new ApexDouble(x + y);
                case '-':
                    return new ApexDouble(x - y);
                case '*':
                    return new ApexDouble(x * y);
                case '/':
                    if (y === 0) this.throwSys('MathException', 'Divide by 0');
                    return new ApexDouble(x / y);
            }
        }
        if (a instanceof Decimal || b instanceof Decimal) {
            const x = this.toDecimal(a);
            const y = this.toDecimal(b);
            switch (op) {
                case '+':
                    return x.add(y);
                case '-':
                    return x.subtract(y);
                case '*':
                    return x.multiply(y);
                case '/':
                    if (y.signum() === 0) this.throwSys('MathException', 'Divide by 0');
                    return x.divide(y);
            }
        }
        if (typeof a === 'bigint' || typeof b === 'bigint') {
            const x = BigInt(a);
            const y = BigInt(b);
            switch (op) {
                case '+':
                    return BigInt.asIntN(64, x + y);
                case '-':
                    return BigInt.asIntN(64, x - y);
                case '*':
                    return BigInt.asIntN(64, x * y);
                case '/':
                    if (y === 0n) this.throwSys('MathException', 'Divide by 0');
                    return x / y;
            }
        }
        // Date/Datetime/Time arithmetic with Integer days or hours
        if (a instanceof ApexDate && typeof b === 'number') return a.addDays(op === '-' ? -b : b);
        if (a instanceof ApexDatetime && (typeof b === 'number' || b instanceof Decimal)) {
            const days = typeof b === 'number' ? b : b.toNumber();
            return a.addMs(Math.round((op === '-' ? -days : days) * 86_400_000));
        }
        this.throwSys('TypeException', `Arithmetic expressions must use numeric arguments`);
    }

    toDouble(v: any): number {
        if (typeof v === 'number') return v;
        if (typeof v === 'bigint') return Number(v);
        if (v instanceof ApexDouble) return v.value;
        if (v instanceof Decimal) return v.toNumber();
        this.throwSys('TypeException', 'Arithmetic expressions must use numeric arguments');
    }

    toDecimal(v: any): Decimal {
        if (v instanceof Decimal) return v;
        if (typeof v === 'number' || typeof v === 'bigint') return Decimal.fromInt(v);
        if (v instanceof ApexDouble) return Decimal.fromDouble(v.value);
        this.throwSys('TypeException', 'Arithmetic expressions must use numeric arguments');
    }

    private isNumeric(v: any): boolean {
        return typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal || v instanceof ApexDouble;
    }

    compareValues(a: any, b: any): number {
        if (this.isNumeric(a) && this.isNumeric(b)) {
            if (typeof a === 'number' && typeof b === 'number') return a - b;
            if (a instanceof ApexDouble || b instanceof ApexDouble) return this.toDouble(a) - this.toDouble(b);
            return this.toDecimal(a).compareTo(this.toDecimal(b));
        }
        if (typeof a === 'string' && typeof b === 'string') {
            const x = a.toLowerCase();
            const y = b.toLowerCase();
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (a instanceof ApexDate && b instanceof ApexDate) return a.compareTo(b);
        if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.compareTo(b);
        if (a instanceof ApexTime && b instanceof ApexTime) return a.ms - b.ms;
        if (a instanceof ApexDate && b instanceof ApexDatetime) return a.epochDay * 86_400_000 - b.epochMs;
        this.throwSys(
            'TypeException',
            `Comparison arguments must be compatible types: ${this.typeNameOf(a)}, ${this.typeNameOf(b)}`
        );
    }

    valuesEqual(a: any, b: any, ci = true): boolean {
        if (a === b) return true;
        if (a === null || b === null || a === undefined || b === undefined) return false;
        if (typeof a === 'string' && typeof b === 'string') return ci ? a.toLowerCase() === b.toLowerCase() : a === b;
        if (this.isNumeric(a) && this.isNumeric(b)) return this.compareValues(a, b) === 0;
        if (a instanceof ApexDate && b instanceof ApexDate) return a.epochDay === b.epochDay;
        if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
        if (a instanceof ApexTime && b instanceof ApexTime) return a.ms === b.ms;
        if (a instanceof ApexBlob && b instanceof ApexBlob) return Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
        if (a instanceof EnumValue && b instanceof EnumValue) return a.type === b.type && a.name === b.name;
        if (a instanceof ApexList && b instanceof ApexList) {
            return a.items.length === b.items.length && a.items.every((x, i) => this.valuesEqual(x, b.items[i], ci));
        }
        if (a instanceof ApexSet && b instanceof ApexSet) {
            return a.map.size === b.map.size && [...a.map.keys()].every((k) => b.map.has(k));
        }
        if (a instanceof ApexMap && b instanceof ApexMap) {
            if (a.map.size !== b.map.size) return false;
            for (const [k, [, v]] of a.map) {
                const o = b.map.get(k);
                if (!o || !this.valuesEqual(v, o[1], ci)) return false;
            }
            return true;
        }
        if (isSObject(a) && isSObject(b)) {
            if (a.type !== b.type) return false;
            // a deep check of field values (Apex Developer Guide › Expression Operators, ==): a field set to null
            // has the same value as one never set
            const values = (so: typeof a) =>
                new Map([...so.getPopulatedFieldsAsMap()].filter(([, v]) => v !== null && v !== undefined));
            const fa = values(a);
            const fb = values(b);
            if (fa.size !== fb.size) return false;
            for (const [k, v] of fa) {
                if (!fb.has(k) || !this.valuesEqual(v, fb.get(k), ci)) return false;
            }
            return true;
        }
        if (a instanceof ApexObject && b instanceof ApexObject) {
            if (this.hasMethod(a, 'equals', 1)) return this.callMethod(a, 'equals', [b]) === true;
            return false;
        }
        if (a instanceof SObjectTypeToken && b instanceof SObjectTypeToken)
            return a.name.toLowerCase() === b.name.toLowerCase();
        if (a instanceof SObjectFieldToken && b instanceof SObjectFieldToken) {
            return a.object.toLowerCase() === b.object.toLowerCase() && a.field.toLowerCase() === b.field.toLowerCase();
        }
        if (a instanceof TypeToken && b instanceof TypeToken) return a.ref.n === b.ref.n;
        return false;
    }

    evalBinary(op: string, a: any, b: any, e: Expr): any {
        switch (op) {
            case '+':
                if (typeof a === 'string' || typeof b === 'string') {
                    const joined = this.str(a) + this.str(b);
                    this.heap.allocated(joined.length);
                    return joined;
                }
                if (a === null || b === null)
                    this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
                return this.arith('+', a, b);
            case '-':
            case '*':
            case '/':
                if (a === null || b === null)
                    this.throwSys('NullPointerException', 'Attempt to de-reference a null object');
                return this.arith(op, a, b);
            case '==':
                return this.valuesEqual(a, b, true);
            case '!=':
                return !this.valuesEqual(a, b, true);
            case '===':
                return a === b || (this.isValueType(a) && this.valuesEqual(a, b, false));
            case '!==':
                return !(a === b || (this.isValueType(a) && this.valuesEqual(a, b, false)));
            case '<':
            case '>':
            case '<=':
            case '>=': {
                if (a === null || b === null) {
                    // Apex: comparisons with null are false (no exception) for primitives
                    return false;
                }
                const c = this.compareValues(a, b);
                return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
            }
            case '&':
                return typeof a === 'boolean' ? a && b : typeof a === 'bigint' ? a & BigInt(b) : a & b;
            case '|':
                return typeof a === 'boolean' ? a || b : typeof a === 'bigint' ? a | BigInt(b) : a | b;
            case '^':
                return typeof a === 'boolean' ? a !== b : typeof a === 'bigint' ? a ^ BigInt(b) : a ^ b;
            case '<<':
                return typeof a === 'bigint' ? BigInt.asIntN(64, a << BigInt(b)) : a << b;
            case '>>':
                return typeof a === 'bigint' ? a >> BigInt(b) : a >> b;
            case '>>>':
                return typeof a === 'bigint' ? BigInt.asIntN(64, BigInt.asUintN(64, a) >> BigInt(b)) : a >>> b;
        }
        throw new Error(`unknown operator ${op} at line ${e.line}`);
    }

    private isValueType(v: any): boolean {
        return typeof v !== 'object' || v instanceof Decimal || v instanceof ApexDate || v instanceof ApexDatetime;
    }

    // ---------------------------------------------------------------- SOQL

    private runInlineSoql(e: SoqlExpr, f: Frame): any {
        if (!this.org) this.throwSys('QueryException', 'No org loaded');
        let q = this.soqlCache.get(e);
        if (!q) {
            q = this.builtins.compileInlineSoql(e);
            this.soqlCache.set(e, q);
        }
        const rows = this.builtins.runQuery(q, (bind: any) => this.evalBind(bind, f), null, f);
        this.heap.allocated(sizeOf(rows));
        return rows;
    }

    /**
     * Counts what a platform method allocated: the String or Blob it returned, or for a collection or object built
     * from text (JSON.deserialize, String.split) the length of its String arguments.
     */
    private allocatedBy(result: any, args: any[]): any {
        if (typeof result === 'string') this.heap.allocated(result.length);
        else if (result instanceof ApexBlob) this.heap.allocated(result.bytes.length);
        else if (result !== null && typeof result === 'object') {
            for (const arg of args) if (typeof arg === 'string') this.heap.allocated(arg.length);
        }
        return result;
    }

    /** Evaluates a SOQL bind: `{ text }` (Apex expression text after the colon), a parse tree, or a plain name. */
    evalBind(bind: any, f: Frame): any {
        if (typeof bind === 'string') return this.evalBindText(bind, f);
        if (bind && typeof bind.text === 'string' && !bind.expression) return this.evalBindText(bind.text, f);
        const ctx = bind?.expression ?? bind?.ctx ?? bind;
        let node = this.bindCache.get(ctx);
        if (!node) {
            node = parseExpressionCtx(ctx, f.file);
            this.bindCache.set(ctx, node);
        }
        return this.eval(node, f);
    }

    private bindTextCache = new Map<string, Expr>();
    private evalBindText(text: string, f: Frame): any {
        let node = this.bindTextCache.get(text);
        if (!node) {
            node = parseExpressionText(text, f.file);
            this.bindTextCache.set(text, node);
        }
        return this.eval(node, f);
    }

    /** Wraps native JS arrays of SObjects as an Apex list. */
    sobjectList(rows: SObjectLike[], typeName: string): ApexList {
        return new ApexList(T(typeName), rows);
    }
}

/** A node kind the evaluator does not know; for the kinds loader/nodes.ts declares the compiler proves it unreachable. */
function unknownKind(node: never, what: string): never {
    throw new Error(`unknown ${what} ${(node as { k: string }).k}`);
}

function canonical(name: string): string {
    return name.toLowerCase() === 'string' ? 'String' : name;
}

declare module './objects' {
    interface ApexList {
        fromSoql?: boolean;
        countResult?: number;
    }
}
