/**
 * The package's naming rule, checked on what actually ships (the package.xml that `sf project convert source`
 * writes for force-app) and on where the QuickBooks API client types live.
 *
 * The package has no namespace: installing it takes over any component of the same API name in the subscriber's
 * org. So every component it ships carries the package token:
 * - Apex classes and triggers: `QB` + PascalCase name (`QBInvoiceBuilder`, `QBOpportunityTrigger`); the QuickBooks
 *   API client types, and only they, use `QBO` + name (`QBOClient`) and live in `force-app/main/qbo-client`.
 * - Lightning web components: `qb` + camelCase name (`qbSyncPanel`).
 * - Everything else with an API name (objects, custom metadata types, permission sets, custom permissions, tabs,
 *   the app, Named/External Credentials, the External Auth Identity Provider, quick actions, fields on standard
 *   objects): `QB_` + name. Fields, layouts and list views of the package's own `QB_` objects need no second token.
 */

/** Types whose members are `Parent.Child` (or `Parent-Child` for layouts): the token may sit on either part. */
const CHILD_TYPES = new Set([
    'CustomField',
    'ListView',
    'QuickAction',
    'Layout',
    'ValidationRule',
    'WebLink',
    'RecordType',
    'CompactLayout',
    'FieldSet',
    'BusinessProcess'
]);

const APEX_TYPES = new Set(['ApexClass', 'ApexTrigger']);
const COMPONENT_TYPES = new Set(['LightningComponentBundle', 'AuraDefinitionBundle']);

const APEX_NAME = /^QB[A-Z][A-Za-z0-9]*(_Tests)?$/;
const COMPONENT_NAME = /^qb[A-Z][A-Za-z0-9]*$/;
const METADATA_NAME = /^QB_[A-Za-z0-9_]+$/;
/** `QBO` followed by a capital: a QuickBooks API client type (`QBOClient`); `QBOpportunity…` is `QB` + `Opportunity`. */
export const QBO_CLIENT_TYPE = /^QBO[A-Z]/;
export const QBO_CLIENT_FOLDER = 'force-app/main/qbo-client/';

/** Members of a package.xml (type → names) that break the rule, as readable lines. */
export function prefixViolations(listed: Map<string, Set<string>>): string[] {
    const violations: string[] = [];
    for (const [type, members] of listed) {
        for (const member of members) {
            const problem = violation(type, member);
            if (problem) violations.push(`${type} ${member}: ${problem}`);
        }
    }
    return violations.sort();
}

function violation(type: string, member: string): string | undefined {
    if (APEX_TYPES.has(type)) {
        return APEX_NAME.test(member) ? undefined : 'Apex names start with QB followed by a capital letter';
    }
    if (COMPONENT_TYPES.has(type)) {
        return COMPONENT_NAME.test(member) ? undefined : 'component names start with qb followed by a capital letter';
    }
    if (CHILD_TYPES.has(type)) {
        const separator = type === 'Layout' ? '-' : '.';
        const at = member.indexOf(separator);
        const parent = at < 0 ? '' : member.slice(0, at);
        const child = at < 0 ? member : member.slice(at + 1);
        if (METADATA_NAME.test(parent) || METADATA_NAME.test(child)) return undefined;
        return `on a standard object the ${type} itself needs the QB_ prefix`;
    }
    if (type === 'CustomObject' && !/__/.test(member)) {
        // A standard object appears here when the package adds fields to it; the fields are checked one by one.
        return undefined;
    }
    return METADATA_NAME.test(member) ? undefined : 'API names start with QB_';
}

/** Apex files (repository-relative paths) named as QuickBooks API client types but living outside its folder. */
export function misplacedClientTypes(apexPaths: string[]): string[] {
    return apexPaths
        .filter((path) => QBO_CLIENT_TYPE.test(path.split('/').pop() ?? '') && !path.startsWith(QBO_CLIENT_FOLDER))
        .map((path) => `${path}: QBO names are reserved for the QuickBooks API client in ${QBO_CLIENT_FOLDER}`)
        .sort();
}
