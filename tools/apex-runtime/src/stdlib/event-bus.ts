/**
 * Platform events: EventBus.publish (published after commit), delivery to the event triggers in batches of
 * 2,000, and the test broker of Test.getEventBus().
 */
import { ApexList, NativeObject, T } from '../interpreter/objects';
import { isSObject, type SObjectLike } from '../interpreter/sobjects';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function publishEvents(lib: Platform, arg: any): any {
    const events: SObjectLike[] = isSObject(arg) ? [arg] : arg instanceof ApexList ? (arg.items as SObjectLike[]) : [];
    const results = events.map((e) => {
        if (!/__e$/i.test(e.type)) {
            return new NativeObject('Database.SaveResult', {
                success: false,
                id: null,
                errors: [{ statusCode: 'INVALID_TYPE', message: `${e.type} is not a platform event`, fields: [] }]
            });
        }
        const populated = new Set([...e.getPopulatedFieldsAsMap().keys()].map((k) => k.toLowerCase()));
        const missing = lib
            .fieldList(e.type)
            .filter((f: any) => f.required && !populated.has(String(f.name).toLowerCase()))
            .map((f: any) => f.name);
        if (missing.length) {
            return new NativeObject('Database.SaveResult', {
                success: false,
                id: null,
                errors: [
                    {
                        statusCode: 'REQUIRED_FIELD_MISSING',
                        message: `Required fields are missing: [${missing.join(', ')}]`,
                        fields: missing
                    }
                ]
            });
        }
        lib.publishedEvents.push(e.clone(false, false, false, false));
        return new NativeObject('Database.SaveResult', { success: true, id: lib.newId('e00'), errors: [] });
    });
    return isSObject(arg) ? results[0] : new ApexList(T('Database.SaveResult'), results);
}

/** Delivers published events to their triggers (after insert, up to 2,000 per batch). */
export function deliverEvents(lib: Platform): void {
    while (lib.publishedEvents.length) {
        const batch = lib.publishedEvents.splice(0);
        const byType = new Map<string, SObjectLike[]>();
        for (const e of batch) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
        for (const [type, events] of byType) {
            for (let i = 0; i < events.length; i += 2000) {
                lib.hooks.triggers?.(type, {
                    isBefore: false,
                    isAfter: true,
                    isInsert: true,
                    isUpdate: false,
                    isDelete: false,
                    isUndelete: false,
                    new: events.slice(i, i + 2000),
                    old: null
                });
            }
        }
    }
}

export function eventBusStatic(lib: Platform, n: string, a: any[]): any {
    if (n === 'publish') return publishEvents(lib, a[0]);
    return UNHANDLED;
}

/** Test.getEventBus(): deliver() or fail() the events published so far. */
export function testBrokerMethod(lib: Platform, n: string): any {
    if (n === 'deliver') {
        deliverEvents(lib);
        return null;
    }
    if (n === 'fail') {
        lib.publishedEvents.length = 0;
        return null;
    }
    return UNHANDLED;
}
