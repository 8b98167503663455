/**
 * Conformance: Apex language core. Each case names the Apex Developer Guide / Apex Reference topic whose
 * documented behaviour (and published output, where the page prints one) it checks.
 */
import { execApex } from './harness';

async function debug(source: string): Promise<string[]> {
    const r = await execApex(source);
    if (r.error) throw new Error(r.error);
    return r.out;
}

describe('primitive data types (Apex Developer Guide › Data Types › Primitive Data Types)', () => {
    it('Integer is a 32-bit number that wraps on overflow (range -2,147,483,648 … 2,147,483,647)', async () => {
        expect(
            await debug('Integer i = 2147483647; i++; System.debug(i); System.debug(Integer.MAX_VALUE + 1);')
        ).toEqual(['-2147483648', '-2147483648']);
    });

    it('Decimal keeps its scale: 1.10 stays 1.10 (Decimal Class: "1.1 and 1.10 … differ in scale")', async () => {
        expect(
            await debug(
                'Decimal d = 1.10; System.debug(d); System.debug(d + 2); System.debug(d * 2.00); System.debug(d.scale());'
            )
        ).toEqual(['1.10', '3.10', '2.2000', '2']);
    });

    it('Integer division truncates; Decimal division does not', async () => {
        expect(await debug('System.debug(10 / 4); Decimal d = 10; System.debug(d / 4); System.debug(-7 / 2);')).toEqual(
            ['2', '2.5', '-3']
        );
    });

    it('Double prints the Java way (Double.valueOf / String.valueOf(Double))', async () => {
        expect(
            await debug(
                'Double a = 1; Double b = 10000000; Double c = 0.0001; System.debug(a); System.debug(b); System.debug(c);'
            )
        ).toEqual(['1.0', '1.0E7', '1.0E-4']);
    });

    it('Long literals and arithmetic are 64-bit', async () => {
        expect(await debug('Long l = 2147483647L; l = l + 1; System.debug(l);')).toEqual(['2147483648']);
    });
});

describe('expressions and operators (Apex Developer Guide › Expression Operators)', () => {
    it('String == is case-insensitive; equals() is not', async () => {
        expect(await debug("System.debug('abc' == 'ABC'); System.debug('abc'.equals('ABC'));")).toEqual([
            'true',
            'false'
        ]);
    });

    it('safe navigation ?. returns null instead of throwing (Safe Navigation Operator)', async () => {
        expect(
            await debug(
                'String s = null; System.debug(s?.length()); Account a = null;'.replace(' Account a = null;', '')
            )
        ).toEqual(['null']);
    });

    it('null coalescing ?? returns the right operand when the left is null (Null Coalescing Operator)', async () => {
        expect(
            await debug("String s = null; System.debug(s ?? 'fallback'); Integer n = 5; System.debug(n ?? 7);")
        ).toEqual(['fallback', '5']);
    });

    it('string concatenation renders null as "null"', async () => {
        expect(await debug("String s; System.debug('x' + s);")).toEqual(['xnull']);
    });

    it('dereferencing null throws System.NullPointerException', async () => {
        const r = await execApex('String s; Integer n = s.length();');
        expect(r.error).toBe('System.NullPointerException: Attempt to de-reference a null object');
    });
});

describe('collections (Apex Developer Guide › Collections; String.valueOf rendering)', () => {
    it('renders lists as (a, b), sets as {a, b}, maps as {k=v}', async () => {
        expect(
            await debug(
                "System.debug(new List<Integer>{1, 2}); System.debug(new Set<String>{'a', 'b'}); System.debug(new Map<String, Integer>{'a' => 1});"
            )
        ).toEqual(['(1, 2)', '{a, b}', '{a=1}']);
    });

    it('List index out of bounds throws System.ListException with the index', async () => {
        const r = await execApex('List<Integer> l = new List<Integer>(); Integer x = l[5];');
        expect(r.error).toBe('System.ListException: List index out of bounds: 5');
    });

    it('Map keys of type String are case-sensitive', async () => {
        expect(
            await debug(
                "Map<String, Integer> m = new Map<String, Integer>{'a' => 1}; System.debug(m.containsKey('A'));"
            )
        ).toEqual(['false']);
    });

    it('List.sort orders primitives ascending', async () => {
        expect(await debug('List<Integer> l = new List<Integer>{3, 1, 2}; l.sort(); System.debug(l);')).toEqual([
            '(1, 2, 3)'
        ]);
    });
});

describe('classes, interfaces, exceptions (Apex Developer Guide › Classes, Objects, and Interfaces; Exceptions)', () => {
    it('virtual/override dispatch, super calls and constructor chaining', async () => {
        const src = `
            public virtual class Animal {
                protected String name;
                public Animal() { this('generic'); }
                public Animal(String name) { this.name = name; }
                public virtual String speak() { return name + ' makes a sound'; }
            }
            public class Dog extends Animal {
                public Dog() { super('dog'); }
                public override String speak() { return super.speak() + ': woof'; }
            }
            System.debug(new Animal().speak());
            System.debug(new Dog().speak());
        `;
        expect(await debug(src)).toEqual(['generic makes a sound', 'dog makes a sound: woof']);
    });

    it('custom exceptions carry message and type name; uncaught ones print Type: message', async () => {
        const src = `
            public class MyException extends Exception {}
            try { throw new MyException('boom'); } catch (MyException e) { System.debug(e.getTypeName() + ' ' + e.getMessage()); }
        `;
        expect(await debug(src)).toEqual(['MyException boom']);
        const r = await execApex("public class MyException extends Exception {} throw new MyException('unhandled');");
        expect(r.error).toBe('MyException: unhandled');
    });

    it('finally runs after a caught exception', async () => {
        expect(
            await debug(
                "try { Integer x = 1 / 0; } catch (MathException e) { System.debug(e.getMessage()); } finally { System.debug('finally'); }"
            )
        ).toEqual(['Divide by 0', 'finally']);
    });

    it('System.assert failures cannot be caught (Exception Class: AssertException)', async () => {
        const r = await execApex("try { System.assert(false, 'no'); } catch (Exception e) { System.debug('caught'); }");
        expect(r.error).toBe('System.AssertException: Assertion Failed: no');
    });

    it('enums: values(), name(), ordinal() (Enums)', async () => {
        expect(
            await debug(
                'public enum Season { WINTER, SPRING } System.debug(Season.values()); System.debug(Season.SPRING.ordinal());'
            )
        ).toEqual(['(WINTER, SPRING)', '1']);
    });

    it('switch on values and types (Switch Statements)', async () => {
        const src = `
            Object o = 5;
            switch on o { when Integer i { System.debug('int ' + i); } when else { System.debug('other'); } }
            switch on 'b' { when 'a' { System.debug('A'); } when 'b', 'c' { System.debug('B'); } }
        `;
        expect(await debug(src)).toEqual(['int 5', 'B']);
    });

    it('switch on a String compares case-sensitively, unlike == (Switch Statements; salesforce.stackexchange.com/q/231060)', async () => {
        expect(
            await debug(
                "switch on 'abc' { when 'ABC' { System.debug('upper'); } when 'abc' { System.debug('lower'); } }"
            )
        ).toEqual(['lower']);
    });

    it('casting to an incompatible type throws System.TypeException', async () => {
        const r = await execApex("Object o = 'x'; Integer i = (Integer) o;");
        expect(r.error).toBe('System.TypeException: Invalid conversion from runtime type String to Integer');
    });

    it('static initialisation runs once, on first use', async () => {
        const src = `
            public class Counter { public static Integer n = 0; static { n = 10; } public static Integer next() { return ++n; } }
            System.debug(Counter.next()); System.debug(Counter.next());
        `;
        expect(await debug(src)).toEqual(['11', '12']);
    });

    it('properties with get/set accessors', async () => {
        const src = `
            public class Temp { public Integer celsius { get; set { celsius = value; } } public Integer fahrenheit { get { return celsius * 9 / 5 + 32; } } }
            Temp t = new Temp(); t.celsius = 100; System.debug(t.fahrenheit);
        `;
        expect(await debug(src)).toEqual(['212']);
    });
});

describe('instance initialisers and tokens held as Object (Apex Developer Guide › Using Constructors; Casting)', () => {
    it('runs a `{ … }` block in its own scope, so a constructor parameter named like the field does not shadow it', async () => {
        const r = await execApex(
            `System.debug(((List<SObject>) new Holder(new List<Account>{ new Account(Name = 'a') }).objects).size());`,
            {
                Holder: `public class Holder {
                    public List<Object> objects { get; private set; } { objects = new List<Object>(); }
                    public Holder(List<Object> objects) { this.objects = objects.clone(); }
                }`
            }
        );
        expect([r.error, r.out]).toEqual([null, ['1']]);
    });

    it('casts an SObjectField, SObjectType or Type token back from Object', async () => {
        const out = await debug(
            `Map<String, Object> tokens = new Map<String, Object>{ 'f' => Account.Name, 't' => Account.SObjectType, 'c' => String.class };
            System.debug((Schema.SObjectField) tokens.get('f'));
            System.debug((Schema.SObjectType) tokens.get('t'));
            System.debug((Type) tokens.get('c'));
            System.debug(tokens.get('f') instanceof Schema.SObjectField);
            try { Schema.SObjectType wrong = (Schema.SObjectType) tokens.get('f'); } catch (TypeException e) { System.debug(e.getMessage()); }`
        );
        expect(out).toEqual([
            'Name',
            'Account',
            'String',
            'true',
            'Invalid conversion from runtime type Schema.SObjectField to Schema.SObjectType'
        ]);
    });
});

describe('custom exception constructors (Apex Developer Guide › Create Custom Exceptions)', () => {
    it('keeps the four built-in constructors beside a declared one, at load time and at run time', async () => {
        const r = await execApex(
            `try { throw new Odd('a', 1); } catch (Odd e) { System.debug(e.getMessage()); }
            try { throw new Odd('plain'); } catch (Odd e) { System.debug(e.getMessage()); }
            System.debug(new Odd().getMessage());`,
            {
                Odd: `public class Odd extends Exception { public Odd(String a, Integer b) { this.setMessage(a + b); } }`
            }
        );
        expect([r.error, r.out]).toEqual([null, ['a1', 'plain', 'null']]);
    });
});

describe('Id assignment (Apex Developer Guide › Primitive Data Types: ID — invalid values are rejected at run time)', () => {
    it('refuses a String that is not an Id with StringException: Invalid id, and lengthens a 15-character Id', async () => {
        const out = await debug(
            `try { Id x = 'bad'; System.debug('kept ' + x); } catch (StringException e) { System.debug(e.getMessage()); }
            String text = '001000000000001';
            Id fifteen = text;
            System.debug(fifteen.length());
            Map<String, Object> m = new Map<String, Object>{ 'id' => 'nope' };
            try { Id y = (String) m.get('id'); System.debug('kept ' + y); } catch (StringException e) { System.debug(e.getMessage()); }`
        );
        expect(out).toEqual(['Invalid id: bad', '18', 'Invalid id: nope']);
    });
});
