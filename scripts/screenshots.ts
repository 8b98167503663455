/**
 * `npm run screenshots`: starts the playground on free ports with fresh data, walks every page and state a reviewer
 * looks at, and writes a full-page PNG of each at desktop (1440 px) and narrow (800 px) width into
 * test-output/screenshots/ (`<state>-<width>.png`). For review in every change that touches the UI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startPlayground, type Playground } from '../tools/playground/src/playground';
import { chromiumMissing, launchChromium, pageShows, VIEWPORTS } from '../tools/playground/test/browser';

const REPO = path.resolve(__dirname, '..');
const OUTPUT = path.join(REPO, 'test-output', 'screenshots');
const SETTLE_MS = 1500;

interface Deal {
    Id: string;
    Name: string;
}

/** One page per width, each loaded at its own width (components lay out on load, as they do for a visitor). */
type Pages = Page[];

/** A dialog is captured as the window shows it: a full-page image would extend the page past its fixed backdrop. */
async function capture(pages: Pages, state: string, dialog = false): Promise<void> {
    for (const [i, page] of pages.entries()) {
        const file = path.join(OUTPUT, `${state}-${VIEWPORTS[i].name}.png`);
        await page.screenshot({ path: file, fullPage: !dialog });
        process.stdout.write(`  ${path.relative(REPO, file)}\n`);
    }
}

/** Opens `url` at every width, brings each page into the state (`prepare`), and captures it. */
async function shoot(
    pages: Pages,
    state: string,
    url: string,
    prepare: (page: Page) => Promise<void>,
    dialog = false
): Promise<void> {
    for (const page of pages) {
        await page.goto(url);
        await prepare(page);
        // let the last wire deliveries and re-renders land
        await page.waitForTimeout(SETTLE_MS);
    }
    await capture(pages, state, dialog);
}

const panelLoaded = (page: Page) =>
    page.locator('c-qb-sync-panel [data-id="status-badge"]').waitFor({ timeout: 20000 });

async function walk(pages: Pages, playground: Playground): Promise<void> {
    const base = playground.url;
    const deals = (await (await fetch(`${base}/api/opportunities`)).json()) as Deal[];
    const deal = (prefix: string): Deal => {
        const found = deals.find((d) => d.Name.startsWith(prefix));
        if (!found) throw new Error(`no seeded deal starting with ${prefix}`);
        return found;
    };
    const recordUrl = (d: Deal) => `${base}/lightning/r/Opportunity/${d.Id}/view`;
    const [desktop] = pages;

    await shoot(pages, '01-opportunities', `${base}/lightning/o/Opportunity/list`, (page) =>
        page.getByRole('link', { name: /O'Brien & Sons — consulting/ }).waitFor({ timeout: 20000 })
    );

    await shoot(pages, '01b-new-opportunity', `${base}/lightning/o/Opportunity/list`, async (page) => {
        await page.getByRole('button', { name: 'New opportunity' }).click();
        await page.locator('[data-id="new-opportunity"]').waitFor({ timeout: 20000 });
    });

    const obrien = deal("O'Brien & Sons — consulting");
    await shoot(pages, '02-record-open', recordUrl(obrien), panelLoaded);
    await shoot(pages, '03-record-preview', recordUrl(obrien), async (page) => {
        await panelLoaded(page);
        await page.locator('c-qb-sync-panel').getByRole('button', { name: 'Preview' }).click();
        await page.locator('c-qb-sync-panel [data-id="preview"]').waitFor({ timeout: 20000 });
    });

    // Closed Won on the stage path: a deal per width, so each page sees its own sync queued and landing
    const won = [obrien, deal('Café Zürich')];
    for (const [i, page] of pages.entries()) {
        await page.goto(recordUrl(won[i]));
        await panelLoaded(page);
    }
    await Promise.all(pages.map((page) => page.getByRole('option', { name: 'Closed Won' }).click()));
    const badge = (page: Page, text: RegExp) =>
        page.locator('c-qb-sync-panel [data-id="status-badge"]').filter({ hasText: text }).waitFor({ timeout: 30000 });
    await Promise.all(pages.map((page) => badge(page, /^\s*Queued\s*$/)));
    await capture(pages, '04-record-closed-won-queued');
    await Promise.all(pages.map((page) => badge(page, /^\s*Synced\s*$/)));
    await desktop.waitForTimeout(SETTLE_MS);
    await capture(pages, '05-record-synced');

    await shoot(pages, '05b-record-invoice-pdf-attached', recordUrl(obrien), async (page) => {
        await panelLoaded(page);
        await page.locator('c-qb-sync-panel').getByRole('button', { name: 'Attach invoice PDF' }).click();
        await page.locator('c-qb-sync-panel [data-id="attached-pdf"]').waitFor({ timeout: 20000 });
        await page.locator('[data-id="files"] a').first().waitFor({ timeout: 20000 });
    });

    await shoot(
        pages,
        '06-record-sync-log-detail',
        recordUrl(obrien),
        async (page) => {
            await panelLoaded(page);
            await page.locator('c-qb-sync-log-viewer [data-id="compact-row"] a').first().click();
            await page.locator('c-qb-sync-log-viewer [data-id="detail"]').waitFor({ timeout: 20000 });
        },
        true
    );
    // a decision's details: the claim that queued the deal, with its claim key for admins
    await shoot(
        pages,
        '06b-record-sync-log-claim-detail',
        recordUrl(obrien),
        async (page) => {
            await panelLoaded(page);
            await page
                .locator('c-qb-sync-log-viewer [data-id="compact-row"] a')
                .filter({ hasText: 'Queued automatically' })
                .click();
            await page.locator('c-qb-sync-log-viewer [data-id="detail-body"]').waitFor({ timeout: 20000 });
        },
        true
    );

    await shoot(
        pages,
        '07-record-won-not-synced',
        recordUrl(deal('Northwind Traders — hardware refresh')),
        panelLoaded
    );

    await shoot(pages, '08-sync-log', `${base}/lightning/n/QB_Sync_Log`, (page) => pageShows(page, 'Invoice Create'));
    await shoot(
        pages,
        '09-sync-log-detail',
        `${base}/lightning/n/QB_Sync_Log`,
        async (page) => {
            await pageShows(page, 'Invoice Create');
            await page.locator('c-qb-sync-log-viewer').getByRole('button', { name: /View/ }).first().click();
            await page.locator('c-qb-sync-log-viewer [data-id="detail"]').waitFor({ timeout: 20000 });
        },
        true
    );

    await shoot(pages, '10-item-mapping', `${base}/lightning/n/QB_Item_Mapping`, (page) =>
        pageShows(page, 'Onboarding Workshop')
    );
    await shoot(pages, '10b-item-mapping-import-preview', `${base}/lightning/n/QB_Item_Mapping`, async (page) => {
        await pageShows(page, 'Onboarding Workshop');
        await page.locator('c-qb-item-mapping-editor input[type="file"]').setInputFiles({
            name: 'mappings.csv',
            mimeType: 'text/csv',
            buffer: Buffer.from('Product Code,QBO Item Id,Tax Code\r\nHW-KIT,4,TAX\r\nONBOARD,"2\r\nNOPE,2,NON\r\n')
        });
        await page.locator('c-qb-item-mapping-editor [data-id="import-preview"]').waitFor({ timeout: 20000 });
    });
    await shoot(pages, '11-connections', `${base}/lightning/n/QB_Connections`, (page) =>
        pageShows(page, 'Acme Canada')
    );
    await shoot(pages, '11b-named-credentials-setup', `${base}/lightning/setup/NamedCredential/home`, (page) =>
        page.locator('[data-id="named-credentials-setup"] td').first().waitFor({ timeout: 20000 })
    );
    await shoot(pages, '12-quickbooks', `${base}/quickbooks`, (page) =>
        page.locator('[data-realm]').first().waitFor({ timeout: 20000 })
    );
    await shoot(pages, '13-quickbooks-invoice', `${base}/quickbooks/invoice?realm=9130350000000001&txnId=1`, (page) =>
        page.locator('[data-invoice]').waitFor({ timeout: 20000 })
    );
    await shoot(
        pages,
        '14-emulator-company',
        `${playground.env.emulator.url}/__admin/realms/9130350000000001`,
        (page) => page.getByRole('heading', { name: 'Items' }).waitFor({ timeout: 20000 })
    );

    // QuickBooks answering 503: the deal waits as Retry Scheduled while the playground clock runs fast
    const admin = playground.env.emulator.admin;
    admin.setFaults('9130350000000001', { unavailableRate: 1 });
    try {
        // a deal not yet won (the Macy's deal was migrated as won: Closed Won would change nothing on it)
        const widgets = recordUrl(deal('Widgets consortium'));
        await desktop.goto(widgets);
        await panelLoaded(desktop);
        await desktop.getByRole('option', { name: 'Closed Won' }).click();
        await badgeOf(desktop, /Retry Scheduled/);
        await shoot(pages, '15-record-retry-scheduled', widgets, async (page) => {
            await badgeOf(page, /Retry Scheduled/);
            await page.locator('c-qb-sync-panel [data-id="next-attempt"]').waitFor({ timeout: 20000 });
        });
        // a few attempts later, followed with no reload: the panel counts them, the compact log lists each
        await Promise.all(
            pages.map((page) =>
                page
                    .locator('c-qb-sync-panel [data-id="attempts"]')
                    .filter({ hasText: /^\s*[3-5] of/ })
                    .waitFor({ timeout: 60000 })
            )
        );
        await capture(pages, '15b-record-retries-followed');
    } finally {
        admin.clearFaults('9130350000000001');
    }

    // the finance approver: a deal over the approval threshold waits for them
    const dataCenter = recordUrl(deal("O'Brien & Sons — data center"));
    await desktop.goto(dataCenter);
    await panelLoaded(desktop);
    await desktop.getByRole('option', { name: 'Closed Won' }).click();
    await badgeOf(desktop, /Pending Approval/);
    await shoot(pages, '16-record-pending-approval-owner', dataCenter, (page) => badgeOf(page, /Pending Approval/));
    for (const page of pages) await switchUser(page, 'fiona.finance@quickbooks-sync.local');
    await shoot(pages, '17-pending-approvals-finance', `${base}/lightning/n/QB_Pending_Approvals`, (page) =>
        page
            .locator('c-qb-pending-approvals')
            .getByRole('link', { name: /data center build-out/ })
            .waitFor({ timeout: 20000 })
    );
    await shoot(pages, '18-record-pending-approval-finance', dataCenter, (page) =>
        page.locator('c-qb-sync-panel').getByRole('button', { name: 'Approve' }).waitFor({ timeout: 20000 })
    );

    // the sales rep: their own deal only; any other deal's page is not available to them
    for (const page of pages) await switchUser(page, 'sam.sales@quickbooks-sync.local');
    await shoot(pages, '19-opportunities-sales-rep', `${base}/lightning/o/Opportunity/list`, (page) =>
        page.getByRole('link', { name: /Macy’s/ }).waitFor({ timeout: 20000 })
    );
    await shoot(pages, '20-record-sales-rep', recordUrl(deal('Macy’s')), panelLoaded);
    await shoot(pages, '21-record-not-available-sales-rep', dataCenter, (page) =>
        page.getByRole('heading', { name: 'Record not available' }).waitFor({ timeout: 20000 })
    );
}

/** Chooses a user in the shell's menu and waits for the page it reloads. */
async function switchUser(page: Page, username: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.locator('#playground-user').selectOption(username)]);
}

const badgeOf = (page: Page, text: RegExp) =>
    page.locator('c-qb-sync-panel [data-id="status-badge"]').filter({ hasText: text }).waitFor({ timeout: 30000 });

async function main(): Promise<number> {
    const missing = chromiumMissing();
    if (missing) {
        process.stderr.write(`${missing}\n`);
        return 1;
    }
    fs.rmSync(OUTPUT, { recursive: true, force: true });
    fs.mkdirSync(OUTPUT, { recursive: true });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-playground-screenshots-'));
    const browser = await launchChromium();
    let playground: Playground | null = null;
    try {
        playground = await startPlayground({
            dataDir,
            reset: true,
            port: 0,
            emulatorPort: 0,
            host: '127.0.0.1',
            log: (line) => process.stdout.write(`  [playground] ${line}\n`),
            backgroundJobsEveryMs: 0
        });
        const pageErrors: string[] = [];
        const pages: Pages = [];
        for (const viewport of VIEWPORTS) {
            const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
            page.on('pageerror', (e) => pageErrors.push(e.message));
            pages.push(page);
        }
        await walk(pages, playground);
        if (pageErrors.length) {
            process.stderr.write(`Uncaught errors in the page:\n${pageErrors.join('\n')}\n`);
            return 1;
        }
        process.stdout.write(`Screenshots in ${path.relative(REPO, OUTPUT)}/\n`);
        return 0;
    } finally {
        await browser.close();
        await playground?.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
}

main().then(
    (code) => process.exit(code),
    (e) => {
        process.stderr.write(`screenshots failed: ${(e as Error)?.stack ?? e}\n`);
        process.exit(1);
    }
);
