/**
 * Starts the playground's two back ends: the QuickBooks emulator (main thread, persisted in SQLite) and the local
 * org (its own process, persisted as JSON); the emulator's clock follows the org's (async delays move it). The org's Named Credentials point at the emulator and
 * their principals are pre-authorized there, as an admin's one-time OAuth consent would do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    createEmulator,
    DEFAULT_CA_REALM,
    DEFAULT_CLIENT,
    DEFAULT_US_REALM,
    type Emulator
} from '../../qbo-emulator/src';
import { OrgClient } from './org/org-client';
import { INTEGRATION_USER } from './seed/seed-data';

export const PLAYGROUND_ORG_DIR = path.resolve(__dirname, '..', 'org');

/** Which Named Credential reaches which company (see org/setup/customMetadata). */
export const CREDENTIAL_REALMS: Record<string, string> = {
    QB_QuickBooks_Sandbox: DEFAULT_US_REALM,
    QB_QuickBooks_Production: DEFAULT_CA_REALM
};

export interface EnvironmentOptions {
    /** folder for org.json and qbo.sqlite; null keeps everything in memory */
    dataDir: string | null;
    reset: boolean;
    emulatorPort: number;
    host?: string;
}

export interface Environment {
    emulator: Emulator;
    org: OrgClient;
    /** true when the org had no saved data (the caller seeds it) */
    fresh: boolean;
    close(): Promise<void>;
}

export async function startEnvironment(options: EnvironmentOptions): Promise<Environment> {
    const { dataDir } = options;
    if (dataDir) {
        if (options.reset) fs.rmSync(dataDir, { recursive: true, force: true });
        fs.mkdirSync(dataDir, { recursive: true });
    }
    const orgFile = dataDir ? path.join(dataDir, 'org.json') : null;
    const fresh = !orgFile || !fs.existsSync(orgFile);
    if (fresh && dataDir) fs.rmSync(path.join(dataDir, 'qbo.sqlite'), { force: true });
    let org: OrgClient | null = null;
    const emulator = await createEmulator({
        clock: { now: () => org?.now() ?? Date.now() },
        port: options.emulatorPort,
        host: options.host ?? '127.0.0.1',
        persistFile: dataDir ? path.join(dataDir, 'qbo.sqlite') : undefined
    }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE' || /already in use/i.test(e.message))
            throw new Error(
                `Port ${options.emulatorPort} (QuickBooks emulator) is already in use. Stop what is using it, or choose another port: npm start -- --emulator-port <n> (or QBO_EMULATOR_PORT=<n>).`
            );
        throw e;
    });
    const namedCredentials: Record<string, unknown> = {};
    for (const [name, realmId] of Object.entries(CREDENTIAL_REALMS)) {
        const grant = emulator.admin.grant(DEFAULT_CLIENT.clientId, realmId);
        namedCredentials[name] = {
            url: emulator.url,
            oauth: {
                tokenUrl: `${emulator.url}/oauth2/v1/tokens/bearer`,
                clientId: DEFAULT_CLIENT.clientId,
                clientSecret: DEFAULT_CLIENT.clientSecret,
                realmId,
                refreshToken: grant.refresh_token
            }
        };
    }
    try {
        org = await OrgClient.start({
            projectDir: PLAYGROUND_ORG_DIR,
            dataFile: orgFile,
            orgConfig: {
                organizationName: 'QuickBooks Sync Playground',
                timeZone: 'America/Los_Angeles',
                corporateCurrency: 'USD',
                multiCurrency: true,
                currencies: [
                    { isoCode: 'USD', conversionRate: 1 },
                    { isoCode: 'CAD', conversionRate: 1.38 }
                ],
                isSandbox: false,
                loadSampleMetadata: false,
                // reps see their own deals only (Sam Sales owns the Macy’s deal; the admin owns the others)
                organizationWideDefaults: { Opportunity: 'Private' },
                namedCredentials: namedCredentials as never,
                // the install step "Integration user": syncs run as the user QBSyncRequestedTrigger's config names
                platformEventSubscriberConfigs: [
                    {
                        platformEventConsumer: 'QBSyncRequestedTrigger',
                        user: INTEGRATION_USER.username,
                        batchSize: 200
                    }
                ]
            }
        });
    } catch (e) {
        await emulator.close();
        throw e;
    }
    const started = org;
    return {
        emulator,
        org: started,
        fresh,
        async close() {
            await started.close();
            await emulator.close();
        }
    };
}
