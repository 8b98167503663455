/**
 * Conformance: platform events (Platform Events Developer Guide › Publishing Events with Apex; Testing Your
 * Platform Event in Apex: events are delivered at Test.stopTest() or Test.getEventBus().deliver()).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Runtime } from '../src/interpreter/runtime';
import { TestRunner } from '../src/interpreter/testing';
import { ManualClock } from '../src/values/clock';
import { makeProject } from './harness';

function eventProject(): string {
    const dir = makeProject({
        Notice_Tests: `@IsTest private class Notice_Tests {
            @IsTest static void deliveredAtStopTest() {
                Test.startTest();
                Database.SaveResult r = EventBus.publish(new Notice__e(Message__c = 'hello'));
                Assert.isTrue(r.isSuccess());
                Assert.areEqual(0, NoticeLog.received.size(), 'not delivered before stopTest');
                Test.stopTest();
                Assert.areEqual(new List<String>{ 'hello' }, NoticeLog.received);
            }
            @IsTest static void deliveredByTheTestBroker() {
                EventBus.publish(new List<Notice__e>{ new Notice__e(Message__c = 'a'), new Notice__e(Message__c = 'b') });
                Test.getEventBus().deliver();
                Assert.areEqual(new List<String>{ 'a', 'b' }, NoticeLog.received);
            }
            @IsTest static void eventUuidWithDefaults() {
                // Platform Events Developer Guide › Apex Publish Callbacks: an event created with
                // newSObject(null, true) has its EventUuid; one created with new has none
                Notice__e withDefaults = (Notice__e) Notice__e.SObjectType.newSObject(null, true);
                Assert.areEqual(36, withDefaults.EventUuid.length());
                Assert.isNull(new Notice__e(Message__c = 'x').EventUuid);
                Assert.areNotEqual(withDefaults.EventUuid, ((Notice__e) Notice__e.SObjectType.newSObject(null, true)).EventUuid);
            }
            @IsTest static void requiredFieldsAreCheckedAtPublish() {
                Database.SaveResult r = EventBus.publish(new Notice__e());
                Assert.isFalse(r.isSuccess());
                Assert.areEqual('Required fields are missing: [Message__c]', r.getErrors()[0].getMessage());
            }
        }`,
        NoticeLog: 'public class NoticeLog { public static List<String> received = new List<String>(); }',
        NoticeTrigger: `trigger NoticeTrigger on Notice__e (after insert) {
            for (Notice__e n : Trigger.new) { NoticeLog.received.add(n.Message__c); }
        }`
    });
    const obj = path.join(dir, 'force-app', 'main', 'default', 'objects', 'Notice__e');
    fs.mkdirSync(path.join(obj, 'fields'), { recursive: true });
    fs.writeFileSync(
        path.join(obj, 'Notice__e.object-meta.xml'),
        '<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><deploymentStatus>Deployed</deploymentStatus><eventType>HighVolume</eventType><label>Notice</label><pluralLabel>Notices</pluralLabel><publishBehavior>PublishAfterCommit</publishBehavior></CustomObject>'
    );
    fs.writeFileSync(
        path.join(obj, 'fields', 'Message__c.field-meta.xml'),
        '<?xml version="1.0" encoding="UTF-8"?><CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Message__c</fullName><label>Message</label><length>255</length><required>true</required><type>Text</type></CustomField>'
    );
    return dir;
}

describe('platform events', () => {
    it('publish returns SaveResults; triggers receive the events at stopTest or deliver(); required fields are checked', async () => {
        const rt = new Runtime({
            projectDir: eventProject(),
            clock: new ManualClock(Date.UTC(2026, 10, 26, 12)),
            orgConfig: { runningUser: { permissionSets: [] } }
        });
        await rt.load();
        const runner = new TestRunner(rt);
        const results = runner.testClasses().flatMap((c) => runner.runClass(c, () => undefined));
        expect(results.map((r) => [r.method, r.passed, r.message ?? ''])).toEqual([
            ['deliveredAtStopTest', true, ''],
            ['deliveredByTheTestBroker', true, ''],
            ['eventUuidWithDefaults', true, ''],
            ['requiredFieldsAreCheckedAtPublish', true, '']
        ]);
    });
});
