/**
 * Auth.SessionManagement (Apex Reference › SessionManagement Class). The local org has no login sessions: in a test,
 * `getCurrentSession()` fails as the reference documents ("If you create an Apex test method that calls this method,
 * the test fails with an error such as, 'Unexpected Exception: Current session unavailable.'"); every other use of
 * the class (identity verification, TOTP, login flows, trusted IP ranges, session levels) is not modelled and fails
 * naming the method.
 */
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The class's methods by lower-case name. */
const METHODS = new Map(
    [
        'finishLoginDiscovery',
        'finishLoginFlow',
        'generateVerificationUrl',
        'getCurrentSession',
        'getLightningLoginEnrollmentStatus',
        'getQrCode',
        'getRequiredSessionLevelForProfile',
        'ignoreForConcurrentSessionLimit',
        'initiatePasswordlessRegistration',
        'inOrgNetworkRange',
        'isIpAllowedForProfile',
        'setSessionLevel',
        'setupLightningLogin',
        'validateTotpTokenForKey',
        'validateTotpTokenForUser',
        'verifyPasswordlessRegistration'
    ].map((m) => [m.toLowerCase(), m])
);

export function sessionManagementStatic(lib: Platform, n: string): any {
    const method = METHODS.get(n);
    if (!method) return UNHANDLED;
    if (n === 'getcurrentsession' && lib.hooks.isRunningTest?.())
        return lib.it.throwSys('UnexpectedException', 'Current session unavailable');
    return lib.unsupported(`Auth.SessionManagement.${method} (login sessions)`);
}
