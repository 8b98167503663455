/**
 * docs/data-model.md states each Number and Currency field's size as Setup shows it (digits before the decimal point,
 * decimal places); the field's metadata holds precision (their sum) and scale. This keeps the two in agreement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const fieldFiles = readdirSync(join(root, 'force-app'), { recursive: true, encoding: 'utf8' }).filter((path) =>
    path.endsWith('.field-meta.xml')
);

interface DocumentedSize {
    object: string;
    field: string;
    type: string;
    size: string;
}

/** The object a section documents: its heading's first API name, or the standard object it names. */
function objectOf(heading: string): string | undefined {
    return /(\w+__(?:c|mdt))\b/.exec(heading)?.[1] ?? /^#+ (Opportunity|Contract)\b/.exec(heading)?.[1];
}

function documentedSizes(): DocumentedSize[] {
    const sizes: DocumentedSize[] = [];
    let object: string | undefined;
    for (const line of readFileSync(join(root, 'docs/data-model.md'), 'utf8').split('\n')) {
        if (line.startsWith('#')) object = objectOf(line);
        const row = /^\| `(\w+__c)` *\| (Number|Currency) *\| (\d+,\d+) *\|/.exec(line);
        if (row && object) sizes.push({ object, field: row[1], type: row[2], size: row[3] });
    }
    return sizes;
}

function metadataSize(object: string, field: string): { type: string; size: string } {
    const file = fieldFiles.find((path) => path.endsWith(join('objects', object, 'fields', `${field}.field-meta.xml`)));
    if (!file) throw new Error(`${object}.${field} is documented but has no field metadata`);
    const xml = readFileSync(join(root, 'force-app', file), 'utf8');
    const tag = (name: string) => Number(new RegExp(`<${name}>(\\d+)</${name}>`).exec(xml)?.[1]);
    const type = /<type>(\w+)<\/type>/.exec(xml)?.[1] ?? '';
    return { type, size: `${tag('precision') - tag('scale')},${tag('scale')}` };
}

describe('docs/data-model.md', () => {
    const sizes = documentedSizes();

    it('documents the Number and Currency fields of the package', () => {
        expect(sizes.map((s) => `${s.object}.${s.field}`)).toEqual(
            expect.arrayContaining(['Opportunity.QB_Invoice_Total__c', 'QB_Sync_Request__c.QB_Invoice_Total__c'])
        );
    });

    it.each(sizes.map((s) => [`${s.object}.${s.field}`, s] as const))(
        '%s has the type and size its metadata gives',
        (_name, documented) => {
            expect(metadataSize(documented.object, documented.field)).toEqual({
                type: documented.type,
                size: documented.size
            });
        }
    );
});
