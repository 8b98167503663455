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
 * Methods that call QuickBooks run against the QuickBooks emulator (a child process, seeded with QBO_ITEMS), each
 * call in its own transaction as in Lightning. Still hand-written to the same shapes and Ids: failure variants (a
 * refused connection test, a clean validation, an import with nothing to apply) and a month of daily counts (rows
 * get CreatedDate from the stopped clock, so generated counts fall on one day).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ManualClock, Runtime, runAnonymous } from '../tools/apex-runtime/src';

const ROOT = resolve(__dirname, '..');
const LWC_DIR = join(ROOT, 'force-app/main/ui/lwc');
const MARKER = 'FIXTURE ';
/** The org: the default local org plus the sample QuickBooks companies of config/dev, run by an admin. */
const ORG_CONFIG = join(ROOT, 'scripts/lwc-fixtures.org-config.json');
const FIXED_NOW = Date.UTC(2026, 10, 26, 21, 40, 0);

export interface FixtureGroup {
    name: string;
    /** Runs with the Named Credentials pointed at a local QuickBooks emulator (seeded with QBO_ITEMS). */
    quickBooks?: boolean;
    /** Anonymous Apex run (and committed) first: callouts cannot follow DML in one transaction. */
    seed?: string;
    /**
     * Anonymous Apex that prints one `FIXTURE <component>/<file>.json <json>` line per fixture; a list runs as one
     * transaction per entry, like one Lightning request per controller call (the sync logger's DML after a callout
     * would block the next callout of the same transaction).
     */
    apex: string | string[];
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

/** Products and their mappings, the same in every org that serves the item-mapping editor. */
const CATALOG = `
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
    new QB_Item_Mapping__c(Product__c = products[2].Id, Realm_Id__c = '${US_REALM}', QB_Item_Id__c = '2',
        QB_Item_Name__c = 'Support', Taxable__c = false, QB_Tax_Code__c = 'NON',
        Mapping_Key__c = '${US_REALM}|' + products[2].Id),
    new QB_Item_Mapping__c(Product__c = products[0].Id, Realm_Id__c = '9130350000000002', QB_Item_Id__c = '1',
        QB_Item_Name__c = 'Services', Taxable__c = false, Mapping_Key__c = '9130350000000002|' + products[0].Id)
};
`;

const ITEM_MAPPING = `
${CATALOG}
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
${emit('qbSyncLogViewer/getCompanies', 'QBSyncLogController.getCompanies()')}
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

/** Items added to the emulator's seeded company (Services 1, Consulting 2, Subscription 3, Hardware 4). */
const QBO_ITEMS = [
    { Name: 'Hardware Kit', Sku: 'HW-KIT', Type: 'NonInventory', UnitPrice: 400, IncomeAccountRef: { value: '2' } },
    { Name: 'Widget XL', Sku: 'WID-XL', Type: 'NonInventory', UnitPrice: 40, IncomeAccountRef: { value: '1' } },
    { Name: 'Premium Support Plan', Type: 'Service', UnitPrice: 1200, IncomeAccountRef: { value: '1' } }
];

const QUICKBOOKS = [
    emit('qbConnections/testConnectionOk', `QBConnectionsController.testConnection('${US_REALM}')`),
    emit('qbItemMappingEditor/searchItems', `QBItemMappingController.searchItems('${US_REALM}', 'Hard')`),
    emit('qbItemMappingEditor/autoMatch', `QBItemMappingController.autoMatch('${US_REALM}')`),
    emit('qbItemMappingEditor/validateMappings', `QBItemMappingController.validateMappings('${US_REALM}')`),
    emit('qbItemMappingEditor/getTaxCodes', `QBItemMappingController.getTaxCodes('${US_REALM}')`),
    emit('qbItemMappingEditor/getFallbackItem', `QBItemMappingController.getFallbackItem('${US_REALM}')`),
    `String csv = 'Product Code,QBO Item Name,Taxable,Tax Code\\r\\n' +
        'SUP-PREM,Premium Support Plan,Yes,TAX\\r\\n' +
        'IMPL-01,Implementation,No,NON\\r\\n' +
        'NOPE-1,Services,No,NON\\r\\n';
    ${emit('qbItemMappingEditor/previewImport', `QBItemMappingController.previewImport('${US_REALM}', csv)`)}`
];

const SYNC_PREVIEW_SEED = `
Account account = new Account(Name = 'O\\'Brien & Sons');
insert account;
List<Product2> products = new List<Product2>{
    new Product2(Name = 'Consulting Services', ProductCode = 'CONS-01', Family = 'Services', IsActive = true),
    new Product2(Name = 'Hardware Kit', ProductCode = 'HW-KIT', Family = 'Hardware', IsActive = true),
    new Product2(Name = 'Implementation Services', ProductCode = 'IMPL-01', Family = 'Services', IsActive = true)
};
insert products;
Id standardBook = [SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1].Id;
List<PricebookEntry> entries = new List<PricebookEntry>();
for (Product2 product : products) {
    entries.add(new PricebookEntry(Pricebook2Id = standardBook, Product2Id = product.Id, UnitPrice = 400, IsActive = true));
}
insert entries;
insert new List<QB_Item_Mapping__c>{
    new QB_Item_Mapping__c(Product__c = products[0].Id, Realm_Id__c = '${US_REALM}', QB_Item_Id__c = '2',
        QB_Item_Name__c = 'Consulting', Taxable__c = false, Mapping_Key__c = '${US_REALM}|' + products[0].Id),
    new QB_Item_Mapping__c(Product__c = products[2].Id, Realm_Id__c = '${US_REALM}', QB_Item_Id__c = '21',
        QB_Item_Name__c = 'Implementation', Taxable__c = false, Mapping_Key__c = '${US_REALM}|' + products[2].Id)
};
List<Opportunity> deals = new List<Opportunity>();
for (String name : new List<String>{ 'Acme - 50 licenses', 'Acme - rollout', 'Acme - no products' }) {
    deals.add(new Opportunity(Name = name, AccountId = account.Id, StageName = 'Closed Won',
        CloseDate = Date.newInstance(2026, 11, 20), Pricebook2Id = standardBook));
}
insert deals;
insert new List<OpportunityLineItem>{
    new OpportunityLineItem(OpportunityId = deals[0].Id, PricebookEntryId = entries[0].Id, Quantity = 2, UnitPrice = 1500),
    new OpportunityLineItem(OpportunityId = deals[0].Id, PricebookEntryId = entries[1].Id, Quantity = 3, UnitPrice = 400),
    new OpportunityLineItem(OpportunityId = deals[1].Id, PricebookEntryId = entries[2].Id, Quantity = 1, UnitPrice = 1200)
};
`;

/** The deals of SYNC_PREVIEW_SEED by name, each previewed in its own transaction (the preview reads QuickBooks). */
function previewOf(fixture: string, dealName: string): string {
    return `Id dealId = [SELECT Id FROM Opportunity WHERE Name = '${dealName}'].Id;
${emit(fixture, 'QBSyncController.preview(dealId)')}`;
}

const SYNC_PREVIEW = [
    previewOf('qbSyncPanel/preview', 'Acme - 50 licenses'),
    previewOf('qbSyncPanel/previewProblems', 'Acme - rollout'),
    previewOf('qbSyncPanel/previewEmpty', 'Acme - no products')
];

const CONNECTIONS = `
${emit('qbConnections/getConnections', 'QBConnectionsController.getConnections()')}
`;

/** A seller who owns the large deal, so the admin running the fixtures may decide on it. */
const APPROVALS_SEED = `
Profile admin = [SELECT Id FROM Profile WHERE Name = 'System Administrator' LIMIT 1];
insert new User(Username = 'sam.seller@quickbooks-sync.local', FirstName = 'Sam', LastName = 'Seller',
    Email = 'sam.seller@example.com', Alias = 'sseller', ProfileId = admin.Id, TimeZoneSidKey = 'America/Los_Angeles',
    LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');
`;

const APPROVALS = [
    `
User seller = [SELECT Id FROM User WHERE Username = 'sam.seller@quickbooks-sync.local'];
Account account = new Account(Name = 'Globex Corporation');
insert account;
Product2 product = new Product2(Name = 'Data center build-out', ProductCode = 'DC-01', IsActive = true);
insert product;
Id standardBook = [SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1].Id;
PricebookEntry entry = new PricebookEntry(Pricebook2Id = standardBook, Product2Id = product.Id, UnitPrice = 18000, IsActive = true);
insert entry;
List<Opportunity> deals = new List<Opportunity>{
    new Opportunity(Name = 'Globex - data center', AccountId = account.Id, StageName = 'Closed Won', OwnerId = seller.Id,
        CloseDate = Date.newInstance(2026, 11, 20), Pricebook2Id = standardBook),
    new Opportunity(Name = 'Globex - own deal', AccountId = account.Id, StageName = 'Closed Won',
        CloseDate = Date.newInstance(2026, 11, 20), Pricebook2Id = standardBook)
};
insert deals;
insert new List<OpportunityLineItem>{
    new OpportunityLineItem(OpportunityId = deals[0].Id, PricebookEntryId = entry.Id, Quantity = 2, UnitPrice = 18000),
    new OpportunityLineItem(OpportunityId = deals[1].Id, PricebookEntryId = entry.Id, Quantity = 2, UnitPrice = 18000)
};
List<QB_Sync_Request__c> requests = new List<QB_Sync_Request__c>();
for (Opportunity deal : deals) {
    deal.QB_Sync_Status__c = 'Pending_Approval';
    deal.QB_Realm__c = '${US_REALM}';
    requests.add(new QB_Sync_Request__c(Opportunity__c = deal.Id, Realm_Id__c = '${US_REALM}', Generation__c = 1,
        Claim_Key__c = '${US_REALM}|' + deal.Id + '|1', State__c = 'Pending_Approval', Attempts__c = 0,
        Trigger_Source__c = 'Auto'));
}
update deals;
insert requests;
${emit('qbApprovalRequest/getApproval', 'QBApprovalController.getApproval(deals[0].Id)')}
${emit('qbApprovalRequest/getApprovalOwnDeal', 'QBApprovalController.getApproval(deals[1].Id)')}
${emit('qbPendingApprovals/listPending', 'QBApprovalController.listPending()')}
${emit('qbSyncPanel/getStatusPendingApproval', 'QBSyncController.getStatus(deals[0].Id)')}
`,
    `Id dealId = [SELECT Id FROM Opportunity WHERE Name = 'Globex - data center'].Id;
${emit('qbApprovalRequest/reject', "QBApprovalController.reject(dealId, 'Discount above policy')")}`
];

const BACKGROUND_JOBS = `
${emit('qbBackgroundJobs/getBackgroundJobs', 'QBConnectionsController.getBackgroundJobs()')}
${emit('qbBackgroundJobs/setUpBackgroundJobs', 'QBConnectionsController.setUpBackgroundJobs()')}
`;

export const FIXTURE_GROUPS: FixtureGroup[] = [
    { name: 'sync panel', apex: SYNC_PANEL },
    { name: 'item mapping', apex: ITEM_MAPPING },
    { name: 'sync log', apex: SYNC_LOG },
    { name: 'sync chart', apex: SYNC_CHART },
    { name: 'connections', apex: CONNECTIONS },
    { name: 'QuickBooks calls', seed: CATALOG, apex: QUICKBOOKS, quickBooks: true },
    { name: 'invoice preview', seed: SYNC_PREVIEW_SEED, apex: SYNC_PREVIEW, quickBooks: true },
    { name: 'approvals', seed: APPROVALS_SEED, apex: APPROVALS },
    { name: 'background jobs', apex: BACKGROUND_JOBS }
];

/**
 * Runs the scripts, one transaction each, on a fresh local org and returns what they printed (throws with the Apex
 * error when one fails).
 */
async function runApex(scripts: string[], configFile: string): Promise<string[]> {
    const runtime = new Runtime({ projectDir: ROOT, configFile, clock: new ManualClock(FIXED_NOW) });
    await runtime.load();
    const lines: string[] = [];
    runtime.setOutput((line) => lines.push(line));
    for (const apex of scripts) {
        const result = runAnonymous(runtime, apex, 'lwc-fixtures.apex');
        const failure = result.error ?? result.asyncErrors[0];
        if (failure) {
            throw new Error(`${failure}${result.where ? `\n    at ${result.where}` : ''}`);
        }
    }
    return lines;
}

async function postJson(url: string, body: unknown): Promise<void> {
    const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
    });
    if (!response.ok) {
        throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    }
}

/**
 * Runs `work` with the QuickBooks emulator listening in a child process (the runtime's callouts block this one)
 * and an org config whose Named Credentials point at it, as the playground and the engine benchmark do.
 */
async function withQuickBooks<T>(work: (configFile: string) => Promise<T>): Promise<T> {
    const emulator = spawn(
        process.execPath,
        [require.resolve('tsx/cli'), 'tools/qbo-emulator/src/cli.ts', '--port', '0'],
        {
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'inherit']
        }
    );
    const dir = mkdtempSync(join(tmpdir(), 'lwc-fixtures-'));
    try {
        const url = await new Promise<string>((resolveUrl, reject) => {
            let output = '';
            emulator.stdout.on('data', (chunk: Buffer) => {
                output += chunk.toString();
                const listening = /listening on (http:\/\/\S+)/.exec(output);
                if (listening) {
                    resolveUrl(listening[1]);
                }
            });
            emulator.on('exit', (code) => reject(new Error(`the QuickBooks emulator exited (${code}): ${output}`)));
        });
        await postJson(`${url}/__admin/realms/${US_REALM}/seed`, { items: QBO_ITEMS });
        const credential = {
            url,
            oauth: {
                tokenUrl: `${url}/oauth2/v1/tokens/bearer`,
                clientId: 'qbo-emulator-client',
                clientSecret: 'qbo-emulator-secret',
                realmId: US_REALM
            }
        };
        const configFile = join(dir, 'org-config.json');
        const config = JSON.parse(readFileSync(ORG_CONFIG, 'utf8')) as Record<string, unknown>;
        writeFileSync(
            configFile,
            JSON.stringify({ ...config, namedCredentials: { QB_QuickBooks_Sandbox: credential } })
        );
        return await work(configFile);
    } finally {
        emulator.kill();
        rmSync(dir, { recursive: true, force: true });
    }
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
    const scripts = [...(group.seed ? [group.seed] : []), ...(Array.isArray(group.apex) ? group.apex : [group.apex])];
    const lines = group.quickBooks
        ? await withQuickBooks((configFile) => runApex(scripts, configFile))
        : await runApex(scripts, ORG_CONFIG);
    for (const line of lines) {
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
