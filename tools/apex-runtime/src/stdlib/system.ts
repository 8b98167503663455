/**
 * The System and Assert classes: debug, assertions, now/today, async entry points, Test.* when no test runner is wired.
 */
import type { Interpreter } from '../interpreter/interpreter';
import type { Frame } from '../interpreter/frame';
import { TypeToken } from '../interpreter/objects';
import { ApexDatetime } from '../values/datetime';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

function render_debug(it: Interpreter, v: any): string {
    return it.renderDebug(v);
}

export function systemStatic(lib: Platform, n: string, a: any[], f: Frame): any {
    const it = lib.it;
    switch (n) {
        case 'debug': {
            const v = a.length === 2 ? a[1] : a[0];
            it.out(render_debug(it, v));
            return null;
        }
        case 'assert':
            if (a[0] !== true) lib.assertFail(a.length > 1 ? 'Assertion Failed: ' + it.str(a[1]) : 'Assertion Failed');
            return null;
        case 'assertequals':
            if (!it.valuesEqual(a[0], a[1], false)) {
                lib.assertFail(
                    `Assertion Failed: ${a.length > 2 ? it.str(a[2]) + ': ' : ''}Expected: ${it.str(a[0])}, Actual: ${it.str(a[1])}`
                );
            }
            return null;
        case 'assertnotequals':
            if (it.valuesEqual(a[0], a[1], false)) {
                lib.assertFail(
                    `Assertion Failed: ${a.length > 2 ? it.str(a[2]) + ': ' : ''}Same value: ${it.str(a[0])}`
                );
            }
            return null;
        case 'now':
            return new ApexDatetime(it.clock.now());
        case 'today':
            return new ApexDatetime(it.clock.now()).dateIn(it.timeZone);
        case 'currenttimemillis':
            return BigInt(it.clock.now());
        case 'runas':
            return null;
        case 'enqueuejob':
        case 'schedule':
        case 'schedulebatch':
        case 'attachfinalizer':
        case 'abortjob':
            return lib.hooks.async?.(n, a, f);
        case 'isbatch':
        case 'isfuture':
        case 'isqueueable':
        case 'isscheduled':
            return lib.hooks.async?.(n, a, f) ?? false;
        case 'requestversion':
            return null;
        case 'setpassword':
        case 'resetpassword':
            return null;
        case 'equals':
            return it.valuesEqual(a[0], a[1], false);
        case 'hashcode':
            return 0;
        case 'getquiddity':
            return lib.enumOf('quiddity', lib.currentQuiddity());
    }
    return it.throwSys('TypeException', `Method does not exist or incorrect signature: System.${n}`);
}

export function assertStatic(lib: Platform, n: string, a: any[]): any {
    const it = lib.it;
    const msg = (i: number) => (a.length > i && a[i] !== null ? it.str(a[i]) : null);
    const fail = (detail: string, i: number) => {
        const m = msg(i);
        lib.assertFail(`Assertion Failed: ${m !== null ? m + ': ' : ''}${detail}`);
    };
    switch (n) {
        case 'areequal':
            if (!it.valuesEqual(a[0], a[1], false)) fail(`Expected: ${it.str(a[0])}, Actual: ${it.str(a[1])}`, 2);
            return null;
        case 'arenotequal':
            if (it.valuesEqual(a[0], a[1], false)) fail(`Same value: ${it.str(a[0])}`, 2);
            return null;
        case 'istrue':
            if (a[0] !== true) fail('Expected: true, Actual: ' + it.str(a[0]), 1);
            return null;
        case 'isfalse':
            if (a[0] !== false) fail('Expected: false, Actual: ' + it.str(a[0]), 1);
            return null;
        case 'isnull':
            if (a[0] !== null && a[0] !== undefined) fail('Expected: null, Actual: ' + it.str(a[0]), 1);
            return null;
        case 'isnotnull':
            if (a[0] === null || a[0] === undefined) fail('Expected: not null, Actual: null', 1);
            return null;
        case 'fail':
            lib.assertFail(a.length && a[0] !== null ? it.str(a[0]) : 'Assertion Failed');
            return null;
        case 'isinstanceoftype':
        case 'isnotinstanceoftype': {
            const tok = a[1] as TypeToken;
            const ok = it.isInstance(a[0], tok.ref, null);
            if (n === 'isinstanceoftype' && !ok) fail(`Expected: ${tok.display}, Actual: ${it.typeNameOf(a[0])}`, 2);
            if (n === 'isnotinstanceoftype' && ok)
                fail(`Expected not: ${tok.display}, Actual: ${it.typeNameOf(a[0])}`, 2);
            return null;
        }
    }
    return it.throwSys('TypeException', `Method does not exist: Assert.${n}`);
}

export function testStatic(lib: Platform, n: string, a: any[], f: Frame): any {
    if (lib.hooks.test) return lib.hooks.test(n, a, f);
    if (n === 'isrunningtest') return false;
    return UNHANDLED;
}
