/**
 * System.Network: the Experience Cloud site the user is logged into. Code here always runs in the internal org,
 * where every method returns null (Apex Reference › Network Class: "If digital experiences isn't enabled for the
 * user's org or the user is currently in the internal org, returns null").
 */
import { UNHANDLED } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

const SITE_METHODS = new Set([
    'getnetworkid',
    'getloginurl',
    'getlogouturl',
    'getselfregurl',
    'communitieslanding',
    'forwardtoauthpage'
]);

export function networkStatic(n: string): any {
    return SITE_METHODS.has(n) ? null : UNHANDLED;
}
