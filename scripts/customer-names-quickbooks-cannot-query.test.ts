/**
 * Accounts whose names QuickBooks' query lexer refuses, end to end: the sync engine runs on the local Apex runtime
 * against the QuickBooks emulator, whose lexer answers an en dash, curly quotes or a typographic apostrophe inside a
 * string literal with 4000 "Lexical error" as QuickBooks does (tools/qbo-emulator/src/query/lexer.ts). Each Account's
 * customer already exists in QuickBooks under the same name: every deal must be invoiced to that customer, with no
 * second customer created and no sync failing (docs/sync-engine.md, "One lookup for many names").
 */
import { join } from 'node:path';
import { Runtime, runAnonymous } from '../tools/apex-runtime/src';
import { customMetadata, emulatorOrgConfig, packageProject, TEST_CREDENTIAL, type Json } from './engine-on-emulator';
import { emulatorTestbed } from './emulator-testbed';

const REALM_ID = '9130350000000301';
const RESULT = 'UNQUERYABLE ';
/** Names with a character of Unicode's General Punctuation block, the block QuickBooks' lexer refuses. */
const NAMES = ['Boot – Wolverine Ltd', 'Gilles “Le Chef” Dubois', 'O’Brien Analytics'];

function project(workDir: string): string {
    return packageProject(join(workDir, 'project'), 'config', {
        'QB_Company.Names.md-meta.xml': customMetadata('Names company', {
            Active__c: true,
            Allow_From_Sandbox__c: true,
            Country__c: 'US',
            Custom_Doc_Numbers__c: false,
            Default_Item_Id__c: '1',
            Environment__c: 'Sandbox',
            Home_Currency__c: 'USD',
            Is_Default__c: true,
            Named_Credential__c: TEST_CREDENTIAL,
            Realm_Id__c: REALM_ID
        }),
        'QB_Sync_Setting.Default.md-meta.xml': customMetadata('Default', {
            Approval_Threshold__c: 1000000,
            Auto_Sync_Enabled__c: true,
            Email_On_Create__c: false,
            Fiscal_Period_Filter__c: 'None',
            Log_Retention_Days__c: 90,
            Max_Attempts__c: 5
        })
    });
}

function apexString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** One Account per name, one deal each (its Amount invoiced with the default item), all won in one update. */
const WIN_DEALS_APEX = `
List<Account> buyers = new List<Account>();
for (String name : new List<String>{ ${NAMES.map(apexString).join(', ')} }) {
    buyers.add(new Account(Name = name));
}
insert buyers;
List<Opportunity> deals = new List<Opportunity>();
for (Account buyer : buyers) {
    deals.add(new Opportunity(Name = 'Deal of ' + buyer.Name, AccountId = buyer.Id, StageName = 'Prospecting',
        CloseDate = Date.today(), Amount = 1200));
}
insert deals;
for (Opportunity deal : deals) {
    deal.StageName = 'Closed Won';
}
update deals;
`;

const REPORT_APEX = `
for (Opportunity deal : [SELECT Account.Name, QB_Sync_Status__c, QB_Last_Error__c, QB_Invoice_Id__c FROM Opportunity]) {
    System.debug('${RESULT}' + JSON.serialize(deal));
}
`;

interface OpportunityRow {
    Account: { Name: string };
    QB_Sync_Status__c: string;
    QB_Last_Error__c?: string;
    QB_Invoice_Id__c?: string;
}

const bed = emulatorTestbed('unqueryable-names');

it('invoices each Account to its existing QuickBooks customer when the name has characters QuickBooks cannot query', async () => {
    await bed.emulator.admin('POST', '/__admin/realms', { realmId: REALM_ID, country: 'US', homeCurrency: 'USD' });
    const seeded = await bed.emulator.admin('POST', `/__admin/realms/${REALM_ID}/seed`, {
        customers: NAMES.map((DisplayName) => ({ DisplayName }))
    });
    const customerIdByName = new Map<string, string>(seeded.customers.map((c: Json) => [c.DisplayName, c.Id]));
    const runtime = new Runtime({
        projectDir: project(bed.workDir),
        configFile: emulatorOrgConfig(join(bed.workDir, 'org.json'), bed.emulator.url, REALM_ID)
    });
    await runtime.load();
    const output: string[] = [];
    runtime.setOutput((line) => output.push(line));
    for (const source of [WIN_DEALS_APEX, REPORT_APEX]) {
        const result = runAnonymous(runtime, source, 'unqueryable-names.apex');
        const failure = result.error ?? result.asyncErrors[0];
        if (failure) throw new Error(`${failure}${result.where ? `\n    at ${result.where}` : ''}`);
    }
    const deals = output
        .filter((line) => line.includes(RESULT))
        .map((line) => JSON.parse(line.slice(line.indexOf(RESULT) + RESULT.length)) as OpportunityRow);
    const state = (await bed.emulator.admin('GET', `/__admin/realms/${REALM_ID}/state`)).entities;
    const invoices: Json[] = state.Invoice ?? [];

    expect(deals).toHaveLength(NAMES.length);
    for (const deal of deals) {
        const name = deal.Account.Name;
        expect([name, deal.QB_Sync_Status__c, deal.QB_Last_Error__c ?? '']).toEqual([name, 'Synced', '']);
        const invoice = invoices.find((inv) => inv.Id === deal.QB_Invoice_Id__c)!;
        expect([name, invoice.CustomerRef.value]).toEqual([name, customerIdByName.get(name)]);
    }
    expect((state.Customer ?? []).map((c: Json) => c.DisplayName).sort()).toEqual([...NAMES].sort());
}, 120_000);
