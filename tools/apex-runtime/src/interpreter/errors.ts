/**
 * Control flow carriers: an Apex exception in flight (ApexThrow) and load-time errors (LoadError).
 */
import type { ApexObject } from './objects';

export class ApexThrow extends Error {
    constructor(readonly exc: ApexObject) {
        super('Apex exception');
    }
}

/** A load failure with file and line, printed like a deploy error. */
export class LoadError extends Error {
    /** Every load error found, this one first, when loading stops at several at once. */
    all: LoadError[] = [this];

    constructor(
        readonly file: string,
        readonly line: number,
        readonly detail: string
    ) {
        super(`${file}:${line}: ${detail}`);
    }
}

/** Thrown by native code to raise a System exception of the given type (e.g. 'NullPointerException'). */
export class SystemError extends Error {
    constructor(
        readonly apexType: string,
        message: string,
        readonly extra?: Record<string, unknown>
    ) {
        super(message);
    }
}
