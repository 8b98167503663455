/**
 * Loads the project's Apex like a deploy: parses every .cls and .trigger under the package directories once,
 * registers the classes, links inheritance, then runs the resolver (./resolver.ts) so a bad reference fails
 * before anything runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ClassDecl, parseClass, parseTrigger, ApexSyntaxError } from './ast';
import { LoadError } from '../interpreter/errors';
import { AstCache } from './cache';

export interface SourceFile {
    file: string;
    decl: ClassDecl;
    isTest: boolean;
}

function walk(dir: string, out: string[]) {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, out);
        else if (e.name.endsWith('.cls') || e.name.endsWith('.trigger')) out.push(p);
    }
}

/** Package directories from sfdx-project.json (defaults to force-app). */
export function packageDirectories(projectDir: string): string[] {
    const cfg = path.join(projectDir, 'sfdx-project.json');
    if (fs.existsSync(cfg)) {
        try {
            const json = JSON.parse(fs.readFileSync(cfg, 'utf8'));
            const dirs = (json.packageDirectories ?? []).map((d: { path: string }) => path.join(projectDir, d.path));
            if (dirs.length) return dirs;
        } catch {
            /* fall through to the default */
        }
    }
    return [path.join(projectDir, 'force-app')];
}

export function loadSources(projectDir: string, extraDirs: string[] = []): SourceFile[] {
    const files: string[] = [];
    for (const d of [...packageDirectories(projectDir), ...extraDirs]) walk(d, files);
    files.sort();
    const out: SourceFile[] = [];
    const seen = new Map<string, string>();
    const cache = new AstCache(projectDir);
    for (const file of files) {
        const rel = path.relative(projectDir, file);
        const src = fs.readFileSync(file, 'utf8');
        const kind = file.endsWith('.trigger') ? 'trigger' : 'class';
        let decl: ClassDecl;
        try {
            const cached = cache.get(src, kind, rel);
            if (cached) decl = cached;
            else {
                decl = kind === 'trigger' ? parseTrigger(src, rel) : parseClass(src, rel);
                cache.put(src, kind, decl);
            }
        } catch (e) {
            if (e instanceof ApexSyntaxError)
                throw new LoadError(rel, e.line, `Syntax error: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`);
            const m = /^(.*?):(\d+): (.*)$/s.exec((e as Error).message);
            if (m) throw new LoadError(rel, Number(m[2]), m[3]);
            throw e;
        }
        const expected = path.basename(file).replace(/\.(cls|trigger)$/, '');
        if (decl.kind !== 'trigger' && decl.name.toLowerCase() !== expected.toLowerCase()) {
            throw new LoadError(rel, decl.line, `Class name ${decl.name} does not match file name ${expected}`);
        }
        const key = (decl.kind === 'trigger' ? 'trigger:' : '') + decl.n;
        if (seen.has(key))
            throw new LoadError(rel, decl.line, `Duplicate type ${decl.name} (also in ${seen.get(key)})`);
        seen.set(key, rel);
        out.push({ file: rel, decl, isTest: decl.annotations.some((a) => a.n === 'istest') });
    }
    return out;
}
