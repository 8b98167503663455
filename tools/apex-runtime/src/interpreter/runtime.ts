/**
 * Assembles a runtime for a project: parses the sources once, builds the interpreter and the stdlib, loads the
 * org (src/org), and wires triggers, async work, HTTP and the test hooks.
 */
import { Interpreter } from './interpreter';
import { Builtins } from '../stdlib/builtins';
import { loadSources, SourceFile } from '../loader/loader';
import { ClassInfo } from './objects';
import { OffsetClock, Clock } from '../values/clock';
import { AsyncManager, type AsyncQueueOptions } from './async';
import { HttpLayer } from '../stdlib/http';
import { resolveProject } from '../loader/resolver';
import type { ClassDecl } from '../loader/ast';
import { ApexThrow, SystemError } from './errors';
import { loadOrg, type Org, type OrgConfigOverrides } from '../org';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface RuntimeOptions {
    projectDir: string;
    clock?: Clock;
    out?: (line: string) => void;
    /** skip load-time resolution (used by the oracle harness for foreign code) */
    skipResolve?: boolean;
    configFile?: string;
    /** org config overrides (e.g. a running user without the package's permission sets for foreign projects) */
    orgConfig?: OrgConfigOverrides;
    /** how the org's async queue behaves outside tests: backlog latency, jobs killed by limits */
    asyncQueue?: AsyncQueueOptions;
}

/** Transaction boundaries: org transaction, static state, async work commit/rollback. */
export class Transaction {
    constructor(private readonly rt: Runtime) {}

    run(fn: () => void, opts: { freshStatics: boolean }): void {
        const it = this.rt.it;
        const org: any = it.org;
        const savedStatics = it.statics;
        if (opts.freshStatics) it.statics = new Map();
        // a new top-level transaction starts with no pending work and fresh callout/queueable counters
        if (!this.rt.async.tx.current && !this.rt.testing) this.rt.async.tx = this.rt.async.freshTx(null);
        // inside a test method the whole method is one org transaction: async jobs use savepoints
        const sp = this.rt.testing ? (org?.setSavepoint?.() ?? null) : null;
        const eventMark = this.rt.builtins.publishedEvents.length;
        if (!this.rt.testing) org?.beginTransaction?.();
        // scheduled Apex runs with the synchronous limits (Execution Governors and Limits)
        const job = this.rt.async.tx.current;
        const heap = it.heap.enter(job !== null && job.kind !== 'schedule');
        try {
            fn();
            if (!this.rt.testing) org?.commit?.();
            this.rt.async.commit();
            if (!this.rt.testing) this.rt.builtins.commitEvents();
        } catch (e) {
            if (this.rt.testing) {
                if (sp !== null) org.rollback(sp);
            } else org?.rollbackTransaction?.();
            this.rt.async.rollback();
            this.rt.builtins.discardUncommittedEvents(eventMark);
            throw it.toApexThrow(e);
        } finally {
            it.heap.leave(heap);
            if (opts.freshStatics) it.statics = savedStatics;
        }
    }
}

export class Runtime {
    readonly it = new Interpreter();
    readonly builtins: Builtins;
    readonly async: AsyncManager;
    readonly http: HttpLayer;
    readonly transaction: Transaction;
    sources: SourceFile[] = [];
    /** true while the test runner executes test methods (callouts need a mock) */
    testing = false;
    triggers: ClassDecl[] = [];
    private loadedOrg: Org | null = null;

    constructor(readonly options: RuntimeOptions) {
        this.it.clock = options.clock ?? new OffsetClock();
        if (options.out) this.it.out = options.out;
        this.builtins = new Builtins(this.it);
        this.it.builtins = this.builtins;
        this.builtins.install();
        this.async = new AsyncManager(this);
        if (options.asyncQueue) this.async.configureQueue(options.asyncQueue);
        this.http = new HttpLayer(this);
        this.transaction = new Transaction(this);
    }

    async load(): Promise<void> {
        this.sources = loadSources(this.options.projectDir);
        await this.loadOrg();
        for (const s of this.sources) {
            if (s.decl.kind === 'trigger') this.triggers.push(s.decl);
            else this.it.register(s.decl);
        }
        for (const t of this.triggers) {
            // a trigger body runs as a pseudo class so its helper members resolve
            const info = new ClassInfo(t.name, t, null);
            (t as any).info = info;
        }
        this.it.link();
        if (!this.options.skipResolve) resolveProject(this);
        this.wireTriggers();
    }

    /** The org the project's Apex runs against: its records, schema, users and configuration (after load()). */
    get org(): Org {
        if (!this.loadedOrg) throw new Error('The runtime has no org before load()');
        return this.loadedOrg;
    }

    /** Where System.debug and the runtime's own messages go from now on. */
    setOutput(out: (line: string) => void): void {
        this.it.out = out;
    }

    /** The loaded Apex class of that name (case-insensitive; `Outer.Inner` for an inner class). */
    findClass(name: string): ClassInfo | undefined {
        return this.it.classes.get(name.toLowerCase());
    }

    /**
     * Starts the next run as a new top-level transaction: no work left pending and fresh callout, queueable and
     * future counters, as each request from a user's browser is on the platform.
     */
    startNewTransaction(): void {
        this.async.tx = this.async.freshTx(null);
    }

    /**
     * Lets the org's queue run until `until` (epoch ms on the runtime's clock): committed jobs start when their time
     * (delay plus backlog) has come, scheduled jobs fire at each cron time; the clock ends at `until`. Returns the
     * failures of the jobs that ran (`Async queueable QBX failed: System.X: message`).
     */
    runAsyncUntil(until: number): string[] {
        const errors: string[] = [];
        this.async.runUntil(until, (job, e) => {
            const who = job.target?.cls.displayName ?? job.method?.name ?? job.kind;
            errors.push(
                `Async ${job.kind} ${who} failed: ${this.it.exceptionTypeName(e.exc)}: ${this.it.exceptionMessage(e.exc)}`
            );
        });
        return errors;
    }

    /** When the earliest committed job that is not a schedule starts (epoch ms), or null when none is waiting. */
    nextAsyncJobStart(): number | null {
        return this.async.nextJobStart();
    }

    private async loadOrg(): Promise<void> {
        const org = await loadOrg({
            projectDir: this.options.projectDir,
            clock: this.it.clock,
            configFile: this.options.configFile,
            config: this.options.orgConfig
        });
        this.loadedOrg = org;
        this.it.org = org;
        if (org.config.timeZone) this.it.timeZone = org.config.timeZone;
    }

    private wireTriggers(): void {
        this.builtins.hooks.triggers = (objectName, ctx) => this.runTriggers(objectName, ctx);
        const org: any = this.it.org;
        if (!org) return;
        const invoker = (objectName: string, ctx: any) => this.runTriggers(objectName, ctx);
        if (typeof org.setTriggerInvoker === 'function') org.setTriggerInvoker(invoker);
        else org.triggerInvoker = invoker;
    }

    runTriggers(objectName: string, ctx: any): void {
        const phase =
            (ctx.isBefore ? 'before' : 'after') +
            (ctx.isInsert ? 'insert' : ctx.isUpdate ? 'update' : ctx.isDelete ? 'delete' : 'undelete');
        for (const t of this.triggers) {
            if (t.trigger!.object.toLowerCase() !== objectName.toLowerCase()) continue;
            if (!t.trigger!.cases.includes(phase)) continue;
            if (/__e$/i.test(objectName)) {
                this.runEventTrigger(t, objectName, ctx);
                continue;
            }
            const info: ClassInfo = (t as any).info;
            this.builtins.triggerStack.push({ ...ctx, object: objectName });
            const frame = this.it.newFrame(info, null, 'trigger');
            frame.file = t.file;
            // triggers run in system context whatever the DML's caller enforces (ADG › Enforce Sharing Rules)
            frame.sharing = false;
            this.it.frames.push(frame);
            try {
                this.it.execBlock(t.trigger!.body, frame);
            } catch (e) {
                throw this.triggerFailure(t, ctx, this.it.toApexThrow(e));
            } finally {
                this.it.frames.pop();
                this.builtins.triggerStack.pop();
            }
        }
    }

    /**
     * A platform event trigger runs as its subscriber's running user (the Automated Process user unless a
     * PlatformEventSubscriberConfig names one), in batches of its configured size; its failure is its own.
     */
    private runEventTrigger(t: ClassDecl, objectName: string, ctx: any): void {
        const subscriber = this.org.eventSubscriber(t.name);
        const events: unknown[] = ctx.new ?? [];
        for (let i = 0; i < events.length; i += subscriber.batchSize) {
            const batch = { ...ctx, new: events.slice(i, i + subscriber.batchSize), object: objectName };
            const info: ClassInfo = (t as any).info;
            this.org.runAsUser(subscriber.userId, () => {
                this.builtins.triggerStack.push(batch);
                const frame = this.it.newFrame(info, null, 'trigger');
                frame.file = t.file;
                frame.sharing = false;
                this.it.frames.push(frame);
                try {
                    this.it.execBlock(t.trigger!.body, frame);
                } catch (e) {
                    throw this.it.toApexThrow(e);
                } finally {
                    this.it.frames.pop();
                    this.builtins.triggerStack.pop();
                }
            });
        }
    }

    /**
     * An exception escaping a trigger fails the DML statement the way the platform reports it:
     * `Insert failed. First exception on row 0; first error: CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, T: execution of
     * AfterInsert\n\ncaused by: System.X: msg\n\nTrigger.T: line N, column 1: []`. Limit exceptions stay uncatchable.
     */
    private triggerFailure(t: ClassDecl, ctx: any, e: ApexThrow): unknown {
        const it = this.it;
        if (e.exc.cls.name === 'LimitException') return e;
        const op = ctx.isInsert ? 'Insert' : ctx.isUpdate ? 'Update' : ctx.isDelete ? 'Delete' : 'Undelete';
        const phase = (ctx.isBefore ? 'Before' : 'After') + op;
        const frames = String(e.exc.native?.stack ?? '')
            .split('\n')
            .filter(Boolean);
        const top = frames.findIndex((l) => l.startsWith(`Trigger.${t.name}:`));
        const where = (top >= 0 ? frames.slice(0, top + 1) : frames).join('\n');
        const cause = `${it.exceptionTypeName(e.exc)}: ${it.exceptionMessage(e.exc)}`;
        const detail = `${t.name}: execution of ${phase}\n\ncaused by: ${cause}\n\n${where}`;
        const message = `${op} failed. First exception on row 0; first error: CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, ${detail}: []`;
        return new SystemError('DmlException', message, {
            dmlErrors: [{ index: 0, statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', message: detail, fields: [] }]
        });
    }

    classInfoOf(decl: ClassDecl): ClassInfo | undefined {
        return this.it.classes.get(decl.n);
    }
}
