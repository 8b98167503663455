/**
 * The Limits class: governor counters from the org and the async manager, and the platform's limit values.
 */
import type { Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function limitsStatic(lib: Platform, n: string): any {
    const org = lib.it.org as any;
    const lim = org?.limits ?? {};
    const asyncCtx = lib.hooks.async?.('isasync', [], null as any) === true;
    const get = (k: string) => Number(lim[k] ?? 0);
    switch (n) {
        case 'getqueries':
            return get('queries');
        case 'getlimitqueries':
            return asyncCtx ? 200 : 100;
        case 'getqueryrows':
            return get('queryRows');
        case 'getlimitqueryrows':
            return 50000;
        case 'getdmlstatements':
            return get('dmlStatements');
        case 'getlimitdmlstatements':
            return 150;
        case 'getdmlrows':
            return get('dmlRows');
        case 'getlimitdmlrows':
            return 10000;
        case 'getcallouts':
            return lib.hooks.async?.('limits.callouts', [], null as any) ?? 0;
        case 'getlimitcallouts':
            return 100;
        case 'getqueueablejobs':
            return lib.hooks.async?.('limits.queueable', [], null as any) ?? 0;
        case 'getlimitqueueablejobs':
            return asyncCtx ? 1 : 50;
        case 'getfuturecalls':
            return lib.hooks.async?.('limits.future', [], null as any) ?? 0;
        case 'getlimitfuturecalls':
            return 50;
        case 'getcputime':
            return 0;
        case 'getlimitcputime':
            return asyncCtx ? 60000 : 10000;
        case 'getheapsize':
            return lib.it.heap.measure();
        case 'getlimitheapsize':
            return lib.it.heap.limit;
        case 'getpublishimmediatedml':
            // EventBus.publish calls for platform events configured to publish immediately (Apex Reference › Limits
            // Class: getPublishImmediateDml)
            return get('publishImmediateDml');
        case 'getlimitpublishimmediatedml':
            return 150;
        case 'getemailinvocations':
            return lib.hooks.emails?.length ?? 0;
        case 'getlimitemailinvocations':
            return 10;
    }
    return 0;
}
