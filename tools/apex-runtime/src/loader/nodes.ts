/**
 * The node shapes of the compact Apex AST (built by ast.ts). Statements and expressions are discriminated unions on
 * `k`, so a switch over a node's kind is checked for completeness by the compiler.
 */
import type { Decimal } from '../values/decimal';

export interface TypeRef {
    /** dotted name as written, e.g. `Map`, `Schema.SObjectType`, `QBInvoiceLineBuilder.Line` */
    name: string;
    /** lower-case dotted name */
    n: string;
    args: TypeRef[];
    /** `String[]` is List<String> */
    array: number;
}

interface Located {
    line: number;
}

// ---------------------------------------------------------------- statements

export interface BlockStmt extends Located {
    k: 'block';
    stmts: Stmt[];
}

export interface LocalDeclarator {
    name: string;
    n: string;
    init: Expr | null;
}

export interface LocalStmt extends Located {
    k: 'local';
    type: TypeRef;
    decls: LocalDeclarator[];
}

export interface ExprStmt extends Located {
    k: 'expr';
    e: Expr;
}

/** The comma-separated initialisers of a classic `for` loop (only there, so not a statement of its own). */
export interface ExprListStmt extends Located {
    k: 'exprs';
    list: Expr[];
}

export interface IfStmt extends Located {
    k: 'if';
    cond: Expr;
    then: Stmt;
    else: Stmt | null;
}

export interface ReturnStmt extends Located {
    k: 'return';
    e: Expr | null;
}

export interface ForEachStmt extends Located {
    k: 'foreach';
    type: TypeRef;
    /** lower-case loop variable */
    name: string;
    iter: Expr;
    body: Stmt;
}

export interface ForStmt extends Located {
    k: 'for';
    init: LocalStmt | ExprListStmt | null;
    cond: Expr | null;
    update: Expr[];
    body: Stmt;
}

export interface WhileStmt extends Located {
    k: 'while';
    cond: Expr;
    body: Stmt;
}

export interface DoStmt extends Located {
    k: 'do';
    cond: Expr;
    body: BlockStmt;
}

export interface CatchClause extends Located {
    /** exception type as written */
    type: string;
    n: string;
    /** lower-case variable name */
    name: string;
    block: BlockStmt;
}

export interface TryStmt extends Located {
    k: 'try';
    block: BlockStmt;
    catches: CatchClause[];
    fin: BlockStmt | null;
}

export interface ThrowStmt extends Located {
    k: 'throw';
    e: Expr;
}

export interface BreakStmt extends Located {
    k: 'break';
}

export interface ContinueStmt extends Located {
    k: 'continue';
}

export interface DmlStmt extends Located {
    k: 'dml';
    op: string;
    e: Expr;
    access: 'USER_MODE' | 'SYSTEM_MODE';
    /** `upsert records Field__c` */
    extId: string | null;
}

export interface MergeStmt extends Located {
    k: 'merge';
    master: Expr;
    dup: Expr;
}

/** A `when` value: a literal (no line of its own) or an enum constant. */
export type WhenValue = LitExpr | EnumRefExpr;

export type WhenClause =
    | { kind: 'else'; block: BlockStmt }
    | { kind: 'type'; type: TypeRef; name: string; block: BlockStmt }
    | { kind: 'values'; values: WhenValue[]; block: BlockStmt };

export interface SwitchStmt extends Located {
    k: 'switch';
    e: Expr;
    whens: WhenClause[];
}

export interface RunAsStmt extends Located {
    k: 'runas';
    args: Expr[];
    block: BlockStmt;
}

export type Stmt =
    | BlockStmt
    | LocalStmt
    | ExprStmt
    | IfStmt
    | ReturnStmt
    | ForEachStmt
    | ForStmt
    | WhileStmt
    | DoStmt
    | TryStmt
    | ThrowStmt
    | BreakStmt
    | ContinueStmt
    | DmlStmt
    | MergeStmt
    | SwitchStmt
    | RunAsStmt;

// ---------------------------------------------------------------- expressions

/** A literal's value; a Double literal (`1.5d`) is `{ double }` until evaluated. */
export type LiteralValue = number | bigint | string | boolean | null | Decimal | { double: number };

export interface LitExpr {
    k: 'lit';
    line?: number;
    v: LiteralValue;
}

/** An enum constant as a `when` value (only there, so not an expression of its own). */
export interface EnumRefExpr {
    k: 'enumref';
    line?: number;
    name: string;
    n: string;
}

export interface IdExpr extends Located {
    k: 'id';
    name: string;
    n: string;
}

export interface ThisExpr extends Located {
    k: 'this';
}

export interface SuperExpr extends Located {
    k: 'super';
}

export interface DotExpr extends Located {
    k: 'dot';
    obj: Expr;
    name: string;
    n: string;
    /** `?.` */
    safe: boolean;
}

export interface CallExpr extends Located {
    k: 'call';
    /** null for an unqualified call `foo(x)` */
    obj: Expr | null;
    name: string;
    n: string;
    args: Expr[];
    safe: boolean;
}

/** `this(...)` or `super(...)` in a constructor. */
export interface CtorCallExpr extends Located {
    k: 'ctorcall';
    which: 'this' | 'super';
    args: Expr[];
}

export interface IndexExpr extends Located {
    k: 'index';
    obj: Expr;
    idx: Expr;
}

export interface CastExpr extends Located {
    k: 'cast';
    type: TypeRef;
    e: Expr;
}

export interface IncDecExpr extends Located {
    k: 'incdec';
    op: '++' | '--';
    prefix: boolean;
    e: Expr;
}

export interface UnaryExpr extends Located {
    k: 'unary';
    op: '-' | '!' | '~';
    e: Expr;
}

export interface BinaryExpr extends Located {
    k: 'bin';
    op: string;
    l: Expr;
    r: Expr;
}

export interface AndExpr extends Located {
    k: 'and';
    l: Expr;
    r: Expr;
}

export interface OrExpr extends Located {
    k: 'or';
    l: Expr;
    r: Expr;
}

/** `l ?? r` */
export interface CoalesceExpr extends Located {
    k: 'coal';
    l: Expr;
    r: Expr;
}

/** `c ? a : b` */
export interface CondExpr extends Located {
    k: 'cond';
    c: Expr;
    a: Expr;
    b: Expr;
}

export interface InstanceOfExpr extends Located {
    k: 'instanceof';
    e: Expr;
    type: TypeRef;
}

export interface AssignExpr extends Located {
    k: 'assign';
    /** `=`, `+=`, `-=` … */
    op: string;
    l: Expr;
    r: Expr;
}

/** `String.class` */
export interface TypeClassExpr extends Located {
    k: 'typeclass';
    type: TypeRef;
}

export interface SoqlExpr extends Located {
    k: 'soql';
    /** the apex-parser query context (binds are evaluated from it) */
    ctx: unknown;
    text: string;
}

export interface SoslExpr extends Located {
    k: 'sosl';
    text: string;
}

interface NewBase extends Located {
    k: 'new';
    type: TypeRef;
}

export type NewExpr =
    | (NewBase & { form: 'empty' })
    | (NewBase & { form: 'args'; args: Expr[] })
    /** sObject constructor with `Field = value` pairs */
    | (NewBase & { form: 'fields'; fields: { name: string; value: Expr }[] })
    | (NewBase & { form: 'size'; size: Expr })
    | (NewBase & { form: 'init'; items: Expr[] })
    | (NewBase & { form: 'map'; pairs: [Expr, Expr][] });

export type Expr =
    | LitExpr
    | IdExpr
    | ThisExpr
    | SuperExpr
    | DotExpr
    | CallExpr
    | CtorCallExpr
    | IndexExpr
    | CastExpr
    | IncDecExpr
    | UnaryExpr
    | BinaryExpr
    | AndExpr
    | OrExpr
    | CoalesceExpr
    | CondExpr
    | InstanceOfExpr
    | AssignExpr
    | TypeClassExpr
    | SoqlExpr
    | SoslExpr
    | NewExpr;

/** Any statement or expression. */
export type Node = Stmt | Expr;
