/**
 * The running request: Request.getCurrent, RestContext's request and response, Url, and the contexts handed to
 * async jobs (QueueableContext, FinalizerContext, SchedulableContext, Database.BatchableContext).
 */
import { ApexMap, NativeObject } from '../interpreter/objects';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function urlStatic(n: string): any {
    if (n === 'getorgdomainurl' || n === 'getsalesforcebaseurl')
        return new NativeObject('Url', { url: 'https://example.my.salesforce.com' });
    return UNHANDLED;
}

export function urlMethod(o: NativeObject, n: string): any {
    if (n === 'toexternalform') return o.data.url;
    if (n === 'gethost') return new URL(o.data.url).host;
    return UNHANDLED;
}

export function requestStatic(lib: Platform, n: string): any {
    if (n === 'getcurrent') return new NativeObject('Request', { quiddity: lib.currentQuiddity() });
    return UNHANDLED;
}

export function restMessageMethod(o: NativeObject, n: string, a: any[]): any {
    const d = o.data;
    if (n === 'addheader') {
        (d.headers as ApexMap).map.set(a[0], [a[0], a[1]]);
        return null;
    }
    if (n === 'addparameter') {
        (d.params as ApexMap).map.set(a[0], [a[0], a[1]]);
        return null;
    }
    return UNHANDLED;
}

/** FinalizerContext, QueueableContext, SchedulableContext, Database.BatchableContext and Request. */
export function jobContextMethod(lib: Platform, o: NativeObject, n: string, a: any[]): any {
    const d = o.data;
    if (typeof d.call === 'function') return d.call(n, a);
    if (n === 'getjobid' || n === 'getasyncapexjobid' || n === 'gettriggerid' || n === 'getchildjobid')
        return d.jobId ?? null;
    if (n === 'getrequestid') return d.requestId ?? 'local-request';
    if (n === 'getquiddity') return lib.enumOf('quiddity', d.quiddity ?? 'SYNCHRONOUS');
    return UNHANDLED;
}
