/**
 * Inbound Apex REST: an HTTP request to `/services/apexrest/<path>` delivered to the `@RestResource` class whose
 * `urlMapping` matches, the way the platform hands it over:
 *
 * - `RestContext.request` carries the method, the URI (everything after the host), the headers and the query
 *   parameters in `params`.
 * - A body with `Content-Type: application/x-www-form-urlencoded` is parsed into `params` (decoded) and
 *   `requestBody` is left empty, so the bytes the client sent are not available to Apex
 *   (salesforce.stackexchange.com/q/171955 "RestRequest params do not handle multiple query params with the same
 *   name": "because Salesforce is able to parse application/x-www-form-urlencoded request, it assigns all values into
 *   the RestRequest.params map and leaves requestBody attribute blank"). A repeated field name keeps one value.
 * - Any other body is copied into `requestBody` when the method has no parameters ("If the Apex method has no
 *   parameters, then Apex REST copies the HTTP request body into the RestRequest.requestBody property", Apex
 *   Developer Guide, Apex REST Methods). Methods with parameters are not modelled.
 * - A non-void return value is serialized to JSON into the response body; otherwise the method's own
 *   `RestContext.response` is the answer.
 */
import type { Runtime } from '../interpreter/runtime';
import { runAnonymous } from '../interpreter/anonymous';
import { ApexMap, NativeObject, T } from '../interpreter/objects';
import type { ClassInfo } from '../interpreter/objects';
import type { MethodDecl } from '../loader/ast';
import { ApexBlob } from '../values/blob';

export interface InboundRestRequest {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    /** the path after `/services/apexrest`, with an optional query string: `/qbsync/slack/interactions?x=1` */
    path: string;
    headers: Record<string, string>;
    /** the body bytes exactly as the client sent them */
    body?: Buffer | string;
}

export interface RestAnswer {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
    /** `System.XxxException: message` when the Apex method threw (the platform answers 500) */
    error: string | null;
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** The `@RestResource` class and `@Http<Method>` method that receive a request to this path. */
export function restResourceFor(rt: Runtime, method: string, path: string): { info: ClassInfo; target: MethodDecl } {
    const resourcePath = path.split('?')[0];
    for (const info of rt.it.classes.values() as IterableIterator<ClassInfo>) {
        const resource = info.decl.annotations.find((a) => a.n === 'restresource');
        const mapping = String(resource?.params.urlmapping ?? '').replace(/^'|'$/g, '');
        if (!resource || !mappingMatches(mapping, resourcePath)) continue;
        const annotation = 'http' + method.toLowerCase();
        const target = info.decl.methods.find((m) => m.annotations.some((a) => a.n === annotation));
        if (!target) throw new Error(`${info.name} has no @Http${method[0]}${method.slice(1).toLowerCase()} method`);
        if (target.params.length > 0) throw new Error(`${info.name}.${target.name}: parameters are not modelled`);
        return { info, target };
    }
    throw new Error(`No @RestResource maps ${resourcePath}`);
}

/** `/a/*` matches `/a/b/c`; otherwise the mapping is the exact path (case-sensitive, as URLs are). */
function mappingMatches(mapping: string, path: string): boolean {
    if (mapping.endsWith('/*')) return path === mapping.slice(0, -2) || path.startsWith(mapping.slice(0, -1));
    return mapping === path;
}

/** The `RestRequest` the platform builds for this HTTP request. */
export function restRequestFor(request: InboundRestRequest): NativeObject {
    const [resourcePath, query = ''] = request.path.split(/\?(.*)/s);
    const params = new ApexMap(T('String'), T('String'));
    const headers = new ApexMap(T('String'), T('String'));
    for (const [name, value] of Object.entries(request.headers)) headers.map.set(name, [name, value]);
    for (const [name, value] of new URLSearchParams(query)) params.map.set(name, [name, value]);
    const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
    const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    const isForm = (contentType ?? '').split(';')[0].trim().toLowerCase() === FORM_CONTENT_TYPE;
    if (isForm) {
        for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.map.set(name, [name, value]);
    }
    return new NativeObject('RestRequest', {
        requestURI: resourcePath,
        httpMethod: request.method,
        requestBody: new ApexBlob(new Uint8Array(isForm ? Buffer.alloc(0) : body)),
        params,
        headers,
        remoteAddress: '127.0.0.1',
        resourcePath: null
    });
}

/** Delivers one HTTP request to its `@RestResource` method as one transaction and returns the HTTP answer. */
export function receiveRestRequest(rt: Runtime, request: InboundRestRequest): RestAnswer {
    const { info, target } = restResourceFor(rt, request.method, request.path);
    const response = new NativeObject('RestResponse', {
        statusCode: 200,
        responseBody: null,
        headers: new ApexMap(T('String'), T('String'))
    });
    rt.builtins.restRequest = restRequestFor(request);
    rt.builtins.restResponse = response;
    const call = `${info.name}.${target.name}()`;
    const returnsValue = target.ret !== null && target.ret.n !== 'void';
    const source = returnsValue
        ? `RestContext.response.responseBody = Blob.valueOf(JSON.serialize(${call}));`
        : `${call};`;
    try {
        // an Apex REST method is an entry point: its class's keyword sets the sharing mode (no keyword: without sharing)
        const result = runAnonymous(rt, source, 'apexrest.apex', { entryPoint: true });
        const headers: Record<string, string> = {};
        for (const [name, value] of (response.data.headers as ApexMap).map.values()) headers[name] = String(value);
        const body = response.data.responseBody as ApexBlob | null;
        return {
            statusCode: result.error ? 500 : Number(response.data.statusCode ?? 200),
            headers,
            body: body ? body.toUtf8() : '',
            error: result.error
        };
    } finally {
        rt.builtins.restRequest = null;
        rt.builtins.restResponse = null;
    }
}
