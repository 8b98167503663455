/**
 * Metadata validation: converts the packaged source (force-app) with the Salesforce CLI, exactly as
 * `sf package version create` and `sf project deploy` read it, and asserts that the generated
 * package.xml lists the package's data model, permissions, credentials, app, tabs and components.
 * Every shipped component must follow the package's prefix rule (prefix-rule.ts). The unpackaged sample
 * configuration (config/dev) and the integration-user setup (config/integration-user) must convert as well.
 *
 * Usage: tsx tools/checks/metadata-validation.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { misplacedClientTypes, prefixViolations } from './prefix-rule';

const ROOT = resolve(__dirname, '..', '..');

const fields = (object: string, names: string[]) => names.map((name) => `${object}.${name}`);

/** Metadata type → members the package must contain (`*` = at least one member of that type). */
export const EXPECTED_PACKAGE_MEMBERS: Record<string, string[]> = {
    CustomObject: [
        'QB_Sync_Request__c',
        'QB_Customer_Link__c',
        'QB_Item_Mapping__c',
        'QB_Sync_Log__c',
        'QB_Contract_Line__c',
        'QB_Company__mdt',
        'QB_Sync_Setting__mdt'
    ],
    CustomField: [
        ...fields('Opportunity', [
            'QB_Invoice_Id__c',
            'QB_DocNumber__c',
            'QB_Realm__c',
            'QB_Sync_Status__c',
            'QB_Last_Error__c',
            'QB_Last_Synced_At__c',
            'QB_Invoice_Balance__c',
            'QB_Invoice_Subtotal__c',
            'QB_Invoice_Tax__c',
            'QB_Invoice_Total__c',
            'QB_Payment_Status__c',
            'QB_Approved_By__c',
            'QB_Approved_At__c',
            'QB_Synced_Amount__c',
            'QB_Invoice_Due_Date__c'
        ]),
        ...fields('QB_Sync_Request__c', [
            'Opportunity__c',
            'Realm_Id__c',
            'Generation__c',
            'Claim_Key__c',
            'State__c',
            'Attempts__c',
            'Next_Attempt_At__c',
            'Attempt_Started_At__c',
            'Request_Id__c',
            'QB_Invoice_Id__c',
            'QB_DocNumber__c',
            'Last_Error__c',
            'Trigger_Source__c',
            'Write_Back_Pending__c',
            'Lease_Job_Id__c'
        ]),
        ...fields('QB_Customer_Link__c', [
            'Account__c',
            'Realm_Id__c',
            'QB_Customer_Id__c',
            'Sync_Token__c',
            'Pushed_Hash__c',
            'Link_Key__c',
            'QB_Display_Name__c'
        ]),
        ...fields('QB_Item_Mapping__c', [
            'Product__c',
            'Realm_Id__c',
            'QB_Item_Id__c',
            'QB_Item_Name__c',
            'Taxable__c',
            'QB_Tax_Code__c',
            'Mapping_Key__c'
        ]),
        ...fields('QB_Sync_Log__c', [
            'Opportunity__c',
            'Sync_Request__c',
            'Realm_Id__c',
            'Operation__c',
            'Outcome__c',
            'HTTP_Status__c',
            'QB_Error_Code__c',
            'QB_Error_Message__c',
            'Intuit_Tid__c',
            'Request_Id__c',
            'Attempt__c',
            'Duration_Ms__c',
            'Summary__c',
            'Request_Body__c',
            'Response_Body__c'
        ]),
        ...fields('QB_Company__mdt', [
            'Realm_Id__c',
            'Named_Credential__c',
            'Environment__c',
            'Is_Default__c',
            'Default_Item_Id__c',
            'Fallback_Item_Id__c',
            'Shipping_Item_Id__c',
            'Shipping_Product_Code__c',
            'Home_Currency__c',
            'Record_Type_Rules__c',
            'Country__c',
            'Default_Term_Id__c',
            'Allow_From_Sandbox__c',
            'Custom_Doc_Numbers__c',
            'Prices_Include_Tax__c',
            'Active__c'
        ]),
        ...fields('QB_Sync_Setting__mdt', [
            'Auto_Sync_Enabled__c',
            'Go_Live_Date__c',
            'Approval_Threshold__c',
            'Fiscal_Period_Filter__c',
            'Record_Types__c',
            'Email_On_Create__c',
            'Attach_Contract__c',
            'Attach_Invoice_PDF__c',
            'Log_Retention_Days__c',
            'Max_Attempts__c',
            'Billing_Email_Account_Field__c'
        ]),
        ...fields('Contract', [
            'QB_Last_Invoice_Date__c',
            'QB_Next_Invoice_Date__c',
            'QB_Billing_Frequency__c',
            'QB_Billing_Contact__c'
        ]),
        ...fields('QB_Contract_Line__c', [
            'Contract__c',
            'Product__c',
            'Quantity__c',
            'Unit_Price__c',
            'Description__c'
        ])
    ],
    CustomPermission: ['QB_Sync_Invoices', 'QB_Approve_Invoices', 'QB_Administer_Sync', 'QB_Bypass_Auto_Sync'],
    PermissionSet: ['QB_Sync_Admin', 'QB_Sync_Sales_User', 'QB_Sync_Finance_Approver', 'QB_Sync_Data_Load_Bypass'],
    ExternalCredential: ['QB_QuickBooks', 'QB_Slack'],
    ExternalAuthIdentityProvider: ['QB_Intuit'],
    NamedCredential: ['QB_QuickBooks_Production', 'QB_QuickBooks_Sandbox', 'QB_Slack'],
    CustomTab: ['QB_Item_Mapping', 'QB_Sync_Log', 'QB_Connections'],
    CustomApplication: ['QB_Sync'],
    ApexClass: ['*'],
    ApexTrigger: ['*'],
    LightningComponentBundle: [
        'qbSyncPanel',
        'qbItemMappingEditor',
        'qbSyncLogViewer',
        'qbConnections',
        'qbErrorPanel',
        'qbUtils'
    ]
};

/** Metadata type → members, read from a package.xml. */
export function parsePackageXml(xml: string): Map<string, Set<string>> {
    const types = new Map<string, Set<string>>();
    for (const block of xml.matchAll(/<types>([\s\S]*?)<\/types>/g)) {
        const name = /<name>([^<]+)<\/name>/.exec(block[1])?.[1];
        if (!name) continue;
        const members = [...block[1].matchAll(/<members>([^<]+)<\/members>/g)].map((m) => m[1]);
        types.set(name, new Set(members));
    }
    return types;
}

export function missingMembers(
    listed: Map<string, Set<string>>,
    expected: Record<string, string[]> = EXPECTED_PACKAGE_MEMBERS
): string[] {
    const missing: string[] = [];
    for (const [type, members] of Object.entries(expected)) {
        const present = listed.get(type) ?? new Set<string>();
        for (const member of members) {
            if (member === '*' ? present.size === 0 : !present.has(member)) {
                missing.push(member === '*' ? `${type} (none at all)` : `${type} ${member}`);
            }
        }
    }
    return missing;
}

function convert(sourceDir: string, outputDir: string): { ok: boolean; output: string } {
    const sf = join(ROOT, 'node_modules', '.bin', 'sf');
    const run = spawnSync(
        sf,
        ['project', 'convert', 'source', '--source-dir', sourceDir, '--output-dir', outputDir, '--json'],
        {
            cwd: ROOT,
            encoding: 'utf8',
            env: {
                ...process.env,
                SF_DISABLE_TELEMETRY: 'true',
                SF_AUTOUPDATE_DISABLE: 'true',
                SF_SKIP_NEW_VERSION_CHECK: 'true'
            }
        }
    );
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? run.error.message : ''}`;
    return { ok: run.status === 0 && existsSync(join(outputDir, 'package.xml')), output };
}

function hasFiles(dir: string): boolean {
    return existsSync(dir) && readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile());
}

/** Repository-relative paths of the package's Apex classes and triggers. */
function apexSources(): string[] {
    return readdirSync(join(ROOT, 'force-app'), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && /\.(cls|trigger)$/.test(entry.name))
        .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

function main(): number {
    const work = mkdtempSync(join(tmpdir(), 'metadata-validation-'));
    try {
        const packaged = convert('force-app', join(work, 'package'));
        if (!packaged.ok) {
            console.log(`sf project convert source failed for force-app:\n${packaged.output}`);
            return 1;
        }
        const listed = parsePackageXml(readFileSync(join(work, 'package', 'package.xml'), 'utf8'));
        const missing = missingMembers(listed);
        const counts = [...listed].map(([type, members]) => `${type} ${members.size}`).join(', ');
        console.log(`force-app package.xml: ${counts}`);
        if (missing.length > 0) {
            console.log(`package.xml lacks ${missing.length} expected member(s):\n  ${missing.join('\n  ')}`);
            return 1;
        }
        const misnamed = [...prefixViolations(listed), ...misplacedClientTypes(apexSources())];
        if (misnamed.length > 0) {
            console.log(`${misnamed.length} shipped component(s) break the prefix rule:\n  ${misnamed.join('\n  ')}`);
            return 1;
        }
        // unpackaged metadata an admin deploys: the samples and the integration-user setup
        for (const dir of ['dev', 'integration-user']) {
            if (!hasFiles(join(ROOT, 'config', dir))) continue;
            const converted = convert(`config/${dir}`, join(work, dir));
            if (!converted.ok) {
                console.log(`sf project convert source failed for config/${dir}:\n${converted.output}`);
                return 1;
            }
            console.log(`config/${dir} converts.`);
        }
        return 0;
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

if (require.main === module) {
    process.exit(main());
}
