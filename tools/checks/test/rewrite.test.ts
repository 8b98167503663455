import { ApexRewriteSyntaxError, rewriteApexSource } from '../apexlink/rewrite';

const lines = (text: string) => text.split('\n').length;

describe('apexlink source rewrites', () => {
    it('turns ?? into a conditional that keeps both operands', () => {
        const { text, rewrites } = rewriteApexSource('public class A { Integer x = a ?? b; }', 'class');
        expect(rewrites).toBe(1);
        expect(text).toBe('public class A { Integer x = (a != null ? a : b); }');
    });

    it('keeps every line where it was, even for multi-line operands with comments', () => {
        const source = [
            'public class A {',
            '    Integer y = foo(',
            '        c // trailing ?? comment',
            '    ) ?? d ?? e;',
            '    Integer z = 1;',
            '}'
        ].join('\n');
        const { text } = rewriteApexSource(source, 'class');
        expect(lines(text)).toBe(lines(source));
        expect(text.split('\n')[4]).toBe('    Integer z = 1;');
        expect(text).toContain('// trailing ?? comment');
        expect(text).not.toMatch(/\?\?\s*[de]/);
    });

    it('blanks WITH USER_MODE and DML access modes without moving anything', () => {
        const source =
            'public class A { void m() { insert as user l; x = [SELECT Id FROM Account WITH USER_MODE LIMIT 1]; } }';
        const { text } = rewriteApexSource(source, 'class');
        expect(text).toHaveLength(source.length);
        expect(text).toContain('insert         l;');
        expect(text).toMatch(/FROM Account\s+LIMIT 1/);
        expect(text).not.toMatch(/USER_MODE|as user/);
    });

    it('leaves WITH SECURITY_ENFORCED and unrelated code untouched', () => {
        const source = 'public class A { List<Account> l = [SELECT Id FROM Account WITH SECURITY_ENFORCED]; }';
        expect(rewriteApexSource(source, 'class')).toEqual({ text: source, rewrites: 0 });
    });

    it('gives custom metadata accessors their documented types', () => {
        const source =
            "public class A { void m() { X = QB_Company__mdt.getAll(); Y = QB_Company__mdt.getInstance('a'); } }";
        const { text } = rewriteApexSource(source, 'class');
        expect(text).toContain('((Map<String, QB_Company__mdt>) QB_Company__mdt.getAll())');
        expect(text).toContain("((QB_Company__mdt) QB_Company__mdt.getInstance('a'))");
    });

    it('rewrites triggers too', () => {
        const source = "trigger T on Opportunity (before insert) { String s = Trigger.new[0].Name ?? ''; }";
        expect(rewriteApexSource(source, 'trigger').text).toContain(
            "(Trigger.new[0].Name != null ? Trigger.new[0].Name : '')"
        );
    });

    it('reports source that does not parse', () => {
        expect(() => rewriteApexSource('public class A { Integer x = ; }', 'class')).toThrow(ApexRewriteSyntaxError);
    });
});
