/**
 * Apex class access for calls from Lightning components. Sources: [LC] Lightning Aura Components Developer Guide,
 * "Granting User Access for Apex Classes" (an @AuraEnabled method runs only when the user's profile or an assigned
 * permission set allows the class); [CS] Salesforce Help, "How Does Apex Class Security Work?" (users with Author
 * Apex reach every class). The runtime reads no profile metadata, so profiles other than System Administrator grant
 * no class (README).
 */
import type { PermissionSetDef } from '../src/org/metadata-loader';
import { hasApexClassAccess, type UserAccess } from '../src/org/security';

function permissionSet(name: string, classes: string[]): PermissionSetDef {
    return {
        name,
        label: name,
        objects: new Map(),
        fields: new Map(),
        customPermissions: new Set(),
        classes: new Set(classes.map((c) => c.toLowerCase())),
        principals: new Set()
    };
}

describe('Apex class access from Lightning components', () => {
    const salesUser = permissionSet('Sales', ['DealController']);

    it('lets a user call a class one of their permission sets enables, whatever its case [LC]', () => {
        const rep: UserAccess = { profile: 'Standard User', permissionSets: [salesUser] };
        expect(hasApexClassAccess(rep, 'DealController')).toBe(true);
        expect(hasApexClassAccess(rep, 'dealcontroller')).toBe(true);
    });

    it('refuses a class no permission set of the user enables, even on a standard profile [LC]', () => {
        const rep: UserAccess = { profile: 'Standard User', permissionSets: [salesUser] };
        expect(hasApexClassAccess(rep, 'AdminController')).toBe(false);
        expect(hasApexClassAccess({ profile: 'Read Only', permissionSets: [] }, 'DealController')).toBe(false);
    });

    it('lets a System Administrator (Author Apex) call every class [CS]', () => {
        expect(hasApexClassAccess({ profile: 'System Administrator', permissionSets: [] }, 'AdminController')).toBe(
            true
        );
    });
});
