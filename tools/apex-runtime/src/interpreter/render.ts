/**
 * String.valueOf(x) as the platform renders it: lists `(a, b)`, sets `{a, b}`, maps `{k=v}`, sObjects
 * `Account:{Name=x, Id=001…}`, class instances `Foo:[a=1, b=null]`, Dates `2024-02-29`, Doubles the Java way.
 */
import { Decimal } from '../values/decimal';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime';
import { ApexDouble, javaDoubleToString } from '../values/double';
import { ApexBlob } from '../values/blob';
import {
    ApexList,
    ApexSet,
    ApexMap,
    ApexObject,
    EnumValue,
    TypeToken,
    SObjectTypeToken,
    SObjectFieldToken,
    NativeObject
} from './objects';
import { isSObject } from './sobjects';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface RenderContext {
    timeZone: string;
    /** System.debug prints Datetimes in GMT; String.valueOf in the user's zone */
    datetimeGmt?: boolean;
    exceptionText?: (o: ApexObject) => string | null;
    /** a class's own toString() override */
    objectText?: (o: ApexObject) => string | null;
}

export function render(v: any, ctx: RenderContext, depth = 0): string {
    if (v === null || v === undefined) return 'null';
    switch (typeof v) {
        case 'string':
            return v;
        case 'number':
            return String(v);
        case 'bigint':
            return v.toString();
        case 'boolean':
            return v ? 'true' : 'false';
    }
    if (v instanceof Decimal) return v.toString();
    if (v instanceof ApexDouble) return javaDoubleToString(v.value);
    if (v instanceof ApexDate) return v.toString() + (depth > 0 ? ' 00:00:00' : '');
    // a Datetime alone renders in the user's zone; inside collections and records (and in System.debug) in GMT
    if (v instanceof ApexDatetime) return v.formatIn(ctx.datetimeGmt || depth > 0 ? 'GMT' : ctx.timeZone);
    if (v instanceof ApexTime) return v.toString();
    if (v instanceof ApexBlob) return `Blob[${v.size()}]`;
    if (v instanceof EnumValue) return v.name;
    if (v instanceof TypeToken) return v.display;
    if (v instanceof SObjectTypeToken) return v.name;
    if (v instanceof SObjectFieldToken) return v.field;
    if (depth > 10) return '…';
    if (v instanceof ApexList) return '(' + v.items.map((x) => render(x, ctx, depth + 1)).join(', ') + ')';
    if (v instanceof ApexSet) return '{' + [...v.map.values()].map((x) => render(x, ctx, depth + 1)).join(', ') + '}';
    if (v instanceof ApexMap) {
        return (
            '{' +
            [...v.map.values()]
                .map(([k, x]) => render(k, ctx, depth + 1) + '=' + render(x, ctx, depth + 1))
                .join(', ') +
            '}'
        );
    }
    if (isSObject(v)) {
        const parts: string[] = [];
        for (const [name, value] of v.getPopulatedFieldsAsMap()) {
            if (isSObject(value) || value instanceof ApexList || Array.isArray(value)) continue;
            parts.push(name + '=' + render(value, ctx, depth + 1));
        }
        return v.type + ':{' + parts.join(', ') + '}';
    }
    if (v instanceof ApexObject) {
        const exc = ctx.exceptionText?.(v);
        if (exc !== null && exc !== undefined) return exc;
        const own = ctx.objectText?.(v);
        if (own !== null && own !== undefined) return own;
        const parts: string[] = [];
        for (const [name, value] of v.fields)
            parts.push((v.cls.findField(name)?.name ?? name) + '=' + render(value, ctx, depth + 1));
        // an inner class's instance prints its own name, without the outer class (`TestHandler:[…]`)
        return v.cls.decl.name + ':[' + parts.join(', ') + ']';
    }
    if (v instanceof NativeObject) return v.data?.toString?.() ?? v.typeName;
    return String(v);
}
