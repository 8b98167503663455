/**
 * Platform Cache (Cache.Org, Cache.Session and their partitions): an in-memory store per run; TTLs follow the runtime clock.
 */
import { ApexSet, NativeObject, T, TypeToken } from '../interpreter/objects';
import { ApexDouble } from '../values/double';
import type { Platform } from './platform';
import { typeTokenMethod } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function cacheCall(lib: Platform, scope: string, partition: string, n: string, a: any[]): any {
    const key = scope + ':' + partition.toLowerCase();
    let store = lib.cacheStore.get(key);
    if (!store) {
        store = new Map();
        lib.cacheStore.set(key, store);
    }
    const now = lib.it.clock.now();
    const live = (k: string) => {
        const e = store!.get(k);
        if (e && e.expiresAt <= now) store!.delete(k);
        return store!.get(k);
    };
    switch (n) {
        case 'get': {
            if (a[0] instanceof TypeToken) {
                const k = String(a[1]);
                const hit = live(k);
                if (hit) return hit.value;
                const builder = typeTokenMethod(lib, a[0], 'newinstance', []);
                const value = lib.it.callMethod(builder, 'doLoad', [k]);
                store.set(k, { value, expiresAt: now + 86_400_000 });
                return value;
            }
            return live(String(a[0]))?.value ?? null;
        }
        case 'put': {
            const ttl = typeof a[2] === 'number' ? a[2] : 86400;
            store.set(String(a[0]), { value: a[1], expiresAt: now + ttl * 1000 });
            return null;
        }
        case 'contains':
            return !!live(String(a[0]));
        case 'remove':
            return store.delete(String(a[0]));
        case 'getkeys': {
            const s = new ApexSet(T('String'));
            for (const k of [...store.keys()]) if (live(k)) s.map.set(k, k);
            return s;
        }
        case 'isavailable':
            return true;
        case 'getcapacity':
            return new ApexDouble(0);
        case 'getname':
            return partition;
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Cache.${n}`);
}

/** Cache.Org and Cache.Session: getPartition, or a call on the default partition. */
export function cacheStatic(lib: Platform, scope: 'org' | 'session', n: string, a: any[]): any {
    if (n === 'getpartition')
        return new NativeObject(scope === 'org' ? 'Cache.OrgPartition' : 'Cache.SessionPartition', {
            scope,
            name: String(a[0])
        });
    return cacheCall(lib, scope, 'local.default', n, a);
}
