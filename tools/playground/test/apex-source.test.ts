import {
    apexString,
    auraCallSource,
    newOpportunityProblem,
    newOpportunitySource,
    typeSource,
    RESULT_MARKER
} from '../src/org/apex-source';
import type { TypeRef } from '../../apex-runtime/src';

function type(name: string, args: TypeRef[] = [], array = 0): TypeRef {
    return { name, n: name.toLowerCase(), args, array };
}

describe('Apex source the playground sends to the runtime', () => {
    it('quotes awkward text as an Apex string literal', () => {
        expect(apexString("O'Brien & Sons\\ \n Macy’s")).toBe("'O\\'Brien & Sons\\\\ \\n Macy’s'");
    });

    it('qualifies inner classes of the controller, inside generics too', () => {
        const inner = new Set(['mappingrow']);
        expect(typeSource(type('List', [type('MappingRow')]), 'QBItemMappingController', inner)).toBe(
            'List<QBItemMappingController.MappingRow>'
        );
        expect(typeSource(type('String'), 'QBItemMappingController', inner)).toBe('String');
        expect(typeSource(type('Id', [], 1), 'X', inner)).toBe('Id[]');
    });

    it('deserializes each Aura parameter into its declared type and passes null for missing ones', () => {
        const source = auraCallSource(
            'QBItemMappingController',
            'getMappings',
            [
                { name: 'realmId', type: 'String' },
                { name: 'unmappedOnly', type: 'Boolean' },
                { name: 'searchTerm', type: 'String' }
            ],
            { realmId: '9130350000000001', unmappedOnly: true },
            true
        );
        expect(source).toContain('String param0 = (String) JSON.deserialize(\'"9130350000000001"\', String.class);');
        expect(source).toContain("Boolean param1 = (Boolean) JSON.deserialize('true', Boolean.class);");
        expect(source).toContain('String param2 = null;');
        expect(source).toContain(
            `System.debug('${RESULT_MARKER}' + JSON.serialize(QBItemMappingController.getMappings(param0, param1, param2)));`
        );
    });

    it('creates a deal with its products for the company of its currency, the name quoted', () => {
        const source = newOpportunitySource({
            name: "O'Hara's test deal",
            accountId: '001000000000001AAA',
            currency: 'CAD',
            closeDate: '2027-01-31',
            lines: [{ pricebookEntryId: '01u000000000001AAA', quantity: 2 }]
        });
        expect(source).toContain("Name = 'O\\'Hara\\'s test deal'");
        expect(source).toContain("DeveloperName = 'Canada_Deal'");
        expect(source).toContain("CurrencyIsoCode = 'CAD'");
        expect(source).toContain('insert lines;');
    });

    it('says what is missing before anything is sent', () => {
        const valid = {
            name: 'Deal',
            accountId: '001000000000001AAA',
            currency: 'USD' as const,
            closeDate: '2027-01-31',
            lines: [{ pricebookEntryId: '01u000000000001AAA', quantity: 1 }]
        };
        expect(newOpportunityProblem(valid)).toBeNull();
        expect(newOpportunityProblem({ ...valid, name: ' ' })).toBe('Give the opportunity a name.');
        expect(newOpportunityProblem({ ...valid, lines: [] })).toBe('Add at least one product with a quantity.');
        expect(newOpportunityProblem({ ...valid, lines: [{ pricebookEntryId: "x' OR", quantity: 1 }] })).toBe(
            'A product line names no product.'
        );
        expect(newOpportunityProblem({ ...valid, lines: [{ ...valid.lines[0], quantity: 0 }] })).toBe(
            'Quantities must be numbers above 0.'
        );
    });
});
