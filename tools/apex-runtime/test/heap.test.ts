/**
 * Conformance: the Apex heap governor (Apex Developer Guide › Execution Governors and Limits: total heap size 6 MB
 * synchronous, 12 MB asynchronous, synchronous limits for scheduled Apex; Apex Reference › Exception Class and
 * Built-In Exceptions: "LimitException — A governor limit has been exceeded. This exception can't be caught.").
 * The runtime counts approximately (strings by length, Blobs by bytes, collections and records by what they hold),
 * so sizes are asserted in ranges.
 */
import { execApex, runTests } from './harness';

const MB = 1_000_000;

describe('heap size (Execution Governors and Limits › Total heap size)', () => {
    it('Limits.getHeapSize counts what the code still holds: a 1 MB String while it is referenced, not after', async () => {
        const r = await execApex(`
            Integer before = Limits.getHeapSize();
            String big = 'x'.repeat(1000000);
            Integer holding = Limits.getHeapSize();
            big = null;
            Integer released = Limits.getHeapSize();
            System.debug((holding - before) + ' ' + (released - before) + ' ' + Limits.getLimitHeapSize());
        `);
        expect(r.error).toBeNull();
        const [held, released, limit] = r.out[0].split(' ').map(Number);
        expect(held).toBeGreaterThanOrEqual(MB);
        expect(held).toBeLessThan(1.1 * MB);
        expect(released).toBeLessThan(1000);
        expect(limit).toBe(6 * MB);
    });

    it('Blobs, collections, sObjects and class instances are counted by what they hold', async () => {
        const r = await execApex(
            `
            Integer before = Limits.getHeapSize();
            Blob data = Blob.valueOf('b'.repeat(500000));
            List<String> rows = new List<String>();
            for (Integer i = 0; i < 1000; i++) rows.add('r'.repeat(500) + i);
            Map<String, Object> parsed = (Map<String, Object>) JSON.deserializeUntyped('{"a":"' + 'j'.repeat(500000) + '"}');
            List<Account> accounts = new List<Account>{ new Account(Name = 'A', Description = 'd'.repeat(500000)) };
            Holder holder = new Holder('h'.repeat(500000));
            System.debug(Limits.getHeapSize() - before);
        `,
            {
                Holder: `public class Holder { String text; public Holder(String text) { this.text = text; } }`
            }
        );
        expect(r.error).toBeNull();
        const grown = Number(r.out[0]);
        expect(grown).toBeGreaterThanOrEqual(2.5 * MB);
        expect(grown).toBeLessThan(2.8 * MB);
    });

    it('the same String held by two variables is one object', async () => {
        const r = await execApex(`
            String a = 'x'.repeat(1000000);
            String b = a;
            List<String> c = new List<String>{ a, b };
            System.debug(Limits.getHeapSize());
        `);
        expect(Number(r.out[0])).toBeLessThan(1.1 * MB);
    });

    it('synchronous code over 6 MB throws System.LimitException: Apex heap size too large, which no catch stops', async () => {
        const r = await execApex(`
            List<String> held = new List<String>();
            try {
                for (Integer i = 0; i < 8; i++) held.add(i + 'x'.repeat(1000000));
                System.debug('not reached');
            } catch (Exception e) {
                System.debug('caught ' + e.getTypeName());
            }
        `);
        expect(r.out).toEqual([]);
        expect(r.error).toMatch(/^System\.LimitException: Apex heap size too large: \d+$/);
        expect(Number(r.error!.split(': ').pop())).toBeGreaterThan(6 * MB);
    });

    it('garbage does not count: building and dropping 1 MB Strings many times stays under the limit', async () => {
        const r = await execApex(`
            Integer total = 0;
            for (Integer i = 0; i < 30; i++) {
                String page = 'p'.repeat(1000000);
                total += page.length();
            }
            System.debug(total);
        `);
        expect(r.error).toBeNull();
        expect(r.out).toEqual(['30000000']);
    });

    it('a Queueable has 12 MB: 9 MB is allowed, 13 MB kills it and its Finalizer sees the LimitException', async () => {
        const r = await execApex('System.enqueueJob(new Holds(9)); System.enqueueJob(new Holds(13));', {
            Holds: `public class Holds implements Queueable {
                Integer megabytes;
                public Holds(Integer megabytes) { this.megabytes = megabytes; }
                public void execute(QueueableContext ctx) {
                    System.attachFinalizer(new Seen());
                    List<Blob> held = new List<Blob>();
                    for (Integer i = 0; i < megabytes; i++) held.add(Blob.valueOf('x'.repeat(1000000)));
                    System.debug(megabytes + ' MB held of ' + Limits.getLimitHeapSize());
                }
            }`,
            Seen: `public class Seen implements Finalizer {
                public void execute(FinalizerContext ctx) {
                    Exception e = ctx.getException();
                    System.debug(ctx.getResult() + (e == null ? '' : ' ' + e.getTypeName() + ' ' + e.getMessage().substringBefore(':')));
                }
            }`
        });
        expect(r.out).toEqual([
            '9 MB held of 12000000',
            'SUCCESS',
            'UNHANDLED_EXCEPTION System.LimitException Apex heap size too large'
        ]);
    });

    it('scheduled Apex runs with the synchronous 6 MB ("synchronous limits apply to scheduled Apex jobs")', async () => {
        const results = await runTests({
            Nightly: `public class Nightly implements Schedulable {
                public static Integer limitSeen;
                public void execute(SchedulableContext ctx) { limitSeen = Limits.getLimitHeapSize(); }
            }`,
            Nightly_Tests: `@IsTest private class Nightly_Tests {
                @IsTest static void limitIsSynchronous() {
                    Test.startTest();
                    System.schedule('nightly', '0 0 1 * * ?', new Nightly());
                    Test.stopTest();
                    Assert.areEqual(6000000, Nightly.limitSeen);
                }
            }`
        });
        expect(results.map((t) => [t.method, t.passed, t.message ?? ''])).toEqual([['limitIsSynchronous', true, '']]);
    });

    it('an Apex test method is synchronous: holding 7 MB fails it with the LimitException', async () => {
        const results = await runTests({
            Big_Tests: `@IsTest private class Big_Tests {
                @IsTest static void holdsTooMuch() {
                    String body = 'x'.repeat(3500000);
                    String copy = body + body;
                    Assert.isTrue(copy.length() > 0);
                }
            }`
        });
        expect(results[0].passed).toBe(false);
        expect(results[0].message).toMatch(/^System\.LimitException: Apex heap size too large: \d+/);
    });
});
