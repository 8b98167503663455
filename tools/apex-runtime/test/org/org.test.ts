/**
 * Conformance of the local org's data layer with the platform documentation. Each case names its source:
 * [OR] Object Reference for Salesforce and Lightning Platform, [SOQL] SOQL and SOSL Reference,
 * [ADG] Apex Developer Guide.
 */
import * as path from 'node:path';
import { createOrg, DmlError, type Org, type SObject } from '../../src/org';
import { ApexDate, Decimal, ManualClock } from '../../src/values';

const projectDir = path.resolve(__dirname, '../../../..');

function newOrg(config = {}): Org {
    return createOrg({ projectDir, clock: new ManualClock(Date.parse('2026-11-26T18:00:00Z')), config });
}

function rec(org: Org, type: string, values: Record<string, unknown>): SObject {
    const so = org.newSObject(type);
    for (const [k, v] of Object.entries(values)) so.put(k, v);
    return so;
}

function insert(org: Org, ...records: SObject[]): SObject[] {
    org.dml('insert', records);
    return records;
}

function rows(org: Org, soql: string, binds: Record<string, unknown> = {}): SObject[] {
    return org.query(soql, { resolveBind: (b) => binds[b.text] }) as SObject[];
}

function dealWithProduct(org: Org, unitPrice: string, quantity: number, discount?: number) {
    const [account] = insert(org, rec(org, 'Account', { Name: 'Acme' }));
    const [product] = insert(org, rec(org, 'Product2', { Name: 'Widget', ProductCode: 'W-1', IsActive: true }));
    const [entry] = insert(
        org,
        rec(org, 'PricebookEntry', {
            Pricebook2Id: org.standardPricebookId(),
            Product2Id: product.id,
            UnitPrice: Decimal.parse('120.00'),
            IsActive: true
        })
    );
    const [opp] = insert(
        org,
        rec(org, 'Opportunity', {
            Name: 'Deal',
            AccountId: account.id,
            StageName: 'Prospecting',
            CloseDate: ApexDate.of(2026, 11, 20)
        })
    );
    const line = rec(org, 'OpportunityLineItem', {
        OpportunityId: opp.id,
        PricebookEntryId: entry.id,
        Quantity: quantity,
        UnitPrice: Decimal.parse(unitPrice)
    });
    if (discount !== undefined) line.put('Discount', discount);
    insert(org, line);
    return { account, product, entry, opp, line };
}

describe('Ids', () => {
    it('are 18 characters with the object key prefix [OR: Account key prefix 001]', () => {
        const org = newOrg();
        const [a] = insert(org, rec(org, 'Account', { Name: 'Acme' }));
        expect(a.id).toMatch(/^001[A-Za-z0-9]{15}$/);
    });

    it('reject malformed ids with "Invalid id" [ADG: Id data type]', () => {
        const org = newOrg();
        const opp = org.newSObject('Opportunity');
        expect(() => opp.put('AccountId', 'not-an-id')).toThrow('Invalid id: not-an-id');
    });
});

describe('Opportunity derived fields [OR: Opportunity — IsWon, IsClosed, Probability, Amount]', () => {
    it('derives IsWon, IsClosed and the default Probability from the stage', () => {
        const org = newOrg();
        const { opp } = dealWithProduct(org, '100.00', 1);
        const won = org.newSObject('Opportunity');
        won.put('Id', opp.id);
        won.put('StageName', 'Closed Won');
        org.dml('update', [won]);
        const [r] = rows(org, 'SELECT IsWon, IsClosed, Probability, ForecastCategoryName FROM Opportunity');
        expect([r.get('IsWon'), r.get('IsClosed'), String(r.get('Probability'))]).toEqual([true, true, '100']);
        expect(r.get('ForecastCategoryName')).toBe('Closed');
    });

    it('rolls line TotalPrice up into Amount, with the discount applied', () => {
        const org = newOrg();
        dealWithProduct(org, '99.50', 3, 10);
        const [line] = rows(org, 'SELECT Subtotal, TotalPrice, ListPrice, ProductCode FROM OpportunityLineItem');
        expect(String(line.get('Subtotal'))).toBe('298.50');
        expect(String(line.get('TotalPrice'))).toBe('268.65');
        expect(String(line.get('ListPrice'))).toBe('120.00');
        expect(line.get('ProductCode')).toBe('W-1');
        const [opp] = rows(org, 'SELECT Amount, HasOpportunityLineItem FROM Opportunity');
        expect(String(opp.get('Amount'))).toBe('268.65');
        expect(opp.get('HasOpportunityLineItem')).toBe(true);
    });

    it('rejects a zero quantity on a line item', () => {
        const org = newOrg();
        expect(() => dealWithProduct(org, '10.00', 0)).toThrow(/FIELD_INTEGRITY_EXCEPTION/);
    });
});

describe('Price books [OR: PricebookEntry]', () => {
    it('needs a standard price before a custom price book entry', () => {
        const org = newOrg();
        const [product] = insert(org, rec(org, 'Product2', { Name: 'Widget', IsActive: true }));
        const [book] = insert(org, rec(org, 'Pricebook2', { Name: 'Partner', IsActive: true }));
        const entry = rec(org, 'PricebookEntry', {
            Pricebook2Id: book.id,
            Product2Id: product.id,
            UnitPrice: 5,
            IsActive: true
        });
        const [result] = org.dml('insert', [entry], { allOrNone: false });
        expect(result.success).toBe(false);
        expect(result.errors[0].statusCode).toBe('STANDARD_PRICE_NOT_DEFINED');
    });

    it('hides the standard price book from SOQL inside Apex tests [ADG: Test.getStandardPricebookId]', () => {
        const org = newOrg();
        expect(rows(org, 'SELECT Id FROM Pricebook2 WHERE IsStandard = true')).toHaveLength(1);
        org.isTestContext = true;
        expect(rows(org, 'SELECT Id FROM Pricebook2 WHERE IsStandard = true')).toHaveLength(0);
    });
});

describe('SOQL [SOQL]', () => {
    it('throws when a field that was not queried is read', () => {
        const org = newOrg();
        insert(org, rec(org, 'Account', { Name: 'Acme' }));
        const [a] = rows(org, 'SELECT Id FROM Account');
        expect(() => a.get('Name')).toThrow(
            'SObject row was retrieved via SOQL without querying the requested field: Account.Name'
        );
    });

    it('matches LIKE case-insensitively with escaped quotes', () => {
        const org = newOrg();
        insert(org, rec(org, 'Account', { Name: "O'Brien & Sons, Inc." }), rec(org, 'Account', { Name: 'Other' }));
        expect(rows(org, "SELECT Name FROM Account WHERE Name LIKE 'o\\'brien%'").map((r) => r.get('Name'))).toEqual([
            "O'Brien & Sons, Inc."
        ]);
    });

    it('compares strings with = case-insensitively', () => {
        const org = newOrg();
        insert(org, rec(org, 'Account', { Name: 'Acme' }));
        expect(rows(org, "SELECT Id FROM Account WHERE Name = 'ACME'")).toHaveLength(1);
    });

    it('binds collections with IN and sorts nulls first ascending, last descending', () => {
        const org = newOrg();
        const accounts = insert(
            org,
            rec(org, 'Account', { Name: 'B', AnnualRevenue: 5 }),
            rec(org, 'Account', { Name: 'A' }),
            rec(org, 'Account', { Name: 'C', AnnualRevenue: 1 })
        );
        const ids = accounts.map((a) => a.id);
        expect(
            rows(org, 'SELECT Name FROM Account WHERE Id IN :ids ORDER BY AnnualRevenue', { ids }).map((r) =>
                r.get('Name')
            )
        ).toEqual(['A', 'C', 'B']);
        expect(rows(org, 'SELECT Name FROM Account ORDER BY AnnualRevenue DESC').map((r) => r.get('Name'))).toEqual([
            'B',
            'C',
            'A'
        ]);
    });

    it('returns parent fields and child subqueries', () => {
        const org = newOrg();
        dealWithProduct(org, '10.00', 2);
        const [acc] = rows(org, 'SELECT Name, (SELECT Name, Account.Name FROM Opportunities) FROM Account');
        const opps = acc.getSObjects('Opportunities')!;
        expect(opps).toHaveLength(1);
        expect(opps[0].getSObject('Account')!.get('Name')).toBe('Acme');
    });

    it('refuses an OFFSET above 2000', () => {
        const org = newOrg();
        expect(() => rows(org, 'SELECT Id FROM Account LIMIT 10 OFFSET 2001')).toThrow(
            'Maximum SOQL offset allowed is 2000'
        );
    });

    it('names unaliased aggregates expr0, expr1 and groups by field', () => {
        const org = newOrg();
        insert(
            org,
            rec(org, 'Account', { Name: 'A', Industry: 'Energy', AnnualRevenue: 10 }),
            rec(org, 'Account', { Name: 'B', Industry: 'Energy', AnnualRevenue: 5 })
        );
        const [g] = org.query(
            'SELECT Industry, COUNT(Id), SUM(AnnualRevenue) total FROM Account GROUP BY Industry'
        ) as Map<string, unknown>[];
        expect(g.get('Industry')).toBe('Energy');
        expect(g.get('expr0')).toBe(2);
        expect(String(g.get('total'))).toBe('15');
    });

    it("groups by DAY_ONLY(convertTimezone(CreatedDate)) in the user's time zone [SOQL: Date Functions]", () => {
        const org = newOrg();
        insert(org, rec(org, 'Account', { Name: 'A' }), rec(org, 'Account', { Name: 'B' }));
        const [g] = org.query(
            'SELECT DAY_ONLY(convertTimezone(CreatedDate)) day, COUNT(Id) FROM Account GROUP BY DAY_ONLY(convertTimezone(CreatedDate))'
        ) as Map<string, unknown>[];
        // 2026-11-26T18:00Z is 10:00 on the 26th in America/Los_Angeles
        expect(String(g.get('day'))).toBe('2026-11-26');
        expect(g.get('expr0')).toBe(2);
    });

    it('evaluates THIS_FISCAL_QUARTER against the fiscal year start month', () => {
        const org = newOrg({ fiscalYearStartMonth: 2 });
        const [a] = insert(org, rec(org, 'Account', { Name: 'Acme' }));
        insert(
            org,
            rec(org, 'Opportunity', {
                Name: 'In',
                AccountId: a.id,
                StageName: 'Prospecting',
                CloseDate: ApexDate.of(2027, 1, 31)
            }),
            rec(org, 'Opportunity', {
                Name: 'Out',
                AccountId: a.id,
                StageName: 'Prospecting',
                CloseDate: ApexDate.of(2026, 10, 31)
            })
        );
        expect(
            rows(org, 'SELECT Name FROM Opportunity WHERE CloseDate = THIS_FISCAL_QUARTER').map((r) => r.get('Name'))
        ).toEqual(['In']);
    });

    it('reports an unknown column the way the platform words it', () => {
        const org = newOrg();
        expect(() => org.compileSoql('SELECT QB_Nope__c FROM Opportunity')).toThrow(
            "No such column 'QB_Nope__c' on entity 'Opportunity'"
        );
    });
});

describe('DML [ADG: DML statements and Database methods]', () => {
    it('words an all-or-none failure as "Insert failed. First exception on row 0"', () => {
        const org = newOrg();
        expect(() => insert(org, org.newSObject('Account'))).toThrow(
            'Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [Name]: [Name]'
        );
    });

    it('rejects a second record with the same unique external id', () => {
        const org = newOrg();
        const first = rec(org, 'QB_Sync_Request__c', { Claim_Key__c: 'r|o|1' });
        const second = rec(org, 'QB_Sync_Request__c', { Claim_Key__c: 'r|o|1' });
        const results = org.dml('insert', [first, second], { allOrNone: false });
        expect(results[0].success).toBe(true);
        expect(results[1].errors[0].statusCode).toBe('DUPLICATE_VALUE');
    });

    it('keeps the claim key case-sensitive as declared', () => {
        const org = newOrg();
        const results = org.dml(
            'insert',
            [
                rec(org, 'QB_Sync_Request__c', { Claim_Key__c: 'A|x|1' }),
                rec(org, 'QB_Sync_Request__c', { Claim_Key__c: 'a|x|1' })
            ],
            {
                allOrNone: false
            }
        );
        expect(results.map((r) => r.success)).toEqual([true, true]);
    });

    it('refuses an Id in an insert call and an update without Id', () => {
        const org = newOrg();
        const [a] = insert(org, rec(org, 'Account', { Name: 'A' }));
        expect(() => org.dml('insert', [a])).toThrow(/cannot specify Id in an insert call/);
        expect(() => org.dml('update', [rec(org, 'Account', { Name: 'B' })])).toThrow(
            /MISSING_ARGUMENT, Id not specified in an update call/
        );
    });

    it('flags text longer than the field', () => {
        const org = newOrg();
        const r = rec(org, 'QB_Sync_Request__c', { Claim_Key__c: 'x'.repeat(121) });
        expect(() => insert(org, r)).toThrow(/STRING_TOO_LONG/);
    });

    describe("setup and non-setup objects [ADG: sObjects That Can't Be Used Together in DML Operations]", () => {
        function user(org: Org, values: Record<string, unknown> = {}): SObject {
            const profileId = rows(org, "SELECT Id FROM Profile WHERE Name = 'Standard User'")[0].id;
            return rec(org, 'User', {
                LastName: 'U',
                Email: 'u@example.com',
                Username: 'u@example.com.local',
                Alias: 'u',
                TimeZoneSidKey: 'America/Los_Angeles',
                LocaleSidKey: 'en_US',
                EmailEncodingKey: 'UTF-8',
                LanguageLocaleKey: 'en_US',
                ProfileId: profileId,
                ...values
            });
        }

        it('refuses a permission set assignment after an account in one transaction', () => {
            const org = newOrg();
            org.beginTransaction();
            insert(org, rec(org, 'Account', { Name: 'A' }));
            const psId = rows(org, "SELECT Id FROM PermissionSet WHERE Name = 'QB_Sync_Sales_User'")[0].id;
            const assignment = rec(org, 'PermissionSetAssignment', {
                AssigneeId: org.runningUserId,
                PermissionSetId: psId
            });
            expect(() => insert(org, assignment)).toThrow(
                'MIXED_DML_OPERATION, DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): PermissionSetAssignment, original object: Account'
            );
        });

        it('allows a user inserted without a role, and refuses one with a role', () => {
            const org = newOrg();
            org.beginTransaction();
            insert(org, rec(org, 'Account', { Name: 'A' }));
            expect(() => insert(org, user(org))).not.toThrow();
            org.commit();
            org.beginTransaction();
            const [role] = insert(org, rec(org, 'UserRole', { Name: 'Sales' }));
            org.commit();
            org.beginTransaction();
            insert(org, rec(org, 'Account', { Name: 'B' }));
            expect(() => insert(org, user(org, { Username: 'r@example.com.local', UserRoleId: role.id }))).toThrow(
                /MIXED_DML_OPERATION/
            );
        });

        it('allows a user update that leaves role, profile, username and IsActive alone', () => {
            const org = newOrg();
            const [u] = insert(org, user(org));
            org.commit();
            org.beginTransaction();
            insert(org, rec(org, 'Account', { Name: 'A' }));
            expect(() => org.dml('update', [rec(org, 'User', { Id: u.id, Title: 'Boss' })])).not.toThrow();
            expect(() => org.dml('update', [rec(org, 'User', { Id: u.id, IsActive: false })])).toThrow(
                /MIXED_DML_OPERATION/
            );
        });
    });

    it('rolls a savepoint back, records and auto numbers', () => {
        const org = newOrg();
        const sp = org.setSavepoint();
        insert(org, rec(org, 'QB_Sync_Request__c', { Claim_Key__c: 'k1' }));
        org.rollback(sp);
        expect(org.query('SELECT COUNT() FROM QB_Sync_Request__c')).toBe(0);
        insert(org, rec(org, 'QB_Sync_Request__c', { Claim_Key__c: 'k2' }));
        expect(rows(org, 'SELECT Name FROM QB_Sync_Request__c')[0].get('Name')).toBe('SR-000001');
    });

    it('runs triggers in chunks of 200 with before changes persisted [ADG: Triggers and Order of Execution]', () => {
        const org = newOrg();
        const sizes: string[] = [];
        (org as unknown as { triggerObjects: Set<string> }).triggerObjects.add('account');
        org.setTriggerInvoker((_name, ctx) => {
            sizes.push(`${ctx.isBefore ? 'before' : 'after'}:${ctx.size}`);
            if (ctx.isBefore) for (const r of ctx.new as SObject[]) r.put('Description', 'set in before');
            else expect(() => (ctx.new as SObject[])[0].put('Description', 'x')).toThrow('Record is read-only');
        });
        const accounts = Array.from({ length: 250 }, (_, i) => rec(org, 'Account', { Name: `A${i}` }));
        org.dml('insert', accounts);
        expect(sizes).toEqual(['before:200', 'before:50', 'after:200', 'after:50']);
        expect(
            rows(
                org,
                "SELECT COUNT() FROM Account WHERE Description = 'set in before'".replace('SELECT COUNT()', 'SELECT Id')
            )
        ).toHaveLength(250);
    });

    // "If Apex triggers run on the first attempt and some records fail, the triggers run again on the subset".
    it('re-runs a partial-success save, triggers included, without the failed rows [ADG: Bulk DML Exception Handling]', () => {
        const org = newOrg();
        let afterRuns = 0;
        (org as unknown as { triggerObjects: Set<string> }).triggerObjects.add('account');
        org.setTriggerInvoker((_n, ctx) => {
            if (ctx.isBefore)
                for (const r of ctx.new as SObject[]) if (r.get('Name') === 'bad') r.addError('no bad names');
            if (ctx.isAfter) afterRuns++;
        });
        const results = org.dml(
            'insert',
            [rec(org, 'Account', { Name: 'good' }), rec(org, 'Account', { Name: 'bad' })],
            { allOrNone: false }
        );
        expect(results.map((r) => r.success)).toEqual([true, false]);
        expect(results[1].errors[0].message).toBe('no bad names');
        expect(afterRuns).toBe(2);
        expect(org.query('SELECT COUNT() FROM Account')).toBe(1);
    });

    it('exposes the failing rows on a DmlError', () => {
        const org = newOrg();
        try {
            org.dml('insert', [rec(org, 'Account', { Name: 'ok' }), org.newSObject('Account')]);
            throw new Error('expected a failure');
        } catch (e) {
            expect(e).toBeInstanceOf(DmlError);
            expect((e as DmlError).dmlErrors[0]).toMatchObject({ index: 1, statusCode: 'REQUIRED_FIELD_MISSING' });
        }
    });
});

describe('User mode [ADG: Enforce User Mode for Database Operations]', () => {
    function salesUser(org: Org): string {
        const profileId = rows(org, "SELECT Id FROM Profile WHERE Name = 'Standard User'")[0].id!;
        const [user] = insert(
            org,
            rec(org, 'User', {
                LastName: 'Rep',
                Email: 'rep@example.com',
                Username: 'rep@example.com.local',
                Alias: 'rep',
                TimeZoneSidKey: 'America/Los_Angeles',
                LocaleSidKey: 'en_US',
                EmailEncodingKey: 'UTF-8',
                LanguageLocaleKey: 'en_US',
                ProfileId: profileId
            })
        );
        return user.id!;
    }

    it('refuses a custom object the user has no permission set for, and allows it in system mode', () => {
        const org = newOrg();
        const userId = salesUser(org);
        org.runAs(userId, () => {
            expect(() => org.query('SELECT Id FROM QB_Sync_Log__c', { accessLevel: 'USER_MODE' })).toThrow(
                "sObject type 'QB_Sync_Log__c' is not supported"
            );
            expect(org.query('SELECT Id FROM QB_Sync_Log__c')).toEqual([]);
        });
    });

    it('grants custom permissions only through permission sets', () => {
        const org = newOrg({
            runningUser: {
                lastName: 'Admin',
                email: 'a@example.com',
                username: 'a@x.local',
                profile: 'System Administrator',
                permissionSets: []
            }
        });
        expect(org.hasCustomPermission('QB_Sync_Invoices')).toBe(false);
        const withSet = newOrg({
            runningUser: {
                lastName: 'Admin',
                email: 'a@example.com',
                username: 'a@x.local',
                profile: 'System Administrator',
                permissionSets: ['QB_Sync_Sales_User']
            }
        });
        expect(withSet.hasCustomPermission('QB_Sync_Invoices')).toBe(true);
        expect(withSet.hasCustomPermission('QB_Administer_Sync')).toBe(false);
    });
});
