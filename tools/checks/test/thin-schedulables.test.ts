import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * Scheduled classes stay thin. Salesforce refuses to update a class an active scheduled job references, or any class
 * that class references, unless Deployment Settings allow deployments with Apex jobs pending (Apex Developer Guide,
 * "Apex Scheduler"; Metadata API Developer Guide, "ApexClass"). So every shipped Schedulable references no package
 * class but QBScheduledWork, naming its worker only as a string, and that string names a class implementing it.
 */
const FORCE_APP = resolve(__dirname, '..', '..', '..', 'force-app');

function shippedClasses(): Map<string, string> {
    const classes = new Map<string, string>();
    for (const entry of readdirSync(FORCE_APP, { withFileTypes: true, recursive: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.cls') || /[\\/]tests$/.test(entry.parentPath)) continue;
        classes.set(basename(entry.name, '.cls'), readFileSync(join(entry.parentPath, entry.name), 'utf8'));
    }
    return classes;
}

/** The source without comments and string literals: what the compiler resolves as references. */
function code(source: string): string {
    return source
        .replace(/\/\*[\s\S]*?\*\//g, ' ')
        .replace(/\/\/.*$/gm, ' ')
        .replace(/'(?:\\.|[^'\\])*'/g, "''");
}

const implementsList = (source: string) => /\bimplements\s+([^{]+)\{/i.exec(code(source))?.[1] ?? '';
const classes = shippedClasses();
const schedulables = [...classes].filter(([, source]) => /\bSchedulable\b/i.test(implementsList(source)));

describe('scheduled classes', () => {
    it('exist (the background jobs are scheduled through them)', () => {
        expect(schedulables.map(([name]) => name).sort()).toEqual([
            'QBConnectionKeepAliveSchedule',
            'QBContractRenewalInvoicingSchedule',
            'QBDailyDigestSchedule',
            'QBPaymentBackSyncSchedule',
            'QBSlackApprovalNotifierSchedule',
            'QBSyncLogPurgeSchedule',
            'QBSyncSweeperSchedule'
        ]);
    });

    it.each(schedulables)('%s references no package class but QBScheduledWork', (name, source) => {
        const references = new Set(code(source).match(/\bQB\w+/g) ?? []);
        references.delete(name);
        references.delete('QBScheduledWork');
        expect([...references]).toEqual([]);
    });

    it.each(schedulables)('%s names a worker that implements QBScheduledWork', (_name, source) => {
        const worker = /Type\.forName\('(\w+)'\)/.exec(source)?.[1];
        expect(worker).toBeDefined();
        expect(implementsList(classes.get(worker!) ?? '')).toMatch(/\bQBScheduledWork\b/);
    });
});
