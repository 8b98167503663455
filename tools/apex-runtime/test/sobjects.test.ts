/**
 * Conformance: the language side of sObjects, SOQL, DML and triggers (the data semantics themselves are covered by
 * the org layer's own tests in test/org). References: Apex Developer Guide › Working with Data in Apex.
 */
import { execApex, runTests } from './harness';

async function debug(source: string, classes: Record<string, string> = {}): Promise<string[]> {
    const r = await execApex(source, classes);
    if (r.error) throw new Error(r.error);
    return r.out;
}

describe('sObjects (Apex Developer Guide › sObject Types)', () => {
    it('renders as Type:{Field=value, …} in the order fields were set', async () => {
        expect(await debug("Account a = new Account(Name = 'Acme'); a.Description = 'x'; System.debug(a);")).toEqual([
            'Account:{Name=Acme, Description=x}'
        ]);
    });

    it('Currency fields hold Decimals that keep their scale', async () => {
        expect(await debug('Opportunity o = new Opportunity(Amount = 10); System.debug(o.Amount + 0.50);')).toEqual([
            '10.50'
        ]);
    });

    it('insert assigns an 18-character Id with the object key prefix', async () => {
        expect(
            await debug(
                "Account a = new Account(Name = 'Acme'); insert a; System.debug(String.valueOf(a.Id).length()); System.debug(String.valueOf(a.Id).left(3));"
            )
        ).toEqual(['18', '001']);
    });

    it('Id.getSObjectType() names the object of the key prefix (Id Class)', async () => {
        expect(
            await debug(
                "Account a = new Account(Name = 'Acme'); insert a; System.debug(a.Id.getSObjectType() == Account.SObjectType); System.debug(a.Id.getSObjectType());"
            )
        ).toEqual(['true', 'Account']);
    });

    it('a 15-character Id becomes the 18-character form when assigned to an Id, a Map<Id, …> key or a Set<Id> (Id Class)', async () => {
        expect(
            await debug(
                "Account a = new Account(Name = 'x'); insert a; String s15 = String.valueOf(a.Id).left(15); Id asId = s15; System.debug(asId == a.Id); System.debug(new Map<Id, Account>{ a.Id => a }.containsKey(s15)); System.debug(new Set<Id>{ a.Id }.contains(s15));"
            )
        ).toEqual(['true', 'true', 'true']);
    });

    it('SOQL with an inline bind; a single-row query assigns to an sObject variable', async () => {
        const src = `
            insert new Account(Name = 'Acme');
            String n = 'Acme';
            Account a = [SELECT Id, Name FROM Account WHERE Name = :n];
            System.debug(a.Name);
            List<Account> none = [SELECT Id FROM Account WHERE Name = 'Nobody'];
            System.debug(none.size());
        `;
        expect(await debug(src)).toEqual(['Acme', '0']);
    });

    it('inline SOQL after non-BMP characters (emoji) in the source is read correctly', async () => {
        expect(
            await debug(
                "String smile = '😀'; insert new Account(Name = 'Acme'); System.debug([SELECT Name FROM Account].Name + smile);"
            )
        ).toEqual(['Acme😀']);
    });

    it('a query with no rows assigned to an sObject throws System.QueryException', async () => {
        const r = await execApex("Account a = [SELECT Id FROM Account WHERE Name = 'Nobody'];");
        expect(r.error).toBe('System.QueryException: List has no rows for assignment to SObject');
    });

    it('reading a field the query did not select throws System.SObjectException', async () => {
        const r = await execApex(
            "insert new Account(Name = 'Acme'); Account a = [SELECT Id FROM Account LIMIT 1]; String d = a.Description;"
        );
        expect(r.error).toBe(
            'System.SObjectException: SObject row was retrieved via SOQL without querying the requested field: Account.Description'
        );
    });

    it('an exception rolls back the DML of the transaction', async () => {
        const { runtimeFor } = await import('./harness');
        const { rt } = await runtimeFor();
        const { runAnonymous } = await import('../src/interpreter/anonymous');
        const first = runAnonymous(
            rt,
            "insert new Account(Name = 'Gone'); throw new IllegalArgumentException('x');",
            'a.apex'
        );
        expect(first.error).toBe('System.IllegalArgumentException: x');
        const out: string[] = [];
        rt.it.out = (l) => out.push(l);
        runAnonymous(rt, "System.debug([SELECT COUNT() FROM Account WHERE Name = 'Gone']);", 'b.apex');
        expect(out).toEqual(['0']);
    });
});

describe('triggers (Apex Developer Guide › Triggers › Trigger Context Variables)', () => {
    it('a before-insert trigger can change Trigger.new; after-insert sees Ids in Trigger.newMap', async () => {
        const classes = {
            AccountNames: `trigger AccountNames on Account (before insert, after insert) {
                if (Trigger.isBefore) { for (Account a : Trigger.new) { a.Description = 'from trigger'; } }
                else { System.debug(Trigger.newMap.size() + ' ' + Trigger.isInsert); }
            }`
        };
        expect(
            await debug(
                "Account a = new Account(Name = 'Acme'); insert a; System.debug([SELECT Description FROM Account].Description);",
                classes
            )
        ).toEqual(['1 true', 'from trigger']);
    });
});

describe('exceptions in triggers (Apex Developer Guide › Triggers and Bulk Requests; DmlException)', () => {
    it('an uncaught exception in a trigger fails the DML with CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY and the cause', async () => {
        const classes = {
            Boom: `trigger Boom on Account (before insert) {
                String s;
                s.length();
            }`
        };
        const out = await debug(
            "try { insert new Account(Name = 'A'); } catch (DmlException e) { System.debug(e.getDmlType(0)); System.debug(e.getMessage().contains('Boom: execution of BeforeInsert')); System.debug(e.getMessage().contains('caused by: System.NullPointerException: Attempt to de-reference a null object')); }",
            classes
        );
        expect(out).toEqual(['CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'true', 'true']);
    });
});

describe('test isolation (Apex Developer Guide › Using Test Setup Methods)', () => {
    it('each test method sees only the @TestSetup data, never another method’s DML', async () => {
        const results = await runTests({
            Iso_Tests: `@IsTest private class Iso_Tests {
                @TestSetup static void setup() { insert new Account(Name = 'Base'); }
                @IsTest static void addsOne() { insert new Account(Name = 'Extra'); Assert.areEqual(2, [SELECT COUNT() FROM Account]); }
                @IsTest static void seesOnlySetup() { Assert.areEqual(1, [SELECT COUNT() FROM Account]); }
            }`
        });
        expect(results.map((r) => [r.method, r.passed, r.message ?? ''])).toEqual([
            ['addsOne', true, ''],
            ['seesOnlySetup', true, '']
        ]);
    });
});
