/**
 * SOQL parsing: dynamic query strings and inline [SELECT …] text share this one parser. Binds keep the
 * Apex expression text after the colon for the interpreter to evaluate.
 */
import { queryError } from './errors';

export type SoqlValue =
    | { k: 'string'; v: string }
    | { k: 'number'; v: string }
    | { k: 'boolean'; v: boolean }
    | { k: 'null' }
    | { k: 'date'; v: string }
    | { k: 'datetime'; v: string }
    | { k: 'dateLiteral'; name: string; n?: number }
    | { k: 'bind'; bind: SoqlBind }
    | { k: 'list'; items: SoqlValue[] }
    | { k: 'subquery'; query: SoqlQuery };

export interface SoqlBind {
    /** The Apex expression after the colon, e.g. `opp.Id` or `ids`. */
    text: string;
    name: string;
    expression?: unknown;
}

export interface FieldRef {
    k: 'field';
    path: string[];
    /** A date function (DAY_ONLY, CALENDAR_MONTH …) applied to the field. */
    dateFn?: string;
    /** convertTimezone(): the date function works in the user's time zone instead of GMT. */
    tz?: boolean;
}
export interface AggregateRef {
    k: 'agg';
    fn: string;
    arg: FieldRef | null;
    alias: string | null;
}
export type SelectItem =
    | { k: 'field'; path: string[]; fn?: string; alias?: string | null; dateFn?: string; tz?: boolean }
    | AggregateRef
    | { k: 'sub'; query: SoqlQuery };

export type Condition =
    | { k: 'and'; items: Condition[] }
    | { k: 'or'; items: Condition[] }
    | { k: 'not'; item: Condition }
    | { k: 'cmp'; left: FieldRef | AggregateRef; op: string; right: SoqlValue };

export interface OrderItem {
    ref: FieldRef | AggregateRef;
    desc: boolean;
    nullsLast: boolean;
}

export interface SoqlQuery {
    text: string;
    objectName: string;
    /** Relationship name when this is a child subquery (FROM OpportunityLineItems). */
    fromName: string;
    select: SelectItem[];
    countOnly: boolean;
    where: Condition | null;
    withMode: 'USER_MODE' | 'SYSTEM_MODE' | 'SECURITY_ENFORCED' | null;
    groupBy: FieldRef[];
    having: Condition | null;
    orderBy: OrderItem[];
    limit: SoqlValue | null;
    offset: SoqlValue | null;
    forUpdate: boolean;
    allRows: boolean;
    binds: SoqlBind[];
}

type Tok = { t: 'id' | 'str' | 'num' | 'p' | 'bind'; v: string; pos: number };

const KEYWORDS = new Set([
    'select',
    'from',
    'where',
    'with',
    'group',
    'by',
    'having',
    'order',
    'limit',
    'offset',
    'for',
    'and',
    'or',
    'not',
    'in',
    'like',
    'asc',
    'desc',
    'nulls',
    'first',
    'last',
    'includes',
    'excludes',
    'all',
    'using',
    'update',
    'view',
    'reference',
    'rows'
]);

function tokenize(text: string): Tok[] {
    const toks: Tok[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        if (c === "'") {
            let s = '';
            let j = i + 1;
            for (; j < text.length; j++) {
                const d = text[j];
                if (d === '\\') {
                    const n = text[++j];
                    s += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
                    continue;
                }
                if (d === "'") break;
                s += d;
            }
            if (j >= text.length) throw queryError(`line 1:${i} no viable alternative at character '''`);
            toks.push({ t: 'str', v: s, pos: i });
            i = j + 1;
            continue;
        }
        if (c === ':') {
            let j = i + 1;
            while (j < text.length && /\s/.test(text[j])) j++;
            const start = j;
            let depth = 0;
            for (; j < text.length; j++) {
                const d = text[j];
                if (d === '(' || d === '[') depth++;
                else if (d === ')' || d === ']') {
                    if (depth === 0) break;
                    depth--;
                } else if (depth === 0 && (/\s/.test(d) || d === ',')) break;
                else if (d === "'") {
                    j++;
                    while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
                }
            }
            const expr = text.substring(start, j).trim();
            toks.push({ t: 'bind', v: expr, pos: i });
            i = j;
            continue;
        }
        if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? '') && isValueStart(toks))) {
            const m = /^-?\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2}))?/.exec(text.substring(i));
            if (m) {
                toks.push({ t: 'num', v: m[0], pos: i });
                i += m[0].length;
                continue;
            }
            const n = /^-?\d+(\.\d+)?/.exec(text.substring(i))!;
            toks.push({ t: 'num', v: n[0], pos: i });
            i += n[0].length;
            continue;
        }
        if (/[A-Za-z_]/.test(c)) {
            const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(:\d+)?/.exec(text.substring(i))!;
            toks.push({ t: 'id', v: m[0], pos: i });
            i += m[0].length;
            continue;
        }
        const two = text.substring(i, i + 2);
        if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
            toks.push({ t: 'p', v: two === '<>' ? '!=' : two, pos: i });
            i += 2;
            continue;
        }
        if ('=<>(),'.includes(c)) {
            toks.push({ t: 'p', v: c, pos: i });
            i++;
            continue;
        }
        throw queryError(`line 1:${i} no viable alternative at character '${c}'`);
    }
    return toks;
}

function isValueStart(toks: Tok[]): boolean {
    const last = toks[toks.length - 1];
    return !last || last.t === 'p' || (last.t === 'id' && KEYWORDS.has(last.v.toLowerCase()));
}

const AGG_FNS = new Set(['count', 'count_distinct', 'sum', 'avg', 'min', 'max']);
export const DATE_FNS = new Set([
    'calendar_month',
    'calendar_quarter',
    'calendar_year',
    'day_in_month',
    'day_in_week',
    'day_in_year',
    'day_only',
    'fiscal_month',
    'fiscal_quarter',
    'fiscal_year',
    'hour_in_day',
    'week_in_month',
    'week_in_year'
]);
const DATE_LITERAL =
    /^(YESTERDAY|TODAY|TOMORROW|LAST_WEEK|THIS_WEEK|NEXT_WEEK|LAST_MONTH|THIS_MONTH|NEXT_MONTH|LAST_90_DAYS|NEXT_90_DAYS|THIS_QUARTER|LAST_QUARTER|NEXT_QUARTER|THIS_YEAR|LAST_YEAR|NEXT_YEAR|THIS_FISCAL_QUARTER|LAST_FISCAL_QUARTER|NEXT_FISCAL_QUARTER|THIS_FISCAL_YEAR|LAST_FISCAL_YEAR|NEXT_FISCAL_YEAR|(LAST|NEXT)_N_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)|N_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)_AGO)(:\d+)?$/i;

class Parser {
    private i = 0;
    readonly binds: SoqlBind[] = [];
    constructor(
        private toks: Tok[],
        private text: string
    ) {}

    private peek(o = 0): Tok | undefined {
        return this.toks[this.i + o];
    }
    private kw(word: string, o = 0): boolean {
        const t = this.peek(o);
        return !!t && t.t === 'id' && t.v.toLowerCase() === word;
    }
    private eatKw(word: string): boolean {
        if (this.kw(word)) {
            this.i++;
            return true;
        }
        return false;
    }
    private expectKw(word: string): void {
        if (!this.eatKw(word)) this.fail(`expecting '${word.toUpperCase()}'`);
    }
    private p(v: string, o = 0): boolean {
        const t = this.peek(o);
        return !!t && t.t === 'p' && t.v === v;
    }
    private eatP(v: string): boolean {
        if (this.p(v)) {
            this.i++;
            return true;
        }
        return false;
    }
    private expectP(v: string): void {
        if (!this.eatP(v)) this.fail(`expecting '${v}'`);
    }
    fail(msg: string): never {
        const t = this.peek();
        const found = t ? (t.t === 'str' ? `'${t.v}'` : t.v) : '<EOF>';
        throw queryError(`unexpected token: '${found}'${msg ? ' (' + msg + ')' : ''}`);
    }
    atEnd(): boolean {
        return this.i >= this.toks.length;
    }

    query(): SoqlQuery {
        this.expectKw('select');
        const select: SelectItem[] = [];
        let countOnly = false;
        if (this.kw('count') && this.p('(', 1) && this.p(')', 2) && this.kw('from', 3)) {
            this.i += 3;
            countOnly = true;
        } else {
            do select.push(this.selectItem());
            while (this.eatP(','));
        }
        this.expectKw('from');
        const fromTok = this.peek();
        if (!fromTok || fromTok.t !== 'id') this.fail('expecting an object name');
        this.i++;
        const fromName = fromTok.v;
        if (this.peek()?.t === 'id' && !KEYWORDS.has(this.peek()!.v.toLowerCase())) this.i++; // alias
        if (this.eatKw('using')) {
            this.expectKw('scope');
            this.i++;
        }
        const q: SoqlQuery = {
            text: this.text,
            objectName: fromName,
            fromName,
            select,
            countOnly,
            where: null,
            withMode: null,
            groupBy: [],
            having: null,
            orderBy: [],
            limit: null,
            offset: null,
            forUpdate: false,
            allRows: false,
            binds: this.binds
        };
        if (this.eatKw('where')) q.where = this.condition();
        if (this.eatKw('with')) {
            const t = this.peek();
            const mode = t?.v.toUpperCase();
            if (mode === 'USER_MODE' || mode === 'SYSTEM_MODE' || mode === 'SECURITY_ENFORCED') {
                q.withMode = mode;
                this.i++;
            } else this.fail('expecting USER_MODE, SYSTEM_MODE or SECURITY_ENFORCED');
        }
        if (this.kw('group') && this.kw('by', 1)) {
            this.i += 2;
            do q.groupBy.push(this.groupItem());
            while (this.eatP(','));
        }
        if (this.eatKw('having')) q.having = this.condition();
        if (this.kw('order') && this.kw('by', 1)) {
            this.i += 2;
            do {
                const ref = this.refOrAgg();
                let desc = false;
                if (this.eatKw('desc')) desc = true;
                else this.eatKw('asc');
                let nullsLast = desc;
                if (this.eatKw('nulls')) {
                    if (this.eatKw('last')) nullsLast = true;
                    else {
                        this.expectKw('first');
                        nullsLast = false;
                    }
                }
                q.orderBy.push({ ref, desc, nullsLast });
            } while (this.eatP(','));
        }
        if (this.eatKw('limit')) q.limit = this.value();
        if (this.eatKw('offset')) q.offset = this.value();
        if (this.eatKw('for')) {
            if (this.eatKw('update')) q.forUpdate = true;
            else if (!this.eatKw('view') && !this.eatKw('reference')) this.fail('expecting UPDATE, VIEW or REFERENCE');
        }
        if (this.eatKw('all')) {
            this.expectKw('rows');
            q.allRows = true;
        }
        return q;
    }

    private selectItem(): SelectItem {
        if (this.p('(')) {
            this.i++;
            const sub = this.query();
            this.expectP(')');
            return { k: 'sub', query: sub };
        }
        const t = this.peek();
        if (t?.t === 'id' && this.p('(', 1)) {
            const fn = t.v.toLowerCase();
            this.i += 2;
            if (AGG_FNS.has(fn)) {
                const arg = this.p(')') ? null : this.fieldRef();
                this.expectP(')');
                return { k: 'agg', fn, arg, alias: this.alias() };
            }
            if (DATE_FNS.has(fn)) {
                const ref = this.dateFnArg(fn);
                return { k: 'field', path: ref.path, dateFn: fn, tz: ref.tz, alias: this.alias() };
            }
            if (fn === 'tolabel' || fn === 'convertcurrency' || fn === 'format') {
                const ref = this.fieldRef();
                this.expectP(')');
                return { k: 'field', path: ref.path, fn, alias: this.alias() };
            }
            this.fail(`unknown function ${t.v}`);
        }
        const ref = this.fieldRef();
        return { k: 'field', path: ref.path, alias: this.alias() };
    }

    private alias(): string | null {
        const t = this.peek();
        if (t?.t === 'id' && !KEYWORDS.has(t.v.toLowerCase())) {
            this.i++;
            return t.v;
        }
        return null;
    }

    /** The argument of a date function, already past its '(': a field or convertTimezone(field); eats ')'. */
    private dateFnArg(fn: string): FieldRef {
        let tz = false;
        let ref: FieldRef;
        if (this.kw('converttimezone') && this.p('(', 1)) {
            this.i += 2;
            ref = this.fieldRef();
            this.expectP(')');
            tz = true;
        } else ref = this.fieldRef();
        this.expectP(')');
        return { k: 'field', path: ref.path, dateFn: fn, tz };
    }

    private groupItem(): FieldRef {
        const t = this.peek();
        if (t?.t === 'id' && this.p('(', 1) && DATE_FNS.has(t.v.toLowerCase())) {
            this.i += 2;
            return this.dateFnArg(t.v.toLowerCase());
        }
        return this.fieldRef();
    }

    private fieldRef(): FieldRef {
        const t = this.peek();
        if (!t || t.t !== 'id' || KEYWORDS.has(t.v.toLowerCase())) this.fail('expecting a field name');
        this.i++;
        return { k: 'field', path: t.v.split('.') };
    }

    private refOrAgg(): FieldRef | AggregateRef {
        const t = this.peek();
        if (t?.t === 'id' && this.p('(', 1) && AGG_FNS.has(t.v.toLowerCase())) {
            this.i += 2;
            const arg = this.p(')') ? null : this.fieldRef();
            this.expectP(')');
            return { k: 'agg', fn: t.v.toLowerCase(), arg, alias: null };
        }
        return this.groupItem();
    }

    condition(): Condition {
        const items = [this.andCond()];
        while (this.eatKw('or')) items.push(this.andCond());
        return items.length === 1 ? items[0] : { k: 'or', items };
    }

    private andCond(): Condition {
        const items = [this.notCond()];
        while (this.eatKw('and')) items.push(this.notCond());
        return items.length === 1 ? items[0] : { k: 'and', items };
    }

    private notCond(): Condition {
        if (this.eatKw('not')) return { k: 'not', item: this.notCond() };
        if (this.p('(')) {
            this.i++;
            const c = this.condition();
            this.expectP(')');
            return c;
        }
        const left = this.refOrAgg();
        let op: string;
        const t = this.peek();
        if (t?.t === 'p' && ['=', '!=', '<', '>', '<=', '>='].includes(t.v)) {
            op = t.v;
            this.i++;
        } else if (this.eatKw('like')) op = 'like';
        else if (this.eatKw('in')) op = 'in';
        else if (this.kw('not') && this.kw('in', 1)) {
            this.i += 2;
            op = 'not in';
        } else if (this.eatKw('includes')) op = 'includes';
        else if (this.eatKw('excludes')) op = 'excludes';
        else this.fail('expecting a comparison operator');
        return {
            k: 'cmp',
            left,
            op,
            right: this.value(op === 'in' || op === 'not in' || op === 'includes' || op === 'excludes')
        };
    }

    private value(allowList = false): SoqlValue {
        const t = this.peek();
        if (!t) this.fail('expecting a value');
        if (t.t === 'p' && t.v === '(' && allowList) {
            this.i++;
            if (this.kw('select')) {
                const query = this.query();
                this.expectP(')');
                return { k: 'subquery', query };
            }
            const items: SoqlValue[] = [];
            if (!this.p(')')) {
                do items.push(this.value());
                while (this.eatP(','));
            }
            this.expectP(')');
            return { k: 'list', items };
        }
        this.i++;
        if (t.t === 'str') return { k: 'string', v: t.v };
        if (t.t === 'bind') {
            const bind: SoqlBind = { text: t.v, name: t.v };
            this.binds.push(bind);
            return { k: 'bind', bind };
        }
        if (t.t === 'num') {
            if (/^-?\d{4}-\d{2}-\d{2}T/.test(t.v)) return { k: 'datetime', v: t.v };
            if (/^-?\d{4}-\d{2}-\d{2}$/.test(t.v)) return { k: 'date', v: t.v };
            return { k: 'number', v: t.v };
        }
        if (t.t === 'id') {
            const lower = t.v.toLowerCase();
            if (lower === 'true' || lower === 'false') return { k: 'boolean', v: lower === 'true' };
            if (lower === 'null') return { k: 'null' };
            if (DATE_LITERAL.test(t.v)) {
                const [name, n] = t.v.split(':');
                return { k: 'dateLiteral', name: name.toUpperCase(), n: n === undefined ? undefined : Number(n) };
            }
        }
        this.i--;
        this.fail('expecting a value');
    }
}

/** Parses a SOQL statement (without the square brackets). */
export function parseSoql(text: string): SoqlQuery {
    const p = new Parser(tokenize(text), text);
    const q = p.query();
    if (!p.atEnd()) p.fail('');
    return q;
}
