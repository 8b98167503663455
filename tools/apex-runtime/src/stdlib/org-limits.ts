/**
 * System.OrgLimits and System.OrgLimit: the org's API limits by name, with their maximum and current use
 * (Apex Reference › OrgLimits Class, OrgLimit Class). A local org has consumed nothing; the maxima are those of a
 * Developer Edition org.
 */
import { ApexList, ApexMap, NativeObject, T } from '../interpreter/objects';
import { UNHANDLED } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

const ORG_LIMITS: [string, number][] = [
    ['DailyApiRequests', 15000],
    ['DailyAsyncApexExecutions', 250000],
    ['DailyBulkApiBatches', 15000],
    ['DailyBulkV2QueryJobs', 10000],
    ['DailyStreamingApiEvents', 10000],
    ['DailyWorkflowEmails', 1000],
    ['DataStorageMB', 5],
    ['FileStorageMB', 20],
    ['HourlyPublishedPlatformEvents', 50000],
    ['HourlyPublishedStandardVolumePlatformEvents', 1000],
    ['MassEmail', 10],
    ['SingleEmail', 15],
    ['DailyDeliveredPlatformEvents', 10000],
    ['DailyStandardVolumePlatformEvents', 10000]
];

function orgLimit(name: string, max: number): NativeObject {
    return new NativeObject('System.OrgLimit', {
        name,
        max,
        value: 0,
        toString: () => `OrgLimit[${name}: consumed 0 of ${max}]`
    });
}

export function orgLimitsStatic(n: string): any {
    if (n === 'getall')
        return new ApexList(
            T('System.OrgLimit'),
            ORG_LIMITS.map(([k, max]) => orgLimit(k, max))
        );
    if (n === 'getmap') {
        const m = new ApexMap(T('String'), T('System.OrgLimit'));
        for (const [k, max] of ORG_LIMITS) m.map.set(k, [k, orgLimit(k, max)]);
        return m;
    }
    return UNHANDLED;
}

export function orgLimitMethod(o: NativeObject, n: string): any {
    switch (n) {
        case 'getname':
            return o.data.name;
        case 'getlimit':
            return o.data.max;
        case 'getvalue':
            return o.data.value;
        case 'tostring':
            return o.data.toString();
    }
    return UNHANDLED;
}
