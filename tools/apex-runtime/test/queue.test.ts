/**
 * Conformance: the org's async queue as the platform documents it. Statuses and timestamps: Object Reference ›
 * AsyncApexJob (Status Holding, Queued, Preparing, Processing, Aborted, Completed, Failed; CreatedDate,
 * CompletedDate, NumberOfErrors, ExtendedStatus). Backlog: Apex Developer Guide › Queueable Apex ("Each queued job
 * runs when system resources become available"). Scheduled jobs: Apex Scheduler (cron fire times, CronTrigger).
 * Killed jobs: Execution Governors and Limits (uncatchable LimitException) and Transaction Finalizers.
 */
import { Runtime } from '../src/interpreter/runtime';
import { runAnonymous } from '../src/interpreter/anonymous';
import { ManualClock } from '../src/values/clock';
import type { AsyncQueueOptions } from '../src/interpreter/async';
import { makeProject } from './harness';

const START = Date.UTC(2026, 10, 26, 12, 0, 0);
const MINUTE = 60_000;

async function orgWithQueue(
    classes: Record<string, string>,
    asyncQueue: AsyncQueueOptions
): Promise<{ rt: Runtime; out: string[] }> {
    const out: string[] = [];
    const rt = new Runtime({
        projectDir: makeProject(classes),
        clock: new ManualClock(START),
        out: (line) => out.push(line),
        orgConfig: { runningUser: { permissionSets: [], timeZone: 'GMT' } as never },
        asyncQueue
    });
    await rt.load();
    return { rt, out };
}

function exec(rt: Runtime, source: string): void {
    const result = runAnonymous(rt, source, 'anonymous.apex', { runAsyncWork: false });
    if (result.error) throw new Error(result.error);
}

const WATCHER = {
    Work: `public class Work implements Queueable {
        public void execute(QueueableContext ctx) { System.debug('work runs at ' + Datetime.now().formatGmt('HH:mm')); }
    }`,
    Watcher: `public class Watcher implements Schedulable {
        public void execute(SchedulableContext ctx) {
            AsyncApexJob job = [SELECT Status FROM AsyncApexJob WHERE ApexClass.Name = 'Work' LIMIT 1];
            System.debug('watcher at ' + Datetime.now().formatGmt('HH:mm') + ' sees ' + job.Status);
        }
    }`
};

describe('the async queue (Queueable Apex: a queued job runs when system resources become available)', () => {
    it('a job waits out the backlog as Queued while a scheduled job fires on time, then runs and is Completed with its dates', async () => {
        const { rt, out } = await orgWithQueue(WATCHER, { latencyMinutes: { min: 40, max: 40 } });
        exec(rt, "System.schedule('watch', '0 0,15,30,45 * * * ?', new Watcher()); System.enqueueJob(new Work());");
        expect(rt.nextAsyncJobStart()).toBe(START + 40 * MINUTE);
        expect(rt.runAsyncUntil(START + 60 * MINUTE)).toEqual([]);
        expect(out).toEqual([
            'watcher at 12:15 sees Queued',
            'watcher at 12:30 sees Queued',
            'work runs at 12:40',
            'watcher at 12:45 sees Completed',
            'watcher at 13:00 sees Completed'
        ]);
        exec(
            rt,
            `AsyncApexJob job = [SELECT CreatedDate, CompletedDate, NumberOfErrors FROM AsyncApexJob WHERE ApexClass.Name = 'Work'];
            System.debug(job.CreatedDate.formatGmt('HH:mm') + ' ' + job.CompletedDate.formatGmt('HH:mm') + ' ' + job.NumberOfErrors);
            CronTrigger cron = [SELECT TimesTriggered, PreviousFireTime, NextFireTime FROM CronTrigger LIMIT 1];
            System.debug(cron.TimesTriggered + ' ' + cron.PreviousFireTime.formatGmt('HH:mm') + ' ' + cron.NextFireTime.formatGmt('HH:mm'));`
        );
        expect(out.slice(-2)).toEqual(['12:00 12:40 0', '4 13:00 13:15']);
        expect(rt.nextAsyncJobStart()).toBeNull();
    });

    it('a scheduled job that aborts its own CronTrigger does not fire again (Apex Reference › System.abortJob)', async () => {
        const { rt, out } = await orgWithQueue(
            {
                Once: `public class Once implements Schedulable {
                    public void execute(SchedulableContext ctx) { System.debug('fired'); System.abortJob(ctx.getTriggerId()); }
                }`
            },
            {}
        );
        exec(rt, "System.schedule('once', '0 0,15,30,45 * * * ?', new Once());");
        rt.runAsyncUntil(START + 60 * MINUTE);
        expect(out).toEqual(['fired']);
    });

    it('a failed job reads Failed with NumberOfErrors 1 and the error in ExtendedStatus', async () => {
        const { rt, out } = await orgWithQueue(
            {
                Broken: `public class Broken implements Queueable {
                    public void execute(QueueableContext ctx) { throw new IllegalArgumentException('bad input'); }
                }`
            },
            {}
        );
        exec(rt, 'System.enqueueJob(new Broken());');
        expect(rt.runAsyncUntil(START + MINUTE)).toEqual([
            'Async queueable Broken failed: System.IllegalArgumentException: bad input'
        ]);
        exec(
            rt,
            "AsyncApexJob job = [SELECT Status, NumberOfErrors, ExtendedStatus FROM AsyncApexJob LIMIT 1]; System.debug(job.Status + ' ' + job.NumberOfErrors + ' ' + job.ExtendedStatus);"
        );
        expect(out).toEqual(['Failed 1 System.IllegalArgumentException: bad input']);
    });

    it('a batch job is Preparing while its start() runs and Processing in execute() (Object Reference › AsyncApexJob.Status)', async () => {
        const { rt, out } = await orgWithQueue(
            {
                Sweep: `public class Sweep implements Database.Batchable<SObject> {
                    public Database.QueryLocator start(Database.BatchableContext ctx) {
                        System.debug('start ' + [SELECT Status FROM AsyncApexJob WHERE Id = :ctx.getJobId()].Status);
                        return Database.getQueryLocator([SELECT Id FROM Account]);
                    }
                    public void execute(Database.BatchableContext ctx, List<SObject> scope) {
                        System.debug('execute ' + [SELECT Status FROM AsyncApexJob WHERE Id = :ctx.getJobId()].Status);
                    }
                    public void finish(Database.BatchableContext ctx) {}
                }`
            },
            {}
        );
        exec(rt, "insert new Account(Name = 'Acme'); Database.executeBatch(new Sweep());");
        rt.runAsyncUntil(START + MINUTE);
        expect(out).toEqual(['start Preparing', 'execute Processing']);
    });
});

describe('jobs killed by an uncatchable limit (Execution Governors and Limits; Transaction Finalizers)', () => {
    const DOOMED = {
        Writer: `public class Writer implements Queueable {
            public void execute(QueueableContext ctx) {
                System.attachFinalizer(new Seen());
                for (Integer i = 0; i < 6; i++) {
                    try {
                        insert new Account(Name = 'row ' + i);
                    } catch (Exception caught) {
                        System.debug('caught ' + caught.getTypeName());
                    }
                }
            }
        }`,
        Seen: `public class Seen implements Finalizer {
            public void execute(FinalizerContext ctx) {
                System.debug(ctx.getResult() + ' ' + ctx.getException().getTypeName() + ': ' +
                    ctx.getException().getMessage() + ' rows ' + [SELECT COUNT() FROM Account]);
            }
        }`
    };

    it('a doomed job dies mid-run: nothing it wrote commits, its Finalizer sees UNHANDLED_EXCEPTION and the job reads Failed', async () => {
        const { rt, out } = await orgWithQueue(DOOMED, { limitKillRate: 1, seed: 3 });
        exec(rt, 'System.enqueueJob(new Writer());');
        expect(rt.runAsyncUntil(START + MINUTE)).toEqual([]);
        expect(out).toEqual(['UNHANDLED_EXCEPTION System.LimitException: Apex CPU time limit exceeded rows 0']);
        exec(rt, "System.debug([SELECT Status FROM AsyncApexJob WHERE ApexClass.Name = 'Writer'].Status);");
        expect(out[1]).toBe('Failed');
    });

    it('the kill rate is a share of jobs, repeatable by seed', async () => {
        const outcomes = async (seed: number) => {
            const { rt, out } = await orgWithQueue(DOOMED, { limitKillRate: 0.5, seed });
            exec(rt, 'for (Integer i = 0; i < 20; i++) { System.enqueueJob(new Writer()); }');
            rt.runAsyncUntil(START + MINUTE);
            return out.map((line) => line.split(' ')[0]);
        };
        const first = await outcomes(7);
        expect(await outcomes(7)).toEqual(first);
        const killed = first.filter((result) => result === 'UNHANDLED_EXCEPTION').length;
        expect(killed).toBeGreaterThan(3);
        expect(killed).toBeLessThan(17);
    });
});
