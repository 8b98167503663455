/**
 * System.UUID: random version 4 UUIDs, parsing and comparison (Apex Reference › UUID Class).
 */
import { randomUUID } from 'node:crypto';
import { NativeObject } from '../interpreter/objects';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuid(text: string): NativeObject {
    const value = text.toLowerCase();
    return new NativeObject('UUID', { value, toString: () => value });
}

export function uuidStatic(lib: Platform, n: string, a: any[]): any {
    switch (n) {
        case 'randomuuid':
            return uuid(randomUUID());
        case 'fromstring':
            if (a[0] === null || a[0] === undefined)
                return lib.it.throwSys('NullPointerException', 'Argument cannot be null.');
            if (!UUID_TEXT.test(String(a[0])))
                return lib.it.throwSys('IllegalArgumentException', `Invalid UUID string: ${a[0]}`);
            return uuid(String(a[0]));
    }
    return UNHANDLED;
}

export function uuidMethod(o: NativeObject, n: string, a: any[]): any {
    switch (n) {
        case 'tostring':
            return o.data.value;
        case 'equals':
            // never equal to a String or any other non-UUID object
            return a[0] instanceof NativeObject && a[0].typeName === 'UUID' && a[0].data.value === o.data.value;
        case 'hashcode': {
            let h = 0;
            for (const c of o.data.value as string) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
            return h;
        }
    }
    return UNHANDLED;
}
