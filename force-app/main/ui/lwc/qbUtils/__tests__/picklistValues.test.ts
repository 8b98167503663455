import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { LOG_OPERATION, LOG_OUTCOME, SYNC_STATUS } from 'c/qbUtils';

// The same picklist values live in three places: the field metadata (what the org stores), the Apex constants
// (what the engine writes and compares) and the qbUtils table (what the components compare). They must not drift.
const PACKAGE = join(__dirname, '..', '..', '..', '..');

function picklistValues(fieldPath: string): string[] {
    const xml = readFileSync(join(PACKAGE, fieldPath), 'utf8');
    return [...xml.matchAll(/<value>\s*<fullName>([^<]+)<\/fullName>/g)].map((match) => match[1]);
}

/** `public static final String NAME = 'Value';` declarations of an Apex class, in source order. */
function apexConstants(classPath: string, namePrefix = ''): Record<string, string> {
    const source = readFileSync(join(PACKAGE, classPath), 'utf8');
    const constants: Record<string, string> = {};
    for (const match of source.matchAll(/public static final String (\w+)\s*=\s*'([^']*)';/g)) {
        if (match[1].startsWith(namePrefix)) {
            constants[match[1].slice(namePrefix.length)] = match[2];
        }
    }
    return constants;
}

function constantName(apiValue: string): string {
    return apiValue.toUpperCase();
}

const OPPORTUNITY_STATUS = picklistValues(
    'sync/write-back/objects/Opportunity/fields/QB_Sync_Status__c.field-meta.xml'
);
const REQUEST_STATE = picklistValues('sync/engine/objects/QB_Sync_Request__c/fields/State__c.field-meta.xml');
const OPERATION = picklistValues('sync-log/objects/QB_Sync_Log__c/fields/Operation__c.field-meta.xml');
const OUTCOME = picklistValues('sync-log/objects/QB_Sync_Log__c/fields/Outcome__c.field-meta.xml');

describe('QBSyncStatus (Apex)', () => {
    const constants = apexConstants('sync/engine/classes/QBSyncStatus.cls');

    it('has one constant, named after its value, for every value of both status picklists and nothing else', () => {
        const picklistUnion = [...new Set([...OPPORTUNITY_STATUS, ...REQUEST_STATE])].sort();
        expect(Object.values(constants).sort()).toEqual(picklistUnion);
        for (const [name, value] of Object.entries(constants)) {
            expect(name).toBe(constantName(value));
        }
    });
});

describe('QBLogOperation (Apex)', () => {
    it('has one constant, named after its value, for every Operation__c value, in picklist order', () => {
        const constants = apexConstants('sync-log/classes/QBLogOperation.cls');
        expect(Object.keys(constants)).toEqual(OPERATION.map(constantName));
        expect(Object.values(constants)).toEqual(OPERATION);
    });
});

describe('QBSyncLogger outcomes (Apex)', () => {
    it('has one OUTCOME_ constant for every Outcome__c value, in picklist order', () => {
        const constants = apexConstants('sync-log/classes/QBSyncLogger.cls', 'OUTCOME_');
        expect(Object.keys(constants)).toEqual(OUTCOME.map(constantName));
        expect(Object.values(constants)).toEqual(OUTCOME);
    });
});

describe('qbUtils picklist table', () => {
    it('SYNC_STATUS is Opportunity.QB_Sync_Status__c, with the Apex constant names', () => {
        const apex = apexConstants('sync/engine/classes/QBSyncStatus.cls');
        expect(Object.values(SYNC_STATUS)).toEqual(OPPORTUNITY_STATUS);
        for (const [name, value] of Object.entries(SYNC_STATUS)) {
            expect(apex[name]).toBe(value);
        }
    });

    it('LOG_OPERATION is QB_Sync_Log__c.Operation__c, with the Apex constant names', () => {
        expect({ ...LOG_OPERATION }).toEqual(apexConstants('sync-log/classes/QBLogOperation.cls'));
        expect(Object.values(LOG_OPERATION)).toEqual(OPERATION);
    });

    it('LOG_OUTCOME is QB_Sync_Log__c.Outcome__c, with the Apex constant names', () => {
        expect({ ...LOG_OUTCOME }).toEqual(apexConstants('sync-log/classes/QBSyncLogger.cls', 'OUTCOME_'));
        expect(Object.values(LOG_OUTCOME)).toEqual(OUTCOME);
    });
});

describe('production Apex', () => {
    const productionClasses = apexClassPaths().filter(
        (classPath) => !/\/(QBSyncStatus|QBLogOperation)\.cls$/.test(classPath)
    );
    const statusLiteral = new RegExp(`'(${[...new Set([...OPPORTUNITY_STATUS, ...REQUEST_STATE])].join('|')})'`);

    // AsyncApexJob.Status shares some words (Completed, Failed) with the sync statuses; its lines are not sync statuses.
    const asyncJobStatus = /\bStatus\s*(IN\b|==|!=|=)|'Aborted'/;
    const mentionsSyncStatus = (source: string) =>
        source.split('\n').some((line) => statusLiteral.test(line) && !asyncJobStatus.test(line));

    it('writes and compares sync statuses through QBSyncStatus, never as literals', () => {
        const offenders = productionClasses.filter((classPath) => mentionsSyncStatus(readFileSync(classPath, 'utf8')));
        expect(offenders).toEqual([]);
    });

    it('logs decisions through QBLogOperation.DECISION, never as a literal', () => {
        const offenders = productionClasses.filter((classPath) =>
            readFileSync(classPath, 'utf8').includes("'Decision'")
        );
        expect(offenders).toEqual([]);
    });
});

function apexClassPaths(): string[] {
    const paths: string[] = [];
    const walk = (directory: string): void => {
        for (const entry of readdirSync(directory)) {
            const entryPath = join(directory, entry);
            if (statSync(entryPath).isDirectory()) {
                walk(entryPath);
            } else if (entryPath.endsWith('.cls') && directory.endsWith('/classes')) {
                paths.push(entryPath);
            }
        }
    };
    walk(PACKAGE);
    return paths;
}
