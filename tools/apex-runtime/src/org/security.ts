/**
 * Object and field permissions of a user, from the profile and the assigned permission sets, for user mode
 * (WITH USER_MODE, AccessLevel.USER_MODE, WITH SECURITY_ENFORCED, Security.stripInaccessible, describe
 * isAccessible/isCreateable/isUpdateable) and custom permissions. System mode enforces nothing, as on the platform.
 *
 * The standard profiles, from Salesforce Help "Standard Profiles":
 * - System Administrator: every object and field, View All Data and Modify All Data;
 * - Standard User: creates, reads, edits and deletes the common sales and service records (accounts, contacts,
 *   opportunities, leads, cases, tasks …), reads campaigns, products and price books;
 * - Marketing User: a Standard User who also manages campaigns;
 * - Read Only: reads every standard object's records, changes none;
 * - Minimum Access - Salesforce: no object or field permission at all, for "a permission set-based user management
 *   model" — everything comes from permission sets; any other profile (a site's guest user profile) grants nothing
 *   either, as the runtime reads no profile metadata.
 * Tasks and events have no object permissions ("Edit Tasks" / "Edit Events" user permissions; sharing decides which
 * records): every profile reads them, Standard, Marketing and Administrator profiles also create, edit, delete.
 *
 * Simplification: a standard profile grants field-level security on every permissionable standard field of the
 * objects it reads (edit where it edits or creates), and none on custom fields (the package's fields come from its
 * permission sets; an installed package's "Install for Admins Only" gives them to System Administrator only).
 * Fields that are not permissionable (Object Reference › FieldPermissions: required fields, Id, owner, audit fields,
 * master-detail, name) follow the object.
 */
import type { PermissionSetDef } from './metadata-loader';
import type { FieldDef, ObjectDef } from './schema';

export type AccessKind = 'read' | 'create' | 'edit' | 'delete';

const CRED: AccessKind[] = ['read', 'create', 'edit', 'delete'];

const STANDARD_USER_OBJECTS: Record<string, AccessKind[]> = {
    account: CRED,
    contact: CRED,
    opportunity: CRED,
    opportunitylineitem: CRED,
    opportunitycontactrole: CRED,
    contract: ['read', 'create', 'edit'],
    case: CRED,
    lead: CRED,
    task: CRED,
    event: CRED,
    campaign: ['read'],
    contentversion: ['read', 'create', 'edit'],
    contentdocument: ['read', 'edit', 'delete'],
    contentdocumentlink: CRED,
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

/** Activities: no object permissions, every user reads them (Salesforce Help › Standard Profiles, Activities). */
const ACTIVITIES = new Set(['task', 'event']);

/** Fields whose access follows the object (Object Reference › FieldPermissions: not permissionable). */
const NOT_PERMISSIONABLE = new Set([
    'id',
    'isdeleted',
    'createddate',
    'createdbyid',
    'lastmodifieddate',
    'lastmodifiedbyid',
    'systemmodstamp',
    'ownerid',
    'name',
    'firstname',
    'lastname',
    'salutation',
    'middlename',
    'suffix',
    'currencyisocode',
    'recordtypeid'
]);

export interface UserAccess {
    profile: string;
    permissionSets: PermissionSetDef[];
    /** a Site guest user (UserType Guest, src/rest/site.ts) */
    guest?: boolean;
}

type StandardProfile = 'admin' | 'standard' | 'marketing' | 'readonly' | 'minimum';

function profileKind(a: UserAccess): StandardProfile {
    switch (a.profile.toLowerCase()) {
        case 'system administrator':
            return 'admin';
        case 'marketing user':
            return 'marketing';
        case 'read only':
            return 'readonly';
        case 'standard user':
            return 'standard';
        default:
            // Minimum Access, and any other profile (a site's guest user profile, custom profiles): the runtime reads no
            // profile metadata, so such a profile grants nothing and its users get everything from permission sets
            return 'minimum';
    }
}

export function isAdmin(a: UserAccess): boolean {
    return profileKind(a) === 'admin';
}

/** What the profile alone grants on a standard object. */
function profileObjectAccess(a: UserAccess, key: string): AccessKind[] {
    const kind = profileKind(a);
    if (kind === 'admin') return CRED;
    if (kind === 'minimum') return ACTIVITIES.has(key) ? ['read'] : [];
    if (kind === 'readonly') return ['read'];
    if (kind === 'marketing' && key === 'campaign') return CRED;
    return STANDARD_USER_OBJECTS[key] ?? ['read'];
}

function permissionSetGrants(a: UserAccess, key: string, kind: AccessKind): boolean {
    return a.permissionSets.some((ps) => {
        const p = ps.objects.get(key);
        if (!p) return false;
        return kind === 'read' ? p.read : kind === 'create' ? p.create : kind === 'edit' ? p.edit : p.delete;
    });
}

export function hasObjectAccess(a: UserAccess, obj: ObjectDef, kind: AccessKind): boolean {
    if (a.guest) return guestObjectAccess(a, obj, kind);
    if (isAdmin(a)) return true;
    if (obj.isCustomMetadata) return kind === 'read';
    const key = obj.name.toLowerCase();
    if (!obj.custom && profileObjectAccess(a, key).includes(kind)) return true;
    return permissionSetGrants(a, key, kind);
}

/** Whether field-level security applies to a field at all (else the field follows its object). */
export function isPermissionable(obj: ObjectDef, f: FieldDef): boolean {
    if (obj.isCustomMetadata || f.type === 'MasterDetail') return false;
    if (!f.nillable && f.type !== 'Checkbox') return false;
    return !NOT_PERMISSIONABLE.has(f.name.toLowerCase());
}

/** Field-level security alone: does the profile or a permission set make the field readable / editable? */
function fieldLevelAccess(a: UserAccess, obj: ObjectDef, f: FieldDef, kind: 'read' | 'edit'): boolean {
    if (!isPermissionable(obj, f)) return true;
    const key = obj.name.toLowerCase();
    if (!f.custom) {
        const granted = profileObjectAccess(a, key);
        const profileReads = granted.includes('read') && (profileKind(a) !== 'minimum' || !ACTIVITIES.has(key));
        if (kind === 'read' && profileReads) return true;
        if (kind === 'edit' && (granted.includes('edit') || granted.includes('create'))) return true;
    }
    const fieldKeys = [`${key}.${f.name}`.toLowerCase()];
    const compound = addressOf(obj, f);
    if (compound) fieldKeys.push(`${key}.${compound}`.toLowerCase());
    return a.permissionSets.some((ps) =>
        fieldKeys.some((fieldKey) => {
            const p = ps.fields.get(fieldKey);
            return !!p && (kind === 'read' ? p.read || p.edit : p.edit);
        })
    );
}

const ADDRESS_PARTS =
    /^(.*)(Street|City|State|PostalCode|Country|StateCode|CountryCode|Latitude|Longitude|GeocodeAccuracy)$/i;

/**
 * The compound address field a component belongs to: field-level security of `ShippingStreet` is set on
 * `Account.ShippingAddress` (Object Reference › Address Compound Fields: the compound field's permission covers its
 * components).
 */
function addressOf(obj: ObjectDef, f: FieldDef): string | null {
    const m = ADDRESS_PARTS.exec(f.name);
    if (!m) return null;
    const compound = obj.fields.get(`${m[1]}address`.toLowerCase());
    return compound?.type === 'Address' ? compound.name : null;
}

/**
 * Field access in the context of an operation: `read` needs object read, `edit` object edit, `create` object create,
 * each with the field's field-level security (read, or edit for both writes) and a field the operation can write.
 */
export function hasFieldAccess(a: UserAccess, obj: ObjectDef, f: FieldDef, kind: 'read' | 'edit' | 'create'): boolean {
    if (!hasObjectAccess(a, obj, kind)) return false;
    if (kind !== 'read' && !f.updateable && !f.createable) return false;
    if (kind === 'create' && !f.createable) return false;
    if (isAdmin(a)) return true;
    return fieldLevelAccess(a, obj, f, kind === 'read' ? 'read' : 'edit');
}

/**
 * Whether the user may call a top-level class directly, as an `@AuraEnabled` method from a Lightning component
 * ("Granting User Access for Apex Classes", Lightning Aura Components Developer Guide: only when the user's profile or
 * an assigned permission set allows access to the class). A user with "Author Apex" (System Administrator) reaches
 * every class (Salesforce Help, "How Does Apex Class Security Work?"); the other standard profiles are read as
 * granting no class, since the runtime reads no profile metadata: a user gets class access from permission sets.
 */
export function hasApexClassAccess(a: UserAccess, className: string): boolean {
    if (isAdmin(a)) return true;
    const key = className.toLowerCase();
    return a.permissionSets.some((ps) => ps.classes.has(key));
}

export function hasCustomPermission(a: UserAccess, name: string): boolean {
    const key = name.toLowerCase();
    return a.permissionSets.some((ps) => ps.customPermissions.has(key));
}

/**
 * A Site guest user's object permissions: what its permission sets grant, but never edit or delete ("Guest users
 * can't have the update or delete permissions on objects", Salesforce Help › Guest User Security Policies and
 * Timelines). The guest user profile of src/rest/site.ts grants no object permissions of its own.
 */
function guestObjectAccess(a: UserAccess, obj: ObjectDef, kind: AccessKind): boolean {
    if (obj.isCustomMetadata) return kind === 'read';
    if (kind === 'edit' || kind === 'delete') return false;
    return permissionSetGrants(a, obj.name.toLowerCase(), kind);
}
