/**
 * The org side of the soak (scripts/soak.ts starts it as its own process, so the QuickBooks emulator in the parent
 * keeps answering while the runtime waits on a callout). It runs the package on the local Apex runtime with a real
 * queue: a backlog longer than the sweeper's 15 minutes, a share of jobs killed by a limit, org automation that uses
 * a job's enqueue slot, the sweeper on its schedule. It wins the deals in Data Loader batches of 200 and lets simulated
 * time run until nothing is pending, changing QuickBooks' faults every 15 simulated minutes. The last stdout line is
 * the org's side of the result as JSON.
 *
 * Usage (from soak.ts): tsx scripts/soak-org.ts <plan.json>
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ManualClock, Runtime, runAnonymous, type Row } from '../tools/apex-runtime/src';

/** What soak.ts hands over. */
export interface SoakPlan {
    projectDir: string;
    orgConfigFile: string;
    emulatorUrl: string;
    realm: string;
    start: number;
    deals: number;
    accounts: number;
    /** customer ids of the accounts QuickBooks already knows and the org has linked (accounts 0..n-1) */
    linkedCustomerIds: string[];
    faultRate: number;
    seed: number;
    /** QuickBooks is healthy again after this many simulated minutes */
    faultMinutes: number;
    latencyMinutes: { min: number; max: number };
    limitKillRate: number;
    /** give up after this many simulated minutes */
    maxMinutes: number;
}

/** The org's side of a soak run. */
export interface OrgOutcome {
    deals: { id: string; status: string; invoiceId: string | null; error: string | null }[];
    simulatedMinutes: number;
    syncJobs: number;
    killedJobs: number;
    sweeps: number;
    asyncErrors: string[];
    /** request states that were still pending when the run gave up (empty when it settled) */
    pending: Record<string, number>;
}

const MINUTE = 60_000;
const STEP_MINUTES = 15;
const DATA_LOADER_BATCH = 200;
const PENDING_STATES = new Set(['Queued', 'In_Progress', 'Retry_Scheduled', 'Pending_Approval']);

function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** A blocking admin call to the emulator (the runtime is synchronous; the emulator lives in the parent process). */
function adminPut(url: string, body: unknown): void {
    const script = `fetch(${JSON.stringify(url)}, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(JSON.stringify(body))} }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;
    // generous: on a loaded machine starting a node process alone can take many seconds
    const result = spawnSync(process.execPath, ['-e', script], { timeout: 120_000 });
    if (result.status !== 0) throw new Error(`emulator admin call failed: PUT ${url}`);
}

/**
 * QuickBooks' faults for the next 15 minutes at rate R: server errors (500/503), commit-then-lose-response on single
 * and batch writes (no answer, 504 gateway timeout or 500 after the write), a burst of 429s, and for a third of the
 * steps `requestid` ignored. Each step has its own seed so the run repeats exactly.
 */
function faultsFor(rate: number, draw: () => number, step: number, seed: number): Record<string, unknown> {
    const modes = ['reset', 'gateway-timeout', 'server-error'];
    return {
        seed: seed * 10_000 + step,
        serverErrorRate: rate * 0.3,
        unavailableRate: rate * 0.1,
        loseResponseRate: rate * 0.4,
        loseResponseMode: modes[Math.floor(draw() * modes.length)],
        throttleBurst: Math.floor(draw() * rate * 20),
        ignoreRequestId: draw() < 1 / 3,
        faultStyle: 'mixed'
    };
}

const NO_FAULTS = {
    serverErrorRate: 0,
    unavailableRate: 0,
    loseResponseRate: 0,
    throttleBurst: 0,
    ignoreRequestId: false
};

function exec(rt: Runtime, source: string, name: string): void {
    const result = runAnonymous(rt, source, name, { runAsyncWork: false });
    if (result.error) throw new Error(`${name}: ${result.error}${result.where ? ' at ' + result.where : ''}`);
}

function field(row: Row, name: string): unknown {
    return row.slots.get(name.toLowerCase())?.value ?? null;
}

function setupApex(plan: SoakPlan): string {
    const ids = plan.linkedCustomerIds.map((id) => `'${id}'`).join(', ');
    return `QBSyncSweeper.scheduleEvery15Minutes();
List<Account> buyers = new List<Account>();
for (Integer i = 0; i < ${plan.accounts}; i++) {
    buyers.add(new Account(Name = 'Soak customer ' + i, BillingCity = 'Austin', BillingCountry = 'US'));
}
insert buyers;
List<String> customerIds = new List<String>{ ${ids} };
Map<Id, Account> stored = new Map<Id, Account>([SELECT Id, Name, Phone, BillingStreet, BillingCity, BillingState,
    BillingPostalCode, BillingCountry, ShippingStreet, ShippingCity, ShippingState, ShippingPostalCode, ShippingCountry
    FROM Account]);
List<QB_Customer_Link__c> links = new List<QB_Customer_Link__c>();
for (Integer i = 0; i < customerIds.size(); i++) {
    Account buyer = stored.get(buyers[i].Id);
    links.add(new QB_Customer_Link__c(Account__c = buyer.Id, Realm_Id__c = '${plan.realm}',
        QB_Customer_Id__c = customerIds[i], Sync_Token__c = '0', Pushed_Hash__c = QBCustomerResolver.pushedHash(buyer),
        Link_Key__c = QBCustomerResolver.linkKey('${plan.realm}', buyer.Id), QB_Display_Name__c = buyer.Name));
}
insert links;`;
}

function dealsApex(plan: SoakPlan, from: number, to: number): string {
    return `Map<String, Id> byName = new Map<String, Id>();
for (Account buyer : [SELECT Id, Name FROM Account WHERE Name LIKE 'Soak customer %']) {
    byName.put(buyer.Name, buyer.Id);
}
List<Opportunity> deals = new List<Opportunity>();
for (Integer i = ${from}; i < ${to}; i++) {
    deals.add(new Opportunity(Name = 'Soak deal ' + i, AccountId = byName.get('Soak customer ' + Math.mod(i, ${plan.accounts})),
        StageName = 'Prospecting', CloseDate = Date.today(), Amount = 100 + Math.mod(i, 900)));
}
insert deals;`;
}

/** One Data Loader batch: 200 deals become Closed Won in one update. */
const CLOSE_BATCH = `List<Opportunity> batch = [SELECT Id FROM Opportunity WHERE StageName = 'Prospecting' AND Name LIKE 'Soak deal %'
    ORDER BY Name LIMIT ${DATA_LOADER_BATCH}];
for (Opportunity deal : batch) {
    deal.StageName = 'Closed Won';
}
update batch;`;

function pendingStates(rt: Runtime): Record<string, number> {
    const pending: Record<string, number> = {};
    for (const row of rt.org.db.rows('QB_Sync_Request__c')) {
        const state = String(field(row, 'State__c'));
        const followUps = state === 'Invoice_Created';
        if (PENDING_STATES.has(state) || followUps || field(row, 'Write_Back_Pending__c') === true) {
            pending[state] = (pending[state] ?? 0) + 1;
        }
    }
    return pending;
}

export async function runOrg(plan: SoakPlan): Promise<OrgOutcome> {
    const clock = new ManualClock(plan.start);
    const rt = new Runtime({
        projectDir: plan.projectDir,
        configFile: plan.orgConfigFile,
        clock,
        out: () => undefined,
        asyncQueue: { latencyMinutes: plan.latencyMinutes, limitKillRate: plan.limitKillRate, seed: plan.seed }
    });
    await rt.load();
    const faultsUrl = `${plan.emulatorUrl}/__admin/realms/${plan.realm}/faults`;
    const draw = random(plan.seed);
    const asyncErrors: string[] = [];

    exec(rt, setupApex(plan), 'soak-setup.apex');
    for (let from = 0; from < plan.deals; from += DATA_LOADER_BATCH) {
        exec(rt, dealsApex(plan, from, Math.min(plan.deals, from + DATA_LOADER_BATCH)), 'soak-deals.apex');
    }
    let step = 0;
    adminPut(faultsUrl, faultsFor(plan.faultRate, draw, step, plan.seed));
    // Data Loader: one update of 200 a minute, while the queue and the sweeper already run
    for (let closed = 0; closed < plan.deals; closed += DATA_LOADER_BATCH) {
        exec(rt, CLOSE_BATCH, 'soak-close.apex');
        asyncErrors.push(...rt.runAsyncUntil(clock.now() + MINUTE));
    }
    for (;;) {
        const elapsed = (clock.now() - plan.start) / MINUTE;
        const pending = pendingStates(rt);
        if (!Object.keys(pending).length && rt.nextAsyncJobStart() === null) break;
        if (elapsed >= plan.maxMinutes) return outcome(rt, plan, asyncErrors, pending);
        step++;
        adminPut(faultsUrl, elapsed < plan.faultMinutes ? faultsFor(plan.faultRate, draw, step, plan.seed) : NO_FAULTS);
        asyncErrors.push(...rt.runAsyncUntil(clock.now() + STEP_MINUTES * MINUTE));
    }
    adminPut(faultsUrl, NO_FAULTS);
    return outcome(rt, plan, asyncErrors, {});
}

function outcome(rt: Runtime, plan: SoakPlan, asyncErrors: string[], pending: Record<string, number>): OrgOutcome {
    const syncJobClass = rt.org.db
        .rows('ApexClass')
        .find((row) => String(field(row, 'Name')).toLowerCase() === 'qbinvoicesyncjob')?.id;
    const sweeperClass = rt.org.db
        .rows('ApexClass')
        .find((row) => String(field(row, 'Name')).toLowerCase() === 'qbsyncsweeper')?.id;
    const jobs = rt.org.db.rows('AsyncApexJob');
    const syncJobs = jobs.filter((row) => field(row, 'ApexClassId') === syncJobClass);
    const sweeps = rt.org.db.rows('CronTrigger').reduce((sum, row) => sum + Number(field(row, 'TimesTriggered')), 0);
    return {
        deals: rt.org.db
            .rows('Opportunity')
            .filter((row) => String(field(row, 'Name')).startsWith('Soak deal '))
            .map((row) => ({
                id: row.id,
                status: String(field(row, 'QB_Sync_Status__c')),
                invoiceId: (field(row, 'QB_Invoice_Id__c') as string | null) ?? null,
                error: (field(row, 'QB_Last_Error__c') as string | null) ?? null
            })),
        simulatedMinutes: Math.round((rt.it.clock.now() - plan.start) / MINUTE),
        syncJobs: syncJobs.length,
        killedJobs: syncJobs.filter((row) => /CPU time limit/.test(String(field(row, 'ExtendedStatus')))).length,
        sweeps: sweeperClass ? sweeps : 0,
        asyncErrors: asyncErrors.filter((error) => !/CPU time limit/.test(error)),
        pending
    };
}

if (require.main === module) {
    const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as SoakPlan;
    runOrg(plan)
        .then((result) => console.log(JSON.stringify(result)))
        .catch((error: unknown) => {
            console.error(error instanceof Error ? (error.stack ?? error.message) : error);
            process.exit(1);
        });
}
