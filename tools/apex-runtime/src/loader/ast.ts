/**
 * A compact Apex AST built once from the apex-parser (ANTLR) tree. The interpreter walks this, not the ANTLR
 * contexts: node kinds are strings, names keep their source spelling (`name`) and a lower-case key (`n`).
 *
 * Over 800 lines because it holds one builder per apex-parser context type, kept together so that every node shape
 * is defined in one place.
 */
import * as P from '@apexdevtools/apex-parser';
import { Decimal } from '../values/decimal';
import type { BlockStmt, Expr, ExprListStmt, LocalStmt, NewExpr, Stmt, TypeRef, WhenValue } from './nodes';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type * from './nodes';

export interface Annotation {
    n: string;
    params: Record<string, string | boolean>;
}

export interface ParamDecl {
    name: string;
    n: string;
    type: TypeRef;
}

export interface MethodDecl {
    name: string;
    n: string;
    params: ParamDecl[];
    ret: TypeRef | null;
    body: BlockStmt | null;
    mods: Set<string>;
    annotations: Annotation[];
    line: number;
    owner?: any;
}

export interface FieldDecl {
    name: string;
    n: string;
    type: TypeRef;
    init: Expr | null;
    mods: Set<string>;
    line: number;
    /** properties: getter/setter bodies; 'auto' for `get;` */
    property?: { getter: BlockStmt | 'auto' | null; setter: BlockStmt | 'auto' | null };
}

export interface ClassDecl {
    name: string;
    n: string;
    kind: 'class' | 'interface' | 'enum' | 'trigger';
    mods: Set<string>;
    annotations: Annotation[];
    ext: TypeRef | null;
    impls: TypeRef[];
    fields: FieldDecl[];
    methods: MethodDecl[];
    ctors: MethodDecl[];
    inits: { isStatic: boolean; block: BlockStmt }[];
    inner: ClassDecl[];
    enumValues: string[];
    file: string;
    line: number;
    /** for triggers */
    trigger?: { object: string; cases: string[]; body: BlockStmt };
}

function lineOf(ctx: any): number {
    return ctx?.start?.line ?? 0;
}

function text(ctx: any): string {
    return ctx ? ctx.getText() : '';
}

export function unescapeApexString(raw: string): string {
    const body = raw.slice(1, -1);
    let out = '';
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c !== '\\') {
            out += c;
            continue;
        }
        const nx = body[++i];
        switch (nx) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u':
                out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
                i += 4;
                break;
            default:
                out += nx;
        }
    }
    return out;
}

/** Removes Apex comments from inline SOQL text (comments are legal inside [SELECT …]), leaving string literals intact. */
export function stripComments(src: string): string {
    let out = '';
    for (let i = 0; i < src.length; i++) {
        const c = src[i];
        if (c === "'") {
            let j = i + 1;
            while (j < src.length && src[j] !== "'") j += src[j] === '\\' ? 2 : 1;
            out += src.slice(i, j + 1);
            i = j;
        } else if (c === '/' && src[i + 1] === '*') {
            const end = src.indexOf('*/', i + 2);
            i = end < 0 ? src.length : end + 1;
            out += ' ';
        } else if (c === '/' && src[i + 1] === '/') {
            const end = src.indexOf('\n', i);
            i = end < 0 ? src.length : end - 1;
            out += ' ';
        } else out += c;
    }
    return out;
}

export class AstBuilder {
    constructor(
        private readonly file: string,
        private readonly source: string = ''
    ) {}

    private codePoints: string[] | null = null;

    /** Original source text of a context (getText() drops whitespace). ANTLR offsets count code points. */
    sourceOf(ctx: any): string {
        if (!this.source || !ctx?.start || !ctx?.stop) return text(ctx);
        if (!/[\uD800-\uDFFF]/.test(this.source)) return this.source.slice(ctx.start.start, ctx.stop.stop + 1);
        this.codePoints = this.codePoints ?? Array.from(this.source);
        return this.codePoints.slice(ctx.start.start, ctx.stop.stop + 1).join('');
    }

    typeRef(ctx: any): TypeRef {
        const names: any[] = ctx.typeName_list();
        const parts: string[] = [];
        let args: TypeRef[] = [];
        for (const tn of names) {
            let base: string;
            if (tn.LIST()) base = 'List';
            else if (tn.SET()) base = 'Set';
            else if (tn.MAP()) base = 'Map';
            else base = text(tn.id());
            parts.push(base);
            const ta = tn.typeArguments();
            if (ta)
                args = ta
                    .typeList()
                    .typeRef_list()
                    .map((t: any) => this.typeRef(t));
        }
        const name = parts.join('.');
        const array = ctx.arraySubscripts() ? ctx.arraySubscripts().LBRACK_list().length : 0;
        let ref: TypeRef = { name, n: name.toLowerCase(), args, array: 0 };
        for (let i = 0; i < array; i++) ref = { name: 'List', n: 'list', args: [ref], array: 0 };
        return ref;
    }

    modifiers(list: any[]): { mods: Set<string>; annotations: Annotation[] } {
        const mods = new Set<string>();
        const annotations: Annotation[] = [];
        for (const m of list) {
            const a = m.annotation();
            if (a) {
                const params: Record<string, string | boolean> = {};
                const pairs = a.elementValuePairs();
                if (pairs) {
                    for (const p of pairs.elementValuePair_list()) {
                        const v = text(p.elementValue());
                        params[text(p.id()).toLowerCase()] =
                            v.toLowerCase() === 'true' ? true : v.toLowerCase() === 'false' ? false : v;
                    }
                }
                const name = a.qualifiedName ? text(a.qualifiedName()) : text(a.id());
                annotations.push({ n: name.toLowerCase(), params });
                if (name.toLowerCase() === 'istest') mods.add('testmethod');
            } else {
                const t = text(m).toLowerCase();
                if (t.startsWith('without')) mods.add('withoutsharing');
                else if (t.startsWith('with')) mods.add('withsharing');
                else if (t.startsWith('inherited')) mods.add('inheritedsharing');
                else mods.add(t);
            }
        }
        return { mods, annotations };
    }

    compilationUnit(ctx: any): ClassDecl {
        const td = ctx.typeDeclaration();
        const { mods, annotations } = this.modifiers(td.modifier_list());
        if (td.classDeclaration()) return this.classDecl(td.classDeclaration(), mods, annotations);
        if (td.interfaceDeclaration()) return this.interfaceDecl(td.interfaceDeclaration(), mods, annotations);
        return this.enumDecl(td.enumDeclaration(), mods, annotations);
    }

    private emptyClass(name: string, kind: ClassDecl['kind'], line: number): ClassDecl {
        return {
            name,
            n: name.toLowerCase(),
            kind,
            mods: new Set(),
            annotations: [],
            ext: null,
            impls: [],
            fields: [],
            methods: [],
            ctors: [],
            inits: [],
            inner: [],
            enumValues: [],
            file: this.file,
            line
        };
    }

    enumDecl(ctx: any, mods: Set<string>, annotations: Annotation[]): ClassDecl {
        const c = this.emptyClass(text(ctx.id()), 'enum', lineOf(ctx));
        c.mods = mods;
        c.annotations = annotations;
        const consts = ctx.enumConstants();
        if (consts) c.enumValues = consts.id_list().map((i: any) => text(i));
        return c;
    }

    interfaceDecl(ctx: any, mods: Set<string>, annotations: Annotation[]): ClassDecl {
        const c = this.emptyClass(text(ctx.id()), 'interface', lineOf(ctx));
        c.mods = mods;
        c.annotations = annotations;
        if (ctx.typeList())
            c.impls = ctx
                .typeList()
                .typeRef_list()
                .map((t: any) => this.typeRef(t));
        for (const m of ctx.interfaceBody().interfaceMethodDeclaration_list()) {
            const md = this.modifiers(m.modifier_list());
            c.methods.push({
                name: text(m.id()),
                n: text(m.id()).toLowerCase(),
                params: this.params(m.formalParameters()),
                ret: m.typeRef() ? this.typeRef(m.typeRef()) : null,
                body: null,
                mods: new Set([...md.mods, 'abstract']),
                annotations: md.annotations,
                line: lineOf(m)
            });
        }
        return c;
    }

    params(ctx: any): ParamDecl[] {
        const list = ctx.formalParameterList();
        if (!list) return [];
        return list.formalParameter_list().map((p: any) => ({
            name: text(p.id()),
            n: text(p.id()).toLowerCase(),
            type: this.typeRef(p.typeRef())
        }));
    }

    classDecl(ctx: any, mods: Set<string>, annotations: Annotation[]): ClassDecl {
        const c = this.emptyClass(text(ctx.id()), 'class', lineOf(ctx));
        c.mods = mods;
        c.annotations = annotations;
        if (ctx.typeRef()) c.ext = this.typeRef(ctx.typeRef());
        if (ctx.typeList())
            c.impls = ctx
                .typeList()
                .typeRef_list()
                .map((t: any) => this.typeRef(t));
        for (const d of ctx.classBody().classBodyDeclaration_list()) this.member(c, d);
        return c;
    }

    member(c: ClassDecl, d: any) {
        if (d.block()) {
            c.inits.push({ isStatic: !!d.STATIC(), block: this.block(d.block()) });
            return;
        }
        const md = d.memberDeclaration ? d.memberDeclaration() : d.triggerMemberDeclaration();
        if (!md) return;
        const { mods, annotations } = this.modifiers(d.modifier_list());
        this.memberDecl(c, md, mods, annotations);
    }

    memberDecl(c: ClassDecl, md: any, mods: Set<string>, annotations: Annotation[]) {
        if (md.methodDeclaration()) {
            const m = md.methodDeclaration();
            c.methods.push({
                name: text(m.id()),
                n: text(m.id()).toLowerCase(),
                params: this.params(m.formalParameters()),
                ret: m.typeRef() ? this.typeRef(m.typeRef()) : null,
                body: m.block() ? this.block(m.block()) : null,
                mods: m.block() ? mods : new Set([...mods, 'abstract']),
                annotations,
                line: lineOf(m)
            });
        } else if (md.constructorDeclaration && md.constructorDeclaration()) {
            const m = md.constructorDeclaration();
            c.ctors.push({
                name: c.name,
                n: '<init>',
                params: this.params(m.formalParameters()),
                ret: null,
                body: this.block(m.block()),
                mods,
                annotations,
                line: lineOf(m)
            });
        } else if (md.fieldDeclaration()) {
            const f = md.fieldDeclaration();
            const type = this.typeRef(f.typeRef());
            for (const v of f.variableDeclarators().variableDeclarator_list()) {
                c.fields.push({
                    name: text(v.id()),
                    n: text(v.id()).toLowerCase(),
                    type,
                    init: v.expression() ? this.expr(v.expression()) : null,
                    mods,
                    line: lineOf(v)
                });
            }
        } else if (md.propertyDeclaration()) {
            const p = md.propertyDeclaration();
            let getter: BlockStmt | 'auto' | null = null;
            let setter: BlockStmt | 'auto' | null = null;
            const accessMods: Set<string> = new Set();
            for (const b of p.propertyBlock_list()) {
                const bm = this.modifiers(b.modifier_list()).mods;
                if (b.getter()) getter = b.getter().block() ? this.block(b.getter().block()) : 'auto';
                if (b.setter()) {
                    setter = b.setter().block() ? this.block(b.setter().block()) : 'auto';
                    if (bm.has('private')) accessMods.add('privateset');
                }
            }
            c.fields.push({
                name: text(p.id()),
                n: text(p.id()).toLowerCase(),
                type: this.typeRef(p.typeRef()),
                init: null,
                mods: new Set([...mods, ...accessMods]),
                line: lineOf(p),
                property: { getter, setter }
            });
        } else if (md.classDeclaration()) {
            c.inner.push(this.classDecl(md.classDeclaration(), mods, annotations));
        } else if (md.interfaceDeclaration()) {
            c.inner.push(this.interfaceDecl(md.interfaceDeclaration(), mods, annotations));
        } else if (md.enumDeclaration()) {
            c.inner.push(this.enumDecl(md.enumDeclaration(), mods, annotations));
        }
    }

    triggerUnit(ctx: any): ClassDecl {
        const ids = ctx.id_list();
        const c = this.emptyClass(text(ids[0]), 'trigger', lineOf(ctx));
        const cases = ctx.triggerCase_list().map((tc: any) => text(tc).toLowerCase().replace(/\s+/g, ''));
        const stmts: Stmt[] = [];
        for (const m of ctx.triggerBlock().triggerBlockMember_list()) {
            if (m.statement()) stmts.push(this.stmt(m.statement()));
            else if (m.triggerMemberDeclaration().fieldDeclaration() && !m.modifier_list().length) {
                stmts.push(this.fieldAsLocal(m.triggerMemberDeclaration().fieldDeclaration()));
            } else {
                const { mods, annotations } = this.modifiers(m.modifier_list());
                this.memberDecl(c, m.triggerMemberDeclaration(), mods, annotations);
            }
        }
        c.trigger = { object: text(ids[1]), cases, body: { k: 'block', stmts, line: lineOf(ctx.triggerBlock()) } };
        return c;
    }

    anonymousUnit(ctx: any): ClassDecl {
        const c = this.emptyClass('AnonymousBlock', 'class', 1);
        const stmts: Stmt[] = [];
        for (const m of ctx.anonymousBlock().anonymousBlockMember_list()) {
            if (m.statement()) stmts.push(this.stmt(m.statement()));
            else if (m.anonymousMemberDeclaration().fieldDeclaration()) {
                // top-level declarations of anonymous Apex are local variables, executed in order
                stmts.push(this.fieldAsLocal(m.anonymousMemberDeclaration().fieldDeclaration()));
            } else {
                const { mods, annotations } = this.modifiers(m.modifier_list());
                this.memberDecl(c, m.anonymousMemberDeclaration(), new Set([...mods, 'static']), annotations);
            }
        }
        c.trigger = { object: '', cases: [], body: { k: 'block', stmts, line: 1 } };
        return c;
    }

    fieldAsLocal(f: any): LocalStmt {
        return {
            k: 'local',
            line: lineOf(f),
            type: this.typeRef(f.typeRef()),
            decls: f
                .variableDeclarators()
                .variableDeclarator_list()
                .map((v: any) => ({
                    name: text(v.id()),
                    n: text(v.id()).toLowerCase(),
                    init: v.expression() ? this.expr(v.expression()) : null
                }))
        };
    }

    block(ctx: any): BlockStmt {
        return { k: 'block', line: lineOf(ctx), stmts: ctx.statement_list().map((s: any) => this.stmt(s)) };
    }

    localDecl(ctx: any): LocalStmt {
        return {
            k: 'local',
            line: lineOf(ctx),
            type: this.typeRef(ctx.typeRef()),
            decls: ctx
                .variableDeclarators()
                .variableDeclarator_list()
                .map((v: any) => ({
                    name: text(v.id()),
                    n: text(v.id()).toLowerCase(),
                    init: v.expression() ? this.expr(v.expression()) : null
                }))
        };
    }

    stmt(ctx: any): Stmt {
        const line = lineOf(ctx);
        const s = ctx;
        if (s.block()) return this.block(s.block());
        if (s.localVariableDeclarationStatement())
            return this.localDecl(s.localVariableDeclarationStatement().localVariableDeclaration());
        if (s.expressionStatement()) return { k: 'expr', line, e: this.expr(s.expressionStatement().expression()) };
        if (s.ifStatement()) {
            const i = s.ifStatement();
            const st = i.statement_list();
            return {
                k: 'if',
                line,
                cond: this.expr(i.parExpression().expression()),
                then: this.stmt(st[0]),
                else: st[1] ? this.stmt(st[1]) : null
            };
        }
        if (s.returnStatement()) {
            const r = s.returnStatement();
            return { k: 'return', line, e: r.expression() ? this.expr(r.expression()) : null };
        }
        if (s.forStatement()) {
            const f = s.forStatement();
            const fc = f.forControl();
            const body: Stmt = f.statement() ? this.stmt(f.statement()) : { k: 'block', stmts: [], line };
            const en = fc.enhancedForControl();
            if (en) {
                return {
                    k: 'foreach',
                    line,
                    type: this.typeRef(en.typeRef()),
                    name: text(en.id()).toLowerCase(),
                    iter: this.expr(en.expression()),
                    body
                };
            }
            const fi = fc.forInit();
            let init: LocalStmt | ExprListStmt | null = null;
            if (fi) {
                init = fi.localVariableDeclaration()
                    ? this.localDecl(fi.localVariableDeclaration())
                    : {
                          k: 'exprs',
                          line,
                          list: fi
                              .expressionList()
                              .expression_list()
                              .map((e: any) => this.expr(e))
                      };
            }
            return {
                k: 'for',
                line,
                init,
                cond: fc.expression() ? this.expr(fc.expression()) : null,
                update: fc.forUpdate()
                    ? fc
                          .forUpdate()
                          .expressionList()
                          .expression_list()
                          .map((e: any) => this.expr(e))
                    : [],
                body
            };
        }
        if (s.whileStatement()) {
            const w = s.whileStatement();
            return {
                k: 'while',
                line,
                cond: this.expr(w.parExpression().expression()),
                body: w.statement() ? this.stmt(w.statement()) : ({ k: 'block', stmts: [], line } satisfies BlockStmt)
            };
        }
        if (s.doWhileStatement()) {
            const w = s.doWhileStatement();
            return { k: 'do', line, cond: this.expr(w.parExpression().expression()), body: this.block(w.block()) };
        }
        if (s.tryStatement()) {
            const t = s.tryStatement();
            return {
                k: 'try',
                line,
                block: this.block(t.block()),
                catches: t.catchClause_list().map((c: any) => ({
                    type: text(c.qualifiedName()),
                    n: text(c.qualifiedName()).toLowerCase(),
                    name: text(c.id()).toLowerCase(),
                    block: this.block(c.block()),
                    line: lineOf(c)
                })),
                fin: t.finallyBlock() ? this.block(t.finallyBlock().block()) : null
            };
        }
        if (s.throwStatement()) return { k: 'throw', line, e: this.expr(s.throwStatement().expression()) };
        if (s.breakStatement()) return { k: 'break', line };
        if (s.continueStatement()) return { k: 'continue', line };
        for (const op of ['insert', 'update', 'delete', 'undelete', 'upsert']) {
            const d = s[op + 'Statement']();
            if (d) {
                const al = d.accessLevel();
                return {
                    k: 'dml',
                    line,
                    op,
                    e: this.expr(d.expression()),
                    access: al ? (al.USER() ? 'USER_MODE' : 'SYSTEM_MODE') : 'SYSTEM_MODE',
                    extId: op === 'upsert' && d.qualifiedName() ? text(d.qualifiedName()) : null
                };
            }
        }
        if (s.mergeStatement()) {
            const m = s.mergeStatement();
            return { k: 'merge', line, master: this.expr(m.expression(0)), dup: this.expr(m.expression(1)) };
        }
        if (s.switchStatement()) {
            const sw = s.switchStatement();
            return {
                k: 'switch',
                line,
                e: this.expr(sw.expression()),
                whens: sw.whenControl_list().map((w: any) => {
                    const wv = w.whenValue();
                    const block = this.block(w.block());
                    if (wv.ELSE()) return { kind: 'else', block };
                    if (wv.typeRef())
                        return {
                            kind: 'type',
                            type: this.typeRef(wv.typeRef()),
                            name: text(wv.id()).toLowerCase(),
                            block
                        };
                    return {
                        kind: 'values',
                        values: wv.whenLiteral_list().map((l: any) => this.whenLiteral(l)),
                        block
                    };
                })
            };
        }
        if (s.runAsStatement()) {
            const r = s.runAsStatement();
            return {
                k: 'runas',
                line,
                args: r.expressionList()
                    ? r
                          .expressionList()
                          .expression_list()
                          .map((e: any) => this.expr(e))
                    : [],
                block: this.block(r.block())
            };
        }
        throw new Error(`${this.file}:${line}: unsupported statement ${text(ctx).slice(0, 40)}`);
    }

    whenLiteral(l: any): WhenValue {
        if (l.whenLiteral && l.whenLiteral()) return this.whenLiteral(l.whenLiteral());
        const neg = (l.SUB_list ? l.SUB_list().length : 0) % 2 === 1;
        if (l.IntegerLiteral()) return { k: 'lit', v: (neg ? -1 : 1) * parseInt(text(l.IntegerLiteral()), 10) };
        if (l.LongLiteral()) {
            const v = BigInt(text(l.LongLiteral()).replace(/[lL]$/, ''));
            return { k: 'lit', v: neg ? -v : v };
        }
        if (l.StringLiteral()) return { k: 'lit', v: unescapeApexString(text(l.StringLiteral())) };
        if (l.NULL()) return { k: 'lit', v: null };
        return { k: 'enumref', name: text(l.qualifiedName()), n: text(l.qualifiedName()).toLowerCase() };
    }

    args(list: any): Expr[] {
        return list ? list.expression_list().map((e: any) => this.expr(e)) : [];
    }

    expr(ctx: any): Expr {
        const line = lineOf(ctx);
        const C = ctx.constructor.name as string;
        switch (C) {
            case 'PrimaryExpressionContext':
                return this.primary(ctx.primary());
            case 'SubExpressionContext':
                return this.expr(ctx.expression());
            case 'DotExpressionContext': {
                const obj = this.expr(ctx.expression());
                const safe = !!ctx.QUESTIONDOT();
                const dm = ctx.dotMethodCall();
                if (dm) {
                    const name = text(dm.anyId());
                    return {
                        k: 'call',
                        line,
                        obj,
                        name,
                        n: name.toLowerCase(),
                        args: this.args(dm.expressionList()),
                        safe
                    };
                }
                const name = text(ctx.anyId());
                return { k: 'dot', line, obj, name, n: name.toLowerCase(), safe };
            }
            case 'MethodCallExpressionContext': {
                const mc = ctx.methodCall();
                const args = this.args(mc.expressionList());
                if (mc.THIS()) return { k: 'ctorcall', line, which: 'this', args };
                if (mc.SUPER()) return { k: 'ctorcall', line, which: 'super', args };
                const name = text(mc.id());
                return { k: 'call', line, obj: null, name, n: name.toLowerCase(), args, safe: false };
            }
            case 'ArrayExpressionContext':
                return { k: 'index', line, obj: this.expr(ctx.expression(0)), idx: this.expr(ctx.expression(1)) };
            case 'NewExpressionContext':
                return this.creator(ctx.creator(), line);
            case 'CastExpressionContext':
                return { k: 'cast', line, type: this.typeRef(ctx.typeRef()), e: this.expr(ctx.expression()) };
            case 'PostOpExpressionContext':
                return {
                    k: 'incdec',
                    line,
                    op: ctx.INC() ? '++' : '--',
                    prefix: false,
                    e: this.expr(ctx.expression())
                };
            case 'PreOpExpressionContext': {
                const e = this.expr(ctx.expression());
                if (ctx.INC()) return { k: 'incdec', line, op: '++', prefix: true, e };
                if (ctx.DEC()) return { k: 'incdec', line, op: '--', prefix: true, e };
                if (ctx.SUB()) {
                    if (e.k === 'lit' && typeof e.v === 'number') return { k: 'lit', line, v: -e.v };
                    if (e.k === 'lit' && typeof e.v === 'bigint') return { k: 'lit', line, v: -e.v };
                    if (e.k === 'lit' && e.v instanceof Decimal) return { k: 'lit', line, v: e.v.negate() };
                    return { k: 'unary', line, op: '-', e };
                }
                return e;
            }
            case 'NegExpressionContext':
                return { k: 'unary', line, op: ctx.BANG() ? '!' : '~', e: this.expr(ctx.expression()) };
            case 'Arth1ExpressionContext':
            case 'Arth2ExpressionContext':
            case 'BitAndExpressionContext':
            case 'BitOrExpressionContext':
            case 'BitNotExpressionContext':
            case 'BitExpressionContext':
            case 'CmpExpressionContext':
            case 'EqualityExpressionContext': {
                const l = ctx.expression(0);
                const r = ctx.expression(1);
                const op = ctx.parser
                    ? (ctx.getText() as string).slice(text(l).length, ctx.getText().length - text(r).length)
                    : '';
                return { k: 'bin', line, op: op === '<>' ? '!=' : op, l: this.expr(l), r: this.expr(r) };
            }
            case 'LogAndExpressionContext':
                return { k: 'and', line, l: this.expr(ctx.expression(0)), r: this.expr(ctx.expression(1)) };
            case 'LogOrExpressionContext':
                return { k: 'or', line, l: this.expr(ctx.expression(0)), r: this.expr(ctx.expression(1)) };
            case 'CoalExpressionContext':
                return { k: 'coal', line, l: this.expr(ctx.expression(0)), r: this.expr(ctx.expression(1)) };
            case 'CondExpressionContext':
                return {
                    k: 'cond',
                    line,
                    c: this.expr(ctx.expression(0)),
                    a: this.expr(ctx.expression(1)),
                    b: this.expr(ctx.expression(2))
                };
            case 'InstanceOfExpressionContext':
                return { k: 'instanceof', line, e: this.expr(ctx.expression()), type: this.typeRef(ctx.typeRef()) };
            case 'AssignExpressionContext': {
                const l = ctx.expression(0);
                const r = ctx.expression(1);
                const op = (ctx.getText() as string).slice(text(l).length, ctx.getText().length - text(r).length);
                return { k: 'assign', line, op, l: this.expr(l), r: this.expr(r) };
            }
        }
        throw new Error(`${this.file}:${line}: unsupported expression ${C} ${text(ctx).slice(0, 60)}`);
    }

    primary(p: any): Expr {
        const line = lineOf(p);
        switch (p.constructor.name) {
            case 'ThisPrimaryContext':
                return { k: 'this', line };
            case 'SuperPrimaryContext':
                return { k: 'super', line };
            case 'IdPrimaryContext': {
                const name = text(p.id());
                return { k: 'id', line, name, n: name.toLowerCase() };
            }
            case 'LiteralPrimaryContext':
                return { k: 'lit', line, v: this.literal(p.literal()) };
            case 'TypeRefPrimaryContext':
                return { k: 'typeclass', line, type: this.typeRef(p.typeRef()) };
            case 'VoidPrimaryContext':
                return { k: 'typeclass', line, type: { name: 'void', n: 'void', args: [], array: 0 } };
            case 'SoqlPrimaryContext':
                return {
                    k: 'soql',
                    line,
                    ctx: p.soqlLiteral().query(),
                    text: stripComments(this.sourceOf(p.soqlLiteral().query()))
                };
            case 'SoslPrimaryContext':
                return { k: 'sosl', line, text: text(p) };
        }
        throw new Error(`${this.file}:${line}: unsupported primary ${text(p)}`);
    }

    literal(l: any): any {
        if (l.IntegerLiteral()) {
            const t = text(l.IntegerLiteral());
            return /^0x/i.test(t) ? parseInt(t, 16) : parseInt(t, 10);
        }
        if (l.LongLiteral()) return BigInt(text(l.LongLiteral()).replace(/[lL]$/, ''));
        if (l.NumberLiteral()) {
            const t = text(l.NumberLiteral());
            if (/[dD]$/.test(t)) return { double: parseFloat(t.slice(0, -1)) };
            return Decimal.parse(t);
        }
        if (l.StringLiteral()) return unescapeApexString(text(l.StringLiteral()));
        if (l.MultilineStringLiteral && l.MultilineStringLiteral()) {
            const t = text(l.MultilineStringLiteral());
            return unescapeApexString(t.slice(2, -2));
        }
        if (l.BooleanLiteral()) return text(l.BooleanLiteral()).toLowerCase() === 'true';
        return null;
    }

    creator(c: any, line: number): NewExpr {
        const pairs = c.createdName().idCreatedNamePair_list();
        const parts: string[] = [];
        let args: TypeRef[] = [];
        for (const p of pairs) {
            parts.push(text(p.anyId()));
            if (p.typeList())
                args = p
                    .typeList()
                    .typeRef_list()
                    .map((t: any) => this.typeRef(t));
        }
        const name = parts.join('.');
        const type: TypeRef = { name, n: name.toLowerCase(), args, array: 0 };
        if (c.noRest()) return { k: 'new', line, type, form: 'empty' };
        if (c.classCreatorRest()) {
            const argList = c.classCreatorRest().arguments().expressionList();
            const exprs = argList ? argList.expression_list() : [];
            // sObject constructor with field = value pairs
            if (exprs.length && exprs.every((e: any) => e.constructor.name === 'AssignExpressionContext')) {
                return {
                    k: 'new',
                    line,
                    type,
                    form: 'fields',
                    fields: exprs.map((e: any) => ({
                        name: text(e.expression(0)),
                        value: this.expr(e.expression(1))
                    }))
                };
            }
            return { k: 'new', line, type, form: 'args', args: exprs.map((e: any) => this.expr(e)) };
        }
        if (c.arrayCreatorRest()) {
            const a = c.arrayCreatorRest();
            const elem = type;
            const listType: TypeRef = { name: 'List', n: 'list', args: [elem], array: 0 };
            if (a.expression())
                return { k: 'new', line, type: listType, form: 'size', size: this.expr(a.expression()) };
            const init = a.arrayInitializer();
            return {
                k: 'new',
                line,
                type: listType,
                form: 'init',
                items: init ? init.expression_list().map((e: any) => this.expr(e)) : []
            };
        }
        if (c.mapCreatorRest()) {
            return {
                k: 'new',
                line,
                type,
                form: 'map',
                pairs: c
                    .mapCreatorRest()
                    .mapCreatorRestPair_list()
                    .map((p: any) => [this.expr(p.expression(0)), this.expr(p.expression(1))])
            };
        }
        if (c.setCreatorRest()) {
            return {
                k: 'new',
                line,
                type,
                form: 'init',
                items: c
                    .setCreatorRest()
                    .expression_list()
                    .map((e: any) => this.expr(e))
            };
        }
        throw new Error(`${this.file}:${line}: unsupported creator ${text(c)}`);
    }
}

export class ApexSyntaxError extends Error {
    constructor(
        readonly file: string,
        readonly line: number,
        readonly column: number,
        msg: string
    ) {
        super(`${file}:${line}:${column}: ${msg}`);
    }
}

class CollectingListener extends P.ApexErrorListener {
    errors: { line: number; column: number; msg: string }[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.errors.push({ line, column, msg });
    }
}

function parseWith<T>(source: string, file: string, entry: (p: any) => T): T {
    const listener = new CollectingListener();
    const { parser } = P.ApexParserFactory.createLexerAndParser(source, listener);
    const tree = entry(parser);
    if (listener.errors.length) {
        const e = listener.errors[0];
        throw new ApexSyntaxError(file, e.line, e.column, e.msg);
    }
    return tree;
}

export function parseClass(source: string, file: string): ClassDecl {
    const tree = parseWith(source, file, (p) => p.compilationUnit());
    return new AstBuilder(file, source).compilationUnit(tree);
}

export function parseTrigger(source: string, file: string): ClassDecl {
    const tree = parseWith(source, file, (p) => p.triggerUnit());
    return new AstBuilder(file, source).triggerUnit(tree);
}

export function parseAnonymous(source: string, file: string): ClassDecl {
    const tree = parseWith(source, file, (p) => p.anonymousUnit());
    return new AstBuilder(file, source).anonymousUnit(tree);
}

/** Parses the text of one Apex expression (a SOQL bind such as `opp.AccountId` or `ids`). */
export function parseExpressionText(source: string, file: string): Expr {
    const listener = new CollectingListener();
    const { parser } = P.ApexParserFactory.createLexerAndParser(source, listener);
    const ctx = parser.expression();
    if (listener.errors.length) throw new ApexSyntaxError(file, 0, 0, `Invalid bind expression: ${source}`);
    return new AstBuilder(file, source).expr(ctx);
}

export function parseExpressionCtx(ctx: any, file: string): Expr {
    return new AstBuilder(file).expr(ctx);
}
