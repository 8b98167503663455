/**
 * Intuit's own Node.js OAuth client (npm intuit-oauth, from intuit/oauth-jsclient) run against the emulator:
 * authorize URL → consent → redirect → createToken → API calls → refresh → revoke. The client's parsing of
 * tokens and of QBO Fault envelopes is the contract; the emulator is never checked against itself here.
 */
import OAuthClient from 'intuit-oauth';
import { DEFAULT_CLIENT } from '../src';
import { startHarness, type Harness } from './support/harness';

let h: Harness;
let client: OAuthClient;
beforeEach(async () => {
    h = await startHarness();
    client = new OAuthClient({
        clientId: DEFAULT_CLIENT.clientId,
        clientSecret: DEFAULT_CLIENT.clientSecret,
        environment: 'sandbox',
        redirectUri: DEFAULT_CLIENT.redirectUris[0]
    });
    client.setAuthorizeURLs({
        authorizeEndpoint: `${h.emulator.url}/connect/oauth2`,
        tokenEndpoint: `${h.emulator.url}/oauth2/v1/tokens/bearer`,
        revokeEndpoint: `${h.emulator.url}/v2/oauth2/tokens/revoke`,
        userInfoEndpoint: `${h.emulator.url}/v1/openid_connect/userinfo`
    });
});
afterEach(() => h.close());

/** Follows the consent page the way a user's browser would, returning the redirect URL with code, state, realmId. */
async function consent(authorizeUri: string, realmId: string): Promise<string> {
    const query = new URL(authorizeUri).searchParams;
    const page = await fetch(authorizeUri);
    expect(page.status).toBe(200);
    const approve = await fetch(`${h.emulator.url}/connect/oauth2/approve`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...Object.fromEntries(query), realmId }).toString()
    });
    expect(approve.status).toBe(302);
    return approve.headers.get('location')!;
}

async function connect(): Promise<void> {
    const authorizeUri = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'state-123' });
    const redirect = await consent(authorizeUri, h.realm);
    await client.createToken(redirect);
}

describe('intuit-oauth (Intuit’s Node.js OAuth 2.0 client) against the emulator', () => {
    it('completes the authorization-code flow and stores realmId, state and a valid token', async () => {
        await connect();
        const token = client.getToken();
        expect(token.realmId).toBe(h.realm);
        expect(token.state).toBe('state-123');
        expect(client.isAccessTokenValid()).toBe(true);
        expect(token.expires_in).toBe(3600);
        expect(token.x_refresh_token_expires_in).toBe(8726400);
    });

    it('makes API calls with the bearer token the client holds', async () => {
        await connect();
        const info = await client.makeApiCall({
            url: `${h.emulator.url}/v3/company/${h.realm}/companyinfo/${h.realm}?minorversion=75`
        });
        expect(info.json.CompanyInfo.Country).toBe('US');
        const created = await client.makeApiCall({
            url: `${h.emulator.url}/v3/company/${h.realm}/customer?minorversion=75`,
            method: 'POST',
            body: { DisplayName: 'Client Co' }
        });
        expect(created.json.Customer.DisplayName).toBe('Client Co');
    });

    it('surfaces an emulator Fault through the client’s own Fault parser (code, Message, type)', async () => {
        await connect();
        const call = () =>
            client.makeApiCall({
                url: `${h.emulator.url}/v3/company/${h.realm}/customer?minorversion=75`,
                method: 'POST',
                body: { DisplayName: 'Twice Co' }
            });
        await call();
        await expect(call()).rejects.toMatchObject({
            code: '6240',
            message: 'Duplicate Name Exists Error',
            faultType: 'ValidationFault'
        });
    });

    it('refreshes (rotating the refresh token) and revokes', async () => {
        await connect();
        const before = client.getToken().refresh_token;
        await client.refresh();
        expect(client.getToken().refresh_token).not.toBe(before);
        const url = `${h.emulator.url}/v3/company/${h.realm}/preferences`;
        expect((await client.makeApiCall({ url })).json.Preferences).toBeDefined();
        await client.revoke({ refresh_token: client.getToken().refresh_token });
        await expect(client.makeApiCall({ url })).rejects.toMatchObject({ code: '401' });
    });

    it('refreshes after the access token expires on the shared clock', async () => {
        await connect();
        h.clock.advance(3600_000);
        const url = `${h.emulator.url}/v3/company/${h.realm}/preferences`;
        await expect(client.makeApiCall({ url })).rejects.toMatchObject({ code: '401' });
        await client.refresh();
        expect((await client.makeApiCall({ url })).status).toBe(200);
    });
});
