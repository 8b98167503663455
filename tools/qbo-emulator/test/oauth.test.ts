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

    it('rotates refresh tokens: the old one still works for 24 hours after the new one is issued, then is refused', async () => {
        // intuit/oauth-jsclient README: "Your previous refresh tokens expire 24 hours after you receive a new one."
        const grant = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token });
        expect(refreshed.status).toBe(200);
        expect(refreshed.json.refresh_token).not.toBe(grant.refresh_token);
        h.clock.advance(24 * 3600_000 - 1_000);
        const inGrace = await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token });
        expect(inGrace.status).toBe(200);
        h.clock.advance(1_000);
        const afterGrace = await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token });
        expect(afterGrace.status).toBe(400);
        expect(afterGrace.json).toEqual({ error_description: 'Token invalid', error: 'invalid_grant' });
        expect(
            (await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshed.json.refresh_token })).status
        ).toBe(200);
    });

    it('answers invalid_grant with the token endpoint headers (intuit_tid, no-cache)', async () => {
        const refused = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'RT1-never-issued' });
        expect(refused.status).toBe(400);
        expect(refused.headers.get('content-type')).toBe('application/json;charset=UTF-8');
        expect(refused.headers.get('intuit_tid')).toMatch(/^[0-9a-f-]{36}$/);
        expect(refused.headers.get('cache-control')).toBe('no-cache, no-store');
        expect(refused.headers.get('pragma')).toBe('no-cache');
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

    it('expires an unused refresh token after x_refresh_token_expires_in seconds (100 days without use)', async () => {
        const grant = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        h.clock.advance(8726400_000 - 1_000);
        const lastMoment = await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token });
        expect(lastMoment.status).toBe(200);
        const unused = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        h.clock.advance(8726400_000);
        expect(
            (await tokenRequest({ grant_type: 'refresh_token', refresh_token: unused.refresh_token })).json.error
        ).toBe('invalid_grant');
    });

    it('rolls the 100 days on every refresh, but never past five years from the authorization', async () => {
        const grant = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        const fiveYears = 5 * 365 * 86400_000;
        const authorizedAt = h.clock.now();
        let refreshToken = grant.refresh_token;
        let last: Awaited<ReturnType<typeof tokenRequest>> | undefined;
        while (h.clock.now() + 99 * 86400_000 < authorizedAt + fiveYears) {
            h.clock.advance(99 * 86400_000);
            last = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken }, basic(), {
                'x-include-refresh-token-hard-expires-in': 'true'
            });
            expect(last.status).toBe(200);
            refreshToken = last.json.refresh_token;
        }
        const secondsLeft = Math.floor((authorizedAt + fiveYears - h.clock.now()) / 1000);
        expect(last!.json.x_refresh_token_hard_expires_in).toBe(secondsLeft);
        expect(last!.json.x_refresh_token_expires_in).toBe(Math.min(8726400, secondsLeft));
        h.clock.set(authorizedAt + fiveYears);
        const pastMaximum = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
        expect(pastMaximum.status).toBe(400);
        expect(pastMaximum.json.error).toBe('invalid_grant');
    });

    it('refuses a company’s refresh tokens once the admin disconnects the app (admin revoke)', async () => {
        const grant = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, h.realm);
        const other = h.emulator.admin.grant(DEFAULT_CLIENT.clientId, DEFAULT_CA_REALM);
        const revoked = await h.raw('POST', '/__admin/oauth/revoke', {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ realmId: h.realm })
        });
        expect(revoked.json.revoked).toBeGreaterThanOrEqual(1);
        expect((await h.api('GET', '/preferences', undefined, { token: grant.access_token })).status).toBe(401);
        expect(
            (await tokenRequest({ grant_type: 'refresh_token', refresh_token: grant.refresh_token })).json.error
        ).toBe('invalid_grant');
        expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: other.refresh_token })).status).toBe(
            200
        );
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
