/**
 * Object and field permissions of a user, from the profile and the project's permission sets, for user
 * mode (WITH USER_MODE, AccessLevel.USER_MODE, WITH SECURITY_ENFORCED, Security.stripInaccessible) and
 * custom permissions. Sharing rules are not modelled. System mode enforces nothing, as on the platform.
 */
import type { PermissionSetDef } from './metadata-loader';
import type { FieldDef, ObjectDef } from './schema';

export type AccessKind = 'read' | 'create' | 'edit' | 'delete';

const STANDARD_USER_OBJECTS: Record<string, AccessKind[]> = {
    account: ['read', 'create', 'edit', 'delete'],
    contact: ['read', 'create', 'edit', 'delete'],
    opportunity: ['read', 'create', 'edit', 'delete'],
    opportunitylineitem: ['read', 'create', 'edit', 'delete'],
    opportunitycontactrole: ['read', 'create', 'edit', 'delete'],
    contract: ['read', 'create', 'edit'],
    case: ['read', 'create', 'edit', 'delete'],
    lead: ['read', 'create', 'edit', 'delete'],
    task: ['read', 'create', 'edit', 'delete'],
    campaign: ['read'],
    contentversion: ['read', 'create', 'edit'],
    contentdocument: ['read', 'edit', 'delete'],
    contentdocumentlink: ['read', 'create', 'edit', 'delete'],
    product2: ['read'],
    pricebook2: ['read'],
    pricebookentry: ['read'],
    user: ['read'],
    recordtype: ['read'],
    organization: ['read'],
    opportunitystage: ['read'],
    asyncapexjob: ['read'],
    crontrigger: ['read'],
    currencytype: ['read']
};

export interface UserAccess {
    profile: string;
    permissionSets: PermissionSetDef[];
}

export function isAdmin(a: UserAccess): boolean {
    return a.profile.toLowerCase() === 'system administrator';
}

export function hasObjectAccess(a: UserAccess, obj: ObjectDef, kind: AccessKind): boolean {
    if (isAdmin(a)) return true;
    if (obj.isCustomMetadata) return kind === 'read';
    const key = obj.name.toLowerCase();
    if (!obj.custom && a.profile.toLowerCase() !== 'minimum access - salesforce') {
        const marketing = a.profile.toLowerCase() === 'marketing user' && key === 'campaign';
        const std: AccessKind[] = marketing
            ? ['read', 'create', 'edit', 'delete']
            : (STANDARD_USER_OBJECTS[key] ?? ['read']);
        const readOnlyProfile = a.profile.toLowerCase() === 'read only';
        if (std.includes(kind) && (!readOnlyProfile || kind === 'read')) return true;
    }
    return a.permissionSets.some((ps) => {
        const p = ps.objects.get(key);
        if (!p) return false;
        return kind === 'read' ? p.read : kind === 'create' ? p.create : kind === 'edit' ? p.edit : p.delete;
    });
}

/** Required custom fields and master-detail fields have no field-level security: they follow the object. */
export function hasFieldAccess(a: UserAccess, obj: ObjectDef, f: FieldDef, kind: 'read' | 'edit'): boolean {
    if (!hasObjectAccess(a, obj, kind === 'read' ? 'read' : 'edit')) return false;
    if (isAdmin(a)) return kind === 'read' || f.updateable || f.createable;
    if (kind === 'edit' && !f.updateable && !f.createable) return false;
    if (!f.custom || obj.isCustomMetadata) return true;
    if (f.type === 'MasterDetail' || (!f.nillable && f.type !== 'Checkbox')) return true;
    const key = `${obj.name}.${f.name}`.toLowerCase();
    return a.permissionSets.some((ps) => {
        const p = ps.fields.get(key);
        return !!p && (kind === 'read' ? p.read || p.edit : p.edit);
    });
}

export function hasCustomPermission(a: UserAccess, name: string): boolean {
    const key = name.toLowerCase();
    return a.permissionSets.some((ps) => ps.customPermissions.has(key));
}
