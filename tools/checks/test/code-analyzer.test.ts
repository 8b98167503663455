import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFinding, runCodeAnalyzer } from '../code-analyzer';

const FIXTURE = join(__dirname, '..', 'fixtures', 'code-analyzer-finding');
const PLANTED_CLASS = 'force-app/main/default/classes/PlantedCrudViolation.cls';
const PLANTED_FIELD = 'force-app/main/default/objects/Planted_Vault__c/fields/Api_Key__c.field-meta.xml';

jest.setTimeout(120_000);

/** A temporary copy of the fixture with one file's text replaced. */
function fixtureWith(file: string, search: string, replacement: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'code-analyzer-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const path = join(dir, file);
    const source = readFileSync(path, 'utf8');
    expect(source).toContain(search);
    writeFileSync(path, source.replace(search, replacement));
    return dir;
}

function withFixture(dir: string, body: (dir: string) => void) {
    try {
        body(dir);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

describe('Salesforce Code Analyzer check', () => {
    it('fails on a planted CRUD violation and a secret-looking field, naming file, line and rule', () => {
        const result = runCodeAnalyzer(FIXTURE);
        expect(result.ok).toBe(false);
        expect(result.errors).toEqual([]);
        expect(result.findings.map(formatFinding).sort()).toEqual([
            `${PLANTED_CLASS}:3  ApexCRUDViolation  Validate CRUD permission before SOQL/DML operation or enforce user mode`,
            `${PLANTED_FIELD}:1  ProtectSensitiveData  Api_Key__c is a potential auth token in a custom object: Planted_Vault__c`
        ]);
    });

    it('passes the query once it runs in user mode', () => {
        withFixture(fixtureWith(PLANTED_CLASS, 'FROM Account]', 'FROM Account WITH USER_MODE]'), (dir) => {
            const result = runCodeAnalyzer(dir);
            expect(result.findings.map((f) => f.rule)).toEqual(['ProtectSensitiveData']);
        });
    });

    it('counts a finding suppressed in Apex with its reason as explained, not as a failure', () => {
        const explainedLine = 'FROM Account]; // NOPMD ApexCRUDViolation: fixture reads every account by design';
        withFixture(fixtureWith(PLANTED_CLASS, 'FROM Account];', explainedLine), (dir) => {
            const result = runCodeAnalyzer(dir);
            expect(result.findings.map((f) => f.rule)).toEqual(['ProtectSensitiveData']);
            expect(result.explained.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
                `${PLANTED_CLASS}:3 ApexCRUDViolation`
            ]);
        });
    });

    it('does not accept a bare // NOPMD with no reason', () => {
        withFixture(fixtureWith(PLANTED_CLASS, 'FROM Account];', 'FROM Account]; // NOPMD'), (dir) => {
            const result = runCodeAnalyzer(dir);
            expect(result.ok).toBe(false);
            expect(result.findings.map(formatFinding)).toContain(
                `${PLANTED_CLASS}:3  ApexCRUDViolation  Validate CRUD permission before SOQL/DML operation or enforce user mode (NOPMD without a reason)`
            );
        });
    });

    it('accepts an XML NOPMD comment with a reason for that rule in that file only', () => {
        const comment = '<!-- NOPMD ProtectSensitiveData: an identifier of the vault row, not a credential -->';
        withFixture(fixtureWith(PLANTED_FIELD, '<fullName>', `${comment}\n    <fullName>`), (dir) => {
            const result = runCodeAnalyzer(dir);
            expect(result.findings.map((f) => f.rule)).toEqual(['ApexCRUDViolation']);
            expect(result.explained.map((f) => f.rule)).toEqual(['ProtectSensitiveData']);
        });
    });

    it('does not accept an XML NOPMD comment without a reason, or for another rule', () => {
        for (const comment of ['<!-- NOPMD ProtectSensitiveData: -->', '<!-- NOPMD ApexCRUDViolation: unrelated -->']) {
            withFixture(fixtureWith(PLANTED_FIELD, '<fullName>', `${comment}\n    <fullName>`), (dir) => {
                const result = runCodeAnalyzer(dir);
                expect(result.findings.map((f) => f.rule).sort()).toEqual([
                    'ApexCRUDViolation',
                    'ProtectSensitiveData'
                ]);
            });
        }
    });
});
