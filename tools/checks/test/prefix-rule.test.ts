import { misplacedClientTypes, prefixViolations } from '../prefix-rule';

const listed = (entries: Record<string, string[]>) =>
    new Map(Object.entries(entries).map(([type, members]) => [type, new Set(members)]));

describe('prefix rule', () => {
    it('accepts the names the package ships', () => {
        const violations = prefixViolations(
            listed({
                ApexClass: ['QBInvoiceBuilder', 'QBOClient', 'QBOpportunityStatusWriter', 'QBSyncSweeper_Tests'],
                ApexTrigger: ['QBOpportunityTrigger'],
                LightningComponentBundle: ['qbSyncPanel'],
                CustomObject: ['QB_Sync_Request__c', 'QB_Company__mdt', 'Opportunity', 'Contract'],
                CustomField: ['QB_Sync_Request__c.State__c', 'Opportunity.QB_Invoice_Id__c'],
                Layout: ['QB_Sync_Log__c-QuickBooks Sync Log Layout'],
                QuickAction: ['Opportunity.QB_Sync_to_QuickBooks'],
                NamedCredential: ['QB_QuickBooks_Production'],
                ExternalAuthIdentityProvider: ['QB_Intuit'],
                PermissionSet: ['QB_Sync_Admin']
            })
        );
        expect(violations).toEqual([]);
    });

    it('names every component that could take over a subscriber component of the same name', () => {
        const violations = prefixViolations(
            listed({
                ApexClass: ['InvoiceBuilder', 'QboClient', 'QBsomething'],
                ApexTrigger: ['OpportunityTrigger'],
                LightningComponentBundle: ['syncPanel'],
                CustomObject: ['Sync_Request__c'],
                CustomField: ['Contract.Next_Invoice_Date__c'],
                QuickAction: ['Opportunity.Sync_to_QuickBooks'],
                NamedCredential: ['Slack'],
                CustomApplication: ['QuickBooks_Sync']
            })
        );
        expect(violations).toEqual([
            'ApexClass InvoiceBuilder: Apex names start with QB followed by a capital letter',
            'ApexClass QBsomething: Apex names start with QB followed by a capital letter',
            'ApexClass QboClient: Apex names start with QB followed by a capital letter',
            'ApexTrigger OpportunityTrigger: Apex names start with QB followed by a capital letter',
            'CustomApplication QuickBooks_Sync: API names start with QB_',
            'CustomField Contract.Next_Invoice_Date__c: on a standard object the CustomField itself needs the QB_ prefix',
            'CustomObject Sync_Request__c: API names start with QB_',
            'LightningComponentBundle syncPanel: component names start with qb followed by a capital letter',
            'NamedCredential Slack: API names start with QB_',
            'QuickAction Opportunity.Sync_to_QuickBooks: on a standard object the QuickAction itself needs the QB_ prefix'
        ]);
    });

    it('keeps QBO names for the QuickBooks API client folder', () => {
        expect(
            misplacedClientTypes([
                'force-app/main/qbo-client/classes/QBOClient.cls',
                'force-app/main/sync/trigger/triggers/QBOpportunityTrigger.trigger',
                'force-app/main/sync/invoice/classes/QBOInvoiceMaker.cls'
            ])
        ).toEqual([
            'force-app/main/sync/invoice/classes/QBOInvoiceMaker.cls: QBO names are reserved for the QuickBooks API client in force-app/main/qbo-client/'
        ]);
    });
});
