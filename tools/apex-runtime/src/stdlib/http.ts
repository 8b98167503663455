/**
 * HttpRequest / HttpResponse / Http.send. In tests a callout goes to the HttpCalloutMock set with Test.setMock;
 * otherwise `callout:Name/path` is resolved through the org config's named credentials: base URL plus an OAuth
 * token obtained from the credential's token endpoint, injected as the Authorization header, refreshed once on a
 * 401 — package code never sees a token. The running user needs access to a principal of the named credential's
 * external credential (from a permission set), else the callout fails before any request. Enforces the platform rules: no callout after DML or enqueueJob in the
 * same transaction, 100 callouts, per-call timeout ≤ 120 s and a 120 s total per transaction.
 */
import type { Interpreter } from '../interpreter/interpreter';
import type { Frame } from '../interpreter/frame';
import type { AsyncManager } from '../interpreter/async';
import type { Builtins } from './builtins';
import { ApexList, ApexObject, NativeObject, T } from '../interpreter/objects';
import { ApexBlob } from '../values/blob';
import { fetchSync } from './sync-fetch';

/* eslint-disable @typescript-eslint/no-explicit-any */

interface TokenState {
    accessToken: string;
    expiresAt: number;
}

/** What the HTTP layer uses of the runtime it belongs to. */
export interface HttpHost {
    readonly it: Interpreter;
    readonly builtins: Builtins;
    readonly async: AsyncManager;
    /** true while test methods run: callouts need a mock */
    readonly testing: boolean;
}

export class HttpLayer {
    mock: ApexObject | null = null;
    private tokens = new Map<string, TokenState>();
    /** every callout made (for tests and the playground) */
    readonly log: { method: string; url: string; status: number }[] = [];

    constructor(private readonly rt: HttpHost) {
        rt.builtins.hooks.http = (o, n, a, f) => this.call(o, n, a, f);
    }

    call(o: NativeObject | null, n: string, a: any[], f: Frame): any {
        const it = this.rt.it;
        if (!o) return it.throwSys('TypeException', `Method does not exist: Http.${n}`);
        const d = o.data;
        if (o.typeName === 'Http') {
            if (n === 'send') return this.send(a[0], f);
            return it.throwSys('TypeException', `Method does not exist: Http.${n}`);
        }
        const isReq = o.typeName === 'HttpRequest';
        switch (n) {
            case 'setendpoint':
                d.endpoint = a[0];
                return null;
            case 'getendpoint':
                return d.endpoint;
            case 'setmethod':
                d.method = a[0];
                return null;
            case 'getmethod':
                return d.method;
            case 'setheader':
                d.headers.set(String(a[0]).toLowerCase(), [a[0], a[1]]);
                return null;
            case 'getheader': {
                const h = d.headers.get(String(a[0]).toLowerCase());
                return h ? h[1] : null;
            }
            case 'getheaderkeys':
                return new ApexList(
                    T('String'),
                    [...d.headers.values()].map((h: any) => h[0])
                );
            case 'setbody':
                d.body = a[0];
                d.bodyBlob = null;
                return null;
            case 'setbodyasblob':
                d.bodyBlob = a[0];
                d.body = null;
                return null;
            case 'getbody':
                return d.body ?? (d.bodyBlob ? (d.bodyBlob as ApexBlob).toUtf8() : isReq ? '' : '');
            case 'getbodyasblob':
                return d.bodyBlob ?? (d.body !== null && d.body !== undefined ? ApexBlob.fromString(d.body) : null);
            case 'settimeout':
                if (a[0] < 1 || a[0] > 120000)
                    it.throwSys('CalloutException', 'Timeout must be between 1 and 120000 milliseconds');
                d.timeout = a[0];
                return null;
            case 'setcompressed':
                // kept for getCompressed (Apex Reference › HttpRequest Class); the body is sent uncompressed
                d.compressed = a[0] === true;
                return null;
            case 'getcompressed':
                return d.compressed === true;
            case 'gettimeout':
                return d.timeout ?? null;
            case 'setstatuscode':
                d.statusCode = a[0];
                return null;
            case 'getstatuscode':
                return d.statusCode;
            case 'setstatus':
                d.status = a[0];
                return null;
            case 'getstatus':
                return d.status;
            case 'tostring':
                return isReq
                    ? `System.HttpRequest[Endpoint=${d.endpoint}, Method=${d.method}]`
                    : `System.HttpResponse[Status=${d.status}, StatusCode=${d.statusCode}]`;
        }
        return it.throwSys('TypeException', `Method does not exist: ${o.typeName}.${n}`);
    }

    private send(req: NativeObject, f: Frame): NativeObject {
        const it = this.rt.it;
        const am = this.rt.async;
        if (!req) it.throwSys('NullPointerException', 'Argument cannot be null.');
        if (this.rt.builtins.triggerStack.length)
            it.throwSys('CalloutException', 'Callout from triggers are currently not supported.');
        if (am.tx.dirty)
            it.throwSys(
                'CalloutException',
                'You have uncommitted work pending. Please commit or rollback before calling out'
            );
        if (
            am.tx.current?.kind === 'queueable' &&
            am.tx.current.target &&
            !am.tx.current.target.cls.implementsName('allowscallouts')
        ) {
            it.throwSys(
                'CalloutException',
                // queueables run on the future framework: the platform reports the @future message
                'Callout not allowed from this future method. Please enable callout by annotating the future method. eg: @Future(callout=true)'
            );
        }
        if (
            am.tx.current?.kind === 'future' &&
            !am.tx.current.method?.annotations.some((x) => x.n === 'future' && x.params.callout === true)
        ) {
            it.throwSys(
                'CalloutException',
                'Callout not allowed from this future method. Please enable callout by annotating the future method. eg: @Future(callout=true)'
            );
        }
        if (am.tx.callouts >= 100) it.throwSys('LimitException', 'Too many callouts: 101');
        const timeout = req.data.timeout ?? 10000;
        if (am.tx.calloutMs + timeout > 120000 && am.tx.calloutMs >= 120000) {
            it.throwSys('CalloutException', 'Exceeded maximum time allotted for callout (120000 ms)');
        }
        am.tx.callouts++;
        this.rt.it.org?.releaseLocks?.();
        if (this.rt.testing) {
            if (!this.mock) {
                it.throwSys('CalloutException', 'Methods defined as TestMethod do not support Web service callouts');
            }
            const res = this.mock!.cls.builtin ? null : it.callMethod(this.mock!, 'respond', [req]);
            if (!(res instanceof NativeObject) || res.typeName !== 'HttpResponse') {
                it.throwSys('CalloutException', 'The HttpCalloutMock did not return an HttpResponse');
            }
            this.log.push({ method: req.data.method, url: req.data.endpoint, status: res.data.statusCode });
            am.killPoint();
            return res;
        }
        void f;
        const res = this.realCallout(req, timeout);
        // a job the queue dooms may die here: the request has reached the other side, its answer is lost
        am.killPoint();
        return res;
    }

    private resolveEndpoint(endpoint: string): { url: string; credential: any | null } {
        const it = this.rt.it;
        const m = /^callout:([A-Za-z0-9_]+)(.*)$/.exec(endpoint ?? '');
        if (!m) return { url: endpoint, credential: null };
        const org: any = it.org;
        const creds = org?.config?.namedCredentials ?? {};
        const key = Object.keys(creds).find((k) => k.toLowerCase() === m[1].toLowerCase());
        if (!key) it.throwSys('CalloutException', `Unable to find a named credential with name ${m[1]}`);
        // the running user needs a permission set granting a principal of the named credential's external credential
        const refused: string | null = org?.refusedExternalCredential?.(key!) ?? null;
        if (refused) {
            it.throwSys(
                'CalloutException',
                `We couldn't access the credential(s). You might not have the required permissions, or the external credential "${refused}" might not exist.`
            );
        }
        const cred = creds[key!];
        const base = String(cred.url ?? cred.endpoint ?? '').replace(/\/$/, '');
        return { url: base + m[2], credential: { name: key, ...cred } };
    }

    /**
     * The named credential's access token: cached until expiry, refreshed with the refresh token. Without a stored
     * refresh token the principal's one-time consent is done through the local OAuth server's grant endpoint.
     */
    private token(cred: any, forceRefresh: boolean): string | null {
        const it = this.rt.it;
        const oauth = cred.oauth ?? null;
        if (!oauth) return cred.token ?? null;
        const cached = this.tokens.get(cred.name);
        if (cached && !forceRefresh && cached.expiresAt > it.clock.now() + 5000) return cached.accessToken;
        let r: any;
        if (!oauth.refreshToken) {
            const grantUrl = oauth.grantUrl ?? new URL('/__admin/oauth/grant', oauth.tokenUrl).toString();
            const grant = JSON.stringify({ clientId: oauth.clientId, realmId: oauth.realmId });
            r = this.fetchSync('POST', grantUrl, { 'content-type': 'application/json' }, Buffer.from(grant), 30000);
        } else {
            const basic = Buffer.from(`${oauth.clientId}:${oauth.clientSecret ?? ''}`).toString('base64');
            const headers = {
                'content-type': 'application/x-www-form-urlencoded',
                accept: 'application/json',
                authorization: `Basic ${basic}`
            };
            const body = new URLSearchParams({
                grant_type: 'refresh_token',
                refresh_token: oauth.refreshToken
            }).toString();
            r = this.fetchSync('POST', oauth.tokenUrl, headers, Buffer.from(body), 30000);
        }
        if (r.error || r.status !== 200) {
            it.throwSys(
                'CalloutException',
                `Unable to obtain an access token for named credential ${cred.name}: ${r.error ?? 'HTTP ' + r.status}`
            );
        }
        const json = JSON.parse(Buffer.from(r.body, 'base64').toString('utf8'));
        if (json.refresh_token) oauth.refreshToken = json.refresh_token;
        const state = { accessToken: json.access_token, expiresAt: it.clock.now() + (json.expires_in ?? 3600) * 1000 };
        this.tokens.set(cred.name, state);
        return state.accessToken;
    }

    private fetchSync(
        method: string,
        url: string,
        headers: Record<string, string>,
        body: Buffer | null,
        timeout: number
    ): any {
        return fetchSync({ method, url, headers, body: body ? body.toString('base64') : null, timeout });
    }

    private realCallout(req: NativeObject, timeout: number): NativeObject {
        const it = this.rt.it;
        const d = req.data;
        const { url, credential } = this.resolveEndpoint(d.endpoint);
        if (!/^https?:\/\//.test(url ?? '')) it.throwSys('CalloutException', `Invalid endpoint: ${d.endpoint}`);
        const headers: Record<string, string> = {};
        for (const [, [k, v]] of d.headers) headers[k] = v;
        const body: Buffer | null = d.bodyBlob
            ? Buffer.from((d.bodyBlob as ApexBlob).bytes)
            : d.body !== null && d.body !== undefined && d.method !== 'GET'
              ? Buffer.from(d.body)
              : null;
        // Execution Governors and Limits: "Maximum size of callout request or response — 6 MB for synchronous Apex or
        // 12 MB for asynchronous Apex" (the heap's split: scheduled Apex is synchronous). The message is the one orgs
        // report.
        const sizeLimit = it.heap.limit;
        if (body && body.length > sizeLimit)
            it.throwSys('CalloutException', `Exceeded max size limit of ${sizeLimit} with request size ${body.length}`);
        const started = Date.now();
        const attempt = (refresh: boolean) => {
            if (credential && credential.generateAuthorizationHeader !== false) {
                const tok = this.token(credential, refresh);
                if (tok) headers.Authorization = `Bearer ${tok}`;
            }
            return this.fetchSync(d.method, url, headers, body, timeout);
        };
        let r = attempt(false);
        if (!r.error && r.status === 401 && credential?.oauth) r = attempt(true);
        this.rt.async.tx.calloutMs += Date.now() - started;
        if (r.error === 'timeout') it.throwSys('CalloutException', 'Read timed out');
        if (r.error) it.throwSys('CalloutException', `Unable to tunnel through proxy. ${r.error}`);
        const res = new NativeObject('HttpResponse', {
            statusCode: r.status,
            status: r.statusText,
            headers: new Map(),
            body: null,
            bodyBlob: null
        });
        for (const [k, v] of Object.entries(r.headers ?? {})) res.data.headers.set(k.toLowerCase(), [k, v]);
        const bytes = Buffer.from(r.body, 'base64');
        if (bytes.length > sizeLimit)
            it.throwSys(
                'CalloutException',
                `Exceeded max size limit of ${sizeLimit} with response size ${bytes.length}`
            );
        res.data.bodyBlob = new ApexBlob(new Uint8Array(bytes));
        res.data.body = bytes.toString('utf8');
        this.log.push({ method: d.method, url, status: r.status });
        return res;
    }
}
