/**
 * Engine benchmark (issue 5 "Proof"): runs the package's sync engine on the local Apex runtime against the
 * QuickBooks emulator and prints what it cost. Every QuickBooks figure is read from the emulator's own counters and
 * state (never from what the engine logs about itself); SOQL/DML per trigger batch come from the runtime's governor
 * counters (Limits.*) around the one DML that wins 200 deals.
 *
 * Usage: npm run bench [-- --json]     (the last stdout line is one JSON object with --json)
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
    createEmulator,
    DEFAULT_CLIENT,
    DEFAULT_US_REALM,
    type Emulator,
    type FaultConfig
} from '../tools/qbo-emulator/src';
import { integrationUserInstallStep } from './engine-on-emulator';

const REPO = resolve(__dirname, '..');
const REALM = DEFAULT_US_REALM;
const BULK_DEALS = 200;
const BULK_CUSTOMERS = 20;
const FAULT_DEALS = 20;

export interface BenchResult {
    callsPerInvoiceKnownCustomer: number;
    readsPerInvoiceKnownCustomer: number;
    callsPerInvoiceNewCustomer: number;
    readsPerInvoiceNewCustomer: number;
    bulk200Requests: number;
    bulk200Invoices: number;
    /** QuickBooks requests for 200 won deals of 200 Accounts QuickBooks does not know yet (lookups, creates, invoices). */
    bulk200NewCustomersRequests: number;
    /** Of those, the reads Intuit meters as CorePlus calls (the grouped DisplayName lookups). */
    bulk200NewCustomersReads: number;
    bulk200NewCustomersInvoices: number;
    soqlPerTriggerBatch200: number;
    dmlPerTriggerBatch200: number;
    soqlPerTriggerBatch1: number;
    dmlPerTriggerBatch1: number;
    asyncJobsFor200: number;
    faultRunRequests: number;
    /** HTTP statuses the emulator answered during the fault run (proves the faults happened). */
    faultRunByStatus: Record<string, number>;
    faultRunInvoices: number;
    faultRunDeals: number;
    /** Duplicates over both fault runs (QBO faults with requestid honoured, and requestid not honoured). */
    duplicatesAfterRetries: number;
    requestIdIgnoredRunByStatus: Record<string, number>;
    requestIdIgnoredRunInvoices: number;
    requestIdIgnoredRunDeals: number;
    duplicatesWhenRequestIdIgnored: number;
}

interface FaultRun {
    requests: number;
    byStatus: Record<string, number>;
    invoices: number;
    deals: number;
    duplicates: number;
}

/** 20 deals (new or known customers) won in one update while the emulator injects faults; counts invoices per deal after. */
async function faultScenario(
    emulator: Emulator,
    projectDir: string,
    orgConfig: string,
    name: string,
    faults: Partial<FaultConfig>,
    knownCustomers: boolean
): Promise<FaultRun> {
    const names = Array.from({ length: FAULT_DEALS }, (_, i) => `Bench ${name} customer ${i}`);
    let buyers: string;
    if (knownCustomers) {
        const ids = seedCustomers(emulator, names);
        buyers =
            'List<Account> buyers = new List<Account>();\n' +
            names
                .map((customer, i) => linkedAccountApex(`buyer${i}`, customer, ids[i]) + `buyers.add(buyer${i});`)
                .join('\n');
    } else {
        buyers = `List<Account> buyers = new List<Account>();
for (Integer i = 0; i < ${FAULT_DEALS}; i++) {
    buyers.add(new Account(Name = 'Bench ${name} customer ' + i, BillingCity = 'Austin', BillingCountry = 'US'));
}
insert buyers;`;
    }
    const before = invoicesPerOpportunity(emulator);
    emulator.admin.resetCounters();
    emulator.admin.setFaults(REALM, faults);
    try {
        await runApex(projectDir, orgConfig, name, [
            `${buyers}
List<Opportunity> deals = new List<Opportunity>();
for (Integer i = 0; i < ${FAULT_DEALS}; i++) {
    deals.add(new Opportunity(Name = 'Bench ${name} ' + i, AccountId = buyers[i].Id, StageName = 'Prospecting',
        CloseDate = Date.today(), Amount = 500 + i));
}
insert deals;
for (Opportunity deal : deals) {
    deal.StageName = 'Closed Won';
}
update deals;
`
        ]);
    } finally {
        emulator.admin.clearFaults(REALM);
    }
    const { total, byStatus } = counters(emulator);
    const run: FaultRun = { requests: total, byStatus, invoices: 0, deals: 0, duplicates: 0 };
    for (const [opportunityId, count] of invoicesPerOpportunity(emulator)) {
        const added = count - (before.get(opportunityId) ?? 0);
        if (added > 0) {
            run.deals++;
            run.invoices += added;
            run.duplicates += added - 1;
        }
    }
    return run;
}

interface ApexRun {
    stdout: string;
    stderr: string;
    status: number;
}

/**
 * A throw-away copy of the project whose sample settings record has auto-sync on (the package ships it off, and
 * an admin turns it on), so the bench runs the engine exactly as an org with auto-sync enabled would.
 */
export function benchProject(workDir: string): string {
    const projectDir = join(workDir, 'project');
    mkdirSync(projectDir, { recursive: true });
    cpSync(join(REPO, 'sfdx-project.json'), join(projectDir, 'sfdx-project.json'));
    cpSync(join(REPO, 'force-app'), join(projectDir, 'force-app'), {
        recursive: true,
        filter: (source) => !source.includes('__tests__') && !source.endsWith('.ts')
    });
    cpSync(join(REPO, 'config', 'dev'), join(projectDir, 'config', 'dev'), { recursive: true });
    const settingsFile = join(projectDir, 'config', 'dev', 'customMetadata', 'QB_Sync_Setting.Default.md-meta.xml');
    const settings = readFileSync(settingsFile, 'utf8');
    const autoSyncOn = settings.replace(
        /(<field>Auto_Sync_Enabled__c<\/field>\s*<value[^>]*>)false(<\/value>)/,
        '$1true$2'
    );
    if (autoSyncOn === settings) throw new Error('could not turn Auto_Sync_Enabled__c on in ' + settingsFile);
    writeFileSync(settingsFile, autoSyncOn);
    return projectDir;
}

/**
 * Runs anonymous Apex scripts (one org, each script its own transaction followed by its async work) on the local
 * runtime. Asynchronous spawn: the emulator answers the runtime's callouts from this process's event loop.
 */
let orgCount = 0;

/**
 * The org config with an organization Id of its own. Every run is its own org: the runtime numbers record Ids the
 * same way in every org (as a sandbox copy keeps production's Ids), so without distinct org Ids two runs' deals would
 * share idempotency keys and QuickBooks would rightly replay one org's invoice to the other.
 */
function newOrgConfig(orgConfig: string): string {
    orgCount++;
    const config = JSON.parse(readFileSync(orgConfig, 'utf8')) as Record<string, unknown>;
    config.organizationId = `00D${String(orgCount).padStart(12, '0')}AAA`;
    const file = orgConfig.replace(/\.json$/, `-${orgCount}.json`);
    writeFileSync(file, JSON.stringify(config));
    return file;
}

function runApex(projectDir: string, orgConfig: string, name: string, sources: string[]): Promise<ApexRun> {
    const runConfig = newOrgConfig(orgConfig);
    const files = sources.map((source, i) => {
        const file = join(projectDir, `${name}-${i + 1}.apex`);
        writeFileSync(file, source);
        return file;
    });
    const tsx = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const cli = join(REPO, 'tools', 'apex-runtime', 'src', 'cli.ts');
    return new Promise((resolvePromise, reject) => {
        const child = spawn(process.execPath, [tsx, cli, '--config', runConfig, 'exec', ...files], { cwd: projectDir });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
            const run = { stdout, stderr, status: code ?? 1 };
            if (run.status !== 0) {
                reject(new Error(`apex exec ${name} failed (exit ${run.status}):\n${stderr || stdout}`));
            } else {
                resolvePromise(run);
            }
        });
    });
}

/** `BENCH key=value` lines printed by System.debug in the bench scripts. */
function benchValues(stdout: string): Record<string, string> {
    const values: Record<string, string> = {};
    for (const line of stdout.split('\n')) {
        const match = /BENCH (\w+)=(.*)$/.exec(line.trim());
        if (match) values[match[1]] = match[2];
    }
    return values;
}

function apexString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Apex that inserts an Account and its current customer link (what a previous sync leaves behind). */
function linkedAccountApex(variable: string, name: string, customerId: string): string {
    return `
Account ${variable} = new Account(Name = ${apexString(name)}, BillingCity = 'Austin', BillingCountry = 'US');
insert ${variable};
Account ${variable}Stored = [SELECT Id, Name, Phone, BillingStreet, BillingCity, BillingState, BillingPostalCode, BillingCountry,
    ShippingStreet, ShippingCity, ShippingState, ShippingPostalCode, ShippingCountry FROM Account WHERE Id = :${variable}.Id];
insert new QB_Customer_Link__c(Account__c = ${variable}.Id, Realm_Id__c = '${REALM}', QB_Customer_Id__c = '${customerId}',
    Sync_Token__c = '0', Pushed_Hash__c = QBCustomerResolver.pushedHash(${variable}Stored),
    Link_Key__c = QBCustomerResolver.linkKey('${REALM}', ${variable}.Id), QB_Display_Name__c = ${apexString(name)});
`;
}

function winOneApex(accountVariable: string, dealName: string): string {
    return `
Opportunity deal = new Opportunity(Name = ${apexString(dealName)}, AccountId = ${accountVariable}.Id, StageName = 'Prospecting',
    CloseDate = Date.today(), Amount = 1250);
insert deal;
deal.StageName = 'Closed Won';
update deal;
`;
}

function seedCustomers(emulator: Emulator, names: string[]): string[] {
    const created = emulator.admin.seed(REALM, {
        customers: names.map((name) => ({
            DisplayName: name,
            CompanyName: name,
            BillAddr: { City: 'Austin', Country: 'US' }
        }))
    });
    return created.customers.map((customer) => String((customer as { Id: string }).Id));
}

function totalInvoices(emulator: Emulator): number {
    return (emulator.admin.snapshot(REALM).entities.Invoice ?? []).length;
}

function counters(emulator: Emulator): {
    total: number;
    reads: number;
    writes: number;
    batches: number;
    byStatus: Record<string, number>;
} {
    const { summary } = emulator.admin.counters(REALM);
    return {
        total: summary.total,
        reads: summary.reads,
        writes: summary.writes,
        batches: summary.batches,
        byStatus: summary.byStatus
    };
}

interface InvoiceRow {
    Id: string;
    PrivateNote?: string;
}

/** Invoices in the emulator per opportunity (from the engine's PrivateNote marker `· Opportunity <id>`). */
function invoicesPerOpportunity(emulator: Emulator): Map<string, number> {
    const snapshot = emulator.admin.snapshot(REALM);
    const perOpportunity = new Map<string, number>();
    for (const invoice of (snapshot.entities.Invoice ?? []) as unknown as InvoiceRow[]) {
        const match = /Opportunity (\w{15,18})/.exec(invoice.PrivateNote ?? '');
        if (match) perOpportunity.set(match[1], (perOpportunity.get(match[1]) ?? 0) + 1);
    }
    return perOpportunity;
}

function writeOrgConfig(workDir: string, emulator: Emulator): string {
    const file = join(workDir, 'org-config.json');
    const credential = {
        url: emulator.url,
        oauth: {
            tokenUrl: `${emulator.url}/oauth2/v1/tokens/bearer`,
            clientId: DEFAULT_CLIENT.clientId,
            clientSecret: DEFAULT_CLIENT.clientSecret,
            realmId: REALM
        }
    };
    writeFileSync(
        file,
        JSON.stringify({
            isSandbox: true,
            loadSampleMetadata: true,
            ...integrationUserInstallStep({
                username: 'ada.admin@quickbooks-sync.local',
                permissionSets: ['QB_Sync_Admin']
            }),
            namedCredentials: { QB_QuickBooks_Sandbox: credential }
        })
    );
    return file;
}

const COUNT_JOBS = `System.debug('BENCH asyncJobs=' + [SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name = 'QBInvoiceSyncJob']);`;

export async function bench(): Promise<BenchResult> {
    const emulator = await createEmulator({ port: 0 });
    const workDir = mkdtempSync(join(tmpdir(), 'qb-bench-'));
    try {
        const projectDir = benchProject(workDir);
        const orgConfig = writeOrgConfig(workDir, emulator);
        // Intuit's throttles (per second, per minute, batches per minute) run on real time while the runtime jumps its
        // clock through retry delays, so a throttled retry would never see the window pass; the clean scenarios
        // measure calls, not throttling (the fault scenario injects 429s explicitly).
        emulator.admin.setRateLimits({
            perRealmAppPerSecond: 1000,
            perRealmPerMinute: 100000,
            batchPerRealmAppPerMinute: 100000,
            batchPerRealmPerMinute: 100000
        });

        emulator.admin.resetCounters();
        await runApex(projectDir, orgConfig, 'new-customer', [
            `Account buyer = new Account(Name = 'Bench New Customer', BillingCity = 'Austin', BillingCountry = 'US');
insert buyer;${winOneApex('buyer', 'Bench new customer deal')}`
        ]);
        const newCustomer = counters(emulator);

        const [knownId] = seedCustomers(emulator, ['Bench Known Customer']);
        emulator.admin.resetCounters();
        const knownRun = await runApex(projectDir, orgConfig, 'known-customer', [
            linkedAccountApex('buyer', 'Bench Known Customer', knownId) +
                `Opportunity deal = new Opportunity(Name = 'Bench known customer deal', AccountId = buyer.Id,
    StageName = 'Prospecting', CloseDate = Date.today(), Amount = 1250);
insert deal;
deal.StageName = 'Closed Won';
Integer queries = Limits.getQueries();
Integer dml = Limits.getDmlStatements();
update deal;
System.debug('BENCH soql1=' + (Limits.getQueries() - queries));
System.debug('BENCH dml1=' + (Limits.getDmlStatements() - dml));
`
        ]);
        const knownValues = benchValues(knownRun.stdout);
        const knownCustomer = counters(emulator);

        const names = Array.from({ length: BULK_CUSTOMERS }, (_, i) => `Bench Bulk Customer ${i + 1}`);
        const ids = seedCustomers(emulator, names);
        const invoicesBeforeBulk = totalInvoices(emulator);
        emulator.admin.resetCounters();
        const bulkRun = await runApex(projectDir, orgConfig, 'bulk-200', [
            `List<Account> buyers = new List<Account>();
${names.map((name, i) => linkedAccountApex(`buyer${i}`, name, ids[i]) + `buyers.add(buyer${i});`).join('\n')}
List<Opportunity> deals = new List<Opportunity>();
for (Integer i = 0; i < ${BULK_DEALS}; i++) {
    deals.add(new Opportunity(Name = 'Bench bulk ' + i, AccountId = buyers[Math.mod(i, buyers.size())].Id,
        StageName = 'Prospecting', CloseDate = Date.today(), Amount = 100 + i));
}
insert deals;
for (Opportunity deal : deals) {
    deal.StageName = 'Closed Won';
}
Integer queries = Limits.getQueries();
Integer dml = Limits.getDmlStatements();
update deals;
System.debug('BENCH soql200=' + (Limits.getQueries() - queries));
System.debug('BENCH dml200=' + (Limits.getDmlStatements() - dml));
`,
            COUNT_JOBS
        ]);
        const bulkValues = benchValues(bulkRun.stdout);
        const bulk = counters(emulator);
        const bulkInvoices = totalInvoices(emulator) - invoicesBeforeBulk;

        const invoicesBeforeNewCustomers = totalInvoices(emulator);
        emulator.admin.resetCounters();
        await runApex(projectDir, orgConfig, 'bulk-200-new-customers', [
            `List<Account> buyers = new List<Account>();
for (Integer i = 0; i < ${BULK_DEALS}; i++) {
    buyers.add(new Account(Name = 'Bench New Bulk Customer ' + i, BillingCity = 'Austin', BillingCountry = 'US'));
}
insert buyers;
List<Opportunity> deals = new List<Opportunity>();
for (Integer i = 0; i < ${BULK_DEALS}; i++) {
    deals.add(new Opportunity(Name = 'Bench new bulk ' + i, AccountId = buyers[i].Id, StageName = 'Prospecting',
        CloseDate = Date.today(), Amount = 100 + i));
}
insert deals;
for (Opportunity deal : deals) {
    deal.StageName = 'Closed Won';
}
update deals;
`
        ]);
        const bulkNewCustomers = counters(emulator);
        const bulkNewCustomersInvoices = totalInvoices(emulator) - invoicesBeforeNewCustomers;

        const faultRun = await faultScenario(
            emulator,
            projectDir,
            orgConfig,
            'faults',
            {
                seed: 7,
                loseNextWrites: 4,
                loseResponseMode: 'gateway-timeout',
                serverErrorRate: 0.1,
                throttleBurst: 2,
                faultStyle: 'mixed'
            },
            false
        );
        const backstopRun = await faultScenario(
            emulator,
            projectDir,
            orgConfig,
            'requestid-ignored',
            {
                seed: 11,
                ignoreRequestId: true,
                loseNextWrites: 2,
                loseResponseMode: 'reset'
            },
            true
        );

        return {
            callsPerInvoiceKnownCustomer: knownCustomer.total,
            readsPerInvoiceKnownCustomer: knownCustomer.reads,
            callsPerInvoiceNewCustomer: newCustomer.total,
            readsPerInvoiceNewCustomer: newCustomer.reads,
            bulk200Requests: bulk.total,
            bulk200Invoices: bulkInvoices,
            bulk200NewCustomersRequests: bulkNewCustomers.total,
            bulk200NewCustomersReads: bulkNewCustomers.reads,
            bulk200NewCustomersInvoices: bulkNewCustomersInvoices,
            soqlPerTriggerBatch200: Number(bulkValues.soql200),
            dmlPerTriggerBatch200: Number(bulkValues.dml200),
            soqlPerTriggerBatch1: Number(knownValues.soql1),
            dmlPerTriggerBatch1: Number(knownValues.dml1),
            asyncJobsFor200: Number(bulkValues.asyncJobs),
            faultRunRequests: faultRun.requests,
            faultRunByStatus: faultRun.byStatus,
            faultRunInvoices: faultRun.invoices,
            faultRunDeals: faultRun.deals,
            duplicatesAfterRetries: faultRun.duplicates + backstopRun.duplicates,
            requestIdIgnoredRunByStatus: backstopRun.byStatus,
            requestIdIgnoredRunInvoices: backstopRun.invoices,
            requestIdIgnoredRunDeals: backstopRun.deals,
            duplicatesWhenRequestIdIgnored: backstopRun.duplicates
        };
    } finally {
        rmSync(workDir, { recursive: true, force: true });
        await emulator.close();
    }
}

async function main(): Promise<void> {
    const result = await bench();
    if (!process.argv.includes('--json')) {
        for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(32)} ${JSON.stringify(value)}`);
    }
    console.log(JSON.stringify(result));
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    });
}
