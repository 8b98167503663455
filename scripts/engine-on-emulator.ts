/**
 * What the end-to-end tests that run the package's engine on the local Apex runtime against the QuickBooks emulator
 * share: the emulator in a child process with its admin API, a project of this repository's force-app plus custom
 * metadata records (also used by the tests that run the package on the runtime without QuickBooks), and an org config
 * whose Named Credential reaches the emulator after the README's install step "Integration user".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The QuickBooks emulator in its own process (the runtime's callouts block this one while they wait). */
export class EmulatorProcess {
    private constructor(
        private readonly child: ChildProcess,
        readonly url: string
    ) {}

    /** Starts the emulator on a free port, with Intuit's throttles relaxed: the runtime's clock jumps through the
     * engine's pacing delays while the throttles count real seconds. */
    static async start(): Promise<EmulatorProcess> {
        const child = spawn(
            process.execPath,
            [require.resolve('tsx/cli'), 'tools/qbo-emulator/src/cli.ts', '--port', '0'],
            {
                cwd: ROOT,
                stdio: ['ignore', 'pipe', 'inherit']
            }
        );
        const url = await new Promise<string>((resolveUrl, reject) => {
            let output = '';
            child.stdout!.on('data', (chunk: Buffer) => {
                output += chunk.toString();
                const listening = /listening on (http:\/\/\S+)/.exec(output);
                if (listening) resolveUrl(listening[1]);
            });
            child.on('exit', (code) => reject(new Error(`the QuickBooks emulator exited (${code}): ${output}`)));
        });
        const emulator = new EmulatorProcess(child, url);
        await emulator.admin('PUT', '/__admin/rate-limits', {
            perRealmAppPerSecond: 100000,
            perRealmPerMinute: 100000
        });
        return emulator;
    }

    /** The emulator's admin API, over a fresh connection each time (node:http without an agent). */
    admin(method: string, path: string, body?: unknown): Promise<Json> {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        return new Promise((resolveBody, reject) => {
            const call = request(
                `${this.url}${path}`,
                { method, agent: false, headers: payload === undefined ? {} : { 'Content-Type': 'application/json' } },
                (response) => {
                    let text = '';
                    response.on('data', (chunk: Buffer) => (text += chunk.toString()));
                    response.on('end', () => {
                        if ((response.statusCode ?? 500) >= 300)
                            reject(new Error(`${method} ${path} answered ${response.statusCode}: ${text}`));
                        else resolveBody(JSON.parse(text) as Json);
                    });
                }
            );
            call.on('error', reject);
            call.end(payload);
        });
    }

    stop(): void {
        this.child.kill();
    }
}

/** A custom metadata record's source file; empty values are left out (the field stays unset). */
export function customMetadata(label: string, values: Record<string, string | number | boolean>): string {
    const rows = Object.entries(values)
        .filter(([, value]) => value !== '')
        .map(([field, value]) => {
            const type = { boolean: 'xsd:boolean', number: 'xsd:double' }[typeof value as string] ?? 'xsd:string';
            return `    <values>\n        <field>${field}</field>\n        <value xsi:type="${type}">${String(value)}</value>\n    </values>`;
        });
    return `<?xml version="1.0" encoding="UTF-8" ?>
<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>${label}</label>
    <protected>false</protected>
${rows.join('\n')}
</CustomMetadata>
`;
}

/**
 * The README's install step "Integration user": the PlatformEventSubscriberConfig of QBSyncRequestedTrigger names the
 * org's running user, who also holds QB_Sync_Integration (the QuickBooks credential principal). Without it every
 * sync runs as the Automated Process user and fails with the setup error a real org shows.
 */
export function integrationUserInstallStep(runningUser: unknown) {
    const user = runningUser as { username: string; permissionSets?: string[] };
    return {
        runningUser: { ...user, permissionSets: [...(user.permissionSets ?? []), 'QB_Sync_Integration'] },
        platformEventSubscriberConfigs: [
            { platformEventConsumer: 'QBSyncRequestedTrigger', user: user.username, batchSize: 200 }
        ]
    };
}

/**
 * A project whose package is this repository's force-app and whose configuration is the given custom metadata
 * records (file name → source) in `configDir`, after the repository's own configuration folders in `linked`
 * (package directory → repository path, e.g. `{ 'config-dev': 'config/dev' }` for the sample company).
 */
export function packageProject(
    projectDir: string,
    configDir: string,
    records: Record<string, string>,
    linked: Record<string, string> = {}
): string {
    mkdirSync(join(projectDir, configDir, 'customMetadata'), { recursive: true });
    symlinkSync(join(ROOT, 'force-app'), join(projectDir, 'force-app'), 'dir');
    for (const [link, target] of Object.entries(linked)) symlinkSync(join(ROOT, target), join(projectDir, link), 'dir');
    // the runtime's parse cache (node_modules/.cache, keyed by source) is shared with the repository's
    symlinkSync(join(ROOT, 'node_modules'), join(projectDir, 'node_modules'), 'dir');
    writeFileSync(
        join(projectDir, 'sfdx-project.json'),
        JSON.stringify({
            packageDirectories: [
                { path: 'force-app', default: true, package: 'QuickBooks Sync' },
                ...Object.keys(linked).map((path) => ({ path, default: false })),
                { path: configDir, default: false }
            ],
            namespace: '',
            sourceApiVersion: '66.0'
        })
    );
    for (const [fileName, source] of Object.entries(records))
        writeFileSync(join(projectDir, configDir, 'customMetadata', fileName), source);
    return projectDir;
}

/** The Named Credential every test company uses; the org config points it at the emulator. */
export const TEST_CREDENTIAL = 'QB_QuickBooks_Sandbox';

/**
 * Writes an org config to `file`: the LWC fixtures' org (Ada Admin with QB_Sync_Admin) with `overrides`, the
 * integration-user install step, and TEST_CREDENTIAL reaching the emulator's company `realmId`.
 */
export function emulatorOrgConfig(file: string, emulatorUrl: string, realmId: string, overrides: Json = {}): string {
    const base = JSON.parse(readFileSync(join(ROOT, 'scripts', 'lwc-fixtures.org-config.json'), 'utf8')) as Json;
    writeFileSync(
        file,
        JSON.stringify({
            ...base,
            ...overrides,
            ...integrationUserInstallStep(base.runningUser),
            namedCredentials: {
                [TEST_CREDENTIAL]: {
                    url: emulatorUrl,
                    oauth: {
                        tokenUrl: `${emulatorUrl}/oauth2/v1/tokens/bearer`,
                        clientId: 'qbo-emulator-client',
                        clientSecret: 'qbo-emulator-secret',
                        realmId
                    }
                }
            }
        })
    );
    return file;
}
