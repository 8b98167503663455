/**
 * Record-level access (sharing) of the local org. Sources: [OWD] Salesforce Help, "Organization-Wide Sharing
 * Defaults"; [URA] Object Reference, UserRecordAccess
 * (https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-userrecordaccess.html);
 * [ADG] Apex Developer Guide, "Enforce User Mode for Database Operations" (user mode enforces sharing rules).
 * Simplification (README): no role hierarchy, sharing rules or manual shares.
 */
import * as path from 'node:path';
import { createOrg, type Org, type SObject } from '../../src/org';
import { ManualClock } from '../../src/values';

const projectDir = path.resolve(__dirname, '../../../..');

function newOrg(config = {}): Org {
    return createOrg({ projectDir, clock: new ManualClock(Date.parse('2026-11-26T18:00:00Z')), config });
}

function insert(org: Org, type: string, values: Record<string, unknown>): SObject {
    const so = org.newSObject(type);
    for (const [k, v] of Object.entries(values)) so.put(k, v);
    org.dml('insert', [so]);
    return so;
}

function rows(org: Org, soql: string, binds: Record<string, unknown> = {}, accessLevel?: string): SObject[] {
    return org.query(soql, { resolveBind: (b) => binds[b.text], accessLevel }) as SObject[];
}

function userWith(org: Org, name: string, permissionSets: string[]): string {
    const profileId = rows(org, "SELECT Id FROM Profile WHERE Name = 'Standard User'")[0].id!;
    const user = insert(org, 'User', {
        LastName: name,
        Email: `${name}@example.com`,
        Username: `${name}@example.com.local`,
        Alias: name.substring(0, 8),
        TimeZoneSidKey: 'America/Los_Angeles',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        ProfileId: profileId
    });
    for (const ps of rows(org, 'SELECT Id FROM PermissionSet WHERE Name IN :names', { names: permissionSets })) {
        insert(org, 'PermissionSetAssignment', { AssigneeId: user.id, PermissionSetId: ps.id });
    }
    org.commit();
    return user.id!;
}

function opportunity(org: Org, name: string): SObject {
    return insert(org, 'Opportunity', { Name: name, StageName: 'Prospecting', CloseDate: org.today() });
}

function syncRequest(org: Org, opportunityId: string): SObject {
    return insert(org, 'QB_Sync_Request__c', {
        Opportunity__c: opportunityId,
        Realm_Id__c: '9130350000000001',
        Generation__c: 1,
        Claim_Key__c: `9130350000000001|${opportunityId}|1`,
        State__c: 'Queued'
    });
}

function access(org: Org, userId: string, recordId: string) {
    const [row] = rows(
        org,
        'SELECT RecordId, HasReadAccess, HasEditAccess, MaxAccessLevel FROM UserRecordAccess WHERE UserId = :u AND RecordId = :r',
        { u: userId, r: recordId }
    );
    return { read: row.get('HasReadAccess'), edit: row.get('HasEditAccess'), max: row.get('MaxAccessLevel') };
}

describe('Sharing in user mode [OWD] [ADG]', () => {
    it('shows a Private custom object only to its owner and to View All, and everything in system mode', () => {
        const org = newOrg();
        const rep = userWith(org, 'rep', ['QB_Sync_Sales_User']);
        const approver = userWith(org, 'approver', ['QB_Sync_Finance_Approver']);
        const others = syncRequest(org, opportunity(org, 'Theirs').id!);
        let own: SObject | undefined;
        org.runAs(rep, () => {
            own = syncRequest(org, opportunity(org, 'Mine').id!);
        });
        org.runAs(rep, () => {
            expect(rows(org, 'SELECT Id FROM QB_Sync_Request__c', {}, 'USER_MODE').map((r) => r.id)).toEqual([own!.id]);
            expect(rows(org, 'SELECT Id FROM QB_Sync_Request__c WITH USER_MODE')).toHaveLength(1);
            expect(rows(org, 'SELECT Id FROM QB_Sync_Request__c')).toHaveLength(2);
        });
        org.runAs(approver, () => {
            const seen = rows(org, 'SELECT Id FROM QB_Sync_Request__c', {}, 'USER_MODE').map((r) => r.id);
            expect(seen.sort()).toEqual([others.id, own!.id].sort());
        });
    });

    it('shows a Public Read Only object to everyone who may read the object', () => {
        const org = newOrg({ organizationWideDefaults: { Opportunity: 'Read' } });
        const rep = userWith(org, 'rep', []);
        const theirs = opportunity(org, 'Theirs');
        org.runAs(rep, () => {
            expect(rows(org, 'SELECT Id FROM Opportunity WITH USER_MODE').map((r) => r.id)).toEqual([theirs.id]);
        });
    });

    it('takes a standard object default from the org config: Private hides another owner record', () => {
        const org = newOrg({ organizationWideDefaults: { Opportunity: 'Private' } });
        const rep = userWith(org, 'rep', []);
        const theirs = opportunity(org, 'Theirs');
        org.runAs(rep, () => {
            expect(rows(org, 'SELECT Id FROM Opportunity WHERE Id = :id WITH USER_MODE', { id: theirs.id })).toEqual(
                []
            );
        });
    });
});

describe('UserRecordAccess [URA]', () => {
    it('reports read and edit from ownership and the organization-wide default', () => {
        const org = newOrg({ organizationWideDefaults: { Opportunity: 'Read' } });
        const rep = userWith(org, 'rep', []);
        const admins = opportunity(org, 'Admin deal');
        let reps: SObject | undefined;
        org.runAs(rep, () => {
            reps = opportunity(org, 'Rep deal');
        });
        expect(access(org, rep, admins.id!)).toEqual({ read: true, edit: false, max: 'Read' });
        expect(access(org, rep, reps!.id!)).toEqual({ read: true, edit: true, max: 'All' });
        expect(access(org, org.runningUserId, reps!.id!)).toEqual({ read: true, edit: true, max: 'All' });
    });

    it('follows the master record for a ControlledByParent child', () => {
        const org = newOrg({ organizationWideDefaults: { Contract: 'Private' } });
        const rep = userWith(org, 'rep', []);
        const account = insert(org, 'Account', { Name: 'Acme' });
        const contract = insert(org, 'Contract', { AccountId: account.id, StartDate: org.today(), ContractTerm: 12 });
        const product = insert(org, 'Product2', { Name: 'Support', IsActive: true });
        const line = insert(org, 'QB_Contract_Line__c', {
            Contract__c: contract.id,
            Product__c: product.id,
            Quantity__c: 1,
            Unit_Price__c: 100
        });
        expect(access(org, rep, line.id!)).toEqual({ read: false, edit: false, max: 'None' });
    });

    it('needs a UserId and a RecordId filter', () => {
        const org = newOrg();
        expect(() => rows(org, 'SELECT RecordId FROM UserRecordAccess WHERE HasReadAccess = true')).toThrow(
            'UserRecordAccess: a query must filter on UserId and on RecordId'
        );
    });
});
