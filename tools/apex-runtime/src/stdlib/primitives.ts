/**
 * Boolean, Id and Blob statics, and the methods of an Id.
 */
import { SObjectTypeToken } from '../interpreter/objects';
import { ApexBlob } from '../values/blob';
import { stringMethod } from './strings';
import { UNHANDLED, type Platform } from './platform';
import { to18 } from './type-names';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function booleanStatic(n: string, a: any[]): any {
    if (n === 'valueof')
        return a[0] === null ? null : typeof a[0] === 'boolean' ? a[0] : String(a[0]).toLowerCase() === 'true';
    return UNHANDLED;
}

export function idStatic(lib: Platform, n: string, a: any[]): any {
    if (n === 'valueof') {
        if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(a[0] ?? ''))
            lib.it.throwSys('StringException', `Invalid id: ${a[0]}`);
        return to18(a[0]);
    }
    return UNHANDLED;
}

export function blobStatic(n: string, a: any[]): any {
    if (n === 'valueof') return ApexBlob.fromString(a[0]);
    if (n === 'topdf') return ApexBlob.fromString(a[0]);
    return UNHANDLED;
}

/** Methods of an Id (a string at run time); every other String method applies too. */
export function idMethod(lib: Platform, o: string, n: string, a: any[]): any {
    const it = lib.it;
    if (n === 'getsobjecttype') {
        const def = (lib.it.org?.schema as any)?.objectForId?.(o);
        if (!def) it.throwSys('TypeException', `Invalid id: ${o}`);
        return new SObjectTypeToken(def.name);
    }
    if (n === 'to15') return o.slice(0, 15);
    return stringMethod(it, o, n, a);
}
