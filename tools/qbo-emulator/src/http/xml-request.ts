import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Json } from '../store/realm';

/**
 * Reads an XML request body (`Content-Type: application/xml`, what Intuit's PHP and Java SDKs send by default) as the
 * JSON body the same request would carry, following Intuit's schema (IntuitRestServiceDef.xsd, IntuitBaseTypes.xsd):
 * - the root element is the entity (`<Customer xmlns="http://schema.intuit.com/finance/v3">`), or
 *   `<IntuitBatchRequest>` with `<BatchItemRequest bId operation optionsData>` items;
 * - an entity's `sparse` attribute is the JSON `sparse` flag;
 * - a reference (`…Ref`, and `CustomerMemo`) is its text as `value`, with `name`/`type` from its attributes;
 * - repeatable members (`Line`, `LinkedTxn`, `CustomField`, …) are lists even when they occur once;
 * - amounts and quantities are numbers and `true`/`false` are booleans, except in free-text members.
 * Throws with the parser's reason when the body is not well-formed XML.
 */
export function parseXmlRequest(body: Buffer): { root: string; json: Json } {
    const text = body.toString('utf8');
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line})`);
    const ordered = parser.parse(text) as Ordered;
    const root = ordered.find((entry) => elementName(entry) !== undefined && !elementName(entry)!.startsWith('?'));
    if (!root) throw new Error('no root element');
    const name = localName(elementName(root)!);
    const value = toJson(name, root);
    if (name === 'IntuitBatchRequest') {
        const items = isRecord(value) ? value.BatchItemRequest : undefined;
        return { root: name, json: { BatchItemRequest: items === undefined ? [] : [items].flat() } };
    }
    return { root: name, json: isRecord(value) ? value : {} };
}

type Ordered = Record<string, unknown>[];

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true
});

/** Members the schema lets repeat (maxOccurs unbounded) that a client may send once. */
const LISTS = new Set([
    'Line',
    'LinkedTxn',
    'CustomField',
    'TaxLine',
    'TaxRateDetail',
    'AttachableRef',
    'BatchItemRequest',
    'NameValue'
]);
const NUMBERS = new Set([
    'Amount',
    'Qty',
    'UnitPrice',
    'ExchangeRate',
    'DiscountPercent',
    'TotalTax',
    'TaxInclusiveAmt',
    'TotalAmt',
    'Balance',
    'Deposit',
    'RateValue',
    'TaxPercent',
    'NetAmountTaxable',
    'PurchaseCost',
    'LineNum',
    'TaxOrder',
    'DueDays'
]);
/** Free text, kept as sent even when it reads "true" or "12". */
const TEXTS = new Set([
    'DisplayName',
    'CompanyName',
    'GivenName',
    'MiddleName',
    'FamilyName',
    'Title',
    'Suffix',
    'FullyQualifiedName',
    'PrintOnCheckName',
    'Name',
    'Description',
    'PrivateNote',
    'Notes',
    'DocNumber',
    'Id',
    'SyncToken',
    'FreeFormNumber',
    'Address',
    'URI',
    'Line1',
    'Line2',
    'Line3',
    'Line4',
    'Line5',
    'City',
    'CountrySubDivisionCode',
    'PostalCode',
    'Country',
    'Query',
    'StringValue',
    'FileName',
    'Note'
]);

function toJson(name: string, entry: Record<string, unknown>): unknown {
    const content = (entry[elementName(entry)!] ?? []) as Ordered;
    const attributes = Object.entries((entry[':@'] ?? {}) as Record<string, string>).filter(
        ([key]) => key !== 'xmlns' && !key.startsWith('xmlns:')
    );
    const children = content.filter((item) => elementName(item) !== undefined);
    const text = content
        .filter((item) => '#text' in item)
        .map((item) => String(item['#text']))
        .join('');
    if (children.length === 0 && (name.endsWith('Ref') || name === 'CustomerMemo')) {
        return { value: text, ...Object.fromEntries(attributes) };
    }
    if (children.length === 0 && attributes.length === 0) return text === '' ? {} : scalar(name, text);
    const object: Json = {};
    for (const [key, value] of attributes) object[key] = scalar(key, value);
    for (const child of children) {
        const key = localName(elementName(child)!);
        const value = toJson(key, child);
        if (object[key] !== undefined) object[key] = [object[key]].flat().concat([value]);
        else object[key] = LISTS.has(key) ? [value] : value;
    }
    return object;
}

function scalar(name: string, text: string): unknown {
    if (TEXTS.has(name)) return text;
    if (NUMBERS.has(name) && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
    if (text === 'true') return true;
    if (text === 'false') return false;
    return text;
}

function elementName(entry: Record<string, unknown>): string | undefined {
    return Object.keys(entry).find((key) => key !== ':@' && key !== '#text');
}

function localName(name: string): string {
    return name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
}

function isRecord(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
