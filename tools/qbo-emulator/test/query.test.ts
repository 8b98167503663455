import type { Json } from '../src/store/realm';
import { firstError, startHarness, type Harness } from './support/harness';

let h: Harness;
beforeEach(async () => {
    h = await startHarness();
    h.emulator.admin.seed(h.realm, {
        customers: [
            { DisplayName: "O'Brien & Sons" },
            { DisplayName: 'Back\\slash Ltd' },
            { DisplayName: 'Acme Corp', PrimaryEmailAddr: { Address: 'ap@acme.example' } },
            { DisplayName: 'Acme Labs' },
            { DisplayName: 'Zeta' }
        ]
    });
});
afterEach(() => h.close());

const query = (text: string) => h.api('GET', `/query?query=${encodeURIComponent(text)}&minorversion=75`);
const names = (response: { json: Json }) =>
    (response.json.QueryResponse.Customer ?? []).map((c: Json) => c.DisplayName);

/** QBO's escaping as the public SDKs implement it: backslash first, then the apostrophe (python-quickbooks
 * utils.build_where_clause and node-quickbooks criteriaToString both emit \' for an apostrophe). */
const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

// Intuit, "Query operations and syntax" (…/learn/explore-the-quickbooks-online-api/data-queries):
// SELECT * | count(*) FROM IntuitEntity [WHERE …] [ORDERBY …] [STARTPOSITION n] [MAXRESULTS n]; POST with application/text.
describe('query language', () => {
    it("round-trips O'Brien & Sons with backslash escaping (GET ?query=)", async () => {
        const response = await query(`select * from Customer where DisplayName = '${escape("O'Brien & Sons")}'`);
        expect(names(response)).toEqual(["O'Brien & Sons"]);
    });

    it('round-trips a backslash in a name', async () => {
        expect(names(await query(`select * from Customer where DisplayName = '${escape('Back\\slash Ltd')}'`))).toEqual(
            ['Back\\slash Ltd']
        );
    });

    it('accepts POST /query with Content-Type application/text (python-quickbooks client.query)', async () => {
        const response = await h.api(
            'POST',
            '/query',
            "SELECT * FROM Customer WHERE DisplayName LIKE 'Acme%' ORDERBY DisplayName DESC",
            {
                contentType: 'application/text'
            }
        );
        expect(response.status).toBe(200);
        expect(names(response)).toEqual(['Acme Labs', 'Acme Corp']);
    });

    it('rejects POST /query with a JSON content type (415)', async () => {
        const response = await h.api('POST', '/query', 'select * from Customer', { contentType: 'application/json' });
        expect(response.status).toBe(415);
    });

    it('fails a typographic apostrophe with a 4000 lexical error', async () => {
        const response = await query('select * from Customer where DisplayName = ’O’Brien’');
        expect(response.status).toBe(400);
        expect(firstError(response)).toMatchObject({ code: '4000', Message: 'Error parsing query' });
        expect(firstError(response).Detail).toContain('Lexical error');
    });

    it('fails an en dash or a curly quote inside a string literal with the 4000 lexical error QBO words', async () => {
        // intuit/QuickBooks-V3-PHP-SDK#397: "QueryParserError: Invalid content. Lexical error at line 1, column 37.
        // Encountered: "\u2013" (8211)"; #395: a DisplayName with “…” cannot be queried.
        const dash = await query("select * from Item WHERE Name = 'Boot – Wolverine'");
        expect(firstError(dash)).toMatchObject({ code: '4000', Message: 'Error parsing query' });
        expect(firstError(dash).Detail).toContain('Encountered: "\\u2013" (8211)');
        const quoted = await query("select * from Customer where DisplayName = 'Limited Company “FIRST”'");
        expect(firstError(quoted).code).toBe('4000');
        const accented = await query("select * from Customer where DisplayName = 'Café Ærø'");
        expect(accented.status).toBe(200);
    });

    it('fails a doubled quote (SQL-style escaping) with 4000 instead of matching', async () => {
        const response = await query("select * from Customer where DisplayName = 'O''Brien & Sons'");
        expect(firstError(response).code).toBe('4000');
    });

    it('does not support OR (4000)', async () => {
        const response = await query("select * from Customer where DisplayName = 'Zeta' or DisplayName = 'Acme Labs'");
        expect(firstError(response).code).toBe('4000');
    });

    it('knows ORDERBY as one word, as the grammar documents it ("ORDER BY" is a parse error)', async () => {
        expect(firstError(await query('select * from Customer order by DisplayName')).code).toBe('4000');
        expect((await query('select * from Customer orderby DisplayName')).status).toBe(200);
    });

    it('rejects projections (QBO supports * and count(*) only)', async () => {
        expect(firstError(await query('select DisplayName from Customer')).code).toBe('4000');
    });

    it('rejects a property that is not queryable (4001)', async () => {
        expect(firstError(await query("select * from Customer where Notes = 'x'")).code).toBe('4001');
    });

    it('filters with IN and compares case-insensitively', async () => {
        const response = await query("select * from Customer where DisplayName IN ('zeta', 'acme corp')");
        expect(names(response).sort()).toEqual(['Acme Corp', 'Zeta']);
    });

    it('counts with count(*) → totalCount only', async () => {
        const response = await query("select count(*) from Customer where DisplayName LIKE '%Acme%'");
        expect(response.json.QueryResponse).toEqual({ totalCount: 2 });
    });

    it('pages with STARTPOSITION (1-based) and MAXRESULTS; maxResults is the page size returned', async () => {
        const page = await query('select * from Customer ORDERBY DisplayName STARTPOSITION 2 MAXRESULTS 2');
        expect(names(page)).toEqual(['Acme Labs', 'Back\\slash Ltd']);
        expect(page.json.QueryResponse).toMatchObject({ startPosition: 2, maxResults: 2 });
    });

    it('reads STARTPOSITION 0 as 1, as QuickBooks does (python-quickbooks pull request 177)', async () => {
        const fromZero = await query('select * from Customer ORDERBY DisplayName STARTPOSITION 0 MAXRESULTS 2');
        expect(fromZero.status).toBe(200);
        expect(names(fromZero)).toEqual(['Acme Corp', 'Acme Labs']);
        expect(fromZero.json.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 2 });
    });

    it('refuses a negative or fractional STARTPOSITION and a MAXRESULTS below 1 with a 4000 parse error', async () => {
        for (const clauses of ['STARTPOSITION -1', 'STARTPOSITION 1.5', 'MAXRESULTS 0', 'MAXRESULTS -5']) {
            const response = await query(`select * from Customer ${clauses}`);
            expect([clauses, response.status, firstError(response).code]).toEqual([clauses, 400, '4000']);
        }
    });

    it('refuses ORDERBY on a property that is not queryable as it refuses it in WHERE (4001)', async () => {
        const response = await query('select * from Customer ORDERBY Notes');
        expect(firstError(response)).toMatchObject({
            code: '4001',
            Detail: "QueryValidationError: property 'Notes' is not queryable"
        });
    });

    it('answers the same whatever minorversion below 75 is named, or none (served as 75 since August 2025)', async () => {
        // Intuit developer blog 2025-01-21, "Changes to our Accounting API that may impact your application".
        const statement = encodeURIComponent('select * from Customer ORDERBY DisplayName');
        const answers = await Promise.all(
            ['&minorversion=75', '&minorversion=40', ''].map((suffix) =>
                h.api('GET', `/query?query=${statement}${suffix}`)
            )
        );
        for (const answer of answers) {
            expect(answer.status).toBe(200);
            expect(names(answer)).toEqual(names(answers[0]));
        }
    });

    it('returns an empty QueryResponse object when nothing matches', async () => {
        expect((await query("select * from Customer where DisplayName = 'Nobody'")).json.QueryResponse).toEqual({});
    });

    it('refuses MAXRESULTS over 1000 as QuickBooks does (4001 QueryValidationError)', async () => {
        const response = await query('select * from Item MAXRESULTS 1500');
        expect(response.status).toBe(400);
        expect(firstError(response)).toMatchObject({
            code: '4001',
            Detail: 'QueryValidationError: value 1500 is too large. Max allowed value is 1000'
        });
        expect((await query('select * from Item MAXRESULTS 1000')).status).toBe(200);
    });

    it('filters a reference by its value (CustomerRef) and numbers numerically', async () => {
        const customer = (await query("select * from Customer where DisplayName = 'Zeta'")).json.QueryResponse
            .Customer[0];
        for (const amount of [5, 50, 500]) {
            await h.api('POST', '/invoice', {
                CustomerRef: { value: customer.Id },
                Line: [
                    {
                        DetailType: 'SalesItemLineDetail',
                        Amount: amount,
                        SalesItemLineDetail: { ItemRef: { value: '1' } }
                    }
                ]
            });
        }
        const response = await query(
            `select * from Invoice where CustomerRef = '${customer.Id}' AND TotalAmt > '10' ORDERBY TotalAmt`
        );
        expect(response.json.QueryResponse.Invoice.map((i: Json) => i.TotalAmt)).toEqual([50, 500]);
    });

    it('lists the seeded TaxCodes, Terms, Accounts and CompanyInfo', async () => {
        // TAX/NON, and the code automated sales tax set up for the company's own state.
        expect((await query('select * from TaxCode')).json.QueryResponse.TaxCode.map((t: Json) => t.Name)).toEqual([
            'CA (automated sales tax)',
            'NON',
            'TAX'
        ]);
        expect((await query("select * from Term where Name = 'Net 30'")).json.QueryResponse.Term[0].DueDays).toBe(30);
        expect(
            (await query("select * from Account where AccountType = 'Income'")).json.QueryResponse.Account.length
        ).toBeGreaterThan(0);
        expect((await query('select * from CompanyInfo')).json.QueryResponse.CompanyInfo[0].Country).toBe('US');
    });

    it('answers a name that is no QuickBooks entity as QuickBooks does (4001 Metadata not found, quickbooks-ruby issue 628)', async () => {
        for (const entity of ['Spaceship', 'TaxService']) {
            const response = await query(`select * from ${entity}`);
            expect(response.status).toBe(400);
            expect(firstError(response)).toMatchObject({
                Message: 'Invalid query',
                Detail: `QueryValidationError: Metadata not found for Entity: ${entity}`,
                code: '4001'
            });
        }
    });

    it('says plainly when a QuickBooks entity is one the emulator does not model', async () => {
        const response = await query('select * from Vendor');
        expect(firstError(response)).toMatchObject({
            code: '4001',
            Detail: 'QueryValidationError: Vendor is a QuickBooks entity this emulator does not model'
        });
    });
});
