/**
 * Anonymous Apex (`apex exec`): one transaction, then the async work it committed.
 */
import type { Runtime } from './runtime';
import { parseAnonymous, ApexSyntaxError } from '../loader/ast';
import { ClassInfo } from './objects';
import { ApexThrow, LoadError } from './errors';
import { resolveProject } from '../loader/resolver';

export interface AnonymousResult {
    /** `System.XxxException: message` of an uncaught exception, or a syntax error */
    error: string | null;
    /** first line of the Apex stack trace for the error */
    where: string | null;
    /** failures of async jobs that ran after the commit */
    asyncErrors: string[];
}

/**
 * `runAsyncWork: false` leaves the committed async work queued (`rt.async.pending`) for the caller to run later, as
 * an org runs a Queueable after the request that enqueued it has returned. `entryPoint: true` makes the script stand
 * for another entry point (an Apex REST request): what it calls sets its own sharing mode, as a transaction's first
 * class does, instead of inheriting anonymous Apex's `with sharing`.
 */
export function runAnonymous(
    rt: Runtime,
    source: string,
    file: string,
    options: { runAsyncWork?: boolean; entryPoint?: boolean } = {}
): AnonymousResult {
    const it = rt.it;
    let decl;
    try {
        decl = parseAnonymous(source, file);
    } catch (e) {
        if (e instanceof ApexSyntaxError) {
            return {
                error: `${file}:${e.line}: Syntax error: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`,
                where: null,
                asyncErrors: []
            };
        }
        throw e;
    }
    const info = new ClassInfo('AnonymousBlock', decl, null);
    for (const inner of decl.inner) it.register(inner, info);
    it.linkClass(info);
    if (!rt.options.skipResolve) {
        try {
            resolveProject(rt, info);
        } catch (e) {
            if (!(e instanceof LoadError)) throw e;
            const all = e.all;
            return {
                error: all.map((x) => `${x.file}:${x.line}: ${x.detail}`).join('\n'),
                where: null,
                asyncErrors: []
            };
        }
    }
    const frame = it.newFrame(info, null, 'execute_anonymous_apex');
    frame.file = file;
    // executeAnonymous runs "using the sharing rules of the current user" (ADG › Enforce Sharing Rules)
    frame.sharing = true;
    try {
        rt.transaction.run(
            () => {
                it.frames.push(frame);
                try {
                    if (options.entryPoint) it.asEntryPoint(() => it.execBlock(decl.trigger!.body, frame));
                    else it.execBlock(decl.trigger!.body, frame);
                } finally {
                    it.frames.pop();
                }
            },
            { freshStatics: false }
        );
    } catch (e) {
        const t = e instanceof ApexThrow ? e : it.toApexThrow(e);
        it.frames = [];
        // Publish Immediately events went out even though the transaction rolled back
        const eventErrors: string[] = [];
        rt.async.deliverEvents((failure) => eventErrors.push(eventFailure(rt, failure)));
        return {
            error: `${it.exceptionTypeName(t.exc)}: ${it.exceptionMessage(t.exc)}`,
            where: String(t.exc.native?.stack ?? '').split('\n')[0] || null,
            asyncErrors: eventErrors
        };
    }
    const asyncErrors: string[] = [];
    const eventFailed = (t: ApexThrow) => asyncErrors.push(eventFailure(rt, t));
    // platform events published by the transaction reach their triggers, each delivery its own transaction
    rt.async.deliverEvents(eventFailed);
    if (options.runAsyncWork === false) return { error: null, where: null, asyncErrors };
    rt.async.drain({
        includeScheduled: false,
        onEventError: eventFailed,
        onError: (job, err) => {
            const who =
                job.target?.cls.displayName ??
                (job.method ? `${(job.method.owner as ClassInfo).displayName}.${job.method.name}` : job.kind);
            asyncErrors.push(
                `Async ${job.kind} ${who} failed: ${it.exceptionTypeName(err.exc)}: ${it.exceptionMessage(err.exc)}`
            );
        }
    });
    const left = rt.async.pending.filter((j) => j.status === 'Queued' && j.kind !== 'schedule').length;
    if (left)
        asyncErrors.push(
            `Async work stopped after 500 jobs with ${left} still queued (a job that re-enqueues itself forever?)`
        );
    return { error: null, where: null, asyncErrors };
}

function eventFailure(rt: Runtime, t: ApexThrow): string {
    return `Platform event trigger failed: ${rt.it.exceptionTypeName(t.exc)}: ${rt.it.exceptionMessage(t.exc)}`;
}
