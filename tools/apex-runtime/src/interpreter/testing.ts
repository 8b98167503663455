/**
 * The Apex test runner and the Test class: each @IsTest method runs on a fresh org holding only its class's
 * @TestSetup data, with fresh static state; Test.startTest/stopTest give a new governor context and run the async
 * work collected in between; per-class line coverage for non-test classes and triggers.
 */
import type { Runtime } from './runtime';
import type { Frame } from './frame';
import { ApexList, ApexObject, ClassInfo, NativeObject, T, TypeToken } from './objects';
import { ApexThrow } from './errors';
import type { ClassDecl, MethodDecl } from '../loader/ast';
import { ApexDatetime } from '../values/datetime';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface TestResult {
    className: string;
    method: string;
    passed: boolean;
    ms: number;
    message?: string;
    location?: string;
}

const STATEMENT_KINDS = new Set([
    'local',
    'expr',
    'if',
    'return',
    'for',
    'foreach',
    'while',
    'do',
    'throw',
    'break',
    'continue',
    'dml',
    'switch',
    'runas',
    'merge'
]);

/** Executable lines of a class or trigger: its statement lines and field initialisers. */
export function executableLines(decl: ClassDecl): Set<number> {
    const lines = new Set<number>();
    const visit = (value: unknown): void => {
        if (!value || typeof value !== 'object') return;
        if (Array.isArray(value)) {
            value.forEach(visit);
            return;
        }
        // any node or part of one (catch clauses, when clauses): statements are recognised by their kind
        const n = value as { k?: string; line?: number; [key: string]: unknown };
        if (n.k !== undefined && STATEMENT_KINDS.has(n.k) && n.line) lines.add(n.line);
        for (const key of Object.keys(n)) {
            if (key === 'ctx' || key === 'type') continue;
            const v = n[key];
            if (v && typeof v === 'object') visit(v);
        }
    };
    const visitClass = (c: ClassDecl) => {
        for (const f of c.fields) {
            if (f.init) lines.add(f.line);
            if (f.property) for (const b of [f.property.getter, f.property.setter]) if (b && b !== 'auto') visit(b);
        }
        for (const m of [...c.methods, ...c.ctors]) if (m.body) visit(m.body);
        for (const i of c.inits) visit(i.block);
        for (const inner of c.inner) visitClass(inner);
        if (c.trigger) visit(c.trigger.body);
    };
    visitClass(decl);
    return lines;
}

export class TestRunner {
    private inStartTest = false;
    private startTestUsed = false;

    constructor(private readonly rt: Runtime) {
        rt.builtins.hooks.test = (n, a, f) => this.testApi(n, a, f);
        rt.builtins.hooks.isRunningTest = () => true;
    }

    testClasses(): ClassInfo[] {
        return this.rt.sources
            .filter((s) => s.isTest && s.decl.kind === 'class')
            .map((s) => this.rt.it.classes.get(s.decl.n)!)
            .filter((c) => c && this.testMethods(c).length);
    }

    testMethods(c: ClassInfo): MethodDecl[] {
        return c.decl.methods.filter(
            (m) =>
                m.mods.has('static') &&
                (m.mods.has('testmethod') || m.annotations.some((a) => a.n === 'istest')) &&
                m.body
        );
    }

    private testApi(n: string, a: any[], f: Frame): any {
        const it = this.rt.it;
        const org: any = it.org;
        switch (n) {
            case 'isrunningtest':
                return true;
            case 'starttest':
                if (this.startTestUsed) it.throwSys('UnexpectedException', 'Testing already started');
                this.startTestUsed = true;
                this.inStartTest = true;
                // work enqueued before startTest is not collected by stopTest: it runs when the test method ends
                this.rt.async.commit();
                this.deferred.push(...this.rt.async.pending.splice(0));
                this.rt.async.tx = this.rt.async.freshTx(null);
                org?.resetLimits?.();
                return null;
            case 'stoptest': {
                if (!this.inStartTest) it.throwSys('UnexpectedException', 'Testing has not started');
                this.inStartTest = false;
                this.rt.async.commit();
                this.rt.async.testRunningAsync = true;
                try {
                    this.rt.async.drain({
                        includeScheduled: true,
                        onError: (_job, e) => {
                            throw e;
                        }
                    });
                } finally {
                    this.rt.async.testRunningAsync = false;
                }
                this.rt.async.tx = this.rt.async.freshTx(null);
                org?.resetLimits?.();
                return null;
            }
            case 'setmock':
                this.rt.http.mock = a[1];
                return null;
            case 'createstub': {
                const tok = a[0] as TypeToken;
                const h = it.resolveType(tok.ref, null);
                if (h?.kind !== 'class') it.throwSys('TypeException', `Cannot create a stub for ${tok.display}`);
                const obj = new ApexObject((h as any).cls);
                obj.native = { stubProvider: a[1] };
                return obj;
            }
            case 'getstandardpricebookid':
                return org?.standardPricebookId?.() ?? org?.getStandardPricebookId?.() ?? null;
            case 'setcreateddate':
                org?.setCreatedDate?.(a[0], a[1] instanceof ApexDatetime ? a[1] : a[1]);
                return null;
            case 'loaddata':
                return it.throwSys(
                    'UnexpectedException',
                    'Test.loadData needs static resources, which the local runtime does not model'
                );
            case 'setfixedsearchresults':
            case 'setcurrentpage':
            case 'setcurrentpagereference':
            case 'enablechangedatacapture':
                return null;
            case 'getEventBus'.toLowerCase():
                return new NativeObject('TestBroker', {});
            case 'testinstall':
            case 'testuninstall':
                return null;
        }
        void f;
        return it.throwSys('TypeException', `Method does not exist: Test.${n}`);
    }

    /** Runs one class; returns per-method results. */
    runClass(c: ClassInfo, print: (line: string) => void): TestResult[] {
        const it = this.rt.it;
        const org: any = it.org;
        const results: TestResult[] = [];
        const setups = c.decl.methods.filter((m) => m.annotations.some((a) => a.n === 'testsetup'));
        const base = org?.setSavepoint ? org.setSavepoint() : null;
        this.rt.testing = true;
        this.rt.async.inTest = true;
        // System.debug goes to the debug log in a test run, not to the runner's output
        const savedOut = it.out;
        it.out = process.env.APEX_DEBUG ? (l) => print('      DEBUG ' + l) : () => undefined;
        let setupError: string | null = null;
        this.resetMethodState();
        for (const s of setups) {
            try {
                it.asEntryPoint(() => it.invoke(s, null, [], s.line));
                this.runLeftoverAsync();
            } catch (e) {
                setupError = this.describeFailure(e);
                break;
            }
        }
        const afterSetup = org?.setSavepoint ? org.setSavepoint() : null;
        for (const m of this.testMethods(c)) {
            const t0 = Date.now();
            this.resetMethodState();
            let result: TestResult;
            if (setupError) {
                result = {
                    className: c.displayName,
                    method: m.name,
                    passed: false,
                    ms: 0,
                    message: `@TestSetup failed: ${setupError}`
                };
            } else {
                try {
                    it.asEntryPoint(() => it.invoke(m, null, [], m.line));
                    this.inStartTest = false;
                    this.runLeftoverAsync();
                    result = { className: c.displayName, method: m.name, passed: true, ms: Date.now() - t0 };
                } catch (e) {
                    result = {
                        className: c.displayName,
                        method: m.name,
                        passed: false,
                        ms: Date.now() - t0,
                        message: this.describeFailure(e)
                    };
                }
            }
            results.push(result);
            print(
                result.passed
                    ? `PASS  ${c.displayName}.${m.name} (${result.ms} ms)`
                    : `FAIL  ${c.displayName}.${m.name} (${result.ms} ms)\n      ${result.message!.split('\n').join('\n      ')}`
            );
            if (afterSetup !== null) org.rollback(afterSetup);
        }
        if (base !== null) org.rollback(base);
        it.out = savedOut;
        this.rt.testing = false;
        this.rt.async.inTest = false;
        return results;
    }

    /** Async work not run by Test.stopTest: enqueued before startTest, after stopTest or without them. */
    private readonly deferred: import('./async').AsyncJob[] = [];

    /**
     * Runs the async work the test method left queued, after the method body (as the platform does: the test's
     * assertions never see it, but a job that throws fails the test).
     */
    private runLeftoverAsync() {
        const am = this.rt.async;
        am.commit();
        am.pending.unshift(...this.deferred.splice(0));
        if (!am.pending.length) return;
        am.testRunningAsync = true;
        try {
            am.drain({
                includeScheduled: true,
                onError: (_job, e) => {
                    throw e;
                }
            });
        } finally {
            am.testRunningAsync = false;
        }
    }

    private resetMethodState() {
        this.deferred.length = 0;
        const it = this.rt.it;
        it.statics = new Map();
        it.frames = [];
        this.rt.async.reset();
        this.rt.http.mock = null;
        this.rt.builtins.hooks.emails = [];
        this.rt.builtins.cacheStore.clear();
        this.rt.builtins.publishedEvents.length = 0;
        this.rt.builtins.uncommittedEvents.clear();
        this.rt.builtins.restRequest = null;
        this.rt.builtins.restResponse = null;
        this.inStartTest = false;
        this.startTestUsed = false;
        const org: any = it.org;
        org?.resetLimits?.();
        org?.resetRunningUser?.();
    }

    private describeFailure(e: unknown): string {
        const it = this.rt.it;
        if (e instanceof ApexThrow) {
            const exc = e.exc;
            const where = String(exc.native?.stack ?? '').split('\n')[0] ?? '';
            return `${it.exceptionTypeName(exc)}: ${it.exceptionMessage(exc)}${where ? '\n' + where : ''}`;
        }
        try {
            const t = it.toApexThrow(e);
            return this.describeFailure(t);
        } catch {
            return `Internal error: ${(e as Error)?.stack ?? e}`;
        }
    }

    /** Coverage rows for non-test classes and triggers. */
    coverage(): { name: string; covered: number; total: number }[] {
        const rows: { name: string; covered: number; total: number }[] = [];
        for (const s of this.rt.sources) {
            if (s.isTest) continue;
            const exec = executableLines(s.decl);
            if (!exec.size) continue;
            const hit = this.rt.it.covered.get(s.file) ?? new Set<number>();
            let covered = 0;
            for (const l of exec) if (hit.has(l)) covered++;
            rows.push({
                name: s.decl.name + (s.decl.kind === 'trigger' ? ' (trigger)' : ''),
                covered,
                total: exec.size
            });
        }
        return rows.sort((a, b) => a.name.localeCompare(b.name));
    }
}

export { ApexList, T };
