/**
 * Why QB_Sync_Sales_User and QB_Sync_Finance_Approver hold no Slack credential principal (docs/permissions.md):
 * nothing a rep or an approver does calls Slack. Runs the package on the local Apex runtime outside Apex tests, where
 * a callout through a named credential whose external credential principal the running user lacks is refused as in
 * an org, against a local Slack stand-in that records every call. A rep presses Sync on a deal above the approval
 * threshold and an approver approves it: no Slack call and no refused credential. The approval request reaches Slack
 * from the notifier an admin schedules (QB_Sync_Admin holds the principal); the same notifier run as a rep is refused,
 * which is what would happen to any rep action that called Slack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, runAnonymous, Runtime } from '../tools/apex-runtime/src';
import { customMetadata, packageProject } from './engine-on-emulator';
import { SlackStandIn } from './slack-stand-in';

const NOW = Date.UTC(2026, 11, 3, 15);
const REFUSED_CREDENTIAL = "We couldn't access the credential";

let workDir: string;
let slack: SlackStandIn;

/** The package with the sample company (config/dev) and Slack approvals switched on. */
function project(): string {
    return packageProject(
        mkdtempSync(join(tmpdir(), 'qb-sales-user-')),
        'slack-setup',
        {
            'QB_Slack_Setting.Default.md-meta.xml': customMetadata('Default', {
                Active__c: true,
                Channel_Id__c: 'C0FINANCE1',
                Signing_Secret__c: 'slack-signing-secret'
            })
        },
        { 'config-dev': 'config/dev' }
    );
}

interface Org {
    rt: Runtime;
    users: Record<'rep' | 'approver' | 'admin', string>;
    opportunityId: string;
}

/** A rep, an approver and an admin, each holding only their role's permission set, and the rep's won deal. */
async function org(): Promise<Org> {
    const rt = new Runtime({
        projectDir: workDir,
        clock: new ManualClock(NOW),
        orgConfig: { loadSampleMetadata: true, namedCredentials: { QB_Slack: { url: slack.url } } },
        out: () => undefined
    });
    await rt.load();
    const setup = runAnonymous(
        rt,
        `
        Id standard = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id;
        Map<String, String> roles = new Map<String, String>{
            'rep' => 'QB_Sync_Sales_User', 'approver' => 'QB_Sync_Finance_Approver', 'admin' => 'QB_Sync_Admin' };
        List<User> users = new List<User>();
        for (String role : roles.keySet()) {
            users.add(new User(ProfileId = standard, LastName = role, Email = role + '@example.com',
                Username = role + '@example.com.qb', Alias = role.left(8), TimeZoneSidKey = 'America/Los_Angeles',
                LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US'));
        }
        insert users;
        Map<String, Id> permissionSets = new Map<String, Id>();
        for (PermissionSet permissionSet : [SELECT Id, Name FROM PermissionSet WHERE Name IN :roles.values()]) {
            permissionSets.put(permissionSet.Name, permissionSet.Id);
        }
        List<PermissionSetAssignment> assignments = new List<PermissionSetAssignment>();
        for (User user : users) {
            assignments.add(new PermissionSetAssignment(AssigneeId = user.Id,
                PermissionSetId = permissionSets.get(roles.get(user.LastName))));
        }
        insert assignments;
        `,
        'users.apex'
    );
    expect(setup.error).toBeNull();
    const userId = (role: string) =>
        rt.org.db.rows('User').find((r) => r.slots.get('username')?.value === `${role}@example.com.qb`)!.id;
    const users = { rep: userId('rep'), approver: userId('approver'), admin: userId('admin') };
    // the rep's own deal, above the approval threshold (25,000 in config/dev's QB Sync Setting)
    const deal = asUser(
        rt,
        users.rep,
        `
        Account account = new Account(Name = 'Globex');
        insert account;
        Opportunity deal = new Opportunity(Name = 'Globex renewal', AccountId = account.Id, Amount = 50000,
            StageName = 'Closed Won', CloseDate = Date.today());
        insert deal;
        `
    );
    expect(deal.error).toBeNull();
    return { rt, users, opportunityId: rt.org.db.rows('Opportunity')[0].id };
}

/** Runs Apex as the user, as a request of theirs would; the jobs it starts stay queued. */
function asUser(rt: Runtime, userId: string, source: string) {
    let result: ReturnType<typeof runAnonymous> | undefined;
    rt.org.runAsUser(userId, () => {
        result = runAnonymous(rt, source, 'request.apex', { runAsyncWork: false });
    });
    return result!;
}

function logSummaries(rt: Runtime): string[] {
    return rt.org.db.rows('QB_Sync_Log__c').map((r) => String(r.slots.get('summary__c')?.value ?? ''));
}

function requestState(rt: Runtime): unknown {
    return rt.org.db.rows('QB_Sync_Request__c')[0]?.slots.get('state__c')?.value ?? null;
}

beforeAll(async () => {
    workDir = project();
    slack = await SlackStandIn.start();
}, 30_000);

afterAll(() => {
    slack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
});

it('lets a rep press Sync and an approver approve without either calling Slack', async () => {
    const { rt, users, opportunityId } = await org();
    const before = (await slack.calls()).length;

    const pressed = asUser(rt, users.rep, `QBSyncController.syncNow('${opportunityId}');`);
    expect(pressed.error).toBeNull();
    expect(requestState(rt)).toBe('Pending_Approval');
    const approved = asUser(rt, users.approver, `QBApprovalController.approve('${opportunityId}');`);
    expect(approved.error).toBeNull();
    expect(requestState(rt)).toBe('Queued');

    expect((await slack.calls()).slice(before)).toEqual([]);
    expect(logSummaries(rt).filter((s) => s.includes(REFUSED_CREDENTIAL))).toEqual([]);
}, 60_000);

it("posts the rep's approval request from the admin's scheduled notifier, which holds the Slack principal", async () => {
    const { rt, users, opportunityId } = await org();
    expect(asUser(rt, users.rep, `QBSyncController.syncNow('${opportunityId}');`).error).toBeNull();
    const before = (await slack.calls()).length;

    const posted = asUser(rt, users.admin, 'Assert.areEqual(1, QBSlackApprovalNotifier.postPending());');

    expect(posted.error).toBeNull();
    expect((await slack.calls()).slice(before).map((c) => `${c.method} ${c.path}`)).toEqual(['POST /chat.postMessage']);
}, 60_000);

it('refuses a Slack call made as a rep, so a rep action that called Slack would fail here', async () => {
    const { rt, users, opportunityId } = await org();
    expect(asUser(rt, users.rep, `QBSyncController.syncNow('${opportunityId}');`).error).toBeNull();
    const before = (await slack.calls()).length;

    const posted = asUser(rt, users.rep, 'Assert.areEqual(0, QBSlackApprovalNotifier.postPending());');

    expect(posted.error).toBeNull();
    expect((await slack.calls()).slice(before)).toEqual([]);
    expect(logSummaries(rt).filter((s) => s.includes(REFUSED_CREDENTIAL))).toHaveLength(1);
}, 60_000);
