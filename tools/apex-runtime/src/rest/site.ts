/**
 * A Salesforce Site and its guest user: the running user of every unauthenticated request the site receives,
 * including Apex REST at `https://<site domain>/services/apexrest/<path>`.
 *
 * - Each site has its own guest user and guest user profile (the site's "Public Access Settings"): the user is named
 *   after the site ("<label> Site Guest User"), its profile "<label> Profile", on the Guest User License, and its
 *   `UserType` is `Guest` (Salesforce Help, "Guest User Security Policies and Timelines"; Object Reference › User:
 *   UserType `Guest`).
 * - The guest may run only the Apex classes its profile ("Enabled Apex Class Access") or a permission set assigned to
 *   it enables; a `@RestResource` class it may not run is refused before any Apex runs, with HTTP 403 `FORBIDDEN`
 *   "You do not have access to the Apex class named: X" (Experience Cloud Developer Guide, "Limit Access to Apex
 *   Classes": guest users "must have permission to execute the Apex class"; the message is the one orgs report).
 * - Everything else follows from the guest being the running user: its permission sets are the only grants it has,
 *   so a callout through a named credential whose external credential principal none of them grants fails as for
 *   any user (`org/index.ts` refusedExternalCredential); a queued job runs as the guest; a platform event trigger
 *   runs as its own subscriber, never as the publishing guest.
 * - Object permissions and sharing of a guest (org/security.ts, org/record-access.ts): its permission sets' grants
 *   except edit and delete, and no record through sharing: external organization-wide defaults are always Private,
 *   guests own no records, View All / Modify All do not apply, and only guest sharing rules share records with them
 *   (same Help page). Not modelled: guest sharing rules, object permissions on the guest user profile, and the default
 *   owner of records a guest creates.
 */
import type { Runtime } from '../interpreter/runtime';
import type { SObject } from '../org';
import { receiveRestRequest, restResourceFor, type InboundRestRequest, type RestAnswer } from './apex-rest';

export interface SiteDefinition {
    /** the site's API name, e.g. `qbsync` */
    name: string;
    /** the site's label; defaults to the name */
    label?: string;
    /** the classes the guest user profile enables under "Enabled Apex Class Access" */
    apexClassAccess?: string[];
}

export interface Site {
    name: string;
    guestUserId: string;
    guestProfileId: string;
    /** lower-cased names of the classes the guest user profile enables */
    profileClasses: Set<string>;
}

const GUEST_LICENSE = 'Guest User License';

/** Creates an active site: its guest user profile and guest user. */
export function createSite(rt: Runtime, definition: SiteDefinition): Site {
    const org = rt.org;
    const label = definition.label ?? definition.name;
    const licenseId = guestLicenseId(rt);
    const profile = org.newSObject('Profile');
    profile.setRaw('Name', `${label} Profile`);
    profile.setRaw('UserType', 'Guest');
    profile.setRaw('UserLicenseId', licenseId);
    const guestProfileId = org.storeSystemRecord(profile);
    const organization = String(org.config.organizationName).replace(/\W+/g, '').toLowerCase();
    const user = org.newSObject('User');
    for (const [field, value] of Object.entries({
        LastName: `${label} Site Guest User`,
        Name: `${label} Site Guest User`,
        Alias: 'guest',
        Username: `${definition.name.toLowerCase()}@${organization}.my.salesforce-sites.com`,
        Email: `${definition.name.toLowerCase()}-guest@example.invalid`,
        IsActive: true,
        TimeZoneSidKey: org.config.timeZone,
        LocaleSidKey: org.config.locale,
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        DefaultCurrencyIsoCode: org.config.corporateCurrency,
        ProfileId: guestProfileId,
        UserType: 'Guest'
    }))
        user.setRaw(field, value);
    const guestUserId = org.storeSystemRecord(user);
    return {
        name: definition.name,
        guestUserId,
        guestProfileId,
        profileClasses: new Set((definition.apexClassAccess ?? []).map((c) => c.toLowerCase()))
    };
}

/**
 * Delivers an Apex REST request that reached the site: as its guest user, or refused with the platform's 403 when
 * the guest may not run the `@RestResource` class.
 */
export function receiveSiteRequest(rt: Runtime, site: Site, request: InboundRestRequest): RestAnswer {
    const { info } = restResourceFor(rt, request.method, request.path);
    if (!guestMayRun(rt, site, info.name)) {
        return {
            statusCode: 403,
            headers: { 'Content-Type': 'application/json;charset=UTF-8' },
            body: JSON.stringify([
                { errorCode: 'FORBIDDEN', message: `You do not have access to the Apex class named: ${info.name}` }
            ]),
            error: null
        };
    }
    let answer: RestAnswer | undefined;
    rt.org.runAsUser(site.guestUserId, () => {
        answer = receiveRestRequest(rt, request);
    });
    return answer!;
}

function guestMayRun(rt: Runtime, site: Site, className: string): boolean {
    const key = className.toLowerCase();
    return (
        site.profileClasses.has(key) ||
        rt.org.currentAccess(site.guestUserId).permissionSets.some((ps) => ps.classes.has(key))
    );
}

function guestLicenseId(rt: Runtime): string {
    const existing = rt.org.db
        .rows('UserLicense')
        .find((r) => !r.deleted && r.slots.get('name')?.value === GUEST_LICENSE);
    if (existing) return existing.id;
    const license: SObject = rt.org.newSObject('UserLicense');
    license.setRaw('Name', GUEST_LICENSE);
    license.setRaw('MasterLabel', GUEST_LICENSE);
    license.setRaw('LicenseDefinitionKey', 'PID_Guest_User');
    license.setRaw('Status', 'Active');
    return rt.org.storeSystemRecord(license);
}
