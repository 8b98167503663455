/**
 * The mapping editor's tax codes end to end: the package's controller runs on the local Apex runtime against the
 * QuickBooks emulator (in a child process, as the invoice matrix runs it) for a Canadian company. The tax-code picker
 * offers the company's active QuickBooks tax codes by name, and saving a mapping accepts one of them while refusing a
 * code the company does not have or has made inactive, saving nothing (Intuit, "Manage sales tax for non-US locales":
 * a line's TaxCodeRef names one of the company's TaxCodes; docs/sync-engine.md, "Tax codes").
 */
import { join } from 'node:path';
import { Runtime, runAnonymous } from '../tools/apex-runtime/src';
import { customMetadata, emulatorOrgConfig, packageProject, TEST_CREDENTIAL, type Json } from './engine-on-emulator';
import { emulatorTestbed } from './emulator-testbed';

const REALM = '9130350000000109';
const RESULT = 'TAXCODES ';

function project(workDir: string): string {
    return packageProject(join(workDir, 'project'), 'tax-codes', {
        'QB_Company.Maple.md-meta.xml': customMetadata('Maple company', {
            Active__c: true,
            Allow_From_Sandbox__c: true,
            Country__c: 'CA',
            Custom_Doc_Numbers__c: false,
            Default_Item_Id__c: '1',
            Default_Tax_Code_Id__c: '7',
            Default_Term_Id__c: '3',
            Environment__c: 'Sandbox',
            Home_Currency__c: 'CAD',
            Is_Default__c: true,
            Named_Credential__c: TEST_CREDENTIAL,
            Prices_Include_Tax__c: false,
            Realm_Id__c: REALM
        })
    });
}

/** The picker's options, then one save per tax code typed into the same product's row, then what is stored. */
const EDITOR_APEX = `
List<QBTaxCodeOption> options = QBItemMappingController.getTaxCodes('${REALM}');
Product2 widget = new Product2(Name = 'Widget', ProductCode = 'WIDGET', IsActive = true);
insert widget;
Map<String, Object> saves = new Map<String, Object>();
for (String code : new List<String>{ 'BOGUS', '13', '5' }) {
    QBItemMappingController.MappingRow row = new QBItemMappingController.MappingRow();
    row.product2Id = widget.Id;
    row.realmId = '${REALM}';
    row.qbItemId = '2';
    row.qbItemName = 'Consulting';
    row.taxable = true;
    row.taxCode = code;
    saves.put(code, QBItemMappingController.saveMappings('${REALM}', new List<QBItemMappingController.MappingRow>{ row }));
}
System.debug('${RESULT}' + JSON.serialize(new Map<String, Object>{
    'options' => options,
    'saves' => saves,
    'stored' => [SELECT QB_Tax_Code__c FROM QB_Item_Mapping__c]
}));
`;

const bed = emulatorTestbed('tax-code-mapping');

it("offers the company's active tax codes by name and saves only a code the company has and uses", async () => {
    await bed.emulator.admin('POST', '/__admin/realms', { realmId: REALM, country: 'CA', homeCurrency: 'CAD' });
    await bed.emulator.admin('POST', `/__admin/realms/${REALM}/seed`, {
        taxCodes: [
            {
                Id: '13',
                Name: 'PST MB (retired)',
                Active: false,
                SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: '8' } }] }
            }
        ]
    });
    const runtime = new Runtime({
        projectDir: project(bed.workDir),
        configFile: emulatorOrgConfig(join(bed.workDir, 'org.json'), bed.emulator.url, REALM)
    });
    await runtime.load();
    const output: string[] = [];
    runtime.setOutput((line) => output.push(line));
    const result = runAnonymous(runtime, EDITOR_APEX, 'tax-code-mapping.apex');
    const failure = result.error ?? result.asyncErrors[0];
    if (failure) throw new Error(`${failure}${result.where ? `\n    at ${result.where}` : ''}`);
    const reported = output.find((line) => line.includes(RESULT))!;
    const report = JSON.parse(reported.slice(reported.indexOf(RESULT) + RESULT.length)) as Json;

    expect(report.options.map((option: Json) => [option.id, option.name])).toEqual([
        ['3', 'Exempt'],
        ['7', 'GST'],
        ['9', 'GST/PST BC'],
        ['5', 'HST ON']
    ]);
    expect(report.saves.BOGUS.success).toBe(false);
    expect(report.saves.BOGUS.errors[0].message).toContain('has no QuickBooks tax code with id "BOGUS"');
    expect(report.saves['13'].success).toBe(false);
    expect(report.saves['13'].errors[0].message).toContain('QuickBooks tax code 13 is inactive');
    expect(report.saves['5']).toEqual({ success: true, errors: [] });
    expect(report.stored.map((mapping: Json) => mapping.QB_Tax_Code__c)).toEqual(['5']);
}, 120_000);
