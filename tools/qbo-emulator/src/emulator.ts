import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorAdmin } from './admin/admin-api';
import { adminRoutes } from './admin/admin-routes';
import { QboApi } from './api/qbo-api';
import { systemClock, type Clock } from './clock';
import type { EmulatorContext } from './emulator-context';
import { Faults } from './faults/catalog';
import { FaultInjector, NO_FAULTS, type FaultConfig } from './faults/fault-injector';
import { renderFault } from './faults/qbo-fault';
import { negotiateFormat } from './http/content-negotiation';
import { RateLimiter } from './faults/rate-limiter';
import { Router, type HttpResponse } from './http/router';
import { OAuthServer } from './oauth/oauth-server';
import { Counters } from './store/counters';
import { SqlitePersistence } from './store/persistence';
import { Realm, type RealmSettings } from './store/realm';
import { DEFAULT_CA_REALM, DEFAULT_US_REALM } from './store/seed';
import { WebhookSender } from './webhooks/webhook-sender';

export const DEFAULT_PORT = 4010;

export interface EmulatorOptions {
    /** Shared time source (epoch ms); defaults to the system clock. */
    clock?: Clock;
    /** SQLite file to persist companies and OAuth grants across restarts. */
    persistFile?: string;
    /** Companies to create on first start (and on reset); default one US and one Canadian company. */
    realms?: (Partial<RealmSettings> & { realmId: string })[];
    /** 0 (default) picks a free port. */
    port?: number;
    host?: string;
}

export interface Emulator {
    server: Server;
    url: string;
    port: number;
    admin: EmulatorAdmin;
    close(): Promise<void>;
}

export const DEFAULT_REALMS: (Partial<RealmSettings> & { realmId: string })[] = [
    { realmId: DEFAULT_US_REALM, country: 'US', companyName: 'Emulator US Company' },
    { realmId: DEFAULT_CA_REALM, country: 'CA', companyName: 'Emulator Canada Company', multiCurrency: true }
];

/** Starts a QuickBooks Online v3 + Intuit OAuth emulator on node:http. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const clock = options.clock ?? systemClock;
    const persistence = options.persistFile ? new SqlitePersistence(options.persistFile) : undefined;
    const realms = new Map<string, Realm>();
    const injectors = new Map<string, FaultInjector>();
    const webhooks = new WebhookSender(clock);
    let baseUrl = '';
    const savedFaults = persistence?.loadSetting<Record<string, FaultConfig>>('faults') ?? {};
    const saveFaults = (): void =>
        persistence?.saveSetting(
            'faults',
            Object.fromEntries([...injectors].map(([id, injector]) => [id, injector.config]))
        );

    const oauth = new OAuthServer(
        persistence?.loadOAuth() ?? OAuthServer.emptyState(),
        clock,
        () => persistence?.saveOAuth(oauth.state),
        () => [...realms.values()].map((realm) => ({ realmId: realm.id, companyName: realm.settings.companyName }))
    );
    const context: EmulatorContext = {
        clock,
        realms,
        oauth,
        rateLimiter: new RateLimiter(clock),
        counters: new Counters(),
        webhooks,
        faultsFor(realmId) {
            let injector = injectors.get(realmId);
            if (!injector) {
                injector = new FaultInjector({ ...NO_FAULTS, ...savedFaults[realmId] });
                injectors.set(realmId, injector);
            }
            return injector;
        },
        saveRealm: (realm) => persistence?.saveRealm(realm.state),
        forgetRealm: (realmId) => persistence?.deleteRealm(realmId),
        saveFaults,
        baseUrl: () => baseUrl
    };
    const defaultRealms = options.realms ?? DEFAULT_REALMS;
    const admin = new EmulatorAdmin(context, defaultRealms, () => {
        for (const injector of injectors.values()) injector.configure({ ...NO_FAULTS });
        saveFaults();
    });
    persistence?.saveOAuth(oauth.state);
    for (const state of persistence?.loadRealms() ?? []) {
        realms.set(state.settings.realmId, new Realm(state, clock, (change) => webhooks.notify(change)));
    }
    for (const settings of defaultRealms) if (!realms.has(settings.realmId)) admin.createRealm(settings);

    const router = new Router();
    const api = new QboApi(context);
    router.add('GET', '/v3/company/:realm/*', (request) => api.handle(request));
    router.add('POST', '/v3/company/:realm/*', (request) => api.handle(request));
    oauth.routes(router, () => baseUrl);
    adminRoutes(router, admin);

    const server = createServer((req, res) => {
        void serve(req, res);
    });

    async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const url = new URL(req.url ?? '/', 'http://emulator.local');
        const method = (req.method ?? 'GET').toUpperCase();
        let response: HttpResponse;
        try {
            const match = router.match(method, url.pathname);
            if (match === undefined || match === 'method') {
                response = notFound(method, url.pathname, match === 'method', req.headers.accept, url.searchParams);
            } else {
                response = await match.handler({
                    method,
                    path: url.pathname,
                    query: url.searchParams,
                    headers: req.headers,
                    params: match.params,
                    body: Buffer.concat(chunks),
                    raw: req
                });
            }
        } catch (error) {
            console.error('[qbo-emulator] unexpected error', error);
            const rendered = renderFault(Faults.systemFault(500), 'standard', clock.now());
            response = { status: 500, headers: { 'Content-Type': rendered.contentType }, body: rendered.body };
        }
        if (response.dropConnection) {
            req.socket.destroy();
            return;
        }
        res.writeHead(response.status, response.headers ?? {});
        res.end(response.body ?? '');
    }

    function notFound(
        method: string,
        path: string,
        methodMismatch: boolean,
        accept: string | undefined,
        query: URLSearchParams
    ): HttpResponse {
        if (path.startsWith('/v3/')) {
            const style = negotiateFormat(accept, query.get('format')) === 'xml' ? 'xml' : 'standard';
            const rendered = renderFault(Faults.unsupportedOperation(method, path), style, clock.now());
            return { status: 400, headers: { 'Content-Type': rendered.contentType }, body: rendered.body };
        }
        return {
            status: methodMismatch ? 405 : 404,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
                error: methodMismatch ? `${method} not allowed on ${path}` : `no route for ${method} ${path}`
            })
        };
    }

    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) => {
            persistence?.close();
            if (error.code === 'EADDRINUSE') {
                reject(
                    new Error(
                        `Port ${options.port} is already in use (is another emulator running?). Choose another with --port <n> or QBO_EMULATOR_PORT.`
                    )
                );
            } else reject(error);
        });
        server.listen(options.port ?? 0, host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    return {
        server,
        url: baseUrl,
        port,
        admin,
        close: async () => {
            await webhooks.flush();
            await new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            });
            persistence?.close();
        }
    };
}
