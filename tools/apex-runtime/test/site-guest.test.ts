/**
 * Conformance: a Salesforce Site's guest user as the running user of an unauthenticated Apex REST request.
 * - The request runs as the site's guest user: UserType Guest, profile "<label> Profile" on the Guest User License
 *   (Salesforce Help, "Guest User Security Policies and Timelines").
 * - The guest runs only the Apex classes its profile or an assigned permission set enables; any other is refused
 *   with 403 FORBIDDEN before Apex runs (Experience Cloud Developer Guide, "Limit Access to Apex Classes").
 * - Guests' organization-wide defaults are Private and only guest sharing rules share records with them; they cannot
 *   hold edit, delete, View All or Modify All on objects (Salesforce Help, "Guest User Security Policies and
 *   Timelines"). System mode, as in a `without sharing` class, still reads everything.
 * - A callout through a named credential needs a principal the guest's permission sets grant (Salesforce Help,
 *   "Enable External Credential Principals"); a platform event the guest publishes runs its trigger as the user of
 *   the trigger's PlatformEventSubscriberConfig (Platform Events Developer Guide, "Configure the User and Batch Size
 *   for Your Platform Event Trigger with PlatformEventSubscriberConfig").
 */
import * as fs from 'fs';
import * as path from 'path';
import { Runtime } from '../src/interpreter/runtime';
import { runAnonymous } from '../src/interpreter/anonymous';
import { ManualClock } from '../src/values/clock';
import { createSite, receiveSiteRequest, type Site } from '../src/rest/site';
import { makeProject } from './harness';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function write(dir: string, relative: string, content: string): void {
    const file = path.join(dir, 'force-app', 'main', 'default', relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
}

function project(): string {
    const dir = makeProject({
        Hook: `@RestResource(urlMapping='/hook')
        global without sharing class Hook {
            @HttpPost
            global static void receive() {
                User me = [SELECT UserType, Profile.Name, Profile.UserLicense.Name FROM User WHERE Id = :UserInfo.getUserId()];
                String called;
                HttpRequest req = new HttpRequest();
                req.setEndpoint('callout:Books_Api/ping');
                req.setMethod('GET');
                try { new Http().send(req); called = 'SENT'; } catch (CalloutException e) { called = 'REFUSED ' + e.getMessage(); }
                EventBus.publish(new Click__e(Message__c = 'clicked'));
                RestContext.response.responseBody = Blob.valueOf(UserInfo.getUserType() + '|' + me.Profile.Name + '|' +
                    me.Profile.UserLicense.Name + '|' + called);
            }
        }`,
        Hidden: `@RestResource(urlMapping='/hidden')
        global class Hidden {
            @HttpPost
            global static void receive() { System.debug('HIDDEN RAN'); }
        }`,
        Reader: `@RestResource(urlMapping='/reader')
        global without sharing class Reader {
            @HttpPost
            global static void receive() {
                String userMode;
                try { userMode = String.valueOf([SELECT COUNT() FROM Account WITH USER_MODE]); } catch (QueryException e) { userMode = 'refused'; }
                RestContext.response.responseBody = Blob.valueOf(
                    userMode + '|' + [SELECT COUNT() FROM Account] + '|' +
                    Schema.SObjectType.Account.isAccessible() + '|' + Schema.SObjectType.Account.isCreateable() + '|' +
                    Schema.SObjectType.Account.isUpdateable() + '|' + Schema.SObjectType.Account.isDeletable());
            }
        }`,
        ClickTrigger: `trigger ClickTrigger on Click__e (after insert) {
            System.debug('CLICK as ' + UserInfo.getUserName() + ' (' + UserInfo.getUserType() + ')');
        }`
    });
    write(
        dir,
        'objects/Click__e/Click__e.object-meta.xml',
        `${XML}<CustomObject ${NS}><deploymentStatus>Deployed</deploymentStatus><eventType>HighVolume</eventType><label>Click</label><pluralLabel>Clicks</pluralLabel><publishBehavior>PublishAfterCommit</publishBehavior></CustomObject>`
    );
    write(
        dir,
        'objects/Click__e/fields/Message__c.field-meta.xml',
        `${XML}<CustomField ${NS}><fullName>Message__c</fullName><label>Message</label><length>255</length><required>false</required><type>Text</type></CustomField>`
    );
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
    write(
        dir,
        'permissionsets/Account_Everything.permissionset-meta.xml',
        `${XML}<PermissionSet ${NS}><label>Account Everything</label><objectPermissions><allowCreate>true</allowCreate><allowDelete>true</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>true</modifyAllRecords><object>Account</object><viewAllRecords>true</viewAllRecords></objectPermissions></PermissionSet>`
    );
    write(
        dir,
        'permissionsets/Hidden_Caller.permissionset-meta.xml',
        `${XML}<PermissionSet ${NS}><classAccesses><apexClass>Hidden</apexClass><enabled>true</enabled></classAccesses><label>Hidden Caller</label></PermissionSet>`
    );
    return dir;
}

async function site(subscriber?: string): Promise<{ rt: Runtime; out: string[]; site: Site }> {
    const out: string[] = [];
    const rt = new Runtime({
        projectDir: project(),
        clock: new ManualClock(Date.UTC(2026, 10, 26, 12)),
        out: (line) => out.push(line),
        orgConfig: {
            runningUser: { permissionSets: [] },
            // nothing listens on port 9: a callout that passes the credential check fails in transport instead
            namedCredentials: { Books_Api: { url: 'http://127.0.0.1:9' } },
            platformEventSubscriberConfigs: subscriber
                ? [{ platformEventConsumer: 'ClickTrigger', user: subscriber }]
                : []
        }
    });
    await rt.load();
    return { rt, out, site: createSite(rt, { name: 'hooks', label: 'Hooks', apexClassAccess: ['Hook', 'Reader'] }) };
}

function assign(rt: Runtime, userId: string, permissionSet: string): void {
    const r = runAnonymous(
        rt,
        `insert new PermissionSetAssignment(AssigneeId = '${userId}', PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = '${permissionSet}'].Id);`,
        'assign.apex'
    );
    expect(r.error).toBeNull();
}

const post = (p: string) => ({ method: 'POST' as const, path: p, headers: {}, body: '' });

describe('a Site guest user as the running user of Apex REST', () => {
    it('runs the request as the site guest user, on its guest user profile and license', async () => {
        const { rt, site: hooks } = await site();

        const answer = receiveSiteRequest(rt, hooks, post('/hook'));

        expect(answer.statusCode).toBe(200);
        expect(answer.body.split('|').slice(0, 3)).toEqual(['Guest', 'Hooks Profile', 'Guest User License']);
    });

    it('refuses a class neither the guest profile nor a permission set of the guest enables, before any Apex runs', async () => {
        const { rt, out, site: hooks } = await site();

        const refused = receiveSiteRequest(rt, hooks, post('/hidden'));
        assign(rt, hooks.guestUserId, 'Hidden_Caller');
        const allowed = receiveSiteRequest(rt, hooks, post('/hidden'));

        expect(refused.statusCode).toBe(403);
        expect(JSON.parse(refused.body)).toEqual([
            { errorCode: 'FORBIDDEN', message: 'You do not have access to the Apex class named: Hidden' }
        ]);
        expect(allowed.statusCode).toBe(200);
        expect(out.filter((l) => l.includes('HIDDEN RAN'))).toHaveLength(1);
    });

    it("fails the guest's callout through a named credential whose principal no permission set of the guest grants", async () => {
        const { rt, site: hooks } = await site();

        const without = receiveSiteRequest(rt, hooks, post('/hook'));
        assign(rt, hooks.guestUserId, 'Books_Caller');
        const withPrincipal = receiveSiteRequest(rt, hooks, post('/hook'));

        expect(without.body.split('|')[3]).toBe(
            `REFUSED We couldn't access the credential(s). You might not have the required permissions, or the external credential "Books" might not exist.`
        );
        expect(withPrincipal.body.split('|')[3]).not.toContain("couldn't access the credential");
    });

    it('gives the guest no record through sharing and no edit or delete permission, whatever its permission sets say', async () => {
        const { rt, site: hooks } = await site();
        expect(runAnonymous(rt, `insert new Account(Name = 'Public Read/Write');`, 'account.apex').error).toBeNull();

        const bare = receiveSiteRequest(rt, hooks, post('/reader'));
        assign(rt, hooks.guestUserId, 'Account_Everything');
        const granted = receiveSiteRequest(rt, hooks, post('/reader'));

        // user-mode count | system-mode count | accessible | createable | updateable | deletable
        expect(bare.error).toBeNull();
        expect(bare.body).toBe('refused|1|false|false|false|false');
        expect(granted.body).toBe('0|1|true|true|false|false');
    });

    it('runs the trigger of an event the guest publishes as the subscriber, never as the guest', async () => {
        const { rt, out, site: hooks } = await site('integration@example.com.qb');
        const insert = runAnonymous(
            rt,
            `insert new User(ProfileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id, LastName = 'Integration',
                Email = 'integration@example.com', Username = 'integration@example.com.qb', Alias = 'integ',
                TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8',
                LanguageLocaleKey = 'en_US');`,
            'user.apex'
        );
        expect(insert.error).toBeNull();

        receiveSiteRequest(rt, hooks, post('/hook'));

        expect(out.filter((l) => l.startsWith('CLICK'))).toEqual(['CLICK as integration@example.com.qb (Standard)']);
    });
});
