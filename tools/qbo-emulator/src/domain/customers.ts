import { Faults } from '../faults/catalog';
import type { Json, Realm } from '../store/realm';
import { CURRENCY_NAMES } from '../store/seed';
import { automatedDefaultTaxCode } from './automated-sales-tax';
import {
    checkEmail,
    COMMON_META,
    isObject,
    loadForWrite,
    optionalString,
    refValue,
    rejectUnknownProperties
} from './validation';

const CUSTOMER_PROPERTIES = new Set([
    ...COMMON_META,
    'DisplayName',
    'Title',
    'GivenName',
    'MiddleName',
    'FamilyName',
    'Suffix',
    'FullyQualifiedName',
    'CompanyName',
    'PrintOnCheckName',
    'Active',
    'PrimaryPhone',
    'AlternatePhone',
    'Mobile',
    'Fax',
    'PrimaryEmailAddr',
    'WebAddr',
    'BillAddr',
    'ShipAddr',
    'Notes',
    'Job',
    'BillWithParent',
    'ParentRef',
    'Level',
    'Taxable',
    'Balance',
    'BalanceWithJobs',
    'OpenBalanceDate',
    'CurrencyRef',
    'PreferredDeliveryMethod',
    'SalesTermRef',
    'PaymentMethodRef',
    'DefaultTaxCodeRef',
    'ResaleNum',
    'CustomerTypeRef',
    'ARAccountRef',
    'V4IDPseudonym',
    'IsProject',
    'ClientEntityId',
    'BusinessNumber',
    'GSTIN',
    'GSTRegistrationType',
    'PrimaryTaxIdentifier',
    'SecondaryTaxIdentifier',
    'TaxExemptionReasonId',
    'Source'
]);

const ADDRESS_PROPERTIES = new Set([
    'Id',
    'Line1',
    'Line2',
    'Line3',
    'Line4',
    'Line5',
    'City',
    'Country',
    'CountryCode',
    'CountrySubDivisionCode',
    'PostalCode',
    'PostalCodeSuffix',
    'Lat',
    'Long',
    'Note',
    'County'
]);

const READ_ONLY = ['Balance', 'BalanceWithJobs', 'FullyQualifiedName', 'Level', 'V4IDPseudonym'];

/** PhysicalAddress: known properties only, and QBO's length limits. */
export function checkAddress(value: unknown, element: string): void {
    if (value === undefined || value === null) return;
    if (!isObject(value)) throw Faults.malformedRequest(element);
    rejectUnknownProperties('PhysicalAddress', value, ADDRESS_PROPERTIES);
    for (const line of ['Line1', 'Line2', 'Line3', 'Line4', 'Line5'])
        optionalString(value, line, 500, `${element}.${line}`);
    optionalString(value, 'City', 255, `${element}.City`);
    optionalString(value, 'PostalCode', 30, `${element}.PostalCode`);
    optionalString(value, 'CountrySubDivisionCode', 255, `${element}.CountrySubDivisionCode`);
    optionalString(value, 'Country', 255, `${element}.Country`);
}

function displayNameOf(body: Json): string | undefined {
    const explicit = optionalString(body, 'DisplayName', 500);
    if (explicit !== undefined && explicit.trim() !== '') return explicit.trim();
    const personal = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix']
        .map((k) => body[k])
        .filter((v) => typeof v === 'string' && v.trim() !== '')
        .join(' ');
    return personal || undefined;
}

/** The name lists whose DisplayName QuickBooks keeps unique together (Customer reference, DisplayName). */
const NAME_LISTS = ['Customer', 'Vendor', 'Employee'] as const;

/**
 * DisplayName is unique across all Customer, Vendor and Employee objects, ignoring case (Intuit API reference,
 * Customer.DisplayName: "Must be unique across all Customer, Vendor, and Employee objects"); a clash is 6240.
 */
function checkNameUnique(realm: Realm, name: string, selfId?: string): void {
    const lower = name.toLowerCase();
    for (const entity of NAME_LISTS) {
        for (const record of realm.live(entity)) {
            if (
                !(entity === 'Customer' && record.Id === selfId) &&
                String(record.DisplayName).toLowerCase() === lower
            ) {
                throw Faults.duplicateName(record.Id);
            }
        }
    }
}

/**
 * A vendor or employee as the company's other name lists hold them: only their DisplayName and Active matter here,
 * because QuickBooks refuses a customer named like any of them (6240). The emulator serves no Vendor or Employee API.
 */
export function createNameListEntry(realm: Realm, entity: 'Vendor' | 'Employee', body: Json): Json {
    const displayName = displayNameOf(body);
    if (!displayName) throw Faults.requiredParamMissing('DisplayName');
    if (/[:\t\n]/.test(displayName)) {
        throw Faults.businessValidation(
            'DisplayName cannot contain a colon (:), tab or newline character.',
            'DisplayName'
        );
    }
    // Made inactive, a name-list record is shown with " (deleted)" after its name, as customers are.
    const active = body.Active ?? true;
    const name = active ? displayName : `${displayName} (deleted)`;
    checkNameUnique(realm, name);
    return realm.insert(entity, { ...body, DisplayName: name, Active: active });
}

function normalize(realm: Realm, body: Json, existing?: Json): Json {
    rejectUnknownProperties('Customer', body, CUSTOMER_PROPERTIES);
    const displayName = displayNameOf(body);
    if (!displayName) {
        throw Faults.requiredParamMissing('DisplayName (or one of Title, GivenName, MiddleName, FamilyName, Suffix)');
    }
    for (const key of ['DisplayName', 'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'PrintOnCheckName']) {
        const value = key === 'DisplayName' ? displayName : body[key];
        if (typeof value === 'string' && /[:\t\n]/.test(value)) {
            throw Faults.businessValidation(`${key} cannot contain a colon (:), tab or newline character.`, key);
        }
    }
    optionalString(body, 'Title', 16);
    optionalString(body, 'Suffix', 16);
    optionalString(body, 'PrintOnCheckName', 110);
    for (const key of ['GivenName', 'MiddleName', 'FamilyName']) optionalString(body, key, 100);
    optionalString(body, 'CompanyName', 100);
    optionalString(body, 'Notes', 2000);
    checkAddress(body.BillAddr, 'BillAddr');
    checkAddress(body.ShipAddr, 'ShipAddr');
    if (body.PrimaryEmailAddr !== undefined && body.PrimaryEmailAddr !== null) {
        if (!isObject(body.PrimaryEmailAddr)) throw Faults.malformedRequest('PrimaryEmailAddr');
        if (body.PrimaryEmailAddr.Address) checkEmail(body.PrimaryEmailAddr.Address, 'PrimaryEmailAddr.Address');
    }
    const active = body.Active === undefined || body.Active === null ? true : body.Active;
    const stored = existing?.Active === false ? String(existing.DisplayName).replace(/ \(deleted\)$/, '') : undefined;
    const baseName = stored !== undefined && displayName === existing?.DisplayName ? stored : displayName;
    checkNameUnique(realm, active ? baseName : `${baseName} (deleted)`, existing?.Id);

    const currencyCode = refValue(body, 'CurrencyRef') ?? existing?.CurrencyRef?.value ?? realm.settings.homeCurrency;
    if (existing && existing.CurrencyRef?.value !== currencyCode) {
        throw Faults.businessValidation(
            `You can't change the currency of a customer once it has been set. Currency=${existing.CurrencyRef?.value}`,
            'CurrencyRef'
        );
    }
    if (!realm.settings.multiCurrency && currencyCode !== realm.settings.homeCurrency) {
        throw Faults.businessValidation(
            `Multicurrency is not enabled for this company; the customer's currency must be the home currency ${realm.settings.homeCurrency}.`,
            'CurrencyRef'
        );
    }
    const termId = refValue(body, 'SalesTermRef');
    if (termId !== undefined && !realm.find('Term', termId))
        throw Faults.invalidReference('Term', termId, 'SalesTermRef');

    const result: Json = { ...body };
    for (const key of READ_ONLY) delete result[key];
    delete result.sparse;
    result.DisplayName = active ? baseName : `${baseName} (deleted)`;
    result.FullyQualifiedName = result.DisplayName;
    result.PrintOnCheckName = body.PrintOnCheckName ?? existing?.PrintOnCheckName ?? body.CompanyName ?? baseName;
    result.Active = active;
    result.Taxable = body.Taxable ?? existing?.Taxable ?? realm.settings.country === 'US';
    const astDefault = automatedDefaultTaxCode(realm);
    if (astDefault) result.DefaultTaxCodeRef = astDefault;
    result.Job = false;
    result.BillWithParent = false;
    result.Balance = existing?.Balance ?? 0;
    result.BalanceWithJobs = existing?.BalanceWithJobs ?? 0;
    result.CurrencyRef = { value: currencyCode, name: CURRENCY_NAMES[currencyCode] ?? currencyCode };
    result.PreferredDeliveryMethod = body.PreferredDeliveryMethod ?? existing?.PreferredDeliveryMethod ?? 'Print';
    result.IsProject = false;
    result.V4IDPseudonym = existing?.V4IDPseudonym ?? pseudonym(realm.id, displayName);
    for (const key of ['BillAddr', 'ShipAddr']) {
        if (isObject(result[key]) && result[key].Id === undefined) {
            result[key] = { ...result[key], Id: existing?.[key]?.Id ?? realm.nextId('PhysicalAddress') };
        }
    }
    return result;
}

function pseudonym(realmId: string, name: string): string {
    let hash = 0;
    for (const ch of `${realmId}|${name}`) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    return `0020${hash.toString(16).padStart(8, '0')}c8d3${(hash ^ 0x5bd1e995).toString(16).padStart(8, '0')}`;
}

export function createCustomer(realm: Realm, body: Json): Json {
    if (body.Id !== undefined) throw Faults.businessValidation('Id is read-only on create', 'Id');
    return realm.insert('Customer', normalize(realm, body));
}

/** Full update replaces the writable fields; `sparse: true` changes only those supplied. */
export function updateCustomer(realm: Realm, body: Json): Json {
    const existing = loadForWrite(realm, 'Customer', body);
    const merged = body.sparse === true ? { ...stripComputed(existing), ...body } : body;
    const next = normalize(realm, merged, existing);
    return realm.update('Customer', { ...next, Id: existing.Id });
}

function stripComputed(entity: Json): Json {
    const { MetaData: _meta, domain: _domain, ...rest } = entity;
    void _meta;
    void _domain;
    return rest;
}

/** Keeps Customer.Balance equal to the open balance of its invoices without touching its SyncToken. */
export function refreshCustomerBalance(realm: Realm, customerId: string): void {
    const customer = realm.find('Customer', customerId);
    if (!customer) return;
    const open = realm
        .live('Invoice')
        .filter((invoice) => invoice.CustomerRef?.value === customerId)
        .reduce((sum, invoice) => sum + Number(invoice.Balance ?? 0), 0);
    customer.Balance = Math.round(open * 100) / 100;
    customer.BalanceWithJobs = customer.Balance;
}
