/**
 * Conformance: platform APIs that widely used open-source Apex relies on (found by running outside projects' own
 * tests through the oracle). Expected values are the ones the Apex Reference Guide documents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runtime } from '../src/interpreter/runtime';
import { runAnonymous } from '../src/interpreter/anonymous';
import { LoadError } from '../src/interpreter/errors';
import { ManualClock } from '../src/values/clock';
import { execApex, makeProject, runTests } from './harness';

async function debug(source: string, classes: Record<string, string> = {}): Promise<string[]> {
    const r = await execApex(source, classes);
    if (r.error) throw new Error(r.error);
    return r.out;
}

describe('UUID Class (Apex Reference › UUID Class)', () => {
    it('randomUUID gives a version 4 UUID; fromString/equals/toString round-trip; a String is never equal', async () => {
        const out = await debug(`
            String random = UUID.randomUUID().toString();
            System.debug(Pattern.matches('[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}', random));
            String uuidStr = '707b2538-98bb-41e7-95e3-1d77bf42b102';
            System.UUID fromStr = System.UUID.fromString(uuidStr);
            System.debug(fromStr.equals(UUID.fromString(uuidStr)));
            System.debug(fromStr.equals(uuidStr));
            System.debug(fromStr.toString() == uuidStr);
            System.debug(UUID.randomUUID().equals(UUID.randomUUID()));`);
        expect(out).toEqual(['true', 'true', 'false', 'true', 'false']);
    });

    it('fromString(null) throws NullPointerException; a string that is not a UUID IllegalArgumentException', async () => {
        const out = await debug(`
            try { UUID.fromString(null); } catch (NullPointerException e) { System.debug('npe'); }
            try { UUID.fromString('not a uuid'); } catch (IllegalArgumentException e) { System.debug('iae'); }`);
        expect(out).toEqual(['npe', 'iae']);
    });
});

describe('Network, OrgLimits and platform enums', () => {
    it('Network methods return null in the internal org (Apex Reference › Network Class)', async () => {
        expect(
            await debug('System.debug(Network.getNetworkId()); System.debug(System.Network.getLoginUrl(null));')
        ).toEqual(['null', 'null']);
    });

    it('OrgLimits.getMap is keyed by limit name; OrgLimit has getName/getLimit/getValue (Apex Reference › OrgLimits)', async () => {
        const out = await debug(`
            Map<String, System.OrgLimit> limitsMap = OrgLimits.getMap();
            System.OrgLimit apiRequestsLimit = limitsMap.get('DailyApiRequests');
            System.debug(apiRequestsLimit.getName());
            System.debug(apiRequestsLimit.getValue() <= apiRequestsLimit.getLimit());
            System.debug(OrgLimits.getAll().size() == limitsMap.size());`);
        expect(out).toEqual(['DailyApiRequests', 'true', 'true']);
    });

    it('values() and valueOf() of platform enums (Apex Reference › Enum Methods; LoggingLevel, SOAPType)', async () => {
        const out = await debug(`
            System.debug(LoggingLevel.values());
            System.debug(System.LoggingLevel.valueOf('WARN').ordinal());
            System.debug(Schema.SoapType.values().size());
            try { LoggingLevel.valueOf('LOUD'); } catch (NoSuchElementException e) { System.debug('none'); }`);
        expect(out).toEqual(['(NONE, INTERNAL, FINEST, FINER, FINE, DEBUG, INFO, WARN, ERROR)', '7', '10', 'none']);
    });

    it('LoggingLevel ordinals rise from FINEST (2) to ERROR (8), after NONE and the undocumented INTERNAL', async () => {
        // The Apex Reference (LoggingLevel Enum) lists the values by verbosity, not by ordinal; the ordinals are the
        // ones NebulaLogger's tests and components rely on on real orgs (FINEST 2, FINER 3, FINE 4, DEBUG 5, INFO 6,
        // WARN 7, ERROR 8): a level is logged when its ordinal is at least the user's level's
        const out = await debug(`
            System.debug(LoggingLevel.INTERNAL.ordinal());
            System.debug(LoggingLevel.FINEST.ordinal() + ' ' + LoggingLevel.DEBUG.ordinal() + ' ' + LoggingLevel.ERROR.ordinal());
            System.debug(LoggingLevel.INFO.ordinal() >= LoggingLevel.FINEST.ordinal());`);
        expect(out).toEqual(['1', '2 5 8', 'true']);
    });

    it('overloads taking a platform enum are chosen by the enum argument', async () => {
        const cls = `public class Levels {
            public static String label(System.LoggingLevel level, String message) { return 'string:' + message; }
            public static String label(System.LoggingLevel level, Integer count) { return 'count:' + count; }
        }`;
        expect(
            await debug(
                "System.debug(Levels.label(LoggingLevel.WARN, 'x')); System.debug(Levels.label(LoggingLevel.WARN, 2));",
                {
                    Levels: cls
                }
            )
        ).toEqual(['string:x', 'count:2']);
    });

    it('getSoapType of a field describe (Apex Reference › SOAPType Enum)', async () => {
        const out = await debug(`
            System.debug(Schema.Account.Name.getDescribe().getSoapType());
            System.debug(Account.Id.getDescribe().getSoapType());
            System.debug(Opportunity.Amount.getDescribe().getSoapType() == Schema.SoapType.DOUBLE);
            System.debug(Opportunity.CloseDate.getDescribe().getSoapType());`);
        expect(out).toEqual(['STRING', 'ID', 'true', 'DATE']);
    });

    it('Cache.Visibility values (Apex Reference › Cache Namespace, Visibility Enum)', async () => {
        expect(
            await debug('System.debug(Cache.Visibility.NAMESPACE); System.debug(Cache.Visibility.values());')
        ).toEqual(['NAMESPACE', '(ALL, NAMESPACE)']);
    });
});

describe('Safe navigation operator (Apex Developer Guide › Safe Navigation Operator)', () => {
    it('a null left-hand side skips the rest of the chain', async () => {
        const out = await debug(`
            List<Account> accounts = null;
            System.debug(accounts?.getSObjectType().getDescribe().getName());
            Account a = null;
            System.debug(a?.Name?.length());`);
        expect(out).toEqual(['null', 'null']);
    });

    it('a null returned by a later step without ?. still throws', async () => {
        const r = await execApex('Account a = new Account(); System.debug(a?.Name.length());');
        expect(r.error).toContain('System.NullPointerException');
    });
});

describe('Accessing sObject fields through relationships (Apex Developer Guide › Accessing sObject Fields Through Relationships)', () => {
    it('reading a field through a null parent yields null; assigning through it or calling a method on it throws', async () => {
        const out = await debug(`
            Contact c = new Contact(LastName = 'Doe');
            System.debug(c.Account.Name);
            System.debug(c.Account.Owner.Name);
            try { c.Account.Name = 'Acme'; } catch (NullPointerException e) { System.debug('assign npe'); }
            try { c.Account.Name.length(); } catch (NullPointerException e) { System.debug('call npe'); }`);
        expect(out).toEqual(['null', 'null', 'assign npe', 'call npe']);
    });
});

describe('Ids (Object Reference › Field Types › ID)', () => {
    it('an 18-character Id whose last three characters are not the case checksum is accepted as written', async () => {
        const out = await debug(`
            Id mock = '001000000000000001';
            System.debug(mock);
            System.debug(Id.valueOf('001000000000000002') == mock);
            System.debug(new Account(Id = mock).Id);
            try { Id.valueOf('001000000000000_01'); } catch (StringException e) { System.debug('invalid'); }`);
        expect(out).toEqual(['001000000000000001', 'false', '001000000000000001', 'invalid']);
    });
});

describe('Datetime.valueOf(Object) (Apex Reference › Datetime Class)', () => {
    it('a Long is the milliseconds since the epoch, as Datetime.newInstance(Long)', async () => {
        const out = await debug(`
            Long millis = 1796319857567L;
            System.debug(Datetime.valueOf(millis) == Datetime.newInstance(millis));
            System.debug(Datetime.valueOf(millis).getTime());`);
        expect(out).toEqual(['true', '1796319857567']);
    });
});

describe('Typed JSON.deserialize into result types (Apex Reference › Database.SaveResult …)', () => {
    it('builds SaveResult, DeleteResult and their errors from their JSON form', async () => {
        const out = await debug(`
            Database.SaveResult ok = (Database.SaveResult) JSON.deserialize('{"success":true,"id":"001000000000001AAA"}', Database.SaveResult.class);
            System.debug(ok.isSuccess() + ' ' + ok.getId() + ' ' + ok.getErrors().size());
            Database.DeleteResult failed = (Database.DeleteResult) JSON.deserialize(
                '{"success":false,"errors":[{"message":"Could not delete","statusCode":"DELETE_FAILED","fields":["Name"]}]}',
                Database.DeleteResult.class);
            Database.Error e = failed.getErrors()[0];
            System.debug(failed.isSuccess() + ' ' + e.getMessage() + ' ' + e.getStatusCode() + ' ' + e.getFields());
            List<Database.UpsertResult> many = (List<Database.UpsertResult>) JSON.deserialize('[{"success":true,"created":true}]', List<Database.UpsertResult>.class);
            System.debug(many[0].isCreated());
            Database.MergeResult merged = (Database.MergeResult) JSON.deserialize('{"success":true,"mergedRecordIds":["001000000000002AAA"]}', Database.MergeResult.class);
            System.debug(merged.getMergedRecordIds());`);
        expect(out).toEqual([
            'true 001000000000001AAA 0',
            'false Could not delete DELETE_FAILED (Name)',
            'true',
            '(001000000000002AAA)'
        ]);
    });
});

describe('VisualEditor namespace (Apex Reference › DynamicPickList, DataRow, DynamicPickListRows)', () => {
    it('a class extending DynamicPickList lists its rows; isValid checks the values of getValues()', async () => {
        const cls = `global class ColourPickList extends VisualEditor.DynamicPickList {
            global override VisualEditor.DataRow getDefaultValue() {
                return new VisualEditor.DataRow('red', 'RED');
            }
            global override VisualEditor.DynamicPickListRows getValues() {
                VisualEditor.DynamicPickListRows rows = new VisualEditor.DynamicPickListRows();
                rows.addRow(new VisualEditor.DataRow('red', 'RED'));
                rows.addRow(new VisualEditor.DataRow('yellow', 'YELLOW', true));
                return rows;
            }
        }`;
        const out = await debug(
            `ColourPickList p = new ColourPickList();
            System.debug(p.getDefaultValue().getLabel());
            System.debug(p.getValues().size() + ' ' + p.getValues().get(1).isSelected());
            System.debug(p.isValid('YELLOW') + ' ' + p.isValid('BLUE'));`,
            { ColourPickList: cls }
        );
        expect(out).toEqual(['red', '2 true', 'true false']);
    });
});

describe('Visualforce is not modelled: it loads and fails at run time naming the API', () => {
    it('PageReference and ApexPages pass the load checks and throw an uncatchable UnsupportedFeature error', async () => {
        const cls = `public class Redirect {
            public static PageReference home() {
                try {
                    return ApexPages.currentPage();
                } catch (Exception e) {
                    return null;
                }
            }
        }`;
        const r = await execApex('System.debug(Redirect.home());', { Redirect: cls });
        expect(r.error).toContain('UnsupportedFeature: Visualforce (ApexPages) is not modelled');
    });
});

/** A project with the given metadata files (path under force-app/main/default → XML) and classes. */
function projectWith(files: Record<string, string>, classes: Record<string, string> = {}): string {
    const dir = makeProject(classes);
    for (const [rel, xml] of Object.entries(files)) {
        const file = path.join(dir, 'force-app', 'main', 'default', rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, xml);
    }
    return dir;
}

async function load(dir: string): Promise<{ rt: Runtime; out: string[] }> {
    const out: string[] = [];
    const rt = new Runtime({
        projectDir: dir,
        clock: new ManualClock(Date.UTC(2026, 10, 26, 12)),
        out: (l) => out.push(l),
        orgConfig: { runningUser: { permissionSets: [] } }
    });
    await rt.load();
    return { rt, out };
}

const object = (sharingModel: string) =>
    `<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Ticket</label><pluralLabel>Tickets</pluralLabel><sharingModel>${sharingModel}</sharingModel><nameField><label>Name</label><type>Text</type></nameField></CustomObject>`;

describe('Metadata a deploy accepts (Metadata API › CustomField, CustomObject; Platform Events Developer Guide)', () => {
    it('a Text formula field has no length and loads; describe reports a length', async () => {
        const dir = projectWith({
            'objects/Ticket__c/Ticket__c.object-meta.xml': object('ReadWrite'),
            'objects/Ticket__c/fields/Summary__c.field-meta.xml':
                '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Summary__c</fullName><formula>Name &amp; &apos;!&apos;</formula><label>Summary</label><type>Text</type></CustomField>'
        });
        const { rt, out } = await load(dir);
        runAnonymous(
            rt,
            "Schema.DescribeFieldResult d = Ticket__c.Summary__c.getDescribe(); System.debug(d.isCalculated() + ' ' + (d.getLength() > 0));",
            'a.apex'
        );
        expect(out).toEqual(['true true']);
    });

    it('a plain Text field without a length is still refused, as a deploy refuses it', async () => {
        const dir = projectWith({
            'objects/Ticket__c/Ticket__c.object-meta.xml': object('ReadWrite'),
            'objects/Ticket__c/fields/Code__c.field-meta.xml':
                '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Code__c</fullName><label>Code</label><type>Text</type></CustomField>'
        });
        await expect(load(dir)).rejects.toThrow('Text length must be 1 to 255');
    });

    it('a Private custom object has a Foo__Share object for Apex managed sharing; a Public Read/Write one has none', async () => {
        const dir = projectWith({
            'objects/Ticket__c/Ticket__c.object-meta.xml': object('Private'),
            'objects/Note__c/Note__c.object-meta.xml': object('ReadWrite')
        });
        const { rt, out } = await load(dir);
        const r = runAnonymous(
            rt,
            `Ticket__c t = new Ticket__c(Name = 'T-1');
            insert t;
            Ticket__Share share = new Ticket__Share(ParentId = t.Id, UserOrGroupId = UserInfo.getUserId(), AccessLevel = 'Read');
            insert share;
            System.debug([SELECT AccessLevel, RowCause FROM Ticket__Share WHERE ParentId = :t.Id]);
            System.debug(Schema.getGlobalDescribe().containsKey('Note__Share'));`,
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(out[0]).toMatch(/AccessLevel=Read, RowCause=Manual/);
        expect(out[1]).toBe('false');
    });

    it('Schema.Foo__Share.RowCause.<reason> is the Apex sharing reason to store (ADG › Creating Apex Managed Sharing)', async () => {
        const dir = projectWith({ 'objects/Ticket__c/Ticket__c.object-meta.xml': object('Private') });
        const { rt, out } = await load(dir);
        const r = runAnonymous(
            rt,
            `Ticket__c t = new Ticket__c(Name = 'T-1');
            insert t;
            System.debug(Schema.Ticket__Share.RowCause.Manual);
            System.debug(Schema.Ticket__Share.RowCause.Assignee__c);`,
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(out).toEqual(['Manual', 'Assignee__c']);
    });

    it('a platform event has ReplayId, EventUuid, CreatedDate and CreatedById', async () => {
        const dir = projectWith({
            'objects/Order_Event__e/Order_Event__e.object-meta.xml':
                '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Order Event</label><pluralLabel>Order Events</pluralLabel><eventType>HighVolume</eventType><publishBehavior>PublishAfterCommit</publishBehavior></CustomObject>'
        });
        const { rt, out } = await load(dir);
        runAnonymous(
            rt,
            "for (String f : new List<String>{ 'ReplayId', 'EventUuid', 'CreatedDate', 'CreatedById' }) System.debug(Order_Event__e.SObjectType.getDescribe().fields.getMap().containsKey(f));",
            'a.apex'
        );
        expect(out).toEqual(['true', 'true', 'true', 'true']);
    });

    it('EventBus.publish of a publish-immediately event counts in Limits.getPublishImmediateDml, one per call [Apex Reference › Limits Class]', async () => {
        const event = (name: string, behavior: string) => ({
            [`objects/${name}/${name}.object-meta.xml`]: `<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>${name}</label><pluralLabel>${name}</pluralLabel><eventType>HighVolume</eventType><publishBehavior>${behavior}</publishBehavior></CustomObject>`
        });
        const dir = projectWith({
            ...event('Now_Event__e', 'PublishImmediately'),
            ...event('Later_Event__e', 'PublishAfterCommit')
        });
        const { rt, out } = await load(dir);
        const r = runAnonymous(
            rt,
            `System.debug(Limits.getPublishImmediateDml() + ' of ' + Limits.getLimitPublishImmediateDml());
            EventBus.publish(new List<Now_Event__e>{ new Now_Event__e(), new Now_Event__e() });
            EventBus.publish(new Later_Event__e());
            EventBus.publish(new Now_Event__e());
            System.debug(Limits.getPublishImmediateDml());`,
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(out).toEqual(['0 of 150', '2']);
    });

    it('Apex referencing setup objects of the Object Reference loads (ApexTrigger, AuthSession, Organization.NamespacePrefix …)', async () => {
        const cls = `public class SetupQueries {
            public static void run() {
                List<ApexTrigger> triggers = [SELECT Name, TableEnumOrId, ApiVersion FROM ApexTrigger WHERE NamespacePrefix = null];
                List<ApexEmailNotification> emails = [SELECT Email, UserId FROM ApexEmailNotification WHERE User.IsActive = TRUE];
                List<AuthSession> sessions = [SELECT LoginType, LoginHistory.Browser FROM AuthSession WHERE IsCurrent = TRUE];
                Organization org = [SELECT NamespacePrefix, TrialExpirationDate FROM Organization];
                List<Profile> profiles = [SELECT UserLicense.Name FROM Profile];
                List<User> users = [SELECT SmallPhotoUrl FROM User];
                System.debug(triggers.size() + ' ' + emails.size() + ' ' + sessions.size() + ' ' + org.NamespacePrefix);
            }
        }`;
        expect(await debug('SetupQueries.run();', { SetupQueries: cls })).toEqual(['0 0 0 null']);
    });

    it('UserInfo.getOrganizationId is the Organization row (SetupOwnerId of org-level custom settings)', async () => {
        expect(await debug('System.debug([SELECT Id FROM Organization].Id == UserInfo.getOrganizationId());')).toEqual([
            'true'
        ]);
    });

    it('the Organization row takes the configured organizationId (production and its sandbox copy differ in it)', async () => {
        const out: string[] = [];
        const rt = new Runtime({
            projectDir: makeProject({}),
            clock: new ManualClock(Date.UTC(2026, 10, 26, 12)),
            out: (line) => out.push(line),
            orgConfig: { organizationId: '00D000000000042AAA', runningUser: { permissionSets: [] } }
        });
        await rt.load();
        const r = runAnonymous(
            rt,
            'System.debug(UserInfo.getOrganizationId()); System.debug([SELECT Id FROM Organization].Id);',
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(out).toEqual(['00D000000000042AAA', '00D000000000042AAA']);
    });
});

describe('Hierarchy custom settings (Apex Reference › Custom Settings Methods)', () => {
    const setting = {
        'objects/Feature_Settings__c/Feature_Settings__c.object-meta.xml':
            '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><customSettingsType>Hierarchy</customSettingsType><label>Feature Settings</label><visibility>Public</visibility></CustomObject>',
        'objects/Feature_Settings__c/fields/Enabled__c.field-meta.xml':
            '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Enabled__c</fullName><defaultValue>true</defaultValue><label>Enabled</label><type>Checkbox</type></CustomField>',
        'objects/Feature_Settings__c/fields/Level__c.field-meta.xml':
            '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Level__c</fullName><label>Level</label><length>20</length><type>Text</type></CustomField>'
    };

    it('with no data: getValues is null, getOrgDefaults empty, getInstance a new record with default values', async () => {
        const { rt, out } = await load(projectWith(setting));
        const r = runAnonymous(
            rt,
            `System.debug(Feature_Settings__c.getValues(UserInfo.getUserId()));
            System.debug(Feature_Settings__c.getOrgDefaults().Id);
            Feature_Settings__c mine = Feature_Settings__c.getInstance();
            System.debug(mine.Id + ' ' + mine.Enabled__c + ' ' + (mine.SetupOwnerId == UserInfo.getUserId()));
            System.debug(((Feature_Settings__c) Feature_Settings__c.SObjectType.newSObject(null, true)).Enabled__c);`,
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(out).toEqual(['null', 'null', 'null true true', 'true']);
    });

    it('getOrgDefaults with no data is a new record for the organization, which insert stores as the org level [Apex Reference › Hierarchy Custom Setting Methods › getOrgDefaults]', async () => {
        const { rt, out } = await load(projectWith(setting));
        const r = runAnonymous(
            rt,
            `Feature_Settings__c defaults = Feature_Settings__c.getOrgDefaults();
            System.debug((defaults.SetupOwnerId == UserInfo.getOrganizationId()) + ' ' + defaults.Enabled__c);
            defaults.Level__c = 'org';
            insert defaults;
            System.debug(Feature_Settings__c.getOrgDefaults().Level__c + ' ' + (Feature_Settings__c.getOrgDefaults().Id != null));
            System.debug(Feature_Settings__c.getInstance().Level__c);`,
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(out).toEqual(['true true', 'org true', 'org']);
    });

    it('getInstance merges the org level under the user level; getValues reads one level only', async () => {
        const { rt, out } = await load(projectWith(setting));
        const r = runAnonymous(
            rt,
            `insert new Feature_Settings__c(SetupOwnerId = UserInfo.getOrganizationId(), Level__c = 'org', Enabled__c = false);
            System.debug(Feature_Settings__c.getOrgDefaults().Level__c);
            System.debug(Feature_Settings__c.getInstance().Level__c + ' ' + Feature_Settings__c.getInstance().Id);
            insert new Feature_Settings__c(SetupOwnerId = UserInfo.getUserId(), Level__c = 'user');
            System.debug(Feature_Settings__c.getInstance().Level__c);
            System.debug(Feature_Settings__c.getValues(UserInfo.getUserId()).Level__c);
            System.debug(Feature_Settings__c.getValues(UserInfo.getProfileId()));`,
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(out).toEqual(['org', 'org null', 'user', 'user', 'null']);
    });
});

describe('More describe and platform details', () => {
    it('TimeZone.getTimeZone and getDisplayName give the standard-time name (Apex Reference › TimeZone Class)', async () => {
        expect(
            await debug(
                "System.debug(TimeZone.getTimeZone('America/Los_Angeles').getDisplayName()); System.debug(TimeZone.getTimeZone('America/Los_Angeles').getID());"
            )
        ).toEqual(['Pacific Standard Time', 'America/Los_Angeles']);
    });

    it('every profile has a user license (Object Reference › Profile.UserLicenseId)', async () => {
        expect(
            await debug(
                'System.debug([SELECT Profile.UserLicense.LicenseDefinitionKey FROM User WHERE Id = :UserInfo.getUserId()].Profile.UserLicense.LicenseDefinitionKey);'
            )
        ).toEqual(['SFDC']);
    });

    it('a polymorphic relationship reads Type from the Name object (SOQL › Understanding Polymorphic Keys)', async () => {
        expect(
            await debug(
                "insert new Account(Name = 'A'); System.debug([SELECT Owner.Type, Owner.Name FROM Account].Owner.Type);"
            )
        ).toEqual(['User']);
    });

    it('field sets from metadata: describe fieldSets.getMap() and members (Apex Reference › FieldSet, FieldSetMember)', async () => {
        const dir = projectWith({
            'objects/Account/fieldSets/Summary.fieldSet-meta.xml':
                '<FieldSet xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Summary</fullName><description>Key fields</description><displayedFields><field>Name</field><isFieldManaged>false</isFieldManaged><isRequired>true</isRequired></displayedFields><displayedFields><field>Owner.Email</field><isFieldManaged>false</isFieldManaged><isRequired>false</isRequired></displayedFields><label>Summary</label></FieldSet>'
        });
        const { rt, out } = await load(dir);
        const r = runAnonymous(
            rt,
            `Schema.FieldSet fs = Schema.SObjectType.Account.fieldSets.getMap().get('Summary');
            System.debug(fs.getName() + ' ' + fs.getLabel() + ' ' + fs.getDescription());
            for (Schema.FieldSetMember m : fs.getFields()) System.debug(m.getFieldPath() + ' ' + m.getRequired() + ' ' + m.getType());
            System.debug(Account.SObjectType.getDescribe().fieldSets.Summary.getFields().size());`,
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(out).toEqual(['Summary Summary Key fields', 'Name true STRING', 'Owner.Email false EMAIL', '2']);
    });
});

describe('Name resolution and overloads as the compiler does them', () => {
    const soql = `public class Query {
        public static Condition Condition { get { return new ConditionImpl(); } }
        public interface Condition { String with(String field); }
        private class ConditionImpl implements Condition { public String with(String field) { return 'with ' + field; } }
        private class Clause { public String text() { return 'clause'; } }
        public static String of(Schema.SObjectType t) { return 'of ' + t; }
        public static String add(String path, Schema.SObjectField field) { return 'field'; }
        public static String add(String path, Iterable<Schema.SObjectField> fields) { return 'fields'; }
        public static Object clause() { return Clause.class.newInstance(); }
    }`;

    it('a static property named like an inner type is the property in an expression', async () => {
        expect(await debug("System.debug(Query.Condition.with('Name'));", { Query: soql })).toEqual(['with Name']);
    });

    it('a local is in scope only after its initialiser: `String query = Query.of(…)` calls the class', async () => {
        expect(
            await debug('String query = Query.of(Account.SObjectType); System.debug(query);', { Query: soql })
        ).toEqual(['of Account']);
    });

    it('a list argument chooses the Iterable overload, a field token the SObjectField one', async () => {
        expect(
            await debug(
                "System.debug(Query.add('Owner', Account.Name)); System.debug(Query.add('Owner', new List<Schema.SObjectField>{ Account.Name }));",
                { Query: soql }
            )
        ).toEqual(['field', 'fields']);
    });

    it("Type.newInstance of a private inner class's token", async () => {
        expect(await debug('System.debug(Query.clause() != null);', { Query: soql })).toEqual(['true']);
    });
});

describe('Records, settings and properties', () => {
    it('a picklist using a global value set takes its values (Metadata API › GlobalValueSet, valueSetName)', async () => {
        const dir = projectWith({
            'globalValueSets/Tier.globalValueSet-meta.xml':
                '<GlobalValueSet xmlns="http://soap.sforce.com/2006/04/metadata"><customValue><fullName>Gold</fullName><default>false</default><label>Gold</label></customValue><customValue><fullName>Silver</fullName><default>false</default><label>Silver</label></customValue><masterLabel>Tier</masterLabel><sorted>false</sorted></GlobalValueSet>',
            'objects/Account/fields/Tier__c.field-meta.xml':
                '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Tier__c</fullName><label>Tier</label><type>Picklist</type><valueSet><restricted>true</restricted><valueSetName>Tier</valueSetName></valueSet></CustomField>'
        });
        const { rt, out } = await load(dir);
        const r = runAnonymous(
            rt,
            `insert new Account(Name = 'A', Tier__c = 'Gold');
            System.debug(Account.Tier__c.getDescribe().getPicklistValues().size());
            try { insert new Account(Name = 'B', Tier__c = 'Bronze'); } catch (DmlException e) { System.debug(e.getDmlType(0)); }`,
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(out).toEqual(['2', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']);
    });

    it('JSON.deserialize into SObject picks the type from attributes.type (Apex Reference › JSON.deserialize)', async () => {
        expect(
            await debug(
                `SObject record = (SObject) JSON.deserialize('{"attributes":{"type":"Account"},"Name":"Acme"}', SObject.class);
                System.debug(record.getSObjectType() + ' ' + record.get('Name'));`
            )
        ).toEqual(['Account Acme']);
    });

    it('setOptions accepts DMLOptions; DMLOptions has allowFieldTruncation; describe getLocalName', async () => {
        expect(
            await debug(
                `Database.DMLOptions options = new Database.DMLOptions();
                options.AllowFieldTruncation = true;
                Account a = new Account(Name = 'A');
                a.setOptions(options);
                insert a;
                System.debug(options.AllowFieldTruncation + ' ' + Account.SObjectType.getDescribe().getLocalName());`
            )
        ).toEqual(['true Account']);
    });

    it('inside its own accessor, this.property is the backing slot (no recursion)', async () => {
        const cls = `public class Lazy {
            public Integer calls = 0;
            public List<String> items {
                get {
                    if (this.items == null) { calls++; this.items = new List<String>{ 'a' }; }
                    return this.items;
                }
                private set;
            }
        }`;
        expect(
            await debug("Lazy l = new Lazy(); l.items.add('b'); System.debug(l.items.size() + ' ' + l.calls);", {
                Lazy: cls
            })
        ).toEqual(['2 1']);
    });
});

describe('Aggregate results and callout settings', () => {
    it('new Map<Id, SObject>(aggregateResults) keys each row by its field aliased Id (SOQL › GROUP BY)', async () => {
        expect(
            await debug(
                `insert new Account(Name = 'A');
                List<AggregateResult> rows = [SELECT OwnerId Id, COUNT(Id) c FROM Account GROUP BY OwnerId];
                System.debug(new Map<Id, SObject>(rows).keySet().contains(UserInfo.getUserId()));`
            )
        ).toEqual(['true']);
    });

    it('HttpRequest.getCompressed returns what setCompressed set (Apex Reference › HttpRequest Class)', async () => {
        expect(
            await debug(
                'HttpRequest r = new HttpRequest(); System.debug(r.getCompressed()); r.setCompressed(true); System.debug(r.getCompressed());'
            )
        ).toEqual(['false', 'true']);
    });
});

describe('sObject equality (Apex Developer Guide › Expression Operators: == checks all field values)', () => {
    it('a field set to null equals a field never set; a different value does not', async () => {
        expect(
            await debug(
                `Account a = new Account(Name = 'A');
                Account b = new Account(Name = 'A', Id = null);
                System.debug(a == b);
                b.Description = 'x';
                System.debug(a == b);`
            )
        ).toEqual(['true', 'false']);
    });
});

describe('Static initialization (Apex Developer Guide › Static and Instance Methods, Variables, and Initialization Code)', () => {
    it("a test class's static block runs again in every test method's transaction, before the method", async () => {
        // "Static variables are static only within the scope of the Apex transaction … reset across the transaction
        // boundary"; all static initialization code runs when the class is loaded
        const results = await runTests({
            Registry: 'public class Registry { public static List<String> mocks; }',
            Registry_Tests: `@IsTest private class Registry_Tests {
                static { Registry.mocks = new List<String>(); }
                @IsTest static void first() { Registry.mocks.add('a'); Assert.areEqual(1, Registry.mocks.size()); }
                @IsTest static void second() { Registry.mocks.add('b'); Assert.areEqual(1, Registry.mocks.size()); }
            }`
        });
        expect(results.map((r) => [r.method, r.passed, r.message ?? ''])).toEqual([
            ['first', true, ''],
            ['second', true, '']
        ]);
    });
});

describe('Overloads (Apex Developer Guide › Class Methods: methods "can be overloaded")', () => {
    it("a null field passed to an overloaded method picks the overload of the field's declared type", async () => {
        // overloads are bound by the compiler from the arguments' declared types, so a null Map<Id, SObject> field
        // still reaches the Map overload (the framework pattern of calling both overloads with one of them null)
        const out = await debug(`Handler h = new Handler(); h.run(); System.debug(h.calls);`, {
            Context:
                'public class Context { public List<SObject> rows; public Map<Id, SObject> byId { get; private set; } }',
            Handler: `public class Handler {
                    public Context input = new Context();
                    public List<String> calls = new List<String>();
                    public void run() {
                        input.rows = new List<SObject>();
                        this.handle(this.input.rows);
                        this.handle(this.input.byId);
                        handle(input.byId);
                    }
                    void handle(List<SObject> rows) { calls.add('list ' + rows.size()); }
                    void handle(Map<Id, SObject> byId) { calls.add('map ' + byId); }
                }`
        });
        expect(out).toEqual(['(list 0, map null, map null)']);
    });
});

describe('System.runAs with a new user (Apex Developer Guide › Using the runAs Method)', () => {
    const NEW_USER = `new User(Alias = 'standt', Email = 'standarduser@testorg.com', EmailEncodingKey = 'UTF-8',
        LastName = 'Testing', LanguageLocaleKey = 'en_US', LocaleSidKey = 'en_US', TimeZoneSidKey = 'America/Los_Angeles',
        UserName = uniqueUserName`;

    it("runs the guide's own example: a user never inserted becomes the running user, counted as one DML", async () => {
        const results = await runTests({
            RunAs_Tests: `@IsTest private class RunAs_Tests {
                @IsTest static void guideExample() {
                    String uniqueUserName = 'standarduser' + DateTime.now().getTime() + '@testorg.com';
                    Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User'];
                    User u = ${NEW_USER}, ProfileId = p.Id);
                    Id before = UserInfo.getUserId();
                    System.runAs(u) {
                        Assert.areEqual(uniqueUserName, UserInfo.getUserName());
                        Assert.areEqual(p.Id, UserInfo.getProfileId());
                        Assert.areNotEqual(before, UserInfo.getUserId());
                    }
                    Assert.areEqual(before, UserInfo.getUserId());
                    Assert.areEqual(1, Limits.getDmlStatements());
                }
                @IsTest static void profileByName() {
                    String uniqueUserName = 'minimum' + DateTime.now().getTime() + '@testorg.com';
                    User u = ${NEW_USER}, Profile = new Profile(Name = 'Standard User'));
                    System.runAs(u) {
                        Assert.areEqual('Standard User', [SELECT Name FROM Profile WHERE Id = :UserInfo.getProfileId()].Name);
                    }
                }
                @IsTest static void missingRequiredField() {
                    try {
                        System.runAs(new User(Alias = 'x', UserName = 'nolastname@testorg.com')) {}
                        Assert.fail('a user the insert refuses cannot be run as');
                    } catch (DmlException e) {
                        Assert.isTrue(e.getMessage().contains('REQUIRED_FIELD_MISSING'), e.getMessage());
                    }
                }
            }`
        });
        expect(results.map((r) => [r.method, r.passed, r.message ?? ''])).toEqual([
            ['guideExample', true, ''],
            ['profileByName', true, ''],
            ['missingRequiredField', true, '']
        ]);
    });
});

describe('Apex Scheduler cron year (Apex Developer Guide › Apex Scheduler: Year, optional, 1970–2099)', () => {
    it('a cron expression naming a year fires first in that year, not in the next matching day', async () => {
        const out = await debug(
            `Id jobId = System.schedule('far', '0 0 0 28 5 ? 2099', new Nightly());
            CronTrigger ct = [SELECT CronExpression, NextFireTime FROM CronTrigger WHERE Id = :jobId];
            System.debug(ct.CronExpression);
            System.debug(String.valueOf(ct.NextFireTime));
            Id nextYear = System.schedule('next', '0 30 6 1 1 ? 2027', new Nightly());
            System.debug(String.valueOf([SELECT NextFireTime FROM CronTrigger WHERE Id = :nextYear].NextFireTime));`,
            { Nightly: 'public class Nightly implements Schedulable { public void execute(SchedulableContext c) {} }' }
        );
        expect(out).toEqual(['0 0 0 28 5 ? 2099', '2099-05-28 00:00:00', '2027-01-01 06:30:00']);
    });
});

describe('String.valueOf of an object (default toString)', () => {
    it("an inner class's instance prints its own name, as trigger frameworks reading the handler name expect", async () => {
        // salesforce.stackexchange.com: `String.valueOf(new MyClassDefaultToString())` is 'MyClassDefaultToString:[]';
        // kevinohara80/sfdc-trigger-framework takes the handler name as the text before ':' of String.valueOf(this)
        const out = await debug(
            `System.debug(String.valueOf(new Outer.Handler()).substringBefore(':'));
            System.debug(String.valueOf(new Outer()));`,
            { Outer: 'public class Outer { public class Handler { Integer runs = 2; } }' }
        );
        expect(out).toEqual(['Handler', 'Outer:[]']);
    });
});

describe('Auth.SessionManagement (Apex Reference › SessionManagement Class, SessionLevel Enum)', () => {
    it('getCurrentSession in a test fails with "Current session unavailable", as the reference documents', async () => {
        const results = await runTests({
            Session_Tests: `@IsTest private class Session_Tests {
                @IsTest static void noSessionInTests() {
                    try {
                        Map<String, String> session = Auth.SessionManagement.getCurrentSession();
                        Assert.fail('a test has no session: ' + session);
                    } catch (UnexpectedException e) {
                        Assert.areEqual('Current session unavailable', e.getMessage());
                    }
                    Assert.areEqual(2, Auth.SessionLevel.HIGH_ASSURANCE.ordinal());
                    Assert.areEqual('STANDARD', Auth.SessionLevel.STANDARD.name());
                }
            }`
        });
        expect(results.map((r) => [r.passed, r.message ?? ''])).toEqual([[true, '']]);
    });

    it('the rest of the class is not modelled: it fails naming the method, uncatchably', async () => {
        const r = await execApex(
            `try { Auth.SessionManagement.setSessionLevel(Auth.SessionLevel.HIGH_ASSURANCE); } catch (Exception e) { System.debug('caught'); }`
        );
        expect(r.out).toEqual([]);
        expect(r.error).toContain(
            'UnsupportedFeature: Auth.SessionManagement.setSessionLevel (login sessions) is not modelled by the local Apex runtime'
        );
    });
});

describe('Database.query (Apex Developer Guide › Dynamic SOQL: `sObject s = Database.query(string_limit_1)`)', () => {
    it('its rows cast to one sObject take the single row, and fail as an assignment does without exactly one', async () => {
        const out = await debug(
            `insert new Account(Name = 'Acme');
            Account a = (Account) Database.query('SELECT Name FROM Account LIMIT 1');
            System.debug(a.Name);
            try { Account none = (Account) Database.query('SELECT Name FROM Account WHERE Name = \\'x\\''); }
            catch (QueryException e) { System.debug(e.getMessage()); }`
        );
        expect(out).toEqual(['Acme', 'List has no rows for assignment to SObject']);
    });
});

describe('Database query variants (Apex Reference › Database Class, QueryLocator Class, AggregateResult)', () => {
    it('getQueryLocatorWithBinds reads its binds from the map and keeps the query text for getQuery()', async () => {
        const out = await debug(
            `insert new List<Account>{ new Account(Name = 'Acme'), new Account(Name = 'Globex') };
            String soql = 'SELECT Name FROM Account WHERE Name = :name';
            Database.QueryLocator ql = Database.getQueryLocatorWithBinds(soql, new Map<String, Object>{ 'name' => 'Acme' }, AccessLevel.SYSTEM_MODE);
            System.debug(ql.getQuery());
            Database.QueryLocatorIterator it = ql.iterator();
            while (it.hasNext()) System.debug(((Account) it.next()).Name);
            System.debug(Database.getQueryLocator('SELECT Id FROM Account').getQuery());`
        );
        expect(out).toEqual(['SELECT Name FROM Account WHERE Name = :name', 'Acme', 'SELECT Id FROM Account']);
    });

    it('an AggregateResult lists its aliases with getPopulatedFieldsAsMap', async () => {
        const out = await debug(
            `insert new List<Account>{ new Account(Name = 'A', Industry = 'Energy'), new Account(Name = 'B', Industry = 'Energy') };
            AggregateResult ar = [SELECT Industry, COUNT(Id) total FROM Account GROUP BY Industry][0];
            System.debug(ar.getPopulatedFieldsAsMap());`
        );
        expect(out).toEqual(['{Industry=Energy, total=2}']);
    });

    it('Apex cursors are not modelled: they fail naming the API, uncatchably', async () => {
        const r = await execApex(
            `try { Database.getCursor('SELECT Id FROM Account'); } catch (Exception e) { System.debug('caught'); }`
        );
        expect(r.out).toEqual([]);
        expect(r.error).toContain('UnsupportedFeature: Apex cursors (Database.Cursor, Database.PaginationCursor)');
    });
});

describe('DML on an empty list (salesforce.stackexchange.com/q/19399: no governor usage)', () => {
    it('counts no DML statement or row; a list with a record counts one', async () => {
        const out = await debug(
            `insert new List<Account>();
            update new List<Account>();
            Database.insert(new List<Account>(), false);
            System.debug(Limits.getDmlStatements() + ' ' + Limits.getDmlRows());
            insert new List<Account>{ new Account(Name = 'A') };
            System.debug(Limits.getDmlStatements() + ' ' + Limits.getDmlRows());`
        );
        expect(out).toEqual(['0 0', '1 1']);
    });
});

describe('Checkbox fields read with dot notation (Salesforce R&D on salesforce.stackexchange.com/q/127548)', () => {
    it('a null checkbox reads false through dot notation and stays null for get() and the record', async () => {
        const out = await debug(
            `OpportunityContactRole r = new OpportunityContactRole(Role = 'Other');
            System.debug(r.IsPrimary);
            System.debug(r.get('IsPrimary'));
            r.IsPrimary = null;
            System.debug(r.IsPrimary == false);
            System.debug(r);`
        );
        expect(out).toEqual(['false', 'null', 'true', 'OpportunityContactRole:{Role=Other, IsPrimary=null}']);
    });
});

describe('Type.getName of a platform exception (Apex Reference › Type Class, Exception Class getTypeName)', () => {
    it('names the exception as getTypeName() does, with its System namespace', async () => {
        const out = await debug(
            `System.debug(System.IllegalArgumentException.class.getName());
            try { throw new IllegalArgumentException('x'); }
            catch (Exception e) { System.debug(e.getTypeName() == IllegalArgumentException.class.getName()); }
            System.debug(String.class.getName());
            try { throw new System.FlowException('no active flow version'); }
            catch (FlowException e) { System.debug(e.getTypeName() + ': ' + e.getMessage()); }`
        );
        // FlowException is one of the System namespace's exceptions (Exception Class and Built-In Exceptions)
        expect(out).toEqual([
            'System.IllegalArgumentException',
            'true',
            'String',
            'System.FlowException: no active flow version'
        ]);
    });
});

describe('Platform APIs not modelled fail naming the API (ConnectApi, DataWeave in Apex, inbound email, SOSL)', () => {
    it.each([
        ["ConnectApi.ChatterUsers.getUser(null, 'me');", 'ConnectApi (Chatter in Apex)'],
        ['DataWeave.Script s = new DataWeaveScriptResource.helloWorld();', 'DataWeave in Apex'],
        [
            'Messaging.InboundEnvelope env = new Messaging.InboundEnvelope();',
            'Inbound email (Messaging.InboundEnvelope)'
        ],
        ["List<List<SObject>> found = Search.query('FIND \\'Acme\\' IN ALL FIELDS RETURNING Account');", 'SOSL'],
        ["List<List<SObject>> found = [FIND 'Acme' IN ALL FIELDS RETURNING Account];", 'SOSL']
    ])('%s', async (source, api) => {
        const r = await execApex(`try { ${source} } catch (Exception e) { System.debug('caught'); }`);
        expect(r.out).toEqual([]);
        expect(r.error).toContain(`UnsupportedFeature: ${api}`);
    });
});

describe('Load errors stay load errors', () => {
    it('an unknown type is still refused', async () => {
        await expect(load(makeProject({ Broken: 'public class Broken { NoSuchType x; }' }))).rejects.toBeInstanceOf(
            LoadError
        );
    });
});

describe('AuraHandledException (Lightning Aura Components Developer Guide › Returning Errors from an Apex Server-Side Controller)', () => {
    it("reads its constructor message as 'Script-thrown exception' in Apex until setMessage", async () => {
        const out = await debug(
            `try { throw new AuraHandledException('Name is required'); } catch (AuraHandledException e) { System.debug(e.getMessage()); }
            AuraHandledException set = new AuraHandledException('Name is required');
            set.setMessage('Name is required');
            System.debug(set.getMessage());
            System.debug(new CalloutException('kept').getMessage());`
        );
        expect(out).toEqual(['Script-thrown exception', 'Name is required', 'kept']);
    });
});

describe('DMLOptions.allowFieldTruncation (Apex Reference › DMLOptions Class, SObject Class: setOptions)', () => {
    it('applies when given to Database.insert or set on the record, and only then', async () => {
        const out = await debug(
            `Database.DMLOptions o = new Database.DMLOptions();
            o.allowFieldTruncation = true;
            Account a = new Account(Name = 'x'.repeat(300));
            a.setOptions(o);
            insert a;
            System.debug([SELECT Name FROM Account WHERE Id = :a.Id].Name.length());
            System.debug(Database.insert(new Account(Name = 'y'.repeat(300)), o).isSuccess());
            try { insert new Account(Name = 'z'.repeat(300)); } catch (DmlException e) { System.debug(e.getDmlType(0)); }`
        );
        expect(out).toEqual(['255', 'true', 'STRING_TOO_LONG']);
    });
});

describe('DML with a null record (the message is not documented: see README › Known approximations)', () => {
    it('fails with a catchable exception, never an internal error', async () => {
        const out = await debug(
            `Account a = null;
            try { Database.delete(a); } catch (DmlException e) { System.debug(e.getMessage()); }
            try { delete a; } catch (DmlException e) { System.debug(e.getMessage()); }
            try { Database.delete(new List<SObject>{ a }); } catch (NullPointerException e) { System.debug(e.getMessage()); }`
        );
        expect(out).toEqual([
            'Invalid list or record: null',
            'Invalid list or record: null',
            'Argument cannot be null.'
        ]);
    });
});
