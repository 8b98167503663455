/**
 * Platform events: EventBus.publish, delivery to the event triggers (each trigger as its subscriber's running user,
 * in batches of its batch size: Runtime.runTriggers), and the test broker of Test.getEventBus().
 *
 * Publish behavior (Platform Events Developer Guide, "Platform Event Fields"): an event defined Publish After Commit
 * is published only when the publishing transaction commits and never when it rolls back; Publish Immediately (the
 * default) publishes at the publish call, whatever becomes of the transaction. Either way the subscribers run after
 * the publisher, in their own transactions.
 */
import { ApexList, NativeObject, T } from '../interpreter/objects';
import { isSObject, type SObjectLike } from '../interpreter/sobjects';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function publishEvents(lib: Platform, arg: any): any {
    const events: SObjectLike[] = isSObject(arg) ? [arg] : arg instanceof ApexList ? (arg.items as SObjectLike[]) : [];
    countPublishImmediate(lib, events);
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
        const published = e.clone(false, false, false, false);
        lib.publishedEvents.push(published);
        if (publishesAfterCommit(lib, e.type)) lib.uncommittedEvents.add(published);
        return new NativeObject('Database.SaveResult', { success: true, id: lib.newId('e00'), errors: [] });
    });
    return isSObject(arg) ? results[0] : new ApexList(T('Database.SaveResult'), results);
}

function publishesAfterCommit(lib: Platform, type: string): boolean {
    const def: any = (lib.it.org as any)?.schema?.getObject?.(type);
    return String(def?.publishBehavior ?? 'PublishImmediately') === 'PublishAfterCommit';
}

/** The transaction that published events from `mark` on rolled back: its publish-after-commit events are dropped. */
export function discardUncommittedEvents(lib: Platform, mark: number): void {
    const kept = lib.publishedEvents.filter((e, i) => i < mark || !lib.uncommittedEvents.has(e));
    lib.publishedEvents.splice(0, lib.publishedEvents.length, ...kept);
}

/** The publishing transaction committed: its events are published. */
export function commitEvents(lib: Platform): void {
    lib.uncommittedEvents.clear();
}

/**
 * One EventBus.publish call of events configured to publish immediately counts once against the transaction's
 * publish-immediately DML (Apex Reference › Limits Class: getPublishImmediateDml, "the number of EventBus.publish
 * calls made for platform events configured to publish immediately"). Counted, not enforced.
 */
function countPublishImmediate(lib: Platform, events: SObjectLike[]): void {
    const org = lib.it.org as any;
    const immediate = events.some((e) => /__e$/i.test(e.type) && !publishesAfterCommit(lib, e.type));
    if (immediate && org?.limits) org.limits.publishImmediateDml = (org.limits.publishImmediateDml ?? 0) + 1;
}

/** Delivers published events to their triggers (after insert, up to 2,000 per batch). */
export function deliverEvents(lib: Platform): void {
    while (lib.publishedEvents.length) {
        const batch = lib.publishedEvents.splice(0);
        for (const e of batch) lib.uncommittedEvents.delete(e);
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
        lib.uncommittedEvents.clear();
        return null;
    }
    return UNHANDLED;
}
