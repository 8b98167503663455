import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * What a packaged permission set may hold. Salesforce's ISVforce Guide ("About Permission Sets and Profile Settings",
 * https://developer.salesforce.com/docs/atlas.en-us.packagingGuide.meta/packagingGuide/packaging_perm_sets_profile_setttings.htm):
 * standard object permissions are not included, nor object permissions for a custom object that is the detail of a
 * master-detail relationship whose master is a standard object. The subscriber's admin grants those.
 */
const FORCE_APP = resolve(__dirname, '..', '..', '..', 'force-app');

function files(suffix: string): string[] {
    return readdirSync(FORCE_APP, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && e.name.endsWith(suffix))
        .map((e) => join(e.parentPath, e.name));
}

const isStandard = (object: string) => !/__(c|mdt|e)$/.test(object);

/** Custom objects whose master-detail parent is a standard object. */
function detailsOfStandardObjects(): string[] {
    return files('.field-meta.xml')
        .filter((file) => /<type>MasterDetail<\/type>/.test(readFileSync(file, 'utf8')))
        .filter((file) => isStandard(/<referenceTo>([^<]+)<\/referenceTo>/.exec(readFileSync(file, 'utf8'))?.[1] ?? ''))
        .map((file) => basename(dirname(dirname(file))));
}

function grantedObjects(permissionSet: string): { objects: string[]; fieldObjects: string[] } {
    const xml = readFileSync(permissionSet, 'utf8');
    return {
        objects: [...xml.matchAll(/<object>([^<]+)<\/object>/g)].map((m) => m[1]),
        fieldObjects: [...xml.matchAll(/<field>([^.<]+)\.[^<]+<\/field>/g)].map((m) => m[1])
    };
}

describe('packaged permission sets', () => {
    const permissionSets = files('.permissionset-meta.xml');

    it('finds the package permission sets and the Contract line object', () => {
        expect(permissionSets.map((file) => basename(file)).sort()).toContain('QB_Sync_Admin.permissionset-meta.xml');
        expect(detailsOfStandardObjects()).toEqual(['QB_Contract_Line__c']);
    });

    it.each(files('.permissionset-meta.xml').map((file) => [basename(file, '.permissionset-meta.xml'), file]))(
        '%s grants no standard object, nor a detail of one',
        (_name, file) => {
            const details = new Set(detailsOfStandardObjects());
            const { objects, fieldObjects } = grantedObjects(file);
            expect(objects.filter(isStandard)).toEqual([]);
            expect(objects.filter((object) => details.has(object))).toEqual([]);
            expect(fieldObjects.filter((object) => details.has(object))).toEqual([]);
        }
    );
});
