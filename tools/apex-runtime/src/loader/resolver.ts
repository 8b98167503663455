/**
 * Load-time resolution, like a deploy: every type named in a declaration, `new`, cast, instanceof or catch must
 * exist; sObject fields written as `Obj.Field` tokens or in `new Obj(Field = …)` must exist in the schema; calls to
 * methods of project classes (`Foo.bar(…)`, unqualified calls) must name an existing method with that argument
 * count. Checks are deliberately precise: anything that cannot be decided statically here is left to run time.
 */
import type { Interpreter } from '../interpreter/interpreter';
import type { Builtins } from '../stdlib/builtins';
import type { CallExpr, ClassDecl, DotExpr, Expr, IdExpr, LocalStmt, Node, SoqlExpr, TypeRef } from './ast';
import { LoadError } from '../interpreter/errors';
import { ClassInfo } from '../interpreter/objects';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Instance methods of System.String (Apex Reference Guide › String Class). */
const STRING_METHODS = new Set(
    (
        'abbreviate capitalize center charAt codePointAt codePointBefore codePointCount compareTo contains containsAny ' +
        'containsIgnoreCase containsNone containsOnly containsWhitespace countMatches deleteWhitespace difference endsWith ' +
        'endsWithIgnoreCase equals equalsIgnoreCase escapeCsv escapeEcmaScript escapeHtml3 escapeHtml4 escapeJava ' +
        'escapeUnicode escapeXml format getChars getLevenshteinDistance hashCode indexOf indexOfAny indexOfAnyBut indexOfChar ' +
        'indexOfDifference indexOfIgnoreCase isAllLowerCase isAllUpperCase isAlpha isAlphaSpace isAlphanumeric ' +
        'isAlphanumericSpace isAsciiPrintable isNumeric isNumericSpace isWhitespace lastIndexOf lastIndexOfChar ' +
        'lastIndexOfIgnoreCase left leftPad length mid normalizeSpace offsetByCodePoints remove removeEnd ' +
        'removeEndIgnoreCase removeStart removeStartIgnoreCase repeat replace replaceAll replaceFirst reverse right rightPad ' +
        'split splitByCharacterType splitByCharacterTypeCamelCase startsWith startsWithIgnoreCase stripHtmlTags substring ' +
        'substringAfter substringAfterLast substringBefore substringBeforeLast substringBetween swapCase toLowerCase ' +
        'toUpperCase toString trim uncapitalize unescapeCsv unescapeEcmaScript unescapeHtml3 unescapeHtml4 unescapeJava ' +
        'unescapeUnicode unescapeXml'
    )
        .toLowerCase()
        .split(' ')
);

/** Local names in a method with their declared type (null when declared twice with different types). */
type Locals = Map<string, TypeRef | null>;

function declare(locals: Locals, n: string, t: TypeRef) {
    if (locals.has(n) && locals.get(n)?.n !== t.n) locals.set(n, null);
    else locals.set(n, t);
}

/** The loaded project as the checks see it (the runtime after loading the sources). */
export interface LoadedProject {
    readonly it: Interpreter;
    readonly builtins: Builtins;
    readonly triggers: ClassDecl[];
}

/**
 * Checks the project (or, with `anonymous`, one anonymous Apex script whose pseudo class is already registered)
 * and throws the first LoadError (with `.all` holding every error).
 */
export function resolveProject(rt: LoadedProject, anonymous?: ClassInfo): void {
    const it = rt.it;
    const errors: LoadError[] = [];
    const checkType = (t: TypeRef | null, from: ClassInfo | null, file: string, line: number) => {
        if (!t) return;
        const n = t.n;
        if (['void', 'list', 'set', 'map', 'object'].includes(n)) {
            for (const a of t.args) checkType(a, from, file, line);
            return;
        }
        const h = it.resolveType(t, from);
        if (!h) {
            // types unknown to both the project and the built-in table: only flag simple names that are clearly not
            // platform types we do not model (those would surface at run time as TypeException)
            if (!it.org && !n.includes('.')) return;
            if (n.includes('.')) return;
            errors.push(new LoadError(file, line, `Invalid type: ${t.name}`));
        }
        for (const a of t.args) checkType(a, from, file, line);
    };

    /**
     * The static type of an expression when it is obvious (literals, `new T(…)`, typed locals); null otherwise.
     * Used only to reject assignments a compiler rejects; anything not obvious is left to run time.
     */
    const obviousType = (e: Expr, locals: Locals): string | null => {
        if (!e) return null;
        switch (e.k) {
            case 'lit': {
                const v = e.v;
                if (v === null) return null;
                if (typeof v === 'string') return 'string';
                if (typeof v === 'boolean') return 'boolean';
                if (typeof v === 'number') return 'integer';
                if (typeof v === 'bigint') return 'long';
                if (v && typeof v === 'object' && 'double' in v) return 'double';
                return 'decimal';
            }
            case 'new':
                if (['list', 'set', 'map'].includes(e.type.n)) return null;
                return e.type.n;
            case 'id': {
                const t = locals.get(e.n);
                return t && !t.args.length ? t.n : null;
            }
        }
        return null;
    };

    const PRIMITIVES = new Set([
        'string',
        'id',
        'integer',
        'long',
        'decimal',
        'double',
        'boolean',
        'date',
        'datetime',
        'time',
        'blob'
    ]);
    const WIDENS: Record<string, string[]> = {
        integer: ['long', 'decimal', 'double'],
        long: ['decimal', 'double'],
        decimal: ['double'],
        double: ['decimal'],
        string: ['id'],
        id: ['string']
    };

    const assignable = (source: string, target: TypeRef, from: ClassInfo | null): boolean => {
        const t = target.n.replace(/^system\./, '');
        if (t === 'object' || source === t) return true;
        if (PRIMITIVES.has(source) && PRIMITIVES.has(t)) return (WIDENS[source] ?? []).includes(t);
        if (PRIMITIVES.has(source) !== PRIMITIVES.has(t)) {
            // a primitive into a class/sObject variable or the reverse: only when both sides are known types
            const other = PRIMITIVES.has(source) ? it.resolveType(target, from) : it.resolveTypeName(source, from);
            return !other || other.kind === 'builtin' || other.kind === 'namespace';
        }
        const hs = it.resolveTypeName(source, from);
        const ht = it.resolveType(target, from);
        if (!hs || !ht) return true;
        if (hs.kind === 'class' && ht.kind === 'class')
            return hs.cls.isSubclassOf(ht.cls) || hs.cls.builtin || ht.cls.builtin;
        if (hs.kind === 'sobject' && ht.kind === 'sobject') return hs.name === ht.name;
        if (hs.kind === 'sobject' && ht.kind === 'class') return false;
        if (hs.kind === 'class' && ht.kind === 'sobject') return false;
        return true;
    };

    const display = (n: string): string => {
        const h = it.resolveTypeName(n, null);
        if (h?.kind === 'class') return h.cls.displayName;
        if (h?.kind === 'sobject') return h.name;
        return rt.builtins.typeToken({ name: n, n, args: [], array: 0 }, null).display;
    };

    const checkAssignment = (
        value: Expr,
        target: TypeRef,
        from: ClassInfo | null,
        file: string,
        ln: number,
        locals: Locals
    ) => {
        if (target.args.length || target.n === 'list' || target.n === 'set' || target.n === 'map') return;
        const source = obviousType(value, locals);
        if (!source || assignable(source, target, from)) return;
        errors.push(new LoadError(file, ln, `Illegal assignment from ${display(source)} to ${display(target.n)}`));
    };

    /** Walks any node or part of one (declarators, catch and when clauses, lists), checking each node it meets. */
    const visitNode = (value: unknown, from: ClassInfo | null, file: string, line: number, locals: Locals) => {
        if (!value || typeof value !== 'object') return;
        if (Array.isArray(value)) {
            for (const x of value) visitNode(x, from, file, line, locals);
            return;
        }
        const part = value as { k?: string; line?: number; [key: string]: unknown };
        const ln = part.line ?? line;
        if (part.k !== undefined) checkNode(part as Node, from, file, ln, locals);
        for (const key of Object.keys(part)) {
            if (key === 'ctx' || key === 'type' || key === 'line') continue;
            const v = part[key];
            if (v && typeof v === 'object') visitNode(v, from, file, ln, locals);
        }
        // a local is in scope after its initialiser: `String soql = SOQL.of(…)` calls the class SOQL
        if (part.k === 'local') {
            const local = part as unknown as LocalStmt;
            for (const d of local.decls) declare(locals, d.n, local.type);
        }
    };

    const checkNode = (node: Node, from: ClassInfo | null, file: string, ln: number, locals: Locals) => {
        switch (node.k) {
            case 'local':
                checkType(node.type, from, file, ln);
                for (const d of node.decls) if (d.init) checkAssignment(d.init, node.type, from, file, ln, locals);
                break;
            case 'foreach':
                checkType(node.type, from, file, ln);
                declare(locals, node.name, node.type);
                break;
            case 'try':
                for (const c of node.catches) declare(locals, c.name, { name: c.type, n: c.n, args: [], array: 0 });
                break;
            case 'switch':
                for (const w of node.whens) if (w.kind === 'type') declare(locals, w.name, w.type);
                break;
            case 'cast':
            case 'instanceof':
                checkType(node.type, from, file, ln);
                break;
            case 'new':
                if (node.type.n !== 'list' && node.type.n !== 'set' && node.type.n !== 'map') {
                    checkType(node.type, from, file, ln);
                    const h = it.resolveType(node.type, from);
                    if (h?.kind === 'sobject' && node.form === 'fields') {
                        for (const fv of node.fields) {
                            if (
                                !rt.builtins.describeField(h.name, fv.name) &&
                                !rt.builtins.relationship(h.name, fv.name)
                            ) {
                                errors.push(new LoadError(file, ln, `Invalid field ${fv.name} for ${h.name}`));
                            }
                        }
                    }
                    if (h?.kind === 'class' && node.form === 'args' && h.cls.decl.ctors.length && !h.cls.builtin) {
                        const n = node.args.length;
                        // a custom exception keeps the four constructors every exception has — (), (message),
                        // (cause), (message, cause) — beside its own (Apex Developer Guide › Create Custom Exceptions)
                        const exceptionCtor = n <= 2 && h.cls.isSubclassOf(it.exceptionBase);
                        if (!exceptionCtor && !h.cls.decl.ctors.some((c) => c.params.length === n)) {
                            errors.push(
                                new LoadError(
                                    file,
                                    ln,
                                    `Constructor not defined: [${h.cls.displayName}].<Constructor>(${n} arguments)`
                                )
                            );
                        }
                    }
                } else for (const a of node.type.args) checkType(a, from, file, ln);
                break;
            case 'call':
                if (node.obj) checkQualifier(node.obj, from, file, ln, locals);
                checkCall(node, from, file, ln, locals);
                break;
            case 'dot':
                checkQualifier(node.obj, from, file, ln, locals);
                checkDot(node, from, file, ln, locals);
                break;
            case 'soql':
                checkSoql(node, file, ln);
                break;
            case 'assign':
                if (node.op === '=' && node.l.k === 'id') {
                    const t = locals.get(node.l.n);
                    if (t) checkAssignment(node.r, t, from, file, ln, locals);
                }
                break;
        }
    };

    /** `Name.member` where Name is a type (not shadowed by a local/field) */
    const staticHandle = (obj: Expr, from: ClassInfo | null, locals: Locals): any => {
        if (obj.k !== 'id') return null;
        if (locals.has(obj.n)) return null;
        for (let c: ClassInfo | null = from; c; c = c.outer) {
            if (c.findField(obj.n)) return null;
            if (c.kind === 'enum' && c.decl.enumValues.some((v) => v.toLowerCase() === obj.n)) return null;
        }
        return it.resolveTypeName(obj.n, from);
    };

    /** `Name.x` / `Name.m()` where Name is neither a variable, a field nor a type: "Variable does not exist". */
    const checkQualifier = (obj: Expr, from: ClassInfo | null, file: string, ln: number, locals: Locals) => {
        if (obj.k !== 'id' || !it.org || staticHandle(obj, from, locals)) return;
        if (locals.has(obj.n)) return;
        for (let c: ClassInfo | null = from; c; c = c.outer) {
            if (c.findField(obj.n)) return;
            if (c.kind === 'enum' && c.decl.enumValues.some((v) => v.toLowerCase() === obj.n)) return;
            // fields inherited from a class we cannot see (a built-in superclass) may exist
            for (let sup = c.superclass; sup; sup = sup.superclass) if (sup.builtin && sup !== it.exceptionBase) return;
            if (c.decl.ext && !c.superclass) return;
        }
        errors.push(new LoadError(file, ln, `Variable does not exist: ${obj.name}`));
    };

    const checkCall = (node: CallExpr, from: ClassInfo | null, file: string, ln: number, locals: Locals) => {
        const argc = node.args.length;
        if (node.obj === null) {
            for (let c: ClassInfo | null = from; c; c = c.outer) {
                if (c.findMethods(node.n).length) {
                    if (!c.findMethods(node.n).some((m) => m.params.length === argc)) {
                        errors.push(
                            new LoadError(
                                file,
                                ln,
                                `Method does not exist or incorrect signature: void ${node.name}(${argc} arguments) from the type ${c.displayName}`
                            )
                        );
                    }
                    return;
                }
            }
            if (from && !from.superclass?.builtin && !from.superclass && from.kind !== 'trigger') {
                errors.push(
                    new LoadError(
                        file,
                        ln,
                        `Method does not exist or incorrect signature: ${node.name}(${argc} arguments) from the type ${from.displayName}`
                    )
                );
            }
            return;
        }
        const h = staticHandle(node.obj, from, locals);
        if (!h && node.obj.k === 'id') checkInstanceCall(node, node.obj, from, file, ln, locals);
        if (h?.kind === 'class' && !h.cls.builtin && h.cls.kind !== 'enum') {
            const ms = h.cls.findMethods(node.n);
            if (!ms.length) {
                errors.push(
                    new LoadError(
                        file,
                        ln,
                        `Method does not exist or incorrect signature: ${node.name}(${argc} arguments) from the type ${h.cls.displayName}`
                    )
                );
            } else if (!ms.some((m: any) => m.params.length === argc)) {
                errors.push(
                    new LoadError(
                        file,
                        ln,
                        `Method does not exist or incorrect signature: ${h.cls.displayName}.${node.name}(${argc} arguments)`
                    )
                );
            }
        }
    };

    /** All methods callable on an instance of a project class or interface (own, inherited, interfaces). */
    const instanceMethods = (c: ClassInfo): { names: Map<string, number[]>; open: boolean } => {
        const names = new Map<string, number[]>();
        let open = false;
        const seen = new Set<ClassInfo>();
        const walk = (x: ClassInfo | null) => {
            if (!x || seen.has(x)) return;
            seen.add(x);
            if (x.builtin) {
                open = true;
                return;
            }
            for (const [n, ms] of x.methods) names.set(n, [...(names.get(n) ?? []), ...ms.map((m) => m.params.length)]);
            if (x.decl.ext && !x.superclass) open = true;
            walk(x.superclass);
            for (const i of x.interfaces) walk(i);
            if (x.decl.impls.length > x.interfaces.length) open = true;
        };
        walk(c);
        return { names, open };
    };

    /** `v.m(…)` where v is declared with a project class type: the method must exist with that arity. */
    const checkInstanceCall = (
        node: CallExpr,
        receiver: IdExpr,
        from: ClassInfo | null,
        file: string,
        ln: number,
        locals: Locals
    ) => {
        let declared: TypeRef | null | undefined = locals.get(receiver.n);
        if (declared === undefined) {
            for (let c: ClassInfo | null = from; c && declared === undefined; c = c.outer)
                declared = c.findField(receiver.n)?.type;
        }
        if (!declared || declared.args.length) return;
        if (declared.n === 'string' || declared.n === 'system.string') {
            if (!STRING_METHODS.has(node.n)) {
                errors.push(
                    new LoadError(
                        file,
                        ln,
                        `Method does not exist or incorrect signature: void ${node.name}() from the type String`
                    )
                );
            }
            return;
        }
        const th = it.resolveType(declared, from);
        if (th?.kind !== 'class' || th.cls.builtin || th.cls.kind === 'enum') return;
        if (['equals', 'hashcode', 'tostring'].includes(node.n)) return;
        const { names, open } = instanceMethods(th.cls);
        const arities = names.get(node.n);
        const argc = node.args.length;
        if (!arities) {
            if (!open) {
                errors.push(
                    new LoadError(
                        file,
                        ln,
                        `Method does not exist or incorrect signature: ${node.name}(${argc} arguments) from the type ${th.cls.displayName}`
                    )
                );
            }
            return;
        }
        if (!arities.includes(argc) && !open) {
            errors.push(
                new LoadError(
                    file,
                    ln,
                    `Method does not exist or incorrect signature: ${th.cls.displayName}.${node.name}(${argc} arguments)`
                )
            );
        }
    };

    const checkDot = (node: DotExpr, from: ClassInfo | null, file: string, ln: number, locals: Locals) => {
        const h = staticHandle(node.obj, from, locals);
        if (h?.kind === 'sobject') {
            const n = node.n;
            if (n === 'sobjecttype' || n === 'fields') return;
            if (!rt.builtins.describeField(h.name, node.name)) {
                errors.push(new LoadError(file, ln, `Invalid field ${node.name} for ${h.name}`));
            }
            return;
        }
        // a field read on a variable declared with an sObject type: the field or relationship must exist
        if (node.obj.k !== 'id' || !it.org) return;
        let declared: TypeRef | null | undefined = locals.get(node.obj.n);
        if (declared === undefined) {
            for (let c: ClassInfo | null = from; c && declared === undefined; c = c.outer)
                declared = c.findField(node.obj.n)?.type;
        }
        if (!declared || declared.args.length) return;
        const th = it.resolveType(declared, from);
        if (th?.kind !== 'sobject') return;
        if (rt.builtins.describeField(th.name, node.name) || rt.builtins.relationship(th.name, node.name)) return;
        errors.push(new LoadError(file, ln, `Invalid field ${node.name} for ${th.name}`));
    };

    /** Inline SOQL is compiled at load: unknown objects, fields and relationships fail like a deploy. */
    const checkSoql = (node: SoqlExpr, file: string, ln: number) => {
        const org: any = it.org;
        if (!org?.compileSoql) return;
        try {
            org.compileSoql(node.text);
        } catch (e: any) {
            const msg = String(e?.message ?? e);
            if (
                e?.apexType &&
                /No such column|Didn't understand relationship|is not supported|Invalid field|Unknown field/i.test(msg)
            ) {
                errors.push(new LoadError(file, ln, msg));
            }
        }
    };

    const visitClass = (c: ClassInfo) => {
        const d: ClassDecl = c.decl;
        const file = rt.it.rootOf(c).decl.file;
        if (d.ext && !c.superclass) errors.push(new LoadError(file, d.line, `Invalid type: ${d.ext.name}`));
        for (const f of d.fields) {
            checkType(f.type, c, file, f.line);
            const locals: Locals = new Map();
            if (f.init) visitNode(f.init, c, file, f.line, locals);
            if (f.property) {
                for (const b of [f.property.getter, f.property.setter])
                    if (b && b !== 'auto')
                        visitNode(
                            b,
                            c,
                            file,
                            f.line,
                            new Map([
                                ['value', f.type],
                                [f.n, f.type]
                            ])
                        );
            }
        }
        for (const m of [...d.methods, ...d.ctors]) {
            checkType(m.ret, c, file, m.line);
            const locals: Locals = new Map(m.params.map((p) => [p.n, p.type] as [string, TypeRef]));
            for (const p of m.params) checkType(p.type, c, file, m.line);
            if (m.body) visitNode(m.body, c, file, m.line, locals);
        }
        for (const init of d.inits) visitNode(init.block, c, file, init.block.line, new Map());
        for (const inner of c.inner.values()) visitClass(inner);
    };

    if (anonymous) {
        visitClass(anonymous);
        visitNode(anonymous.decl.trigger!.body, anonymous, anonymous.decl.file, 1, new Map());
    } else for (const c of it.classes.values()) if (!c.builtin) visitClass(c);
    for (const t of anonymous ? [] : rt.triggers) {
        const info: ClassInfo = (t as any).info;
        if (it.org && !it.org.schema.getObject(t.trigger!.object)) {
            errors.push(new LoadError(t.file, t.line, `Invalid SObject type: ${t.trigger!.object}`));
        }
        visitNode(t.trigger!.body, info, t.file, t.line, new Map());
    }
    if (errors.length) {
        const first = errors[0];
        first.all = errors;
        throw first;
    }
}
