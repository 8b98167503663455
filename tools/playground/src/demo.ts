/**
 * `npm run demo [-- --json]`: the playground's scenario without a browser. Seeds a fresh org and emulator, wins
 * three deals through the runtime's DML path (the package's trigger enqueues its Queueable, which calls the
 * emulator), then reads every figure back from the emulator's own state and checks the totals against values
 * computed from the seed data. Exits 1 on any mismatch. With --json the last line is one JSON object.
 */
import { startEnvironment } from './environment';
import type { OrgClient } from './org/org-client';
import { seedPlayground } from './seed/seed-org';
import { CA_REALM, expectedInvoiceTotal, OPPORTUNITIES, US_REALM, type SeedOpportunity } from './seed/seed-data';

interface InvoiceReport {
    opportunityId: string;
    opportunity: string;
    realm: string;
    invoiceId: string | null;
    docNumber: string | null;
    total: number | null;
    expectedTotal: number;
    lineCount: number;
    usesFallbackItem: boolean;
    customer: string | null;
    writeBack: Record<string, unknown>;
    logRows: number;
    problems: string[];
}

interface QboLine {
    DetailType: string;
    Amount: number;
    SalesItemLineDetail?: { ItemRef: { value: string; name?: string } };
}

interface QboInvoice {
    Id: string;
    DocNumber: string;
    TotalAmt: number;
    CustomerRef: { value: string; name?: string };
    Line: QboLine[];
}

const WRITE_BACK_FIELDS = [
    'QB_Sync_Status__c',
    'QB_Invoice_Id__c',
    'QB_DocNumber__c',
    'QB_Realm__c',
    'QB_Synced_Amount__c',
    'QB_Invoice_Subtotal__c',
    'QB_Invoice_Tax__c',
    'QB_Invoice_Total__c',
    'QB_Invoice_Balance__c',
    'QB_Last_Synced_At__c',
    'QB_Last_Error__c'
];

/** Sync statuses while the engine still has work to do for a deal; every other status is an outcome. */
const IN_FLIGHT = new Set(['Queued', 'In_Progress', 'Retry_Scheduled']);
const SYNC_WAIT_MS = 120_000;

/** Waits until no won deal is in flight (or SYNC_WAIT_MS passes; the report then shows what is still pending). */
async function waitForSyncJobs(org: OrgClient, ids: string[]): Promise<void> {
    const idList = ids.map((id) => `'${id}'`).join(', ');
    const deadline = Date.now() + SYNC_WAIT_MS;
    while (Date.now() < deadline) {
        const rows = await org.query<{ QB_Sync_Status__c: string }>(
            `SELECT QB_Sync_Status__c FROM Opportunity WHERE Id IN (${idList})`
        );
        if (rows.every((row) => !IN_FLIGHT.has(row.QB_Sync_Status__c))) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

async function main(): Promise<number> {
    const json = process.argv.includes('--json');
    const say = (line = '') => {
        if (!json) process.stdout.write(line + '\n');
    };
    const env = await startEnvironment({ dataDir: null, reset: true, emulatorPort: 0 });
    try {
        say('Seeding the local org (anonymous Apex on the runtime) and the QuickBooks emulator …');
        await seedPlayground(env.emulator, env.org);
        env.emulator.admin.resetCounters();
        const deals = OPPORTUNITIES.filter((o) => o.demoWin);
        const ids = new Map<SeedOpportunity, string>();
        for (const deal of deals) {
            const rows = await env.org.query<{ Id: string }>(
                `SELECT Id FROM Opportunity WHERE Name = '${deal.name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
            );
            if (rows.length !== 1) throw new Error(`Seeded deal not found: ${deal.name}`);
            ids.set(deal, rows[0].Id);
        }
        for (const deal of deals) {
            say(`Closing "${deal.name}" as won (update Opportunity: StageName = 'Closed Won') …`);
            const r = await env.org.request({
                op: 'updateRecord',
                objectName: 'Opportunity',
                fields: { Id: ids.get(deal), StageName: 'Closed Won' }
            });
            if (!r.ok) throw new Error(`Update failed: ${r.error!.exceptionType}: ${r.error!.message}`);
            for (const e of r.asyncErrors ?? []) say(`  async: ${e}`);
        }
        say('Waiting for the sync jobs (Queueables run after the update commits, in the background) …');
        await waitForSyncJobs(env.org, [...ids.values()]);

        const reports: InvoiceReport[] = [];
        for (const deal of deals) {
            const id = ids.get(deal)!;
            const [opp] = await env.org.query<Record<string, unknown>>(
                `SELECT ${WRITE_BACK_FIELDS.join(', ')} FROM Opportunity WHERE Id = '${id}'`
            );
            const logRows = await env.org.query(`SELECT Id FROM QB_Sync_Log__c WHERE Opportunity__c = '${id}'`);
            const expectedRealm = deal.recordType === 'Canada_Deal' ? CA_REALM : US_REALM;
            const invoiceId = (opp.QB_Invoice_Id__c as string | null) ?? null;
            const invoices = (env.emulator.admin.snapshot(expectedRealm).entities.Invoice ??
                []) as unknown as QboInvoice[];
            const invoice = invoices.find((i) => i.Id === invoiceId) ?? null;
            const sales = invoice ? invoice.Line.filter((l) => l.DetailType === 'SalesItemLineDetail') : [];
            const expectedTotal = expectedInvoiceTotal(deal);
            const problems: string[] = [];
            if (!invoice)
                problems.push(
                    `no invoice ${invoiceId ?? '(none written back)'} in QuickBooks company ${expectedRealm}`
                );
            if (invoice && Math.abs(invoice.TotalAmt - expectedTotal) > 0.005)
                problems.push(`total ${invoice.TotalAmt} ≠ expected ${expectedTotal}`);
            if (invoice && sales.length !== deal.lines.length)
                problems.push(`${sales.length} item lines ≠ ${deal.lines.length} products`);
            if (opp.QB_Realm__c !== expectedRealm)
                problems.push(`written-back realm ${opp.QB_Realm__c} ≠ ${expectedRealm}`);
            if (invoice && opp.QB_DocNumber__c !== invoice.DocNumber)
                problems.push(`written-back DocNumber ${opp.QB_DocNumber__c} ≠ QuickBooks ${invoice.DocNumber}`);
            if (opp.QB_Sync_Status__c !== 'Synced') problems.push(`status ${opp.QB_Sync_Status__c}`);
            const duplicates = invoices.filter((i) =>
                (i as unknown as { PrivateNote?: string }).PrivateNote?.includes(id)
            );
            if (duplicates.length > 1) problems.push(`${duplicates.length} invoices for one deal`);
            const fallbackItemId = '1';
            reports.push({
                opportunityId: id,
                opportunity: deal.name,
                realm: expectedRealm,
                invoiceId: invoice?.Id ?? null,
                docNumber: invoice?.DocNumber ?? null,
                total: invoice?.TotalAmt ?? null,
                expectedTotal,
                lineCount: sales.length,
                usesFallbackItem: sales.some((l) => l.SalesItemLineDetail?.ItemRef.value === fallbackItemId),
                customer: invoice?.CustomerRef.name ?? null,
                writeBack: Object.fromEntries(WRITE_BACK_FIELDS.map((f) => [f, opp[f] ?? null])),
                logRows: logRows.length,
                problems
            });
        }
        if (!reports.some((r) => r.usesFallbackItem))
            reports[reports.length - 1].problems.push('no invoice line used the fallback item');
        const counters = env.emulator.admin.counters().summary;
        const qboCalls = {
            total: counters.total,
            reads: counters.reads,
            writes: counters.writes,
            byStatus: counters.byStatus
        };

        for (const realm of [US_REALM, CA_REALM]) {
            const mine = reports.filter((r) => r.realm === realm);
            say('');
            say(
                `QuickBooks company ${realm} (${realm === US_REALM ? 'Acme US, USD' : 'Acme Canada, CAD'}): ${mine.length} invoice(s)`
            );
            for (const r of mine) {
                say(
                    `  Invoice #${r.docNumber} (Id ${r.invoiceId}) for ${r.customer}: ${r.lineCount} lines, total ${r.total} (expected ${r.expectedTotal})${r.usesFallbackItem ? ', unmapped product on the fallback item' : ''}`
                );
                say(`    from "${r.opportunity}" (${r.opportunityId}); ${r.logRows} sync log rows`);
                say(
                    `    written back: ${Object.entries(r.writeBack)
                        .map(([k, v]) => `${k}=${v}`)
                        .join(', ')}`
                );
                for (const p of r.problems) say(`    MISMATCH: ${p}`);
            }
        }
        say('');
        say(
            `QuickBooks calls: ${qboCalls.total} (${qboCalls.reads} reads, ${qboCalls.writes} writes), by status ${JSON.stringify(qboCalls.byStatus)}`
        );
        const failed = reports.filter((r) => r.problems.length > 0).length;
        say(
            failed
                ? `${failed} of ${reports.length} deals did not check out.`
                : `All ${reports.length} invoices check out against the seed data.`
        );
        if (json) {
            process.stdout.write(
                JSON.stringify({
                    ok: failed === 0,
                    invoices: reports.map((r) => ({
                        opportunityId: r.opportunityId,
                        realm: r.realm,
                        invoiceId: r.invoiceId,
                        docNumber: r.docNumber,
                        total: r.total,
                        lineCount: r.lineCount,
                        expectedTotal: r.expectedTotal,
                        usesFallbackItem: r.usesFallbackItem,
                        logRows: r.logRows,
                        writeBack: r.writeBack,
                        problems: r.problems
                    })),
                    qboCalls
                }) + '\n'
            );
        }
        return failed ? 1 : 0;
    } finally {
        await env.close();
    }
}

main().then(
    (code) => process.exit(code),
    (e) => {
        process.stderr.write(`demo failed: ${(e as Error)?.stack ?? e}\n`);
        process.exit(1);
    }
);
