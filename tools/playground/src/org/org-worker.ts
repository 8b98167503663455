/**
 * The local org, in its own process: the Apex runtime loaded with force-app plus the playground's org setup. Its
 * callouts block this process while they wait (the runtime's HTTP is synchronous, as Apex is), so the QuickBooks
 * emulator answers them from the playground's process.
 */
import { LoadError, OffsetClock, Runtime, runAnonymous, type Org } from '../../../apex-runtime/src';
import { loadOrgSnapshot, saveOrg } from './org-snapshot';
import {
    auraCallSource,
    querySource,
    recordReadSource,
    recordUpdateSource,
    RESULT_MARKER,
    typeSource,
    type AuraParam
} from './apex-source';
import type { FastForward, ObjectDescribe, OrgInit, OrgRequest, OrgResponse } from './org-protocol';

let init: OrgInit;
const clock = new OffsetClock();
let runtime: Runtime;
let debugLines: string[] = [];

function org(): Org {
    return runtime.org;
}

async function start(): Promise<void> {
    runtime = new Runtime({
        projectDir: init.projectDir,
        clock,
        orgConfig: init.orgConfig,
        out: (line) => debugLines.push(line)
    });
    await runtime.load();
    if (init.dataFile) loadOrgSnapshot(org(), init.dataFile);
}

/**
 * How long a committed Queueable waits before it starts. Salesforce runs each queued job "when system resources
 * become available", in the background, without delaying the transaction that enqueued it (Apex Developer Guide,
 * Queueable Apex: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_queueing_jobs.htm);
 * the user sees the work Queued first.
 */
const ASYNC_START_DELAY_MS = 1500;

/**
 * The playground's simulated clock. A job the engine delays (a retry's back-off of 1, 2, 4, 8 and 10 minutes, set
 * with AsyncOptions.MinimumQueueableDelayInMinutes) would keep a visitor waiting real minutes; while such a job waits,
 * the org's clock runs FAST_FORWARD times faster than the wall clock, so the back-off plays out in seconds, in order,
 * with every record stamped on the clock the org runs on. The shell shows that clock and its speed.
 */
const FAST_FORWARD = 60;
let fastForward: FastForward | null = null;
let asyncTimer: ReturnType<typeof setTimeout> | null = null;
let timerFor: unknown = null;

/** Committed jobs waiting to start (scheduled jobs are the scheduler's: they never make the clock run fast). */
function waitingJobs() {
    return runtime.async.pending
        .filter((job) => job.status === 'Queued' && job.kind !== 'schedule')
        .sort((a, b) => a.dueAt - b.dueAt);
}

/** Moves the org's clock to where the fast-forward has taken it by now. */
function catchUpClock(): void {
    if (!fastForward) return;
    clock.advanceTo(
        Math.min(fastForward.until, fastForward.fromOrg + (Date.now() - fastForward.fromReal) * FAST_FORWARD)
    );
}

/**
 * Runs the next committed async job in its own turn, so requests that arrive meanwhile are answered in between: a
 * job due now after ASYNC_START_DELAY_MS, a delayed one when the fast clock reaches its start time. The clock runs
 * fast while any delayed job waits, also while a job due now (a background job, another deal's sync) takes its turn
 * first: that job runs in between, and the wait for the delayed one goes on.
 */
function runAsyncWorkLater(): void {
    catchUpClock();
    const waiting = waitingJobs();
    const next = waiting[0];
    const delayed = waiting.find((job) => job.dueAt - clock.now() > ASYNC_START_DELAY_MS);
    const fastUntil = delayed?.dueAt ?? null;
    if (next && next === timerFor && fastUntil === (fastForward?.until ?? null)) return;
    if (asyncTimer) clearTimeout(asyncTimer);
    asyncTimer = null;
    timerFor = next ?? null;
    fastForward =
        fastUntil === null
            ? null
            : { fromReal: Date.now(), fromOrg: clock.now(), until: fastUntil, speed: FAST_FORWARD };
    sendClock();
    if (!next) return;
    const wait = next === delayed ? (next.dueAt - clock.now()) / FAST_FORWARD : 0;
    asyncTimer = setTimeout(
        () => {
            asyncTimer = null;
            timerFor = null;
            catchUpClock();
            // the job runs on the clock at its own speed; the fast-forward starts again from where it ends
            fastForward = null;
            debugLines = [];
            runtime.startNewTransaction();
            runtime.async.drain({
                includeScheduled: false,
                maxJobs: 1,
                onError: (job, error) =>
                    process.stderr.write(
                        `Async ${job.kind} ${job.target?.cls.displayName ?? ''} failed: ${runtime.it.exceptionTypeName(error.exc)}: ${runtime.it.exceptionMessage(error.exc)}\n`
                    )
            });
            if (init.dataFile) saveOrg(org(), init.dataFile);
            runAsyncWorkLater();
        },
        Math.max(ASYNC_START_DELAY_MS, wait)
    );
}

/**
 * Runs anonymous Apex as one transaction; the marked debug line is the result. With `asyncWork` `now` (a script:
 * anonymous Apex as `apex exec` runs it) the queued async work runs before the answer; with `later` (a user's click
 * or read in Lightning) it runs after the answer, in the background.
 */
function run(source: string, mutates: boolean, asyncWork: 'now' | 'later' = 'now'): OrgResponse {
    debugLines = [];
    // every request is a new transaction (runAnonymous leaves the previous one's "uncommitted work" flag set)
    runtime.startNewTransaction();
    const result = runAnonymous(runtime, source, 'playground.apex', { runAsyncWork: asyncWork === 'now' });
    if (asyncWork === 'later') runAsyncWorkLater();
    const marked = debugLines.find((l) => l.startsWith(RESULT_MARKER));
    const debug = debugLines.filter((l) => !l.startsWith(RESULT_MARKER));
    if (mutates && init.dataFile) saveOrg(org(), init.dataFile);
    if (result.error) {
        const match = /^([\w.]+): ([\s\S]*)$/.exec(result.error);
        return {
            ok: false,
            error: {
                exceptionType: match ? match[1] : 'System.Exception',
                message: match ? match[2] : result.error,
                where: result.where
            },
            debug,
            asyncErrors: result.asyncErrors
        };
    }
    const value = marked ? JSON.parse(marked.slice(RESULT_MARKER.length)) : null;
    return { ok: true, value, debug, asyncErrors: result.asyncErrors };
}

/** The @AuraEnabled method's declared parameters, as Lightning resolves them (by name). */
function auraMethod(className: string, methodName: string): { params: AuraParam[]; returnsValue: boolean } {
    const info = runtime.findClass(className);
    if (!info) throw new Error(`No Apex class ${className}`);
    const candidates = (info.methods.get(methodName.toLowerCase()) ?? []).filter((m) =>
        m.annotations.some((a) => a.n === 'auraenabled')
    );
    if (candidates.length !== 1) throw new Error(`${className}.${methodName} is not one @AuraEnabled method`);
    const method = candidates[0];
    const inner = new Set([...info.inner.keys()]);
    return {
        params: method.params.map((p) => ({ name: p.name, type: typeSource(p.type, info.name, inner) })),
        returnsValue: method.ret !== null && method.ret.n !== 'void'
    };
}

/**
 * Lightning refuses an @AuraEnabled call when neither the user's profile nor a permission set grants the class
 * ("Granting User Access for Apex Classes", Lightning Aura Components Developer Guide); the component receives the
 * error as it would from the server, and no Apex runs.
 */
function noClassAccess(className: string): OrgResponse {
    return {
        ok: false,
        error: {
            exceptionType: 'System.NoAccessException',
            message: `You do not have access to the Apex class named: ${className}`,
            where: ''
        },
        debug: []
    };
}

/** Runs as another user of the org, as a login of that user would. */
function runAs(username: string, body: () => OrgResponse): OrgResponse {
    const user = org()
        .db.rows('User')
        .find((row) => String(row.slots.get('username')?.value ?? '').toLowerCase() === username.toLowerCase());
    if (!user) throw new Error(`No user ${username} in the org`);
    let response: OrgResponse | null = null;
    org().runAs(user.id, () => {
        response = body();
    });
    return response!;
}

function describe(objectName: string): ObjectDescribe {
    const def = org().schema.getObject(objectName);
    if (!def) throw new Error(`No object ${objectName}`);
    const fields = [...def.fields.values()];
    return {
        name: def.name,
        label: def.label,
        fields: fields.map((f) => ({
            name: f.name,
            label: f.label ?? f.name,
            type: f.type,
            picklistValues: (f.picklistValues ?? [])
                .filter((v) => v.active !== false)
                .map((v) => ({ value: v.value, label: v.label ?? v.value })),
            referenceTo: f.referenceTo ?? []
        })),
        recordTypes: def.recordTypes.map((r) => ({ id: r.id, developerName: r.developerName, label: r.label }))
    };
}

function handle(request: OrgRequest): OrgResponse {
    switch (request.op) {
        case 'aura': {
            const method = auraMethod(request.className, request.methodName);
            const source = auraCallSource(
                request.className,
                request.methodName,
                method.params,
                request.params,
                method.returnsValue
            );
            const call = (): OrgResponse =>
                org().mayCallApexClass(request.className)
                    ? run(source, true, 'later')
                    : noClassAccess(request.className);
            if (request.asUsername) return runAs(request.asUsername, call);
            return call();
        }
        case 'exec': {
            const asyncWork = request.background ? 'later' : 'now';
            if (request.asUsername) return runAs(request.asUsername, () => run(request.source, true, asyncWork));
            return run(request.source, true, asyncWork);
        }
        case 'getRecord': {
            const { objectName, id, fields, asUsername } = request;
            if (asUsername)
                return runAs(asUsername, () => run(recordReadSource(objectName, id, fields, true), false, 'later'));
            return run(recordReadSource(objectName, id, fields, false), false, 'later');
        }
        case 'updateRecord': {
            const { objectName, fields, asUsername } = request;
            if (asUsername)
                return runAs(asUsername, () => run(recordUpdateSource(objectName, fields, true), true, 'later'));
            return run(recordUpdateSource(objectName, fields, false), true, 'later');
        }
        case 'query':
            if (request.asUsername)
                return runAs(request.asUsername, () => run(querySource(request.soql), false, 'later'));
            return run(querySource(request.soql), false, 'later');
        case 'describe':
            return { ok: true, value: describe(request.objectName) };
        case 'storeNamedCredentialTokens': {
            // the next callout's token request uses it (a cached access token QuickBooks refuses is refreshed)
            const credential = org().config.namedCredentials[request.namedCredential];
            if (!credential?.oauth)
                return {
                    ok: false,
                    error: {
                        exceptionType: 'System.CalloutException',
                        message: `No OAuth named credential ${request.namedCredential}`
                    }
                };
            credential.oauth.refreshToken = request.refreshToken;
            return { ok: true };
        }
        case 'isEmpty':
            return { ok: true, value: org().db.rows('Account').length === 0 };
    }
}

function send(message: unknown): void {
    process.send!(message);
}

/** The org's clock offset: async delays move it forward, and the emulator follows it. */
function clockOffset(): number {
    return clock.now() - Date.now();
}

/** Tells the playground where the org's clock is and whether it is running fast. */
function sendClock(): void {
    send({ clockOffset: clockOffset(), fastForward });
}

// the playground went away (even without closing us): nothing is left to serve
process.on('disconnect', () => process.exit(0));

process.once('message', (first: OrgInit) => {
    init = first;
    start().then(
        () => {
            send({ ready: true, clockOffset: clockOffset() });
            process.on('message', (message: { id: number; request: OrgRequest }) => {
                let response: OrgResponse;
                catchUpClock();
                try {
                    response = handle(message.request);
                } catch (e) {
                    response = {
                        ok: false,
                        error: { exceptionType: 'PlaygroundError', message: (e as Error).message ?? String(e) }
                    };
                }
                send({ id: message.id, response, clockOffset: clockOffset(), fastForward });
            });
        },
        (e) => {
            const detail =
                e instanceof LoadError
                    ? e.all
                          .slice(0, 20)
                          .map((x) => `${x.file}:${x.line}: ${x.detail}`)
                          .join('\n')
                    : String((e as Error)?.stack ?? e);
            send({ ready: false, error: detail });
        }
    );
});
