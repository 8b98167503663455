import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkApexSemantics } from '../apex-semantic-check';
import { apexlinkJarsDir } from '../apexlink/platform-patch';

const FIXTURES = join(__dirname, '..', 'fixtures');
const NEWER_SYNTAX_CLASS = 'force-app/main/default/classes/NewerSyntaxUser.cls';

jest.setTimeout(120_000);

/** A temporary copy of the newer-syntax fixture with one line of its class replaced. */
function newerSyntaxWith(search: string, replacement: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'newer-syntax-'));
    cpSync(join(FIXTURES, 'newer-syntax'), dir, { recursive: true });
    const file = join(dir, NEWER_SYNTAX_CLASS);
    const source = readFileSync(file, 'utf8');
    expect(source).toContain(search);
    writeFileSync(file, source.replace(search, replacement));
    return dir;
}

describe('Apex semantic check (apexlink wrapper)', () => {
    it('fails on an unknown sObject field, naming the file and line', () => {
        const result = checkApexSemantics(join(FIXTURES, 'unknown-field'));
        expect(result.ok).toBe(false);
        expect(result.findings).toEqual([
            expect.stringMatching(
                /^force-app\/main\/default\/classes\/PlantedUnknownField\.cls: Missing: line 3 .*Unknown field 'QB_Nope__c'/
            )
        ]);
    });

    it('fails on an unknown method', () => {
        const result = checkApexSemantics(join(FIXTURES, 'unknown-method'));
        expect(result.ok).toBe(false);
        expect(result.findings.join('\n')).toMatch(
            /PlantedUnknownMethod\.cls: Error: line 3 .*No matching method found for 'fooBar'/
        );
    });

    it('fails on a type mismatch', () => {
        const result = checkApexSemantics(join(FIXTURES, 'type-mismatch'));
        expect(result.ok).toBe(false);
        expect(result.findings.join('\n')).toMatch(
            /PlantedTypeMismatch\.cls: Error: line 3 .*Incompatible types in assignment/
        );
    });

    it('fails when one side of ?? has the wrong type', () => {
        const result = checkApexSemantics(join(FIXTURES, 'coalesce-wrong-type'));
        expect(result.ok).toBe(false);
        expect(result.findings.join('\n')).toMatch(
            /PlantedCoalesceMismatch\.cls: Error: line 3 .*Incompatible types in ternary operation 'System.Integer' and 'System.String'/
        );
    });

    it('passes ??, Assert, AsyncOptions, AccessLevel, WITH USER_MODE and typed custom metadata accessors', () => {
        const result = checkApexSemantics(join(FIXTURES, 'newer-syntax'));
        expect(result.findings).toEqual([]);
        expect(result.ok).toBe(true);
        expect(result.rewrites).toBeGreaterThanOrEqual(6);
    });

    it('needs the wrapper: plain apexlink rejects the newer-syntax fixture', () => {
        const dir = mkdtempSync(join(tmpdir(), 'plain-apexlink-'));
        try {
            cpSync(join(FIXTURES, 'newer-syntax'), dir, { recursive: true });
            const run = spawnSync('java', ['-jar', join(apexlinkJarsDir(), 'apexlink-2.3.7.jar'), '-nocache', dir], {
                encoding: 'utf8'
            });
            expect(run.status).not.toBe(0);
            expect(run.stdout).toMatch(/Syntax:|Missing:|Error:/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('still reports an unknown field next to rewritten syntax, on the original line', () => {
        const dir = newerSyntaxWith('company?.Realm_Id__c ??', 'company?.Realm_Nope__c ??');
        try {
            const result = checkApexSemantics(dir);
            expect(result.ok).toBe(false);
            expect(result.findings.join('\n')).toMatch(/NewerSyntaxUser\.cls: Missing: line 29 .*Realm_Nope__c/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('still reports a custom metadata map assigned to the wrong type', () => {
        const dir = newerSyntaxWith('Map<String, Fixture_Company__mdt> companies', 'Map<String, Account> companies');
        try {
            const result = checkApexSemantics(dir);
            expect(result.ok).toBe(false);
            expect(result.findings.join('\n')).toMatch(/NewerSyntaxUser\.cls: Error: line 27 .*Incompatible types/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('still reports a platform method called with the wrong arguments', () => {
        const dir = newerSyntaxWith('Assert.isTrue(count >= 0);', "Assert.isTrue('yes');");
        try {
            const result = checkApexSemantics(dir);
            expect(result.ok).toBe(false);
            expect(result.findings.join('\n')).toMatch(
                /NewerSyntaxUser\.cls: Error: line 8 .*No matching method found for 'isTrue'/
            );
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
