import { createAttachable, deleteAttachable, updateAttachable } from '../domain/attachables';
import { createCustomer, updateCustomer } from '../domain/customers';
import { createInvoice, deleteInvoice, updateInvoice, voidInvoice, type InvoiceWriteOptions } from '../domain/invoices';
import { createItem, updateItem } from '../domain/items';
import { createPayment, deletePayment } from '../domain/payments';
import { Faults } from '../faults/catalog';
import type { EntityName, Json, Realm } from '../store/realm';

/** URL segment (lower-case, as QBO's paths are) → entity name. */
export const ENTITY_SEGMENTS: Record<string, EntityName> = {
    customer: 'Customer',
    item: 'Item',
    invoice: 'Invoice',
    payment: 'Payment',
    account: 'Account',
    taxcode: 'TaxCode',
    taxrate: 'TaxRate',
    term: 'Term',
    attachable: 'Attachable',
    companyinfo: 'CompanyInfo'
};

export type WriteOperation = 'create' | 'update' | 'delete' | 'void';

/** Runs one write; create vs update is decided by the presence of Id, as QBO does for POST /{entity}. */
export function writeEntity(
    realm: Realm,
    entity: EntityName,
    operation: WriteOperation,
    body: Json,
    options: InvoiceWriteOptions = {}
): Json {
    const key = `${entity}:${operation}`;
    switch (key) {
        case 'Customer:create':
            return createCustomer(realm, body);
        case 'Customer:update':
            return updateCustomer(realm, body);
        case 'Item:create':
            return createItem(realm, body);
        case 'Item:update':
            return updateItem(realm, body);
        case 'Invoice:create':
            return createInvoice(realm, body, options);
        case 'Invoice:update':
            return updateInvoice(realm, body, options);
        case 'Invoice:delete':
            return deleteInvoice(realm, body);
        case 'Invoice:void':
            return voidInvoice(realm, body);
        case 'Payment:create':
            return createPayment(realm, body);
        case 'Payment:delete':
            return deletePayment(realm, body);
        case 'Attachable:create':
            return createAttachable(realm, body);
        case 'Attachable:update':
            return updateAttachable(realm, body);
        case 'Attachable:delete':
            return deleteAttachable(realm, body);
        default:
            throw Faults.businessValidation(`Operation ${operation} is not supported for ${entity}.`);
    }
}

export function operationFor(body: Json, requested: string | null): WriteOperation {
    if (requested === 'delete' || requested === 'void') return requested;
    if (requested === 'update') return 'update';
    if (requested !== null && requested !== 'create') throw Faults.malformedRequest(`operation:${requested}`);
    return body.Id !== undefined && body.Id !== null ? 'update' : 'create';
}
