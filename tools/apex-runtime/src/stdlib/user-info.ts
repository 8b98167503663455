/**
 * The UserInfo class: the running user and the org's name, currency and time zone.
 */
import { NativeObject } from '../interpreter/objects';
import type { Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function userInfoStatic(lib: Platform, n: string): any {
    const org = lib.it.org as any;
    const u = org?.runningUser ? (typeof org.runningUser === 'function' ? org.runningUser() : org.runningUser) : null;
    const get = (k: string) => {
        if (!u) return null;
        if (typeof u.get === 'function') return u.get(k);
        return u[k] ?? u[k.charAt(0).toLowerCase() + k.slice(1)] ?? null;
    };
    const cfg = org?.config ?? {};
    switch (n) {
        case 'getuserid':
            return get('Id');
        case 'getname':
            return get('Name') ?? [get('FirstName'), get('LastName')].filter(Boolean).join(' ');
        case 'getfirstname':
            return get('FirstName');
        case 'getlastname':
            return get('LastName');
        case 'getusername':
            return get('Username');
        case 'getuseremail':
            return get('Email');
        case 'getprofileid':
            return get('ProfileId');
        case 'getuserroleid':
            return get('UserRoleId');
        case 'getorganizationid':
            // the Id of the org's one Organization row, as SOQL and SetupOwnerId see it
            return org?.db?.rows('Organization')[0]?.id ?? cfg.organizationId ?? '00D000000000001AAA';
        case 'getorganizationname':
            return cfg.organizationName ?? 'Local Org';
        case 'getdefaultcurrency':
            return get('DefaultCurrencyIsoCode') ?? cfg.corporateCurrency ?? 'USD';
        case 'ismulticurrencyorganization':
            return !!(cfg.multiCurrency ?? cfg.currencyMode === 'multi');
        case 'gettimezone':
            return new NativeObject('TimeZone', { id: lib.it.timeZone });
        case 'getlocale':
            return get('LocaleSidKey') ?? 'en_US';
        case 'getlanguage':
            return get('LanguageLocaleKey') ?? 'en_US';
        case 'getusertype':
            return get('UserType') ?? 'Standard';
        case 'isCurrentUserLicensed'.toLowerCase():
            return true;
    }
    return null;
}
