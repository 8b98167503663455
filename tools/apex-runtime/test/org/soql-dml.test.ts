/**
 * SOQL ordering, literal typing, aggregates and cascading deletes, each case citing its source:
 * [SOQL] SOQL and SOSL Reference, [ADG] Apex Developer Guide, [OR] Object Reference.
 */
import * as path from 'node:path';
import { createOrg, type Org, type SObject } from '../../src/org';
import { ApexDate, Decimal, ManualClock } from '../../src/values';

const projectDir = path.resolve(__dirname, '../../../..');

function newOrg(): Org {
    return createOrg({ projectDir, clock: new ManualClock(Date.parse('2026-11-26T18:00:00Z')), config: {} });
}

function rec(org: Org, type: string, values: Record<string, unknown>): SObject {
    const so = org.newSObject(type);
    for (const [k, v] of Object.entries(values)) so.put(k, v);
    return so;
}

function rows(org: Org, soql: string): SObject[] {
    return org.query(soql, { resolveBind: () => null }) as SObject[];
}

function accountWithDeals(org: Org, stages: string[]): SObject {
    const account = rec(org, 'Account', { Name: 'Acme' });
    org.dml('insert', [account]);
    org.dml(
        'insert',
        stages.map((stage, i) =>
            rec(org, 'Opportunity', {
                Name: `Deal ${i}`,
                StageName: stage,
                CloseDate: ApexDate.of(2026, 11, 20),
                AccountId: account.id,
                Amount: Decimal.parse(String(100 * (i + 1)))
            })
        )
    );
    return account;
}

describe('ORDER BY [SOQL: ORDER BY]', () => {
    it('sorts a picklist in the order of its values, not alphabetically', () => {
        const org = newOrg();
        accountWithDeals(org, ['Closed Won', 'Prospecting', 'Negotiation/Review', 'Closed Lost']);
        const asc = rows(org, 'SELECT StageName FROM Opportunity ORDER BY StageName');
        expect(asc.map((r) => r.get('StageName'))).toEqual([
            'Prospecting',
            'Negotiation/Review',
            'Closed Won',
            'Closed Lost'
        ]);
        const desc = rows(org, 'SELECT StageName FROM Opportunity ORDER BY StageName DESC');
        expect(desc.map((r) => r.get('StageName'))[0]).toBe('Closed Lost');
    });

    it('accepts a subquery that names its relationship through the parent (FROM Account.Contacts)', () => {
        const org = newOrg();
        const account = accountWithDeals(org, []);
        org.dml('insert', [rec(org, 'Contact', { LastName: 'Lee', AccountId: account.id })]);
        const [row] = rows(org, 'SELECT Name, (SELECT LastName FROM Account.Contacts) FROM Account');
        expect(row.getSObjects('Contacts')!.map((c) => c.get('LastName'))).toEqual(['Lee']);
    });

    it('refuses to sort by a long text area', () => {
        const org = newOrg();
        expect(() => rows(org, 'SELECT Id FROM Opportunity ORDER BY Description')).toThrow(
            "field 'Description' can not be sorted in a query call"
        );
    });
});

describe('Literal types in WHERE [SOQL: Date Formats and Date Literals; fieldExpression]', () => {
    it('refuses a date literal for a dateTime field and a dateTime literal for a date field', () => {
        const org = newOrg();
        expect(() => rows(org, 'SELECT Id FROM Opportunity WHERE CreatedDate > 2026-01-01')).toThrow(
            "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"
        );
        expect(() => rows(org, 'SELECT Id FROM Opportunity WHERE CloseDate > 2026-01-01T00:00:00Z')).toThrow(
            "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes"
        );
        expect(() => rows(org, 'SELECT Id FROM Opportunity WHERE Name = 2026-01-01')).toThrow(
            "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"
        );
    });

    it('accepts the matching literal types', () => {
        const org = newOrg();
        accountWithDeals(org, ['Prospecting']);
        expect(rows(org, 'SELECT Id FROM Opportunity WHERE CreatedDate > 2026-01-01T00:00:00Z')).toHaveLength(1);
        expect(rows(org, 'SELECT Id FROM Opportunity WHERE CloseDate = 2026-11-20')).toHaveLength(1);
    });
});

describe('Aggregates [SOQL: Aggregate Functions — AVG()]', () => {
    it('returns the average as a plain Decimal', () => {
        const org = newOrg();
        accountWithDeals(org, ['Prospecting', 'Prospecting', 'Prospecting', 'Prospecting']);
        const [avg] = org.query('SELECT AVG(Amount) FROM Opportunity', {}) as Map<string, unknown>[];
        expect(String(avg.get('expr0'))).toBe('250');
    });
});

describe("Deleting an account [OR: Account; ADG: Operations That Don't Invoke Triggers — cascading deletes]", () => {
    it('deletes its contacts, opportunities and their line items, and undelete brings them back', () => {
        const org = newOrg();
        const account = accountWithDeals(org, ['Prospecting', 'Closed Won']);
        org.dml('insert', [rec(org, 'Contact', { LastName: 'Lee', AccountId: account.id })]);
        org.dml('delete', [account]);
        expect(org.query('SELECT COUNT() FROM Opportunity', {})).toBe(0);
        expect(org.query('SELECT COUNT() FROM Contact', {})).toBe(0);
        expect(org.query('SELECT COUNT() FROM Opportunity WHERE IsDeleted = true ALL ROWS', {})).toBe(2);
        org.dml('undelete', [rec(org, 'Account', { Id: account.id })]);
        expect(org.query('SELECT COUNT() FROM Opportunity', {})).toBe(2);
        expect(org.query('SELECT COUNT() FROM Contact', {})).toBe(1);
    });

    it('keeps records that were deleted on their own in the recycle bin when the account comes back', () => {
        const org = newOrg();
        const account = accountWithDeals(org, ['Prospecting', 'Prospecting']);
        const [first] = rows(org, "SELECT Id FROM Opportunity WHERE Name = 'Deal 0'");
        org.dml('delete', [first]);
        org.dml('delete', [account]);
        org.dml('undelete', [rec(org, 'Account', { Id: account.id })]);
        expect(rows(org, 'SELECT Name FROM Opportunity').map((r) => r.get('Name'))).toEqual(['Deal 1']);
    });
});

describe('Opportunity products [OR: Opportunity — Amount; OpportunityLineItem — UnitPrice, TotalPrice]', () => {
    function dealWithEntry(org: Org): { opp: SObject; entry: SObject } {
        const product = rec(org, 'Product2', { Name: 'Widget', IsActive: true });
        org.dml('insert', [product]);
        const entry = rec(org, 'PricebookEntry', {
            Pricebook2Id: org.standardPricebookId(),
            Product2Id: product.id,
            UnitPrice: Decimal.parse('10.00'),
            IsActive: true
        });
        org.dml('insert', [entry]);
        const opp = rec(org, 'Opportunity', {
            Name: 'Deal',
            StageName: 'Prospecting',
            CloseDate: ApexDate.of(2026, 12, 1),
            Amount: Decimal.parse('999.00')
        });
        org.dml('insert', [opp]);
        return { opp, entry };
    }

    it('derives UnitPrice from TotalPrice and refuses both at once', () => {
        const org = newOrg();
        const { opp, entry } = dealWithEntry(org);
        const line = { OpportunityId: opp.id, PricebookEntryId: entry.id, Quantity: 4 };
        const [both] = org.dml(
            'insert',
            [
                rec(org, 'OpportunityLineItem', {
                    ...line,
                    UnitPrice: Decimal.parse('7.50'),
                    TotalPrice: Decimal.parse('30')
                })
            ],
            { allOrNone: false }
        );
        expect(both.errors[0].statusCode).toBe('FIELD_INTEGRITY_EXCEPTION');
        org.dml('insert', [rec(org, 'OpportunityLineItem', { ...line, TotalPrice: Decimal.parse('30.00') })]);
        const [stored] = rows(org, 'SELECT UnitPrice, TotalPrice, ListPrice FROM OpportunityLineItem');
        expect(String(stored.get('UnitPrice'))).toBe('7.50');
        expect(String(stored.get('ListPrice'))).toBe('10.00');
    });

    it('ignores an Amount update on an opportunity with products and saves the other fields', () => {
        const org = newOrg();
        const { opp, entry } = dealWithEntry(org);
        org.dml('insert', [
            rec(org, 'OpportunityLineItem', {
                OpportunityId: opp.id,
                PricebookEntryId: entry.id,
                Quantity: 3,
                UnitPrice: Decimal.parse('10.00')
            })
        ]);
        const [result] = org.dml(
            'update',
            [rec(org, 'Opportunity', { Id: opp.id, Amount: Decimal.parse('120.00'), Description: 'edited' })],
            { allOrNone: false }
        );
        expect(result.success).toBe(true);
        const [stored] = rows(org, 'SELECT Amount, Description, HasOpportunityLineItem FROM Opportunity');
        expect(String(stored.get('Amount'))).toBe('30.00');
        expect(stored.get('Description')).toBe('edited');
        expect(stored.get('HasOpportunityLineItem')).toBe(true);
    });
});

describe('Query rows against the governor limit [ADG: Working with SOQL Aggregate Functions; Execution Governors and Limits]', () => {
    it('charges every aggregated row, one row per group for COUNT, and child rows of subqueries', () => {
        const org = newOrg();
        accountWithDeals(org, ['Prospecting', 'Prospecting', 'Closed Won', 'Closed Lost']);
        const charged = (soql: string): number => {
            const before = org.limits.queryRows;
            org.query(soql, {});
            return org.limits.queryRows - before;
        };
        expect(charged('SELECT SUM(Amount) FROM Opportunity')).toBe(4);
        expect(charged('SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName')).toBe(3);
        expect(charged('SELECT COUNT(Id) FROM Opportunity')).toBe(1);
        expect(charged('SELECT COUNT() FROM Opportunity')).toBe(1);
        expect(charged('SELECT Name, (SELECT Name FROM Opportunities) FROM Account')).toBe(5);
    });
});

describe('Numbers saved and read back [ADG: Decimal Class — setScale; OR: Opportunity — Amount]', () => {
    it("stores a number at its field's scale, so a query reads 1200.5 as 1200.50 and rounds half up", () => {
        const org = newOrg();
        org.dml('insert', [
            rec(org, 'Opportunity', {
                Name: 'Deal',
                StageName: 'Prospecting',
                CloseDate: ApexDate.of(2026, 12, 1),
                Amount: Decimal.parse('1200.5')
            }),
            rec(org, 'Opportunity', {
                Name: 'Other',
                StageName: 'Prospecting',
                CloseDate: ApexDate.of(2026, 12, 1),
                Amount: Decimal.parse('0.125')
            })
        ]);
        const amounts = rows(org, 'SELECT Amount FROM Opportunity ORDER BY Name').map((r) => String(r.get('Amount')));
        expect(amounts).toEqual(['1200.50', '0.13']);
    });
});

describe('Saving records [ADG: Upserting Records; AR: DMLOptions Class — allowFieldTruncation]', () => {
    it('upsert gives the Id to records matched by their external Id as well as to inserted ones', () => {
        const org = newOrg();
        org.dml('insert', [rec(org, 'QB_Connection_Health__c', { Name: 'Acme', Realm_Id__c: 'r1' })]);
        const matched = rec(org, 'QB_Connection_Health__c', { Realm_Id__c: 'r1' });
        const created = rec(org, 'QB_Connection_Health__c', { Name: 'Globex', Realm_Id__c: 'r2' });
        const results = org.dml('upsert', [matched, created], { externalIdField: 'Realm_Id__c' });
        expect(results.map((r) => r.created)).toEqual([false, true]);
        expect(matched.id).toBe(results[0].id);
        expect(created.id).toBe(results[1].id);
    });

    it("a custom object's empty Text name takes the record's Id", () => {
        const org = newOrg();
        const health = rec(org, 'QB_Connection_Health__c', { Realm_Id__c: 'r3' });
        org.dml('insert', [health]);
        expect(rows(org, 'SELECT Name FROM QB_Connection_Health__c')[0].get('Name')).toBe(health.id);
    });

    it('allowFieldTruncation cuts too long text to the field length instead of STRING_TOO_LONG', () => {
        const org = newOrg();
        const refused = org.dml('insert', [rec(org, 'Account', { Name: 'x'.repeat(300) })], { allOrNone: false });
        expect(refused[0].errors[0].statusCode).toBe('STRING_TOO_LONG');
        const cut = org.dml('insert', [rec(org, 'Account', { Name: 'y'.repeat(300) })], { allowFieldTruncation: true });
        expect(cut[0].success).toBe(true);
        expect(String(rows(org, 'SELECT Name FROM Account')[0].get('Name')).length).toBe(255);
    });
});

describe('Standard fields other projects use [OR: Contact, User]', () => {
    it('Contact Birthdate, HomePhone and Fax are writable; User LastLoginDate is read only', () => {
        const org = newOrg();
        org.dml('insert', [
            rec(org, 'Contact', {
                LastName: 'Lovelace',
                Birthdate: ApexDate.of(1815, 12, 10),
                HomePhone: '1',
                Fax: '2'
            })
        ]);
        const [c] = rows(org, 'SELECT Birthdate, HomePhone, Fax FROM Contact');
        expect([String(c.get('Birthdate')), c.get('HomePhone'), c.get('Fax')]).toEqual(['1815-12-10', '1', '2']);
        const lastLogin = org.schema.getObject('User')!.fields.get('lastlogindate')!;
        expect([lastLogin.type, lastLogin.createable, lastLogin.updateable]).toEqual(['DateTime', false, false]);
    });
});
