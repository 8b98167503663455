/**
 * Soak (issue 11): N won deals through the package on the local Apex runtime against the QuickBooks emulator, with
 * a real queue (backlog longer than the sweeper's 15 minutes, jobs killed by a limit, org automation using a job's
 * enqueue slot, the sweeper on its schedule) and QuickBooks faults at rate R (5xx, 429, lost answers after the write
 * committed on single and batch writes, requestid ignored). Simulated time runs until nothing is pending. Every
 * QuickBooks figure comes from the emulator's own state and counters.
 *
 *   duplicates  invoices beyond the first for a deal
 *   lost        deals neither Synced (with an invoice that exists) nor Failed/Rejected with a message
 *   stranded    deals Failed while their invoice exists, or Failed at all: the soak's faults are all transient
 *
 * Then a full sandbox copy of the org (production's record Ids, another organization Id) wins its first 50 deals
 * against the same QuickBooks company and is judged the same way against the invoices that carry its own marker.
 *
 * Usage: npm run soak -- [--deals N] [--fault-rate R] [--seed S] [--json]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchProject } from './bench';
import type { OrgOutcome, SoakPlan } from './soak-org';
import {
    createEmulator,
    DEFAULT_CLIENT,
    DEFAULT_US_REALM,
    ManualClock,
    type Emulator
} from '../tools/qbo-emulator/src';
import { integrationUserInstallStep } from './engine-on-emulator';

const REPO = resolve(__dirname, '..');
const REALM = DEFAULT_US_REALM;
const START = Date.UTC(2026, 10, 18, 15, 0, 0);
const PRODUCTION_ORG_ID = '00D000000000101EAA';
/** A full sandbox copy of production keeps its record Ids; it has an organization Id of its own. */
const SANDBOX_ORG_ID = '00D000000000102EAA';
const SANDBOX_DEALS = 50;

export interface SoakOptions {
    deals: number;
    faultRate: number;
    seed: number;
}

export interface SoakResult extends OrgJudgement {
    deals: number;
    quickBooksRequests: number;
    /** requests per endpoint (the items inside a batch are not requests of their own) */
    quickBooksByEndpoint: Record<string, number>;
    requestsPerDeal: number;
    quickBooksByStatus: Record<string, number>;
    syncJobs: number;
    killedJobs: number;
    sweeps: number;
    simulatedMinutes: number;
    wallSeconds: number;
    seed: number;
    faultRate: number;
    /** failures of async jobs other than the injected kills (should be none) */
    asyncErrors: string[];
    /** requests still pending when the run gave up (empty when it settled) */
    pending: Record<string, number>;
    /** the sandbox copy's run against the same company: its deals have production's record Ids */
    sandboxCopy: OrgJudgement & { deals: number };
}

/** One org's deals judged against the invoices QuickBooks holds with that org's marker. */
interface OrgJudgement {
    invoices: number;
    duplicates: number;
    lost: number;
    stranded: number;
    byStatus: Record<string, number>;
    /** what the deals that are lost or stranded show (status: error), the first few */
    problems: string[];
}

/** The org's own automation: whenever a deal changes it queues work, from any context (it uses a job's slot). */
const AUTOMATION_TRIGGER = `trigger SoakOrgAutomation on Opportunity (after update) {
    if (Limits.getQueueableJobs() < Limits.getLimitQueueableJobs()) {
        System.enqueueJob(new SoakOrgAutomationJob());
    }
}`;
const AUTOMATION_JOB = `public class SoakOrgAutomationJob implements Queueable {
    public void execute(QueueableContext context) {
        System.debug('org automation ran');
    }
}`;

function soakProject(workDir: string): string {
    const projectDir = benchProject(workDir);
    const automation = join(projectDir, 'force-app', 'org-automation');
    mkdirSync(automation, { recursive: true });
    writeFileSync(join(automation, 'SoakOrgAutomation.trigger'), AUTOMATION_TRIGGER);
    writeFileSync(join(automation, 'SoakOrgAutomationJob.cls'), AUTOMATION_JOB);
    return projectDir;
}

function writeOrgConfig(workDir: string, emulator: Emulator, organizationId: string, isSandbox: boolean): string {
    const file = join(workDir, `org-config-${organizationId}.json`);
    writeFileSync(
        file,
        JSON.stringify({
            isSandbox,
            organizationId,
            loadSampleMetadata: true,
            timeZone: 'America/Chicago',
            ...integrationUserInstallStep({
                username: 'ada.admin@quickbooks-sync.local',
                permissionSets: ['QB_Sync_Admin']
            }),
            sharedClock: { advanceUrl: `${emulator.url}/__admin/clock/advance` },
            namedCredentials: {
                QB_QuickBooks_Sandbox: {
                    url: emulator.url,
                    oauth: {
                        tokenUrl: `${emulator.url}/oauth2/v1/tokens/bearer`,
                        clientId: DEFAULT_CLIENT.clientId,
                        clientSecret: DEFAULT_CLIENT.clientSecret,
                        realmId: REALM
                    }
                }
            }
        })
    );
    return file;
}

function runOrgProcess(workDir: string, plan: SoakPlan): Promise<OrgOutcome> {
    const planFile = join(workDir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const tsx = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    return new Promise((resolvePromise, reject) => {
        const child = spawn(process.execPath, [tsx, join(REPO, 'scripts', 'soak-org.ts'), planFile]);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
            if (code !== 0) reject(new Error(`the soak's org failed (exit ${code}):\n${stderr || stdout}`));
            else resolvePromise(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as OrgOutcome);
        });
    });
}

interface InvoiceRow {
    Id: string;
    PrivateNote?: string;
}

/**
 * duplicates: invoices beyond the first for a deal; lost: deals neither Synced with an invoice of their own nor
 * Failed/Rejected with a message; stranded: Failed deals (every fault the soak injects is transient, so none may end
 * Failed; this includes any deal Failed while its invoice exists).
 */
function judge(emulator: Emulator, organizationId: string, deals: OrgOutcome['deals']): OrgJudgement {
    const invoices = (emulator.admin.snapshot(REALM).entities.Invoice ?? []) as unknown as InvoiceRow[];
    const invoicesByDeal = new Map<string, string[]>();
    for (const invoice of invoices) {
        const match = /Org (\w{15,18}) · Opportunity (\w{15,18})/.exec(invoice.PrivateNote ?? '');
        // 15-character form: the org may normalise the configured Id's 18-character suffix
        if (!match || match[1].slice(0, 15) !== organizationId.slice(0, 15)) continue;
        invoicesByDeal.set(match[2], [...(invoicesByDeal.get(match[2]) ?? []), invoice.Id]);
    }
    const judgement: OrgJudgement = { invoices: 0, duplicates: 0, lost: 0, stranded: 0, byStatus: {}, problems: [] };
    for (const ids of invoicesByDeal.values()) judgement.invoices += ids.length;
    for (const deal of deals) {
        judgement.byStatus[deal.status] = (judgement.byStatus[deal.status] ?? 0) + 1;
        const own = invoicesByDeal.get(deal.id) ?? [];
        judgement.duplicates += Math.max(0, own.length - 1);
        const synced = deal.status === 'Synced' && deal.invoiceId !== null && own.includes(deal.invoiceId);
        const explained = (deal.status === 'Failed' || deal.status === 'Rejected') && !!deal.error;
        if (!synced && !explained) judgement.lost++;
        if (deal.status === 'Failed') judgement.stranded++;
        if ((!synced || deal.status === 'Failed') && judgement.problems.length < 5) {
            judgement.problems.push(
                `${deal.id} ${deal.status} (${own.length} invoice(s)): ${deal.error ?? 'no message'}`
            );
        }
    }
    return judgement;
}

export async function soak(options: SoakOptions): Promise<SoakResult> {
    const started = Date.now();
    const emulator = await createEmulator({ port: 0, clock: new ManualClock(START) });
    const workDir = mkdtempSync(join(tmpdir(), 'qb-soak-'));
    try {
        // Intuit's throttle windows would count the simulated hours' requests as one burst; 429s are injected instead
        emulator.admin.setRateLimits({ perRealmAppPerSecond: 100000, perRealmPerMinute: 1000000 });
        const accounts = Math.max(1, Math.ceil(options.deals / 2));
        const known = Math.floor(accounts * 0.5);
        const linked = Math.floor(accounts * 0.4);
        // accounts 0..known-1 exist in QuickBooks; 0..linked-1 are also linked in the org, the rest are found by name
        const seeded = emulator.admin.seed(REALM, {
            customers: Array.from({ length: known }, (_, i) => ({
                DisplayName: `Soak customer ${i}`,
                CompanyName: `Soak customer ${i}`,
                BillAddr: { City: 'Austin', Country: 'US' }
            }))
        });
        const customerIds = seeded.customers.map((customer) => String((customer as { Id: string }).Id));
        emulator.admin.resetCounters();
        const projectDir = soakProject(workDir);
        const plan: SoakPlan = {
            projectDir,
            orgConfigFile: writeOrgConfig(workDir, emulator, PRODUCTION_ORG_ID, false),
            emulatorUrl: emulator.url,
            realm: REALM,
            start: START,
            deals: options.deals,
            accounts,
            linkedCustomerIds: customerIds.slice(0, linked),
            faultRate: options.faultRate,
            seed: options.seed,
            faultMinutes: 12 * 60,
            latencyMinutes: { min: 1, max: 45 },
            limitKillRate: 0.1,
            maxMinutes: 7 * 24 * 60
        };
        const org = await runOrgProcess(workDir, plan);
        const { summary, rows } = emulator.admin.counters(REALM);
        const byEndpoint: Record<string, number> = {};
        for (const row of rows.filter((counter) => !counter.endpoint.startsWith('batch item '))) {
            byEndpoint[row.endpoint] = (byEndpoint[row.endpoint] ?? 0) + row.count;
        }
        // Then a full sandbox copy of this org (same record Ids, same customer links) wins its first deals against the
        // same QuickBooks company: it must get invoices of its own, never production's.
        const sandbox = await runOrgProcess(workDir, {
            ...plan,
            orgConfigFile: writeOrgConfig(workDir, emulator, SANDBOX_ORG_ID, true),
            start: START + org.simulatedMinutes * 60_000,
            deals: Math.min(SANDBOX_DEALS, options.deals)
        });
        const production = judge(emulator, PRODUCTION_ORG_ID, org.deals);
        return {
            deals: org.deals.length,
            ...production,
            quickBooksRequests: summary.total,
            requestsPerDeal: Math.round((summary.total / Math.max(1, org.deals.length)) * 1000) / 1000,
            quickBooksByStatus: summary.byStatus,
            quickBooksByEndpoint: byEndpoint,
            syncJobs: org.syncJobs,
            killedJobs: org.killedJobs,
            sweeps: org.sweeps,
            simulatedMinutes: org.simulatedMinutes,
            wallSeconds: Math.round((Date.now() - started) / 100) / 10,
            seed: options.seed,
            faultRate: options.faultRate,
            asyncErrors: [...org.asyncErrors, ...sandbox.asyncErrors],
            pending: org.pending,
            sandboxCopy: { deals: sandbox.deals.length, ...judge(emulator, SANDBOX_ORG_ID, sandbox.deals) }
        };
    } finally {
        rmSync(workDir, { recursive: true, force: true });
        await emulator.close();
    }
}

export function parseSoakArguments(argv: string[]): SoakOptions & { json: boolean } {
    const options = { deals: 1000, faultRate: 0.2, seed: 1, json: false };
    for (let i = 0; i < argv.length; i++) {
        const argument = argv[i];
        const number = (): number => {
            const value = Number(argv[++i]);
            if (argv[i] === undefined || !Number.isFinite(value)) throw new Error(`${argument} needs a number`);
            return value;
        };
        if (argument === '--deals') options.deals = number();
        else if (argument === '--fault-rate') options.faultRate = number();
        else if (argument === '--seed') options.seed = number();
        else if (argument === '--json') options.json = true;
        else
            throw new Error(
                `unknown argument ${argument}; usage: npm run soak -- [--deals N] [--fault-rate R] [--seed S] [--json]`
            );
    }
    if (!Number.isInteger(options.deals) || options.deals < 1) throw new Error('--deals must be a positive integer');
    if (options.faultRate < 0 || options.faultRate > 1) throw new Error('--fault-rate must be between 0 and 1');
    if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
    return options;
}

/** The report: one line per figure. */
export function soakReport(result: SoakResult): string[] {
    const statuses = Object.entries(result.byStatus)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, count]) => `${status}=${count}`)
        .join(' ');
    return [
        `seed ${result.seed}, fault rate ${result.faultRate}`,
        `deals ${result.deals}, invoices ${result.invoices}`,
        `duplicates ${result.duplicates}, lost ${result.lost}, stranded ${result.stranded}`,
        `status ${statuses}`,
        `QuickBooks requests ${result.quickBooksRequests} (${result.requestsPerDeal} per deal) ${JSON.stringify(result.quickBooksByStatus)}`,
        `QuickBooks requests by endpoint ${JSON.stringify(result.quickBooksByEndpoint)}`,
        `sandbox copy (production's record Ids, same company): deals ${result.sandboxCopy.deals}, own invoices ${result.sandboxCopy.invoices}, duplicates ${result.sandboxCopy.duplicates}, lost ${result.sandboxCopy.lost}, stranded ${result.sandboxCopy.stranded}`,
        `sync jobs ${result.syncJobs} (${result.killedJobs} killed by a limit), sweeps ${result.sweeps}`,
        `simulated minutes ${result.simulatedMinutes}, wall seconds ${result.wallSeconds}`,
        ...(Object.keys(result.pending).length ? [`still pending ${JSON.stringify(result.pending)}`] : []),
        ...result.problems.map((problem) => `deal ${problem}`),
        ...result.sandboxCopy.problems.map((problem) => `sandbox copy deal ${problem}`),
        ...result.asyncErrors.slice(0, 10).map((error) => `async error: ${error}`)
    ];
}

async function main(): Promise<void> {
    const options = parseSoakArguments(process.argv.slice(2));
    const result = await soak(options);
    if (!options.json) for (const line of soakReport(result)) console.log(line);
    else console.log(JSON.stringify(result));
    const copy = result.sandboxCopy;
    const clean = result.duplicates + result.lost + result.stranded + copy.duplicates + copy.lost + copy.stranded === 0;
    if (!clean) process.exitCode = 1;
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    });
}
