/**
 * Transactions and asynchronous Apex: Queueable (delays, chaining, AllowsCallouts, Finalizers), @future,
 * Batchable, Schedulable (System.schedule with cron). Work enqueued in a transaction runs only after it commits;
 * a rolled-back transaction discards it. Each async job is its own transaction with fresh static state, run as the
 * user who enqueued, started or scheduled it (Apex Developer Guide, "Apex Scheduler": the job runs as the user who
 * scheduled it; a queued job's AsyncApexJob is created by the enqueuing user). Platform events published by a
 * committed transaction are delivered before the next job starts.
 *
 * The queue (AsyncQueueOptions): "each queued job runs when system resources become available" (Apex Developer
 * Guide › Queueable Apex), so a job may wait well past its due time while scheduled jobs fire on time; a job can die
 * mid-run on an uncatchable limit (Execution Governors and Limits) and its Finalizer sees UNHANDLED_EXCEPTION.
 */
import type { Interpreter } from './interpreter';
import type { Frame } from './frame';
import type { Builtins } from '../stdlib/builtins';
import { ApexList, ApexObject, EnumValue, NativeObject, T } from './objects';
import { ApexThrow } from './errors';
import { OffsetClock, ManualClock } from '../values/clock';
import type { MethodDecl } from '../loader/ast';
import { zoneParts } from '../values/datetime';
import { fetchSync } from '../stdlib/sync-fetch';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface AsyncJob {
    id: string;
    kind: 'queueable' | 'future' | 'batch' | 'schedule';
    target: ApexObject | null;
    method?: MethodDecl;
    args?: any[];
    dueAt: number;
    depth: number;
    batchSize?: number;
    cron?: string;
    name?: string;
    /** AsyncApexJob.Status (Object Reference › AsyncApexJob); Preparing is a batch job's start() */
    status: 'Queued' | 'Preparing' | 'Processing' | 'Completed' | 'Failed' | 'Aborted';
    /** the AsyncApexJob row's Id in the org */
    recordId?: string;
    /** the user the job runs as: the user who enqueued, started or scheduled it */
    userId?: string;
    error?: string;
    /** a scheduled job aborted while it ran: it does not fire again */
    cancelled?: boolean;
}

/** How the org's async queue behaves outside tests (org-wide traffic, limits that kill jobs). */
export interface AsyncQueueOptions {
    /**
     * Extra wait, in minutes, before a Queueable, @future or batch job starts, drawn per job between min and max:
     * the backlog of an org whose queue is shared with everything else it runs. Scheduled jobs fire on time.
     */
    latencyMinutes?: { min: number; max: number };
    /**
     * Share (0–1) of Queueable runs killed by an uncatchable `System.LimitException: Apex CPU time limit exceeded`
     * at one of their first callouts or DML statements (after the callout has reached the other side, before the
     * DML is applied): the job ends Failed and its DML rolls back; its Finalizer runs.
     */
    limitKillRate?: number;
    /** seed of the draws above, so a run can be repeated */
    seed?: number;
}

/** Kill points a doomed job may die at (its first callouts and DML statements). */
const KILL_POINTS = 6;

/** A small deterministic generator (mulberry32) for the queue's draws. */
function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

interface TxState {
    dirty: boolean;
    callouts: number;
    calloutMs: number;
    queueables: number;
    futures: number;
    enqueued: AsyncJob[];
    finalizer: ApexObject | null;
    current: AsyncJob | null;
    /** the kill point (1-based) at which this job dies, or 0 */
    killAt: number;
    killPoints: number;
}

/** Runs a unit of work as one transaction (the runtime's Transaction). */
export interface TransactionRunner {
    run(fn: () => void, opts: { freshStatics: boolean }): void;
}

/** What the async manager uses of the runtime it belongs to. */
export interface AsyncHost {
    readonly it: Interpreter;
    readonly builtins: Builtins;
    readonly transaction: TransactionRunner;
}

export class AsyncManager {
    /** committed, waiting to run */
    readonly pending: AsyncJob[] = [];
    readonly history: AsyncJob[] = [];
    tx: TxState = this.freshTx(null);
    /** set by the test runner: async runs at Test.stopTest and chaining from a queueable throws */
    inTest = false;
    testRunningAsync = false;
    private idSeq = 1;
    private readonly rt: AsyncHost;
    private queue: AsyncQueueOptions = {};
    private random: () => number = seededRandom(1);

    constructor(rt: AsyncHost) {
        this.rt = rt;
        rt.builtins.hooks.async = (n, a, f) => this.call(n, a, f);
        rt.it.futureHook = (m, args) => this.enqueueFuture(m, args);
    }

    freshTx(current: AsyncJob | null): TxState {
        return {
            dirty: false,
            callouts: 0,
            calloutMs: 0,
            queueables: 0,
            futures: 0,
            enqueued: [],
            finalizer: null,
            current,
            killAt: 0,
            killPoints: 0
        };
    }

    /** Sets how the queue behaves from now on (latency, killed jobs); tests run with none of it. */
    configureQueue(options: AsyncQueueOptions): void {
        const latency = options.latencyMinutes;
        if (latency && (latency.min < 0 || latency.max < latency.min))
            throw new Error('latencyMinutes needs 0 <= min <= max');
        const rate = options.limitKillRate ?? 0;
        if (rate < 0 || rate > 1) throw new Error('limitKillRate must be between 0 and 1');
        this.queue = { ...options };
        this.random = seededRandom(options.seed ?? 1);
    }

    /** When a job enqueued now with this delay starts: its delay plus the queue's backlog. */
    private startTime(delayMs: number): number {
        const latency = this.queue.latencyMinutes;
        const waitMs = latency ? (latency.min + this.random() * (latency.max - latency.min)) * 60_000 : 0;
        return this.rt.it.clock.now() + delayMs + Math.round(waitMs);
    }

    /**
     * A point where a doomed job may die: after a callout has returned, or before a DML statement is applied. The
     * platform's uncatchable limit exception ends the transaction there.
     */
    killPoint(): void {
        if (!this.tx.killAt) return;
        this.tx.killPoints++;
        if (this.tx.killPoints === this.tx.killAt) {
            this.tx.killAt = 0;
            this.rt.it.throwSys('LimitException', 'Apex CPU time limit exceeded');
        }
    }

    private jobId(prefix: string): string {
        const body = (prefix + '00000000000' + String(this.idSeq++)).slice(0, 3) + String(this.idSeq).padStart(12, '0');
        return this.rt.builtins.normalizeId(body.slice(0, 15));
    }

    private runningUserId(): string | undefined {
        return (this.rt.it.org as any)?.runningUserId || undefined;
    }

    /**
     * Runs fn as the user the job belongs to (Apex runs a queued, batch or scheduled job as the user who submitted it),
     * as an entry point: the job's class sets its sharing mode, not the code running when it was enqueued.
     */
    private asJobUser(job: AsyncJob, fn: () => void): void {
        const org: any = this.rt.it.org;
        const entry = () => this.rt.it.asEntryPoint(fn);
        if (job.userId && org?.runAsUser) org.runAsUser(job.userId, entry);
        else entry();
    }

    isAsync(): boolean {
        return this.tx.current !== null;
    }

    call(n: string, a: any[], f: Frame): any {
        const it = this.rt.it;
        switch (n) {
            case 'beforeDml':
                this.killPoint();
                this.tx.dirty = true;
                return null;
            case 'isasync':
                return this.isAsync();
            case 'currentkind':
                return this.tx.current?.kind ?? null;
            case 'isqueueable':
                return this.tx.current?.kind === 'queueable';
            case 'isfuture':
                return this.tx.current?.kind === 'future';
            case 'isbatch':
                return this.tx.current?.kind === 'batch';
            case 'isscheduled':
                return this.tx.current?.kind === 'schedule';
            case 'limits.callouts':
                return this.tx.callouts;
            case 'limits.queueable':
                return this.tx.queueables;
            case 'limits.future':
                return this.tx.futures;
            case 'enqueuejob':
                return this.enqueueQueueable(a[0], a[1] ?? null);
            case 'attachfinalizer':
                if (this.tx.current?.kind !== 'queueable')
                    it.throwSys('AsyncException', 'Finalizers can only be attached to a Queueable job');
                if (this.tx.finalizer)
                    it.throwSys('AsyncException', 'Only one finalizer can be attached to a Queueable job');
                this.tx.finalizer = a[0];
                return null;
            case 'schedule':
                return this.schedule(a[0], a[1], a[2]);
            case 'schedulebatch':
                return this.schedule(a[1], '0 ' + a[2] + ' min', a[0]);
            case 'executebatch':
                return this.enqueueBatch(a[0], a[1] ?? 200);
            case 'abortjob': {
                // System.abortJob: a job that has not started never runs; its AsyncApexJob row reads Aborted. A
                // scheduled job (its CronTrigger Id) may be aborted while it runs: it does not fire again.
                const j = [...this.pending, ...this.tx.enqueued, ...this.history].find((x) => x.id === a[0]);
                if (j && j.status === 'Queued') {
                    j.status = 'Aborted';
                    this.updateRecord(j);
                } else if (j && j.kind === 'schedule') j.cancelled = true;
                return null;
            }
        }
        void f;
        return it.throwSys('TypeException', `Unsupported async operation ${n}`);
    }

    /** Records the job as an AsyncApexJob (and CronTrigger for schedules) so SOQL sees it; adopts the org's Ids. */
    private record(job: AsyncJob) {
        this.history.push(job);
        const org: any = this.rt.it.org;
        if (!org?.recordAsyncJob) return;
        const id: string = org.recordAsyncJob({
            id: job.id,
            kind: job.kind,
            className: job.target?.cls.displayName ?? (job.method?.owner as any)?.displayName ?? null,
            methodName: job.method?.name ?? null,
            status: job.status,
            cron: job.cron ?? null,
            name: job.name ?? null,
            nextFireTime: job.dueAt
        });
        if (!id) return;
        job.recordId = id;
        if (job.kind === 'schedule') {
            const rows = org.query(org.compileSoql('SELECT CronTriggerId FROM AsyncApexJob WHERE Id = :id'), {
                resolveBind: () => id
            });
            const cronId = Array.isArray(rows) && rows[0] ? rows[0].get('CronTriggerId') : null;
            if (cronId) job.id = cronId;
        } else job.id = id;
    }

    private updateRecord(job: AsyncJob) {
        const org: any = this.rt.it.org;
        org?.updateAsyncJob?.(job.recordId ?? job.id, { status: job.status, error: job.error ?? null });
    }

    /** A scheduled job fired: its CronTrigger's previous and next fire times and count move on. */
    private recordFire(job: AsyncJob, firedAt: number) {
        const org: any = this.rt.it.org;
        org?.recordCronFire?.(job.id, firedAt, job.status === 'Queued' ? job.dueAt : null);
    }

    enqueueQueueable(job: any, opt: any): string {
        const it = this.rt.it;
        if (!(job instanceof ApexObject) || !job.cls.implementsName('queueable')) {
            it.throwSys('TypeException', 'System.enqueueJob requires a Queueable');
        }
        const limit = this.isAsync() ? 1 : 50;
        if (this.tx.queueables >= limit)
            it.throwSys('LimitException', `Too many queueable jobs added to the queue: ${this.tx.queueables + 1}`);
        if (this.inTest && this.testRunningAsync && this.tx.current?.kind === 'queueable') {
            it.throwSys('AsyncException', 'Maximum stack depth has been reached.');
        }
        let delayMin = 0;
        let maxDepth: number | null = null;
        if (typeof opt === 'number') delayMin = opt;
        else if (opt instanceof NativeObject && opt.typeName === 'AsyncOptions') {
            delayMin = opt.data.MinimumQueueableDelayInMinutes ?? 0;
            maxDepth = opt.data.MaximumQueueableStackDepth ?? null;
        }
        if (delayMin < 0 || delayMin > 10) it.throwSys('AsyncException', 'The delay must be between 0 and 10 minutes.');
        const depth = (this.tx.current?.depth ?? 0) + 1;
        if (maxDepth !== null && depth > maxDepth) {
            it.throwSys('AsyncException', `Maximum stack depth has been reached. Maximum stack depth: ${maxDepth}`);
        }
        this.tx.queueables++;
        this.tx.dirty = true;
        const j: AsyncJob = {
            id: this.jobId('707'),
            kind: 'queueable',
            target: job,
            userId: this.runningUserId(),
            dueAt: this.startTime(delayMin * 60_000),
            depth,
            status: 'Queued'
        };
        this.tx.enqueued.push(j);
        this.record(j);
        return j.id;
    }

    enqueueFuture(m: MethodDecl, args: any[]): void {
        const it = this.rt.it;
        if (this.tx.current?.kind === 'future' || this.tx.current?.kind === 'batch') {
            it.throwSys(
                'AsyncException',
                'Future method cannot be called from a future or batch method: ' +
                    (m.owner as any).displayName +
                    '.' +
                    m.name
            );
        }
        if (this.tx.futures >= 50) it.throwSys('LimitException', 'Too many future calls: 51');
        this.tx.futures++;
        const j: AsyncJob = {
            id: this.jobId('707'),
            kind: 'future',
            userId: this.runningUserId(),
            target: null,
            method: m,
            args,
            dueAt: this.startTime(0),
            depth: 1,
            status: 'Queued'
        };
        this.tx.enqueued.push(j);
        this.record(j);
    }

    enqueueBatch(batch: any, size: number): string {
        const it = this.rt.it;
        if (!(batch instanceof ApexObject)) it.throwSys('TypeException', 'Database.executeBatch requires a Batchable');
        if (size <= 0 || size > 2000) it.throwSys('AsyncException', 'The batch size must be between 1 and 2000');
        const j: AsyncJob = {
            id: this.jobId('707'),
            kind: 'batch',
            userId: this.runningUserId(),
            target: batch,
            dueAt: this.startTime(0),
            depth: 1,
            batchSize: size,
            status: 'Queued'
        };
        this.tx.enqueued.push(j);
        this.record(j);
        return j.id;
    }

    schedule(name: string, cron: string, target: any): string {
        const it = this.rt.it;
        if (!(target instanceof ApexObject) || !target.cls.implementsName('schedulable')) {
            it.throwSys('TypeException', 'System.schedule requires a Schedulable');
        }
        const due = nextCronTime(it, cron, it.clock.now());
        const j: AsyncJob = {
            id: this.jobId('08e'),
            kind: 'schedule',
            target,
            userId: this.runningUserId(),
            dueAt: due,
            depth: 1,
            cron,
            name,
            status: 'Queued'
        };
        const dup = this.history.find((h) => h.kind === 'schedule' && h.name === name && h.status !== 'Aborted');
        if (dup) it.throwSys('AsyncException', `The Apex job named "${name}" is already scheduled for execution.`);
        this.tx.enqueued.push(j);
        this.record(j);
        return j.id;
    }

    /** The running transaction committed: its async work becomes runnable. */
    commit(): void {
        this.pending.push(...this.tx.enqueued.filter((j) => j.status !== 'Aborted'));
        this.tx.enqueued = [];
    }

    /** The running transaction rolled back: its async work never runs. */
    rollback(): void {
        for (const j of this.tx.enqueued) {
            j.status = 'Aborted';
            this.updateRecord(j);
        }
        this.tx.enqueued = [];
    }

    /**
     * Runs committed async work in due order (the clock jumps to each job's due time). Scheduled jobs run once
     * when `includeScheduled` (Test.stopTest); in exec they run at their cron time only if `runScheduled`.
     */
    drain(opts: {
        includeScheduled: boolean;
        onError?: (job: AsyncJob, e: ApexThrow) => void;
        /** a platform event trigger failed (its events are gone, as on the platform after the retries) */
        onEventError?: (e: ApexThrow) => void;
        maxJobs?: number;
    }): void {
        let guard = opts.maxJobs ?? 500;
        for (;;) {
            this.deliverEvents(opts.onEventError);
            const runnable = this.pending
                .filter((j) => j.status === 'Queued' && (j.kind !== 'schedule' || opts.includeScheduled))
                .sort((a, b) => a.dueAt - b.dueAt);
            const next = runnable[0];
            if (!next || guard-- <= 0) return;
            this.pending.splice(this.pending.indexOf(next), 1);
            this.advanceClockTo(next.dueAt);
            this.runJob(next, opts.onError);
        }
    }

    /**
     * Runs the org's async work as its queue would until `until` (epoch ms): every committed job whose start time has
     * come, in start order, and every scheduled job at each of its cron fire times (a scheduled job re-arms itself
     * for its next fire time until it is aborted). The clock ends at `until`.
     */
    runUntil(until: number, onError?: (job: AsyncJob, e: ApexThrow) => void): void {
        for (;;) {
            this.deliverEvents();
            const next = this.pending
                .filter((j) => j.status === 'Queued' && j.dueAt <= until)
                .sort((a, b) => a.dueAt - b.dueAt)[0];
            if (!next) break;
            this.pending.splice(this.pending.indexOf(next), 1);
            this.advanceClockTo(next.dueAt);
            this.runJob(next, onError);
            if (next.kind === 'schedule' && next.cron) {
                const firedAt = next.dueAt;
                if (!next.cancelled) {
                    next.status = 'Queued';
                    next.dueAt = nextCronTime(this.rt.it, next.cron, firedAt);
                    this.pending.push(next);
                }
                this.recordFire(next, firedAt);
            }
        }
        this.advanceClockTo(until);
    }

    /** Start time of the earliest committed job that is not a schedule (null when none is waiting). */
    nextJobStart(): number | null {
        const waiting = this.pending.filter((j) => j.status === 'Queued' && j.kind !== 'schedule');
        return waiting.length ? Math.min(...waiting.map((j) => j.dueAt)) : null;
    }

    /**
     * Delivers the platform events published so far (by committed transactions: the request, or a job that just
     * ran), each delivery its own transaction, before the next job starts.
     */
    deliverEvents(onEventError?: (e: ApexThrow) => void): void {
        const builtins = this.rt.builtins;
        while (builtins.publishedEvents.length) {
            try {
                this.rt.transaction.run(() => builtins.deliverEvents(), { freshStatics: !this.inTest });
            } catch (e) {
                if (!(e instanceof ApexThrow)) throw e;
                if (onEventError) onEventError(e);
                else if (this.inTest) throw e;
            }
        }
    }

    /**
     * Jumps the clock to a job's due time instead of sleeping. With `sharedClock.advanceUrl` in the org config
     * (e.g. the QuickBooks emulator's /__admin/clock/advance) the other process's clock moves by the same amount.
     */
    private advanceClockTo(t: number) {
        const c: any = this.rt.it.clock;
        const before = c.now();
        if (c instanceof OffsetClock) c.advanceTo(t);
        else if (c instanceof ManualClock && c.now() < t) c.set(t);
        else if (typeof c.advanceTo === 'function') c.advanceTo(t);
        const delta = c.now() - before;
        const url = (this.rt.it.org as any)?.config?.sharedClock?.advanceUrl;
        if (delta > 0 && url) {
            fetchSync({
                method: 'POST',
                url,
                headers: { 'content-type': 'application/json' },
                body: Buffer.from(JSON.stringify({ milliseconds: delta })).toString('base64'),
                timeout: 10000
            });
        }
    }

    /** Runs one job in its own transaction (and its finalizer in another). */
    runJob(job: AsyncJob, onError?: (job: AsyncJob, e: ApexThrow) => void): void {
        const it = this.rt.it;
        job.status = job.kind === 'batch' ? 'Preparing' : 'Processing';
        this.updateRecord(job);
        const tx = this.rt.transaction;
        let failure: ApexThrow | null = null;
        const outer = this.tx;
        this.tx = this.freshTx(job);
        const killRate = this.queue.limitKillRate ?? 0;
        if (job.kind === 'queueable' && killRate > 0 && this.random() < killRate) {
            this.tx.killAt = 1 + Math.floor(this.random() * KILL_POINTS);
        }
        const ctxObj = (type: string) => new NativeObject(type, { jobId: job.id });
        try {
            this.asJobUser(job, () =>
                tx.run(
                    () => {
                        switch (job.kind) {
                            case 'queueable':
                                it.callMethod(job.target!, 'execute', [ctxObj('QueueableContext')]);
                                break;
                            case 'future':
                                it.runningFuture = true;
                                it.invoke(job.method!, null, job.args!, 0);
                                break;
                            case 'schedule':
                                it.callMethod(job.target!, 'execute', [ctxObj('SchedulableContext')]);
                                break;
                            case 'batch':
                                this.runBatch(job);
                                break;
                        }
                    },
                    { freshStatics: !this.inTest }
                )
            );
            job.status = 'Completed';
        } catch (e) {
            if (!(e instanceof ApexThrow)) throw e;
            failure = e;
            job.status = 'Failed';
            job.error = `${it.exceptionTypeName(e.exc)}: ${it.exceptionMessage(e.exc)}`;
        }
        const finalizer = this.tx.finalizer;
        this.tx = outer;
        this.updateRecord(job);
        if (finalizer) {
            const fctx = new NativeObject('FinalizerContext', {
                jobId: job.id,
                call: (n: string) => {
                    switch (n) {
                        case 'getresult':
                            return this.rt.builtins.enumOf(
                                'parentjobresult',
                                failure ? 'UNHANDLED_EXCEPTION' : 'SUCCESS'
                            );
                        case 'getexception':
                            return failure ? failure.exc : null;
                        case 'getasyncapexjobid':
                        case 'getjobid':
                            return job.id;
                        case 'getrequestid':
                            return 'local-' + job.id;
                    }
                    return null;
                }
            });
            const fjob: AsyncJob = {
                id: job.id,
                kind: 'queueable',
                target: finalizer,
                dueAt: it.clock.now(),
                depth: job.depth,
                status: 'Processing'
            };
            const saved = this.tx;
            this.tx = this.freshTx(fjob);
            try {
                this.asJobUser(job, () =>
                    tx.run(() => it.callMethod(finalizer, 'execute', [fctx]), { freshStatics: !this.inTest })
                );
            } catch (e) {
                if (!(e instanceof ApexThrow)) throw e;
                onError?.(fjob, e);
            } finally {
                this.tx = saved;
            }
        } else if (failure) onError?.(job, failure);
    }

    private runBatch(job: AsyncJob) {
        const it = this.rt.it;
        const batch = job.target!;
        const bctx = new NativeObject('Database.BatchableContext', { jobId: job.id });
        const scope = it.callMethod(batch, 'start', [bctx]);
        job.status = 'Processing';
        this.updateRecord(job);
        let rows: any[] = [];
        if (scope instanceof NativeObject && scope.typeName === 'Database.QueryLocator')
            rows = (scope.data.rows as ApexList).items;
        else if (scope instanceof ApexList) rows = scope.items;
        const size = job.batchSize ?? 200;
        if (this.inTest && rows.length > size) {
            it.throwSys(
                'UnexpectedException',
                'No more than one executeBatch can be called from within a test method. Please make sure the iterable returned from your start method matches the batch size, resulting in one executeBatch invocation.'
            );
        }
        for (let i = 0; i < rows.length; i += size) {
            const chunk = new ApexList(T('SObject'), rows.slice(i, i + size));
            it.callMethod(batch, 'execute', [bctx, chunk]);
        }
        it.callMethod(batch, 'finish', [bctx]);
    }

    reset(): void {
        this.pending.length = 0;
        this.history.length = 0;
        this.tx = this.freshTx(null);
    }
}

/** Next fire time of a Salesforce cron expression (sec min hour dom month dow [year]) in the user's zone. */
export function nextCronTime(it: any, cron: string, from: number): number {
    const parts = cron.trim().split(/\s+/);
    if (parts.length < 6 || parts.length > 7) it.throwSys('StringException', `Invalid cron expression: ${cron}`);
    const match = (field: string, v: number, min: number, max: number, names?: string[]): boolean => {
        if (field === '*' || field === '?') return true;
        return field.split(',').some((part) => {
            const [range, step] = part.split('/');
            const s = step ? parseInt(step, 10) : 1;
            let lo = min;
            let hi = max;
            const num = (x: string) => {
                const up = x.toUpperCase();
                if (names && names.includes(up)) return names.indexOf(up) + min;
                return parseInt(x, 10);
            };
            if (range === '*' || range === '?') {
                /* whole range */
            } else if (range.includes('-')) {
                const [a, b] = range.split('-');
                lo = num(a);
                hi = num(b);
            } else {
                lo = num(range);
                hi = step ? max : lo;
            }
            if (range === 'L') return false;
            return v >= lo && v <= hi && (v - lo) % s === 0;
        });
    };
    const tz = it.timeZone;
    let t = Math.floor(from / 1000) * 1000 + 1000;
    // the optional seventh field names the years (Apex Developer Guide › Apex Scheduler: Year, optional, null or
    // 1970–2099): the search runs up to the end of 2099 then, a year at a time through years that do not match
    const years = parts[6] && parts[6] !== '*' ? parts[6] : null;
    const limit = years ? Date.UTC(2100, 0, 2) : from + 366 * 86_400_000;
    const DOW = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
    const MON = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
    while (t < limit) {
        const p = zoneParts(t, tz);
        const dow = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 1;
        if (years && !match(years, p.year, 1970, 2099)) {
            t = Math.max(t + 3_600_000, Date.UTC(p.year + 1, 0, 1) - 14 * 3_600_000);
            continue;
        }
        if (
            !match(parts[4], p.month, 1, 12, MON) ||
            !match(parts[3], p.day, 1, 31) ||
            !match(parts[5], dow, 1, 7, DOW)
        ) {
            t += 3_600_000 - (p.minute * 60 + p.second) * 1000;
            continue;
        }
        if (!match(parts[2], p.hour, 0, 23)) {
            t += 3_600_000 - (p.minute * 60 + p.second) * 1000;
            continue;
        }
        if (!match(parts[1], p.minute, 0, 59)) {
            t += 60_000 - p.second * 1000;
            continue;
        }
        if (!match(parts[0], p.second, 0, 59)) {
            t += 1000;
            continue;
        }
        return t;
    }
    return it.throwSys('StringException', `Cron expression never fires: ${cron}`);
}

export { EnumValue };
