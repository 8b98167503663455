/**
 * Browser end-to-end test of the playground: starts it on free ports with a fresh data directory, drives Debian's
 * Chromium with playwright-core (never a downloaded browser), and checks the flow of issue 7: open the opportunity,
 * press Sync now in the package's qbSyncPanel, see the invoice number, open the QuickBooks pane, see the invoice;
 * then each role of the user switcher: the finance approver decides, the sales rep syncs their own deal only.
 * Screenshots of every page go to test-output/playground/. Last line: `N passed, N failed` (exit 1 on failure).
 *
 * Usage: npx tsx tools/playground/test/e2e.ts   (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startPlayground, type Playground } from '../src/playground';
import { chromiumMissing, elementShows, launchChromium, pageShows, VIEWPORTS } from './browser';

const REPO = path.resolve(__dirname, '..', '..', '..');
const OUTPUT = path.join(REPO, 'test-output', 'playground');
interface Outcome {
    name: string;
    error?: string;
}

const outcomes: Outcome[] = [];

async function step(name: string, body: () => Promise<void>): Promise<boolean> {
    try {
        await body();
        outcomes.push({ name });
        process.stdout.write(`  ✓ ${name}\n`);
        return true;
    } catch (e) {
        const error = (e as Error).message.split('\n').slice(0, 6).join('\n    ');
        outcomes.push({ name, error });
        process.stdout.write(`  ✗ ${name}\n    ${error}\n`);
        return false;
    }
}

async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });
}

/** Screenshots at the desktop and the narrow width (`<name>-1440.png`, `<name>-800.png`). */
async function screenshots(page: Page, name: string): Promise<void> {
    const size = page.viewportSize();
    for (const viewport of VIEWPORTS) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await page.waitForTimeout(300);
        await screenshot(page, `${name}-${viewport.name}`);
    }
    if (size) await page.setViewportSize(size);
}

/** Chooses a user in the shell's menu and waits for the page it reloads (the next step must not race that reload). */
async function switchUser(page: Page, username: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.locator('#playground-user').selectOption(username)]);
}

async function main(): Promise<number> {
    const missing = chromiumMissing();
    if (missing) {
        process.stdout.write(`${missing}\n0 passed, 1 failed\n`);
        return 1;
    }
    fs.mkdirSync(OUTPUT, { recursive: true });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-playground-e2e-'));
    let playground: Playground | null = null;
    const browser = await launchChromium();
    try {
        playground = await startPlayground({
            dataDir,
            reset: true,
            port: 0,
            emulatorPort: 0,
            host: '127.0.0.1',
            log: (line) => process.stdout.write(`  [playground] ${line}\n`),
            backgroundJobsEveryMs: 3000
        });
        const base = playground.url;
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        const pageErrors: string[] = [];
        page.on('pageerror', (e) => pageErrors.push(e.message));

        // the deal won before go-live: auto-sync skipped it, so it waits for a person to press Sync now
        const deals = (await (await fetch(`${base}/api/opportunities`)).json()) as { Id: string; Name: string }[];
        const deal = deals.find((d) => d.Name.startsWith('Northwind Traders'));
        let docNumber = '';

        await step('Opportunity list shows the seeded deals', async () => {
            await page.goto(`${base}/lightning/o/Opportunity/list`);
            await page.getByRole('link', { name: /Café Zürich/ }).waitFor({ timeout: 15000 });
            await page
                .getByRole('link', { name: /O'Brien & Sons/ })
                .first()
                .waitFor();
            if (!deal) throw new Error('the Northwind deal is not in /api/opportunities');
            await screenshot(page, '1-opportunities');
        });

        await step('A visitor creates an opportunity with products from the list and lands on its page', async () => {
            await page.goto(`${base}/`);
            await page.getByRole('button', { name: 'New opportunity' }).click();
            const form = page.locator('[data-id="new-opportunity"]');
            await form.getByLabel('Opportunity name').fill('Visitor deal — three kits');
            await form.getByLabel('Account').selectOption({ label: 'Northwind Traders' });
            await form.getByLabel(/Quantity of Hardware Kit/).fill('3');
            const legend = await form.locator('legend').filter({ hasText: 'Products' }).boundingBox();
            const firstQuantity = await form
                .getByLabel(/Quantity of/)
                .first()
                .boundingBox();
            if (!legend || !firstQuantity || legend.y + legend.height > firstQuantity.y)
                throw new Error(
                    `the Products legend is not above the quantities: ${JSON.stringify({ legend, firstQuantity })}`
                );
            await form.getByRole('button', { name: 'Save' }).click();
            await page.getByRole('heading', { name: 'Visitor deal — three kits' }).waitFor({ timeout: 20000 });
            const amount = page.locator('[data-field="Amount"]');
            await amount.filter({ hasText: 'USD 750.00' }).waitFor({ timeout: 20000 });
            await screenshot(page, '1b-new-opportunity-created');
        });

        await step('Opportunity record page renders fields, stage path and the qbSyncPanel', async () => {
            await page.goto(`${base}/lightning/r/Opportunity/${deal!.Id}/view`);
            await page.getByRole('heading', { name: /Northwind Traders/ }).waitFor({ timeout: 15000 });
            await page.getByRole('option', { name: 'Closed Won' }).waitFor();
            await page.locator('c-qb-sync-panel').getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 20000 });
            await screenshot(page, '2-opportunity-before-sync');
        });

        await step('Sync now creates the invoice and the panel shows its number', async () => {
            await page.locator('c-qb-sync-panel').getByRole('button', { name: 'Sync now' }).click();
            const number = page.locator(
                'c-qb-sync-panel [data-id="invoice-link"], c-qb-sync-panel [data-id="invoice-number"]'
            );
            await number.first().waitFor({ timeout: 30000 });
            docNumber = (await number.first().innerText()).trim();
            const invoices = playground!.env.emulator.admin.snapshot('9130350000000001').entities.Invoice ?? [];
            const created = invoices.find((i) => (i as { DocNumber?: string }).DocNumber === docNumber);
            if (!created) throw new Error(`the panel shows invoice ${docNumber}, which the emulator does not have`);
            await page
                .locator('[data-field="QB_DocNumber__c"]')
                .filter({ hasText: docNumber })
                .waitFor({ timeout: 15000 });
            await screenshot(page, '3-opportunity-synced');
        });

        await step(
            "The panel's invoice number opens the emulator's invoice: lines, totals, balance, payments, PDF and the deal",
            async () => {
                const [invoicePage] = await Promise.all([
                    page.context().waitForEvent('page'),
                    page.locator('c-qb-sync-panel [data-id="invoice-link"]').click()
                ]);
                const view = invoicePage.locator('[data-invoice]');
                await view.waitFor({ timeout: 20000 });
                await view.getByText(`Invoice ${docNumber}`).waitFor();
                await view.getByRole('cell', { name: 'Hardware', exact: true }).first().waitFor();
                const total = (await view.locator('[data-field="total"]').innerText()).trim();
                if (!/^USD\s[\d,]+\.\d\d$/.test(total)) throw new Error(`the invoice total reads "${total}"`);
                await view.getByText('No payments yet.').waitFor();
                await view.getByRole('link', { name: /Northwind Traders/ }).waitFor();
                const pdfHref = await view.getByRole('link', { name: 'Invoice PDF' }).getAttribute('href');
                const pdf = await fetch(`${base}${pdfHref}`);
                const bytes = Buffer.from(await pdf.arrayBuffer());
                if (
                    pdf.headers.get('content-type') !== 'application/pdf' ||
                    !bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))
                )
                    throw new Error(`the PDF link answers ${pdf.status} ${pdf.headers.get('content-type')}`);
                await invoicePage.screenshot({ path: path.join(OUTPUT, '3a-invoice-view.png'), fullPage: true });
                await invoicePage.close();
            }
        );

        await step(
            "The new invoice's PDF is in the deal's Files; Attach invoice PDF finds it, and saves it again once deleted",
            async () => {
                const panel = page.locator('c-qb-sync-panel');
                const title = `QuickBooks invoice ${docNumber}`;
                const files = page.locator('[data-id="files"]');
                // saved when the invoice was created (the playground's settings attach it), listed without a reload
                const fileLink = files.getByRole('link', { name: title });
                await fileLink.waitFor({ timeout: 20000 });
                const href = await fileLink.getAttribute('href');
                const file = await fetch(`${base}${href}`);
                const bytes = Buffer.from(await file.arrayBuffer());
                if (file.headers.get('content-type') !== 'application/pdf' || !bytes.includes(`Invoice ${docNumber}`))
                    throw new Error(`the file link answers ${file.status} ${file.headers.get('content-type')}`);
                await panel.getByRole('button', { name: 'Attach invoice PDF' }).click();
                await panel.locator('[data-id="action-message"]').getByText('already in').waitFor({ timeout: 20000 });
                if ((await files.getByRole('link', { name: title }).count()) !== 1)
                    throw new Error(`the deal's Files list ${title} more than once`);
                // someone deletes the file: the button saves it again, and the Files list shows it
                await playground!.env.org.exec(
                    `Set<Id> ids = new Set<Id>(); for (ContentDocumentLink l : [SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '${deal!.Id}']) { ids.add(l.ContentDocumentId); } delete [SELECT Id FROM ContentDocument WHERE Id IN :ids];`
                );
                await page.reload();
                await files.getByText('No files.').waitFor({ timeout: 20000 });
                await panel.getByRole('button', { name: 'Attach invoice PDF' }).click();
                await panel
                    .locator('[data-id="action-message"]')
                    .getByText('Invoice PDF saved')
                    .waitFor({ timeout: 20000 });
                await panel.locator('[data-id="attached-pdf"]').filter({ hasText: title }).waitFor();
                await files.getByRole('link', { name: title }).waitFor({ timeout: 10000 });
                await screenshots(page, '3b-invoice-pdf-attached');
            }
        );

        await step(
            'An admin unlinks and re-invoices the deal after confirming why; the panel follows the new invoice',
            async () => {
                await page.goto(`${base}/lightning/r/Opportunity/${deal!.Id}/view`);
                const panel = page.locator('c-qb-sync-panel');
                const number = panel.locator('[data-id="invoice-link"]');
                await number.waitFor({ timeout: 20000 });
                const before = (await number.innerText()).trim();
                await panel.getByRole('button', { name: 'Unlink & re-invoice' }).click();
                const dialog = page.getByRole('dialog');
                await dialog.getByText(`Invoice ${before} stays in QuickBooks`).waitFor({ timeout: 10000 });
                await dialog.getByRole('textbox').fill('Billed the wrong entity');
                await dialog.getByRole('button', { name: 'OK' }).click();
                await panel
                    .locator('[data-id="status-badge"]')
                    .filter({ hasText: /^\s*Queued\s*$/ })
                    .waitFor({ timeout: 10000 });
                await number.filter({ hasNotText: before }).waitFor({ timeout: 30000 });
                await screenshot(page, '3d-opportunity-reinvoiced');
            }
        );

        await step(
            "The panel and the sync log show times in the user's time zone, as the record's fields do",
            async () => {
                const clock = (text: string): string => {
                    const match = /(\d{1,2}):(\d{2})(?::\d{2})?\s*([AP]M)/i.exec(text);
                    if (!match) throw new Error(`no time in "${text}"`);
                    return `${Number(match[1])}:${match[2]} ${match[3].toUpperCase()}`;
                };
                await page.goto(`${base}/lightning/r/Opportunity/${deal!.Id}/view`);
                const panelTime = page.locator('c-qb-sync-panel [data-id="last-synced"]');
                await panelTime.waitFor({ timeout: 20000 });
                const field = page.locator('[data-field="QB_Last_Synced_At__c"]');
                await field.filter({ hasText: /\d/ }).waitFor({ timeout: 20000 });
                const shown = clock(await panelTime.innerText());
                const recorded = clock(await field.innerText());
                if (shown !== recorded)
                    throw new Error(`the panel says last synced at ${shown}, the record's field ${recorded}`);
            }
        );

        await step(
            'A payment recorded in the QuickBooks pane: Refresh from QuickBooks reads it at once, and the background jobs bring the rest to the deal by themselves',
            async () => {
                const dealPage = `${base}/lightning/r/Opportunity/${deal!.Id}/view`;
                const panel = page.locator('c-qb-sync-panel');
                const pay = async (amount: string | null) => {
                    await page.goto(dealPage);
                    const href = await panel
                        .locator('[data-id="invoice-link"]')
                        .getAttribute('href', { timeout: 20000 });
                    const txnId = new URL(href!).searchParams.get('txnId');
                    await page.goto(`${base}/quickbooks/invoice?realm=9130350000000001&txnId=${txnId}`);
                    const form = page.locator('[data-id="receive-payment"]');
                    await form.waitFor({ timeout: 15000 });
                    if (amount) await form.getByLabel('Amount received').fill(amount);
                    await form.getByRole('button', { name: 'Record payment' }).click();
                    await page.locator('[data-id="payment-notice"]').filter({ hasText: 'Payment recorded' }).waitFor();
                };
                await pay('100');
                await page.goto(dealPage);
                await panel.getByRole('button', { name: 'Refresh from QuickBooks' }).click({ timeout: 20000 });
                await panel
                    .locator('[data-id="action-message"]')
                    .filter({ hasText: 'Read from QuickBooks: Partially Paid.' })
                    .waitFor({ timeout: 15000 });
                await panel.locator('[data-id="payment-status"]').filter({ hasText: 'Partially Paid' }).waitFor();
                await screenshots(page, '3f-opportunity-refreshed');
                await pay(null);
                const deadline = Date.now() + 30000;
                for (;;) {
                    await page.goto(dealPage);
                    const status = panel.locator('[data-id="payment-status"]');
                    await status.waitFor({ timeout: 15000 });
                    if ((await status.innerText()).trim() === 'Paid') break;
                    if (Date.now() > deadline) throw new Error('the deal never showed Paid after the payment');
                    await page.waitForTimeout(1000);
                }
            }
        );

        await step('QuickBooks pane lists the invoice and its customer', async () => {
            await page.goto(`${base}/quickbooks`);
            const usCompany = page.locator('[data-realm="9130350000000001"]');
            await usCompany.waitFor({ timeout: 15000 });
            if (!docNumber) throw new Error('no invoice number from the previous step');
            await usCompany.getByRole('cell', { name: docNumber, exact: true }).first().waitFor();
            await usCompany.getByRole('cell', { name: 'Northwind Traders', exact: true }).first().waitFor();
            await screenshot(page, '4-quickbooks');
        });

        await step(
            'Closed Won on the stage path: the panel shows Queued, then Synced with the invoice, and the compact log lists the sync, with no reload',
            async () => {
                const won = deals.find((d) => d.Name.startsWith("O'Brien & Sons — consulting"));
                if (!won) throw new Error("the O'Brien deal is not in /api/opportunities");
                await page.goto(`${base}/lightning/r/Opportunity/${won.Id}/view`);
                const panel = page.locator('c-qb-sync-panel');
                const badge = panel.locator('[data-id="status-badge"]');
                await badge.filter({ hasText: 'Not Synced' }).waitFor({ timeout: 20000 });
                await page.evaluate('window.__sameDocument = true');
                await page.getByRole('option', { name: 'Closed Won' }).click({ timeout: 15000 });
                // the trigger claimed the deal; the Queueable runs after the save returned, as in an org
                await badge.filter({ hasText: /^\s*Queued\s*$/ }).waitFor({ timeout: 10000 });
                await screenshot(page, '3b-opportunity-won-queued');
                await badge.filter({ hasText: /^\s*Synced\s*$/ }).waitFor({ timeout: 30000 });
                const wonDoc = (
                    await panel.locator('[data-id="invoice-link"], [data-id="invoice-number"]').first().innerText()
                ).trim();
                await page
                    .locator('[data-field="QB_DocNumber__c"]')
                    .filter({ hasText: wonDoc })
                    .waitFor({ timeout: 15000 });
                await page
                    .locator('[data-field="QB_Sync_Status__c"]')
                    .filter({ hasText: /^\s*Synced\s*$/ })
                    .waitFor({ timeout: 15000 });
                await elementShows(page, 'c-qb-sync-log-viewer', 'Invoice Create', 15000);
                // the claim reads as words on the deal; its key stays in the row's detail for admins
                await elementShows(page, 'c-qb-sync-log-viewer', 'Queued automatically when the deal was won.');
                const rawKeys = (
                    await page.locator('c-qb-sync-log-viewer [data-id="compact-row"]').allInnerTexts()
                ).filter((row) => /\d{6,}\|\w{15,18}\|\d/.test(row));
                if (rawKeys.length) throw new Error(`the compact log shows raw claim keys: ${JSON.stringify(rawKeys)}`);
                if ((await page.evaluate('window.__sameDocument')) !== true) throw new Error('the page was reloaded');
                const invoices = playground!.env.emulator.admin.snapshot('9130350000000001').entities.Invoice ?? [];
                if (!invoices.some((i) => (i as { DocNumber?: string }).DocNumber === wonDoc))
                    throw new Error(`the panel shows invoice ${wonDoc || '(none)'}, which the emulator does not have`);
                await screenshot(page, '3c-opportunity-won-synced');
            }
        );

        await step('A deal invoiced on the fallback item says so in the panel', async () => {
            const widgets = deals.find((d) => d.Name.startsWith('Widgets consortium'));
            if (!widgets) throw new Error('the Widgets consortium deal is not in /api/opportunities');
            await page.goto(`${base}/lightning/r/Opportunity/${widgets.Id}/view`);
            const panel = page.locator('c-qb-sync-panel');
            await panel
                .locator('[data-id="status-badge"]')
                .filter({ hasText: 'Not Synced' })
                .waitFor({ timeout: 20000 });
            await page.getByRole('option', { name: 'Closed Won' }).click();
            const warnings = panel.locator('[data-id="warnings"]');
            await warnings.waitFor({ timeout: 30000 });
            await screenshot(page, '3e-opportunity-fallback-warning');
            await warnings
                .getByText(/Onboarding Workshop.*has no QuickBooks item mapping.*fallback item was used/)
                .waitFor();
        });

        await step(
            'QuickBooks answering 503: the panel shows Retry Scheduled and the next attempt, each attempt moves it while the playground clock runs fast, then Synced once QuickBooks answers',
            async () => {
                const cafe = deals.find((d) => d.Name.startsWith('Café Zürich'));
                if (!cafe) throw new Error('the Café Zürich deal is not in /api/opportunities');
                const canadianRealm = '9130350000000002';
                const admin = playground!.env.emulator.admin;
                const panel = page.locator('c-qb-sync-panel');
                const badge = panel.locator('[data-id="status-badge"]');
                const nextAttempt = panel.locator('[data-id="next-attempt"]');
                await page.goto(`${base}/lightning/r/Opportunity/${cafe.Id}/view`);
                await badge.filter({ hasText: 'Not Synced' }).waitFor({ timeout: 20000 });
                await page.evaluate('window.__sameDocument = true');
                admin.setFaults(canadianRealm, { unavailableRate: 1 });
                try {
                    await page.getByRole('option', { name: 'Closed Won' }).click({ timeout: 15000 });
                    await badge.filter({ hasText: /^\s*Retry Scheduled\s*$/ }).waitFor({ timeout: 30000 });
                    const first = (await nextAttempt.innerText({ timeout: 5000 })).trim();
                    await page
                        .locator('[data-id="playground-clock"]')
                        .getByText(/Running 60× until the next sync job at/)
                        .waitFor({ timeout: 15000 });
                    await screenshot(page, '3g-opportunity-retry-scheduled');
                    // the attempt a minute later (a second or two of wall time) fails too: the panel shows it with no
                    // reload, as the next, later attempt time
                    await nextAttempt.filter({ hasNotText: first }).waitFor({ timeout: 20000 });
                    await badge.filter({ hasText: /^\s*Retry Scheduled\s*$/ }).waitFor();
                    // each attempt shows within seconds of being made, in the panel and in the compact log (no
                    // component lags an attempt behind; nothing but the components themselves refreshes the page)
                    const attemptsMade = async (): Promise<number> => {
                        const [request] = await playground!.env.org.query<{ Attempts__c: number | null }>(
                            `SELECT Attempts__c FROM QB_Sync_Request__c WHERE Opportunity__c = '${cafe.Id}' ORDER BY CreatedDate DESC LIMIT 1`
                        );
                        return request?.Attempts__c ?? 0;
                    };
                    const retryEntries = page
                        .locator('c-qb-sync-log-viewer [data-id="compact-row"]')
                        .filter({ has: page.locator('lightning-icon[title="Retry"]') });
                    for (let attempt = 2; attempt <= 4; attempt++) {
                        const deadline = Date.now() + 30000;
                        while ((await attemptsMade()) < attempt) {
                            if (Date.now() > deadline) throw new Error(`the engine never made attempt ${attempt}`);
                            await page.waitForTimeout(200);
                        }
                        const madeAt = Date.now();
                        let shown = 0;
                        let logged = 0;
                        while (shown < attempt || logged < attempt) {
                            if (Date.now() - madeAt > 6000)
                                throw new Error(
                                    `6 s after attempt ${attempt} the panel says ${shown} failed and the compact log lists ${logged} retries`
                                );
                            await page.waitForTimeout(200);
                            const text =
                                (await panel
                                    .locator('[data-id="attempts"]')
                                    .innerText()
                                    .catch(() => '')) || '';
                            shown = Number(/^(\d+)/.exec(text.trim())?.[1] ?? 0);
                            logged = await retryEntries.count();
                        }
                    }
                    await screenshot(page, '3h-opportunity-retries-followed');
                    if ((await page.evaluate('window.__sameDocument')) !== true)
                        throw new Error('the page was reloaded');
                } finally {
                    admin.clearFaults(canadianRealm);
                }
                await badge.filter({ hasText: /^\s*Synced\s*$/ }).waitFor({ timeout: 60000 });
                await panel.locator('[data-id="invoice-link"], [data-id="invoice-number"]').first().waitFor();
            }
        );

        await step('Item Mapping tab lists products and the unmapped one', async () => {
            await page.goto(`${base}/lightning/n/QB_Item_Mapping`);
            await page.waitForLoadState('networkidle');
            await pageShows(page, 'Onboarding Workshop');
            await pageShows(page, 'Unmapped');
            await pageShows(page, 'Fallback item: Services (QuickBooks id 1), used for products without a mapping.');
            await screenshot(page, '5-item-mapping');
        });

        await step(
            "Item Mapping: a row's tax code is picked from the company's codes and Save shows at once",
            async () => {
                const editor = page.locator('c-qb-item-mapping-editor');
                await editor.getByRole('combobox', { name: 'Tax code for Hardware Kit' }).click();
                const choices = await editor.getByRole('option').allInnerTexts();
                if (!choices.some((c) => c.includes('TAX — Taxable')) || !choices.some((c) => c.includes('NON')))
                    throw new Error(`the tax code picker offers ${JSON.stringify(choices)}, not TAX and NON`);
                await editor.getByRole('option', { name: 'TAX — Taxable' }).click();
                // no blur, no click elsewhere: the draft exists as soon as the value changed
                await editor.getByRole('button', { name: 'Save changes (1)' }).waitFor({ timeout: 5000 });
                // TAX is the US Taxable checkbox spelled as a code: the two stay in agreement
                if (!(await editor.getByRole('checkbox', { name: 'Taxable: Hardware Kit' }).isChecked()))
                    throw new Error('tax code TAX left the Taxable checkbox of Hardware Kit unticked');
                await screenshots(page, '5b-item-mapping-tax-code-changed');
                await editor.getByRole('button', { name: 'Discard changes' }).click();
                await editor.locator('[data-id="save-bar"]').waitFor({ state: 'detached', timeout: 5000 });
            }
        );

        await step(
            'Item Mapping: the exported file imports back with nothing to apply and nothing refused',
            async () => {
                const editor = page.locator('c-qb-item-mapping-editor');
                await editor.getByRole('button', { name: 'Export CSV' }).click();
                const href = (await editor.locator('[data-id="download"]').getAttribute('href')) ?? '';
                const exported = decodeURIComponent(href.slice(href.indexOf(',') + 1));
                if (!exported.includes('Onboarding Workshop'))
                    throw new Error(`the export is not the mappings: ${exported}`);
                await editor.locator('input[type="file"]').setInputFiles({
                    name: 'mappings.csv',
                    mimeType: 'text/csv',
                    buffer: Buffer.from(exported)
                });
                await editor
                    .locator('[data-id="import-summary"]')
                    .filter({ hasText: '0 changes, 5 unchanged, 0 rows that cannot be applied.' })
                    .waitFor({ timeout: 20000 });
                await editor.getByRole('button', { name: 'Cancel import' }).click();
            }
        );

        await step(
            'Item Mapping: a row with an unclosed quote is reported by line, the rest is previewed',
            async () => {
                const editor = page.locator('c-qb-item-mapping-editor');
                const csv = 'Product Code,Product Name,QBO Item Id\r\nONBOARD,"Onboarding Workshop,2\r\nHW-KIT,,2\r\n';
                await editor.locator('input[type="file"]').setInputFiles({
                    name: 'broken.csv',
                    mimeType: 'text/csv',
                    buffer: Buffer.from(csv)
                });
                await editor
                    .locator('[data-id="import-bad-rows"]')
                    .filter({ hasText: 'Line 2: A quoted field opens on this line and is never closed.' })
                    .waitFor({ timeout: 20000 });
                await editor.locator('[data-id="import-change"]').filter({ hasText: 'Hardware Kit' }).waitFor();
                await screenshots(page, '5c-item-mapping-import-preview');
                await editor.getByRole('button', { name: 'Cancel import' }).click();
            }
        );

        await step("The emulator's company page lists items, deactivates one and records a payment", async () => {
            const admin = `${playground!.env.emulator.url}/__admin/realms/9130350000000001`;
            const emulatorPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
            try {
                await emulatorPage.goto(admin);
                await emulatorPage.getByRole('heading', { name: 'Items' }).waitFor();
                const hardware = emulatorPage.locator('tr', {
                    has: emulatorPage.getByRole('cell', { name: 'Hardware', exact: true })
                });
                await hardware.getByRole('button', { name: 'Deactivate' }).click();
                await hardware.getByRole('button', { name: 'Reactivate' }).waitFor();
                await hardware.getByRole('button', { name: 'Reactivate' }).click();
                await hardware.getByRole('button', { name: 'Deactivate' }).waitFor();
                const unpaid = emulatorPage.locator('tr', {
                    has: emulatorPage.getByRole('button', { name: 'Record payment' })
                });
                const before = await unpaid.count();
                await unpaid.first().getByRole('button', { name: 'Record payment' }).click();
                await emulatorPage.getByRole('heading', { name: 'Invoices' }).waitFor();
                if ((await unpaid.count()) !== before - 1)
                    throw new Error(`recording a payment left ${await unpaid.count()} of ${before} invoices unpaid`);
                await emulatorPage.screenshot({ path: path.join(OUTPUT, '12b-emulator-company.png'), fullPage: true });
            } finally {
                await emulatorPage.close();
            }
        });

        await step('Sync Log tab lists the sync of the invoice', async () => {
            await page.goto(`${base}/lightning/n/QB_Sync_Log`);
            await page.waitForLoadState('networkidle');
            await pageShows(page, 'Invoice Create');
            await screenshot(page, '6-sync-log');
        });

        await step(
            'Sync Log: company names, an opportunity filter by name, the detail as a dialog in view, chart labels inside the chart',
            async () => {
                const viewer = page.locator('c-qb-sync-log-viewer');
                await viewer.locator('lightning-datatable').getByText('Acme US').first().waitFor({ timeout: 20000 });
                await viewer.getByRole('searchbox', { name: 'Opportunity name' }).fill('Northwind');
                await viewer
                    .locator('lightning-datatable')
                    .getByText(/O'Brien/)
                    .first()
                    .waitFor({ state: 'detached', timeout: 20000 });
                await viewer
                    .locator('lightning-datatable')
                    .getByText(/Northwind/)
                    .first()
                    .waitFor();
                await viewer.getByRole('button', { name: 'View' }).first().click();
                const dialog = viewer.getByRole('dialog');
                await dialog.waitFor({ timeout: 20000 });
                const heading = await dialog.locator('h2').boundingBox();
                const viewport = page.viewportSize()!;
                if (!heading || heading.y < 0 || heading.y + heading.height > viewport.height)
                    throw new Error(`the log detail opened out of view: ${JSON.stringify(heading)}`);
                await dialog.locator('[data-id="detail-company"]').filter({ hasText: 'Acme US' }).waitFor();
                await screenshots(page, '6b-sync-log-detail');
                await page.keyboard.press('Escape');
                await dialog.waitFor({ state: 'detached', timeout: 5000 });
                const chart = await viewer.locator('svg.qb-chart').boundingBox();
                const days = viewer.locator('[data-id="chart-day"]');
                const first = await days.first().boundingBox();
                const last = await days.last().boundingBox();
                if (!chart || !first || !last || first.x < chart.x || last.x + last.width > chart.x + chart.width + 1)
                    throw new Error(`day labels outside the chart: ${JSON.stringify({ chart, first, last })}`);
                const period = (await viewer.locator('#chart-desc, desc').first().textContent()) ?? '';
                const newest = /to ([A-Z][a-z]{2} \d{1,2}):/.exec(period)?.[1];
                if (!newest || (await days.last().innerText()).trim() !== newest)
                    throw new Error(`the last day label is not the newest day (${newest}): ${period}`);
                if ((await viewer.locator('svg.qb-chart text').count()) > 0)
                    throw new Error('chart text is drawn inside the stretched SVG');
            }
        );

        await step('Connections tab tests the Canadian company through its Named Credential', async () => {
            await page.goto(`${base}/lightning/n/QB_Connections`);
            const connections = page.locator('c-qb-connections');
            await pageShows(page, 'Acme Canada');
            await connections.getByRole('button', { name: 'Test connection' }).nth(1).click();
            await pageShows(page, 'Connected to Emulator Canada Company');
            await screenshot(page, '7-connections');
        });

        await step(
            'A company whose grant QuickBooks revoked shows Reconnect required; Reconnect in Setup → Authenticate → Test connection connects it again',
            async () => {
                playground!.env.emulator.admin.revokeTokens('9130350000000002');
                const canada = page.locator(
                    'c-qb-connections [data-id="connection"][data-realm-id="9130350000000002"]'
                );
                await canada.getByRole('button', { name: 'Test connection' }).click();
                await canada.locator('[data-id="reconnect-badge"]').waitFor();
                await canada.getByRole('button', { name: 'Reconnect in Setup' }).click();
                await page.waitForURL(`${base}/lightning/setup/NamedCredential/home`);
                const setup = page.locator('[data-id="named-credentials-setup"]');
                await setup.getByRole('link', { name: 'Authenticate QB_QuickBooks_Production' }).click();
                // the emulator's Intuit consent page: the admin chooses the company
                await page.locator('select[name="realmId"]').selectOption('9130350000000002');
                await page.getByRole('button', { name: 'Connect' }).click();
                await setup
                    .locator('[data-id="authentication-outcome"]')
                    .filter({
                        hasText: 'QB_QuickBooks_Production is authenticated (QuickBooks company 9130350000000002)'
                    })
                    .waitFor();
                await screenshots(page, '7a-named-credentials-setup');
                await setup.getByRole('link', { name: 'Back to Connections' }).click();
                await canada.getByRole('button', { name: 'Test connection' }).click();
                await canada
                    .locator('[data-id="outcome"]')
                    .filter({ hasText: 'Connected to Emulator Canada Company' })
                    .waitFor();
                if (await canada.locator('[data-id="reconnect-badge"]').count())
                    throw new Error('the company still says Reconnect required after Authenticate and Test connection');
                if ((await canada.getByRole('button', { name: 'Authorize in Setup' }).count()) !== 1)
                    throw new Error('the reconnected company’s Setup button is not labelled Authorize in Setup');
            }
        );

        await step('Set up background jobs schedules every job once and shows its next run', async () => {
            const jobs = page.locator('c-qb-background-jobs');
            await jobs.locator('[data-id="jobs-summary"]').filter({ hasText: 'need attention' }).waitFor();
            await jobs.getByRole('button', { name: 'Set up background jobs' }).click();
            await jobs
                .locator('[data-id="jobs-summary"]')
                .filter({ hasText: 'Every background job is scheduled.' })
                .waitFor();
            await jobs.getByRole('button', { name: 'Set up background jobs' }).click();
            await jobs.locator('[data-id="jobs-message"]').waitFor();
            const scheduled = await playground!.env.org.query<{ Id: string }>(
                "SELECT Id FROM CronTrigger WHERE CronJobDetail.Name LIKE 'QuickBooks%'"
            );
            if (scheduled.length !== 8)
                throw new Error(`${scheduled.length} scheduled jobs after pressing twice, not 8`);
            await screenshots(page, '7b-background-jobs');
        });

        await step('SLDS styles the package components as in Lightning (synthetic shadow)', async () => {
            const style = (selector: string, property: string) =>
                page
                    .locator(selector)
                    .first()
                    .evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), property);
            await page.goto(`${base}/lightning/r/Opportunity/${deal!.Id}/view`);
            await page.locator('c-qb-sync-panel [data-id="status-badge"]').waitFor({ timeout: 20000 });
            const padding = await style('c-qb-sync-panel .slds-p-horizontal_medium', 'padding-left');
            if (padding !== '16px')
                throw new Error(`the panel's card body has padding-left ${padding}, not SLDS's 16px`);
            await page.locator('c-qb-sync-panel').getByRole('button', { name: 'Preview' }).click();
            const header = 'c-qb-sync-panel [data-id="preview"] thead th';
            await page.locator(header).first().waitFor({ timeout: 20000 });
            const align = await style(header, 'text-align');
            if (align !== 'left')
                throw new Error(`the preview table's header is aligned ${align}, not left as SLDS tables are`);
            const headerColor = await style(header, 'color');
            if (headerColor === 'rgb(0, 0, 0)')
                throw new Error('the preview table header is unstyled (plain black text)');
            await page.goto(`${base}/lightning/n/QB_Item_Mapping`);
            const download = 'c-qb-item-mapping-editor [data-id="download"]';
            await page.locator(download).waitFor({ state: 'attached', timeout: 20000 });
            const display = await style(download, 'display');
            if (display !== 'none') throw new Error(`the hidden download link (slds-hide) is displayed: ${display}`);
            if (await page.getByRole('link', { name: 'Download' }).isVisible())
                throw new Error('a stray Download link is visible on the Item Mapping tab');
        });

        await step(
            "Record page reads as in Lightning: field labels, amounts and dates in the user's locale, checked path steps, every stage reachable at 800 px",
            async () => {
                const obrien = deals.find((d) => d.Name.startsWith("O'Brien & Sons — consulting"));
                await page.goto(`${base}/lightning/r/Opportunity/${obrien!.Id}/view`);
                await page.locator('[data-field="Amount"]').waitFor({ timeout: 20000 });
                for (const label of ['Opportunity Name', 'Stage', 'Close Date', 'Amount', 'Opportunity Currency'])
                    await page
                        .locator('dt')
                        .filter({ hasText: new RegExp(`^${label}$`) })
                        .waitFor({ timeout: 5000 });
                const amount = (await page.locator('[data-field="Amount"]').innerText()).trim();
                if (!/^USD\s6,600\.00$/.test(amount)) throw new Error(`Amount shows "${amount}", not USD 6,600.00`);
                const closeDate = (await page.locator('[data-field="CloseDate"]').innerText()).trim();
                if (closeDate !== '12/15/2026') throw new Error(`Close Date shows "${closeDate}", not 12/15/2026`);
                const checks = await page.locator('.slds-path__item.slds-is-complete .slds-path__stage svg').count();
                const complete = await page.locator('.slds-path__item.slds-is-complete').count();
                if (!complete || checks !== complete)
                    throw new Error(`${checks} check marks on ${complete} completed path steps`);
                await page.setViewportSize({ width: 800, height: 1000 });
                await page.reload();
                await page.getByRole('option', { name: 'Closed Lost' }).waitFor({ timeout: 15000 });
                const clipped = await page
                    .locator('.slds-path__item:not(.slds-is-complete) .slds-path__title')
                    .evaluateAll((titles) =>
                        titles.filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent)
                    );
                if (clipped.length) throw new Error(`stage names cut off at 800 px: ${clipped.join(', ')}`);
                const tabs = await page
                    .locator('.slds-context-bar__secondary .slds-context-bar__item')
                    .evaluateAll((items) =>
                        items.map((i) => {
                            const box = i.getBoundingClientRect();
                            return { top: Math.round(box.top), right: Math.round(box.right) };
                        })
                    );
                if (new Set(tabs.map((t) => t.top)).size !== 1 || tabs.some((t) => t.right > 800))
                    throw new Error(`the navigation does not fit one line at 800 px: ${JSON.stringify(tabs)}`);
                const lost = page.getByRole('option', { name: 'Closed Lost' });
                await lost.scrollIntoViewIfNeeded({ timeout: 15000 });
                const box = await lost.boundingBox();
                if (!box || box.x < 0 || box.x + box.width > 800)
                    throw new Error(`Closed Lost cannot be brought into view at 800 px (${JSON.stringify(box)})`);
                await screenshot(page, '8-record-page-800');
                await page.setViewportSize({ width: 1400, height: 1000 });
            }
        );

        const large = (prefix: string): { Id: string; Name: string } => {
            const found = deals.find((d) => d.Name.startsWith(prefix));
            if (!found) throw new Error(`no seeded deal starting with ${prefix}`);
            return found;
        };
        const status = page.locator('[data-field="QB_Sync_Status__c"]');

        await step(
            'A deal over the approval threshold waits for finance: Sync now is disabled with the reason',
            async () => {
                for (const prefix of ["O'Brien & Sons — data center", 'Northwind Traders — warehouse']) {
                    await page.goto(`${base}/lightning/r/Opportunity/${large(prefix).Id}/view`);
                    await page.getByRole('option', { name: 'Closed Won' }).click({ timeout: 15000 });
                    await status.filter({ hasText: /Pending Approval/ }).waitFor({ timeout: 30000 });
                }
                await page.reload();
                const panel = page.locator('c-qb-sync-panel');
                await panel.locator('[data-id="blocked"]').filter({ hasText: 'waits for finance approval' }).waitFor();
                await panel
                    .locator('[data-id="approval-reason"]')
                    .filter({ hasText: 'over the approval threshold' })
                    .waitFor();
                if (!(await panel.getByRole('button', { name: 'Sync now' }).isDisabled()))
                    throw new Error('Sync now is enabled while the deal waits for approval');
                await panel.getByText('You own this deal').waitFor();
                await screenshots(page, '8-pending-approval-owner');
            }
        );

        await step('The finance approver sees both deals on Pending Approvals', async () => {
            await page.goto(`${base}/lightning/n/QB_Pending_Approvals`);
            await switchUser(page, 'fiona.finance@quickbooks-sync.local');
            const list = page.locator('c-qb-pending-approvals');
            await list.getByRole('link', { name: /data center build-out/ }).waitFor({ timeout: 20000 });
            await list.getByRole('link', { name: /warehouse expansion/ }).waitFor();
            await screenshots(page, '9-pending-approvals');
        });

        await step('The approver approves the data center deal and it is invoiced', async () => {
            await page
                .locator('c-qb-pending-approvals')
                .getByRole('link', { name: /data center build-out/ })
                .click();
            const approval = page.locator('c-qb-approval-request');
            await approval.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 20000 });
            await approval.getByText('Hardware Kit').waitFor();
            await screenshots(page, '10-approval-request');
            await approval.getByRole('button', { name: 'Approve' }).click();
            await page.locator('c-qb-sync-panel [data-id="action-message"]').filter({ hasText: 'Approved' }).waitFor();
            await status.filter({ hasText: /^\s*Synced\s*$/ }).waitFor({ timeout: 30000 });
            const doc = (await page.locator('[data-field="QB_DocNumber__c"]').innerText()).trim();
            const invoices = playground!.env.emulator.admin.snapshot('9130350000000001').entities.Invoice ?? [];
            if (!invoices.some((i) => (i as { DocNumber?: string }).DocNumber === doc))
                throw new Error(`the record shows invoice ${doc || '(none)'}, which the emulator does not have`);
            await screenshots(page, '11-approved-and-synced');
        });

        await step('The approver rejects the warehouse deal with a reason, and no invoice is created', async () => {
            const warehouse = large('Northwind Traders — warehouse');
            await page.goto(`${base}/lightning/r/Opportunity/${warehouse.Id}/view`);
            // the record page loads as the approver, who may read every deal
            await page.locator('[data-field="Name"]').filter({ hasText: 'warehouse' }).waitFor({ timeout: 20000 });
            const approval = page.locator('c-qb-approval-request');
            await approval.getByRole('button', { name: 'Reject' }).click({ timeout: 20000 });
            const reject = approval.getByRole('button', { name: 'Reject invoice' });
            if (!(await reject.isDisabled())) throw new Error('Reject invoice is enabled without a reason');
            await approval.getByLabel('Why is this invoice rejected?').fill('Discount above policy: re-quote at list');
            await screenshots(page, '12-reject-with-reason');
            await reject.click();
            await status.filter({ hasText: /Rejected/ }).waitFor({ timeout: 20000 });
            await page
                .locator('c-qb-sync-panel [data-id="last-error"]')
                .filter({ hasText: 'Discount above policy: re-quote at list' })
                .waitFor();
            const invoices = playground!.env.emulator.admin.snapshot('9130350000000001').entities.Invoice ?? [];
            if (
                invoices.some(
                    (i) =>
                        (i as { CustomerRef?: { name?: string } }).CustomerRef?.name === 'Northwind Traders' &&
                        (i as { TotalAmt?: number }).TotalAmt === 31000
                )
            )
                throw new Error('the rejected deal was invoiced');
            await screenshots(page, '13-rejected');
            await switchUser(page, '');
        });

        const rep = 'sam.sales@quickbooks-sync.local';
        const repDeal = large('Macy’s — store expansion');

        await step('The sales rep sees only the deal they own in the opportunity list', async () => {
            await page.goto(`${base}/lightning/o/Opportunity/list`);
            await switchUser(page, rep);
            await page.getByRole('link', { name: /Macy’s — store expansion/ }).waitFor({ timeout: 20000 });
            if (await page.getByRole('link', { name: /Café Zürich|O'Brien & Sons/ }).count())
                throw new Error("the rep's list shows deals they do not own");
            await screenshots(page, '14-rep-opportunities');
        });

        await step("The rep sees their won deal's status and presses Sync now: it is invoiced", async () => {
            await page.goto(`${base}/lightning/r/Opportunity/${repDeal.Id}/view`);
            // the record page loads as the rep, who owns this deal
            await page.locator('[data-field="Name"]').filter({ hasText: 'Macy’s' }).waitFor({ timeout: 20000 });
            const panel = page.locator('c-qb-sync-panel');
            await panel.getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 20000 });
            // the compact log tells the rep why the won deal waits, in their words, and what to do
            const why = page
                .locator('c-qb-sync-log-viewer [data-id="compact-row"] a')
                .filter({ hasText: 'Not synced automatically: Won by a data load; press Sync now to invoice it' });
            await why.waitFor({ timeout: 20000 });
            // the action is in the part of the summary the row shows (two lines at most), not cut off by its ellipsis
            const shown = await why.evaluate((link) => {
                const text = link.firstChild!;
                const range = document.createRange();
                range.setStart(text, 0);
                range.setEnd(text, (text.textContent ?? '').indexOf('invoice it') + 'invoice it'.length);
                const box = link.getBoundingClientRect();
                const words = range.getBoundingClientRect();
                return words.bottom <= box.bottom + 1 && words.right <= box.right + 1;
            });
            if (!shown) throw new Error("the compact log cuts 'press Sync now to invoice it' off");
            await screenshots(page, '15-rep-deal-before-sync');
            await panel.getByRole('button', { name: 'Sync now' }).click();
            await status.filter({ hasText: /^\s*Synced\s*$/ }).waitFor({ timeout: 30000 });
            await panel.locator('[data-id="invoice-link"], [data-id="invoice-number"]').first().waitFor();
            await screenshots(page, '16-rep-deal-synced');
        });

        await step(
            'The rep cannot open a deal they do not own: Record not available, no details, no panels',
            async () => {
                const other = large("O'Brien & Sons — consulting");
                await page.goto(`${base}/lightning/r/Opportunity/${other.Id}/view`);
                await page
                    .locator('[data-id="record-not-available"]')
                    .getByText('Record not available')
                    .waitFor({ timeout: 20000 });
                const leaked = await page.locator('[data-field], c-qb-sync-panel, c-qb-sync-log-viewer').count();
                if (leaked)
                    throw new Error(`the rep sees ${leaked} field(s) or component(s) of a deal they cannot read`);
                if (await page.getByText("O'Brien & Sons").count())
                    throw new Error('the rep sees the name of a deal they cannot read');
                await screenshots(page, '17-rep-other-deal');
                await switchUser(page, '');
            }
        );

        await step('No uncaught errors in the page', async () => {
            if (pageErrors.length) throw new Error(pageErrors.join('\n'));
        });
    } finally {
        await browser.close();
        await playground?.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const failed = outcomes.filter((o) => o.error).length;
    process.stdout.write(`Screenshots: ${path.relative(REPO, OUTPUT)}/\n`);
    process.stdout.write(`${outcomes.length - failed} passed, ${failed} failed\n`);
    return failed ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e) => {
        process.stdout.write(`e2e setup failed: ${(e as Error)?.stack ?? e}\n0 passed, 1 failed\n`);
        process.exit(1);
    }
);
