import { DEFAULT_CA_REALM, DEFAULT_CLIENT } from '../src';
import { firstError, startHarness, type Harness } from './support/harness';

let h: Harness;
beforeEach(async () => {
    h = await startHarness();
});
afterEach(() => h.close());

const basic = (id = DEFAULT_CLIENT.clientId, secret = DEFAULT_CLIENT.clientSecret) =>
    `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const redirectUri = DEFAULT_CLIENT.redirectUris[0];

async function tokenRequest(form: Record<string, string>, authorization = basic(), extra: Record<string, string> = {}) {
    return h.raw('POST', '/oauth2/v1/tokens/bearer', {
        headers: {
            Authorization: authorization,
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
            ...extra
        },
        body: new URLSearchParams(form).toString()
    });
}

async function authorizationCode(state = 'st-1'): Promise<URL> {
    const params = new URLSearchParams({
        client_id: DEFAULT_CLIENT.clientId,
        response_type: 'code',
        scope: 'com.intuit.quickbooks.accounting',
        redirect_uri: redirectUri,
        state
    });
    const page = await h.raw('GET', `/connect/oauth2?${params}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<option value="${h.realm}">`);
    const approve = await fetch(`${h.emulator.url}/connect/oauth2/approve`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...Object.fromEntries(params), realmId: h.realm }).toString()
    });
    expect(approve.status).toBe(302);
    return new URL(approve.headers.get('location')!);
}

describe('OAuth 2.0 (Intuit endpoints; shapes from intuit/oauth-jsclient test/mocks)', () => {
    it('redirects with code, state and realmId, and exchanges the code for the bearer-token shape', async () => {
        const location = await authorizationCode('xyz');
        expect(location.origin + location.pathname).toBe(redirectUri);
        expect(location.searchParams.get('state')).toBe('xyz');
        expect(location.searchParams.get('realmId')).toBe(h.realm);
        const response = await tokenRequest({
            grant_type: 'authorization_code',
            code: location.searchParams.get('code')!,
            redirect_uri: redirectUri
        });
        expect(response.status).toBe(200);
        // oauth-jsclient test/mocks/bearer-token.json: token_type, expires_in 3600, x_refresh_token_expires_in 8726400
        expect(response.json).toMatchObject({
            token_type: 'bearer',
            expires_in: 3600,
            x_refresh_token_expires_in: 8726400
        });
        const api = await h.api('GET', `/companyinfo/${h.realm}`, undefined, { token: response.json.access_token });
        expect(api.status).toBe(200);
        expect(api.json.CompanyInfo.CompanyName).toBeTruthy();
    });

    it('answers a reused code with invalid_grant (oauth-jsclient test/mocks/errorResponse.json body)', async () => {
        const code = (await authorizationCode()).searchParams.get('code')!;
        await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
        const reused = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
        expect(reused.status).toBe(400);
        expect(reused.json).toEqual({ error_description: 'Token invalid', error: 'invalid_grant' });
    });

    it('refuses a redirect_uri that is not registered for the app', async () => {
        const params = new URLSearchParams({
            client_id: DEFAULT_CLIENT.clientId,
            response_type: 'code',
            scope: 'com.intuit.quickbooks.accounting',
            redirect_uri: 'https://evil.example/cb',
            state: 's'
        });
        expect((await h.raw('GET', `/connect/oauth2?${params}`)).status).toBe(400);
    });

    it('requires HTTP Basic client authentication on the token endpoint', async () => {
        const grant = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        const wrongSecret = await tokenRequest(
            { grant_type: 'refresh_token', refresh_token: grant.refresh_token },
            basic(DEFAULT_CLIENT.clientId, 'nope')
        );
        expect(wrongSecret.status).toBe(401);
        expect(wrongSecret.json.error).toBe('invalid_client');
        const inBody = await tokenRequest(
            {
                grant_type: 'refresh_token',
                refresh_token: grant.refresh_token,
                client_id: DEFAULT_CLIENT.clientId,
                client_secret: DEFAULT_CLIENT.clientSecret
            },
            ''
        );
        expect(inBody.status).toBe(401);
    });

    it('rotates refresh tokens: the new one works, the old one is refused', async () => {
        const grant = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token });
        expect(refreshed.status).toBe(200);
        expect(refreshed.json.refresh_token).not.toBe(grant.refresh_token);
        expect(
            (await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token })).json.error
        ).toBe('invalid_grant');
        expect(
            (await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshed.json.refresh_token })).status
        ).toBe(200);
    });

    it('expires access tokens after 3600 s on the shared clock → 401 AuthenticationFailed (3200)', async () => {
        expect((await h.api('GET', '/preferences')).status).toBe(200);
        h.clock.advance(3599_000);
        expect((await h.api('GET', '/preferences')).status).toBe(200);
        h.clock.advance(1_000);
        const expired = await h.api('GET', '/preferences');
        expect(expired.status).toBe(401);
        expect(firstError(expired)).toMatchObject({
            code: '3200',
            Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401'
        });
    });

    it('expires refresh tokens after x_refresh_token_expires_in seconds', async () => {
        const grant = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        h.clock.advance(8726400_000);
        expect(
            (await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token })).json.error
        ).toBe('invalid_grant');
    });

    it('reports x_refresh_token_hard_expires_in when asked with the opt-in header (oauth-jsclient HardExpiresTest)', async () => {
        const grant = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        const plain = await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token });
        expect(plain.json.x_refresh_token_hard_expires_in).toBeUndefined();
        const withHeader = await tokenRequest(
            { grant_type: 'refresh_token', refresh_token: plain.json.refresh_token },
            basic(),
            { 'x-include-refresh-token-hard-expires-in': 'true' }
        );
        expect(withHeader.json.x_refresh_token_hard_expires_in).toBeGreaterThan(8726400);
    });

    it('revokes a refresh token and the access tokens issued with it', async () => {
        const grant = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        const revoke = await h.raw('POST', '/v2/oauth2/tokens/revoke', {
            headers: { Authorization: basic(), 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify({ token: grant.refresh_token })
        });
        expect(revoke.status).toBe(200);
        expect((await h.api('GET', '/preferences', undefined, { token: grant.access_token })).status).toBe(401);
        expect(
            (await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token })).json.error
        ).toBe('invalid_grant');
    });

    it('serves the discovery document with this server’s endpoints', async () => {
        const response = await h.raw('GET', '/.well-known/openid_sandbox_configuration');
        expect(response.json).toMatchObject({
            authorization_endpoint: `${h.emulator.url}/connect/oauth2`,
            token_endpoint: `${h.emulator.url}/oauth2/v1/tokens/bearer`,
            revocation_endpoint: `${h.emulator.url}/v2/oauth2/tokens/revoke`
        });
    });

    it('answers a call without a bearer token with 401, and a token for another company with 403 (3100)', async () => {
        const missing = await h.api('GET', '/preferences', undefined, { token: null });
        expect(missing.status).toBe(401);
        expect(firstError(missing).code).toBe('3200');
        const otherRealm = await h.api('GET', '/preferences', undefined, { realm: DEFAULT_CA_REALM });
        expect(otherRealm.status).toBe(403);
        expect(firstError(otherRealm).code).toBe('3100');
    });
});
