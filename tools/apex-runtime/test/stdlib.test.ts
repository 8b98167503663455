/**
 * Conformance: platform library. Expected values are the ones the Apex Reference Guide documents for each method.
 */
import { execApex } from './harness';

async function debug(source: string): Promise<string[]> {
    const r = await execApex(source);
    if (r.error) throw new Error(r.error);
    return r.out;
}

describe('String Class (Apex Reference Guide)', () => {
    it("escapeSingleQuotes: \\'Hello Jason\\' example", async () => {
        expect(
            await debug("String s = '\\'Hello Jason\\''; System.debug(s); System.debug(String.escapeSingleQuotes(s));")
        ).toEqual(["'Hello Jason'", "\\'Hello Jason\\'"]);
    });

    it('abbreviate, left, right, leftPad, containsIgnoreCase, substringAfter', async () => {
        expect(
            await debug(
                "String s = 'Hello Maximillian'; System.debug(s.abbreviate(8)); System.debug('abcd'.left(2)); System.debug('abcd'.right(2)); System.debug('12'.leftPad(5, '0')); System.debug('Hello'.containsIgnoreCase('hELLO')); System.debug('a.b.c'.substringAfter('.'));"
            )
        ).toEqual(['Hello...', 'ab', 'cd', '00012', 'true', 'b.c']);
    });

    it('split takes a regular expression and drops trailing empty strings', async () => {
        expect(await debug("System.debug('a1b22c'.split('[0-9]+')); System.debug('a,b,,'.split(','));")).toEqual([
            '(a, b, c)',
            '(a, b)'
        ]);
    });

    it('format substitutes {0} … and join concatenates with a separator', async () => {
        expect(
            await debug(
                "System.debug(String.format('{0} and {1}', new List<Object>{'a', 2})); System.debug(String.join(new List<String>{'x', 'y'}, '-'));"
            )
        ).toEqual(['a and 2', 'x-y']);
    });

    it('isBlank treats whitespace-only strings as blank', async () => {
        expect(await debug("System.debug(String.isBlank('  ')); System.debug(String.isNotBlank(' a '));")).toEqual([
            'true',
            'true'
        ]);
    });
});

describe('Decimal Class rounding modes (Apex Reference Guide: RoundingMode examples)', () => {
    it('HALF_EVEN is the default of setScale; HALF_UP, CEILING and DOWN as documented', async () => {
        expect(
            await debug(
                'System.debug((2.5).setScale(0)); System.debug((3.5).setScale(0)); System.debug((5.5).setScale(0, RoundingMode.HALF_UP)); System.debug((-1.1).setScale(0, RoundingMode.CEILING)); System.debug((-2.7).setScale(0, RoundingMode.DOWN));'
            )
        ).toEqual(['2', '4', '6', '-1', '-2']);
    });

    it('divide(divisor, scale) and round() to the nearest Long using half-even', async () => {
        expect(
            await debug(
                "Decimal d = 10; System.debug(d.divide(3, 3)); System.debug((2.5).round()); System.debug(Decimal.valueOf('1.005').setScale(2, RoundingMode.HALF_UP));"
            )
        ).toEqual(['3.333', '2', '1.01']);
    });

    it('Decimal.valueOf of a bad string throws System.TypeException', async () => {
        const r = await execApex("Decimal d = Decimal.valueOf('abc');");
        expect(r.error).toBe('System.TypeException: Invalid decimal: abc');
    });
});

describe('Date and Datetime (Apex Reference Guide: Date Class, Datetime Class)', () => {
    it('addMonths clamps to the last day of the month; String.valueOf(Date) is yyyy-MM-dd', async () => {
        expect(
            await debug(
                'System.debug(Date.newInstance(2024, 1, 31).addMonths(1)); System.debug(String.valueOf(Date.newInstance(2024, 2, 29)));'
            )
        ).toEqual(['2024-02-29', '2024-02-29']);
    });

    it('daysBetween and monthsBetween', async () => {
        expect(
            await debug(
                'Date a = Date.newInstance(2024, 1, 15); System.debug(a.daysBetween(Date.newInstance(2024, 3, 1))); System.debug(a.monthsBetween(Date.newInstance(2024, 3, 1)));'
            )
        ).toEqual(['46', '2']);
    });

    it("Datetime.newInstance uses the user's time zone; formatGmt shows the instant in GMT", async () => {
        expect(
            await debug(
                "Datetime d = Datetime.newInstance(2024, 7, 1, 9, 30, 0); System.debug(d.formatGmt('yyyy-MM-dd HH:mm')); System.debug(d.format('yyyy-MM-dd HH:mm'));"
            )
        ).toEqual(['2024-07-01 16:30', '2024-07-01 09:30']);
    });
});

describe('JSON Class (Apex Reference Guide)', () => {
    it('serialize keeps Decimal scale and renders Dates as ISO strings', async () => {
        expect(
            await debug(
                "System.debug(JSON.serialize(new Map<String, Object>{'amount' => 1.10, 'day' => Date.newInstance(2024, 2, 29)}));"
            )
        ).toEqual(['{"amount":1.10,"day":"2024-02-29"}']);
    });

    it('suppressApexObjectNulls drops null fields of Apex objects', async () => {
        const src = `public class P { public String a = 'x'; public String b; }
            System.debug(JSON.serialize(new P())); System.debug(JSON.serialize(new P(), true));`;
        expect(await debug(src)).toEqual(['{"a":"x","b":null}', '{"a":"x"}']);
    });

    it('deserializeUntyped gives Map<String, Object> with Integer and Decimal numbers', async () => {
        expect(
            await debug(
                'Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped(\'{"a": 1, "b": 2.50, "c": [true]}\'); System.debug(m); System.debug(m.get(\'a\') instanceof Integer);'
            )
        ).toEqual(['{a=1, b=2.50, c=(true)}', 'true']);
    });

    it('an untyped list is List<ANY>: casting it to List<String> throws; to List<Object> works', async () => {
        const r = await execApex(
            'Object o = JSON.deserializeUntyped(\'["a"]\'); System.debug((List<Object>) o); List<String> s = (List<String>) o;'
        );
        expect(r.out).toEqual(['(a)']);
        expect(r.error).toBe('System.TypeException: Invalid conversion from runtime type List<ANY> to List<String>');
    });

    it('deserialize into an Apex class', async () => {
        const src = `public class Item { public String name; public Decimal price; public List<Integer> qty; }
            Item i = (Item) JSON.deserialize('{"name":"pen","price":1.50,"qty":[1,2],"ignored":true}', Item.class);
            System.debug(i.name + ' ' + i.price + ' ' + i.qty);`;
        expect(await debug(src)).toEqual(['pen 1.50 (1, 2)']);
    });

    it('malformed JSON throws System.JSONException', async () => {
        const r = await execApex("Object o = JSON.deserializeUntyped('{bad');");
        expect(r.error).toMatch(/^System\.JSONException: /);
    });
});

describe('EncodingUtil and Crypto (Apex Reference Guide)', () => {
    it('base64Encode, convertToHex of a SHA-256 digest, urlEncode', async () => {
        expect(
            await debug(
                "System.debug(EncodingUtil.base64Encode(Blob.valueOf('hello'))); System.debug(EncodingUtil.convertToHex(Crypto.generateDigest('SHA-256', Blob.valueOf('abc')))); System.debug(EncodingUtil.urlEncode('a b&c', 'UTF-8'));"
            )
        ).toEqual(['aGVsbG8=', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'a+b%26c']);
    });

    it('generateMac hmacSHA256', async () => {
        expect(
            await debug(
                "System.debug(EncodingUtil.convertToHex(Crypto.generateMac('hmacSHA256', Blob.valueOf('data'), Blob.valueOf('key'))));"
            )
        ).toEqual(['5031fe3d989c6d1537a013fa6e739da23463fdaec3b70137d828e36ace221bd0']);
    });
});

describe('Schema describe: child relationships (Apex Reference › ChildRelationship Class, DescribeFieldResult Class)', () => {
    it('lists child relationships with their object and field, and a field knows its object', async () => {
        const out = await debug(
            `for (Schema.ChildRelationship r : Account.SObjectType.getDescribe().getChildRelationships()) {
                if (r.getRelationshipName() == 'Opportunities') System.debug(r.getChildSObject() + '.' + r.getField());
            }
            System.debug(Contact.AccountId.getDescribe().getSObjectType());
            System.debug(Account.SObjectType.getDescribe().isUndeletable());`
        );
        expect(out).toEqual(['Opportunity.AccountId', 'Contact', 'true']);
    });
});
