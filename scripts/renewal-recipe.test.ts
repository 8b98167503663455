/**
 * The renewal recipe end to end: the package runs on the local Apex runtime against the QuickBooks emulator (in a
 * child process, as the invoice matrix runs it). A contract renewing in 5 days, billed monthly to its accounts-payable
 * contact: after the daily renewal job one invoice exists in QuickBooks, due on the renewal date, with the contract
 * number as its memo, billed and emailed to the contact, and the contract's invoice dates have moved on a month.
 */
import { join } from 'node:path';
import { Runtime, runAnonymous } from '../tools/apex-runtime/src';
import { customMetadata, emulatorOrgConfig, packageProject, TEST_CREDENTIAL, type Json } from './engine-on-emulator';
import { emulatorTestbed } from './emulator-testbed';

const REALM = '9130350000000201';
const RESULT = 'RENEWAL ';

/** A project whose package is this repository's force-app and whose configuration is one US company. */
function project(workDir: string): string {
    return packageProject(join(workDir, 'project'), 'renewal', {
        'QB_Company.Renewal.md-meta.xml': customMetadata('Renewal company', {
            Active__c: true,
            Allow_From_Sandbox__c: true,
            Country__c: 'US',
            Custom_Doc_Numbers__c: false,
            Default_Item_Id__c: '1',
            Default_Term_Id__c: '3',
            Environment__c: 'Sandbox',
            Fallback_Item_Id__c: '3',
            Home_Currency__c: 'USD',
            Is_Default__c: true,
            Named_Credential__c: TEST_CREDENTIAL,
            Prices_Include_Tax__c: false,
            Realm_Id__c: REALM
        }),
        'QB_Sync_Setting.Default.md-meta.xml': customMetadata('Default', {
            Approval_Threshold__c: 1000000,
            Auto_Sync_Enabled__c: true,
            Email_On_Create__c: true,
            Fiscal_Period_Filter__c: 'None',
            Log_Retention_Days__c: 90,
            Max_Attempts__c: 5
        })
    });
}

/** A monthly contract renewing in 5 days, one line, billed to its accounts-payable contact. */
const SETUP_APEX = `
Id standardBook = [SELECT Id FROM Pricebook2 WHERE IsStandard = true].Id;
Product2 seats = new Product2(Name = 'Seats', ProductCode = 'SEAT', IsActive = true);
insert seats;
insert new PricebookEntry(Pricebook2Id = standardBook, Product2Id = seats.Id, UnitPrice = 100, IsActive = true);
insert new QB_Item_Mapping__c(Product__c = seats.Id, Realm_Id__c = '${REALM}', QB_Item_Id__c = '2',
    QB_Item_Name__c = 'Consulting', Taxable__c = false, Mapping_Key__c = QBItemMappingWriter.mappingKey('${REALM}', seats.Id));
Account customer = new Account(Name = 'Renewal Customer Inc', BillingCity = 'Springfield');
insert customer;
Contact payables = new Contact(LastName = 'Payables', AccountId = customer.Id, Email = 'ap@renewal-customer.example');
insert payables;
Contract contract = new Contract(AccountId = customer.Id, StartDate = Date.today().addMonths(-1), ContractTerm = 24,
    Status = 'Draft', Pricebook2Id = standardBook, QB_Billing_Frequency__c = 'Monthly',
    QB_Next_Invoice_Date__c = Date.today().addDays(5), QB_Billing_Contact__c = payables.Id);
insert contract;
contract.Status = 'Activated';
update contract;
insert new QB_Contract_Line__c(Contract__c = contract.Id, Product__c = seats.Id, Quantity__c = 3, Unit_Price__c = 90,
    Description__c = 'Seats');
`;

const RUN_APEX = `Database.executeBatch(new QBContractRenewalInvoicing(), QBContractRenewalInvoicing.BATCH_SIZE);`;

const REPORT_APEX = `
System.debug('${RESULT}' + JSON.serialize(new Map<String, Object>{
    'today' => Date.today(),
    'contract' => [SELECT ContractNumber, QB_Last_Invoice_Date__c, QB_Next_Invoice_Date__c FROM Contract LIMIT 1][0],
    'renewals' => [SELECT QB_Sync_Status__c, QB_Last_Error__c, QB_Invoice_Id__c FROM Opportunity]
}));
`;

const bed = emulatorTestbed('renewal-recipe');

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => isoDate(new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000));
/** One month on, clamped to the month's length (billing on the 31st: Jan 31 → Feb 28), as QBBillingPeriod does. */
const nextMonth = (iso: string) => {
    const [year, month, day] = iso.split('-').map(Number);
    const daysInNext = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return isoDate(new Date(Date.UTC(year, month, Math.min(day, daysInNext))));
};

it('invoices a contract renewing in 5 days, due on the renewal date, to its AP contact, and moves its dates on', async () => {
    await bed.emulator.admin('POST', '/__admin/realms', { realmId: REALM, country: 'US', homeCurrency: 'USD' });
    const runtime = new Runtime({
        projectDir: project(bed.workDir),
        configFile: emulatorOrgConfig(join(bed.workDir, 'org.json'), bed.emulator.url, REALM)
    });
    await runtime.load();
    const output: string[] = [];
    runtime.setOutput((line) => output.push(line));
    for (const source of [SETUP_APEX, RUN_APEX, RUN_APEX, REPORT_APEX]) {
        const result = runAnonymous(runtime, source, 'renewal-recipe.apex');
        const failure = result.error ?? result.asyncErrors[0];
        if (failure) throw new Error(`${failure}${result.where ? `\n    at ${result.where}` : ''}`);
    }
    const reported = output.find((line) => line.includes(RESULT))!;
    const report = JSON.parse(reported.slice(reported.indexOf(RESULT) + RESULT.length)) as Json;
    const renewalDate = addDays(report.today as string, 5);
    const invoices: Json[] = (await bed.emulator.admin('GET', `/__admin/realms/${REALM}/state`)).entities.Invoice ?? [];

    expect(report.renewals).toHaveLength(1);
    expect([report.renewals[0].QB_Sync_Status__c, report.renewals[0].QB_Last_Error__c]).toEqual(['Synced', null]);
    expect(invoices).toHaveLength(1);
    const invoice = invoices[0];
    expect(invoice.Id).toBe(report.renewals[0].QB_Invoice_Id__c);
    expect(invoice.TotalAmt).toBe(270);
    expect(invoice.DueDate).toBe(renewalDate);
    expect(invoice.CustomerMemo).toEqual({ value: `Contract ${report.contract.ContractNumber}` });
    expect(invoice.BillEmail).toEqual({ Address: 'ap@renewal-customer.example' });
    expect(invoice.EmailStatus).toBe('EmailSent');
    expect(report.contract.QB_Last_Invoice_Date__c).toBe(renewalDate);
    expect(report.contract.QB_Next_Invoice_Date__c).toBe(nextMonth(renewalDate));
}, 120_000);
