import type { HttpRequest, HttpResponse, Router } from '../http/router';
import type { Json } from '../store/realm';
import { escapeHtml } from '../oauth/oauth-server';
import { AdminError, adminErrorStatus, type EmulatorAdmin } from './admin-api';

function json(status: number, body: unknown): HttpResponse {
    return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body, null, 2) };
}

function body(request: HttpRequest): Json {
    const text = request.body.toString('utf8').trim();
    if (!text) return {};
    if (isForm(request)) return Object.fromEntries(new URLSearchParams(text));
    try {
        return JSON.parse(text);
    } catch {
        throw new Error('admin request body must be JSON');
    }
}

/** The body with the named fields checked to be non-empty strings (400 otherwise). */
function withFields<T>(request: HttpRequest, fields: string[]): T & Json {
    const parsed = body(request);
    for (const field of fields) {
        if (typeof parsed[field] !== 'string' || parsed[field] === '')
            throw new AdminError(400, `${field} is required`);
    }
    return parsed as T & Json;
}

/** Runs an admin operation; admin and QBO errors become JSON answers with their status. */
function answering(run: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>) {
    return async (request: HttpRequest): Promise<HttpResponse> => {
        try {
            return await run(request);
        } catch (error) {
            const { status, body: errorBody } = adminErrorStatus(error);
            return json(status, errorBody);
        }
    };
}

/** A form posted from an admin page (the page's buttons), not a JSON call. */
function isForm(request: HttpRequest): boolean {
    return String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** An operation posted from the realm page goes back to that page (303); a JSON call gets the result. */
function fromRealmPage(run: (request: HttpRequest) => unknown) {
    return answering(async (request) => {
        const result = await run(request);
        if (isForm(request))
            return { status: 303, headers: { Location: `/__admin/realms/${request.params.realm}` }, body: '' };
        return json(200, result ?? { ok: true });
    });
}

/** An admin operation whose result is answered as JSON (`{"ok":true}` when it returns nothing). */
function guarded(run: (request: HttpRequest) => unknown) {
    return answering(async (request) => json(200, (await run(request)) ?? { ok: true }));
}

/** HTTP face of EmulatorAdmin under /__admin (see README for the list). */
export function adminRoutes(router: Router, admin: EmulatorAdmin): void {
    router.add(
        'GET',
        '/__admin',
        answering(() => indexPage(admin))
    );
    router.add(
        'GET',
        '/__admin/realms',
        guarded(() => admin.realmIds().map((id) => admin.realm(id).settings))
    );
    router.add(
        'POST',
        '/__admin/realms',
        guarded((r) => admin.createRealm(withFields<{ realmId: string }>(r, ['realmId'])))
    );
    router.add(
        'GET',
        '/__admin/realms/:realm',
        answering((r) => realmPage(admin, r.params.realm))
    );
    router.add(
        'PATCH',
        '/__admin/realms/:realm/settings',
        guarded((r) => admin.updateSettings(r.params.realm, body(r)))
    );
    router.add(
        'GET',
        '/__admin/realms/:realm/state',
        guarded((r) => admin.snapshot(r.params.realm))
    );
    router.add(
        'POST',
        '/__admin/realms/:realm/seed',
        guarded((r) => admin.seed(r.params.realm, body(r)))
    );
    router.add(
        'POST',
        '/__admin/realms/:realm/items/:id/active',
        fromRealmPage((r) => {
            const active = body(r).active;
            return admin.setItemActive(r.params.realm, r.params.id, active === true || active === 'true');
        })
    );
    router.add(
        'POST',
        '/__admin/realms/:realm/invoices/:id/payments',
        fromRealmPage((r) => {
            const amount = body(r).amount;
            if (amount !== undefined && amount !== '' && !Number.isFinite(Number(amount)))
                throw new AdminError(400, `amount must be a number, not "${String(amount)}"`);
            return admin.recordPayment(
                r.params.realm,
                r.params.id,
                amount === undefined || amount === '' ? undefined : Number(amount)
            );
        })
    );
    router.add(
        'GET',
        '/__admin/realms/:realm/faults',
        guarded((r) => admin.faults(r.params.realm))
    );
    router.add(
        'PUT',
        '/__admin/realms/:realm/faults',
        guarded((r) => admin.setFaults(r.params.realm, body(r)))
    );
    router.add(
        'DELETE',
        '/__admin/realms/:realm/faults',
        guarded((r) => admin.clearFaults(r.params.realm))
    );
    router.add(
        'GET',
        '/__admin/realms/:realm/attachments/:id/content',
        answering((r): HttpResponse => {
            const content = admin.attachmentContent(r.params.realm, r.params.id);
            if (!content) return json(404, { error: 'no such attachment' });
            return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: content };
        })
    );
    router.add(
        'POST',
        '/__admin/reset',
        guarded((r) => {
            admin.reset(body(r).realmId);
            return { ok: true, realms: admin.realmIds() };
        })
    );
    router.add(
        'GET',
        '/__admin/counters',
        guarded((r) => admin.counters(r.query.get('realm') ?? undefined))
    );
    router.add(
        'DELETE',
        '/__admin/counters',
        guarded(() => admin.resetCounters())
    );
    router.add(
        'PUT',
        '/__admin/rate-limits',
        guarded((r) => admin.setRateLimits(body(r)))
    );
    router.add(
        'POST',
        '/__admin/oauth/clients',
        guarded((r) => {
            const client = withFields<{ clientId: string; clientSecret: string }>(r, ['clientId', 'clientSecret']);
            admin.registerClient({
                ...client,
                redirectUris: Array.isArray(client.redirectUris) ? client.redirectUris : []
            });
        })
    );
    router.add(
        'POST',
        '/__admin/oauth/grant',
        guarded((r) => {
            const request = body(r);
            return admin.grant(request.clientId, request.realmId ?? request.realm, request.includeHardExpiry === true);
        })
    );
    router.add(
        'POST',
        '/__admin/oauth/revoke',
        guarded((r) => ({ revoked: admin.revokeTokens(withFields<{ realmId: string }>(r, ['realmId']).realmId) }))
    );
    router.add(
        'POST',
        '/__admin/oauth/expire',
        guarded((r) => ({ expired: admin.expireAccessTokens(body(r).realmId) }))
    );
    router.add(
        'POST',
        '/__admin/webhooks',
        guarded((r) =>
            admin.subscribeWebhook(withFields<{ url: string; verifierToken: string }>(r, ['url', 'verifierToken']))
        )
    );
    router.add(
        'GET',
        '/__admin/webhooks',
        guarded(() => admin.webhookDeliveries())
    );
    router.add(
        'DELETE',
        '/__admin/webhooks',
        guarded(() => admin.clearWebhooks())
    );
    router.add(
        'POST',
        '/__admin/clock/advance',
        guarded((r) => ({ now: admin.advanceClock(Number(body(r).milliseconds ?? 0)) }))
    );
}

function page(title: string, content: string): HttpResponse {
    return {
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
        body:
            `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
            '<meta name="viewport" content="width=device-width, initial-scale=1">' +
            '<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:2rem}' +
            'td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}' +
            // a narrow window scrolls a wide table sideways instead of the whole page
            '.table-scroll{overflow-x:auto;max-width:100%}form{display:flex;gap:.3rem;margin:0}' +
            'input[type=number]{width:6rem}@media (max-width:900px){body{margin:1rem}}</style></head>' +
            `<body><h1>${escapeHtml(title)}</h1>${content}</body></html>`
    };
}

function indexPage(admin: EmulatorAdmin): HttpResponse {
    const rows = admin
        .realmIds()
        .map((id) => {
            const s = admin.realm(id).settings;
            return `<tr><td><a href="/__admin/realms/${escapeHtml(id)}">${escapeHtml(id)}</a></td><td>${escapeHtml(s.companyName)}</td><td>${escapeHtml(s.country)}</td><td>${escapeHtml(s.homeCurrency)}</td></tr>`;
        })
        .join('');
    return page(
        'QuickBooks Online emulator',
        `<div class="table-scroll"><table><tr><th>Realm</th><th>Company</th><th>Country</th><th>Currency</th></tr>${rows}</table></div>`
    );
}

function realmPage(admin: EmulatorAdmin, realmId: string): HttpResponse {
    const snapshot = admin.snapshot(realmId);
    const cell = (value: unknown): string =>
        `<td>${escapeHtml(value === undefined || value === null ? '' : String(value))}</td>`;
    const customers = (snapshot.entities.Customer ?? [])
        .map(
            (c) =>
                `<tr>${cell(c.Id)}${cell(c.DisplayName)}${cell(c.PrimaryEmailAddr?.Address)}${cell(c.Balance)}${cell(c.Active)}${cell(c.SyncToken)}</tr>`
        )
        .join('');
    const base = `/__admin/realms/${escapeHtml(realmId)}`;
    const invoices = (snapshot.entities.Invoice ?? [])
        .map((i) => {
            const pay =
                Number(i.Balance) > 0
                    ? `<form method="post" action="${base}/invoices/${escapeHtml(String(i.Id))}/payments">` +
                      `<input name="amount" type="number" step="0.01" min="0.01" value="${escapeHtml(String(i.Balance))}" aria-label="Payment amount for invoice ${escapeHtml(String(i.DocNumber ?? i.Id))}"> ` +
                      '<button>Record payment</button></form>'
                    : 'Paid';
            return `<tr>${cell(i.Id)}${cell(i.DocNumber)}${cell(i.CustomerRef?.name)}${cell(i.TxnDate)}${cell(i.TotalAmt)}${cell(i.Balance)}${cell(i.EmailStatus)}${cell(i.TxnStatus ?? '')}<td>${pay}</td></tr>`;
        })
        .join('');
    const items = (snapshot.entities.Item ?? [])
        .map((item) => {
            const active = item.Active !== false;
            const toggle =
                `<form method="post" action="${base}/items/${escapeHtml(String(item.Id))}/active">` +
                `<input type="hidden" name="active" value="${active ? 'false' : 'true'}">` +
                `<button>${active ? 'Deactivate' : 'Reactivate'}</button></form>`;
            return `<tr>${cell(item.Id)}${cell(item.Name)}${cell(item.Type)}${cell(item.Sku)}${cell(item.UnitPrice)}${cell(active ? 'Yes' : 'No')}<td>${toggle}</td></tr>`;
        })
        .join('');
    const counters = admin.counters(realmId).summary;
    return page(
        `${snapshot.settings.companyName} (${realmId})`,
        `<p>Reads (CorePlus): ${counters.reads} · Writes: ${counters.writes} · Batches: ${counters.batches}</p>` +
            `<h2>Customers</h2><div class="table-scroll"><table><tr><th>Id</th><th>DisplayName</th><th>Email</th><th>Balance</th><th>Active</th><th>SyncToken</th></tr>${customers}</table></div>` +
            `<h2>Invoices</h2><div class="table-scroll"><table><tr><th>Id</th><th>DocNumber</th><th>Customer</th><th>TxnDate</th><th>TotalAmt</th><th>Balance</th><th>EmailStatus</th><th>Status</th><th>Payment</th></tr>${invoices}</table></div>` +
            `<h2>Items</h2><div class="table-scroll"><table><tr><th>Id</th><th>Name</th><th>Type</th><th>Sku</th><th>UnitPrice</th><th>Active</th><th></th></tr>${items}</table></div>`
    );
}
