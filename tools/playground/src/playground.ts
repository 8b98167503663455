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
    /**
     * Runs the background jobs (sweeper, payment back-sync) this often, as the org's scheduler runs them after
     * "Set up background jobs" (hourly and every 15 minutes there; a few seconds here, so a payment recorded in the
     * QuickBooks pane reaches the deal while one watches). 0 turns them off.
     */
    backgroundJobsEveryMs: number;
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

/** What the org's schedule runs: the sweeper restarts left-behind work, the back-sync reads payments. */
const BACKGROUND_JOBS = 'QBSyncSweeper.sweep();\nSystem.enqueueJob(new QBPaymentBackSync());';

/** Runs the background jobs every `everyMs` (each run starts after the previous one ended); returns the stop. */
function runBackgroundJobs(env: Environment, everyMs: number, log: (line: string) => void): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const next = () => {
        if (stopped) return;
        timer = setTimeout(() => {
            // the back-sync Queueable runs in the background like the users' own jobs, so a sync a user just started
            // still shows Queued first
            env.org
                .request({ op: 'exec', source: BACKGROUND_JOBS, background: true })
                .then((r) => {
                    if (!r.ok) log(`Background jobs failed: ${r.error?.exceptionType}: ${r.error?.message}`);
                })
                .catch((e: Error) => log(`Background jobs failed: ${e.message}`))
                .finally(next);
        }, everyMs);
    };
    next();
    return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
    };
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
        const stopBackgroundJobs =
            options.backgroundJobsEveryMs > 0 ? runBackgroundJobs(env, options.backgroundJobsEveryMs, log) : () => {};
        return {
            url: `http://${options.host}:${port}`,
            env,
            async close() {
                stopBackgroundJobs();
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
