import type { Json } from '../src/store/realm';
import { firstError, startHarness, type Harness } from './support/harness';

/**
 * Conformance of what the sync engine relies on to resolve many new customers with few requests:
 * - Intuit, "Query operations and syntax" (…/learn/explore-the-quickbooks-online-api/data-queries): operators
 *   `IN, =, <, >, <=, >=, LIKE`, an IN value is `(Value [,Value])`; POST /query with `Content-Type: application/text`
 *   for statements too long for a URI; a page holds 100 entities unless MAXRESULTS asks for more, at most 1000.
 * - Name-list queries return active records only unless the statement filters on Active (QBO-NOTES, "Query").
 * - Intuit, "Batch operation" (…/learn/explore-the-quickbooks-online-api/batch) and blog 2017-07-27 "batch operations
 *   important": items run one after another and each is answered on its own, tagged with its bId; limits page: at most
 *   30 payloads per batch. DisplayName is unique across customers, vendors and employees (6240).
 */
let h: Harness;
beforeEach(async () => {
    h = await startHarness();
    h.emulator.admin.seed(h.realm, {
        customers: [
            { DisplayName: "O'Brien & Sons" },
            { DisplayName: 'Back\\slash Ltd' },
            { DisplayName: 'Acme Corp' },
            { DisplayName: 'Dormant Co', Active: false }
        ]
    });
});
afterEach(() => h.close());

const postQuery = (statement: string) => h.api('POST', '/query', statement, { contentType: 'application/text' });
const names = (response: { json: Json }): string[] =>
    (response.json.QueryResponse.Customer ?? []).map((c: Json) => c.DisplayName).sort();
const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
const inStatement = (values: string[], tail = ' AND Active IN (true, false) MAXRESULTS 1000') =>
    `SELECT * FROM Customer WHERE DisplayName IN (${values.map((v) => `'${escape(v)}'`).join(', ')})${tail}`;

describe('grouped DisplayName lookup', () => {
    it('answers an IN list of escaped names, inactive customers included when Active is filtered', async () => {
        // An inactive customer is shown with " (deleted)" after its name (see the emulator README).
        const wanted = ["O'Brien & Sons", 'Back\\slash Ltd', 'Dormant Co (deleted)', 'Nobody Inc'];
        const response = await postQuery(inStatement(wanted));
        expect(response.status).toBe(200);
        expect(names(response)).toEqual(['Back\\slash Ltd', 'Dormant Co (deleted)', "O'Brien & Sons"]);
        const activeOnly = await postQuery(inStatement(wanted, ''));
        expect(names(activeOnly)).toEqual(['Back\\slash Ltd', "O'Brien & Sons"]);
    });

    it('pages at 100 unless MAXRESULTS asks for up to 1000', async () => {
        const many = Array.from({ length: 150 }, (_, i) => `Grouped ${i}`);
        h.emulator.admin.seed(h.realm, { customers: many.map((DisplayName) => ({ DisplayName })) });
        expect(names(await postQuery(inStatement(many, ' AND Active IN (true, false)')))).toHaveLength(100);
        expect(names(await postQuery(inStatement(many)))).toHaveLength(150);
    });

    it('fails the whole statement with 4000 when one name holds a character the lexer refuses', async () => {
        const response = await postQuery(inStatement(['Acme Corp', 'Macy\u2019s']));
        expect(response.status).toBe(400);
        expect(firstError(response).code).toBe('4000');
        expect(firstError(response).Detail ?? firstError(response).Message).toContain('Lexical error');
    });
});

describe('batch customer creates', () => {
    const create = (bId: string, DisplayName: string) => ({ bId, operation: 'create', Customer: { DisplayName } });

    it('answers each item by its bId: created customers, and 6240 for a taken name, in one HTTP 200', async () => {
        const items = Array.from({ length: 29 }, (_, i) => create(String(i + 1), `New Buyer ${i}`));
        items.splice(4, 0, create('30', 'Acme Corp'));
        const response = await h.api('POST', '/batch?requestid=batch-1', { BatchItemRequest: items });
        expect(response.status).toBe(200);
        const answers: Json[] = response.json.BatchItemResponse;
        expect(answers.map((a) => a.bId)).toEqual(items.map((i) => i.bId));
        expect(answers[4]).toMatchObject({
            bId: '30',
            Fault: { type: 'ValidationFault', Error: [{ code: '6240' }] }
        });
        expect(answers.filter((a) => a.Customer?.Id)).toHaveLength(29);
        const summary = h.emulator.admin.counters(h.realm).summary;
        expect(summary).toMatchObject({ total: 1, batches: 1 });
    });

    it('runs items in order: a second create of the same name in one batch is refused with 6240', async () => {
        const response = await h.api('POST', '/batch', {
            BatchItemRequest: [create('1', 'Twin Co'), create('2', 'twin co')]
        });
        const [first, second] = response.json.BatchItemResponse;
        expect(first.Customer.DisplayName).toBe('Twin Co');
        expect(second.Fault.Error[0].code).toBe('6240');
    });

    it('replays a repeated batch requestid; a new requestid cannot create a second customer of a name', async () => {
        const body = { BatchItemRequest: [create('1', 'Replay Co'), create('2', 'Replay Two')] };
        const first = await h.api('POST', '/batch?requestid=batch-2', body);
        const repeat = await h.api('POST', '/batch?requestid=batch-2', body);
        expect(repeat.json.BatchItemResponse).toEqual(first.json.BatchItemResponse);
        const other = await h.api('POST', '/batch?requestid=batch-3', body);
        expect(other.json.BatchItemResponse.map((a: Json) => a.Fault?.Error[0].code)).toEqual(['6240', '6240']);
        const found = await postQuery(inStatement(['Replay Co', 'Replay Two']));
        expect(names(found)).toEqual(['Replay Co', 'Replay Two']);
    });
});
