import { Faults } from '../faults/catalog';
import { parseQboInstant } from '../qbo-time';
import { compareIds, type EntityName, type Json, type Realm } from '../store/realm';
import { preferencesFor } from '../store/seed';
import { parseQuery, type Condition, type Literal } from './parser';

const META = ['Id', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'];

/** Properties each entity can be filtered and sorted on (QBO rejects others with 4001). */
const QUERYABLE: Record<string, string[]> = {
    Customer: [
        ...META,
        'DisplayName',
        'GivenName',
        'MiddleName',
        'FamilyName',
        'CompanyName',
        'FullyQualifiedName',
        'PrimaryEmailAddr',
        'PrimaryPhone',
        'Active',
        'Balance',
        'Job',
        'Taxable',
        'CurrencyRef'
    ],
    Item: [...META, 'Name', 'FullyQualifiedName', 'Sku', 'Type', 'Active', 'Taxable', 'UnitPrice', 'QtyOnHand'],
    Invoice: [
        ...META,
        'DocNumber',
        'TxnDate',
        'DueDate',
        'CustomerRef',
        'TotalAmt',
        'Balance',
        'EmailStatus',
        'PrintStatus',
        'CurrencyRef',
        'SalesTermRef'
    ],
    Payment: [...META, 'TxnDate', 'CustomerRef', 'TotalAmt', 'UnappliedAmt', 'PaymentRefNum'],
    Account: [
        ...META,
        'Name',
        'FullyQualifiedName',
        'AccountType',
        'AccountSubType',
        'Classification',
        'Active',
        'CurrentBalance'
    ],
    TaxCode: [...META, 'Name', 'Active', 'Taxable', 'TaxGroup'],
    TaxRate: [...META, 'Name', 'Active', 'RateValue'],
    Term: [...META, 'Name', 'Active', 'Type', 'DueDays'],
    Attachable: [
        ...META,
        'FileName',
        'ContentType',
        'AttachableRef.EntityRef.Type',
        'AttachableRef.EntityRef.value',
        'Note',
        'Tag'
    ],
    CompanyInfo: [...META, 'CompanyName', 'Country'],
    Preferences: [...META]
};

const NAME_LISTS = new Set(['Customer', 'Item', 'Account', 'TaxCode', 'TaxRate', 'Term']);

export interface QueryOutcome {
    entity: string;
    body: Json;
}

/** The entities of the QuickBooks Online Accounting API reference (developer.intuit.com, API reference › Entities). */
const QBO_ENTITIES = [
    'Account',
    'Attachable',
    'Bill',
    'BillPayment',
    'Budget',
    'Class',
    'CompanyCurrency',
    'CompanyInfo',
    'CreditCardPayment',
    'CreditMemo',
    'Customer',
    'CustomerType',
    'Department',
    'Deposit',
    'Employee',
    'Estimate',
    'ExchangeRate',
    'Invoice',
    'Item',
    'JournalCode',
    'JournalEntry',
    'Payment',
    'PaymentMethod',
    'Preferences',
    'Purchase',
    'PurchaseOrder',
    'RecurringTransaction',
    'RefundReceipt',
    'ReimburseCharge',
    'SalesReceipt',
    'TaxAgency',
    'TaxCode',
    'TaxRate',
    'Term',
    'TimeActivity',
    'Transfer',
    'Vendor',
    'VendorCredit'
];

/** Runs a QBO query against one company and returns the QueryResponse object. */
export function runQuery(realm: Realm, text: string): QueryOutcome {
    const query = parseQuery(text);
    const entity = Object.keys(QUERYABLE).find((name) => name.toLowerCase() === query.entity.toLowerCase());
    if (!entity) {
        // QuickBooks' answer for a name that is no entity: "QueryValidationError: Metadata not found for Entity:
        // TaxService" (code 4001, recorded in quickbooks-ruby issue 628).
        const known = QBO_ENTITIES.some((name) => name.toLowerCase() === query.entity.toLowerCase());
        throw Faults.queryValidation(
            known
                ? `${query.entity} is a QuickBooks entity this emulator does not model`
                : `Metadata not found for Entity: ${query.entity}`
        );
    }
    const allowed = QUERYABLE[entity];
    const canonical = (field: string): string => {
        const match = allowed.find((name) => name.toLowerCase() === field.toLowerCase());
        if (!match) throw Faults.queryValidation(`property '${field}' is not queryable`);
        return match;
    };
    const where = query.where.map((c) => ({ ...c, field: canonical(c.field) }));
    const orderBy = query.orderBy.map((o) => ({ ...o, field: canonical(o.field) }));

    let rows = entity === 'Preferences' ? [preferencesFor(realm) as Json] : realm.live(entity as EntityName);
    const filtersActive = where.some((c) => c.field === 'Active');
    if (NAME_LISTS.has(entity) && !filtersActive) rows = rows.filter((row) => row.Active !== false);
    rows = rows.filter((row) => where.every((condition) => matches(row, condition)));
    rows = [...rows].sort((a, b) => {
        for (const { field, descending } of orderBy) {
            const order = compareValues(read(a, field)[0], read(b, field)[0], field);
            if (order !== 0) return descending ? -order : order;
        }
        return compareIds(a.Id, b.Id);
    });
    if (query.count) return { entity, body: { totalCount: rows.length } };
    const page = rows.slice(query.startPosition - 1, query.startPosition - 1 + query.maxResults);
    if (page.length === 0) return { entity, body: {} };
    return { entity, body: { [entity]: page, startPosition: query.startPosition, maxResults: page.length } };
}

/** Values at a dotted path; arrays fan out; reference types compare by their `value`. */
function read(row: Json, path: string): unknown[] {
    let current: unknown[] = [row];
    for (const segment of path.split('.')) {
        const nextValues: unknown[] = [];
        for (const value of current) {
            const items = Array.isArray(value) ? value : [value];
            for (const item of items) {
                if (item && typeof item === 'object') {
                    const key = Object.keys(item).find((k) => k.toLowerCase() === segment.toLowerCase());
                    if (key !== undefined) nextValues.push((item as Json)[key]);
                }
            }
        }
        current = nextValues;
    }
    return current.map((value) => {
        if (value && typeof value === 'object' && !Array.isArray(value)) {
            const object = value as Json;
            return object.value ?? object.Address ?? object.FreeFormNumber ?? undefined;
        }
        return value;
    });
}

function matches(row: Json, condition: Condition): boolean {
    const values = read(row, condition.field);
    return values.some((value) => {
        switch (condition.operator) {
            case 'IN':
                return condition.values.some((literal) => compareValues(value, literal, condition.field) === 0);
            case 'LIKE':
                return like(value, condition.values[0]);
            case '=':
                return compareValues(value, condition.values[0], condition.field) === 0;
            case '<':
                return compareValues(value, condition.values[0], condition.field) < 0;
            case '>':
                return compareValues(value, condition.values[0], condition.field) > 0;
            case '<=':
                return compareValues(value, condition.values[0], condition.field) <= 0;
            case '>=':
                return compareValues(value, condition.values[0], condition.field) >= 0;
        }
    });
}

function like(value: unknown, pattern: Literal): boolean {
    if (value === undefined || value === null) return false;
    const regex = new RegExp(
        `^${String(pattern)
            .split('%')
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
        'is'
    );
    return regex.test(String(value));
}

function compareValues(value: unknown, literal: unknown, field: string): number {
    if (value === undefined || value === null) return literal === undefined || literal === null ? 0 : -1;
    if (literal === undefined || literal === null) return 1;
    if (field.startsWith('MetaData.')) {
        return Math.sign(parseQboInstant(String(value)) - parseQboInstant(String(literal)));
    }
    if (typeof value === 'boolean' || typeof literal === 'boolean') {
        return String(value).toLowerCase() === String(literal).toLowerCase()
            ? 0
            : String(value) < String(literal)
              ? -1
              : 1;
    }
    const left = Number(value);
    const right = Number(literal);
    if (
        (typeof value === 'number' || field === 'Id' || field.endsWith('Ref')) &&
        !Number.isNaN(left) &&
        !Number.isNaN(right)
    ) {
        return Math.sign(left - right);
    }
    const a = String(value).toLowerCase();
    const b = String(literal).toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
}
