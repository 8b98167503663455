/**
 * The Apex heap governor, approximately: what a transaction holds is measured by walking what its code can still
 * reach (the frames of the transaction's methods and the static fields), sizing strings by their length, Blobs by
 * their bytes, collections, objects and sObjects by what they hold. A walk costs as much as the live data, so it runs
 * only at a statement boundary after enough has been allocated (strings, Blobs, parsed JSON, query rows) or enough
 * statements have run, and when the code asks (`Limits.getHeapSize()`).
 *
 * Limits (Apex Developer Guide, Execution Governors and Limits): total heap size 6 MB synchronous, 12 MB
 * asynchronous; "Although scheduled Apex is an asynchronous feature, synchronous limits apply to scheduled Apex
 * jobs". Exceeding it throws `System.LimitException: Apex heap size too large: <bytes>`, which can't be caught.
 */
import { ApexBlob } from '../values/blob';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime';
import { Decimal } from '../values/decimal';
import { ApexDouble } from '../values/double';
import type { Frame, Scope } from './frame';
import { ApexList, ApexMap, ApexObject, ApexSet, NativeObject } from './objects';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const SYNC_HEAP_LIMIT = 6_000_000;
export const ASYNC_HEAP_LIMIT = 12_000_000;
/** Allocated bytes (or statement credits) after which the next statement boundary measures the heap. */
const MEASURE_AFTER = 512 * 1024;
/** What one statement adds to the allocation count: collections grown one element at a time still get measured. */
export const STATEMENT_CREDIT = 16;
/** Strings at least this long are counted once however many variables hold them (they are one object in Apex). */
const SHARED_STRING_LENGTH = 64;
const SCALAR_BYTES = 8;
const REFERENCE_BYTES = 4;

/** What the meter needs from the evaluator: the running methods, the static fields, the exception to throw. */
export interface HeapHost {
    frames: Frame[];
    statics: Map<unknown, Map<string, any>>;
    throwSys(type: string, message: string): never;
}

export class HeapMeter {
    /** Bytes allocated (and statement credits) since the last measurement. */
    pending = 0;
    /** The first frame of the current transaction: frames below belong to the code that started it (a test method). */
    base = 0;
    /** The running transaction's limit (set at each transaction start). */
    limit = SYNC_HEAP_LIMIT;

    constructor(private readonly host: HeapHost) {}

    /** Counts an allocation of about `bytes`. */
    allocated(bytes: number): void {
        this.pending += bytes;
    }

    /** Called at a statement boundary once `pending` reached the measuring threshold. */
    checkpoint(): void {
        this.pending = 0;
        const size = this.measure();
        if (size > this.limit) this.host.throwSys('LimitException', `Apex heap size too large: ${size}`);
    }

    /** True when the next statement boundary should measure. */
    due(): boolean {
        return this.pending >= MEASURE_AFTER;
    }

    /** Bytes reachable from the transaction's frames and the static fields. */
    measure(): number {
        const walk = new HeapWalk();
        const frames = this.host.frames;
        for (let i = this.base; i < frames.length; i++) {
            const frame = frames[i];
            walk.add(frame.self);
            walk.add(frame.ret);
            for (let scope: Scope | null = frame.scope; scope; scope = scope.parent) {
                for (const variable of scope.vars.values()) walk.add(variable.v);
            }
        }
        for (const fields of this.host.statics.values()) {
            for (const value of fields.values()) walk.add(value);
        }
        return walk.total();
    }

    /**
     * Enters a transaction whose code starts at the current frame depth.
     * @returns what leave() restores
     */
    enter(async: boolean): { base: number; limit: number; pending: number } {
        const saved = { base: this.base, limit: this.limit, pending: this.pending };
        this.base = this.host.frames.length;
        this.limit = async ? ASYNC_HEAP_LIMIT : SYNC_HEAP_LIMIT;
        this.pending = 0;
        return saved;
    }

    leave(saved: { base: number; limit: number; pending: number }): void {
        this.base = saved.base;
        this.limit = saved.limit;
        this.pending = saved.pending;
    }
}

/** The size of a freshly built value (a query's rows), counted as allocated. */
export function sizeOf(value: unknown): number {
    const walk = new HeapWalk();
    walk.add(value);
    return walk.total();
}

/** One measurement: every object counted once, long strings counted once. */
class HeapWalk {
    private bytes = 0;
    private readonly seen = new Set<object>();
    private readonly strings = new Set<string>();
    private readonly todo: any[] = [];

    add(value: any): void {
        if (value === null || value === undefined) return;
        if (typeof value === 'string') {
            this.string(value);
            return;
        }
        if (typeof value !== 'object') {
            this.bytes += SCALAR_BYTES;
            return;
        }
        if (this.seen.has(value)) {
            this.bytes += REFERENCE_BYTES;
            return;
        }
        this.seen.add(value);
        this.todo.push(value);
    }

    total(): number {
        while (this.todo.length) this.visit(this.todo.pop());
        return this.bytes;
    }

    private string(value: string): void {
        if (value.length >= SHARED_STRING_LENGTH) {
            if (this.strings.has(value)) {
                this.bytes += REFERENCE_BYTES;
                return;
            }
            this.strings.add(value);
        }
        this.bytes += value.length;
    }

    private visit(value: any): void {
        if (value instanceof ApexBlob) {
            this.bytes += value.bytes.length;
        } else if (value instanceof ApexList) {
            this.bytes += REFERENCE_BYTES * (value.items.length + 1);
            for (const item of value.items) this.add(item);
        } else if (value instanceof ApexSet) {
            this.bytes += REFERENCE_BYTES * (value.map.size + 1);
            for (const item of value.map.values()) this.add(item);
        } else if (value instanceof ApexMap) {
            this.bytes += REFERENCE_BYTES * (2 * value.map.size + 1);
            for (const [key, item] of value.map.values()) {
                this.add(key);
                this.add(item);
            }
        } else if (value instanceof ApexObject) {
            this.bytes += REFERENCE_BYTES * (value.fields.size + 1);
            for (const field of value.fields.values()) this.add(field);
            this.shallow(value.native);
        } else if (value instanceof NativeObject) {
            this.bytes += REFERENCE_BYTES;
            this.shallow(value.data);
        } else if (
            value instanceof Decimal ||
            value instanceof ApexDouble ||
            value instanceof ApexDate ||
            value instanceof ApexDatetime ||
            value instanceof ApexTime
        ) {
            this.bytes += SCALAR_BYTES;
        } else if (typeof value.getPopulatedFieldsAsMap === 'function') {
            // an sObject: its field values, parent records and child lists
            const fields: Map<string, unknown> = value.getPopulatedFieldsAsMap();
            this.bytes += REFERENCE_BYTES * (fields.size + 1);
            for (const field of fields.values()) {
                if (Array.isArray(field)) for (const child of field) this.add(child);
                else this.add(field);
            }
        } else {
            this.bytes += SCALAR_BYTES;
        }
    }

    /**
     * The Apex-visible payload of a native object (an HttpRequest's body, an exception's message): its own string,
     * Blob and Apex collection properties, one level deep, so platform internals it points to are not counted.
     */
    private shallow(payload: any): void {
        if (payload === null || typeof payload !== 'object' || Object.getPrototypeOf(payload) !== Object.prototype)
            return;
        for (const key of Object.keys(payload)) {
            const v = payload[key];
            if (
                typeof v === 'string' ||
                v instanceof ApexBlob ||
                v instanceof ApexList ||
                v instanceof ApexMap ||
                v instanceof ApexSet ||
                v instanceof ApexObject
            )
                this.add(v);
        }
    }
}
