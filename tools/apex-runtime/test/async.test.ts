/**
 * Conformance: transactions, asynchronous Apex and the test runner (Apex Developer Guide › Asynchronous Apex;
 * Testing Apex › Using the startTest and stopTest Methods; Invoking Callouts Using Apex › Testing HTTP Callouts).
 */
import { execApex, runTests } from './harness';

const CHAIN = {
    Chain: `public class Chain implements Queueable {
        public static List<String> log = new List<String>();
        Integer n;
        public Chain(Integer n) { this.n = n; }
        public void execute(QueueableContext ctx) {
            System.debug('run ' + n);
            if (n < 3) System.enqueueJob(new Chain(n + 1));
        }
    }`
};

describe('Queueable (Apex Developer Guide › Queueable Apex)', () => {
    it('runs after the anonymous transaction commits, and chained jobs run in order', async () => {
        const r = await execApex("System.enqueueJob(new Chain(1)); System.debug('committed');", CHAIN);
        expect(r.error).toBeNull();
        expect(r.out).toEqual(['committed', 'run 1', 'run 2', 'run 3']);
    });

    it('work enqueued by a transaction that rolls back never runs', async () => {
        const r = await execApex("System.enqueueJob(new Chain(3)); throw new IllegalArgumentException('stop');", CHAIN);
        expect(r.error).toBe('System.IllegalArgumentException: stop');
        expect(r.out).toEqual([]);
    });

    it('chaining from a Queueable inside a test throws "Maximum stack depth has been reached."', async () => {
        const results = await runTests({
            ...CHAIN,
            Chain_Tests: `@IsTest private class Chain_Tests {
                @IsTest static void chains() {
                    Test.startTest();
                    System.enqueueJob(new Chain(1));
                    Test.stopTest();
                }
            }`
        });
        expect(results).toHaveLength(1);
        expect(results[0].passed).toBe(false);
        expect(results[0].message).toContain('System.AsyncException: Maximum stack depth has been reached.');
    });

    it('a Queueable enqueued without startTest/stopTest is still Queued during the test and runs after it (SFSE 298040)', async () => {
        const results = await runTests({
            ...CHAIN,
            Later_Tests: `@IsTest private class Later_Tests {
                @IsTest static void queued() {
                    Id jobId = System.enqueueJob(new Chain(3));
                    Assert.areEqual('Queued', [SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status);
                }
                @IsTest static void completedAtStopTest() {
                    Test.startTest();
                    Id jobId = System.enqueueJob(new Chain(3));
                    Test.stopTest();
                    Assert.areEqual('Completed', [SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status);
                }
            }`
        });
        expect(results.map((r) => [r.method, r.passed, r.message ?? ''])).toEqual([
            ['queued', true, ''],
            ['completedAtStopTest', true, '']
        ]);
    });

    it('System.abortJob: an aborted Queueable never runs and its AsyncApexJob reads Aborted (Apex Reference › System.abortJob; Object Reference › AsyncApexJob.Status)', async () => {
        const results = await runTests({
            ...CHAIN,
            Abort_Tests: `@IsTest private class Abort_Tests {
                @IsTest static void aborted() {
                    Test.startTest();
                    Id jobId = System.enqueueJob(new Chain(3));
                    System.abortJob(jobId);
                    Assert.areEqual('Aborted', [SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status);
                    Test.stopTest();
                    Assert.areEqual('Aborted', [SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status);
                    Assert.isNotNull([SELECT CompletedDate FROM AsyncApexJob WHERE Id = :jobId].CompletedDate);
                }
            }`
        });
        expect(results.map((r) => [r.method, r.passed, r.message ?? ''])).toEqual([['aborted', true, '']]);
    });

    it('a job killed by an uncatchable limit: its DML rolls back and its Finalizer sees the LimitException (Apex Developer Guide › Execution Governors and Limits; Transaction Finalizers)', async () => {
        const r = await execApex('System.enqueueJob(new Greedy());', {
            Greedy: `public class Greedy implements Queueable {
                public void execute(QueueableContext ctx) {
                    System.attachFinalizer(new Seen());
                    insert new Account(Name = 'written before the limit');
                    try {
                        for (Integer i = 0; i < 201; i++) { Integer n = [SELECT COUNT() FROM Account]; }
                    } catch (Exception caught) {
                        System.debug('caught ' + caught.getTypeName());
                    }
                }
            }`,
            Seen: `public class Seen implements Finalizer {
                public void execute(FinalizerContext ctx) {
                    System.debug(ctx.getResult() + ' ' + ctx.getException().getTypeName() + ' ' + [SELECT COUNT() FROM Account]);
                }
            }`
        });
        expect(r.out).toEqual(['UNHANDLED_EXCEPTION System.LimitException 0']);
    });

    it("org automation that enqueues inside a Queueable's DML uses the job's only enqueue slot (Apex Developer Guide › Queueable Apex: one System.enqueueJob per asynchronous transaction)", async () => {
        const r = await execApex("insert new Account(Name = 'Acme'); System.enqueueJob(new Writer());", {
            Writer: `public class Writer implements Queueable {
                public void execute(QueueableContext ctx) {
                    Account a = [SELECT Id FROM Account LIMIT 1];
                    a.Description = 'changed';
                    update a;
                    System.debug('slots used ' + Limits.getQueueableJobs() + ' of ' + Limits.getLimitQueueableJobs());
                    System.enqueueJob(new Noop());
                }
            }`,
            Noop: `public class Noop implements Queueable { public void execute(QueueableContext ctx) { System.debug('noop'); } }`,
            Automation: `trigger Automation on Account (after update) { System.enqueueJob(new Noop()); }`
        });
        expect(r.out[0]).toBe('slots used 1 of 1');
        expect(r.asyncErrors.join('\n')).toContain('Too many queueable jobs added to the queue: 2');
    });

    it('a Finalizer sees the parent job result and exception (Transaction Finalizers)', async () => {
        const classes = {
            Failing: `public class Failing implements Queueable {
                public void execute(QueueableContext ctx) { System.attachFinalizer(new Fin()); throw new IllegalArgumentException('bad'); }
            }`,
            Fin: `public class Fin implements Finalizer {
                public void execute(FinalizerContext ctx) { System.debug(ctx.getResult() + ' ' + ctx.getException().getMessage()); }
            }`
        };
        const r = await execApex('System.enqueueJob(new Failing());', classes);
        expect(r.out).toEqual(['UNHANDLED_EXCEPTION bad']);
    });

    it('a Queueable implementing Database.AllowsCallouts may call out at Test.stopTest; one without may not', async () => {
        const results = await runTests({
            Mock: `@IsTest public class Mock implements HttpCalloutMock {
                public HttpResponse respond(HttpRequest req) { HttpResponse r = new HttpResponse(); r.setStatusCode(200); return r; }
            }`,
            Caller: `public class Caller implements Queueable, Database.AllowsCallouts {
                public static Integer status;
                public void execute(QueueableContext ctx) {
                    HttpRequest req = new HttpRequest(); req.setMethod('GET'); req.setEndpoint('callout:Anything/x');
                    status = new Http().send(req).getStatusCode();
                }
            }`,
            NoCallouts: `public class NoCallouts implements Queueable {
                public void execute(QueueableContext ctx) {
                    HttpRequest req = new HttpRequest(); req.setMethod('GET'); req.setEndpoint('callout:Anything/x');
                    new Http().send(req);
                }
            }`,
            Callout_Tests: `@IsTest private class Callout_Tests {
                @IsTest static void allowed() {
                    Test.setMock(HttpCalloutMock.class, new Mock());
                    Test.startTest(); System.enqueueJob(new Caller()); Test.stopTest();
                    Assert.areEqual(200, Caller.status);
                }
                @IsTest static void notAllowed() {
                    Test.setMock(HttpCalloutMock.class, new Mock());
                    Test.startTest(); System.enqueueJob(new NoCallouts()); Test.stopTest();
                }
            }`
        });
        const byName = Object.fromEntries(results.map((r) => [r.method, r]));
        expect(byName.allowed.passed).toBe(true);
        expect(byName.notAllowed.message).toContain(
            'System.CalloutException: Callout not allowed from this future method.'
        );
    });

    it('a batch that needs more than one execute() in a test fails (Testing Batch Apex: one executeBatch per test)', async () => {
        const results = await runTests({
            Numbers: `public class Numbers implements Database.Batchable<Integer> {
                public static Integer chunks = 0;
                public Iterable<Integer> start(Database.BatchableContext ctx) { return new List<Integer>{ 1, 2, 3 }; }
                public void execute(Database.BatchableContext ctx, List<Integer> scope) { chunks++; }
                public void finish(Database.BatchableContext ctx) {}
            }`,
            Numbers_Tests: `@IsTest private class Numbers_Tests {
                @IsTest static void oneChunk() { Test.startTest(); Database.executeBatch(new Numbers(), 3); Test.stopTest(); Assert.areEqual(1, Numbers.chunks); }
                @IsTest static void twoChunks() { Test.startTest(); Database.executeBatch(new Numbers(), 2); Test.stopTest(); }
            }`
        });
        const byName = Object.fromEntries(results.map((r) => [r.method, r]));
        expect(byName.oneChunk.passed).toBe(true);
        expect(byName.twoChunks.message).toContain(
            'System.UnexpectedException: No more than one executeBatch can be called from within a test method.'
        );
    });

    it('a class that is both Schedulable and Queueable gets execute(QueueableContext) when enqueued', async () => {
        const r = await execApex('System.enqueueJob(new Both());', {
            Both: `public class Both implements Schedulable, Queueable {
                public void execute(SchedulableContext ctx) { System.debug('scheduled'); }
                public void execute(QueueableContext ctx) { System.debug('queued'); }
            }`
        });
        expect(r.out).toEqual(['queued']);
    });

    it('@future methods run after the transaction', async () => {
        const r = await execApex("Later.go('x'); System.debug('first');", {
            Later: `public class Later { @future public static void go(String s) { System.debug('future ' + s); } }`
        });
        expect(r.out).toEqual(['first', 'future x']);
    });

    it('AsyncOptions delay outside 0..10 minutes is rejected', async () => {
        const r = await execApex(
            'AsyncOptions o = new AsyncOptions(); o.MinimumQueueableDelayInMinutes = 11; System.enqueueJob(new Chain(3), o);',
            CHAIN
        );
        expect(r.error).toBe('System.AsyncException: The delay must be between 0 and 10 minutes.');
    });
});

describe('Test runner (Testing Apex)', () => {
    it('reports assertion failures with the message, and passes the others', async () => {
        const results = await runTests({
            Calc_Tests: `@IsTest private class Calc_Tests {
                @IsTest static void adds() { Assert.areEqual(4, 2 + 2, 'sum'); }
                @IsTest static void failsWithMessage() { Assert.areEqual(5, 2 + 2, 'sum is wrong'); }
            }`
        });
        const byName = Object.fromEntries(results.map((r) => [r.method, r]));
        expect(byName.adds.passed).toBe(true);
        expect(byName.failsWithMessage.passed).toBe(false);
        expect(byName.failsWithMessage.message).toContain(
            'System.AssertException: Assertion Failed: sum is wrong: Expected: 5, Actual: 4'
        );
        expect(byName.failsWithMessage.message).toContain('Class.Calc_Tests.failsWithMessage: line 3');
    });

    it('static state does not leak between test methods', async () => {
        const results = await runTests({
            Counter: 'public class Counter { public static Integer n = 0; }',
            Counter_Tests: `@IsTest private class Counter_Tests {
                @IsTest static void first() { Counter.n++; Assert.areEqual(1, Counter.n); }
                @IsTest static void second() { Counter.n++; Assert.areEqual(1, Counter.n); }
            }`
        });
        expect(results.every((r) => r.passed)).toBe(true);
    });

    it('HttpCalloutMock answers callouts; without a mock a test callout fails', async () => {
        const results = await runTests({
            Mock: `@IsTest public class Mock implements HttpCalloutMock {
                public HttpResponse respond(HttpRequest req) { HttpResponse r = new HttpResponse(); r.setStatusCode(201); r.setBody(req.getMethod() + ' ' + req.getEndpoint()); return r; }
            }`,
            Http_Tests: `@IsTest private class Http_Tests {
                @IsTest static void mocked() {
                    Test.setMock(HttpCalloutMock.class, new Mock());
                    HttpRequest req = new HttpRequest(); req.setMethod('POST'); req.setEndpoint('callout:QB_QuickBooks_Sandbox/v3/company');
                    HttpResponse res = new Http().send(req);
                    Assert.areEqual(201, res.getStatusCode());
                    Assert.areEqual('POST callout:QB_QuickBooks_Sandbox/v3/company', res.getBody());
                }
                @IsTest static void unmocked() {
                    HttpRequest req = new HttpRequest(); req.setMethod('GET'); req.setEndpoint('https://example.com');
                    new Http().send(req);
                }
            }`
        });
        const byName = Object.fromEntries(results.map((r) => [r.method, r]));
        expect(byName.mocked.passed).toBe(true);
        expect(byName.unmocked.message).toContain(
            'System.CalloutException: Methods defined as TestMethod do not support Web service callouts'
        );
    });

    it('a callout after enqueueJob in the same transaction fails with "uncommitted work pending"', async () => {
        const results = await runTests({
            ...CHAIN,
            Mock: `@IsTest public class Mock implements HttpCalloutMock { public HttpResponse respond(HttpRequest req) { return new HttpResponse(); } }`,
            Pending_Tests: `@IsTest private class Pending_Tests {
                @IsTest static void pending() {
                    Test.setMock(HttpCalloutMock.class, new Mock());
                    System.enqueueJob(new Chain(3));
                    HttpRequest req = new HttpRequest(); req.setEndpoint('https://example.com'); req.setMethod('GET');
                    new Http().send(req);
                }
            }`
        });
        expect(results[0].message).toContain(
            'System.CalloutException: You have uncommitted work pending. Please commit or rollback before calling out'
        );
    });

    it('Test.createStub routes calls to the StubProvider', async () => {
        const results = await runTests({
            Greeter:
                "public virtual class Greeter { public virtual String greet(String name) { return 'Hello ' + name; } }",
            Stub_Tests: `@IsTest private class Stub_Tests implements System.StubProvider {
                public Object handleMethodCall(Object stub, String method, Type ret, List<Type> types, List<String> names, List<Object> args) {
                    return method + ':' + args[0];
                }
                @IsTest static void stubbed() {
                    Greeter g = (Greeter) Test.createStub(Greeter.class, new Stub_Tests());
                    Assert.areEqual('greet:Ann', g.greet('Ann'));
                }
            }`
        });
        expect(results[0].passed).toBe(true);
    });
});

describe('load like a deploy', () => {
    it('an unknown method on a project class fails at load with file and line', async () => {
        await expect(
            execApex('System.debug(1);', {
                Caller: 'public class Caller { public static void run() { Helper.nope(); } }',
                Helper: 'public class Helper { public static void yes() {} }'
            })
        ).rejects.toThrow(
            /Caller\.cls:1: Method does not exist or incorrect signature: nope\(0 arguments\) from the type Helper/
        );
    });

    it('a wrong argument count fails at load', async () => {
        await expect(
            execApex('System.debug(1);', {
                Caller: 'public class Caller { public static void run() { Helper.yes(1, 2); } }',
                Helper: 'public class Helper { public static void yes(Integer a) {} }'
            })
        ).rejects.toThrow(/Helper\.yes\(2 arguments\)/);
    });

    it('an unknown method on a variable of a project class type fails at load', async () => {
        await expect(
            execApex('System.debug(1);', {
                Caller: 'public class Caller { public static void run() {\n Helper h = new Helper();\n h.nope(); } }',
                Helper: 'public class Helper { public void yes() {} }'
            })
        ).rejects.toThrow(
            /Caller\.cls:3: Method does not exist or incorrect signature: nope\(0 arguments\) from the type Helper/
        );
    });

    it('an obviously wrong assignment fails at load (Illegal assignment from String to Integer)', async () => {
        await expect(
            execApex('System.debug(1);', {
                Wrong: "public class Wrong { public static void run() {\n Integer n = 'five'; } }"
            })
        ).rejects.toThrow(/Wrong\.cls:2: Illegal assignment from String to Integer/);
    });

    it('widening assignments load: Integer into Decimal, Long and Double; String into Id', async () => {
        const r = await execApex(
            "Decimal d = 1; Long l = 2; Double x = 3; Id i = '001000000000001AAA'; System.debug(d + l);"
        );
        expect(r.out).toEqual(['3']);
    });

    it('an unknown String method fails at load with the platform message', async () => {
        const r = await execApex("String s = 'a';\nSystem.debug(s.fooBar());");
        expect(r.error).toBe(
            'anonymous.apex:2: Method does not exist or incorrect signature: void fooBar() from the type String'
        );
    });

    it('a syntax error fails at load with the line', async () => {
        await expect(execApex('System.debug(1);', { Broken: 'public class Broken { void x( { } }' })).rejects.toThrow(
            /Broken\.cls:1: Syntax error/
        );
    });
});
