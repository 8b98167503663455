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

interface Deal {
    Id: string;
    Name: string;
}

async function shoot(page: Page, state: string): Promise<void> {
    for (const viewport of VIEWPORTS) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        // let media queries and the datatable's resize observer settle
        await page.waitForTimeout(300);
        const file = path.join(OUTPUT, `${state}-${viewport.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        process.stdout.write(`  ${path.relative(REPO, file)}\n`);
    }
    await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
}

async function openRecord(page: Page, base: string, deal: Deal): Promise<void> {
    await page.goto(`${base}/lightning/r/Opportunity/${deal.Id}/view`);
    await page.locator('c-qb-sync-panel [data-id="status-badge"]').waitFor({ timeout: 20000 });
    await page.waitForLoadState('networkidle');
}

async function walk(page: Page, playground: Playground): Promise<void> {
    const base = playground.url;
    const deals = (await (await fetch(`${base}/api/opportunities`)).json()) as Deal[];
    const deal = (prefix: string): Deal => {
        const found = deals.find((d) => d.Name.startsWith(prefix));
        if (!found) throw new Error(`no seeded deal starting with ${prefix}`);
        return found;
    };

    await page.goto(`${base}/lightning/o/Opportunity/list`);
    await page.getByRole('link', { name: /O'Brien/ }).waitFor({ timeout: 20000 });
    await shoot(page, '01-opportunities');

    const obrien = deal("O'Brien");
    await openRecord(page, base, obrien);
    await shoot(page, '02-record-open');

    await page.locator('c-qb-sync-panel').getByRole('button', { name: 'Preview' }).click();
    await page.locator('c-qb-sync-panel [data-id="preview"]').waitFor({ timeout: 20000 });
    await shoot(page, '03-record-preview');

    await openRecord(page, base, obrien);
    await page.getByRole('option', { name: 'Closed Won' }).click();
    await page.waitForTimeout(1000);
    await shoot(page, '04-record-closed-won-after-1s');
    await page
        .locator('[data-field="QB_Sync_Status__c"]')
        .filter({ hasText: /Synced/ })
        .waitFor({ timeout: 30000 });
    await page.waitForTimeout(4000);
    await shoot(page, '05-record-synced');

    const northwind = deal('Northwind');
    await openRecord(page, base, northwind);
    await shoot(page, '06-record-won-not-synced');

    await page.goto(`${base}/lightning/n/QB_Sync_Log`);
    await pageShows(page, 'Invoice Create');
    await page.waitForLoadState('networkidle');
    await shoot(page, '07-sync-log');

    await page.locator('c-qb-sync-log-viewer').getByRole('button', { name: /View/ }).first().click();
    await page.locator('c-qb-sync-log-viewer [data-id="detail"]').waitFor({ timeout: 20000 });
    await shoot(page, '08-sync-log-detail');

    await page.goto(`${base}/lightning/n/QB_Item_Mapping`);
    await pageShows(page, 'Onboarding Workshop');
    await page.waitForLoadState('networkidle');
    await shoot(page, '09-item-mapping');

    await page.goto(`${base}/lightning/n/QB_Connections`);
    await pageShows(page, 'Acme Canada');
    await page.waitForLoadState('networkidle');
    await shoot(page, '10-connections');

    await page.goto(`${base}/quickbooks`);
    await page.locator('[data-realm]').first().waitFor({ timeout: 20000 });
    await shoot(page, '11-quickbooks');
}

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
            log: (line) => process.stdout.write(`  [playground] ${line}\n`)
        });
        const page = await browser.newPage({ viewport: { width: VIEWPORTS[0].width, height: VIEWPORTS[0].height } });
        const pageErrors: string[] = [];
        page.on('pageerror', (e) => pageErrors.push(e.message));
        await walk(page, playground);
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
