/**
 * A Slack approval click end to end on the local Apex runtime, the way an org runs it: Slack's signed POST reaches
 * QBSlackInteractionEndpoint through a Salesforce Site as the site's guest user, who holds nothing but Apex class
 * access to the endpoint (README, "Slack approvals"); the QB_Slack_Decision__e it publishes runs QBSlackDecisionTrigger
 * as the user the shipped PlatformEventSubscriberConfig names (README, "Integration user"), and every Slack call goes
 * to a local Slack stand-in through the QB_Slack named credential. Outside Apex tests the runtime refuses a callout
 * whose running user lacks the credential's principal, so a Slack call made as the guest would fail here.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
    createSite,
    ManualClock,
    receiveSiteRequest,
    runAnonymous,
    Runtime,
    type OrgConfigOverrides,
    type RestAnswer,
    type Site
} from '../tools/apex-runtime/src';
import { customMetadata, packageProject } from './engine-on-emulator';
import { SlackStandIn } from './slack-stand-in';

const ROOT = join(__dirname, '..');
const SECRET = 'slack-signing-secret';
const NOW = Date.UTC(2026, 11, 3, 15);
const APPROVER_EMAIL = 'fiona.finance@example.com';

let workDir: string;
let slack: SlackStandIn;

/** The shipped subscriber config of a platform event trigger (config/integration-user). */
function shippedSubscriberConfig(trigger: string): { platformEventConsumer: string; user: string } {
    const dir = join(ROOT, 'config', 'integration-user', 'platformEventSubscriberConfigs');
    for (const file of readdirSync(dir)) {
        const xml = readFileSync(join(dir, file), 'utf8');
        const consumer = /<platformEventConsumer>(.*?)<\/platformEventConsumer>/.exec(xml)?.[1];
        const user = /<user>(.*?)<\/user>/.exec(xml)?.[1];
        if (consumer === trigger && user) return { platformEventConsumer: consumer, user };
    }
    throw new Error(`no PlatformEventSubscriberConfig for ${trigger} in config/integration-user`);
}

function project(): string {
    // the admin's Slack setup (README, "Slack approvals", step 6)
    return packageProject(
        mkdtempSync(join(tmpdir(), 'qb-slack-click-')),
        'slack-setup',
        {
            'QB_Slack_Setting.Default.md-meta.xml': customMetadata('Default', {
                Active__c: true,
                Channel_Id__c: 'C0FINANCE1',
                Signing_Secret__c: SECRET
            })
        },
        { 'config-dev': 'config/dev' }
    );
}

interface Org {
    rt: Runtime;
    site: Site;
    integrationUsername: string;
    opportunityId: string;
}

/** The installed package: the integration user (with or without QB_Sync_Integration), an approver, a deal waiting. */
async function org(integrationPermissionSets: string[]): Promise<Org> {
    const decisionSubscriber = shippedSubscriberConfig('QBSlackDecisionTrigger');
    const config: OrgConfigOverrides = {
        loadSampleMetadata: true,
        namedCredentials: { QB_Slack: { url: slack.url } },
        platformEventSubscriberConfigs: [decisionSubscriber, shippedSubscriberConfig('QBSyncRequestedTrigger')]
    };
    const rt = new Runtime({
        projectDir: workDir,
        clock: new ManualClock(NOW),
        orgConfig: config,
        out: () => undefined
    });
    await rt.load();
    const users = runAnonymous(
        rt,
        `
        Id standard = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id;
        User integration = new User(ProfileId = [SELECT Id FROM Profile WHERE Name = 'Minimum Access - Salesforce'].Id,
            LastName = 'Integration', Email = 'integration@example.com', Username = '${decisionSubscriber.user}',
            Alias = 'integ', TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US',
            EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');
        User approver = new User(ProfileId = standard, FirstName = 'Fiona', LastName = 'Finance',
            Email = '${APPROVER_EMAIL}', Username = 'fiona@example.com.qb', Alias = 'fiona',
            TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8',
            LanguageLocaleKey = 'en_US');
        insert new List<User>{ integration, approver };
        List<PermissionSetAssignment> assignments = new List<PermissionSetAssignment>();
        for (PermissionSet permissionSet : [SELECT Id, Name FROM PermissionSet
                WHERE Name IN ('QB_Sync_Finance_Approver', ${integrationPermissionSets.map((p) => `'${p}'`).join(', ') || "''"})]) {
            assignments.add(new PermissionSetAssignment(PermissionSetId = permissionSet.Id,
                AssigneeId = permissionSet.Name == 'QB_Sync_Finance_Approver' ? approver.Id : integration.Id));
        }
        insert assignments;
        `,
        'users.apex'
    );
    expect(users.error).toBeNull();
    // a transaction of its own: setup objects (users) and other records cannot be saved together
    const data = runAnonymous(
        rt,
        `
        Account account = new Account(Name = 'Globex');
        insert account;
        Opportunity deal = new Opportunity(Name = 'Globex renewal', AccountId = account.Id, Amount = 50000,
            StageName = 'Prospecting', CloseDate = Date.today());
        insert deal;
        insert new QB_Sync_Request__c(Opportunity__c = deal.Id, Realm_Id__c = '9130350000000001', Generation__c = 1,
            Claim_Key__c = '9130350000000001|' + deal.Id + '|1', State__c = 'Pending_Approval', Attempts__c = 0,
            Trigger_Source__c = 'Manual');
        `,
        'deal.apex'
    );
    expect(data.error).toBeNull();
    const site = createSite(rt, { name: 'qbsync', apexClassAccess: ['QBSlackInteractionEndpoint'] });
    const opportunityId = rt.org.db.rows('Opportunity')[0].id;
    return { rt, site, integrationUsername: decisionSubscriber.user, opportunityId };
}

/** Slack's POST of an Approve click, signed as Slack signs it (v0 HMAC-SHA256 of `v0:<timestamp>:<body>`). */
function approveClick(opportunityId: string, secret = SECRET) {
    const payload = JSON.stringify({
        type: 'block_actions',
        user: { id: 'U0FIONA' },
        container: { channel_id: 'C0FINANCE1', message_ts: '1700000000.000100' },
        message: { text: 'QuickBooks invoice waiting for approval' },
        actions: [{ action_id: 'qb_approve', value: opportunityId }]
    });
    const body = 'payload=' + encodeURIComponent(payload).replace(/%20/g, '+');
    const timestamp = String(Math.floor(NOW / 1000));
    const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
    return {
        method: 'POST' as const,
        path: '/qbsync/slack/interactions',
        headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'X-Slack-Request-Timestamp': timestamp,
            'X-Slack-Signature': signature
        },
        body
    };
}

function field(rt: Runtime, id: string, name: string): unknown {
    return rt.org.db.get(id)?.slots.get(name.toLowerCase())?.value ?? null;
}

function logSummaries(rt: Runtime): string[] {
    return rt.org.db.rows('QB_Sync_Log__c').map((r) => String(r.slots.get('summary__c')?.value ?? ''));
}

beforeAll(async () => {
    workDir = project();
    slack = await SlackStandIn.start(APPROVER_EMAIL);
}, 30_000);

afterAll(() => {
    slack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
});

it('applies a click the guest user received, with every Slack call made as the integration user', async () => {
    const { rt, site, opportunityId } = await org(['QB_Sync_Integration']);
    const before = (await slack.calls()).length;

    const answer: RestAnswer = receiveSiteRequest(rt, site, approveClick(opportunityId));

    expect(answer.statusCode).toBe(200);
    const calls = (await slack.calls()).slice(before);
    expect(calls.map((c) => `${c.method} ${c.path.split('?')[0]}`)).toEqual(['GET /users.info', 'POST /chat.update']);
    const update = JSON.parse(calls[1].body) as { channel: string; ts: string; text: string };
    expect(update.channel).toBe('C0FINANCE1');
    expect(update.text).toContain(':white_check_mark: Approved by Fiona Finance');
    const approver = rt.org.db.rows('User').find((r) => r.slots.get('email')?.value === APPROVER_EMAIL)!;
    expect(field(rt, opportunityId, 'QB_Approved_By__c')).toBe(approver.id);
    expect(logSummaries(rt).filter((s) => s.includes("couldn't access the credential"))).toEqual([]);
}, 60_000);

it('leaves a clear log row naming what to grant when the integration user may not use the Slack credential', async () => {
    const { rt, site, opportunityId, integrationUsername } = await org([]);
    const before = (await slack.calls()).length;

    const answer = receiveSiteRequest(rt, site, approveClick(opportunityId));

    expect(answer.statusCode).toBe(200);
    expect((await slack.calls()).slice(before)).toEqual([]);
    expect(field(rt, opportunityId, 'QB_Approved_By__c')).toBeNull();
    const notApplied = logSummaries(rt).filter((s) => s.startsWith('Slack click not applied'));
    expect(notApplied).toHaveLength(1);
    const integration = rt.org.db.rows('User').find((r) => r.slots.get('username')?.value === integrationUsername)!;
    // the summary holds 255 characters: what to do comes first, the platform's error after it
    expect(notApplied[0]).toContain(
        `Slack could not be called as Integration (${integration.id}, the QB_Slack_Decision_Subscriber user): if that user lacks QB_Sync_Integration (the Slack credential principal), assign it. no response (We couldn't access the credent`
    );
}, 60_000);

it('publishes nothing for a click whose signature does not match', async () => {
    const { rt, site, opportunityId } = await org(['QB_Sync_Integration']);
    const before = (await slack.calls()).length;

    const answer = receiveSiteRequest(rt, site, approveClick(opportunityId, 'forged-secret'));

    expect(answer.statusCode).toBe(401);
    expect((await slack.calls()).slice(before)).toEqual([]);
    expect(field(rt, opportunityId, 'QB_Approved_By__c')).toBeNull();
    expect(logSummaries(rt)).toEqual(['Slack click refused: The Slack signature does not match.']);
}, 60_000);
