/**
 * Object and field permissions of the standard profiles, and the organization-wide defaults of a new org.
 * Sources: [SP] Salesforce Help, "Standard Profiles"; [OWD] Salesforce Help, "Default Organization-Wide Sharing
 * Settings"; [SI] Apex Developer Guide, "Enforce Security with the stripInaccessible Method"; [UM] Apex Developer
 * Guide, "Enforce User Mode for Database Operations"; [ADDR] Object Reference, "Address Compound Fields".
 * Simplification (README): a standard profile grants every permissionable standard field of the objects it reads.
 */
import { runTests } from './harness';

const USERS = `
    static User userWith(String profileName) {
        String name = profileName.deleteWhitespace().left(20) + Crypto.getRandomInteger();
        User u = new User(Alias = 'u', Email = 'u@example.com', EmailEncodingKey = 'UTF-8', LastName = name,
            LanguageLocaleKey = 'en_US', LocaleSidKey = 'en_US', TimeZoneSidKey = 'America/Los_Angeles',
            UserName = name + '@example.com.local',
            ProfileId = [SELECT Id FROM Profile WHERE Name = :profileName].Id);
        insert u;
        return u;
    }
    static void grant(User u, String objectName, Boolean create, Boolean edit, List<String> readFields, List<String> editFields) {
        PermissionSet ps = new PermissionSet(Name = 'Grant' + Crypto.getRandomInteger().toString().remove('-'), Label = 'Grant');
        insert ps;
        insert new ObjectPermissions(ParentId = ps.Id, SobjectType = objectName, PermissionsRead = true,
            PermissionsCreate = create, PermissionsEdit = edit);
        List<FieldPermissions> fields = new List<FieldPermissions>();
        for (String f : readFields) fields.add(new FieldPermissions(ParentId = ps.Id, SobjectType = objectName, Field = f, PermissionsRead = true));
        for (String f : editFields) fields.add(new FieldPermissions(ParentId = ps.Id, SobjectType = objectName, Field = f, PermissionsRead = true, PermissionsEdit = true));
        insert fields;
        insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = ps.Id);
    }`;

function results(rs: { method: string; passed: boolean; message?: string }[]): [string, boolean, string][] {
    return rs.map((r) => [r.method, r.passed, r.message ?? '']);
}

describe('standard profiles [SP]', () => {
    it('System Administrator, Standard User, Read Only and Minimum Access each get what Help documents', async () => {
        const rs = await runTests({
            Profiles_Tests: `@IsTest private class Profiles_Tests {
                ${USERS}
                @IsTest static void administratorHasEverything() {
                    Profile admin = [SELECT CreatedById FROM Profile WHERE Name = 'System Administrator'];
                    Assert.isNotNull(admin.CreatedById, 'every record has its audit fields (Object Reference › System Fields)');
                    System.runAs(userWith('System Administrator')) {
                        Assert.isTrue(Schema.sObjectType.Campaign.isDeletable());
                        Assert.isTrue(Schema.sObjectType.Account.fields.Type.isUpdateable());
                    }
                }
                @IsTest static void standardUserWorksWithSalesRecords() {
                    System.runAs(userWith('Standard User')) {
                        Assert.isTrue(Schema.sObjectType.Opportunity.isCreateable());
                        Assert.isTrue(Schema.sObjectType.Account.fields.Type.isUpdateable());
                        Assert.isTrue(Schema.sObjectType.Campaign.isAccessible());
                        Assert.isFalse(Schema.sObjectType.Campaign.isCreateable(), 'views, but does not manage, campaigns');
                        insert as user new Account(Name = 'Acme', Type = 'Prospect');
                    }
                }
                @IsTest static void readOnlyReadsAndChangesNothing() {
                    System.runAs(userWith('Read Only')) {
                        Assert.isTrue(Schema.sObjectType.Account.fields.Type.isAccessible());
                        Assert.isFalse(Schema.sObjectType.Account.fields.Type.isUpdateable());
                        Assert.isFalse(Schema.sObjectType.Account.isCreateable());
                    }
                }
                @IsTest static void minimumAccessHasNoObjectOrField() {
                    insert new Task(Subject = 'Call', Type = 'Call');
                    System.runAs(userWith('Minimum Access - Salesforce')) {
                        Assert.isFalse(Schema.sObjectType.Account.isAccessible());
                        Assert.isFalse(Schema.sObjectType.Account.fields.Type.isAccessible());
                        Assert.isTrue(Schema.sObjectType.Task.isAccessible(), 'activities have no object permissions');
                        Assert.isFalse(Schema.sObjectType.Task.fields.Type.isAccessible());
                        try {
                            Database.query('SELECT Type FROM Task', AccessLevel.USER_MODE);
                            Assert.fail('Task.Type is not readable');
                        } catch (QueryException e) {
                            Assert.isTrue(e.getMessage().startsWith('No such column \\'Type\\' on entity \\'Task\\''), e.getMessage());
                        }
                    }
                }
                @IsTest static void permissionSetGrantsOnlyTheFieldsItNames() {
                    User u = userWith('Minimum Access - Salesforce');
                    grant(u, 'Account', true, false, new List<String>{ 'Account.Industry' }, new List<String>{ 'Account.ShippingAddress' });
                    System.runAs(u) {
                        Assert.isTrue(Schema.sObjectType.Account.fields.Industry.isAccessible());
                        Assert.isFalse(Schema.sObjectType.Account.fields.Type.isAccessible());
                        Assert.isTrue(Schema.sObjectType.Account.fields.ShippingStreet.isCreateable(), 'the compound field covers its parts [ADDR]');
                        Assert.isTrue(Schema.sObjectType.Account.fields.Name.isAccessible(), 'a required field follows its object');
                    }
                }
            }`
        });
        expect(results(rs)).toEqual([
            ['administratorHasEverything', true, ''],
            ['standardUserWorksWithSalesRecords', true, ''],
            ['readOnlyReadsAndChangesNothing', true, ''],
            ['minimumAccessHasNoObjectOrField', true, ''],
            ['permissionSetGrantsOnlyTheFieldsItNames', true, '']
        ]);
    });
});

describe('user-mode DML without the object permission [UM]', () => {
    // trailheadapps/apex-recipes AccountServiceLayer_Tests (run by Salesforce on real orgs): a Minimum Access user's
    // Database.update(records, AccessLevel.USER_MODE) throws System.SecurityException "Access to entity 'Account'
    // denied"; field-level security stays a DmlException row error (DmlException.getDmlFieldNames).
    it('fails the statement with a SecurityException naming the object, before any row is saved', async () => {
        const rs = await runTests({
            UserModeDml_Tests: `@IsTest private class UserModeDml_Tests {
                ${USERS}
                @IsTest static void updateAndDeleteRefused() {
                    Account a = new Account(Name = 'Acme');
                    insert a;
                    System.runAs(userWith('Minimum Access - Salesforce')) {
                        for (String op : new List<String>{ 'update', 'delete', 'insert', 'partial' }) {
                            try {
                                Account existing = new Account(Id = a.Id, Name = 'x');
                                Account fresh = new Account(Name = 'New');
                                if (op == 'update') {
                                    Database.update(existing, AccessLevel.USER_MODE);
                                } else if (op == 'delete') {
                                    delete as user existing;
                                } else if (op == 'insert') {
                                    insert as user fresh;
                                } else {
                                    Database.insert(new List<Account>{ fresh }, false, AccessLevel.USER_MODE);
                                }
                                Assert.fail(op + ' succeeded');
                            } catch (SecurityException e) {
                                Assert.areEqual('Access to entity \\'Account\\' denied', e.getMessage(), op);
                            }
                        }
                    }
                    Assert.areEqual(1, [SELECT COUNT() FROM Account WHERE Name = 'Acme']);
                }
                @IsTest static void fieldWithoutEditIsARowError() {
                    User u = userWith('Minimum Access - Salesforce');
                    grant(u, 'Account', true, true, new List<String>(), new List<String>());
                    System.runAs(u) {
                        Account withIndustry = new Account(Name = 'Acme', Industry = 'Energy');
                        try {
                            insert as user withIndustry;
                            Assert.fail('inserted a field the user may not edit');
                        } catch (DmlException e) {
                            Assert.areEqual(StatusCode.INVALID_FIELD_FOR_INSERT_UPDATE, e.getDmlType(0));
                        }
                    }
                }
            }`
        });
        expect(results(rs)).toEqual([
            ['updateAndDeleteRefused', true, ''],
            ['fieldWithoutEditIsARowError', true, '']
        ]);
    });
});

describe('Security.stripInaccessible [SI]', () => {
    it('strips fields, removes subqueries of inaccessible objects, refuses an inaccessible root and AggregateResult', async () => {
        const rs = await runTests({
            Strip_Tests: `@IsTest private class Strip_Tests {
                ${USERS}
                @IsTest static void stripped() {
                    Account a = new Account(Name = 'Acme', Type = 'Prospect', Industry = 'Energy');
                    insert a;
                    insert new Contact(LastName = 'Lovelace', AccountId = a.Id);
                    User u;
                    System.runAs(new User(Id = UserInfo.getUserId())) {
                        u = userWith('Minimum Access - Salesforce');
                        grant(u, 'Account', false, false, new List<String>{ 'Account.Industry' }, new List<String>());
                    }
                    List<Account> rows = [SELECT Name, Type, Industry, (SELECT LastName FROM Contacts) FROM Account];
                    System.runAs(u) {
                        SObjectAccessDecision d = Security.stripInaccessible(AccessType.READABLE, rows);
                        Account stripped = (Account) d.getRecords()[0];
                        Assert.areEqual('Energy', stripped.Industry);
                        Assert.areEqual(a.Id, stripped.Id);
                        try {
                            String t = stripped.Type;
                            Assert.fail('a stripped field reads as never queried');
                        } catch (SObjectException e) {
                            Assert.areEqual('SObject row was retrieved via SOQL without querying the requested field: Account.Type', e.getMessage());
                        }
                        Assert.isNull(stripped.getSObjects('Contacts'), 'no Contact access: the subquery is removed');
                        Assert.areEqual(new Set<String>{ 'Type', 'Contacts' }, d.getRemovedFields().get('Account'));
                        Assert.areEqual(new Set<Integer>{ 0 }, d.getModifiedIndexes());
                    }
                }
                @IsTest static void rootObjectWithoutAccess() {
                    insert new Campaign(Name = 'Spring');
                    List<Campaign> rows = [SELECT Name FROM Campaign];
                    System.runAs(userWith('Minimum Access - Salesforce')) {
                        try {
                            Security.stripInaccessible(AccessType.READABLE, rows);
                            Assert.fail('no Campaign access');
                        } catch (NoAccessException e) {
                            Assert.areEqual('No access to entity: Campaign', e.getMessage());
                        }
                        Assert.areEqual(1, Security.stripInaccessible(AccessType.READABLE, rows, false).getRecords().size(), 'enforceRootObjectCRUD false');
                    }
                }
                @IsTest static void aggregateResults() {
                    insert new Account(Name = 'Acme');
                    try {
                        Security.stripInaccessible(AccessType.READABLE, [SELECT COUNT(Id) n FROM Account]);
                        Assert.fail('AggregateResult rows are refused');
                    } catch (Exception e) {
                        Assert.areEqual('AggregateResult SObject types are not supported', e.getMessage());
                    }
                }
            }`
        });
        expect(results(rs)).toEqual([
            ['stripped', true, ''],
            ['rootObjectWithoutAccess', true, ''],
            ['aggregateResults', true, '']
        ]);
    });
});

describe('organization-wide defaults of a new org [OWD] in user mode [UM]', () => {
    it('tasks are private, opportunities public read only, contacts follow their account', async () => {
        const rs = await runTests({
            Owd_Tests: `@IsTest private class Owd_Tests {
                ${USERS}
                @IsTest static void defaults() {
                    Account a = new Account(Name = 'Acme');
                    insert a;
                    insert new Contact(LastName = 'Linked', AccountId = a.Id);
                    insert new Contact(LastName = 'Private');
                    insert new Task(Subject = 'Call');
                    Opportunity o = new Opportunity(Name = 'Deal', StageName = 'Prospecting', CloseDate = Date.today());
                    insert o;
                    User rep = userWith('Standard User');
                    System.runAs(rep) {
                        Assert.areEqual(0, [SELECT COUNT() FROM Task WITH USER_MODE], 'Activity: Private');
                        Assert.areEqual(1, [SELECT COUNT() FROM Opportunity WITH USER_MODE], 'Opportunity: Public Read Only');
                        Assert.areEqual('Linked', [SELECT LastName FROM Contact WITH USER_MODE].LastName, 'Contact: Controlled by Parent');
                        UserRecordAccess access = [SELECT HasReadAccess, HasEditAccess FROM UserRecordAccess WHERE UserId = :rep.Id AND RecordId = :o.Id];
                        Assert.isTrue(access.HasReadAccess);
                        Assert.isFalse(access.HasEditAccess);
                    }
                }
            }`
        });
        expect(results(rs)).toEqual([['defaults', true, '']]);
    });
});
