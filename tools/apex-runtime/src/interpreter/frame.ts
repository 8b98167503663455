/**
 * A running method's frame and its nested block scopes, and what a dotted type name resolves to: the shapes the
 * evaluator and the platform library exchange.
 */
import type { TypeRef } from '../loader/ast';
import type { ApexObject, ClassInfo } from './objects';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface Var {
    v: any;
    t: TypeRef;
}

export class Scope {
    readonly vars = new Map<string, Var>();
    constructor(readonly parent: Scope | null) {}
    lookup(n: string): Var | undefined {
        const own = this.vars.get(n);
        if (own) return own;
        for (let s = this.parent; s; s = s.parent) {
            const v = s.vars.get(n);
            if (v) return v;
        }
        return undefined;
    }
}

export interface Frame {
    cls: ClassInfo | null;
    self: ApexObject | null;
    scope: Scope;
    method: string;
    line: number;
    ret?: any;
    file: string;
    /** Whether plain (system-mode) SOQL and DML here enforce the running user's record sharing (sharing.ts). */
    sharing: boolean;
}

/** What a dotted name resolves to when it is not a value. */
export type TypeHandle =
    | { kind: 'class'; cls: ClassInfo }
    | { kind: 'sobject'; name: string }
    | { kind: 'builtin'; n: string }
    | { kind: 'namespace'; n: string };
