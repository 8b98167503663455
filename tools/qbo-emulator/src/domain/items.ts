import { Faults } from '../faults/catalog';
import type { Json, Realm } from '../store/realm';
import {
    COMMON_META,
    loadForWrite,
    optionalNumber,
    optionalString,
    refValue,
    rejectUnknownProperties
} from './validation';

const ITEM_PROPERTIES = new Set([
    ...COMMON_META,
    'Name',
    'Sku',
    'Description',
    'Active',
    'SubItem',
    'ParentRef',
    'Level',
    'FullyQualifiedName',
    'Taxable',
    'SalesTaxIncluded',
    'UnitPrice',
    'RatePercent',
    'Type',
    'IncomeAccountRef',
    'PurchaseDesc',
    'PurchaseTaxIncluded',
    'PurchaseCost',
    'ExpenseAccountRef',
    'AssetAccountRef',
    'TrackQtyOnHand',
    'QtyOnHand',
    'InvStartDate',
    'SalesTaxCodeRef',
    'PurchaseTaxCodeRef',
    'ClassRef',
    'PrefVendorRef',
    'ReorderPoint',
    'UQCId',
    'ItemCategoryType',
    'TaxClassificationRef',
    'Source'
]);

const ITEM_TYPES = new Set(['Service', 'NonInventory', 'Inventory', 'Category', 'Group']);

function normalize(realm: Realm, body: Json, existing?: Json): Json {
    rejectUnknownProperties('Item', body, ITEM_PROPERTIES);
    const name = optionalString(body, 'Name', 100);
    if (!name || name.trim() === '') throw Faults.requiredParamMissing('Name');
    if (name.includes(':')) {
        throw Faults.businessValidation(
            'The name supplied contains an invalid character. A name cannot contain a colon (:).',
            'Name'
        );
    }
    optionalString(body, 'Description', 4000);
    optionalString(body, 'Sku', 100);
    for (const other of realm.live('Item')) {
        if (other.Id !== existing?.Id && String(other.Name).toLowerCase() === name.trim().toLowerCase()) {
            throw Faults.duplicateName(other.Id);
        }
    }
    const type = body.Type ?? existing?.Type ?? 'NonInventory';
    if (!ITEM_TYPES.has(type)) throw Faults.malformedRequest(`Type:${type}`);
    if (type === 'Group' || type === 'Category') {
        throw Faults.businessValidation(`Item type ${type} is not supported by this emulator`, 'Type');
    }
    const incomeAccount = refValue(body, 'IncomeAccountRef');
    if (!incomeAccount) throw Faults.requiredParamMissing('IncomeAccountRef', 'IncomeAccountRef');
    const account = realm.find('Account', incomeAccount);
    if (!account) throw Faults.invalidReference('Account', incomeAccount, 'IncomeAccountRef');
    if (type === 'Inventory') {
        for (const required of ['AssetAccountRef', 'ExpenseAccountRef', 'InvStartDate', 'QtyOnHand']) {
            if (body[required] === undefined || body[required] === null)
                throw Faults.requiredParamMissing(required, required);
        }
    }
    const unitPrice = optionalNumber(body, 'UnitPrice') ?? 0;
    const result: Json = { ...body };
    delete result.sparse;
    result.Name = name.trim();
    result.FullyQualifiedName = result.Name;
    result.Type = type;
    result.Active = body.Active ?? true;
    result.UnitPrice = unitPrice;
    result.Taxable = body.Taxable ?? false;
    result.IncomeAccountRef = { value: incomeAccount, name: account.Name };
    result.TrackQtyOnHand = type === 'Inventory';
    result.PurchaseCost = optionalNumber(body, 'PurchaseCost') ?? 0;
    return result;
}

export function createItem(realm: Realm, body: Json): Json {
    return realm.insert('Item', normalize(realm, body));
}

/** Items are never deleted in QBO: `Active: false` hides them; references to them then fail with 610. */
export function updateItem(realm: Realm, body: Json): Json {
    const existing = loadForWrite(realm, 'Item', body);
    const { MetaData: _m, domain: _d, ...rest } = existing;
    void _m;
    void _d;
    const merged = body.sparse === true ? { ...rest, ...body } : body;
    return realm.update('Item', { ...normalize(realm, merged, existing), Id: existing.Id });
}
