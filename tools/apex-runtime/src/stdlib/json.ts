/**
 * System.JSON: serialize (Jackson-style output incl. pretty printing), typed and untyped deserialize, JSONGenerator.
 * Numbers are parsed from their text so Decimals keep their scale.
 */
import type { Interpreter } from '../interpreter/interpreter';
import type { Frame } from '../interpreter/frame';
import type { TypeRef } from '../loader/ast';
import {
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ClassInfo,
    EnumValue,
    NativeObject,
    OBJECT_T,
    T,
    TypeToken
} from '../interpreter/objects';
import { isSObject } from '../interpreter/sobjects';
import { Decimal } from '../values/decimal';
import { ApexDouble, javaDoubleToString } from '../values/double';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime';
import { ApexBlob } from '../values/blob';
import { JSON_RESULT_TYPES, resultFromJson } from './dml-results';

/* eslint-disable @typescript-eslint/no-explicit-any */

class JNum {
    constructor(readonly text: string) {}
}
type JValue = null | boolean | string | JNum | JValue[] | Map<string, JValue>;

export function parseJson(it: Interpreter, src: string): JValue {
    let i = 0;
    const fail = (msg: string): never => it.throwSys('JSONException', `${msg} at [line:1, column:${i + 1}]`);
    const ws = () => {
        while (i < src.length && /\s/.test(src[i])) i++;
    };
    const value = (): JValue => {
        ws();
        const c = src[i];
        if (c === '{') {
            i++;
            const m = new Map<string, JValue>();
            ws();
            if (src[i] === '}') {
                i++;
                return m;
            }
            for (;;) {
                ws();
                if (src[i] !== '"') fail('Unexpected character (' + (src[i] ?? 'EOF') + ')');
                const k = str();
                ws();
                if (src[i] !== ':') fail("Unexpected character ('" + src[i] + "'): was expecting a colon");
                i++;
                m.set(k, value());
                ws();
                if (src[i] === ',') {
                    i++;
                    continue;
                }
                if (src[i] === '}') {
                    i++;
                    return m;
                }
                fail(
                    "Unexpected character ('" + (src[i] ?? 'EOF') + "'): was expecting comma to separate OBJECT entries"
                );
            }
        }
        if (c === '[') {
            i++;
            const arr: JValue[] = [];
            ws();
            if (src[i] === ']') {
                i++;
                return arr;
            }
            for (;;) {
                arr.push(value());
                ws();
                if (src[i] === ',') {
                    i++;
                    continue;
                }
                if (src[i] === ']') {
                    i++;
                    return arr;
                }
                fail(
                    "Unexpected character ('" + (src[i] ?? 'EOF') + "'): was expecting comma to separate ARRAY entries"
                );
            }
        }
        if (c === '"') return str();
        if (src.startsWith('true', i)) {
            i += 4;
            return true;
        }
        if (src.startsWith('false', i)) {
            i += 5;
            return false;
        }
        if (src.startsWith('null', i)) {
            i += 4;
            return null;
        }
        const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i, i + 400));
        if (m) {
            i += m[0].length;
            return new JNum(m[0]);
        }
        return fail("Unexpected character ('" + (c ?? 'EOF') + "')");
    };
    const str = (): string => {
        i++;
        let out = '';
        while (i < src.length && src[i] !== '"') {
            if (src[i] === '\\') {
                const n = src[i + 1];
                if (n === 'u') {
                    out += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
                    i += 6;
                    continue;
                }
                out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[n] ?? n;
                i += 2;
                continue;
            }
            out += src[i++];
        }
        if (src[i] !== '"') fail('Unexpected end-of-input in VALUE_STRING');
        i++;
        return out;
    };
    if (src === null || src === undefined) it.throwSys('NullPointerException', 'Argument cannot be null.');
    const v = value();
    ws();
    if (i < src.length) fail('Unexpected character (' + src[i] + ')');
    return v;
}

function numberUntyped(n: JNum): any {
    if (/^-?\d+$/.test(n.text)) {
        const big = BigInt(n.text);
        if (big >= -2147483648n && big <= 2147483647n) return Number(big);
        return big;
    }
    return Decimal.parse(n.text);
}

export function toUntyped(v: JValue): any {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (v instanceof JNum) return numberUntyped(v);
    // JSON.deserializeUntyped collections have the runtime element type ANY
    if (Array.isArray(v)) return Object.assign(new ApexList(OBJECT_T, v.map(toUntyped)), { untyped: true });
    const m = Object.assign(new ApexMap(T('String'), OBJECT_T), { untyped: true });
    for (const [k, x] of v) m.map.set(k, [k, toUntyped(x)]);
    return m;
}

/** Plain JS arrays and maps of a JSON value (for native result objects). */
function toUntypedDeep(v: JValue): unknown {
    if (Array.isArray(v)) return v.map(toUntypedDeep);
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, toUntypedDeep(x)]));
    return toUntyped(v);
}

export function toTyped(it: Interpreter, v: JValue, t: TypeRef, from: ClassInfo | null, strict: boolean): any {
    if (v === null) return null;
    const n = t.n.replace(/^system\./, '');
    const bad = (): never => it.throwSys('JSONException', `Cannot deserialize ${describe(v)} into ${t.name}`);
    switch (n) {
        case 'object':
            return toUntyped(v);
        case 'string':
        case 'id':
            if (typeof v === 'string') return v;
            if (v instanceof JNum) return v.text;
            if (typeof v === 'boolean') return String(v);
            return bad();
        case 'integer':
            if (v instanceof JNum) return Number(Decimal.parse(v.text).truncate());
            if (typeof v === 'string' && /^-?\d+$/.test(v)) return parseInt(v, 10);
            return bad();
        case 'long':
            if (v instanceof JNum) return Decimal.parse(v.text).truncate();
            return bad();
        case 'decimal':
            if (v instanceof JNum) return Decimal.parse(v.text);
            if (typeof v === 'string') return Decimal.parse(v);
            return bad();
        case 'double':
            if (v instanceof JNum) return new ApexDouble(Number(v.text));
            return bad();
        case 'boolean':
            if (typeof v === 'boolean') return v;
            if (typeof v === 'string') return v.toLowerCase() === 'true';
            return bad();
        case 'date':
            if (typeof v === 'string') return ApexDate.parseIso(v) ?? bad();
            return bad();
        case 'datetime':
            if (typeof v === 'string') {
                const ms = Date.parse(v);
                if (Number.isNaN(ms)) bad();
                return new ApexDatetime(ms);
            }
            return bad();
        case 'time':
            if (typeof v === 'string') {
                const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/.exec(v);
                return m ? ApexTime.of(+m[1], +m[2], +m[3], +(m[4] ?? 0)) : bad();
            }
            return bad();
        case 'blob':
            if (typeof v === 'string') return new ApexBlob(new Uint8Array(Buffer.from(v, 'base64')));
            return bad();
        case 'list':
        case 'set': {
            if (!Array.isArray(v)) bad();
            const elem = t.args[0] ?? OBJECT_T;
            const items = (v as JValue[]).map((x) => toTyped(it, x, elem, from, strict));
            if (n === 'list') return new ApexList(elem, items);
            const s = new ApexSet(elem);
            for (const x of items) s.map.set(it.builtins.key(x), x);
            return s;
        }
        case 'map': {
            if (!(v instanceof Map)) bad();
            const m = new ApexMap(t.args[0] ?? T('String'), t.args[1] ?? OBJECT_T);
            for (const [k, x] of v as Map<string, JValue>) {
                const key = toTyped(it, k, m.keyType, from, strict);
                m.map.set(it.builtins.key(key), [key, toTyped(it, x, m.valType, from, strict)]);
            }
            return m;
        }
    }
    if (n === 'sobject') {
        // the concrete type comes from the record's "attributes": {"type": …}, as JSON.serialize writes it
        const attributes = v instanceof Map ? v.get('attributes') : null;
        const type = attributes instanceof Map ? attributes.get('type') : null;
        if (typeof type !== 'string')
            it.throwSys('JSONException', 'Cannot deserialize an SObject without its attributes.type');
        return toTyped(
            it,
            v,
            { ...t, name: type as string, n: (type as string).toLowerCase(), args: [] },
            from,
            strict
        );
    }
    const h = it.resolveType(t, from);
    const resultType = h?.kind === 'builtin' ? JSON_RESULT_TYPES.get(h.n.replace(/^system\./, '')) : undefined;
    if (resultType) {
        if (!(v instanceof Map)) bad();
        const untyped = new Map([...(v as Map<string, JValue>)].map(([k, x]) => [k, toUntypedDeep(x)]));
        return resultFromJson(resultType, untyped);
    }
    if (h?.kind === 'sobject') {
        if (!(v instanceof Map)) bad();
        const so = it.builtins.newSObject(h.name);
        for (const [k, x] of v as Map<string, JValue>) {
            if (k === 'attributes') continue;
            if (x instanceof Map || Array.isArray(x)) continue;
            const fieldType = it.builtins.sobjectFieldType(h.name, k);
            it.builtins.sobjectPut(so, k, toTyped(it, x, fieldType, from, strict), true);
        }
        return so;
    }
    if (h?.kind === 'class') {
        const cls = h.cls;
        if (cls.kind === 'enum') {
            if (typeof v !== 'string') bad();
            return it.enumValue(cls, (v as string).toLowerCase()) ?? bad();
        }
        if (!(v instanceof Map)) bad();
        if (cls.kind === 'interface' || cls.decl.mods.has('abstract')) {
            it.throwSys(
                'JSONException',
                `Cannot deserialize instance of ${cls.displayName}: abstract types cannot be deserialized`
            );
        }
        const obj = it.builtins.blankInstance(cls);
        for (const [k, x] of v as Map<string, JValue>) {
            const fd = cls.findField(k.toLowerCase());
            if (!fd || fd.mods.has('static')) {
                if (strict) it.throwSys('JSONException', `No such column '${k}' on object of type ${cls.displayName}`);
                continue;
            }
            obj.fields.set(fd.n, toTyped(it, x, fd.type, fd ? ownerOf(cls, fd.n) : cls, strict));
        }
        return obj;
    }
    return toUntyped(v);
}

function ownerOf(cls: ClassInfo, n: string): ClassInfo {
    for (let c: ClassInfo | null = cls; c; c = c.superclass) if (c.fields.has(n)) return c;
    return cls;
}

function describe(v: JValue): string {
    if (Array.isArray(v)) return 'array';
    if (v instanceof Map) return 'object';
    if (v instanceof JNum) return 'number';
    return typeof v;
}

// ------------------------------------------------------------------ serialization

/** Converts an Apex value to a plain JSON model (with raw number text) in Apex's field order. */
export function toJsonModel(it: Interpreter, v: any, suppressNulls: boolean, depth = 0): JValue | undefined {
    if (depth > 100) it.throwSys('JSONException', 'Maximum depth exceeded');
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number' || typeof v === 'bigint') return new JNum(v.toString());
    if (v instanceof Decimal) return new JNum(v.toString());
    if (v instanceof ApexDouble) return new JNum(javaDoubleToString(v.value));
    if (v instanceof ApexDate) return v.toString();
    if (v instanceof ApexDatetime) return v.toIso();
    if (v instanceof ApexTime) return v.toString();
    if (v instanceof ApexBlob) return Buffer.from(v.bytes).toString('base64');
    if (v instanceof EnumValue) return v.name;
    if (v instanceof ApexList) return v.items.map((x) => toJsonModel(it, x, suppressNulls, depth + 1) ?? null);
    if (v instanceof ApexSet)
        return [...v.map.values()].map((x) => toJsonModel(it, x, suppressNulls, depth + 1) ?? null);
    if (v instanceof ApexMap) {
        const m = new Map<string, JValue>();
        for (const [, [k, x]] of v.map) {
            const j = toJsonModel(it, x, suppressNulls, depth + 1);
            if (j === null && suppressNulls) continue;
            m.set(it.str(k), j ?? null);
        }
        return m;
    }
    if (isSObject(v)) {
        const m = new Map<string, JValue>();
        const fields = v.getPopulatedFieldsAsMap();
        const attrs = new Map<string, JValue>([['type', v.type]]);
        const id = fields.get('Id');
        if (id) attrs.set('url', `/services/data/v66.0/sobjects/${v.type}/${id}`);
        m.set('attributes', attrs);
        for (const [k, x] of fields) {
            if (Array.isArray(x)) {
                const records = x.map((r: any) => toJsonModel(it, r, suppressNulls, depth + 1) ?? null);
                m.set(
                    k,
                    new Map<string, JValue>([
                        ['totalSize', new JNum(String(records.length))],
                        ['done', true],
                        ['records', records]
                    ])
                );
                continue;
            }
            m.set(k, toJsonModel(it, x, suppressNulls, depth + 1) ?? null);
        }
        return m;
    }
    if (v instanceof ApexObject) {
        if (v.cls.isSubclassOf(it.exceptionBase)) return null;
        const m = new Map<string, JValue>();
        const chain: ClassInfo[] = [];
        for (let c: ClassInfo | null = v.cls; c; c = c.superclass) chain.unshift(c);
        for (const c of chain) {
            for (const fd of c.decl.fields) {
                if (fd.mods.has('static') || fd.mods.has('transient')) continue;
                const x = it.readField(v, fd, c);
                if (x === null && suppressNulls) continue;
                m.set(fd.name, toJsonModel(it, x, suppressNulls, depth + 1) ?? null);
            }
        }
        return m;
    }
    if (v instanceof NativeObject && v.data?.toJson) return v.data.toJson();
    return null;
}

export function stringifyModel(v: JValue | undefined, pretty: boolean, indent = 0): string {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'string') return quote(v);
    if (v instanceof JNum) return v.text;
    const pad = (n: number) => '  '.repeat(n);
    if (Array.isArray(v)) {
        if (!pretty) return '[' + v.map((x) => stringifyModel(x, false)).join(',') + ']';
        if (!v.length) return '[ ]';
        return '[ ' + v.map((x) => stringifyModel(x, true, indent)).join(', ') + ' ]';
    }
    const entries = [...v.entries()];
    if (!pretty) return '{' + entries.map(([k, x]) => quote(k) + ':' + stringifyModel(x, false)).join(',') + '}';
    if (!entries.length) return '{ }';
    return (
        '{\n' +
        entries.map(([k, x]) => pad(indent + 1) + quote(k) + ' : ' + stringifyModel(x, true, indent + 1)).join(',\n') +
        '\n' +
        pad(indent) +
        '}'
    );
}

function quote(s: string): string {
    let out = '"';
    for (const ch of s) {
        const c = ch.charCodeAt(0);
        if (ch === '"') out += '\\"';
        else if (ch === '\\') out += '\\\\';
        else if (ch === '\n') out += '\\n';
        else if (ch === '\r') out += '\\r';
        else if (ch === '\t') out += '\\t';
        else if (ch === '\b') out += '\\b';
        else if (ch === '\f') out += '\\f';
        else if (c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0');
        else out += ch;
    }
    return out + '"';
}

export function serialize(it: Interpreter, v: any, pretty: boolean, suppressNulls: boolean): string {
    return stringifyModel(toJsonModel(it, v, suppressNulls), pretty);
}

/** JSONGenerator: builds the same JSON model incrementally. */
export class JsonGenerator {
    private stack: { container: JValue[] | Map<string, JValue>; field: string | null }[] = [];
    private root: JValue | undefined = undefined;
    private pendingField: string | null = null;
    constructor(
        private readonly it: Interpreter,
        readonly pretty: boolean
    ) {}
    private put(v: JValue) {
        const top = this.stack[this.stack.length - 1];
        if (!top) {
            this.root = v;
            return;
        }
        if (Array.isArray(top.container)) top.container.push(v);
        else {
            if (this.pendingField === null)
                this.it.throwSys('JSONException', 'Can not write a field value, expecting a field name');
            top.container.set(this.pendingField!, v);
            this.pendingField = null;
        }
    }
    call(n: string, a: any[]): any {
        switch (n) {
            case 'writestartobject': {
                const m = new Map<string, JValue>();
                this.put(m);
                this.stack.push({ container: m, field: null });
                return null;
            }
            case 'writestartarray': {
                const arr: JValue[] = [];
                this.put(arr);
                this.stack.push({ container: arr, field: null });
                return null;
            }
            case 'writeendobject':
            case 'writeendarray':
                this.stack.pop();
                return null;
            case 'writefieldname':
                this.pendingField = a[0];
                return null;
            case 'writestring':
            case 'writeboolean':
            case 'writenumber':
            case 'writedate':
            case 'writedatetime':
            case 'writetime':
            case 'writeobject':
            case 'writeblob':
            case 'writeid':
                this.put(toJsonModel(this.it, a[0], false) ?? null);
                return null;
            case 'writenull':
                this.put(null);
                return null;
            case 'writestringfield':
            case 'writebooleanfield':
            case 'writenumberfield':
            case 'writedatefield':
            case 'writedatetimefield':
            case 'writetimefield':
            case 'writeobjectfield':
            case 'writeblobfield':
            case 'writeidfield':
                this.pendingField = a[0];
                this.put(toJsonModel(this.it, a[1], false) ?? null);
                return null;
            case 'writenullfield':
                this.pendingField = a[0];
                this.put(null);
                return null;
            case 'getasstring':
                return stringifyModel(this.root, this.pretty);
            case 'close':
                return null;
            case 'isclosed':
                return this.stack.length === 0;
        }
        this.it.throwSys('TypeException', `Method does not exist: JSONGenerator.${n}`);
    }
}

/** The JSON class: serialize, serializePretty, deserialize, deserializeStrict, deserializeUntyped, createGenerator. */
export function jsonStatic(it: Interpreter, n: string, a: any[], f: Frame): any {
    switch (n) {
        case 'serialize':
            return serialize(it, a[0], false, a[1] === true);
        case 'serializepretty':
            return serialize(it, a[0], true, a[1] === true);
        case 'deserializeuntyped':
            return toUntyped(parseJson(it, a[0]));
        case 'deserialize':
        case 'deserializestrict': {
            const tok = a[1] as TypeToken;
            if (!(tok instanceof TypeToken)) it.throwSys('NullPointerException', 'Argument cannot be null.');
            return toTyped(it, parseJson(it, a[0]), tok.ref, f.cls, n === 'deserializestrict');
        }
        case 'creategenerator':
            return new NativeObject('JSONGenerator', new JsonGenerator(it, a[0] === true));
    }
    return it.throwSys('TypeException', `Method does not exist: JSON.${n}`);
}
