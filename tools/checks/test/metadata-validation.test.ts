import { missingMembers, parsePackageXml } from '../metadata-validation';

const PACKAGE_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types>
        <members>QB_Sync_Log__c</members>
        <name>CustomObject</name>
    </types>
    <types>
        <members>QB_Sync_Admin</members>
        <name>PermissionSet</name>
    </types>
    <version>66.0</version>
</Package>`;

describe('metadata validation', () => {
    it('reads the members of each type from package.xml', () => {
        const listed = parsePackageXml(PACKAGE_XML);
        expect([...listed.keys()]).toEqual(['CustomObject', 'PermissionSet']);
        expect(listed.get('CustomObject')).toEqual(new Set(['QB_Sync_Log__c']));
    });

    it('names every expected member the package lacks', () => {
        const missing = missingMembers(parsePackageXml(PACKAGE_XML), {
            CustomObject: ['QB_Sync_Log__c', 'QB_Sync_Request__c'],
            PermissionSet: ['*'],
            NamedCredential: ['*']
        });
        expect(missing).toEqual(['CustomObject QB_Sync_Request__c', 'NamedCredential (none at all)']);
    });
});
