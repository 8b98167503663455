/**
 * Conformance: which code enforces record sharing in system mode (plain SOQL and DML).
 * - [KW] Apex Developer Guide, "Use the with sharing, without sharing, and inherited sharing Keywords": `with sharing`
 *   enforces the running user's sharing, `without sharing` does not; the class where the method is defined decides;
 *   `inherited sharing` takes the caller's mode and is `with sharing` at an entry point.
 * - [MODEL] Apex Developer Guide, "Apex Security and Sharing Model" (Versioned Behavior Changes, API 66.0 and
 *   earlier): a class without a keyword takes the calling class's mode, and runs `without sharing` at an entry point.
 * - [ACCESS] Apex Reference, AccessLevel Class: "In system mode … the record sharing rules are controlled by the class
 *   sharing keywords" — `WITH SYSTEM_MODE` does not lift a `with sharing` class's sharing.
 * - [RUNAS] Apex Developer Guide, "Using the runAs Method": the user's record sharing is enforced within a runAs block
 *   regardless of the test class's sharing mode; a called method runs in its own class's mode.
 * - [SHARE] Apex Developer Guide, "Enforce Sharing Rules": triggers run in system context; anonymous Apex runs with
 *   the current user's sharing rules.
 * - [DML] A DML statement on a record the user may not edit or delete fails with `INSUFFICIENT_ACCESS_OR_READONLY,
 *   insufficient access rights on object id` (the DmlException orgs report, e.g. a runAs delete in a `without
 *   sharing` test class: gist.github.com/brianmfear/e8b2e40b84af4862a643beb6bba5bebd).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Runtime } from '../src/interpreter/runtime';
import { runAnonymous } from '../src/interpreter/anonymous';
import { TestRunner, type TestResult } from '../src/interpreter/testing';
import { ManualClock } from '../src/values/clock';
import { makeProject } from './harness';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

/** A project with a Private custom object `Secret__c` (and `Secret_Note__c`, its master-detail child). */
function project(classes: Record<string, string>): string {
    const dir = makeProject(classes);
    const write = (relative: string, content: string) => {
        const file = path.join(dir, 'force-app', 'main', 'default', relative);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
    };
    write(
        'objects/Secret__c/Secret__c.object-meta.xml',
        `${XML}<CustomObject ${NS}><deploymentStatus>Deployed</deploymentStatus><label>Secret</label><nameField><label>Name</label><type>Text</type></nameField><pluralLabel>Secrets</pluralLabel><sharingModel>Private</sharingModel></CustomObject>`
    );
    write(
        'objects/Secret__c/fields/Note__c.field-meta.xml',
        `${XML}<CustomField ${NS}><fullName>Note__c</fullName><label>Note</label><length>255</length><type>Text</type></CustomField>`
    );
    return dir;
}

const USERS = `@IsTest
public class SharingUsers {
    public static User rep(String alias) {
        Id profileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id;
        User u = new User(LastName = alias, Alias = alias, Email = alias + '@example.com',
            Username = alias + '@example.com.sharing', ProfileId = profileId, TimeZoneSidKey = 'America/Los_Angeles',
            LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');
        insert u;
        return u;
    }
}`;

const CLASSES: Record<string, string> = {
    SharingUsers: USERS,
    WithReader: `public with sharing class WithReader {
        public static Integer count() { return [SELECT COUNT() FROM Secret__c]; }
        public static Integer countInSystemMode() { return [SELECT COUNT() FROM Secret__c WITH SYSTEM_MODE]; }
        public static Integer viaInherited() { return InheritedReader.count(); }
        public static Integer viaNoKeyword() { return NoKeywordReader.count(); }
        public static Integer viaWithout() { return WithoutReader.count(); }
        public static void rename(Id recordId) { update new Secret__c(Id = recordId, Name = 'renamed'); }
        public static String renamePartly(Id recordId) {
            Database.SaveResult r = Database.update(new Secret__c(Id = recordId, Name = 'renamed'), false);
            return r.isSuccess() ? 'saved' : String.valueOf(r.getErrors()[0].getStatusCode());
        }
        public static void remove(Id recordId) { delete new Secret__c(Id = recordId); }
        public without sharing class Inner {
            public Integer count() { return [SELECT COUNT() FROM Secret__c]; }
        }
    }`,
    WithoutReader: `public without sharing class WithoutReader {
        public static Integer count() { return [SELECT COUNT() FROM Secret__c]; }
        public static Integer viaInherited() { return InheritedReader.count(); }
        public static Integer viaNoKeyword() { return NoKeywordReader.count(); }
        public static Integer viaWith() { return WithReader.count(); }
        public static void rename(Id recordId) { update new Secret__c(Id = recordId, Name = 'renamed'); }
    }`,
    InheritedReader: `public inherited sharing class InheritedReader {
        public static Integer count() { return [SELECT COUNT() FROM Secret__c]; }
    }`,
    NoKeywordReader: `public class NoKeywordReader {
        public static Integer count() { return [SELECT COUNT() FROM Secret__c]; }
    }`,
    WithoutBase: `public virtual without sharing class WithoutBase {
        public Integer count() { return [SELECT COUNT() FROM Secret__c]; }
    }`,
    FromWithoutBase: `public class FromWithoutBase extends WithoutBase {}`,
    CountingJob: `public class CountingJob implements Queueable {
        public void execute(QueueableContext context) {
            insert new Secret__c(Name = 'job saw ' + [SELECT COUNT() FROM Secret__c]);
        }
    }`,
    InheritedJob: `public inherited sharing class InheritedJob implements Queueable {
        public void execute(QueueableContext context) {
            insert new Secret__c(Name = 'job saw ' + [SELECT COUNT() FROM Secret__c]);
        }
    }`,
    SecretTrigger: `trigger SecretTrigger on Secret__c (before update) {
        for (Secret__c s : Trigger.new) s.Note__c = 'trigger saw ' + [SELECT COUNT() FROM Secret__c];
    }`
};

async function runSharingTests(testClass: string): Promise<TestResult[]> {
    const rt = new Runtime({
        projectDir: project({ ...CLASSES, SharingTests: testClass }),
        clock: new ManualClock(Date.UTC(2026, 10, 26, 12)),
        out: () => undefined,
        orgConfig: { runningUser: { permissionSets: [] } }
    });
    await rt.load();
    const runner = new TestRunner(rt);
    return runner.runClass(
        runner.testClasses().find((c) => c.name === 'SharingTests')!,
        () => undefined
    );
}

function failures(results: TestResult[]): string[] {
    return results.filter((r) => !r.passed).map((r) => `${r.method}: ${r.message}`);
}

/** Two Secret__c rows the test user does not own, one it owns; `rep` is a Standard User. */
const SETUP = `
    @TestSetup static void setup() {
        insert new List<Secret__c>{ new Secret__c(Name = 'admin 1'), new Secret__c(Name = 'admin 2') };
        User rep = SharingUsers.rep('rep');
        System.runAs(rep) { insert new Secret__c(Name = 'mine'); }
    }
    static User rep() { return [SELECT Id FROM User WHERE Alias = 'rep']; }
    static Id othersId() { return [SELECT Id FROM Secret__c WHERE Name = 'admin 1'].Id; }
`;

describe('sharing keywords in system mode [KW] [MODEL] [ACCESS]', () => {
    it('filters plain SOQL by the keyword of the class that defines the method, the caller deciding the rest', async () => {
        const results = await runSharingTests(`@IsTest
        private class SharingTests {
            ${SETUP}
            @IsTest static void with_sharing_sees_only_what_the_user_may_read() {
                System.runAs(rep()) { Assert.areEqual(1, WithReader.count()); }
            }
            @IsTest static void system_mode_keeps_the_class_sharing() {
                System.runAs(rep()) { Assert.areEqual(1, WithReader.countInSystemMode()); }
            }
            @IsTest static void without_sharing_sees_everything_even_when_called_from_with_sharing() {
                System.runAs(rep()) { Assert.areEqual(3, WithReader.viaWithout()); }
            }
            @IsTest static void with_sharing_called_from_without_sharing_still_filters() {
                System.runAs(rep()) { Assert.areEqual(1, WithoutReader.viaWith()); }
            }
            @IsTest static void inherited_and_no_keyword_take_the_caller_mode() {
                System.runAs(rep()) {
                    Assert.areEqual(1, WithReader.viaInherited(), 'inherited from with sharing');
                    Assert.areEqual(1, WithReader.viaNoKeyword(), 'no keyword from with sharing');
                    Assert.areEqual(3, WithoutReader.viaInherited(), 'inherited from without sharing');
                    Assert.areEqual(3, WithoutReader.viaNoKeyword(), 'no keyword from without sharing');
                }
            }
            @IsTest static void an_inner_class_keeps_its_own_keyword_and_a_subclass_takes_its_parents() {
                System.runAs(rep()) {
                    Assert.areEqual(3, new WithReader.Inner().count(), 'inner without sharing');
                    Assert.areEqual(3, new FromWithoutBase().count(), 'extends a without sharing class');
                }
            }
            @IsTest static void outside_run_as_the_administrator_sees_everything() {
                Assert.areEqual(3, WithReader.count());
            }
        }`);
        expect(failures(results)).toEqual([]);
        expect(results).toHaveLength(7);
    });

    it('enforces sharing on the runAs block itself, whatever the test class declares [RUNAS]', async () => {
        const results = await runSharingTests(`@IsTest
        private without sharing class SharingTests {
            ${SETUP}
            @IsTest static void the_block_reads_and_writes_as_the_user() {
                System.runAs(rep()) {
                    Assert.areEqual(1, [SELECT COUNT() FROM Secret__c], 'the block itself');
                    Assert.areEqual(3, WithoutReader.count(), 'a without sharing class it calls');
                    Assert.areEqual(1, NoKeywordReader.count(), 'a class without keyword it calls');
                    try {
                        delete new Secret__c(Id = othersId());
                        Assert.fail('deleted a record the user cannot see');
                    } catch (DmlException e) {
                        Assert.areEqual(StatusCode.INSUFFICIENT_ACCESS_OR_READONLY, e.getDmlType(0));
                    }
                }
                Assert.areEqual(3, [SELECT COUNT() FROM Secret__c], 'after the block: the test class again');
            }
        }`);
        expect(failures(results)).toEqual([]);
    });

    it('refuses DML on records the user may not change, in code that enforces sharing [DML]', async () => {
        const results = await runSharingTests(`@IsTest
        private class SharingTests {
            ${SETUP}
            @IsTest static void with_sharing_update_fails() {
                // read before the block: in it, this class (no keyword) takes the block's sharing [RUNAS]
                Id others = othersId();
                System.runAs(rep()) {
                    try {
                        WithReader.rename(others);
                        Assert.fail('renamed a record the user cannot edit');
                    } catch (DmlException e) {
                        Assert.isTrue(e.getMessage().startsWith('Update failed. First exception on row 0 with id '), e.getMessage());
                        Assert.isTrue(e.getMessage().endsWith('first error: INSUFFICIENT_ACCESS_OR_READONLY, insufficient access rights on object id: []'), e.getMessage());
                    }
                    Assert.areEqual('INSUFFICIENT_ACCESS_OR_READONLY', WithReader.renamePartly(others));
                }
                Assert.areEqual('admin 1', [SELECT Name FROM Secret__c WHERE Id = :others].Name);
            }
            @IsTest static void with_sharing_delete_fails() {
                Id others = othersId();
                System.runAs(rep()) {
                    try {
                        WithReader.remove(others);
                        Assert.fail('deleted a record the user cannot delete');
                    } catch (DmlException e) {
                        Assert.areEqual(StatusCode.INSUFFICIENT_ACCESS_OR_READONLY, e.getDmlType(0));
                    }
                }
            }
            @IsTest static void with_sharing_changes_the_user_own_record() {
                System.runAs(rep()) {
                    WithReader.rename([SELECT Id FROM Secret__c WHERE Name = 'mine'].Id);
                }
                Assert.areEqual(1, [SELECT COUNT() FROM Secret__c WHERE Name = 'renamed']);
            }
            @IsTest static void without_sharing_changes_any_record() {
                Id others = othersId();
                System.runAs(rep()) { WithoutReader.rename(others); }
                Assert.areEqual('renamed', [SELECT Name FROM Secret__c WHERE Id = :others].Name);
            }
            @IsTest static void the_trigger_runs_in_system_mode() {
                Id mine = [SELECT Id FROM Secret__c WHERE Name = 'mine'].Id;
                System.runAs(rep()) { WithReader.rename(mine); }
                Assert.areEqual('trigger saw 3', [SELECT Note__c FROM Secret__c WHERE Name = 'renamed'].Note__c);
            }
        }`);
        expect(failures(results)).toEqual([]);
        expect(results).toHaveLength(5);
    });

    it('starts an async job as an entry point, running as the user who enqueued it [MODEL] [KW]', async () => {
        const results = await runSharingTests(`@IsTest
        private class SharingTests {
            ${SETUP}
            @IsTest static void a_job_without_keyword_runs_without_sharing_and_inherited_with_sharing() {
                System.runAs(rep()) {
                    Test.startTest();
                    System.enqueueJob(new CountingJob());
                    System.enqueueJob(new InheritedJob());
                    Test.stopTest();
                }
                Set<String> names = new Set<String>();
                for (Secret__c s : [SELECT Name FROM Secret__c WHERE Name LIKE 'job saw %']) names.add(s.Name);
                // no keyword: all three rows; inherited sharing: the rep's own row and the first job's
                Assert.areEqual(new Set<String>{ 'job saw 3', 'job saw 2' }, names);
            }
        }`);
        expect(failures(results)).toEqual([]);
    });

    it("runs anonymous Apex with the current user's sharing [SHARE]", async () => {
        const rt = new Runtime({
            projectDir: project(CLASSES),
            clock: new ManualClock(Date.UTC(2026, 10, 26, 12)),
            out: () => undefined,
            orgConfig: { runningUser: { permissionSets: [] } }
        });
        await rt.load();
        const setup = runAnonymous(
            rt,
            `insert new List<Secret__c>{ new Secret__c(Name = 'a'), new Secret__c(Name = 'b') };
             User rep = new User(LastName = 'rep', Alias = 'rep', Email = 'rep@example.com', Username = 'rep@example.com.anon',
                 ProfileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id, TimeZoneSidKey = 'America/Los_Angeles',
                 LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');
             insert rep;`,
            'setup.apex'
        );
        expect(setup.error).toBeNull();
        const rep = rt.org.db.rows('User').find((r) => r.slots.get('alias')?.value === 'rep')!;
        const counts: string[] = [];
        rt.setOutput((line) => counts.push(line));
        rt.org.runAs(rep.id, () => {
            rt.startNewTransaction();
            const r = runAnonymous(
                rt,
                `System.debug([SELECT COUNT() FROM Secret__c] + ' ' + NoKeywordReader.count() + ' ' + WithoutReader.count());`,
                'count.apex'
            );
            expect(r.error).toBeNull();
        });
        expect(counts).toEqual(['0 0 2']);
    });
});
