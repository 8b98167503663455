/**
 * Conformance of the standard-object catalogue, Ids and the queryable metadata objects with the platform
 * documentation. Sources: [OR] Object Reference for the Salesforce Platform, [SOQL] SOQL and SOSL Reference,
 * [ADG] Apex Developer Guide, [API] REST/SOAP API Developer Guide.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createOrg, type Org, type SObject } from '../../src/org';
import { normalizeId } from '../../src/org/ids';
import { ApexDate, ManualClock } from '../../src/values';

const projectDir = path.resolve(__dirname, '../../../..');

function newOrg(dir = projectDir, config = {}): Org {
    return createOrg({ projectDir: dir, clock: new ManualClock(Date.parse('2026-11-26T18:00:00Z')), config });
}

function rec(org: Org, type: string, values: Record<string, unknown>): SObject {
    const so = org.newSObject(type);
    for (const [k, v] of Object.entries(values)) so.put(k, v);
    return so;
}

function rows(org: Org, soql: string): SObject[] {
    return org.query(soql, { resolveBind: () => null }) as SObject[];
}

describe('Ids [API: Field Types › ID — 18-character case-insensitive form]', () => {
    it('computes the documented 18-character form of a 15-character Id', () => {
        expect(normalizeId('001xx000003DGb2')).toBe('001xx000003DGb2AAG');
    });

    it('reads an 18-character Id in any letter case as the same record', () => {
        expect(normalizeId('001XX000003DGB2AAG')).toBe('001xx000003DGb2AAG');
        expect(normalizeId('001xx000003dgb2aag')).toBe('001xx000003DGb2AAG');
    });

    it('keeps an 18-character Id whose suffix is not the case checksum as written (the platform does not verify it)', () => {
        // the suffix "is not intended as a check sum" (salesforce.stackexchange.com/q/1653); mock Ids such as
        // NebulaLogger's LoggerMockDataCreator.createId ('001000000000000001') pass its CI on real orgs
        expect(normalizeId('001000000000000001')).toBe('001000000000000001');
        expect(normalizeId('001xx000003DGb2AA9')).toBe('001xx000003DGb2AA9');
    });

    it('refuses text that is not 15 or 18 alphanumeric characters', () => {
        expect(normalizeId('001xx000003DGb2AA_')).toBeNull();
        expect(normalizeId('001xx000003DGb')).toBeNull();
    });
});

describe('Standard objects [OR]', () => {
    it('defaults Contract Status to Draft and derives EndDate from StartDate and ContractTerm [OR: Contract, ContractStatus]', () => {
        const org = newOrg();
        const [account] = [rec(org, 'Account', { Name: 'Acme' })];
        org.dml('insert', [account]);
        const contract = rec(org, 'Contract', {
            AccountId: account.id,
            StartDate: ApexDate.of(2026, 3, 1),
            ContractTerm: 12
        });
        org.dml('insert', [contract]);
        const [stored] = rows(org, 'SELECT Status, EndDate, ContractNumber FROM Contract');
        expect(stored.get('Status')).toBe('Draft');
        expect(String(stored.get('EndDate'))).toBe('2027-02-28');
        expect(stored.get('ContractNumber')).toMatch(/^\d{8}$/);
    });

    it('numbers Cases and defaults Status New and Priority Medium [OR: Case — CaseNumber autonumber]', () => {
        const org = newOrg();
        org.dml('insert', [rec(org, 'Case', { Subject: 'First' }), rec(org, 'Case', { Subject: 'Second' })]);
        const cases = rows(org, 'SELECT CaseNumber, Status, Priority, IsClosed FROM Case ORDER BY CaseNumber');
        expect(cases.map((c) => c.get('CaseNumber'))).toEqual(['00000001', '00000002']);
        expect(cases.map((c) => c.get('Status'))).toEqual(['New', 'New']);
        expect(cases[0].get('Priority')).toBe('Medium');
    });

    it('relates a Task to any record through WhatId and lists it as Tasks of the parent [OR: Task — WhatId]', () => {
        const org = newOrg();
        const account = rec(org, 'Account', { Name: 'Acme' });
        org.dml('insert', [account]);
        org.dml('insert', [rec(org, 'Task', { Subject: 'Call', WhatId: account.id })]);
        const [withTasks] = rows(org, 'SELECT Name, (SELECT Subject, Status, Priority FROM Tasks) FROM Account');
        const tasks = withTasks.getSObjects('Tasks')!;
        expect(tasks.map((t) => [t.get('Subject'), t.get('Status'), t.get('Priority')])).toEqual([
            ['Call', 'Not Started', 'Normal']
        ]);
        const [task] = rows(org, 'SELECT What.Name FROM Task');
        expect(task.get('What.Name')).toBe('Acme');
    });

    it('requires Lead LastName and Company [OR: Lead]', () => {
        const org = newOrg();
        const [result] = org.dml('insert', [org.newSObject('Lead')], { allOrNone: false });
        expect(result.errors[0].statusCode).toBe('REQUIRED_FIELD_MISSING');
        expect(result.errors[0].fields).toEqual(['LastName', 'Company']);
    });

    it('does not know fields the object does not have [ADG: SObject put — Invalid field]', () => {
        const org = newOrg();
        expect(() => rec(org, 'Case', { Nope__c: 'x' })).toThrow('Invalid field Nope__c for Case');
        expect(() => rows(org, 'SELECT Nope FROM Task')).toThrow("No such column 'Nope' on entity 'Task'");
    });
});

describe('Queryable metadata [OR: EntityDefinition, FieldDefinition, ApexClass]', () => {
    it('lists every object with its key prefix and its fields through the Fields relationship', () => {
        const org = newOrg();
        const [opportunity] = rows(
            org,
            "SELECT QualifiedApiName, KeyPrefix, (SELECT QualifiedApiName, DataType FROM Fields WHERE QualifiedApiName = 'QB_Invoice_Id__c') FROM EntityDefinition WHERE QualifiedApiName = 'Opportunity'"
        );
        expect(opportunity.get('KeyPrefix')).toBe('006');
        const fields = opportunity.getSObjects('Fields')!;
        expect(fields.map((f) => [f.get('QualifiedApiName'), f.get('DataType')])).toEqual([
            ['QB_Invoice_Id__c', 'Text(32)']
        ]);
    });

    it('filters FieldDefinition by its entity', () => {
        const org = newOrg();
        const lookups = rows(
            org,
            "SELECT QualifiedApiName FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = 'QB_Item_Mapping__c' AND DataType LIKE 'Lookup%'"
        );
        expect(lookups.map((f) => f.get('QualifiedApiName')).sort()).toEqual([
            'CreatedById',
            'Id',
            'LastModifiedById',
            'OwnerId',
            'Product__c'
        ]);
    });

    it('holds one ApexClass row per class with its source and API version [OR: ApexClass — Body, ApiVersion]', () => {
        const org = newOrg();
        const [qbo] = rows(org, "SELECT Name, Body, ApiVersion, Status FROM ApexClass WHERE Name = 'QBOClient'");
        expect(qbo.get('Status')).toBe('Active');
        expect(String(qbo.get('Body'))).toMatch(/class QBOClient/);
        expect(String(qbo.get('ApiVersion'))).toMatch(/^\d+\.\d$/);
        expect(rows(org, "SELECT Id FROM ApexClass WHERE Name = 'NoSuchClass'")).toEqual([]);
    });
});

describe('Custom metadata records [SOQL: SOQL Limits on Objects — custom metadata types]', () => {
    it('are rows SOQL reads, with the Ids getAll() returns', () => {
        const org = newOrg(projectDir, { loadSampleMetadata: true });
        const queried = rows(
            org,
            "SELECT DeveloperName, Realm_Id__c FROM QB_Company__mdt WHERE DeveloperName LIKE 'Acme%' ORDER BY DeveloperName"
        );
        expect(queried.map((r) => r.get('DeveloperName'))).toEqual(['Acme_Canada', 'Acme_US']);
        const byName = new Map(org.customMetadata('QB_Company__mdt').map((r) => [r.get('DeveloperName'), r.id]));
        expect(queried.map((r) => r.id)).toEqual([byName.get('Acme_Canada'), byName.get('Acme_US')]);
    });

    it('leave out unpackaged sample records unless the org config loads them', () => {
        expect(rows(newOrg(), "SELECT Id FROM QB_Company__mdt WHERE DeveloperName = 'Acme_US'")).toEqual([]);
    });
});

describe('Custom metadata relationships [ADG: Custom Metadata Types — metadata relationship fields]', () => {
    const admin = {
        lastName: 'Admin',
        email: 'a@example.com',
        username: 'a@example.com.local',
        profile: 'System Administrator',
        permissionSets: []
    };
    let dir: string;

    beforeAll(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-mdt-'));
        const write = (rel: string, text: string) => {
            fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
            fs.writeFileSync(path.join(dir, rel), text);
        };
        write('sfdx-project.json', JSON.stringify({ packageDirectories: [{ path: 'src', default: true }] }));
        const obj = 'src/objects/Trigger_Rule__mdt';
        write(
            `${obj}/Trigger_Rule__mdt.object-meta.xml`,
            '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Trigger Rule</label><pluralLabel>Trigger Rules</pluralLabel><visibility>Public</visibility></CustomObject>'
        );
        write(
            `${obj}/fields/Object__c.field-meta.xml`,
            '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Object__c</fullName><label>Object</label><referenceTo>EntityDefinition</referenceTo><relationshipName>Trigger_Rules</relationshipName><type>MetadataRelationship</type></CustomField>'
        );
        write(
            `${obj}/fields/Field__c.field-meta.xml`,
            '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Field__c</fullName><label>Field</label><metadataRelationshipControllingField>Trigger_Rule__mdt.Object__c</metadataRelationshipControllingField><referenceTo>FieldDefinition</referenceTo><relationshipName>Trigger_Rules</relationshipName><type>MetadataRelationship</type></CustomField>'
        );
        write(
            'src/customMetadata/Trigger_Rule.Account_Name.md-meta.xml',
            '<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><label>Account Name</label><protected>false</protected><values><field>Object__c</field><value xsi:type="xsd:string">Account</value></values><values><field>Field__c</field><value xsi:type="xsd:string">Name</value></values></CustomMetadata>'
        );
        write('src/staticresources/greeting.txt', 'hello');
        write(
            'src/staticresources/greeting.resource-meta.xml',
            '<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata"><cacheControl>Public</cacheControl><contentType>text/plain</contentType></StaticResource>'
        );
    });

    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('holds a StaticResource row per deployed resource with its body [OR: StaticResource — Body, ContentType]', () => {
        const org = createOrg({ projectDir: dir, config: { runningUser: admin } });
        const [resource] = rows(
            org,
            "SELECT Name, Body, BodyLength, ContentType FROM StaticResource WHERE Name = 'greeting'"
        );
        expect(resource.get('ContentType')).toBe('text/plain');
        expect(resource.get('BodyLength')).toBe(5);
        expect(Buffer.from((resource.get('Body') as { bytes: Uint8Array }).bytes).toString()).toBe('hello');
    });

    it('reads the related object and field by name, as a trigger framework filters them', () => {
        const org = newOrg(dir, {
            runningUser: {
                lastName: 'Admin',
                email: 'a@example.com',
                profile: 'System Administrator',
                permissionSets: []
            }
        });
        const [rule] = rows(
            org,
            "SELECT DeveloperName, Object__c, Object__r.QualifiedApiName, Field__r.QualifiedApiName, Field__r.DataType FROM Trigger_Rule__mdt WHERE Object__r.QualifiedApiName = 'Account'"
        );
        expect(rule.get('DeveloperName')).toBe('Account_Name');
        expect(rule.get('Object__c')).toBe('Account');
        expect(rule.get('Object__r.QualifiedApiName')).toBe('Account');
        expect(rule.get('Field__r.QualifiedApiName')).toBe('Name');
        expect(rule.get('Field__r.DataType')).toBe('Text(255)');
        expect(rows(org, "SELECT Id FROM Trigger_Rule__mdt WHERE Object__r.QualifiedApiName = 'Contact'")).toEqual([]);
    });
});

describe('Permission sets built in Apex [OR: PermissionSet, ObjectPermissions, FieldPermissions]', () => {
    it('grant object and field access through ObjectPermissions and FieldPermissions rows', () => {
        const org = newOrg();
        const [profile] = rows(org, "SELECT Id FROM Profile WHERE Name = 'Minimum Access - Salesforce'");
        const user = rec(org, 'User', {
            LastName: 'Min',
            Email: 'min@example.com',
            Username: 'min@example.com.local',
            Alias: 'min',
            TimeZoneSidKey: 'America/Los_Angeles',
            LocaleSidKey: 'en_US',
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            ProfileId: profile.id
        });
        org.dml('insert', [user]);
        expect(org.checkObjectAccess(user, 'Account', 'read')).toBe(false);
        const ps = rec(org, 'PermissionSet', { Name: 'Account_Reader', Label: 'Account Reader' });
        org.dml('insert', [ps]);
        org.dml('insert', [
            rec(org, 'ObjectPermissions', {
                ParentId: ps.id,
                SobjectType: 'QB_Item_Mapping__c',
                PermissionsRead: true,
                PermissionsCreate: true
            }),
            rec(org, 'FieldPermissions', {
                ParentId: ps.id,
                SobjectType: 'QB_Item_Mapping__c',
                Field: 'QB_Item_Mapping__c.QB_Item_Name__c',
                PermissionsRead: true
            })
        ]);
        org.dml('insert', [rec(org, 'PermissionSetAssignment', { AssigneeId: user.id, PermissionSetId: ps.id })]);
        expect(org.checkObjectAccess(user, 'QB_Item_Mapping__c', 'read')).toBe(true);
        expect(org.checkObjectAccess(user, 'QB_Item_Mapping__c', 'create')).toBe(true);
        expect(org.checkObjectAccess(user, 'QB_Item_Mapping__c', 'edit')).toBe(false);
        expect(org.checkFieldAccess(user, 'QB_Item_Mapping__c', 'QB_Item_Name__c', 'read')).toBe(true);
        expect(org.checkFieldAccess(user, 'QB_Item_Mapping__c', 'QB_Tax_Code__c', 'read')).toBe(false);
    });
});
