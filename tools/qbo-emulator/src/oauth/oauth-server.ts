import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { parseForm, mediaType } from '../http/body';
import type { HttpRequest, HttpResponse, Router } from '../http/router';

// Lifetimes as Intuit documents them. Access token: one hour (blogs.intuit.com 2024-06-03, "OAuth token management
// done the right way"). Refresh token: 100 days rolling, extended each time it is used (same post); the value in
// Intuit's own responses is 8726400 s (intuit/oauth-jsclient README, AuthResponse sample). Maximum lifetime: five
// years from the authorization that started the chain, refreshes do not extend it (blogs.intuit.com 2025-11-12,
// "Important changes to refresh token policy"; intuit/QuickBooks-V3-Java-SDK v6.5.4 and .NET SDK 14.7.1.4 release
// notes say the same). A rotated refresh token's predecessor stays valid for 24 hours after the new one is issued
// (intuit/oauth-jsclient README, "Refresh access_token").
export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 8726400;
export const HARD_EXPIRY_SECONDS = 5 * 365 * 24 * 3600;
export const ROTATION_GRACE_SECONDS = 24 * 3600;
export const AUTHORIZATION_CODE_SECONDS = 300;
export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

export interface OAuthClientRecord {
    clientId: string;
    clientSecret: string;
    redirectUris: string[];
}

interface AuthorizationCode {
    clientId: string;
    realmId: string;
    redirectUri: string;
    scope: string;
    expiresAt: number;
    used: boolean;
}

interface RefreshTokenRecord {
    clientId: string;
    realmId: string;
    scope: string;
    expiresAt: number;
    hardExpiresAt: number;
    revoked: boolean;
    /** When a newer refresh token replaced this one; it is refused ROTATION_GRACE_SECONDS later. */
    supersededAt?: number;
}

interface AccessTokenRecord {
    clientId: string;
    realmId: string;
    expiresAt: number;
    refreshToken: string;
    revoked: boolean;
}

export interface OAuthState {
    clients: Record<string, OAuthClientRecord>;
    codes: Record<string, AuthorizationCode>;
    refreshTokens: Record<string, RefreshTokenRecord>;
    accessTokens: Record<string, AccessTokenRecord>;
}

export interface TokenResponse {
    token_type: 'bearer';
    access_token: string;
    refresh_token: string;
    expires_in: number;
    x_refresh_token_expires_in: number;
    x_refresh_token_hard_expires_in?: number;
}

export const DEFAULT_CLIENT: OAuthClientRecord = {
    clientId: 'qbo-emulator-client',
    clientSecret: 'qbo-emulator-secret',
    redirectUris: [
        'http://localhost:1717/OauthRedirect',
        'https://login.salesforce.com/services/authcallback/QuickBooks',
        'https://test.salesforce.com/services/authcallback/QuickBooks'
    ]
};

export type TokenCheck =
    | { ok: true; clientId: string; realmId: string }
    | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'revoked' };

/** Intuit's OAuth 2.0 authorization server: codes, bearer tokens, rotating refresh tokens, revocation. */
export class OAuthServer {
    constructor(
        readonly state: OAuthState,
        private readonly clock: Clock,
        private readonly persist: () => void,
        private readonly companies: () => { realmId: string; companyName: string }[]
    ) {}

    static emptyState(): OAuthState {
        return {
            clients: { [DEFAULT_CLIENT.clientId]: { ...DEFAULT_CLIENT } },
            codes: {},
            refreshTokens: {},
            accessTokens: {}
        };
    }

    registerClient(client: OAuthClientRecord): void {
        this.state.clients[client.clientId] = { ...client };
        this.persist();
    }

    /** Validates an `Authorization: Bearer` header value. */
    checkBearer(header: string | undefined): TokenCheck {
        const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
        if (!match) return { ok: false, reason: 'missing' };
        const record = this.state.accessTokens[match[1]];
        if (!record) return { ok: false, reason: 'unknown' };
        if (record.revoked) return { ok: false, reason: 'revoked' };
        if (this.clock.now() >= record.expiresAt) return { ok: false, reason: 'expired' };
        return { ok: true, clientId: record.clientId, realmId: record.realmId };
    }

    /** Pre-authorizes a client for a realm without a browser (admin API). */
    grant(clientId: string, realmId: string, includeHardExpiry = false): TokenResponse {
        if (!this.state.clients[clientId]) throw new Error(`unknown client ${clientId}`);
        if (!this.realmExists(realmId)) throw new Error(`unknown realm ${realmId}`);
        const now = this.clock.now();
        return this.issue(clientId, realmId, ACCOUNTING_SCOPE, now + HARD_EXPIRY_SECONDS * 1000, includeHardExpiry);
    }

    /**
     * Revokes every refresh and access token of a realm, as when the company's admin disconnects the app in
     * QuickBooks: the next refresh answers invalid_grant.
     */
    revokeRealm(realmId: string): number {
        let count = 0;
        for (const record of Object.values(this.state.refreshTokens)) {
            if (record.realmId === realmId && !record.revoked) {
                record.revoked = true;
                count++;
            }
        }
        for (const record of Object.values(this.state.accessTokens)) {
            if (record.realmId === realmId) record.revoked = true;
        }
        this.persist();
        return count;
    }

    /** Makes every access token of a realm expire now, as if an hour had passed. */
    expireAccessTokens(realmId?: string): number {
        let count = 0;
        for (const record of Object.values(this.state.accessTokens)) {
            if (!realmId || record.realmId === realmId) {
                record.expiresAt = Math.min(record.expiresAt, this.clock.now());
                count++;
            }
        }
        this.persist();
        return count;
    }

    routes(router: Router, baseUrl: () => string): void {
        router.add('GET', '/connect/oauth2', (request) => this.authorizePage(request));
        router.add('POST', '/connect/oauth2/approve', (request) => this.approve(request));
        router.add('POST', '/oauth2/v1/tokens/bearer', (request) => this.token(request));
        router.add('POST', '/v2/oauth2/tokens/revoke', (request) => this.revoke(request));
        router.add('GET', '/v1/openid_connect/userinfo', (request) => this.userInfo(request));
        const discovery = (): HttpResponse => json(200, this.discovery(baseUrl()));
        router.add('GET', '/.well-known/openid_sandbox_configuration', discovery);
        router.add('GET', '/.well-known/openid_configuration', discovery);
    }

    discovery(base: string): Record<string, unknown> {
        return {
            issuer: 'https://oauth.platform.intuit.com/op/v1',
            authorization_endpoint: `${base}/connect/oauth2`,
            token_endpoint: `${base}/oauth2/v1/tokens/bearer`,
            userinfo_endpoint: `${base}/v1/openid_connect/userinfo`,
            revocation_endpoint: `${base}/v2/oauth2/tokens/revoke`,
            jwks_uri: `${base}/op/v1/jwks`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            scopes_supported: ['openid', 'email', 'profile', 'address', 'phone'],
            token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
            claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub']
        };
    }

    private realmExists(realmId: string): boolean {
        return this.companies().some((company) => company.realmId === realmId);
    }

    private authorizeProblem(query: URLSearchParams): string | undefined {
        const client = this.state.clients[query.get('client_id') ?? ''];
        if (!client) return 'invalid_client: unknown client_id';
        if (query.get('response_type') !== 'code') return 'unsupported_response_type: response_type must be code';
        if (!client.redirectUris.includes(query.get('redirect_uri') ?? '')) {
            return 'invalid_request: redirect_uri does not match a redirect URI registered for the app';
        }
        if (!(query.get('scope') ?? '').split(/\s+/).includes(ACCOUNTING_SCOPE))
            return `invalid_scope: scope must include ${ACCOUNTING_SCOPE}`;
        if (!query.get('state')) return 'invalid_request: state is required';
        return undefined;
    }

    private authorizePage(request: HttpRequest): HttpResponse {
        const problem = this.authorizeProblem(request.query);
        if (problem) return html(400, `<h1>Authorization error</h1><p>${escapeHtml(problem)}</p>`);
        const hidden = ['client_id', 'redirect_uri', 'scope', 'state']
            .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(request.query.get(name) ?? '')}">`)
            .join('');
        const options = this.companies()
            .map(
                (c) =>
                    `<option value="${escapeHtml(c.realmId)}">${escapeHtml(c.companyName)} (${escapeHtml(c.realmId)})</option>`
            )
            .join('');
        return html(
            200,
            `<h1>Connect to QuickBooks (emulator)</h1><form method="post" action="/connect/oauth2/approve">${hidden}` +
                `<label>Company <select name="realmId">${options}</select></label> ` +
                '<button type="submit">Connect</button></form>'
        );
    }

    private approve(request: HttpRequest): HttpResponse {
        const form = parseForm(request.body);
        const problem = this.authorizeProblem(
            new URLSearchParams({ ...Object.fromEntries(form), response_type: 'code' })
        );
        if (problem) return html(400, `<h1>Authorization error</h1><p>${escapeHtml(problem)}</p>`);
        const realmId = form.get('realmId') ?? '';
        if (!this.realmExists(realmId))
            return html(400, `<h1>Authorization error</h1><p>Unknown company ${escapeHtml(realmId)}</p>`);
        const code = `AB11${Math.floor(this.clock.now() / 1000)}${randomToken(24)}`;
        this.state.codes[code] = {
            clientId: form.get('client_id')!,
            realmId,
            redirectUri: form.get('redirect_uri')!,
            scope: form.get('scope')!,
            expiresAt: this.clock.now() + AUTHORIZATION_CODE_SECONDS * 1000,
            used: false
        };
        this.persist();
        const location = new URL(form.get('redirect_uri')!);
        location.searchParams.set('code', code);
        location.searchParams.set('state', form.get('state')!);
        location.searchParams.set('realmId', realmId);
        return { status: 302, headers: { Location: location.toString() }, body: '' };
    }

    private authenticateClient(request: HttpRequest): OAuthClientRecord | undefined {
        const match = /^Basic\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''));
        if (!match) return undefined;
        const decoded = Buffer.from(match[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) return undefined;
        const client = this.state.clients[decoded.slice(0, colon)];
        return client && client.clientSecret === decoded.slice(colon + 1) ? client : undefined;
    }

    private token(request: HttpRequest): HttpResponse {
        const client = this.authenticateClient(request);
        if (!client) return tokenEndpointJson(401, { error: 'invalid_client' });
        if (mediaType(request.headers['content-type']) !== 'application/x-www-form-urlencoded') {
            return tokenEndpointJson(400, {
                error: 'invalid_request',
                error_description: 'Content-Type must be application/x-www-form-urlencoded'
            });
        }
        const form = parseForm(request.body);
        const includeHard = String(request.headers['x-include-refresh-token-hard-expires-in'] ?? '') === 'true';
        const now = this.clock.now();
        const grantType = form.get('grant_type');
        if (grantType === 'authorization_code') {
            const code = this.state.codes[form.get('code') ?? ''];
            if (!code || code.used || code.clientId !== client.clientId || now >= code.expiresAt) return invalidGrant();
            if (code.redirectUri !== form.get('redirect_uri')) return invalidGrant();
            code.used = true;
            return tokenEndpointJson(
                200,
                this.issue(client.clientId, code.realmId, code.scope, now + HARD_EXPIRY_SECONDS * 1000, includeHard)
            );
        }
        if (grantType === 'refresh_token') {
            const presented = form.get('refresh_token') ?? '';
            const record = this.state.refreshTokens[presented];
            if (!record || record.clientId !== client.clientId || !this.refreshTokenUsable(record, now))
                return invalidGrant();
            record.supersededAt ??= now;
            return tokenEndpointJson(
                200,
                this.issue(client.clientId, record.realmId, record.scope, record.hardExpiresAt, includeHard)
            );
        }
        return tokenEndpointJson(400, { error: 'unsupported_grant_type' });
    }

    /** Unrevoked, inside its 100 days and the 5-year maximum, and not past the grace period after its rotation. */
    private refreshTokenUsable(record: RefreshTokenRecord, now: number): boolean {
        if (record.revoked || now >= record.expiresAt || now >= record.hardExpiresAt) return false;
        return record.supersededAt === undefined || now < record.supersededAt + ROTATION_GRACE_SECONDS * 1000;
    }

    private issue(
        clientId: string,
        realmId: string,
        scope: string,
        hardExpiresAt: number,
        includeHard: boolean
    ): TokenResponse {
        const now = this.clock.now();
        const accessToken = `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..${randomToken(48)}`;
        const refreshToken = `RT1-${Math.floor(now / 1000) % 1000}-H0-${Math.floor(now / 1000)}${randomToken(20).toLowerCase()}`;
        const refreshSeconds = Math.max(0, Math.min(REFRESH_TOKEN_SECONDS, Math.floor((hardExpiresAt - now) / 1000)));
        this.state.refreshTokens[refreshToken] = {
            clientId,
            realmId,
            scope,
            expiresAt: now + refreshSeconds * 1000,
            hardExpiresAt,
            revoked: false
        };
        this.state.accessTokens[accessToken] = {
            clientId,
            realmId,
            expiresAt: now + ACCESS_TOKEN_SECONDS * 1000,
            refreshToken,
            revoked: false
        };
        this.persist();
        const response: TokenResponse = {
            token_type: 'bearer',
            access_token: accessToken,
            refresh_token: refreshToken,
            expires_in: ACCESS_TOKEN_SECONDS,
            x_refresh_token_expires_in: refreshSeconds
        };
        if (includeHard) response.x_refresh_token_hard_expires_in = Math.floor((hardExpiresAt - now) / 1000);
        return response;
    }

    private revoke(request: HttpRequest): HttpResponse {
        const client = this.authenticateClient(request);
        if (!client) return json(401, { error: 'invalid_client' });
        let token: string | undefined;
        try {
            token = JSON.parse(request.body.toString('utf8')).token;
        } catch {
            return json(400, { error: 'invalid_request' });
        }
        const refresh = token ? this.state.refreshTokens[token] : undefined;
        const access = token ? this.state.accessTokens[token] : undefined;
        if ((!refresh || refresh.clientId !== client.clientId) && (!access || access.clientId !== client.clientId)) {
            return json(400, { error: 'invalid_request' });
        }
        const refreshKey = refresh ? token! : access!.refreshToken;
        if (this.state.refreshTokens[refreshKey]) this.state.refreshTokens[refreshKey].revoked = true;
        for (const record of Object.values(this.state.accessTokens)) {
            if (record.refreshToken === refreshKey) record.revoked = true;
        }
        if (access) access.revoked = true;
        this.persist();
        return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '' };
    }

    private userInfo(request: HttpRequest): HttpResponse {
        const check = this.checkBearer(String(request.headers.authorization ?? ''));
        if (!check.ok) return json(401, { error: 'invalid_token' });
        return json(200, {
            sub: `emulator-user-${check.realmId}`,
            email: 'admin@example.com',
            emailVerified: true,
            givenName: 'Emulator',
            familyName: 'Admin'
        });
    }
}

// Intuit's token endpoint answers a refused grant 400 with this body (intuit/oauth-jsclient
// test/mocks/errorResponse.json) and, like every token response, an intuit_tid and no-cache headers (oauth-jsclient
// README, AuthResponse sample headers).
function invalidGrant(): HttpResponse {
    return tokenEndpointJson(400, { error_description: 'Token invalid', error: 'invalid_grant' });
}

function tokenEndpointJson(status: number, body: unknown): HttpResponse {
    const response = json(status, body);
    response.headers = {
        ...response.headers,
        intuit_tid: randomUUID(),
        'Cache-Control': 'no-cache, no-store',
        Pragma: 'no-cache'
    };
    return response;
}

function randomToken(bytes: number): string {
    return randomBytes(bytes).toString('base64url');
}

function json(status: number, body: unknown): HttpResponse {
    return { status, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: JSON.stringify(body) };
}

function html(status: number, body: string): HttpResponse {
    return {
        status,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
        body: `<!doctype html><html><body>${body}</body></html>`
    };
}

export function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
