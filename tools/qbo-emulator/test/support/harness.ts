import type { Json } from '../../src/store/realm';
import {
    createEmulator,
    DEFAULT_CLIENT,
    DEFAULT_US_REALM,
    ManualClock,
    type Emulator,
    type EmulatorOptions
} from '../../src';

export interface ApiResponse {
    status: number;
    headers: Headers;
    text: string;
    json: Json;
}

export interface Harness {
    emulator: Emulator;
    clock: ManualClock;
    realm: string;
    token: string;
    /** Calls /v3/company/{realm}{path} with the harness token unless `token` is given. */
    api(method: string, path: string, body?: unknown, options?: CallOptions): Promise<ApiResponse>;
    raw(method: string, url: string, init?: RequestInit): Promise<ApiResponse>;
    close(): Promise<void>;
}

export interface CallOptions {
    token?: string | null;
    realm?: string;
    contentType?: string;
    headers?: Record<string, string>;
}

/** Starts an emulator on a free port with a manual clock and a pre-authorized token for the US company. */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
    const clock = (options.clock as ManualClock) ?? new ManualClock();
    const emulator = await createEmulator({ ...options, clock });
    const token = emulator.admin.grant(DEFAULT_CLIENT.clientId, DEFAULT_US_REALM).access_token;
    const raw = async (method: string, url: string, init: RequestInit = {}): Promise<ApiResponse> => {
        const response = await fetch(url.startsWith('http') ? url : `${emulator.url}${url}`, { method, ...init });
        const text = await response.text();
        let json: Json;
        try {
            json = JSON.parse(text);
        } catch {
            json = {};
        }
        return { status: response.status, headers: response.headers, text, json };
    };
    const api = (method: string, path: string, body?: unknown, callOptions: CallOptions = {}): Promise<ApiResponse> => {
        const headers: Record<string, string> = { Accept: 'application/json', ...callOptions.headers };
        const bearer = callOptions.token === undefined ? token : callOptions.token;
        if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
        let payload: string | undefined;
        if (body !== undefined) {
            headers['Content-Type'] = callOptions.contentType ?? 'application/json';
            payload = typeof body === 'string' ? body : JSON.stringify(body);
        }
        const realm = callOptions.realm ?? DEFAULT_US_REALM;
        return raw(method, `/v3/company/${realm}${path}`, { headers, body: payload });
    };
    return { emulator, clock, realm: DEFAULT_US_REALM, token, api, raw, close: () => emulator.close() };
}

/** The first Error of a QBO fault envelope. */
export function firstError(response: ApiResponse): {
    Message: string;
    Detail?: string;
    code: string;
    element?: string;
} {
    return response.json.Fault.Error[0];
}
