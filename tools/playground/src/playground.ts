/** Starts the whole playground: emulator, local org (seeded when fresh), the compiled UI and the web server. */
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { startEnvironment, type Environment } from './environment';
import { seedPlayground } from './seed/seed-org';
import { uiBundle } from './server/ui-bundle';
import { createPlaygroundServer, listen, type UserLocale } from './server/server';

export interface PlaygroundOptions {
    dataDir: string | null;
    reset: boolean;
    port: number;
    emulatorPort: number;
    host: string;
    log: (line: string) => void;
}

export interface Playground {
    url: string;
    env: Environment;
    close(): Promise<void>;
}

const CUSTOM_PERMISSIONS_DIR = path.resolve(
    __dirname,
    '..',
    '..',
    '..',
    'force-app',
    'main',
    'configuration',
    'customPermissions'
);

/** The package's custom permissions the running user holds (FeatureManagement.checkPermission on the org). */
async function grantedCustomPermissions(env: Environment): Promise<string[]> {
    const names = fs
        .readdirSync(CUSTOM_PERMISSIONS_DIR)
        .filter((f) => f.endsWith('.customPermission-meta.xml'))
        .map((f) => f.replace('.customPermission-meta.xml', ''));
    const granted: string[] = [];
    for (const name of names) {
        const r = await env.org.exec(`System.debug(FeatureManagement.checkPermission('${name}'));`);
        if (r.debug?.[0] === 'true') granted.push(name);
    }
    return granted;
}

/** The running user's locale and time zone (User.LocaleSidKey, TimeZoneSidKey), which Lightning formats values in. */
async function userLocale(env: Environment): Promise<UserLocale> {
    const r = await env.org.exec("System.debug(UserInfo.getLocale() + '|' + UserInfo.getTimeZone().getID());");
    const [locale, timeZone] = String(r.debug?.[0] ?? 'en_US|America/Los_Angeles').split('|');
    return { locale: locale.replace(/_/g, '-'), timeZone };
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
    const { log } = options;
    let code = '';
    let ready: Environment | null = null;
    let customPermissions: string[] = [];
    let locale: UserLocale = { locale: 'en-US', timeZone: 'America/Los_Angeles' };
    // ports first, so a taken port is reported before a minute of compiling and seeding
    const server: http.Server = createPlaygroundServer(
        () => ready,
        () => code,
        () => ({ customPermissions, ...locale })
    );
    const port = await listen(server, options.port, options.host, 'playground');
    const closeServer = () => new Promise((resolve) => server.close(resolve));
    let env: Environment;
    try {
        env = await startEnvironment({
            dataDir: options.dataDir,
            reset: options.reset,
            emulatorPort: options.emulatorPort,
            host: options.host
        });
    } catch (e) {
        await closeServer();
        throw e;
    }
    try {
        code = await uiBundle(log);
        if (env.fresh) {
            log('Seeding demo data (accounts, products, price books, item mappings, opportunities, a contract) …');
            await seedPlayground(env.emulator, env.org);
        }
        customPermissions = await grantedCustomPermissions(env);
        locale = await userLocale(env);
        ready = env;
        return {
            url: `http://${options.host}:${port}`,
            env,
            async close() {
                await closeServer();
                await env.close();
            }
        };
    } catch (e) {
        await closeServer();
        await env.close();
        throw e;
    }
}
