/**
 * Anonymous Apex the playground sends to the local runtime: an @AuraEnabled call the way Lightning makes it
 * (parameters deserialized into their declared types, the result serialized with JSON.serialize), record reads
 * and record updates through ordinary DML (so triggers, and the async work they enqueue, run).
 */
import type { TypeRef } from '../../../apex-runtime/src';

/** Marks the System.debug line that carries a result. */
export const RESULT_MARKER = '@@playground-result@@';

/** A string literal in Apex source. */
export function apexString(text: string): string {
    return (
        "'" +
        text
            .replace(/\\/g, '\\\\')
            .replace(/'/g, "\\'")
            .replace(/\n/g, '\\n')
            .replace(/\r/g, '\\r')
            .replace(/\t/g, '\\t') +
        "'"
    );
}

/** A type as Apex source, inner classes of `owner` qualified (`MappingRow` → `QBItemMappingController.MappingRow`). */
export function typeSource(type: TypeRef, owner: string, innerNames: Set<string>): string {
    const base = !type.name.includes('.') && innerNames.has(type.n) ? `${owner}.${type.name}` : type.name;
    const args = type.args.length ? `<${type.args.map((a) => typeSource(a, owner, innerNames)).join(', ')}>` : '';
    return base + args + '[]'.repeat(type.array);
}

export interface AuraParam {
    name: string;
    type: string;
}

/** `Controller.method(params)` with each parameter deserialized from the JSON the component sent. */
export function auraCallSource(
    className: string,
    methodName: string,
    params: AuraParam[],
    values: Record<string, unknown>,
    returnsValue: boolean
): string {
    const lines: string[] = [];
    const args: string[] = [];
    params.forEach((p, i) => {
        const value = values[p.name];
        const variable = `param${i}`;
        if (value === undefined || value === null) {
            lines.push(`${p.type} ${variable} = null;`);
        } else {
            lines.push(
                `${p.type} ${variable} = (${p.type}) JSON.deserialize(${apexString(JSON.stringify(value))}, ${p.type}.class);`
            );
        }
        args.push(variable);
    });
    const call = `${className}.${methodName}(${args.join(', ')})`;
    if (returnsValue) lines.push(`System.debug(${apexString(RESULT_MARKER)} + JSON.serialize(${call}));`);
    else lines.push(`${call};`, `System.debug(${apexString(RESULT_MARKER)} + 'null');`);
    return lines.join('\n');
}

/**
 * One record with the given fields, as JSON.serialize renders it (null when no row). In user mode (a record page
 * opened as a chosen user) a record the user may not read is no row, as User Interface API answers for it.
 */
export function recordReadSource(objectName: string, id: string, fields: string[], userMode: boolean): string {
    const mode = userMode ? 'AccessLevel.USER_MODE' : 'AccessLevel.SYSTEM_MODE';
    return [
        `Id recordId = ${apexString(id)};`,
        `List<SObject> rows = Database.query('SELECT ' + ${apexString(fields.join(', '))} + ' FROM ${objectName} WHERE Id = :recordId', ${mode});`,
        `System.debug(${apexString(RESULT_MARKER)} + (rows.isEmpty() ? 'null' : JSON.serialize(rows[0])));`
    ].join('\n');
}

/** Rows of a SOQL query (system mode, as an admin's list view would show them). */
export function querySource(soql: string): string {
    return `System.debug(${apexString(RESULT_MARKER)} + JSON.serialize(Database.query(${apexString(soql)})));`;
}

/** `update` of one record built from JSON (field API names → values): ordinary DML, triggers fire; in user mode the user's access applies. */
export function recordUpdateSource(objectName: string, fields: Record<string, unknown>, userMode: boolean): string {
    return [
        `${objectName} changed = (${objectName}) JSON.deserialize(${apexString(JSON.stringify(fields))}, ${objectName}.class);`,
        userMode ? 'Database.update(changed, AccessLevel.USER_MODE);' : 'update changed;',
        `System.debug(${apexString(RESULT_MARKER)} + JSON.serialize(new Map<String, Object>{ 'id' => changed.Id }));`
    ].join('\n');
}

/** What a visitor enters to create a deal: its fields and the products it sells (price book entries, quantities). */
export interface NewOpportunity {
    name: string;
    accountId: string;
    currency: 'USD' | 'CAD';
    closeDate: string;
    lines: { pricebookEntryId: string; quantity: number }[];
}

const SALESFORCE_ID = /^[a-zA-Z0-9]{15,18}$/;

/** Why the form cannot be saved, as a sentence for the visitor; null when it can. */
export function newOpportunityProblem(input: NewOpportunity): string | null {
    if (!input.name?.trim()) return 'Give the opportunity a name.';
    if (!SALESFORCE_ID.test(input.accountId ?? '')) return 'Choose the account.';
    if (input.currency !== 'USD' && input.currency !== 'CAD') return 'Choose USD (Acme US) or CAD (Acme Canada).';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.closeDate ?? '')) return 'Give a close date.';
    if (!input.lines?.length) return 'Add at least one product with a quantity.';
    for (const line of input.lines) {
        if (!SALESFORCE_ID.test(line.pricebookEntryId ?? '')) return 'A product line names no product.';
        if (!(Number.isFinite(line.quantity) && line.quantity > 0)) return 'Quantities must be numbers above 0.';
    }
    return null;
}

/**
 * Inserts the deal and its products with ordinary DML (triggers fire): Prospecting, the record type of its company
 * (USD → Standard_Deal, Acme US; CAD → Canada_Deal, Acme Canada), the price book and unit prices of the chosen entries.
 */
export function newOpportunitySource(input: NewOpportunity): string {
    const recordType = input.currency === 'CAD' ? 'Canada_Deal' : 'Standard_Deal';
    const out = [
        `List<Id> entryIds = (List<Id>) JSON.deserialize(${apexString(JSON.stringify(input.lines.map((l) => l.pricebookEntryId)))}, List<Id>.class);`,
        `List<Decimal> quantities = (List<Decimal>) JSON.deserialize(${apexString(JSON.stringify(input.lines.map((l) => l.quantity)))}, List<Decimal>.class);`,
        'Map<Id, PricebookEntry> entries = new Map<Id, PricebookEntry>([SELECT Id, Pricebook2Id, UnitPrice FROM PricebookEntry WHERE Id IN :entryIds]);',
        `Id recordTypeId = [SELECT Id FROM RecordType WHERE SObjectType = 'Opportunity' AND DeveloperName = '${recordType}' LIMIT 1].Id;`,
        `Opportunity deal = new Opportunity(Name = ${apexString(input.name.trim())}, AccountId = ${apexString(input.accountId)}, StageName = 'Prospecting', CloseDate = Date.valueOf(${apexString(input.closeDate)}), CurrencyIsoCode = '${input.currency}', RecordTypeId = recordTypeId, Pricebook2Id = entries.get(entryIds[0]).Pricebook2Id);`,
        'insert deal;',
        'List<OpportunityLineItem> lines = new List<OpportunityLineItem>();',
        'for (Integer i = 0; i < entryIds.size(); i++) {',
        '    lines.add(new OpportunityLineItem(OpportunityId = deal.Id, PricebookEntryId = entryIds[i], Quantity = quantities[i], UnitPrice = entries.get(entryIds[i]).UnitPrice));',
        '}',
        'insert lines;',
        `System.debug(${apexString(RESULT_MARKER)} + JSON.serialize(new Map<String, Object>{ 'id' => deal.Id }));`
    ];
    return out.join('\n');
}
