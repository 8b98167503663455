/**
 * On-disk cache of parsed ASTs (node_modules/.cache/apex-runtime), keyed by file content and the AST builder's own
 * source, so unchanged classes are not re-parsed by ANTLR on every run. SOQL parse trees are not cached: inline
 * queries keep their text and are re-parsed on first execution.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as crypto from 'crypto';
import { Decimal } from '../values/decimal';
import type { ClassDecl } from './ast';

/* eslint-disable @typescript-eslint/no-explicit-any */

const BUILDER_HASH = crypto
    .createHash('sha1')
    .update(fs.readFileSync(path.join(__dirname, 'ast.ts')))
    .digest('hex')
    .slice(0, 12);

export class AstCache {
    private readonly dir: string;
    constructor(projectDir: string) {
        this.dir = path.join(projectDir, 'node_modules', '.cache', 'apex-runtime', BUILDER_HASH);
    }

    private file(source: string, kind: string): string {
        const h = crypto.createHash('sha1').update(kind).update('\0').update(source).digest('hex');
        return path.join(this.dir, h + '.json');
    }

    get(source: string, kind: string, rel: string): ClassDecl | null {
        const f = this.file(source, kind);
        if (!fs.existsSync(f)) return null;
        try {
            const decl = JSON.parse(fs.readFileSync(f, 'utf8'), revive) as ClassDecl;
            const fix = (c: ClassDecl) => {
                c.file = rel;
                c.inner.forEach(fix);
            };
            fix(decl);
            return decl;
        } catch {
            return null;
        }
    }

    put(source: string, kind: string, decl: ClassDecl): void {
        try {
            fs.mkdirSync(this.dir, { recursive: true });
            const tmp = this.file(source, kind) + '.' + process.pid;
            fs.writeFileSync(tmp, JSON.stringify(decl, replace));
            fs.renameSync(tmp, this.file(source, kind));
        } catch {
            /* a read-only tree just means no cache */
        }
    }
}

function replace(this: any, key: string, value: any): any {
    if (key === 'ctx' || key === 'owner') return undefined;
    const raw = this[key];
    if (raw instanceof Set) return { $set: [...raw] };
    if (typeof raw === 'bigint') return { $big: raw.toString() };
    if (raw instanceof Decimal) return { $dec: [raw.unscaled.toString(), raw.scale] };
    return value;
}

function revive(_key: string, value: any): any {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
        if ('$set' in value) return new Set(value.$set);
        if ('$big' in value) return BigInt(value.$big);
        if ('$dec' in value) return new Decimal(BigInt(value.$dec[0]), value.$dec[1]);
    }
    return value;
}
