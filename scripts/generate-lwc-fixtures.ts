/**
 * Regenerates the LWC Jest fixtures (`force-app/main/ui/lwc/<component>/__tests__/data/*.json`) by running the
 * package's real Apex controllers on the local Apex runtime: each group below is one anonymous Apex script that
 * seeds a fresh org and prints `FIXTURE <file> <JSON>` lines, so the components are tested against what the Apex
 * really returns. Lightning drops null properties of Apex objects, hence `JSON.serialize(value, true)`.
 * The scripts run as `apex exec` runs them (runAnonymous), on a clock stopped at FIXED_NOW, so created dates,
 * Ids and daily counts come out the same on every run and the drift check can compare bytes.
 *
 *   npx tsx scripts/generate-lwc-fixtures.ts           writes the fixtures
 *   npx tsx scripts/generate-lwc-fixtures.ts --check   exits 1 when a committed fixture differs
 *
 * Not generated here, so hand-written to UI-CONTRACT.md with the Ids generated below: the controller methods that
 * call QuickBooks (preview, searchItems, autoMatch, previewImport, validateMappings, testConnection), and a month of
 * daily counts (dailyCountsMonth.json: log rows get CreatedDate from the stopped clock, so generated counts fall on
 * one day).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAnonymous } from '../tools/apex-runtime/src/interpreter/anonymous';
import { Runtime } from '../tools/apex-runtime/src/interpreter/runtime';
import { ManualClock } from '../tools/apex-runtime/src/values/clock';

const ROOT = resolve(__dirname, '..');
const LWC_DIR = join(ROOT, 'force-app/main/ui/lwc');
const MARKER = 'FIXTURE ';
/** The org: the default local org plus the sample QuickBooks companies of config/dev, run by an admin. */
const ORG_CONFIG = join(ROOT, 'scripts/lwc-fixtures.org-config.json');
const FIXED_NOW = Date.UTC(2026, 10, 26, 21, 40, 0);

export interface FixtureGroup {
    name: string;
    /** Anonymous Apex that seeds data and prints one `FIXTURE <component>/<file>.json <json>` line per fixture. */
    apex: string;
}

export interface Fixture {
    /** Path under force-app/main/ui/lwc, e.g. `qbSyncPanel/__tests__/data/getStatusSynced.json`. */
    path: string;
    content: string;
}

function emit(fixture: string, expression: string): string {
    const [component, file] = fixture.split('/');
    return `System.debug('${MARKER}${component}/__tests__/data/${file}.json ' + JSON.serialize(${expression}, true));`;
}

const US_REALM = '9130350000000001';

const SYNC_PANEL = `
Account account = new Account(Name = 'O\\'Brien & Sons');
insert account;
List<Opportunity> deals = new List<Opportunity>();
for (String name : new List<String>{ 'Not synced', 'Queued', 'Synced', 'Failed', 'Retry scheduled', 'Open' }) {
    deals.add(new Opportunity(
        Name = 'Acme - ' + name,
        AccountId = account.Id,
        StageName = name == 'Open' ? 'Prospecting' : 'Closed Won',
        CloseDate = Date.newInstance(2026, 11, 20),
        Amount = 4200
    ));
}
insert deals;
Opportunity queued = deals[1];
queued.QB_Sync_Status__c = 'Queued';
queued.QB_Realm__c = '${US_REALM}';
Opportunity synced = deals[2];
synced.QB_Sync_Status__c = 'Synced';
synced.QB_Realm__c = '${US_REALM}';
synced.QB_Invoice_Id__c = '146';
synced.QB_DocNumber__c = '1038';
synced.QB_Last_Synced_At__c = Datetime.newInstanceGmt(2026, 11, 26, 20, 15, 0);
synced.QB_Invoice_Balance__c = 1250.50;
synced.QB_Payment_Status__c = 'Partially_Paid';
synced.QB_Synced_Amount__c = 4200;
Opportunity failed = deals[3];
failed.QB_Sync_Status__c = 'Failed';
failed.QB_Realm__c = '${US_REALM}';
failed.QB_Last_Error__c = 'Product \\'Premium Support\\' has no QuickBooks item mapping for company ${US_REALM} and the company has no fallback item. Map it in the QuickBooks Item Mapping tab, then press Retry.';
Opportunity retrying = deals[4];
retrying.QB_Sync_Status__c = 'Retry_Scheduled';
retrying.QB_Realm__c = '${US_REALM}';
retrying.QB_Last_Error__c = 'QuickBooks answered 503 Service Unavailable; the engine retries automatically.';
update new List<Opportunity>{ queued, synced, failed, retrying };
insert new QB_Sync_Request__c(
    Opportunity__c = retrying.Id,
    Realm_Id__c = '${US_REALM}',
    Generation__c = 1,
    Claim_Key__c = '${US_REALM}|' + retrying.Id + '|1',
    State__c = 'Retry_Scheduled',
    Attempts__c = 1,
    Next_Attempt_At__c = Datetime.newInstanceGmt(2026, 11, 26, 21, 30, 0),
    Trigger_Source__c = 'Manual'
);
${emit('qbSyncPanel/getStatusNotSynced', 'QBSyncController.getStatus(deals[0].Id)')}
${emit('qbSyncPanel/getStatusQueued', 'QBSyncController.getStatus(queued.Id)')}
${emit('qbSyncPanel/getStatusSynced', 'QBSyncController.getStatus(synced.Id)')}
${emit('qbSyncPanel/getStatusFailed', 'QBSyncController.getStatus(failed.Id)')}
${emit('qbSyncPanel/getStatusRetryScheduled', 'QBSyncController.getStatus(retrying.Id)')}
${emit('qbSyncPanel/getStatusOpen', 'QBSyncController.getStatus(deals[5].Id)')}
`;

const ITEM_MAPPING = `
List<Product2> products = new List<Product2>{
    new Product2(Name = 'Hardware Kit', ProductCode = 'HW-KIT', Family = 'Hardware', IsActive = true),
    new Product2(Name = 'Implementation Services', ProductCode = 'IMPL-01', Family = 'Services', IsActive = true),
    new Product2(Name = 'Premium Support', ProductCode = 'SUP-PREM', Family = 'Services', IsActive = true),
    new Product2(Name = 'Widget, Large "XL"', ProductCode = 'WID-XL', Family = 'Hardware', IsActive = true)
};
insert products;
insert new List<QB_Item_Mapping__c>{
    new QB_Item_Mapping__c(Product__c = products[1].Id, Realm_Id__c = '${US_REALM}', QB_Item_Id__c = '21',
        QB_Item_Name__c = 'Implementation', Taxable__c = false, QB_Tax_Code__c = 'NON',
        Mapping_Key__c = '${US_REALM}|' + products[1].Id),
    new QB_Item_Mapping__c(Product__c = products[2].Id, Realm_Id__c = '${US_REALM}', QB_Item_Id__c = '7',
        QB_Item_Name__c = 'Support', Taxable__c = false, QB_Tax_Code__c = 'NON',
        Mapping_Key__c = '${US_REALM}|' + products[2].Id),
    new QB_Item_Mapping__c(Product__c = products[0].Id, Realm_Id__c = '9130350000000002', QB_Item_Id__c = '1',
        QB_Item_Name__c = 'Services', Taxable__c = false, Mapping_Key__c = '9130350000000002|' + products[0].Id)
};
${emit('qbItemMappingEditor/getCompanies', 'QBItemMappingController.getCompanies()')}
${emit('qbItemMappingEditor/getMappings', `QBItemMappingController.getMappings('${US_REALM}', false, null)`)}
${emit('qbItemMappingEditor/getMappingsUnmapped', `QBItemMappingController.getMappings('${US_REALM}', true, null)`)}
List<QBItemMappingController.MappingRow> refused = QBItemMappingController.getMappings('${US_REALM}', true, 'Hardware');
refused[0].qbItemId = 'not-an-id';
refused[0].qbItemName = 'Hardware';
${emit('qbItemMappingEditor/saveMappingsRefused', `QBItemMappingController.saveMappings('${US_REALM}', refused)`)}
List<QBItemMappingController.MappingRow> accepted = QBItemMappingController.getMappings('${US_REALM}', true, 'Hardware');
accepted[0].qbItemId = '31';
accepted[0].qbItemName = 'Hardware';
${emit('qbItemMappingEditor/saveMappingsOk', `QBItemMappingController.saveMappings('${US_REALM}', accepted)`)}
`;

const SYNC_LOG = `
Account account = new Account(Name = 'Acme Corp');
insert account;
Opportunity deal = new Opportunity(Name = 'Acme - 50 licenses', AccountId = account.Id, StageName = 'Closed Won',
    CloseDate = Date.newInstance(2026, 11, 20), Amount = 4200);
Opportunity failedDeal = new Opportunity(Name = 'Globex renewal', AccountId = account.Id, StageName = 'Closed Won',
    CloseDate = Date.newInstance(2026, 11, 21), Amount = 1200);
insert new List<Opportunity>{ deal, failedDeal };
deal.QB_Sync_Status__c = 'Synced';
deal.QB_Realm__c = '${US_REALM}';
deal.QB_Invoice_Id__c = '146';
deal.QB_DocNumber__c = '1038';
failedDeal.QB_Sync_Status__c = 'Failed';
failedDeal.QB_Realm__c = '${US_REALM}';
failedDeal.QB_Last_Error__c = 'QuickBooks rejected the invoice: Select a product/service for line 1.';
update new List<Opportunity>{ deal, failedDeal };
List<QB_Sync_Log__c> rows = new List<QB_Sync_Log__c>{
    new QB_Sync_Log__c(Opportunity__c = failedDeal.Id, Realm_Id__c = '${US_REALM}', Operation__c = 'Invoice_Create',
        Outcome__c = 'Retry', HTTP_Status__c = 503, Attempt__c = 1, Duration_Ms__c = 240,
        Summary__c = 'QuickBooks unavailable; retry scheduled'),
    new QB_Sync_Log__c(Opportunity__c = failedDeal.Id, Realm_Id__c = '${US_REALM}', Operation__c = 'Invoice_Create',
        Outcome__c = 'Failure', HTTP_Status__c = 400, QB_Error_Code__c = '6000', Attempt__c = 2, Duration_Ms__c = 220,
        QB_Error_Message__c = 'A business validation error has occurred while processing your request',
        Request_Id__c = 'SR-000042-1', Intuit_Tid__c = '1-6745f2a0-3c8e4d0b1a2b',
        Summary__c = 'Invoice rejected: a business validation error occurred',
        Request_Body__c = '{"CustomerRef":{"value":"58"},"Line":[{"Amount":3000,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"21"},"Qty":2,"UnitPrice":1500}}]}',
        Response_Body__c = '{"Fault":{"Error":[{"Message":"A business validation error has occurred while processing your request","Detail":"Business Validation Error: Select a product/service for line 1.","code":"6000"}],"type":"ValidationFault"}}'),
    new QB_Sync_Log__c(Opportunity__c = deal.Id, Realm_Id__c = '${US_REALM}', Operation__c = 'Customer_Query',
        Outcome__c = 'Success', HTTP_Status__c = 200, Attempt__c = 3, Duration_Ms__c = 200,
        Summary__c = 'Customer Acme Corp found (id 58)'),
    new QB_Sync_Log__c(Opportunity__c = deal.Id, Realm_Id__c = '${US_REALM}', Operation__c = 'Invoice_Create',
        Outcome__c = 'Success', HTTP_Status__c = 200, Attempt__c = 3, Duration_Ms__c = 180,
        Summary__c = 'Invoice 1038 created for Opportunity Acme - 50 licenses')
};
insert rows;
QBSyncLogController.LogFilter everything = new QBSyncLogController.LogFilter();
QBSyncLogController.LogPage first = QBSyncLogController.getLogs(everything, null, 3);
${emit('qbSyncLogViewer/getLogsPage1', 'first')}
${emit('qbSyncLogViewer/getLogsPage2', 'QBSyncLogController.getLogs(everything, first.nextCursor, 3)')}
QBSyncLogController.LogFilter none = new QBSyncLogController.LogFilter();
none.searchTerm = 'no such summary';
${emit('qbSyncLogViewer/getLogsEmpty', 'QBSyncLogController.getLogs(none, null, 3)')}
${emit('qbSyncLogViewer/getLogDetailFailure', 'QBSyncLogController.getLogDetail(rows[1].Id)')}
${emit('qbSyncLogViewer/getLogDetailSuccess', 'QBSyncLogController.getLogDetail(rows[3].Id)')}
`;

const SYNC_CHART = `
${emit('qbSyncLogViewer/getDailyCountsEmpty', 'QBSyncLogController.getDailyCounts(30)')}
Account account = new Account(Name = 'Acme Corp');
insert account;
List<Opportunity> deals = new List<Opportunity>{
    new Opportunity(Name = 'Acme - 50 licenses', AccountId = account.Id, StageName = 'Closed Won',
        CloseDate = Date.newInstance(2026, 11, 20), Amount = 4200),
    new Opportunity(Name = 'Globex renewal', AccountId = account.Id, StageName = 'Closed Won',
        CloseDate = Date.newInstance(2026, 11, 21), Amount = 1200)
};
insert deals;
List<QB_Sync_Request__c> requests = new List<QB_Sync_Request__c>();
for (Integer i = 0; i < deals.size(); i++) {
    requests.add(new QB_Sync_Request__c(Opportunity__c = deals[i].Id, Realm_Id__c = '${US_REALM}', Generation__c = 1,
        Claim_Key__c = '${US_REALM}|' + deals[i].Id + '|1', State__c = i == 0 ? 'Completed' : 'Failed',
        Attempts__c = 1, Trigger_Source__c = 'Manual'));
}
insert requests;
insert new List<QB_Sync_Log__c>{
    new QB_Sync_Log__c(Opportunity__c = deals[0].Id, Sync_Request__c = requests[0].Id, Realm_Id__c = '${US_REALM}',
        Operation__c = 'Invoice_Create', Outcome__c = 'Success', HTTP_Status__c = 200, Summary__c = 'Invoice 1038 created'),
    new QB_Sync_Log__c(Opportunity__c = deals[1].Id, Sync_Request__c = requests[1].Id, Realm_Id__c = '${US_REALM}',
        Operation__c = 'Invoice_Create', Outcome__c = 'Failure', HTTP_Status__c = 400, QB_Error_Code__c = '6000',
        Summary__c = 'Invoice rejected: a business validation error occurred')
};
${emit('qbSyncLogViewer/getDailyCounts', 'QBSyncLogController.getDailyCounts(30)')}
`;

const CONNECTIONS = `
${emit('qbConnections/getConnections', 'QBConnectionsController.getConnections()')}
`;

export const FIXTURE_GROUPS: FixtureGroup[] = [
    { name: 'sync panel', apex: SYNC_PANEL },
    { name: 'item mapping', apex: ITEM_MAPPING },
    { name: 'sync log', apex: SYNC_LOG },
    { name: 'sync chart', apex: SYNC_CHART },
    { name: 'connections', apex: CONNECTIONS }
];

/** Runs one script on a fresh local org and returns what it printed (throws with the Apex error when it fails). */
async function runApex(apex: string): Promise<string[]> {
    const runtime = new Runtime({ projectDir: ROOT, configFile: ORG_CONFIG, clock: new ManualClock(FIXED_NOW) });
    await runtime.load();
    const lines: string[] = [];
    runtime.it.out = (line: string) => lines.push(line);
    const result = runAnonymous(runtime, apex, 'lwc-fixtures.apex');
    const failure = result.error ?? result.asyncErrors[0];
    if (failure) {
        throw new Error(`${failure}${result.where ? `\n    at ${result.where}` : ''}`);
    }
    return lines;
}

/** Formats like `npx prettier --write` would (the repo's .prettierrc), so regenerated files compare byte for byte. */
function formatJson(path: string, json: string): string {
    return execFileSync(join(ROOT, 'node_modules/.bin/prettier'), ['--stdin-filepath', path], {
        cwd: ROOT,
        encoding: 'utf8',
        input: JSON.stringify(JSON.parse(json), null, 4)
    });
}

/** The fixtures one group's script prints. */
export async function runGroup(group: FixtureGroup): Promise<Fixture[]> {
    const fixtures: Fixture[] = [];
    for (const line of await runApex(group.apex)) {
        if (!line.startsWith(MARKER)) {
            continue;
        }
        const rest = line.slice(MARKER.length);
        const separator = rest.indexOf(' ');
        const path = rest.slice(0, separator);
        fixtures.push({ path, content: formatJson(join(LWC_DIR, path), rest.slice(separator + 1)) });
    }
    if (fixtures.length === 0) {
        throw new Error(`the ${group.name} script printed no fixture`);
    }
    return fixtures;
}

export async function generateFixtures(groups: FixtureGroup[] = FIXTURE_GROUPS): Promise<Fixture[]> {
    const fixtures: Fixture[] = [];
    for (const group of groups) {
        try {
            fixtures.push(...(await runGroup(group)));
        } catch (error) {
            throw new Error(`the ${group.name} fixtures failed: ${error instanceof Error ? error.message : error}`);
        }
    }
    return fixtures;
}

/** Fixtures whose committed file is missing or differs from the regenerated content. */
export function driftedFixtures(fixtures: Fixture[]): string[] {
    return fixtures
        .filter((fixture) => {
            const file = join(LWC_DIR, fixture.path);
            return !existsSync(file) || readFileSync(file, 'utf8') !== fixture.content;
        })
        .map((fixture) => fixture.path);
}

async function main(): Promise<void> {
    const fixtures = await generateFixtures();
    if (process.argv.includes('--check')) {
        const drifted = driftedFixtures(fixtures);
        for (const path of drifted) {
            console.log(`drifted: ${path}`);
        }
        console.log(`${fixtures.length - drifted.length} fixtures match, ${drifted.length} drifted`);
        process.exitCode = drifted.length > 0 ? 1 : 0;
        return;
    }
    for (const fixture of fixtures) {
        writeFileSync(join(LWC_DIR, fixture.path), fixture.content);
        console.log(`wrote ${fixture.path}`);
    }
}

if (require.main === module) {
    main().then(
        () => process.exit(),
        (error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        }
    );
}
