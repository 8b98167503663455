/// <reference lib="dom" />
/**
 * The Lightning-like shell: app navigation, an Opportunity list and record page (fields, stage path, the package's
 * qbSyncPanel and compact qbSyncLogViewer), the package's tabs, and a QuickBooks pane read from the emulator.
 * Everything on screen that is not a package component is drawn here with SLDS classes.
 *
 * Components render in synthetic shadow, as Lightning Experience renders them ("Lightning Experience and Experience
 * Builder sites use synthetic shadow by default": https://developer.salesforce.com/docs/platform/lwc/guide/create-dom-synthetic.html),
 * so the page's SLDS stylesheet styles the markup inside them, base components included. The polyfill must load
 * before the engine.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import QbSyncPanel from 'c/qbSyncPanel';
import QbItemMappingEditor from 'c/qbItemMappingEditor';
import QbSyncLogViewer from 'c/qbSyncLogViewer';
import QbConnections from 'c/qbConnections';
import { getFieldDisplayValue, getFieldValue, getRecord, updateRecord, type UiRecord } from './platform/uiRecordApi';
import QbPendingApprovals from 'c/qbPendingApprovals';
import { currentUser, setCurrentUser, USERS } from './platform/apex';

const NAV = [
    { label: 'Opportunities', href: '/lightning/o/Opportunity/list' },
    { label: 'Pending Approvals', href: '/lightning/n/QB_Pending_Approvals' },
    { label: 'Item Mapping', href: '/lightning/n/QB_Item_Mapping' },
    { label: 'Sync Log', href: '/lightning/n/QB_Sync_Log' },
    { label: 'Connections', href: '/lightning/n/QB_Connections' },
    { label: 'QuickBooks', href: '/quickbooks' }
];

const RECORD_FIELDS = [
    'Name',
    'Account.Name',
    'StageName',
    'CloseDate',
    'Amount',
    'CurrencyIsoCode',
    'RecordType.Name',
    'QB_Sync_Status__c',
    'QB_Invoice_Id__c',
    'QB_DocNumber__c',
    'QB_Realm__c',
    'QB_Synced_Amount__c',
    'QB_Invoice_Subtotal__c',
    'QB_Invoice_Tax__c',
    'QB_Invoice_Total__c',
    'QB_Invoice_Balance__c',
    'QB_Payment_Status__c',
    'QB_Last_Synced_At__c',
    'QB_Last_Error__c'
];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
}

async function getJson<T>(url: string): Promise<T> {
    const response = await fetch(url, { headers: { 'X-Playground-User': currentUser() } });
    const payload = (await response.json()) as { message?: string };
    if (!response.ok) throw new Error(payload.message ?? response.statusText);
    return payload as T;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
    const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
    });
    const payload = (await response.json()) as { message?: string };
    if (!response.ok) throw new Error(payload.message ?? response.statusText);
    return payload as T;
}

function card(title: string): { root: HTMLElement; body: HTMLElement } {
    const root = el('article', 'slds-card slds-m-bottom_medium');
    const header = el('div', 'slds-card__header slds-grid');
    header.append(el('h2', 'slds-card__header-title slds-text-heading_small', title));
    const body = el('div', 'slds-card__body slds-card__body_inner');
    root.append(header, body);
    return { root, body };
}

function table(headers: string[], rows: (string | HTMLElement)[][]): HTMLTableElement {
    const t = el('table', 'slds-table slds-table_bordered slds-table_cell-buffer');
    const head = el('thead');
    const hr = el('tr', 'slds-line-height_reset');
    for (const h of headers) hr.append(el('th', '', h));
    head.append(hr);
    const body = el('tbody');
    for (const r of rows) {
        const tr = el('tr');
        for (const c of r) {
            const td = el('td', 'slds-cell-wrap');
            if (typeof c === 'string') td.textContent = c;
            else td.append(c);
            tr.append(td);
        }
        body.append(tr);
    }
    t.append(head, body);
    return t;
}

function link(text: string, href: string): HTMLAnchorElement {
    const a = el('a', '', text);
    a.href = href;
    return a;
}

function renderNav(): HTMLElement {
    const header = el('header', 'slds-global-header_container');
    const bar = el('div', 'slds-context-bar');
    const primary = el('div', 'slds-context-bar__primary');
    primary.append(el('span', 'slds-context-bar__label-action slds-context-bar__app-name', 'QuickBooks Sync'));
    const nav = el('nav', 'slds-context-bar__secondary');
    nav.setAttribute('aria-label', 'QuickBooks Sync');
    const list = el('ul', 'slds-grid');
    for (const item of NAV) {
        const section = item.href.startsWith('/lightning/o/Opportunity') ? '/lightning/' : item.href;
        const here = window.location.pathname;
        const active =
            section === '/lightning/'
                ? here === '/' || here.startsWith('/lightning/o/') || here.startsWith('/lightning/r/')
                : here.startsWith(section);
        const li = el('li', `slds-context-bar__item${active ? ' slds-is-active' : ''}`);
        const a = link(item.label, item.href);
        a.className = 'slds-context-bar__label-action';
        if (active) a.setAttribute('aria-current', 'page');
        li.append(a);
        list.append(li);
    }
    nav.append(list);
    bar.append(primary, nav);
    // one line of tabs, as Lightning keeps its navigation bar; at narrow widths the tabs close up (qb-nav styles)
    nav.classList.add('qb-nav');
    header.append(userMenu(), bar);
    return header;
}

/** The user's locale and time zone, as the server bootstrapped them (Lightning formats values in them). */
const USER = (window as unknown as { __playground: { locale: string; timeZone: string } }).__playground;

/** An amount as Lightning shows a currency field in a multi-currency org: `USD 6,600.00`. */
function formatAmount(amount: unknown, currency: unknown): string {
    if (typeof amount !== 'number' || typeof currency !== 'string') return '';
    return new Intl.NumberFormat(USER.locale, {
        style: 'currency',
        currency,
        currencyDisplay: 'code',
        minimumFractionDigits: 2
    }).format(amount);
}

/** Who the Lightning calls run as: the admin who owns the seeded deals, or the finance approver. */
function userMenu(): HTMLElement {
    const box = el(
        'div',
        'slds-grid slds-wrap slds-grid_align-end slds-grid_vertical-align-center slds-p-horizontal_medium slds-p-vertical_xx-small slds-theme_default slds-text-body_small'
    );
    const label = el('label', 'slds-m-right_x-small', 'Logged in as');
    label.htmlFor = 'playground-user';
    const select = el('select', 'slds-select');
    select.id = 'playground-user';
    select.style.width = 'auto';
    for (const user of USERS) {
        const option = el('option', '', user.label);
        option.value = user.username;
        option.selected = user.username === currentUser();
        select.append(option);
    }
    select.addEventListener('change', () => {
        setCurrentUser(select.value);
        window.location.reload();
    });
    // the clock (with its speed badge) and the user menu each stay on one line; at a narrow width they stack
    const user = el('div', 'slds-grid slds-grid_vertical-align-center');
    user.append(label, select);
    box.append(playgroundClock(), user);
    return box;
}

/**
 * The org's simulated clock, in the user's time zone. While a delayed job waits (a retry's back-off of minutes) the
 * org's clock runs fast, and the badge says so: the waits play out in seconds instead of minutes.
 */
function playgroundClock(): HTMLElement {
    const box = el('div', 'slds-grid slds-grid_vertical-align-center slds-m-right_medium');
    box.style.whiteSpace = 'nowrap';
    box.dataset.id = 'playground-clock';
    const time = el('span', '');
    const badge = el('span', 'slds-badge slds-theme_warning slds-m-left_x-small');
    // SLDS gives a badge its own display, so hiding it takes display: none, not the hidden attribute
    badge.style.display = 'none';
    box.append(el('span', 'slds-text-color_weak slds-m-right_xx-small', 'Playground clock'), time, badge);
    const format = (epochMs: number, seconds: boolean) =>
        new Intl.DateTimeFormat(USER.locale, {
            timeZone: USER.timeZone,
            month: 'short',
            day: 'numeric',
            hour: 'numeric',
            minute: '2-digit',
            second: seconds ? '2-digit' : undefined
        }).format(epochMs);
    // Lightning Data Service is not told when a background job changes a record: as in Lightning, the page's wires
    // follow only changes made through Lightning Data Service and a component's own notifyRecordUpdateAvailable
    const tick = async () => {
        try {
            const clock = await getJson<{ now: number; speed: number; until: number | null }>('/api/clock');
            time.textContent = format(clock.now, true);
            badge.style.display = clock.speed > 1 ? '' : 'none';
            if (clock.speed > 1 && clock.until)
                badge.textContent = `Running ${clock.speed}× until the next sync job at ${format(clock.until, false)}`;
        } catch {
            time.textContent = '—';
        }
    };
    void tick();
    setInterval(() => void tick(), 1000);
    return box;
}

async function opportunityList(main: HTMLElement): Promise<void> {
    const rows = await getJson<Record<string, unknown>[]>('/api/opportunities');
    const { root, body } = card('Opportunities');
    const newButton = el('button', 'slds-button slds-button_neutral slds-m-bottom_small', 'New opportunity');
    const formHolder = el('div');
    newButton.addEventListener('click', async () => {
        newButton.disabled = true;
        formHolder.replaceChildren(await newOpportunityForm());
        formHolder.querySelector<HTMLInputElement>('input')?.focus();
    });
    body.append(newButton, formHolder);
    body.append(
        table(
            ['Opportunity', 'Account', 'Stage', 'Amount', 'QuickBooks status', 'Invoice #'],
            rows.map((r) => [
                link(String(r.Name), `/lightning/r/Opportunity/${r.Id}/view`),
                String((r.Account as { Name?: string } | undefined)?.Name ?? ''),
                String(r.StageName),
                formatAmount(r.Amount, r.CurrencyIsoCode),
                String(r.QB_Sync_Status__c ?? '').replace(/_/g, ' '),
                String(r.QB_DocNumber__c ?? '')
            ])
        )
    );
    main.append(root);
}

interface NewOpportunityOptions {
    accounts: { Id: string; Name: string }[];
    entries: {
        Id: string;
        Product2: { Name: string; ProductCode?: string };
        UnitPrice: number;
        CurrencyIsoCode: string;
    }[];
}

function formElement(label: string, control: HTMLElement): HTMLElement {
    const box = el('div', 'slds-form-element slds-m-bottom_x-small');
    const id = `new-opportunity-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`;
    control.id = id;
    const caption = el('label', 'slds-form-element__label', label);
    caption.htmlFor = id;
    const wrap = el('div', 'slds-form-element__control');
    wrap.append(control);
    box.append(caption, wrap);
    return box;
}

/**
 * A new deal with products, so a visitor can try their own data: name, account, company (by currency), close date
 * and a quantity per product of the custom price book. It is created in Prospecting with ordinary DML; win it on
 * its page's path.
 */
async function newOpportunityForm(): Promise<HTMLElement> {
    const options = await getJson<NewOpportunityOptions>('/api/new-opportunity');
    const form = el('form', 'slds-box slds-m-bottom_medium');
    form.dataset.id = 'new-opportunity';
    form.append(el('h2', 'slds-text-heading_small slds-m-bottom_small', 'New opportunity'));
    const name = el('input', 'slds-input');
    name.required = true;
    const account = el('select', 'slds-select');
    for (const a of options.accounts) account.append(Object.assign(el('option', '', a.Name), { value: a.Id }));
    const currency = el('select', 'slds-select');
    currency.append(
        Object.assign(el('option', '', 'USD — Acme US'), { value: 'USD' }),
        Object.assign(el('option', '', 'CAD — Acme Canada'), { value: 'CAD' })
    );
    const closeDate = el('input', 'slds-input');
    closeDate.type = 'date';
    closeDate.value = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
    const products = el('fieldset', 'slds-form-element slds-m-top_small');
    const renderProducts = () => {
        const legend = el('legend', 'slds-form-element__legend slds-form-element__label', 'Products');
        // SLDS floats a legend beside the first field; the products are listed under theirs
        legend.style.float = 'none';
        products.replaceChildren(legend);
        for (const entry of options.entries.filter((e) => e.CurrencyIsoCode === currency.value)) {
            const quantity = el('input', 'slds-input');
            quantity.type = 'number';
            quantity.min = '0';
            quantity.step = 'any';
            quantity.value = '0';
            quantity.dataset.entryId = entry.Id;
            quantity.style.width = '6rem';
            const label = `${entry.Product2.Name} (${formatAmount(entry.UnitPrice, entry.CurrencyIsoCode)})`;
            const row = formElement(`Quantity of ${label}`, quantity);
            row.classList.add('slds-form-element_horizontal');
            products.append(row);
        }
    };
    currency.addEventListener('change', renderProducts);
    renderProducts();
    const error = el('p', 'slds-text-color_error slds-m-top_x-small');
    error.setAttribute('role', 'alert');
    const save = el('button', 'slds-button slds-button_brand slds-m-top_small', 'Save');
    save.type = 'submit';
    form.append(
        formElement('Opportunity name', name),
        formElement('Account', account),
        formElement('Company (currency)', currency),
        formElement('Close date', closeDate),
        products,
        error,
        save
    );
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const lines = Array.from(products.querySelectorAll<HTMLInputElement>('input[data-entry-id]'))
            .map((input) => ({ pricebookEntryId: input.dataset.entryId!, quantity: Number(input.value) }))
            .filter((line) => line.quantity > 0);
        save.disabled = true;
        const response = await fetch('/api/opportunities', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
                name: name.value,
                accountId: account.value,
                currency: currency.value,
                closeDate: closeDate.value,
                lines
            })
        });
        const payload = (await response.json()) as { id?: string; message?: string };
        save.disabled = false;
        if (!response.ok || !payload.id) {
            error.textContent = payload.message ?? response.statusText;
            return;
        }
        window.location.href = `/lightning/r/Opportunity/${payload.id}/view`;
    });
    return form;
}

const ICONS = '/assets/icons/utility-sprite/svg/symbols.svg';

function utilityIcon(name: string): SVGSVGElement {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'slds-icon slds-icon_x-small');
    svg.setAttribute('aria-hidden', 'true');
    const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
    use.setAttribute('href', `${ICONS}#${name}`);
    svg.append(use);
    return svg;
}

/**
 * The SLDS path (https://www.lightningdesignsystem.com/components/path/): completed steps show a check mark, the
 * current one its name; on a narrow page the steps scroll sideways, the current one in view, so every stage stays
 * reachable.
 */
function stagePath(record: UiRecord, stages: string[], onChange: (stage: string) => void): HTMLElement {
    const current = String(getFieldValue(record, 'Opportunity.StageName') ?? '');
    const currentIndex = stages.indexOf(current);
    const path = el('div', 'slds-path slds-m-bottom_medium');
    const list = el('ul', 'slds-path__nav qb-path__nav');
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Stage');
    let currentItem: HTMLElement | null = null;
    stages.forEach((stage, i) => {
        const state =
            i < currentIndex
                ? 'slds-is-complete'
                : i === currentIndex
                  ? 'slds-is-current slds-is-active'
                  : 'slds-is-incomplete';
        const li = el('li', `slds-path__item ${state}`);
        li.setAttribute('role', 'presentation');
        const a = el('a', 'slds-path__link');
        a.href = '#';
        a.setAttribute('role', 'option');
        a.setAttribute('aria-selected', String(i === currentIndex));
        a.title = stage;
        a.dataset.stage = stage;
        const marker = el('span', 'slds-path__stage');
        if (i < currentIndex) marker.append(utilityIcon('check'));
        marker.append(
            el(
                'span',
                'slds-assistive-text',
                i < currentIndex ? 'Stage complete' : i === currentIndex ? 'Current stage:' : ''
            )
        );
        a.append(marker, el('span', 'slds-path__title', stage));
        a.addEventListener('click', (e) => {
            e.preventDefault();
            if (stage !== current) onChange(stage);
        });
        li.append(a);
        list.append(li);
        if (i === currentIndex) currentItem = li;
    });
    path.append(list);
    requestAnimationFrame(() => {
        const item = currentItem as HTMLElement | null;
        if (item) list.scrollLeft = item.offsetLeft - (list.clientWidth - item.offsetWidth) / 2;
    });
    return path;
}

function recordNotAvailable(): HTMLElement {
    const box = el('div', 'slds-box slds-theme_default slds-text-align_center slds-p-around_large');
    box.dataset.id = 'record-not-available';
    box.append(
        el('h1', 'slds-text-heading_medium slds-m-bottom_small', 'Record not available'),
        el('p', 'slds-text-color_weak', 'It may have been deleted, or you may not have access to it.')
    );
    document.title = 'Record not available';
    return box;
}

async function recordPage(main: HTMLElement, recordId: string): Promise<void> {
    const describe = await getJson<{
        fields: { name: string; label: string; picklistValues: { value: string; label: string }[] }[];
    }>('/api/describe/Opportunity');
    const fieldLabel = (name: string): string =>
        name === 'Account.Name'
            ? 'Account Name'
            : name === 'RecordType.Name'
              ? 'Opportunity Record Type'
              : (describe.fields.find((f) => f.name === name)?.label ?? name);
    const stages = describe.fields.find((f) => f.name === 'StageName')!.picklistValues.map((v) => v.value);
    const layout = el('div', 'slds-grid slds-gutters slds-wrap');
    const left = el('div', 'slds-col slds-size_1-of-1 slds-large-size_2-of-3');
    const right = el('div', 'slds-col slds-size_1-of-1 slds-large-size_1-of-3');
    const header = el('div', 'slds-page-header slds-m-bottom_medium');
    const title = el('h1', 'slds-page-header__title', 'Opportunity');
    header.append(el('p', 'slds-text-title_caps', 'Opportunity'), title);
    const pathHolder = el('div');
    const message = el('div', 'slds-m-bottom_small');
    message.setAttribute('role', 'status');
    const details = card('Details');
    left.append(header, pathHolder, message, details.root);

    // the record's fields come through Lightning Data Service, as a record page's do: a stage saved on the path, or
    // a component's notifyRecordUpdateAvailable, redraws them
    const draw = (record: UiRecord) => {
        title.textContent = String(getFieldValue(record, 'Opportunity.Name') ?? recordId);
        document.title = `${title.textContent} | Opportunity`;
        pathHolder.replaceChildren(
            stagePath(record, stages, async (stage) => {
                message.textContent = `Saving stage ${stage} …`;
                message.className = 'slds-m-bottom_small';
                try {
                    await updateRecord({ fields: { Id: recordId, StageName: stage } });
                    message.textContent = `Stage changed to ${stage}.`;
                } catch (e) {
                    message.textContent = (e as { body?: { message?: string } }).body?.message ?? String(e);
                    message.className = 'slds-m-bottom_small slds-text-color_error';
                }
            })
        );
        const grid = el('dl', 'slds-list_horizontal slds-wrap');
        for (const name of RECORD_FIELDS) {
            const field = `Opportunity.${name}`;
            const value = getFieldDisplayValue(record, field) ?? getFieldValue(record, field) ?? '';
            grid.append(el('dt', 'slds-item_label slds-text-color_weak slds-truncate', fieldLabel(name)));
            const dd = el('dd', 'slds-item_detail', String(value));
            dd.dataset.field = name;
            grid.append(dd);
        }
        details.body.replaceChildren(grid);
    };
    const found = await new Promise<boolean>((resolve, reject) => {
        const wire = new getRecord(({ data, error }) => {
            if (data) {
                draw(data as UiRecord);
                resolve(true);
            } else if ((error as { status?: number }).status === 404) resolve(false);
            else reject(new Error((error as { body?: { message?: string } }).body?.message ?? String(error)));
        });
        wire.update({ recordId, fields: RECORD_FIELDS.map((name) => `Opportunity.${name}`) });
        wire.connect();
    });
    if (!found) {
        // as Lightning: a record the user may not read (or that no longer exists) shows no data and no components
        main.append(recordNotAvailable());
        return;
    }

    // the Files related list: read again when a component asks the page to refresh (lightning/refresh)
    const files = card('Files');
    files.root.dataset.id = 'files';
    left.append(files.root);
    const loadFiles = async () => {
        const rows = await getJson<FileLink[]>(`/api/files?recordId=${encodeURIComponent(recordId)}`);
        if (!rows.length) {
            files.body.replaceChildren(el('p', 'slds-text-color_weak', 'No files.'));
            return;
        }
        const list = el('ul', 'slds-has-dividers_bottom-space');
        for (const row of rows) {
            const item = el('li', 'slds-item');
            const doc = row.ContentDocument;
            const a = link(doc.Title, `/sfc/servlet.shepherd/document/download/${row.ContentDocumentId}`);
            a.target = '_blank';
            const size = `${Math.max(1, Math.round(doc.ContentSize / 1024))} KB`;
            item.append(
                a,
                el(
                    'span',
                    'slds-text-body_small slds-text-color_weak slds-m-left_x-small',
                    `${size} • ${doc.FileExtension ?? ''}`
                )
            );
            list.append(item);
        }
        files.body.replaceChildren(list);
    };
    await loadFiles();
    layout.addEventListener('lightning__refresh', () => void loadFiles());

    const panel = createElement('c-qb-sync-panel', { is: QbSyncPanel });
    (panel as unknown as { recordId: string }).recordId = recordId;
    right.append(panel);
    const log = createElement('c-qb-sync-log-viewer', { is: QbSyncLogViewer });
    (log as unknown as { recordId: string }).recordId = recordId;
    const logCard = el('div', 'slds-m-top_medium');
    logCard.append(log);
    right.append(logCard);
    layout.append(left, right);
    main.append(layout);
}

interface FileLink {
    ContentDocumentId: string;
    ContentDocument: { Title: string; FileExtension: string | null; ContentSize: number };
}

interface QboPane {
    realmId: string;
    companyName: string;
    customers: { Id: string; DisplayName: string; Balance: number; CurrencyRef?: { value: string } }[];
    invoices: {
        Id: string;
        DocNumber: string;
        TxnDate: string;
        CustomerRef: { name?: string; value: string };
        TotalAmt: number;
        Balance: number;
        CurrencyRef?: { value: string };
        Line: { DetailType: string }[];
    }[];
}

async function quickBooksPane(main: HTMLElement): Promise<void> {
    const realms = await getJson<QboPane[]>('/api/qbo');
    for (const realm of realms) {
        const { root, body } = card(`${realm.companyName} — realm ${realm.realmId}`);
        root.dataset.realm = realm.realmId;
        body.append(el('h3', 'slds-text-heading_small slds-m-vertical_small', `Invoices (${realm.invoices.length})`));
        body.append(
            table(
                ['Invoice #', 'Id', 'Date', 'Customer', 'Lines', 'Total', 'Balance'],
                realm.invoices.map((i) => [
                    link(i.DocNumber, `/quickbooks/invoice?realm=${realm.realmId}&txnId=${i.Id}`),
                    i.Id,
                    i.TxnDate,
                    i.CustomerRef.name ?? i.CustomerRef.value,
                    String(i.Line.filter((l) => l.DetailType === 'SalesItemLineDetail').length),
                    formatAmount(i.TotalAmt, i.CurrencyRef?.value ?? 'USD'),
                    formatAmount(i.Balance, i.CurrencyRef?.value ?? 'USD')
                ])
            )
        );
        body.append(el('h3', 'slds-text-heading_small slds-m-vertical_small', `Customers (${realm.customers.length})`));
        body.append(
            table(
                ['Id', 'Display name', 'Currency', 'Balance'],
                realm.customers.map((c) => [
                    c.Id,
                    c.DisplayName,
                    c.CurrencyRef?.value ?? '',
                    formatAmount(c.Balance, c.CurrencyRef?.value ?? 'USD')
                ])
            )
        );
        main.append(root);
    }
}

interface InvoiceView {
    realmId: string;
    companyName: string;
    opportunity: { Id: string; Name: string } | null;
    invoice: {
        Id: string;
        DocNumber: string;
        TxnDate: string;
        DueDate?: string;
        CustomerRef: { name?: string; value: string };
        TotalAmt: number;
        Balance: number;
        CurrencyRef?: { value: string };
        TxnTaxDetail?: { TotalTax?: number };
        Line: {
            DetailType: string;
            Amount: number;
            Description?: string;
            SalesItemLineDetail?: { ItemRef?: { name?: string; value: string }; Qty?: number; UnitPrice?: number };
        }[];
    };
    payments: { Id: string; TxnDate: string; TotalAmt: number; PaymentRefNum?: string }[];
}

/** The emulator's invoice as QuickBooks shows it: lines, tax, total, balance, payments, its PDF, the deal it came from. */
async function invoiceView(main: HTMLElement, notice = ''): Promise<void> {
    const query = new URLSearchParams(window.location.search);
    const view = await getJson<InvoiceView>(`/api/qbo/invoice?${query}`);
    const { invoice } = view;
    const currency = invoice.CurrencyRef?.value ?? 'USD';
    const money = (amount: number | undefined) => formatAmount(amount ?? 0, currency);
    const { root, body } = card(`Invoice ${invoice.DocNumber} — ${view.companyName}`);
    root.dataset.invoice = invoice.Id;
    const facts = el('dl', 'slds-list_horizontal slds-wrap');
    const fact = (label: string, value: string | HTMLElement, name: string) => {
        facts.append(el('dt', 'slds-item_label slds-text-color_weak', label));
        const dd = el('dd', 'slds-item_detail');
        dd.dataset.field = name;
        dd.append(value);
        facts.append(dd);
    };
    fact('Customer', invoice.CustomerRef.name ?? invoice.CustomerRef.value, 'customer');
    fact('Invoice date', invoice.TxnDate, 'date');
    fact('Due date', invoice.DueDate ?? '', 'due');
    fact(
        'Status',
        invoice.Balance === 0 ? 'Paid' : invoice.Balance < invoice.TotalAmt ? 'Partially paid' : 'Open',
        'status'
    );
    if (view.opportunity)
        fact(
            'Opportunity',
            link(view.opportunity.Name, `/lightning/r/Opportunity/${view.opportunity.Id}/view`),
            'deal'
        );
    const pdf = link('Invoice PDF', `/api/qbo/invoice/pdf?realm=${view.realmId}&txnId=${invoice.Id}`);
    pdf.target = '_blank';
    fact('PDF', pdf, 'pdf');
    body.append(facts);
    const lines = invoice.Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
    body.append(el('h3', 'slds-text-heading_small slds-m-vertical_small', 'Products and services'));
    const scroll = el('div', 'slds-scrollable_x');
    scroll.append(
        table(
            ['Product/service', 'Description', 'Qty', 'Rate', 'Amount'],
            lines.map((l) => [
                l.SalesItemLineDetail?.ItemRef?.name ?? l.SalesItemLineDetail?.ItemRef?.value ?? '',
                l.Description ?? '',
                String(l.SalesItemLineDetail?.Qty ?? ''),
                money(l.SalesItemLineDetail?.UnitPrice),
                money(l.Amount)
            ])
        )
    );
    body.append(scroll);
    const totals = el('dl', 'slds-list_horizontal slds-wrap slds-m-top_small');
    const subtotal = lines.reduce((sum, l) => sum + l.Amount, 0);
    for (const [label, value, name] of [
        ['Subtotal', money(subtotal), 'subtotal'],
        ['Tax', money(invoice.TxnTaxDetail?.TotalTax), 'tax'],
        ['Total', money(invoice.TotalAmt), 'total'],
        ['Balance due', money(invoice.Balance), 'balance']
    ]) {
        totals.append(el('dt', 'slds-item_label slds-text-color_weak', label));
        const dd = el('dd', 'slds-item_detail', value);
        dd.dataset.field = name;
        totals.append(dd);
    }
    body.append(totals);
    body.append(el('h3', 'slds-text-heading_small slds-m-vertical_small', `Payments (${view.payments.length})`));
    body.append(
        view.payments.length
            ? table(
                  ['Date', 'Reference', 'Amount'],
                  view.payments.map((p) => [p.TxnDate, p.PaymentRefNum ?? '', money(p.TotalAmt)])
              )
            : el('p', 'slds-text-color_weak', 'No payments yet.')
    );
    if (invoice.Balance > 0) body.append(receivePayment(main, view));
    const status = el('p', 'slds-m-top_small', notice);
    status.setAttribute('role', 'status');
    status.dataset.id = 'payment-notice';
    body.append(status);
    main.append(root);
}

/** QuickBooks' Receive payment, for one invoice: the amount received (the open balance unless changed). */
function receivePayment(main: HTMLElement, view: InvoiceView): HTMLFormElement {
    const form = el('form', 'slds-form slds-m-top_small');
    form.dataset.id = 'receive-payment';
    const field = el('div', 'slds-form-element');
    const label = el('label', 'slds-form-element__label', 'Amount received');
    label.htmlFor = 'payment-amount';
    const control = el('div', 'slds-form-element__control slds-grid slds-grid_vertical-align-center');
    const input = el('input', 'slds-input');
    input.id = 'payment-amount';
    input.type = 'number';
    input.step = '0.01';
    input.min = '0.01';
    input.value = String(view.invoice.Balance);
    input.style.maxWidth = '12rem';
    const button = el('button', 'slds-button slds-button_brand slds-m-left_x-small', 'Record payment');
    button.type = 'submit';
    button.style.whiteSpace = 'nowrap';
    const error = el('p', 'slds-text-color_error slds-m-top_x-small');
    error.setAttribute('role', 'alert');
    control.append(input, button);
    field.append(label, control);
    form.append(field, error);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        button.disabled = true;
        postJson('/api/qbo/payment', { realmId: view.realmId, txnId: view.invoice.Id, amount: Number(input.value) })
            .then(() => {
                main.replaceChildren();
                return invoiceView(
                    main,
                    'Payment recorded in QuickBooks. The deal gets it at the next payment back-sync (the playground runs the background jobs every few seconds) and shows it when its page is next opened, or at once with Refresh from QuickBooks on its Sync panel.'
                );
            })
            .catch((e: Error) => {
                error.textContent = e.message;
                button.disabled = false;
            });
    });
    return form;
}

/** QuickBooks web app hosts: a link the package builds for an org opens the emulator's invoice view here. */
const QUICKBOOKS_APP_HOSTS: Record<string, string> = {
    'app.qbo.intuit.com': 'Production',
    'app.sandbox.qbo.intuit.com': 'Sandbox'
};

function openQuickBooksLinksHere(): void {
    document.addEventListener(
        'click',
        (event) => {
            const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
            if (!anchor?.href) return;
            const target = new URL(anchor.href);
            const environment = QUICKBOOKS_APP_HOSTS[target.host];
            const txnId = target.searchParams.get('txnId');
            if (!environment || target.pathname !== '/app/invoice' || !txnId) return;
            event.preventDefault();
            window.open(`/quickbooks/invoice?environment=${environment}&txnId=${encodeURIComponent(txnId)}`, '_blank');
        },
        true
    );
}

interface NamedCredentialRow {
    name: string;
    externalCredential: string;
    principal: string;
    realmId: string;
}

/**
 * Setup › Named Credentials, where Connections' "Authorize in Setup" and "Reconnect in Setup" lead: the package's
 * QuickBooks credentials, each with Authenticate (the OAuth browser flow against the QuickBooks emulator, see
 * src/server/named-credential-authentication.ts), and the outcome of the last Authenticate.
 */
async function namedCredentialsSetup(main: HTMLElement): Promise<void> {
    const rows = await getJson<NamedCredentialRow[]>('/api/setup/named-credentials');
    const params = new URLSearchParams(window.location.search);
    const { root, body } = card('Setup › Named Credentials');
    root.dataset.id = 'named-credentials-setup';
    const authenticated = params.get('authenticated');
    const error = params.get('error');
    if (authenticated || error) {
        const outcome = el(
            'div',
            `slds-notify slds-notify_alert slds-m-bottom_small ${error ? 'slds-alert_error' : 'slds-theme_success'}`,
            error ??
                `${authenticated} is authenticated (QuickBooks company ${params.get('realmId')}). Press Test connection on the Connections tab.`
        );
        outcome.setAttribute('role', error ? 'alert' : 'status');
        outcome.dataset.id = 'authentication-outcome';
        body.append(outcome);
    }
    // Authenticate next to the credential's name, in view at any width; a narrow window scrolls the rest sideways
    const list = el('div', 'slds-scrollable_x');
    body.append(list);
    list.append(
        table(
            ['Named Credential', '', 'External Credential', 'Principal', 'Realm ID'],
            rows.map((row) => {
                const authenticate = link(
                    'Authenticate',
                    `/setup/named-credentials/authenticate?namedCredential=${encodeURIComponent(row.name)}`
                );
                authenticate.className = 'slds-button slds-button_neutral';
                authenticate.setAttribute('aria-label', `Authenticate ${row.name}`);
                return [row.name, authenticate, row.externalCredential, row.principal, row.realmId];
            })
        )
    );
    const steps = el('div', 'slds-m-top_medium slds-text-longform');
    steps.append(el('h3', 'slds-text-heading_small', 'Authenticate'));
    const stepList = el('ol', 'slds-list_ordered');
    for (const text of [
        'In a Salesforce org: open the External Credentials tab, choose QB_QuickBooks, and under Principals choose Authenticate in the principal’s menu. Here: press Authenticate on the credential’s row.',
        'Sign in to QuickBooks as an admin of the company and choose it (here: the QuickBooks emulator’s consent page); the new tokens are stored for the credential.',
        'Back on the Connections tab, press Test connection.'
    ])
        stepList.append(el('li', '', text));
    steps.append(stepList, link('Back to Connections', '/lightning/n/QB_Connections'));
    body.append(steps);
    main.append(root);
}

function mount(main: HTMLElement, tag: string, ctor: unknown): void {
    main.append(createElement(tag, { is: ctor as never }));
}

async function route(main: HTMLElement): Promise<void> {
    const p = window.location.pathname;
    const record = /^\/lightning\/r\/Opportunity\/([a-zA-Z0-9]{15,18})\/view/.exec(p);
    if (record) return recordPage(main, record[1]);
    if (p.startsWith('/lightning/n/QB_Item_Mapping'))
        return mount(main, 'c-qb-item-mapping-editor', QbItemMappingEditor);
    if (p.startsWith('/lightning/n/QB_Sync_Log')) return mount(main, 'c-qb-sync-log-viewer', QbSyncLogViewer);
    if (p.startsWith('/lightning/n/QB_Connections')) return mount(main, 'c-qb-connections', QbConnections);
    if (p.startsWith('/lightning/setup/NamedCredential')) return namedCredentialsSetup(main);
    if (p.startsWith('/quickbooks/invoice')) return invoiceView(main);
    if (p.startsWith('/lightning/n/QB_Pending_Approvals'))
        return mount(main, 'c-qb-pending-approvals', QbPendingApprovals);
    if (p.startsWith('/quickbooks')) return quickBooksPane(main);
    return opportunityList(main);
}

function start(): void {
    const app = document.getElementById('app')!;
    const main = el('main', 'slds-p-around_medium');
    openQuickBooksLinksHere();
    setCurrentUser(currentUser());
    app.append(renderNav(), main);
    window.addEventListener('lightning__showtoast', (e) => {
        const detail = (e as CustomEvent).detail as { title: string; message: string };
        const toast = el('div', 'slds-notify slds-notify_toast', `${detail.title}: ${detail.message}`);
        toast.setAttribute('role', 'status');
        app.prepend(toast);
        setTimeout(() => toast.remove(), 5000);
    });
    route(main).catch((e) => {
        const error = el('div', 'slds-text-color_error', (e as Error).message);
        error.setAttribute('role', 'alert');
        main.append(error);
    });
}

start();
