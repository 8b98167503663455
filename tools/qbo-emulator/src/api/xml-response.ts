import type { Json } from '../store/realm';

/**
 * Renders a JSON answer as the XML QuickBooks sends a client that asks for XML. The mapping follows Intuit's schema
 * (IntuitRestServiceDef.xsd and IntuitBaseTypes.xsd, shipped with Intuit's PHP and .NET SDKs) and the recorded
 * answers in the PHP SDK's XmlObjectSerializerTest:
 * - the root is `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="…">`;
 * - an entity's `domain`, `sparse` and `status` are attributes (`<Bill domain="QBO" sparse="false">`), and its
 *   IntuitEntity members `Id`, `SyncToken`, `MetaData`, `CustomField`, `AttachableRef` come first;
 * - a reference is its value as text with `name`/`type` as attributes (`<CustomerRef name="Travis Waldron">26`);
 * - `QueryResponse` carries `startPosition`, `maxResults` and `totalCount` as attributes, `BatchItemResponse` its
 *   `bId`, `Fault` its `type` and each `Error` its `code` and `element`;
 * - a JSON array is the element repeated.
 */
export function intuitResponseXml(body: Json, time: string): string {
    const children = Object.entries(body)
        .filter(([key]) => key !== 'time')
        .map(([key, value]) => element(key, value, rootKind(key)))
        .join('');
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        `<IntuitResponse xmlns="${INTUIT_NAMESPACE}" time="${escapeXml(time)}">${children}</IntuitResponse>`
    );
}

export const INTUIT_NAMESPACE = 'http://schema.intuit.com/finance/v3';

/** How an element's JSON members become attributes: envelopes and entities have their own. */
type Kind = 'entity' | 'plain' | 'query' | 'batch' | 'fault' | 'error' | 'cdc' | 'attachable';

const ENTITY_ATTRIBUTES = ['domain', 'sparse', 'status'];
const ENTITY_HEAD = ['Id', 'SyncToken', 'MetaData', 'CustomField', 'AttachableRef'];
const ATTRIBUTES: Record<Kind, string[]> = {
    entity: ENTITY_ATTRIBUTES,
    plain: [],
    query: ['startPosition', 'maxResults', 'totalCount'],
    batch: ['bId'],
    fault: ['type'],
    error: ['code', 'element'],
    cdc: ['size'],
    attachable: []
};

function rootKind(key: string): Kind {
    if (key === 'QueryResponse') return 'query';
    if (key === 'BatchItemResponse') return 'batch';
    if (key === 'Fault') return 'fault';
    if (key === 'CDCResponse') return 'cdc';
    if (key === 'AttachableResponse') return 'attachable';
    return 'entity';
}

/** Inside an envelope, the members that are entities, envelopes or faults. */
function childKind(parent: Kind, key: string): Kind {
    if (key === 'Fault') return 'fault';
    if (parent === 'fault' && key === 'Error') return 'error';
    if (parent === 'cdc' && key === 'QueryResponse') return 'query';
    if (parent === 'batch' || parent === 'attachable') {
        if (key === 'QueryResponse') return 'query';
        if (key === 'CDCResponse') return 'cdc';
        return 'entity';
    }
    if (parent === 'query') return 'entity';
    return 'plain';
}

function element(name: string, value: unknown, kind: Kind): string {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.map((item) => element(name, item, kind)).join('');
    if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
    const object = value as Record<string, unknown>;
    if (kind === 'plain' && isReference(object)) {
        const attributes = ['name', 'type']
            .filter((key) => object[key] !== undefined && object[key] !== null)
            .map((key) => ` ${key}="${escapeXml(String(object[key]))}"`)
            .join('');
        return `<${name}${attributes}>${escapeXml(String(object.value))}</${name}>`;
    }
    const attributeNames = ATTRIBUTES[kind];
    const attributes = attributeNames
        .filter((key) => object[key] !== undefined && object[key] !== null)
        .map((key) => ` ${key}="${escapeXml(String(object[key]))}"`)
        .join('');
    let members = Object.entries(object).filter(([key]) => !attributeNames.includes(key));
    if (kind === 'entity') {
        const head = ENTITY_HEAD.flatMap((key) => members.filter(([member]) => member === key));
        members = [...head, ...members.filter(([key]) => !ENTITY_HEAD.includes(key))];
    }
    const children = members.map(([key, member]) => element(key, member, childKind(kind, key))).join('');
    return children === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${children}</${name}>`;
}

/** A ReferenceType (or MemoRef): `value` plus at most `name` and `type`. */
function isReference(object: Record<string, unknown>): boolean {
    if (object.value === undefined || typeof object.value === 'object') return false;
    return Object.keys(object).every((key) => key === 'value' || key === 'name' || key === 'type');
}

function escapeXml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
