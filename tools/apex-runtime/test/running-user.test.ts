/**
 * Conformance: who Apex runs as outside the user's own transaction, and what that user may call out with.
 * - Platform event triggers run as the Automated Process user, or as the user and batch size a
 *   PlatformEventSubscriberConfig names (Platform Events Developer Guide, "Configure the User and Batch Size for Your
 *   Platform Event Trigger with PlatformEventSubscriberConfig").
 * - Publish After Commit events are published only when the transaction commits; Publish Immediately ones even when
 *   it rolls back (Platform Events Developer Guide, "Platform Event Fields").
 * - A queued job runs as the user who enqueued it.
 * - A callout through a named credential needs a permission set granting a principal of its external credential
 *   (Salesforce Help, "Enable External Credential Principals", "Troubleshooting for Named Credentials").
 */
import * as fs from 'fs';
import * as path from 'path';
import { Runtime } from '../src/interpreter/runtime';
import { runAnonymous } from '../src/interpreter/anonymous';
import { ManualClock } from '../src/values/clock';
import type { OrgConfigOverrides } from '../src/org/config';
import { makeProject } from './harness';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function write(dir: string, relative: string, content: string): void {
    const file = path.join(dir, 'force-app', 'main', 'default', relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
}

function platformEvent(dir: string, name: string, publishBehavior: string): void {
    write(
        dir,
        `objects/${name}/${name}.object-meta.xml`,
        `${XML}<CustomObject ${NS}><deploymentStatus>Deployed</deploymentStatus><eventType>HighVolume</eventType><label>${name}</label><pluralLabel>${name}</pluralLabel><publishBehavior>${publishBehavior}</publishBehavior></CustomObject>`
    );
    write(
        dir,
        `objects/${name}/fields/Message__c.field-meta.xml`,
        `${XML}<CustomField ${NS}><fullName>Message__c</fullName><label>Message</label><length>255</length><required>false</required><type>Text</type></CustomField>`
    );
}

function project(): string {
    const dir = makeProject({
        Received: `public class Received {
            public static void log(String what, Integer size) {
                System.debug('RECEIVED ' + what + ' as ' + UserInfo.getUserName() + ' (' + [SELECT UserType FROM User WHERE Id = :UserInfo.getUserId()].UserType + ') batch ' + size);
            }
        }`,
        AfterCommitTrigger: `trigger AfterCommitTrigger on After_Commit__e (after insert) {
            Received.log('after-commit ' + Trigger.new[0].Message__c, Trigger.new.size());
        }`,
        ImmediateTrigger: `trigger ImmediateTrigger on Immediate__e (after insert) {
            Received.log('immediate ' + Trigger.new[0].Message__c, Trigger.new.size());
        }`,
        WhoAmI: `public class WhoAmI implements Queueable {
            public void execute(QueueableContext context) { System.debug('JOB as ' + UserInfo.getUserName()); }
        }`
    });
    platformEvent(dir, 'After_Commit__e', 'PublishAfterCommit');
    platformEvent(dir, 'Immediate__e', 'PublishImmediately');
    write(
        dir,
        'externalCredentials/Books.externalCredential-meta.xml',
        `${XML}<ExternalCredential ${NS}><authenticationProtocol>Custom</authenticationProtocol><externalCredentialParameters><parameterGroup>Company</parameterGroup><parameterName>Company</parameterName><parameterType>NamedPrincipal</parameterType><sequenceNumber>1</sequenceNumber></externalCredentialParameters><label>Books</label></ExternalCredential>`
    );
    write(
        dir,
        'namedCredentials/Books_Api.namedCredential-meta.xml',
        `${XML}<NamedCredential ${NS}><label>Books API</label><generateAuthorizationHeader>false</generateAuthorizationHeader><namedCredentialParameters><parameterName>Url</parameterName><parameterType>Url</parameterType><parameterValue>https://books.example.com</parameterValue></namedCredentialParameters><namedCredentialParameters><externalCredential>Books</externalCredential><parameterName>ExternalCredential</parameterName><parameterType>Authentication</parameterType></namedCredentialParameters><namedCredentialType>SecuredEndpoint</namedCredentialType></NamedCredential>`
    );
    write(
        dir,
        'permissionsets/Books_Caller.permissionset-meta.xml',
        `${XML}<PermissionSet ${NS}><externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipal>Books-Company</externalCredentialPrincipal></externalCredentialPrincipalAccesses><label>Books Caller</label></PermissionSet>`
    );
    return dir;
}

async function runtime(config: OrgConfigOverrides = {}): Promise<{ rt: Runtime; out: string[] }> {
    const out: string[] = [];
    const rt = new Runtime({
        projectDir: project(),
        clock: new ManualClock(Date.UTC(2026, 10, 26, 12)),
        out: (line) => out.push(line),
        orgConfig: { runningUser: { permissionSets: [] }, ...config }
    });
    await rt.load();
    return { rt, out };
}

const INSERT_USER = (username: string, permissionSet: string | null) => `
    User u = new User(ProfileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id, LastName = 'Ivy',
        Email = 'ivy@example.com', Username = '${username}', Alias = 'ivy', TimeZoneSidKey = 'America/Los_Angeles',
        LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');
    insert u;
    ${
        permissionSet
            ? `insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = '${permissionSet}'].Id);`
            : ''
    }`;

function userIdOf(rt: Runtime, username: string): string {
    return rt.org.db.rows('User').find((r) => r.slots.get('username')?.value === username)!.id;
}

const received = (out: string[]) => out.filter((l) => l.includes('RECEIVED') || l.includes('JOB as'));

describe('running users of platform event triggers and queued jobs', () => {
    it('runs a platform event trigger as the Automated Process user when no subscriber config names a user', async () => {
        const { rt, out } = await runtime();
        const r = runAnonymous(rt, `EventBus.publish(new After_Commit__e(Message__c = 'won'));`, 'a.apex');
        expect(r.error).toBeNull();
        expect(received(out)).toEqual([
            expect.stringMatching(/RECEIVED after-commit won as autoproc@00D\w{15} \(AutomatedProcess\) batch 1$/)
        ]);
    });

    it('runs it as the user and in the batch size a PlatformEventSubscriberConfig names', async () => {
        const { rt, out } = await runtime({
            platformEventSubscriberConfigs: [
                { platformEventConsumer: 'AfterCommitTrigger', user: 'ivy@example.com.int', batchSize: 2 }
            ]
        });
        expect(runAnonymous(rt, INSERT_USER('ivy@example.com.int', null), 'u.apex').error).toBeNull();
        const r = runAnonymous(
            rt,
            `EventBus.publish(new List<After_Commit__e>{ new After_Commit__e(Message__c = '1'), new After_Commit__e(Message__c = '2'), new After_Commit__e(Message__c = '3') });`,
            'a.apex'
        );
        expect(r.error).toBeNull();
        expect(received(out)).toEqual([
            expect.stringMatching(/RECEIVED after-commit 1 as ivy@example.com.int .* batch 2$/),
            expect.stringMatching(/RECEIVED after-commit 3 as ivy@example.com.int .* batch 1$/)
        ]);
    });

    it('drops a Publish After Commit event when its transaction rolls back, and delivers a Publish Immediately one', async () => {
        const { rt, out } = await runtime();
        const r = runAnonymous(
            rt,
            `EventBus.publish(new After_Commit__e(Message__c = 'lost'));
             EventBus.publish(new Immediate__e(Message__c = 'kept'));
             throw new IllegalArgumentException('the save fails');`,
            'a.apex'
        );
        expect(r.error).toContain('the save fails');
        expect(received(out)).toEqual([expect.stringMatching(/RECEIVED immediate kept as autoproc@/)]);
    });

    it('runs a queued job as the user who enqueued it, not as whoever runs next', async () => {
        const { rt, out } = await runtime();
        expect(runAnonymous(rt, INSERT_USER('rep@example.com.int', null), 'u.apex').error).toBeNull();
        rt.org.runAs(userIdOf(rt, 'rep@example.com.int'), () => {
            runAnonymous(rt, `System.enqueueJob(new WhoAmI());`, 'e.apex', { runAsyncWork: false });
        });
        rt.async.drain({ includeScheduled: false });
        expect(received(out)).toEqual(['JOB as rep@example.com.int']);
    });
});

describe('callouts through a named credential', () => {
    const CALL = `HttpRequest req = new HttpRequest(); req.setEndpoint('callout:Books_Api/invoices'); req.setMethod('GET');
        try { new Http().send(req); System.debug('SENT'); } catch (CalloutException e) { System.debug('REFUSED ' + e.getMessage()); }`;
    const config: OrgConfigOverrides = { namedCredentials: { Books_Api: { url: 'http://127.0.0.1:9' } } };

    it('fails before sending when no permission set of the running user grants a principal of its external credential', async () => {
        const { rt, out } = await runtime(config);
        expect(runAnonymous(rt, CALL, 'c.apex').error).toBeNull();
        expect(out.filter((l) => l.includes('REFUSED') || l.includes('SENT'))).toEqual([
            expect.stringContaining(
                `REFUSED We couldn't access the credential(s). You might not have the required permissions, or the external credential "Books" might not exist.`
            )
        ]);
    });

    it('lets the callout go out for a user holding the principal', async () => {
        const { rt, out } = await runtime(config);
        expect(runAnonymous(rt, INSERT_USER('caller@example.com.int', 'Books_Caller'), 'u.apex').error).toBeNull();
        rt.org.runAs(userIdOf(rt, 'caller@example.com.int'), () => {
            expect(runAnonymous(rt, CALL, 'c.apex').error).toBeNull();
        });
        // nothing listens on port 9: the request left, and the transport failed instead of the credential check
        expect(out.filter((l) => l.includes('REFUSED') || l.includes('SENT'))).toEqual([
            expect.not.stringContaining("couldn't access the credential")
        ]);
    });
});
