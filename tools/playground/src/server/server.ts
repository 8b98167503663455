/**
 * The playground's web server (node:http): the shell page and its bundle, SLDS assets, and the JSON API the
 * browser's platform modules call — Apex (@AuraEnabled methods on the local org), records (read by SOQL, written by
 * DML so triggers run) and the QuickBooks emulator's companies.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { invoicePdf } from '../../../qbo-emulator/src';
import { createPayment } from '../../../qbo-emulator/src/domain/payments';
import { QboFault } from '../../../qbo-emulator/src/faults/qbo-fault';
import { CREDENTIAL_REALMS, type Environment } from '../environment';
import { AUTH_CALLBACK_PATH, NamedCredentialAuthentication } from './named-credential-authentication';
import type { FieldDescribe, ObjectDescribe } from '../org/org-protocol';
import { newOpportunityProblem, newOpportunitySource, type NewOpportunity } from '../org/apex-source';

const SLDS_DIR = path.resolve(
    __dirname,
    '..',
    '..',
    '..',
    '..',
    'node_modules',
    '@salesforce-ux',
    'design-system',
    'assets'
);
const ID = /^[a-zA-Z0-9]{15,18}$/;
/** The cookie the shell sets with the user it acts as (client/platform/apex.ts). */
const USER_COOKIE = 'qb-playground-user';
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

const TYPES: Record<string, string> = {
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.png': 'image/png',
    '.js': 'text/javascript'
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>QuickBooks Sync — local playground</title>
<link rel="stylesheet" href="/slds/styles/salesforce-lightning-design-system.min.css">
<style>html,body{background:#f3f3f3} .slds-global-header_container{position:static} .qb-path__nav{overflow-x:auto;padding-bottom:.25rem} .qb-path__nav .slds-path__item:not(.slds-is-complete){flex:1 0 auto} .qb-path__nav .slds-path__item.slds-is-complete{min-width:2.5rem} .qb-nav{overflow-x:auto;white-space:nowrap} @media (max-width:900px){.qb-nav .slds-context-bar__label-action{padding:0 .5rem}.slds-context-bar__app-name{padding-right:.5rem}} .slds-notify_toast{position:fixed;top:1rem;left:50%;transform:translateX(-50%);z-index:9000}</style>
</head>
<body>
<div id="app"></div>
<script>window.__playground = __BOOTSTRAP__;</script>
<script src="/assets/app.js"></script>
</body>
</html>`;

function send(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
            try {
                const text = Buffer.concat(chunks).toString('utf8');
                resolve(text ? JSON.parse(text) : {});
            } catch (e) {
                reject(e);
            }
        });
        req.on('error', reject);
    });
}

interface UiFieldValue {
    value: unknown;
    displayValue: string | null;
}

interface UiRecordShape {
    apiName: string;
    id: string | null;
    fields: Record<string, UiFieldValue>;
}

/** Whether a field path names a field of the object: `Name`, or `Account.Name` through the lookup `AccountId`. */
function knownField(describe: ObjectDescribe, fieldPath: string): boolean {
    const names = new Set(describe.fields.map((f) => f.name.toLowerCase()));
    const [first, ...rest] = fieldPath.split('.');
    if (!rest.length) return names.has(first.toLowerCase());
    const lookup = first.endsWith('__r') ? `${first.slice(0, -3)}__c` : `${first}Id`;
    return names.has(lookup.toLowerCase());
}

/** The running user's locale (BCP 47, from User.LocaleSidKey) and time zone: Lightning formats values in them. */
export interface UserLocale {
    locale: string;
    timeZone: string;
}

/**
 * A field's displayValue as User Interface API gives it: a picklist's label; a currency, date or date/time formatted
 * in the user's locale (https://developer.salesforce.com/docs/atlas.en-us.uiapi.meta/uiapi/ui_api_responses_field_value.htm;
 * en_US: "$350,000,000", "7/13/2019", "6/17/2015 3:17 PM"); a multi-currency org names the currency (USD 6,600.00).
 */
function displayValue(
    field: FieldDescribe | undefined,
    value: unknown,
    currency: string | null,
    user: UserLocale
): string | null {
    if (!field || value === null || value === undefined) return null;
    if (field.type === 'Picklist') return field.picklistValues.find((v) => v.value === value)?.label ?? null;
    if (field.type === 'Currency' && typeof value === 'number' && currency)
        return new Intl.NumberFormat(user.locale, {
            style: 'currency',
            currency,
            currencyDisplay: 'code',
            minimumFractionDigits: 2
        }).format(value);
    if (field.type === 'Date' && typeof value === 'string')
        return new Intl.DateTimeFormat(user.locale, {
            timeZone: 'UTC',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric'
        }).format(new Date(`${value}T00:00:00Z`));
    if (field.type === 'DateTime' && typeof value === 'string')
        return new Intl.DateTimeFormat(user.locale, {
            timeZone: user.timeZone,
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: '2-digit'
        })
            .format(new Date(value))
            .replace(', ', ' ');
    return null;
}

/**
 * A row as User Interface API returns a record: every field `{ value, displayValue }`, a relationship's value a
 * nested record (its displayValue the related record's name).
 */
function uiRecord(
    apiName: string,
    row: Record<string, unknown>,
    describe: ObjectDescribe | null,
    user: UserLocale
): UiRecordShape {
    const fields: Record<string, UiFieldValue> = {};
    for (const [key, value] of Object.entries(row)) {
        if (key === 'attributes') continue;
        if (value && typeof value === 'object' && !Array.isArray(value)) {
            const nested = value as Record<string, unknown>;
            const type = (nested.attributes as { type?: string } | undefined)?.type ?? key;
            const record = uiRecord(type, nested, null, user);
            const name = record.fields.Name?.value ?? record.fields.DeveloperName?.value ?? null;
            fields[key] = { value: record, displayValue: name === null ? null : String(name) };
            continue;
        }
        const field = describe?.fields.find((f) => f.name === key);
        const currency = typeof row.CurrencyIsoCode === 'string' ? row.CurrencyIsoCode : null;
        fields[key] = { value, displayValue: displayValue(field, value, currency, user) };
    }
    return { apiName, id: typeof row.Id === 'string' ? row.Id : null, fields };
}

/** The server answers as soon as it listens; the API waits (503) until the org and the emulator are up. */
export function createPlaygroundServer(
    environment: () => Environment | null,
    bundle: () => string,
    bootstrap: () => { customPermissions: string[] } & UserLocale
): http.Server {
    const describes = new Map<string, Promise<ObjectDescribe>>();
    /** An object's describe, read once: the org's schema does not change while it runs. */
    function describeOf(objectName: string): Promise<ObjectDescribe> {
        const env = environment()!;
        if (!describes.has(objectName)) describes.set(objectName, env.org.describe(objectName));
        return describes.get(objectName)!;
    }

    async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
        const env = environment();
        if (!env) return send(res, 503, { message: 'The playground is still starting (loading the org, seeding).' });
        const { org, emulator } = env;
        const parts = url.pathname.split('/').filter(Boolean).slice(1);
        if (parts[0] === 'clock' && parts.length === 1 && req.method === 'GET') {
            // the org's simulated clock: it runs fast while a delayed job (a retry's back-off) waits
            const fast = org.fastForward;
            return send(res, 200, {
                now: org.now(),
                speed: fast ? fast.speed : 1,
                until: fast ? fast.until : null
            });
        }
        if (parts[0] === 'apex' && parts.length === 3 && req.method === 'POST') {
            const params = (await readBody(req)) as Record<string, unknown>;
            const asUsername = String(req.headers['x-playground-user'] ?? '') || undefined;
            const r = await org.request({ op: 'aura', className: parts[1], methodName: parts[2], params, asUsername });
            if (r.ok) return send(res, 200, r.value);
            return send(res, 500, {
                message: r.error!.message,
                exceptionType: r.error!.exceptionType,
                stackTrace: r.error!.where ?? null
            });
        }
        if (parts[0] === 'record' && parts.length === 2 && ID.test(parts[1])) {
            // the record page loads and saves as the chosen user: a record they may not read is not found
            const asUsername = String(req.headers['x-playground-user'] ?? '') || undefined;
            if (req.method === 'GET') {
                // getRecord: an unknown field in `fields` is an error, one in `optionalFields` is left out
                const describe = await describeOf('Opportunity');
                const list = (name: string) =>
                    (url.searchParams.get(name) ?? '').split(',').filter((f) => f && FIELD.test(f));
                const unknown = list('fields').filter((f) => !knownField(describe, f));
                if (unknown.length)
                    return send(res, 400, { message: `No such column '${unknown[0]}' on entity 'Opportunity'` });
                const optional = list('optionalFields').filter((f) => knownField(describe, f));
                const r = await org.request({
                    op: 'getRecord',
                    objectName: 'Opportunity',
                    id: parts[1],
                    // the record's currency formats its currency fields, asked for or not
                    fields: [...new Set(['Id', 'CurrencyIsoCode', ...list('fields'), ...optional])],
                    asUsername
                });
                if (!r.ok) return send(res, 400, { message: r.error!.message });
                if (!r.value) return send(res, 404, { message: 'The requested resource does not exist' });
                const record = uiRecord('Opportunity', r.value as Record<string, unknown>, describe, bootstrap());
                if (![...list('fields'), ...optional].includes('CurrencyIsoCode')) delete record.fields.CurrencyIsoCode;
                return send(res, 200, record);
            }
            if (req.method === 'PATCH') {
                const fields = (await readBody(req)) as Record<string, unknown>;
                for (const key of Object.keys(fields))
                    if (!FIELD.test(key)) return send(res, 400, { message: `Bad field ${key}` });
                const r = await org.request({
                    op: 'updateRecord',
                    objectName: 'Opportunity',
                    fields: { ...fields, Id: parts[1] },
                    asUsername
                });
                if (!r.ok) return send(res, 400, { message: r.error!.message, exceptionType: r.error!.exceptionType });
                return send(res, 200, { id: parts[1], asyncErrors: r.asyncErrors ?? [] });
            }
        }
        if (parts[0] === 'new-opportunity' && parts.length === 1 && req.method === 'GET') {
            // what the New opportunity form offers: the accounts and the products of the custom price book
            const [accounts, entries] = await Promise.all([
                org.query('SELECT Id, Name FROM Account ORDER BY Name'),
                org.query(
                    'SELECT Id, Product2.Name, Product2.ProductCode, UnitPrice, CurrencyIsoCode FROM PricebookEntry WHERE IsActive = true AND Pricebook2.IsStandard = false ORDER BY Product2.Name'
                )
            ]);
            return send(res, 200, { accounts, entries });
        }
        if (parts[0] === 'opportunities' && parts.length === 1 && req.method === 'POST') {
            const input = (await readBody(req)) as NewOpportunity;
            const problem = newOpportunityProblem(input);
            if (problem) return send(res, 400, { message: problem });
            const r = await org.request({ op: 'exec', source: newOpportunitySource(input) });
            if (!r.ok) return send(res, 400, { message: r.error!.message });
            return send(res, 201, r.value);
        }
        if (parts[0] === 'opportunities' && req.method === 'GET') {
            // the list view as the chosen user sees it: their records (sharing) and fields (user mode)
            const asUsername = String(req.headers['x-playground-user'] ?? '') || undefined;
            const rows = await org.query(
                'SELECT Id, Name, Account.Name, StageName, Amount, CurrencyIsoCode, QB_Sync_Status__c, QB_DocNumber__c FROM Opportunity WITH USER_MODE ORDER BY CloseDate, Name',
                asUsername
            );
            return send(res, 200, rows);
        }
        if (parts[0] === 'files' && parts.length === 1 && req.method === 'GET') {
            // a record's Files related list, as the chosen user sees it
            const recordId = url.searchParams.get('recordId') ?? '';
            if (!ID.test(recordId)) return send(res, 400, { message: 'recordId must be a record Id' });
            const asUsername = String(req.headers['x-playground-user'] ?? '') || undefined;
            const rows = await org.query(
                `SELECT ContentDocumentId, ContentDocument.Title, ContentDocument.FileExtension, ContentDocument.ContentSize FROM ContentDocumentLink WHERE LinkedEntityId = '${recordId}' WITH USER_MODE`,
                asUsername
            );
            return send(res, 200, rows);
        }
        if (parts[0] === 'describe' && parts.length === 2 && FIELD.test(parts[1])) {
            return send(res, 200, await describeOf(parts[1]));
        }
        if (parts[0] === 'qbo' && parts.length === 1 && req.method === 'GET') {
            const realms = emulator.admin.realmIds().map((realmId) => {
                const snapshot = emulator.admin.snapshot(realmId);
                return {
                    realmId,
                    companyName: snapshot.settings.companyName,
                    customers: snapshot.entities.Customer ?? [],
                    invoices: snapshot.entities.Invoice ?? []
                };
            });
            return send(res, 200, realms);
        }
        if (parts[0] === 'qbo' && parts[1] === 'invoice' && parts.length <= 3 && req.method === 'GET') {
            // an invoice as QuickBooks shows it, found by realm or, for the QuickBooks app's own links, by the
            // environment its host names (one company per environment in this org's setup)
            const txnId = url.searchParams.get('txnId') ?? '';
            let realmId = url.searchParams.get('realm') ?? '';
            const environment = url.searchParams.get('environment') ?? '';
            if (!/^\d+$/.test(txnId)) return send(res, 400, { message: 'txnId must be a QuickBooks invoice id' });
            if (!realmId && /^(Sandbox|Production)$/.test(environment)) {
                const companies = await org.query<{ Realm_Id__c: string }>(
                    `SELECT Realm_Id__c FROM QB_Company__mdt WHERE Environment__c = '${environment}'`
                );
                realmId = companies[0]?.Realm_Id__c ?? '';
            }
            if (!emulator.admin.realmIds().includes(realmId))
                return send(res, 404, { message: `No QuickBooks company ${realmId || environment}` });
            const snapshot = emulator.admin.snapshot(realmId);
            const invoice = (snapshot.entities.Invoice ?? []).find((i) => i.Id === txnId);
            if (!invoice) return send(res, 404, { message: `No invoice ${txnId} in ${snapshot.settings.companyName}` });
            if (url.pathname.endsWith('/pdf')) {
                res.writeHead(200, { 'Content-Type': 'application/pdf', 'Cache-Control': 'no-store' });
                res.end(invoicePdf(invoice, snapshot.settings.companyName));
                return;
            }
            const payments = (snapshot.entities.Payment ?? []).filter((p) =>
                ((p.Line ?? []) as { LinkedTxn?: { TxnId: string; TxnType: string }[] }[]).some((line) =>
                    (line.LinkedTxn ?? []).some((t) => t.TxnType === 'Invoice' && t.TxnId === txnId)
                )
            );
            const deals = await org.query<{ Id: string; Name: string }>(
                `SELECT Id, Name FROM Opportunity WHERE QB_Invoice_Id__c = '${txnId}' AND QB_Realm__c = '${realmId}'`
            );
            return send(res, 200, {
                realmId,
                companyName: snapshot.settings.companyName,
                invoice,
                payments,
                opportunity: deals[0] ? { Id: deals[0].Id, Name: deals[0].Name } : null
            });
        }
        if (parts[0] === 'qbo' && parts[1] === 'payment' && parts.length === 2 && req.method === 'POST') {
            // a payment received in QuickBooks against one invoice, as its Receive payment form records it
            const { realmId, txnId, amount } = (await readBody(req)) as {
                realmId: string;
                txnId: string;
                amount: number;
            };
            if (!emulator.admin.realmIds().includes(String(realmId)))
                return send(res, 404, { message: `No QuickBooks company ${realmId}` });
            const invoice = (emulator.admin.snapshot(realmId).entities.Invoice ?? []).find((i) => i.Id === txnId);
            if (!invoice) return send(res, 404, { message: `No invoice ${txnId}` });
            if (typeof amount !== 'number' || !(amount > 0))
                return send(res, 400, { message: 'Enter an amount greater than zero.' });
            try {
                const payment = createPayment(emulator.admin.realm(realmId), {
                    CustomerRef: { value: invoice.CustomerRef.value },
                    TotalAmt: amount,
                    Line: [{ Amount: amount, LinkedTxn: [{ TxnId: txnId, TxnType: 'Invoice' }] }]
                });
                return send(res, 200, payment);
            } catch (e) {
                if (e instanceof QboFault)
                    return send(res, 400, { message: e.errors[0]?.Detail || e.errors[0]?.Message || e.message });
                throw e;
            }
        }
        if (parts[0] === 'setup' && parts[1] === 'named-credentials' && parts.length === 2 && req.method === 'GET') {
            // Setup › Named Credentials: the package's QuickBooks credentials (force-app/main/configuration) and the
            // company each reaches in this org; one External Credential, QB_QuickBooks, with one named principal
            return send(
                res,
                200,
                Object.entries(CREDENTIAL_REALMS).map(([name, realmId]) => ({
                    name,
                    externalCredential: 'QB_QuickBooks',
                    principal: 'QuickBooks_Company_1',
                    realmId
                }))
            );
        }
        if (parts[0] === 'exec' && req.method === 'POST') {
            const { source } = (await readBody(req)) as { source: string };
            return send(res, 200, await org.request({ op: 'exec', source: String(source) }));
        }
        send(res, 404, { message: `No playground API ${req.method} ${url.pathname}` });
    }

    /** Salesforce's file download address: the latest version of a file the user may see, shown in the browser. */
    async function downloadFile(res: http.ServerResponse, documentId: string, asUsername?: string): Promise<void> {
        const env = environment();
        if (!env) return send(res, 503, { message: 'The playground is still starting (loading the org, seeding).' });
        const [version] = await env.org.query<{ Title: string; FileExtension: string | null; VersionData: string }>(
            `SELECT Title, FileExtension, VersionData FROM ContentVersion WHERE ContentDocumentId = '${documentId}' AND IsLatest = true WITH USER_MODE`,
            asUsername
        );
        if (!version) return send(res, 404, { message: 'The file does not exist or you cannot see it.' });
        const extension = version.FileExtension ?? '';
        const fileName = `${version.Title}${extension ? `.${extension}` : ''}`.replace(/["\\\r\n]/g, '');
        res.writeHead(200, {
            'Content-Type': extension === 'pdf' ? 'application/pdf' : 'application/octet-stream',
            'Content-Disposition': `inline; filename="${fileName}"`,
            'Cache-Control': 'no-store'
        });
        res.end(Buffer.from(version.VersionData, 'base64'));
    }

    const authentication = new NamedCredentialAuthentication(environment);
    function redirect(res: http.ServerResponse, location: string): void {
        res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
        res.end();
    }

    return http.createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://playground');
        const handle = async () => {
            const origin = `http://${req.headers.host ?? 'localhost'}`;
            if (url.pathname === '/setup/named-credentials/authenticate' && req.method === 'GET')
                return redirect(res, authentication.start(url.searchParams.get('namedCredential') ?? '', origin));
            if (url.pathname === AUTH_CALLBACK_PATH && req.method === 'GET')
                return redirect(res, await authentication.finish(url, origin));
            if (url.pathname.startsWith('/api/')) return api(req, res, url);
            if (url.pathname === '/assets/app.js') {
                res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
                return res.end(bundle());
            }
            if (
                url.pathname.startsWith('/slds/') ||
                url.pathname.startsWith('/assets/icons/') ||
                url.pathname.startsWith('/assets/fonts/') ||
                url.pathname.startsWith('/assets/images/')
            ) {
                const relative = url.pathname.replace(/^\/(slds|assets)\//, '');
                const file = path.resolve(SLDS_DIR, relative);
                if (!file.startsWith(SLDS_DIR) || !fs.existsSync(file) || !fs.statSync(file).isFile())
                    return send(res, 404, { message: 'Not found' });
                res.writeHead(200, {
                    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
                    'Cache-Control': 'max-age=3600'
                });
                return fs.createReadStream(file).pipe(res);
            }
            const download = /^\/sfc\/servlet\.shepherd\/document\/download\/([a-zA-Z0-9]{15,18})$/.exec(url.pathname);
            if (download) return downloadFile(res, download[1], userFromCookie(req));
            if (url.pathname === '/favicon.ico') {
                res.writeHead(204);
                return res.end();
            }
            res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
            res.end(PAGE.replace('__BOOTSTRAP__', JSON.stringify(bootstrap()).replace(/</g, '\\u003c')));
        };
        handle().catch((e) => send(res, 500, { message: (e as Error).message }));
    });
}

/** The user the shell acts as, from the cookie it sets (a download is a plain navigation, without its header). */
function userFromCookie(req: http.IncomingMessage): string | undefined {
    for (const part of String(req.headers.cookie ?? '').split(';')) {
        const [name, value] = part.trim().split('=');
        if (name === USER_COOKIE && value) return decodeURIComponent(value);
    }
    return undefined;
}

/** Listens, turning "port in use" into a sentence that says what to do. */
export function listen(server: http.Server, port: number, host: string, what: string): Promise<number> {
    return new Promise((resolve, reject) => {
        server.once('error', (e: NodeJS.ErrnoException) => {
            if (e.code === 'EADDRINUSE')
                reject(
                    new Error(
                        `Port ${port} (${what}) is already in use. Stop what is using it, or choose another port: npm start -- --port <n> (or PLAYGROUND_PORT=<n>).`
                    )
                );
            else reject(e);
        });
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
    });
}
