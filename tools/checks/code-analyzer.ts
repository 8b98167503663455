/**
 * Salesforce Code Analyzer, as AppExchange security review runs it: PMD 7 with its Apex security category and
 * Salesforce's AppExchange rules (Apex, XML and metadata), from the jars `@salesforce/sfdx-scanner` ships, on
 * Java 17, over the package source. Any finding fails the check; each is printed with its file, line, rule and
 * message.
 *
 * A finding that is the package's design is explained where it occurs, so the code is the reviewer's
 * false-positive document:
 * - Apex: `AccessLevel.SYSTEM_MODE`, `WITH SYSTEM_MODE`, or `@SuppressWarnings('PMD.Rule')` / `// NOPMD` with
 *   the reason beside it (PMD honours these itself).
 * - Metadata XML, where PMD has no suppression: a comment `<!-- NOPMD Rule: reason -->` in the flagged file.
 *   It explains that rule's findings in that file only, and only with a reason.
 *
 * Usage: tsx tools/checks/code-analyzer.ts [projectDir]   (default: the repository root; scans its force-app)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');
const SCANNER = join(REPO_ROOT, 'node_modules', '@salesforce', 'sfdx-scanner');

/** The rule sets security review runs on Apex and metadata. */
export const RULE_SETS = [
    'category/apex/security.xml',
    'category/apex/sfca_apex_security.xml',
    'category/xml/sfca_xml_security.xml',
    'category/sfmetadata/sfca_sfmetadata_security.xml'
];

/** Files those rules read: Apex and metadata XML (not the LWC sources or READMEs, which no rule above checks). */
const SCANNED_FILE = /\.(cls|trigger|xml)$/;
const XML_EXPLANATION = /<!--\s*NOPMD\s+(\w+)\s*:\s*(\S[^]*?)\s*-->/g;

export interface Finding {
    /** Path relative to the project directory. */
    file: string;
    line: number;
    rule: string;
    message: string;
}

export interface CodeAnalyzerResult {
    ok: boolean;
    findings: Finding[];
    /** Findings PMD suppressed (`@SuppressWarnings`, `// NOPMD`) or an XML `NOPMD Rule: reason` comment explains. */
    explained: Finding[];
    /** Files PMD could not process, and configuration errors: each fails the check too. */
    errors: string[];
    filesScanned: number;
}

interface PmdViolation {
    beginline: number;
    rule: string;
    description: string;
    /** On suppressed violations: `nopmd` or `annotation`, and the text after `NOPMD`. */
    suppressiontype?: string;
    usermsg?: string;
}

interface PmdReport {
    files: { filename: string; violations: PmdViolation[] }[];
    suppressedViolations: { filename: string; violations: PmdViolation[] }[];
    processingErrors: { filename: string; message: string }[];
    configurationErrors: { rule: string; message: string }[];
}

function scannedFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && SCANNED_FILE.test(e.name))
        .map((e) => join(e.parentPath, e.name))
        .sort();
}

/** Rules a metadata file explains with `<!-- NOPMD Rule: reason -->`. */
function xmlExplanations(file: string): Set<string> {
    if (!file.endsWith('.xml')) return new Set();
    return new Set([...readFileSync(file, 'utf8').matchAll(XML_EXPLANATION)].map((m) => m[1].toLowerCase()));
}

export function formatFinding(f: Finding): string {
    return `${f.file}:${f.line}  ${f.rule}  ${f.message}`;
}

export function runCodeAnalyzer(projectDir: string): CodeAnalyzerResult {
    const root = resolve(projectDir);
    const source = join(root, 'force-app');
    if (!existsSync(join(SCANNER, 'dist', 'pmd7', 'lib'))) {
        throw new Error(`${relative(REPO_ROOT, SCANNER)} is not installed: run npm ci`);
    }
    const files = scannedFiles(source);
    const work = mkdtempSync(join(tmpdir(), 'code-analyzer-'));
    try {
        const fileList = join(work, 'files.txt');
        const reportFile = join(work, 'report.json');
        writeFileSync(fileList, files.join('\n'));
        const classpath = [join(SCANNER, 'dist', 'pmd7', 'lib', '*'), join(SCANNER, 'pmd-appexchange', 'lib', '*')];
        const run = spawnSync(
            'java',
            [
                '-cp',
                classpath.join(':'),
                'net.sourceforge.pmd.cli.PmdCli',
                'check',
                '--file-list',
                fileList,
                '-R',
                RULE_SETS.join(','),
                '-f',
                'json',
                '-r',
                reportFile,
                '--no-cache',
                '--no-progress',
                '--show-suppressed'
            ],
            { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
        );
        if (run.error) throw new Error(`could not start java (${run.error.message}); install a Java 17 runtime`);
        if (!existsSync(reportFile)) {
            throw new Error(`PMD wrote no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
        }
        const report = JSON.parse(readFileSync(reportFile, 'utf8')) as PmdReport;
        const toFinding = (filename: string, v: PmdViolation): Finding => ({
            file: relative(root, resolve(filename)),
            line: v.beginline,
            rule: v.rule,
            message: v.description.trim()
        });
        const findings: Finding[] = [];
        const explained: Finding[] = [];
        for (const file of report.suppressedViolations) {
            for (const violation of file.violations) {
                const finding = toFinding(file.filename, violation);
                const unexplained = violation.suppressiontype === 'nopmd' && !violation.usermsg?.trim();
                if (unexplained) findings.push({ ...finding, message: `${finding.message} (NOPMD without a reason)` });
                else explained.push(finding);
            }
        }
        for (const file of report.files) {
            const explains = xmlExplanations(resolve(file.filename));
            for (const violation of file.violations) {
                const finding = toFinding(file.filename, violation);
                (explains.has(finding.rule.toLowerCase()) ? explained : findings).push(finding);
            }
        }
        const errors = [
            ...report.processingErrors.map((e) => `${relative(root, resolve(e.filename))}: ${e.message}`),
            ...report.configurationErrors.map((e) => `${e.rule}: ${e.message}`)
        ];
        if (run.status !== 0 && run.status !== 4 && errors.length === 0) {
            errors.push(`PMD exited with status ${run.status}:\n${run.stderr}`);
        }
        return {
            ok: findings.length === 0 && errors.length === 0,
            findings,
            explained,
            errors,
            filesScanned: files.length
        };
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const result = runCodeAnalyzer(process.argv[2] ?? REPO_ROOT);
    for (const finding of result.findings) console.log(formatFinding(finding));
    for (const error of result.errors) console.log(`error: ${error}`);
    const byRule = new Map<string, number>();
    for (const f of result.explained) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    const explainedSummary = [...byRule].map(([rule, n]) => `${n} ${rule}`).join(', ');
    console.log(
        `Code Analyzer (PMD ${RULE_SETS.length} security rule sets): ${result.filesScanned} files, ` +
            `${result.findings.length} finding(s), ${result.errors.length} error(s), ` +
            `${result.explained.length} explained in code${explainedSummary ? ` (${explainedSummary})` : ''}`
    );
    process.exit(result.ok ? 0 : 1);
}
