/** Starts the whole playground: emulator, local org (seeded when fresh), the compiled UI and the web server. */
import type * as http from 'node:http';
import { startEnvironment, type Environment } from './environment';
import { seedPlayground } from './seed/seed-org';
import { uiBundle } from './server/ui-bundle';
import { createPlaygroundServer, listen } from './server/server';

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

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
    const { log } = options;
    let code = '';
    let ready: Environment | null = null;
    // ports first, so a taken port is reported before a minute of compiling and seeding
    const server: http.Server = createPlaygroundServer(
        () => ready,
        () => code
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
