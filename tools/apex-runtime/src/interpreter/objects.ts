/**
 * Runtime representations of Apex collections, class instances, enums and type tokens.
 */
import type { TypeRef, ClassDecl, MethodDecl, FieldDecl } from '../loader/ast';
import { Decimal } from '../values/decimal';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime';
import { ApexDouble } from '../values/double';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const T = (name: string, args: TypeRef[] = []): TypeRef => ({ name, n: name.toLowerCase(), args, array: 0 });
export const OBJECT_T = T('Object');

export class ClassInfo {
    readonly n: string;
    superclass: ClassInfo | null = null;
    interfaces: ClassInfo[] = [];
    outer: ClassInfo | null;
    readonly methods = new Map<string, MethodDecl[]>();
    readonly fields = new Map<string, FieldDecl>();
    readonly inner = new Map<string, ClassInfo>();
    /** built-in classes (exceptions, system interfaces) have no source */
    readonly builtin: boolean;
    constructor(
        readonly name: string,
        readonly decl: ClassDecl,
        outer: ClassInfo | null,
        builtin = false
    ) {
        this.outer = outer;
        this.n = (outer ? outer.n + '.' : '') + decl.n;
        this.builtin = builtin;
        for (const m of decl.methods) {
            m.owner = this;
            const list = this.methods.get(m.n) ?? [];
            list.push(m);
            this.methods.set(m.n, list);
        }
        for (const c of decl.ctors) c.owner = this;
        for (const f of decl.fields) this.fields.set(f.n, f);
    }
    get kind() {
        return this.decl.kind;
    }
    /** Apex type name as the platform prints it (Outer.Inner) */
    get displayName(): string {
        return this.outer && this.outer.decl.n !== 'anonymousblock'
            ? this.outer.displayName + '.' + this.name
            : this.name;
    }
    isSubclassOf(other: ClassInfo): boolean {
        const seen = new Set<ClassInfo>();
        const walk = (c: ClassInfo | null): boolean => {
            if (!c || seen.has(c)) return false;
            seen.add(c);
            if (c === other) return true;
            if (walk(c.superclass)) return true;
            return c.interfaces.some((i) => walk(i));
        };
        return walk(this);
    }
    implementsName(lowerName: string): boolean {
        const seen = new Set<ClassInfo>();
        const walk = (c: ClassInfo | null): boolean => {
            if (!c || seen.has(c)) return false;
            seen.add(c);
            if (c.n === lowerName || c.decl.n === lowerName) return true;
            // system interfaces named with a namespace (Database.AllowsCallouts) are matched by name
            if (c.decl.impls.some((t) => t.n === lowerName || t.n.endsWith('.' + lowerName))) return true;
            if (walk(c.superclass)) return true;
            return c.interfaces.some((i) => walk(i));
        };
        return walk(this);
    }
    findMethods(n: string): MethodDecl[] {
        const out: MethodDecl[] = [...(this.methods.get(n) ?? [])];
        for (let c = this.superclass; c; c = c.superclass) {
            const own = c.methods.get(n);
            if (own) out.push(...own);
        }
        return out;
    }
    findField(n: string): FieldDecl | undefined {
        const own = this.fields.get(n);
        if (own) return own;
        for (let c = this.superclass; c; c = c.superclass) {
            const f = c.fields.get(n);
            if (f) return f;
        }
        return undefined;
    }
    hasAnnotation(n: string): boolean {
        return this.decl.annotations.some((a) => a.n === n);
    }
}

export class ApexObject {
    readonly fields = new Map<string, any>();
    /** native payload for built-in classes (HttpRequest, JSONGenerator, exceptions' DML rows …) */
    native: any = null;
    constructor(readonly cls: ClassInfo) {}
}

export class ApexList {
    constructor(
        public elemType: TypeRef,
        public items: any[] = []
    ) {}
}

export class ApexSet {
    readonly map = new Map<any, any>();
    constructor(public elemType: TypeRef) {}
}

export class ApexMap {
    readonly map = new Map<any, [any, any]>();
    constructor(
        public keyType: TypeRef,
        public valType: TypeRef
    ) {}
}

export class EnumValue {
    constructor(
        readonly type: string,
        readonly name: string,
        readonly ordinal: number
    ) {}
}

/** A `Foo.class` / Type.forName token. */
export class TypeToken {
    constructor(
        readonly ref: TypeRef,
        readonly display: string
    ) {}
}

/** Schema.SObjectType token (Account.SObjectType) */
export class SObjectTypeToken {
    constructor(readonly name: string) {}
}

/** Schema.SObjectField token (Opportunity.Amount) */
export class SObjectFieldToken {
    constructor(
        readonly object: string,
        readonly field: string
    ) {}
}

/** A value whose methods are implemented natively (DescribeSObjectResult, Http, JSONParser …). */
export class NativeObject {
    constructor(
        readonly typeName: string,
        readonly data: any
    ) {}
}

/** Key used in Set/Map storage; equal Apex values produce equal keys. */
export function keyOf(v: any, keyHash?: (o: ApexObject) => string | null): any {
    if (v === null || v === undefined) return 'null:';
    switch (typeof v) {
        case 'string':
            return v;
        case 'number':
            return 'n:' + v;
        case 'bigint':
            return 'n:' + v.toString();
        case 'boolean':
            return 'b:' + v;
    }
    if (v instanceof Decimal) return v.hashKey();
    if (v instanceof ApexDouble) return 'n:' + v.value;
    if (v instanceof ApexDate) return 'date:' + v.epochDay;
    if (v instanceof ApexDatetime) return 'dt:' + v.epochMs;
    if (v instanceof ApexTime) return 'tm:' + v.ms;
    if (v instanceof EnumValue) return 'e:' + v.type + '.' + v.name;
    if (v instanceof SObjectTypeToken) return 'sot:' + v.name.toLowerCase();
    if (v instanceof SObjectFieldToken) return 'sof:' + v.object.toLowerCase() + '.' + v.field.toLowerCase();
    if (v instanceof TypeToken) return 'type:' + v.ref.n;
    if (v instanceof ApexObject && keyHash) {
        const k = keyHash(v);
        if (k !== null) return k;
    }
    return v;
}
