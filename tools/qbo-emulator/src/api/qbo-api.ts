import { randomUUID } from 'node:crypto';
import { uploadAttachment } from '../domain/attachables';
import { sendInvoice, type InvoiceWriteOptions } from '../domain/invoices';
import { isObject } from '../domain/validation';
import type { EmulatorContext } from '../emulator-context';
import { Faults } from '../faults/catalog';
import { faultBody, QboFault, renderFault, type FaultStyle } from '../faults/qbo-fault';
import { mediaType, parseMultipart } from '../http/body';
import { negotiateFormat, type ResponseFormat } from '../http/content-negotiation';
import { parseXmlRequest } from '../http/xml-request';
import type { HttpRequest, HttpResponse } from '../http/router';
import { parseQboInstant, qboResponseTime } from '../qbo-time';
import { runQuery } from '../query/evaluator';
import type { CallKind } from '../store/counters';
import { Realm, type EntityName, type Json, type RealmState } from '../store/realm';
import { companyInfoFor, preferencesFor } from '../store/seed';
import { ENTITY_SEGMENTS, operationFor, writeEntity } from './entity-operations';
import { invoicePdf } from './invoice-pdf';
import { intuitResponseXml } from './xml-response';

export const BATCH_ITEM_LIMIT = 30;
const CDC_MAX_DAYS = 30;
const CDC_MAX_OBJECTS = 1000;

interface ApiRoute {
    endpoint: string;
    kind: CallKind;
    write: boolean;
    /** Answers bytes of its own type (PDF, download) rather than JSON or XML. */
    bytes?: boolean;
    run(realm: Realm): ApiResult;
}

type ApiResult = { json: Json } | { bytes: Buffer; contentType: string };

/** Serves /v3/company/{realmId}/…: auth, injected faults, throttles, requestid replay, then the operation. */
export class QboApi {
    constructor(private readonly context: EmulatorContext) {}

    async handle(request: HttpRequest): Promise<HttpResponse> {
        const realmId = request.params.realm;
        const path = request.params['*'] ?? '';
        const knownRealm = this.context.realms.has(realmId);
        const format = negotiateFormat(request.headers.accept, request.query.get('format'));
        const style = (status: number): FaultStyle => {
            if (format === 'xml') return 'xml';
            return knownRealm ? this.context.faultsFor(realmId).styleFor(status) : 'standard';
        };
        let endpoint = `${request.method} /${path.split('/')[0] ?? ''}`;
        let kind: CallKind = request.method === 'GET' ? 'read' : 'write';
        const finish = (response: HttpResponse): HttpResponse => {
            this.context.counters.record(realmId, endpoint, kind, response.status);
            response.headers = { intuit_tid: randomUUID(), ...response.headers };
            return response;
        };
        const fail = (fault: QboFault): HttpResponse => finish(this.faultResponse(fault, style(fault.status)));

        this.context.webhooks.deliverDueRetries();
        const token = this.context.oauth.checkBearer(request.headers.authorization);
        if (!token.ok) return fail(Faults.authenticationFailed());
        const realm = this.context.realms.get(realmId);
        if (!realm || token.realmId !== realmId) return fail(Faults.applicationAuthorizationFailed());

        let route: ApiRoute | undefined;
        let badRequest: QboFault | undefined;
        try {
            route = this.route(request, path, realm);
            endpoint = route.endpoint;
            kind = route.kind;
        } catch (error) {
            badRequest = asFault(error);
        }

        const faults = this.context.faultsFor(realmId);
        const injected = faults.beforeRequest();
        if (faults.config.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.config.latencyMs));
        if (injected === 'expired-token') return fail(Faults.authenticationFailed());
        if (injected === 'throttle') return fail(Faults.throttleExceeded());
        if (injected === 'server-error') return fail(Faults.systemFault(500));
        if (injected === 'unavailable') return fail(Faults.systemFault(503));
        if (!this.context.rateLimiter.admit(realmId, token.clientId, kind === 'batch'))
            return fail(Faults.throttleExceeded());
        if (!route) return fail(badRequest!);
        if (format === undefined && !route.bytes) return finish(notAcceptable(request.headers.accept));

        const requestId = route.write ? request.query.get('requestid') : null;
        const idempotencyKey =
            requestId && !faults.config.ignoreRequestId
                ? `${request.method} ${path}?${request.query.get('operation') ?? ''}|${requestId}`
                : undefined;
        const replay = idempotencyKey ? realm.state.idempotency[idempotencyKey] : undefined;
        if (replay) return finish({ status: replay.status, headers: { ...replay.headers }, body: replay.body });

        let response: HttpResponse;
        try {
            response = this.render(route.run(realm), realm, format ?? 'json');
        } catch (error) {
            response = this.faultResponse(asFault(error), style(asFault(error).status));
        }
        if (route.write) {
            if (idempotencyKey) {
                realm.state.idempotency[idempotencyKey] = {
                    status: response.status,
                    headers: (response.headers ?? {}) as Record<string, string>,
                    body: String(response.body ?? '')
                };
            }
            this.context.saveRealm(realm);
            if (response.status === 200 && faults.loseResponse()) {
                const mode = faults.config.loseResponseMode;
                if (mode === 'reset') return finish({ status: 599, dropConnection: true });
                if (mode === 'gateway-timeout') {
                    return finish({
                        status: 504,
                        headers: { 'Content-Type': 'text/html' },
                        body: '<html><body><h1>504 Gateway Time-out</h1></body></html>'
                    });
                }
                return fail(Faults.systemFault(500));
            }
        }
        return finish(response);
    }

    private faultResponse(fault: QboFault, style: FaultStyle): HttpResponse {
        const rendered = renderFault(fault, style, this.context.clock.now());
        return { status: fault.status, headers: { 'Content-Type': rendered.contentType }, body: rendered.body };
    }

    private render(result: ApiResult, realm: Realm, format: ResponseFormat): HttpResponse {
        if ('bytes' in result)
            return { status: 200, headers: { 'Content-Type': result.contentType }, body: result.bytes };
        const time = qboResponseTime(this.context.clock.now(), realm.settings.timeZone);
        if (format === 'xml') {
            return {
                status: 200,
                headers: { 'Content-Type': 'application/xml;charset=UTF-8' },
                body: intuitResponseXml(result.json, time)
            };
        }
        return {
            status: 200,
            headers: { 'Content-Type': 'application/json;charset=UTF-8' },
            body: JSON.stringify({ ...result.json, time })
        };
    }

    private route(request: HttpRequest, path: string, realm: Realm): ApiRoute {
        const segments = path.split('/').filter(Boolean);
        const [first, second, third] = segments;
        const method = request.method;
        const unsupported = (): never => {
            throw Faults.unsupportedOperation(method, `/v3/company/${realm.id}/${path}`);
        };
        if (first === 'query' && segments.length === 1) {
            if (method === 'GET') {
                const text = request.query.get('query');
                if (!text) throw Faults.requiredParamMissing('query');
                return this.queryRoute(text);
            }
            if (method === 'POST') {
                const type = mediaType(request.headers['content-type']);
                if (type !== 'application/text' && type !== 'text/plain') throw Faults.unsupportedMediaType(type);
                return this.queryRoute(request.body.toString('utf8'));
            }
        }
        if (first === 'batch' && segments.length === 1 && method === 'POST') {
            const body = parseBody(request, 'IntuitBatchRequest');
            return { endpoint: 'POST /batch', kind: 'batch', write: true, run: (r) => ({ json: this.batch(r, body) }) };
        }
        if (first === 'cdc' && segments.length === 1 && method === 'GET') {
            return {
                endpoint: 'GET /cdc',
                kind: 'read',
                write: false,
                run: (r) => ({
                    json: {
                        CDCResponse: [
                            {
                                QueryResponse: this.changes(
                                    r,
                                    request.query.get('entities'),
                                    request.query.get('changedSince')
                                )
                            }
                        ]
                    }
                })
            };
        }
        if (first === 'preferences' && segments.length === 1 && method === 'GET') {
            return {
                endpoint: 'GET /preferences',
                kind: 'read',
                write: false,
                run: (r) => ({ json: { Preferences: preferencesFor(r) } })
            };
        }
        if (first === 'companyinfo' && segments.length === 2 && method === 'GET') {
            return {
                endpoint: 'GET /companyinfo/{id}',
                kind: 'read',
                write: false,
                run: (r) => {
                    if (second !== r.id && second !== '1') throw Faults.objectNotFound();
                    return { json: { CompanyInfo: companyInfoFor(r) } };
                }
            };
        }
        if (first === 'download' && second && segments.length === 2 && method === 'GET') {
            return {
                endpoint: 'GET /download/{id}',
                kind: 'read',
                write: false,
                bytes: true,
                run: (r) => {
                    const attachable = r.find('Attachable', second);
                    if (!attachable?.TempDownloadUri) throw Faults.objectNotFound();
                    return { bytes: Buffer.from(attachable.TempDownloadUri), contentType: 'text/plain' };
                }
            };
        }
        if (first === 'upload' && segments.length === 1 && method === 'POST') {
            return {
                endpoint: 'POST /upload',
                kind: 'write',
                write: true,
                run: (r) => ({ json: this.upload(r, request) })
            };
        }
        if (first === 'invoice' && second && third === 'send' && segments.length === 3 && method === 'POST') {
            return {
                endpoint: 'POST /invoice/{id}/send',
                kind: 'write',
                write: true,
                run: (r) => ({ json: { Invoice: sendInvoice(r, second, request.query.get('sendTo')) } })
            };
        }
        // Intuit API reference › Invoice › Get an invoice as PDF: the invoice as a PDF file in the response body;
        // an unknown invoice is the usual 610 Object Not Found fault.
        if (first === 'invoice' && second && third === 'pdf' && segments.length === 3 && method === 'GET') {
            return {
                endpoint: 'GET /invoice/{id}/pdf',
                kind: 'read',
                write: false,
                bytes: true,
                run: (r) => {
                    const invoice = r.find('Invoice', second);
                    if (!invoice) throw Faults.objectNotFound();
                    return { bytes: invoicePdf(invoice, r.settings.companyName), contentType: 'application/pdf' };
                }
            };
        }
        const entity = ENTITY_SEGMENTS[first ?? ''];
        if (!entity) return unsupported();
        if (segments.length === 2 && method === 'GET') {
            return {
                endpoint: `GET /${first}/{id}`,
                kind: 'read',
                write: false,
                run: (r) => {
                    const found = r.find(entity, second);
                    if (!found) throw Faults.objectNotFound();
                    return { json: { [entity]: found } };
                }
            };
        }
        if (segments.length === 1 && method === 'POST') {
            const operation = request.query.get('operation');
            const body = parseBody(request, entity);
            const op = operationFor(body, operation);
            return {
                endpoint: `POST /${first}${op === 'delete' || op === 'void' ? `?operation=${op}` : ''}`,
                kind: 'write',
                write: true,
                run: (r) => ({
                    json: {
                        [entity]: writeEntity(r, entity, op, body, writeOptions(request.query.get('include')))
                    }
                })
            };
        }
        return unsupported();
    }

    private queryRoute(text: string): ApiRoute {
        const entity = /\bfrom\s+(\w+)/i.exec(text)?.[1] ?? '?';
        return {
            endpoint: `query ${entity}`,
            kind: 'read',
            write: false,
            run: (r) => ({ json: { QueryResponse: runQuery(r, text).body } })
        };
    }

    /**
     * Runs batch items in order; each answers on its own; queries see the company as it was before the batch.
     * An item is a `Query`, a `CDCQuery` (`Entities`, `ChangedSince`) or an entity with its `operation`, and may
     * carry `optionsData`: the comma-separated options a single call takes as `include=` (Intuit's
     * IntuitRestServiceDef.xsd, BatchItemRequest; Intuit's .NET SDK Batch.Add joins them lower-cased, and its
     * BatchIncludeTest sends `firsttxndate` that way).
     */
    private batch(realm: Realm, body: Json): Json {
        const items = body.BatchItemRequest;
        if (!Array.isArray(items) || items.length === 0) throw Faults.requiredParamMissing('BatchItemRequest');
        if (items.length > BATCH_ITEM_LIMIT) throw Faults.batchTooLarge(BATCH_ITEM_LIMIT);
        const before = new Realm(
            JSON.parse(JSON.stringify(realm.state)) as RealmState,
            this.context.clock,
            () => undefined
        );
        const seen = new Set<string>();
        // bId is echoed when given; node-quickbooks' own test/batch.js sends items without one and expects answers.
        const responses = items.map((item: unknown) => {
            if (!isObject(item)) return { Fault: faultBody(Faults.malformedRequest('BatchItemRequest item')) };
            const tag = item.bId === undefined || item.bId === null ? {} : { bId: String(item.bId) };
            if (tag.bId !== undefined && seen.has(tag.bId)) {
                return {
                    ...tag,
                    Fault: faultBody(Faults.businessValidation(`Duplicate bId ${tag.bId} in batch request.`, 'bId'))
                };
            }
            if (tag.bId !== undefined) seen.add(tag.bId);
            try {
                if (typeof item.Query === 'string') {
                    const outcome = runQuery(before, item.Query);
                    this.context.counters.record(realm.id, `batch item query ${outcome.entity}`, 'read', 200);
                    return { ...tag, QueryResponse: outcome.body };
                }
                if (isObject(item.CDCQuery)) {
                    const changes = this.changes(
                        before,
                        stringOrNull(item.CDCQuery.Entities),
                        stringOrNull(item.CDCQuery.ChangedSince)
                    );
                    this.context.counters.record(realm.id, 'batch item cdc', 'read', 200);
                    // One CDCResponse per item (maxOccurs 1 in BatchItemResponse), a list at the top of a GET /cdc.
                    return { ...tag, CDCResponse: { QueryResponse: changes } };
                }
                const entityKey = Object.keys(item).find((key) =>
                    Object.values(ENTITY_SEGMENTS).includes(key as EntityName)
                );
                if (!entityKey || !isObject(item[entityKey]))
                    throw Faults.requiredParamMissing('Query, CDCQuery or entity body');
                const entity = entityKey as EntityName;
                const op = operationFor(item[entityKey], item.operation ?? null);
                const saved = writeEntity(
                    realm,
                    entity,
                    op,
                    item[entityKey],
                    writeOptions(stringOrNull(item.optionsData))
                );
                this.context.counters.record(realm.id, `batch item ${op} ${entity}`, 'write', 200);
                return { ...tag, [entity]: saved };
            } catch (error) {
                const fault = asFault(error);
                this.context.counters.record(
                    realm.id,
                    `batch item fault ${fault.errors[0]?.code}`,
                    'write',
                    fault.status
                );
                return { ...tag, Fault: faultBody(fault) };
            }
        });
        return { BatchItemResponse: responses };
    }

    /** One QueryResponse per named entity with what changed since the given time (GET /cdc, batch CDCQuery). */
    private changes(realm: Realm, entitiesParam: string | null, changedSinceParam: string | null): Json[] {
        if (!entitiesParam) throw Faults.requiredParamMissing('entities');
        if (!changedSinceParam) throw Faults.requiredParamMissing('changedSince');
        const since = parseQboInstant(changedSinceParam);
        if (Number.isNaN(since)) throw Faults.malformedRequest(`changedSince:${changedSinceParam}`);
        if (since < this.context.clock.now() - CDC_MAX_DAYS * 86_400_000) {
            throw Faults.businessValidation(
                `changedSince cannot be more than ${CDC_MAX_DAYS} days in the past.`,
                'changedSince'
            );
        }
        const names = entitiesParam.split(',').map((name) => name.trim());
        const responses: Json[] = [];
        // "Server responses can handle a maximum of 1,000 objects" (Intuit, Change data capture operation): what
        // changed beyond that is left out, so a client that gets 1,000 must read the rest another way. The earliest
        // changes are kept.
        let room = CDC_MAX_OBJECTS;
        for (const name of names) {
            const entity = Object.values(ENTITY_SEGMENTS).find((e) => e.toLowerCase() === name.toLowerCase());
            if (!entity) throw Faults.malformedRequest(`entities:${name}`);
            const changed = realm
                .records(entity)
                .filter((record) => record.changedAt >= since)
                .sort((a, b) => a.changedAt - b.changedAt)
                .slice(0, room);
            room -= changed.length;
            const list = changed.map((record) =>
                record.deleted
                    ? {
                          domain: 'QBO',
                          status: 'Deleted',
                          Id: record.entity.Id,
                          MetaData: { LastUpdatedTime: record.entity.MetaData.LastUpdatedTime }
                      }
                    : record.entity
            );
            responses.push(list.length ? { [entity]: list, startPosition: 1, maxResults: list.length } : {});
        }
        return responses;
    }

    private upload(realm: Realm, request: HttpRequest): Json {
        const type = mediaType(request.headers['content-type']);
        if (type !== 'multipart/form-data') throw Faults.unsupportedMediaType(type);
        let parts;
        try {
            parts = parseMultipart(request.body, String(request.headers['content-type']));
        } catch (error) {
            throw Faults.malformedRequest(`multipart:${(error as Error).message}`);
        }
        const results: Json[] = [];
        for (const part of parts.filter((p) => /^file_content_\d+$/.test(p.name))) {
            const suffix = part.name.slice('file_content_'.length);
            const metaPart = parts.find((p) => p.name === `file_metadata_${suffix}`);
            let metadata: Json = {};
            if (metaPart) {
                try {
                    metadata = JSON.parse(metaPart.data.toString('utf8'));
                } catch (error) {
                    throw Faults.malformedRequest(`file_metadata_${suffix}:${(error as Error).message}`);
                }
            }
            try {
                results.push({
                    Attachable: uploadAttachment(
                        realm,
                        this.context.baseUrl(),
                        metadata,
                        part.filename,
                        part.contentType,
                        part.data
                    )
                });
            } catch (error) {
                results.push({ Fault: faultBody(asFault(error)) });
            }
        }
        if (results.length === 0) throw Faults.requiredParamMissing('file_content_01');
        return { AttachableResponse: results };
    }
}

/** The `include=` options a write honours (also a batch item's `optionsData`). */
function writeOptions(include: string | null): InvoiceWriteOptions {
    const options = (include ?? '')
        .toLowerCase()
        .split(',')
        .map((option) => option.trim());
    return { allowDuplicateDocNumber: options.includes('allowduplicatedocnum') };
}

function stringOrNull(value: unknown): string | null {
    return typeof value === 'string' ? value : null;
}

/**
 * The request body as JSON: a JSON object, or XML (`application/xml`, `text/xml`) whose root element is the one the
 * endpoint takes (the entity, or IntuitBatchRequest) read as the JSON it stands for.
 */
function parseBody(request: HttpRequest, root: string): Json {
    const type = mediaType(request.headers['content-type']);
    if (type === 'application/xml' || type === 'text/xml') {
        let parsed: { root: string; json: Json };
        try {
            parsed = parseXmlRequest(request.body);
        } catch (error) {
            throw Faults.malformedRequest(`XML:${(error as Error).message}`);
        }
        if (parsed.root !== root) throw Faults.malformedRequest(`${parsed.root} (this operation takes ${root})`);
        return parsed.json;
    }
    if (type !== 'application/json') throw Faults.unsupportedMediaType(type);
    let parsed: unknown;
    try {
        parsed = JSON.parse(request.body.toString('utf8'));
    } catch (error) {
        throw Faults.malformedRequest(`Unrecognized token: ${(error as Error).message}`);
    }
    if (!isObject(parsed)) throw Faults.malformedRequest('request body must be a JSON object');
    return parsed;
}

/** Domain errors pass through; anything else is an emulator bug, logged and answered as QBO's SystemFault. */
export function asFault(error: unknown): QboFault {
    if (error instanceof QboFault) return error;
    console.error('[qbo-emulator] unexpected error', error);
    return Faults.systemFault(500);
}

/**
 * A client that accepts neither JSON nor XML. Intuit documents no answer for it; this is HTTP's own (RFC 9110
 * §15.5.7, 406 Not Acceptable), naming the two types the API produces.
 */
function notAcceptable(accept: string | string[] | undefined): HttpResponse {
    return {
        status: 406,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: `Not Acceptable: the QuickBooks Online API answers application/json or application/xml, not ${String(accept)}.`
    };
}
