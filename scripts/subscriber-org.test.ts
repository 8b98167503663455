/**
 * The package's Apex tests that need a subscriber org's own automation: the package (force-app, config/dev) plus the
 * subscriber metadata in scripts/subscriber-org (a trigger of the org's admin that refuses some saves of the
 * package's sync requests, and the Apex tests that run against it), on the local Apex runtime. A package test cannot
 * bring such automation into the org itself, so these tests live beside the package instead of in it.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Runtime, TestRunner, type OrgConfigOverrides, type TestResult } from '../tools/apex-runtime/src';

const ROOT = join(__dirname, '..');

function subscriberProject(dir: string): string {
    for (const [link, target] of [
        ['force-app', 'force-app'],
        ['config-dev', 'config/dev'],
        ['subscriber', 'scripts/subscriber-org'],
        // the runtime's parse cache (node_modules/.cache, keyed by source) is shared with the repository's
        ['node_modules', 'node_modules']
    ])
        symlinkSync(join(ROOT, target), join(dir, link), 'dir');
    writeFileSync(
        join(dir, 'sfdx-project.json'),
        JSON.stringify({
            packageDirectories: [
                { path: 'force-app', default: true, package: 'QuickBooks Sync' },
                { path: 'config-dev', default: false },
                { path: 'subscriber', default: false }
            ],
            namespace: '',
            sourceApiVersion: '66.0'
        })
    );
    return dir;
}

/** Runs one test class of scripts/subscriber-org in an org with the given settings. */
async function runClass(projectDir: string, className: string, orgConfig: OrgConfigOverrides): Promise<TestResult[]> {
    const runtime = new Runtime({ projectDir, orgConfig });
    await runtime.load();
    const runner = new TestRunner(runtime);
    const testClass = runner.testClasses().find((c) => c.decl.n === className.toLowerCase());
    if (!testClass) throw new Error(`${className} not loaded`);
    return runner.runClass(testClass, () => undefined);
}

let workDir: string;
let results: TestResult[];
let previewResults: TestResult[];

beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'qb-subscriber-org-'));
    const projectDir = subscriberProject(workDir);
    results = await runClass(projectDir, 'QBRequestSaveRefused_Tests', {});
    previewResults = await runClass(projectDir, 'QBPreviewPrivateAccounts_Tests', {
        organizationWideDefaults: { Account: 'Private' }
    });
}, 180_000);

afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
});

it('runs every test of QBRequestSaveRefused_Tests', () => {
    expect(results.map((r) => r.method).sort()).toEqual([
        'it_should_leave_a_refused_approval_pending_log_why_and_approve_the_others',
        'it_should_leave_a_refused_rejection_pending_and_log_why',
        'it_should_log_the_invoice_of_a_dying_job_whose_request_cannot_be_saved',
        'it_should_show_the_approver_why_a_rejection_in_salesforce_was_not_saved',
        'it_should_show_the_approver_why_an_approval_in_salesforce_was_not_saved',
        'it_should_tell_slack_that_a_refused_approval_was_not_saved'
    ]);
});

it.each([
    'it_should_leave_a_refused_approval_pending_log_why_and_approve_the_others',
    'it_should_leave_a_refused_rejection_pending_and_log_why',
    'it_should_log_the_invoice_of_a_dying_job_whose_request_cannot_be_saved',
    'it_should_show_the_approver_why_a_rejection_in_salesforce_was_not_saved',
    'it_should_show_the_approver_why_an_approval_in_salesforce_was_not_saved',
    'it_should_tell_slack_that_a_refused_approval_was_not_saved'
])('%s (defect 8: a refused save of a sync request has a clear outcome)', (method) => {
    const result = results.find((r) => r.method === method)!;
    expect(result.message ?? '').toBe('');
    expect(result.passed).toBe(true);
});

it.each([
    'it_should_not_name_an_account_the_user_cannot_see',
    'it_should_name_the_other_account_to_a_user_who_can_see_it'
])('%s (the preview in an org whose Accounts are Private)', (method) => {
    const result = previewResults.find((r) => r.method === method);
    expect(result?.message ?? (result ? '' : 'not run')).toBe('');
    expect(result?.passed).toBe(true);
});
