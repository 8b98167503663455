/**
 * Setup › Named Credentials › Authenticate for the playground's QuickBooks credentials. In an org the principal's
 * Authenticate runs the OAuth browser flow: the admin signs in on Intuit's consent page, Intuit redirects to the
 * provider's callback with an authorization code, and Salesforce exchanges it for tokens it stores for the principal
 * (Salesforce Help, "Create or Edit an OAuth External Credential with the Browser Flow":
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.nc_create_edit_oath_browser_ext_cred.htm). Here the same
 * flow runs against the QuickBooks emulator's Intuit OAuth endpoints (authorize, then the tokens endpoint's
 * authorization_code grant), and the new refresh token replaces the one the org's named credential holds.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_CLIENT } from '../../../qbo-emulator/src';
import { ACCOUNTING_SCOPE } from '../../../qbo-emulator/src/oauth/oauth-server';
import { CREDENTIAL_REALMS, type Environment } from '../environment';

/** The playground's OAuth callback (an org's is the Callback URL its QB_Intuit provider shows). */
export const AUTH_CALLBACK_PATH = '/services/authcallback/QB_Intuit';
export const NAMED_CREDENTIALS_SETUP_PATH = '/lightning/setup/NamedCredential/home';

export class NamedCredentialAuthentication {
    /** OAuth state → the named credential being authenticated */
    private readonly pending = new Map<string, string>();

    constructor(private readonly environment: () => Environment | null) {}

    /** Where Authenticate sends the browser: the emulator's consent page, coming back to the playground's callback. */
    start(namedCredential: string, origin: string): string {
        const env = this.requireEnvironment();
        if (!(namedCredential in CREDENTIAL_REALMS))
            return setupPage({ error: `No QuickBooks named credential ${namedCredential} in this org.` });
        const redirectUri = origin + AUTH_CALLBACK_PATH;
        // the Intuit app lists the callback among its redirect URIs (README, install step 2)
        env.emulator.admin.registerClient({
            ...DEFAULT_CLIENT,
            redirectUris: [...new Set([...DEFAULT_CLIENT.redirectUris, redirectUri])]
        });
        const state = randomBytes(16).toString('hex');
        this.pending.set(state, namedCredential);
        const authorize = new URL('/connect/oauth2', env.emulator.url);
        authorize.search = new URLSearchParams({
            client_id: DEFAULT_CLIENT.clientId,
            response_type: 'code',
            scope: ACCOUNTING_SCOPE,
            redirect_uri: redirectUri,
            state
        }).toString();
        return authorize.toString();
    }

    /** The callback: exchanges the code for tokens and stores them for the named credential; returns to Setup. */
    async finish(callback: URL, origin: string): Promise<string> {
        const env = this.requireEnvironment();
        const state = callback.searchParams.get('state') ?? '';
        const namedCredential = this.pending.get(state);
        if (!namedCredential)
            return setupPage({
                error: 'This authorization was not started here, or was already used. Press Authenticate again.'
            });
        this.pending.delete(state);
        const code = callback.searchParams.get('code');
        if (!code) {
            const reason = callback.searchParams.get('error') ?? 'QuickBooks returned no authorization code';
            return setupPage({ error: `${namedCredential} was not authenticated: ${reason}.` });
        }
        const response = await fetch(new URL('/oauth2/v1/tokens/bearer', env.emulator.url), {
            method: 'POST',
            headers: {
                'content-type': 'application/x-www-form-urlencoded',
                accept: 'application/json',
                authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`
            },
            body: new URLSearchParams({
                grant_type: 'authorization_code',
                code,
                redirect_uri: origin + AUTH_CALLBACK_PATH
            }).toString()
        });
        const tokens = (await response.json()) as { refresh_token?: string; error?: string };
        if (!response.ok || !tokens.refresh_token)
            return setupPage({
                error: `${namedCredential} was not authenticated: QuickBooks refused the code (${tokens.error ?? `HTTP ${response.status}`}).`
            });
        const stored = await env.org.request({
            op: 'storeNamedCredentialTokens',
            namedCredential,
            refreshToken: tokens.refresh_token
        });
        if (!stored.ok)
            return setupPage({ error: `${namedCredential} was not authenticated: ${stored.error!.message}` });
        return setupPage({ authenticated: namedCredential, realmId: callback.searchParams.get('realmId') ?? '' });
    }

    private requireEnvironment(): Environment {
        const env = this.environment();
        if (!env) throw new Error('The playground is still starting (loading the org, seeding).');
        return env;
    }
}

function setupPage(params: Record<string, string>): string {
    return `${NAMED_CREDENTIALS_SETUP_PATH}?${new URLSearchParams(params).toString()}`;
}
