/**
 * Executes parsed SOQL against the database: filters, parent paths, child subqueries, ordering, limits,
 * aggregates, date literals in the running user's time zone and the org's fiscal year.
 *
 * About 800 lines because filtering, paths, subqueries and aggregates all evaluate over the same row model and
 * share its field lookup and comparison rules.
 */
import { ApexDate, ApexDatetime, Decimal } from '../values';
import type { Database, Row } from './database';
import { queryError } from './errors';
import { normalizeId } from './ids';
import { apexTypeOfField, SObject } from './sobject';
import type { Condition, FieldRef, AggregateRef, SoqlBind, SoqlQuery, SoqlValue } from './soql-parser';
import type { FieldDef, ObjectDef, Schema } from './schema';
import { compareValues, toDecimal, valuesEqual } from './values';

export interface QueryContext {
    resolveBind: (bind: SoqlBind) => unknown;
    today: ApexDate;
    timeZone: string;
    fiscalYearStartMonth: number;
    /** In Apex tests, org data (standard price book) is invisible to queries. */
    hideOrgData: boolean;
    checkRead?: (def: ObjectDef, field: FieldDef | null) => void;
    /** The rows of an object computed per query (UserRecordAccess), instead of the stored table. */
    computedRows?: (q: CompiledQuery) => Row[] | null;
    /** Sharing (user mode, or system mode in code that enforces it): whether the running user may read a row. */
    canRead?: (row: Row) => boolean;
}

export interface CompiledQuery extends SoqlQuery {
    def: ObjectDef;
}

const NO_SUCH_COLUMN = (f: string, o: string) =>
    queryError(
        `No such column '${f}' on entity '${o}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
    );

/** Resolves and validates a parsed query against the schema (unknown objects and fields fail here). */
export function bindSchema(schema: Schema, q: SoqlQuery, parent?: ObjectDef): CompiledQuery {
    let def: ObjectDef | null;
    if (parent) {
        const dot = q.fromName.indexOf('.');
        // a subquery may name its relationship through the parent: (SELECT LastName FROM Account.Contacts)
        if (dot > 0 && q.fromName.substring(0, dot).toLowerCase() === parent.name.toLowerCase())
            q.fromName = q.fromName.substring(dot + 1);
        const rel = schema.childRelationship(parent.name, q.fromName);
        if (!rel) {
            throw queryError(
                `Didn't understand relationship '${q.fromName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
            );
        }
        def = schema.getObject(rel.childObject);
    } else {
        def = schema.getObject(q.objectName);
        if (!def)
            throw queryError(
                `sObject type '${q.objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
            );
    }
    const cq = q as CompiledQuery;
    cq.def = def!;
    cq.objectName = def!.name;
    const check = (path: string[]) => resolvePathDefs(schema, def!, path);
    for (const s of q.select) {
        if (s.k === 'field') check(s.path);
        else if (s.k === 'agg' && s.arg) check(s.arg.path);
        else if (s.k === 'sub') bindSchema(schema, s.query, def!);
    }
    const walk = (c: Condition | null) => {
        if (!c) return;
        if (c.k === 'and' || c.k === 'or') c.items.forEach(walk);
        else if (c.k === 'not') walk(c.item);
        else {
            if (c.left.k === 'field') {
                const defs = check(c.left.path);
                if (c.left.dateFn) return;
                const f = defs[defs.length - 1].field;
                const literals = c.right.k === 'list' ? c.right.items : [c.right];
                for (const lit of literals) checkLiteral(lit as SoqlValue, f);
            }
            if (c.right.k === 'subquery') bindSchema(schema, c.right.query);
        }
    };
    walk(q.where);
    q.groupBy.forEach((g) => check(g.path));
    for (const o of q.orderBy) {
        if (o.ref.k !== 'field') continue;
        const defs = check(o.ref.path);
        const f = defs[defs.length - 1].field;
        if (UNSORTABLE.has(f.type)) throw queryError(`field '${f.name}' can not be sorted in a query call`);
    }
    const hasAgg = q.select.some((s) => s.k === 'agg');
    if (!hasAgg && !q.groupBy.length) {
        const aliased = q.select.find((s) => s.k === 'field' && s.alias);
        if (aliased && aliased.k === 'field') throw queryError(`unexpected token: '${aliased.alias}'`);
    }
    if (hasAgg || q.groupBy.length) {
        for (const s of q.select) {
            if (s.k === 'field' && !q.groupBy.some((g) => sameRef(g, s))) {
                throw queryError(`Field must be grouped or aggregated: ${s.path[s.path.length - 1]}`);
            }
        }
    }
    return cq;
}

function samePath(a: string[], b: string[]): boolean {
    return a.length === b.length && a.every((p, i) => p.toLowerCase() === b[i].toLowerCase());
}

type Ref = { path: string[]; dateFn?: string; tz?: boolean };

function sameRef(a: Ref, b: Ref): boolean {
    return samePath(a.path, b.path) && (a.dateFn ?? '') === (b.dateFn ?? '') && !!a.tz === !!b.tz;
}

/** ORDER BY refuses these types (SOQL and SOSL Reference › ORDER BY). */
const UNSORTABLE = new Set(['MultiselectPicklist', 'LongTextArea', 'Html', 'EncryptedText']);

/**
 * Lookups that may point at more than one object: SOQL reads them through the Name object, whose Type field is the
 * referenced record's object (Object Reference › Name; SOQL and SOSL Reference › Understanding Polymorphic Keys).
 */
function isPolymorphic(rel: FieldDef): boolean {
    return rel.referenceTo.length > 1 || rel.name.toLowerCase() === 'ownerid';
}

/** The field definitions along a path such as Account.Owner.Name (relationships, then the final field). */
export function resolvePathDefs(schema: Schema, def: ObjectDef, path: string[]): { def: ObjectDef; field: FieldDef }[] {
    const out: { def: ObjectDef; field: FieldDef }[] = [];
    let cur = def;
    let polymorphic = false;
    for (let i = 0; i < path.length; i++) {
        const part = path[i];
        if (i === 0 && path.length > 1 && part.toLowerCase() === def.name.toLowerCase()) continue;
        if (i < path.length - 1) {
            const rel = schema.relationshipField(cur.name, part);
            if (!rel) throw NO_SUCH_COLUMN(part, cur.name);
            out.push({ def: cur, field: rel });
            const next = schema.getObject(rel.referenceTo[0]);
            if (!next) throw NO_SUCH_COLUMN(part, cur.name);
            polymorphic = isPolymorphic(rel);
            cur = next;
        } else {
            // a polymorphic relationship (Owner, What, Who, SetupOwner) reaches the fields of the Name object
            const name = polymorphic ? schema.getObject('Name') : null;
            const f = cur.fields.get(part.toLowerCase()) ?? name?.fields.get(part.toLowerCase());
            if (!f) throw NO_SUCH_COLUMN(part, cur.name);
            out.push({ def: cur, field: f });
        }
    }
    return out;
}

export class QueryEngine {
    constructor(
        private schema: Schema,
        private db: Database
    ) {}

    private pathParts(def: ObjectDef, path: string[]): string[] {
        return path.length > 1 && path[0].toLowerCase() === def.name.toLowerCase() ? path.slice(1) : path;
    }

    /** The live parent row a lookup (or custom metadata relationship, by name) points at. */
    private parentRow(row: Row, rel: FieldDef): Row | null {
        const value = row.slots.get(rel.name.toLowerCase())?.value as string | null | undefined;
        if (!value) return null;
        let parent = this.db.get(value);
        if (!parent && rel.type !== 'Lookup' && rel.type !== 'MasterDetail') {
            const owner = rel.controllingField ? row.slots.get(rel.controllingField.toLowerCase())?.value : null;
            parent = this.db.getByName(owner ? `${String(owner)}.${value}` : value);
        }
        return parent && !parent.deleted ? parent : null;
    }

    /** Value of a field path on a stored row (following lookups through the database). */
    valueOf(row: Row | null, path: string[]): unknown {
        let cur = row;
        const parts = this.pathParts(row?.def as ObjectDef, path);
        for (let i = 0; i < parts.length - 1; i++) {
            if (!cur) return null;
            const rel = this.schema.relationshipField(cur.def.name, parts[i]);
            if (!rel) return null;
            cur = this.parentRow(cur, rel);
        }
        if (!cur) return null;
        const last = parts[parts.length - 1].toLowerCase();
        if (last === 'id') return cur.id;
        if (last === 'type' && parts.length > 1 && !cur.def.fields.has('type')) return cur.def.name;
        return cur.slots.get(last)?.value ?? null;
    }

    /** A field's value, through a date function when the reference has one. */
    valueOfRef(row: Row | null, ref: Ref, ctx: QueryContext): unknown {
        const v = this.valueOf(row, ref.path);
        if (!ref.dateFn || v === null) return v;
        return applyDateFunction(ref.dateFn, v, ref.tz ? ctx.timeZone : 'GMT', ctx.fiscalYearStartMonth);
    }

    /** Query rows the last aggregate query costs against the governor limit (null: one per returned record). */
    rowsCharged: number | null = null;

    run(q: CompiledQuery, ctx: QueryContext): SObject[] | Map<string, unknown>[] | number {
        if (ctx.checkRead) this.checkAccess(q, ctx);
        let rows = (ctx.computedRows?.(q) ?? this.db.rows(q.def.name)).filter(
            (r) => (q.allRows || !r.deleted) && !(ctx.hideOrgData && r.orgData) && (!ctx.canRead || ctx.canRead(r))
        );
        if (q.where) rows = rows.filter((r) => this.matches(r, q.where!, ctx));
        const isAggregate = q.select.some((s) => s.k === 'agg') || q.groupBy.length > 0;
        if (q.countOnly) {
            let n = rows.length;
            const offset = this.intValue(q.offset, ctx) ?? 0;
            n = Math.max(0, n - offset);
            const limit = this.intValue(q.limit, ctx);
            return limit === null ? n : Math.min(n, limit);
        }
        if (isAggregate) {
            const result = this.aggregate(q, rows, ctx);
            // ADG › Working with SOQL Aggregate Functions: COUNT()/COUNT(field) cost one row per group, any other
            // aggregate every row it aggregated
            const countsOnly = q.select.every((s) => s.k !== 'agg' || s.fn === 'count');
            this.rowsCharged = countsOnly ? Math.max(result.length, 1) : rows.length;
            return result;
        }
        this.rowsCharged = null;
        rows = this.order(q, rows);
        const offset = this.intValue(q.offset, ctx) ?? 0;
        if (offset > 2000) throw queryError('Maximum SOQL offset allowed is 2000');
        const limit = this.intValue(q.limit, ctx);
        rows = rows.slice(offset, limit === null ? undefined : offset + limit);
        return rows.map((r) => this.materialize(q, r, ctx));
    }

    private checkAccess(q: CompiledQuery, ctx: QueryContext): void {
        ctx.checkRead!(q.def, null);
        const check = (path: string[]) => {
            for (const step of resolvePathDefs(this.schema, q.def, path)) ctx.checkRead!(step.def, step.field);
        };
        for (const s of q.select) {
            if (s.k === 'field') check(s.path);
            else if (s.k === 'agg' && s.arg) check(s.arg.path);
        }
        const walk = (c: Condition | null) => {
            if (!c) return;
            if (c.k === 'and' || c.k === 'or') c.items.forEach(walk);
            else if (c.k === 'not') walk(c.item);
            else if (c.left.k === 'field') check(c.left.path);
        };
        walk(q.where);
    }

    private intValue(v: SoqlValue | null, ctx: QueryContext): number | null {
        if (!v) return null;
        const raw = v.k === 'number' ? Number(v.v) : v.k === 'bind' ? ctx.resolveBind(v.bind) : null;
        if (raw === null || raw === undefined) return null;
        const d = toDecimal(raw);
        return d ? d.toNumber() : Number(raw);
    }

    private materialize(q: CompiledQuery, row: Row, ctx: QueryContext): SObject {
        const so = new SObject(row.def, this.schema);
        so.queried = new Set(['id']);
        so.setRaw('Id', row.id);
        for (const item of q.select) {
            if (item.k === 'field') this.project(so, row, this.pathParts(q.def, item.path), item.fn);
            else if (item.k === 'sub') this.subquery(so, row, item.query as CompiledQuery, ctx);
        }
        return so;
    }

    private project(so: SObject, row: Row, parts: string[], fn?: string): void {
        so.queried!.add(parts.join('.').toLowerCase());
        if (parts.length === 1) {
            const f = row.def.fields.get(parts[0].toLowerCase());
            // Type read through a polymorphic relationship (the Name object): the referenced record's object
            const polymorphicType = !f && parts[0].toLowerCase() === 'type';
            const value =
                parts[0].toLowerCase() === 'id'
                    ? row.id
                    : polymorphicType
                      ? row.def.name
                      : (row.slots.get(parts[0].toLowerCase())?.value ?? null);
            so.setRaw(f?.name ?? parts[0], fn === 'tolabel' && f ? labelOf(f, value) : value);
            return;
        }
        const rel = this.schema.relationshipField(row.def.name, parts[0])!;
        const parentRow = this.parentRow(row, rel);
        if (!parentRow) {
            if (!so.getPopulatedFieldsAsMap().has(rel.relationshipName!)) so.putSObject(parts[0], null);
            return;
        }
        let parent: SObject | null = null;
        try {
            parent = so.getSObject(parts[0]);
        } catch {
            parent = null;
        }
        if (!parent) {
            parent = new SObject(parentRow.def, this.schema);
            parent.queried = new Set(['id']);
            parent.setRaw('Id', parentRow.id);
            so.putSObject(parts[0], parent);
        }
        this.project(parent, parentRow, parts.slice(1), fn);
    }

    /** A child row's relationship field points at the parent: by Id, or by name for custom metadata records. */
    private isChildOf(child: Row, field: string, parent: Row): boolean {
        const value = child.slots.get(field.toLowerCase())?.value;
        if (value === parent.id) return true;
        if (!parent.def.isCustomMetadata || typeof value !== 'string') return false;
        return (
            value === parent.slots.get('qualifiedapiname')?.value || value === parent.slots.get('developername')?.value
        );
    }

    private subquery(so: SObject, row: Row, sub: CompiledQuery, ctx: QueryContext): void {
        const rel = this.schema.childRelationship(row.def.name, sub.fromName)!;
        // sharing hides child rows as it hides the query's own rows
        let children = this.db
            .rows(rel.childObject)
            .filter((c) => !c.deleted && this.isChildOf(c, rel.field, row) && (!ctx.canRead || ctx.canRead(c)));
        if (sub.where) children = children.filter((c) => this.matches(c, sub.where!, ctx));
        children = this.order(sub, children);
        const limit = this.intValue(sub.limit, ctx);
        if (limit !== null) children = children.slice(0, limit);
        so.queried!.add(sub.fromName.toLowerCase());
        so.setChildren(
            rel.relationshipName,
            children.map((c) => this.materialize(sub, c, ctx))
        );
    }

    private order(q: SoqlQuery, rows: Row[]): Row[] {
        if (!q.orderBy.length) return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const keys = q.orderBy.map((o) =>
            o.ref.k === 'field'
                ? { path: o.ref.path, rank: picklistRank(this.fieldAt((q as CompiledQuery).def, o.ref.path)) }
                : null
        );
        return rows.sort((a, b) => {
            for (let i = 0; i < q.orderBy.length; i++) {
                const o = q.orderBy[i];
                const key = keys[i];
                if (!key) continue;
                const va = key.rank(this.valueOf(a, key.path));
                const vb = key.rank(this.valueOf(b, key.path));
                const c = compareForOrder(va, vb, o.desc, o.nullsLast);
                if (c !== 0) return c;
            }
            return 0;
        });
    }

    matches(row: Row, c: Condition, ctx: QueryContext): boolean {
        switch (c.k) {
            case 'and':
                return c.items.every((i) => this.matches(row, i, ctx));
            case 'or':
                return c.items.some((i) => this.matches(row, i, ctx));
            case 'not':
                return !this.matches(row, c.item, ctx);
            case 'cmp':
                return this.compare(row, c.left as FieldRef, c.op, c.right, ctx);
        }
    }

    private fieldAt(def: ObjectDef, path: string[]): FieldDef {
        const defs = resolvePathDefs(this.schema, def, path);
        return defs[defs.length - 1].field;
    }

    private compare(row: Row, left: FieldRef, op: string, right: SoqlValue, ctx: QueryContext): boolean {
        const f = this.fieldAt(row.def, left.path);
        const actual = this.valueOfRef(row, left, ctx);
        if (right.k === 'dateLiteral') return this.compareDateLiteral(f, actual, op, right, ctx);
        if (op === 'in' || op === 'not in') {
            const candidates = this.listValues(right, f, ctx);
            const found = candidates.some((v) => this.equal(f, actual, v));
            return op === 'in' ? found : !found;
        }
        if (op === 'includes' || op === 'excludes') {
            const have = new Set(
                String(actual ?? '')
                    .split(';')
                    .map((s) => s.toLowerCase())
            );
            const wanted = this.listValues(right, f, ctx).map((v) =>
                String(v)
                    .split(';')
                    .map((s) => s.toLowerCase())
            );
            const hit = wanted.some((group) => group.every((w) => have.has(w)));
            return op === 'includes' ? hit : !hit;
        }
        const expected = this.scalar(right, f, ctx);
        switch (op) {
            case '=':
                return this.equal(f, actual, expected);
            case '!=':
                return !this.equal(f, actual, expected);
            case 'like':
                return actual !== null && expected !== null && likeMatch(String(actual), String(expected));
        }
        if (actual === null || expected === null) return false;
        const c = compareValues(actual, expected);
        return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    }

    private equal(f: FieldDef, a: unknown, b: unknown): boolean {
        if (apexTypeOfField(f) === 'Id') {
            const ia = typeof a === 'string' ? normalizeId(a) : null;
            const ib = typeof b === 'string' ? normalizeId(b) : null;
            if (a === null || b === null) return a === b;
            return ia !== null && ia === ib;
        }
        return valuesEqual(a, b);
    }

    private listValues(v: SoqlValue, f: FieldDef, ctx: QueryContext): unknown[] {
        if (v.k === 'list') return v.items.map((i) => this.scalar(i, f, ctx));
        if (v.k === 'subquery') {
            const sub = v.query as CompiledQuery;
            const rows = this.db
                .rows(sub.def.name)
                .filter(
                    (r) =>
                        !r.deleted &&
                        (!ctx.canRead || ctx.canRead(r)) &&
                        (!sub.where || this.matches(r, sub.where, ctx))
                );
            const item = sub.select[0];
            if (!item || item.k !== 'field') throw queryError('semi join sub-selects must select one field');
            return rows.map((r) => this.valueOf(r, item.path));
        }
        if (v.k === 'bind') {
            const raw = ctx.resolveBind(v.bind);
            if (raw === null || raw === undefined)
                throw queryError('Invalid bind expression type of null for column of type ' + apexTypeOfField(f));
            const list = Array.isArray(raw) ? raw : raw instanceof Set ? [...raw] : [raw];
            return list.map((x) => this.fromApex(x, f));
        }
        return [this.scalar(v, f, ctx)];
    }

    private fromApex(v: unknown, f: FieldDef): unknown {
        if (v instanceof SObject) return v.id;
        if (v === null || v === undefined) return null;
        if (apexTypeOfField(f) === 'Id' && typeof v === 'string') return v;
        return v;
    }

    private scalar(v: SoqlValue, f: FieldDef, ctx: QueryContext): unknown {
        checkLiteral(v, f);
        switch (v.k) {
            case 'null':
                return null;
            case 'boolean':
            case 'string':
                return v.v;
            case 'number':
                return Decimal.parse(v.v);
            case 'date':
                return ApexDate.parseIso(v.v);
            case 'datetime':
                return new ApexDatetime(Date.parse(v.v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
            case 'bind':
                return this.fromApex(ctx.resolveBind(v.bind), f);
            default:
                throw queryError(`unexpected value in filter on ${f.name}`);
        }
    }

    private compareDateLiteral(
        f: FieldDef,
        actual: unknown,
        op: string,
        lit: { name: string; n?: number },
        ctx: QueryContext
    ): boolean {
        if (actual === null) return op === '!=';
        const day = actual instanceof ApexDatetime ? actual.dateIn(ctx.timeZone) : (actual as ApexDate);
        if (!(day instanceof ApexDate)) throw queryError(`date literal used with non-date field ${f.name}`);
        const [start, end] = dateLiteralRange(lit.name, lit.n, ctx.today, ctx.fiscalYearStartMonth);
        const inRange = day.compareTo(start) >= 0 && day.compareTo(end) <= 0;
        switch (op) {
            case '=':
                return inRange;
            case '!=':
                return !inRange;
            case '<':
                return day.compareTo(start) < 0;
            case '<=':
                return day.compareTo(end) <= 0;
            case '>':
                return day.compareTo(end) > 0;
            case '>=':
                return day.compareTo(start) >= 0;
        }
        throw queryError(`operator ${op} cannot be used with date literals`);
    }

    private aggregate(q: CompiledQuery, rows: Row[], ctx: QueryContext): Map<string, unknown>[] {
        const groups = new Map<string, Row[]>();
        for (const r of rows) {
            const key = q.groupBy.map((g) => keyOf(this.valueOfRef(r, g, ctx))).join('\u0001');
            const list = groups.get(key) ?? [];
            list.push(r);
            groups.set(key, list);
        }
        if (!q.groupBy.length && !groups.size) groups.set('', []);
        let out: { rows: Row[]; result: Map<string, unknown> }[] = [];
        for (const groupRows of groups.values()) {
            const result = new Map<string, unknown>();
            let exprIndex = 0;
            for (const item of q.select) {
                if (item.k === 'field') {
                    const name = item.alias ?? (item.dateFn ? `expr${exprIndex}` : item.path[item.path.length - 1]);
                    if (item.dateFn && !item.alias) exprIndex++;
                    result.set(name, groupRows.length ? this.valueOfRef(groupRows[0], item, ctx) : null);
                } else if (item.k === 'agg') {
                    const name = item.alias ?? `expr${exprIndex}`;
                    if (!item.alias) exprIndex++;
                    result.set(name, this.aggregateValue(q.def, item, groupRows));
                }
            }
            out.push({ rows: groupRows, result });
        }
        if (q.having) {
            out = out.filter((g) => this.havingMatches(q, g.rows, q.having!, ctx));
        }
        if (q.orderBy.length) {
            out.sort((a, b) => {
                for (const o of q.orderBy) {
                    const va =
                        o.ref.k === 'agg'
                            ? this.aggregateValue(q.def, o.ref, a.rows)
                            : a.rows.length
                              ? this.valueOf(a.rows[0], o.ref.path)
                              : null;
                    const vb =
                        o.ref.k === 'agg'
                            ? this.aggregateValue(q.def, o.ref, b.rows)
                            : b.rows.length
                              ? this.valueOf(b.rows[0], o.ref.path)
                              : null;
                    const c = compareForOrder(va, vb, o.desc, o.nullsLast);
                    if (c !== 0) return c;
                }
                return 0;
            });
        }
        const limit = this.intValue(q.limit, ctx);
        return out.slice(0, limit === null ? undefined : limit).map((g) => g.result);
    }

    private havingMatches(q: CompiledQuery, rows: Row[], c: Condition, ctx: QueryContext): boolean {
        if (c.k === 'and') return c.items.every((i) => this.havingMatches(q, rows, i, ctx));
        if (c.k === 'or') return c.items.some((i) => this.havingMatches(q, rows, i, ctx));
        if (c.k === 'not') return !this.havingMatches(q, rows, c.item, ctx);
        const actual =
            c.left.k === 'agg'
                ? this.aggregateValue(q.def, c.left, rows)
                : rows.length
                  ? this.valueOf(rows[0], c.left.path)
                  : null;
        const expected =
            c.right.k === 'number'
                ? Decimal.parse(c.right.v)
                : c.right.k === 'bind'
                  ? ctx.resolveBind(c.right.bind)
                  : c.right.k === 'string'
                    ? c.right.v
                    : null;
        if (actual === null || expected === null)
            return c.op === '=' ? actual === expected : c.op === '!=' && actual !== expected;
        const cmp = compareValues(actual, expected);
        return c.op === '='
            ? cmp === 0
            : c.op === '!='
              ? cmp !== 0
              : c.op === '<'
                ? cmp < 0
                : c.op === '>'
                  ? cmp > 0
                  : c.op === '<='
                    ? cmp <= 0
                    : cmp >= 0;
    }

    private aggregateValue(def: ObjectDef, a: AggregateRef, rows: Row[]): unknown {
        const values = a.arg ? rows.map((r) => this.valueOf(r, a.arg!.path)).filter((v) => v !== null) : rows;
        switch (a.fn) {
            case 'count':
                return values.length;
            case 'count_distinct':
                return new Set(values.map(keyOf)).size;
            case 'sum': {
                if (!values.length) return null;
                return values.reduce((s: Decimal, v) => s.add(toDecimal(v)!), Decimal.ZERO);
            }
            case 'avg': {
                if (!values.length) return null;
                const sum = values.reduce((s: Decimal, v) => s.add(toDecimal(v)!), Decimal.ZERO);
                const avg = sum.divideToScale(Decimal.fromInt(values.length), 6).stripTrailingZeros();
                return avg.scale < 0 ? avg.setScale(0) : avg;
            }
            case 'min':
            case 'max': {
                if (!values.length) return null;
                const sorted = [...values].sort(compareValues);
                return a.fn === 'min' ? sorted[0] : sorted[sorted.length - 1];
            }
        }
        void def;
        return null;
    }
}

/** A literal of the wrong type for its field fails the whole query, as the platform checks it when compiling. */
function checkLiteral(v: SoqlValue, f: FieldDef): void {
    const type = apexTypeOfField(f);
    const text = type === 'String' || type === 'Id';
    const wrong =
        (v.k === 'string' && ['Decimal', 'Integer', 'Boolean', 'Date', 'Datetime'].includes(type)) ||
        ((v.k === 'number' || v.k === 'date' || v.k === 'datetime') && text) ||
        (v.k === 'date' && ['Datetime', 'Decimal', 'Integer', 'Boolean'].includes(type)) ||
        (v.k === 'datetime' && ['Date', 'Decimal', 'Integer', 'Boolean'].includes(type));
    if (!wrong) return;
    throw queryError(
        text
            ? `value of filter criterion for field '${f.name}' must be of type string and should be enclosed in quotes`
            : `value of filter criterion for field '${f.name}' must be of type ${soapType(type)} and should not be enclosed in quotes`
    );
}

function soapType(apexType: string): string {
    return apexType === 'Decimal'
        ? 'double'
        : apexType === 'Integer'
          ? 'int'
          : apexType === 'Boolean'
            ? 'boolean'
            : apexType === 'Date'
              ? 'date'
              : 'dateTime';
}

function labelOf(f: FieldDef, value: unknown): unknown {
    if (typeof value !== 'string') return value;
    return f.picklistValues.find((p) => p.value === value)?.label ?? value;
}

function keyOf(v: unknown): string {
    if (v === null || v === undefined) return '\u0000';
    if (v instanceof Decimal) return 'd' + v.stripTrailingZeros().toPlainString();
    if (typeof v === 'string') return 's' + v.toLowerCase();
    return String(v);
}

/**
 * Picklist fields sort in the order of their values in the picklist definition, not alphabetically (SOQL and SOSL
 * Reference › ORDER BY); values outside the definition sort after the defined ones.
 */
function picklistRank(f: FieldDef): (v: unknown) => unknown {
    if (f.type !== 'Picklist' || !f.picklistValues.length) return (v) => v;
    const index = new Map(f.picklistValues.map((p, i) => [p.value.toLowerCase(), i]));
    return (v) => {
        if (v === null || v === undefined) return null;
        const i = index.get(String(v).toLowerCase());
        return i === undefined ? f.picklistValues.length : i;
    };
}

function compareForOrder(a: unknown, b: unknown, desc: boolean, nullsLast: boolean): number {
    const an = a === null || a === undefined;
    const bn = b === null || b === undefined;
    if (an || bn) {
        if (an && bn) return 0;
        return an ? (nullsLast ? 1 : -1) : nullsLast ? -1 : 1;
    }
    const c = compareValues(a, b);
    return desc ? -c : c;
}

/** SOQL LIKE: case-insensitive, `%` any run, `_` one character, `\` escapes. */
export function likeMatch(value: string, pattern: string): boolean {
    let re = '^';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
        else if (c === '%') re += '[\\s\\S]*';
        else if (c === '_') re += '[\\s\\S]';
        else re += escapeRe(c);
    }
    return new RegExp(re + '$', 'i').test(value);
}

function escapeRe(c: string): string {
    return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fiscalYearStart(day: ApexDate, startMonth: number): ApexDate {
    const y = day.month() >= startMonth ? day.year() : day.year() - 1;
    return ApexDate.of(y, startMonth, 1);
}

function quarterStart(day: ApexDate, startMonth: number): ApexDate {
    const fy = fiscalYearStart(day, startMonth);
    const monthsIn = (day.year() - fy.year()) * 12 + day.month() - fy.month();
    return fy.addMonths(Math.floor(monthsIn / 3) * 3);
}

/** Inclusive [start, end] days of a SOQL date literal. */
export function dateLiteralRange(
    name: string,
    n: number | undefined,
    today: ApexDate,
    fiscalStartMonth: number
): [ApexDate, ApexDate] {
    const k = n ?? 0;
    const sunday = today.addDays(-today.dayOfWeek());
    const month = today.toStartOfMonth();
    const quarter = quarterStart(today, 1);
    const year = ApexDate.of(today.year(), 1, 1);
    const fq = quarterStart(today, fiscalStartMonth);
    const fy = fiscalYearStart(today, fiscalStartMonth);
    const span = (s: ApexDate, e: ApexDate): [ApexDate, ApexDate] => [s, e.addDays(-1)];
    switch (name) {
        case 'YESTERDAY':
            return [today.addDays(-1), today.addDays(-1)];
        case 'TODAY':
            return [today, today];
        case 'TOMORROW':
            return [today.addDays(1), today.addDays(1)];
        case 'THIS_WEEK':
            return span(sunday, sunday.addDays(7));
        case 'LAST_WEEK':
            return span(sunday.addDays(-7), sunday);
        case 'NEXT_WEEK':
            return span(sunday.addDays(7), sunday.addDays(14));
        case 'THIS_MONTH':
            return span(month, month.addMonths(1));
        case 'LAST_MONTH':
            return span(month.addMonths(-1), month);
        case 'NEXT_MONTH':
            return span(month.addMonths(1), month.addMonths(2));
        case 'LAST_90_DAYS':
            return [today.addDays(-90), today];
        case 'NEXT_90_DAYS':
            return [today.addDays(1), today.addDays(90)];
        case 'THIS_QUARTER':
            return span(quarter, quarter.addMonths(3));
        case 'LAST_QUARTER':
            return span(quarter.addMonths(-3), quarter);
        case 'NEXT_QUARTER':
            return span(quarter.addMonths(3), quarter.addMonths(6));
        case 'THIS_YEAR':
            return span(year, year.addYears(1));
        case 'LAST_YEAR':
            return span(year.addYears(-1), year);
        case 'NEXT_YEAR':
            return span(year.addYears(1), year.addYears(2));
        case 'THIS_FISCAL_QUARTER':
            return span(fq, fq.addMonths(3));
        case 'LAST_FISCAL_QUARTER':
            return span(fq.addMonths(-3), fq);
        case 'NEXT_FISCAL_QUARTER':
            return span(fq.addMonths(3), fq.addMonths(6));
        case 'THIS_FISCAL_YEAR':
            return span(fy, fy.addYears(1));
        case 'LAST_FISCAL_YEAR':
            return span(fy.addYears(-1), fy);
        case 'NEXT_FISCAL_YEAR':
            return span(fy.addYears(1), fy.addYears(2));
        case 'LAST_N_DAYS':
            return [today.addDays(-k), today];
        case 'NEXT_N_DAYS':
            return [today.addDays(1), today.addDays(k)];
        case 'N_DAYS_AGO':
            return [today.addDays(-k), today.addDays(-k)];
        case 'LAST_N_WEEKS':
            return span(sunday.addDays(-7 * k), sunday);
        case 'NEXT_N_WEEKS':
            return span(sunday.addDays(7), sunday.addDays(7 * (k + 1)));
        case 'LAST_N_MONTHS':
            return span(month.addMonths(-k), month);
        case 'NEXT_N_MONTHS':
            return span(month.addMonths(1), month.addMonths(k + 1));
        case 'N_MONTHS_AGO':
            return span(month.addMonths(-k), month.addMonths(-k + 1));
        case 'LAST_N_QUARTERS':
            return span(quarter.addMonths(-3 * k), quarter);
        case 'NEXT_N_QUARTERS':
            return span(quarter.addMonths(3), quarter.addMonths(3 * (k + 1)));
        case 'LAST_N_YEARS':
            return span(year.addYears(-k), year);
        case 'NEXT_N_YEARS':
            return span(year.addYears(1), year.addYears(k + 1));
        case 'N_YEARS_AGO':
            return span(year.addYears(-k), year.addYears(-k + 1));
        case 'LAST_N_FISCAL_QUARTERS':
            return span(fq.addMonths(-3 * k), fq);
        case 'NEXT_N_FISCAL_QUARTERS':
            return span(fq.addMonths(3), fq.addMonths(3 * (k + 1)));
        case 'LAST_N_FISCAL_YEARS':
            return span(fy.addYears(-k), fy);
        case 'NEXT_N_FISCAL_YEARS':
            return span(fy.addYears(1), fy.addYears(k + 1));
    }
    throw queryError(`unsupported date literal ${name}`);
}

/** SOQL date functions: DAY_ONLY gives a Date, the others an Integer, in GMT unless convertTimezone() is used. */
function applyDateFunction(fn: string, v: unknown, timeZone: string, fiscalStartMonth: number): unknown {
    const day = v instanceof ApexDatetime ? v.dateIn(timeZone) : (v as ApexDate);
    const fiscalMonth = ((day.month() - fiscalStartMonth + 12) % 12) + 1;
    switch (fn) {
        case 'day_only':
            return day;
        case 'calendar_year':
            return day.year();
        case 'calendar_month':
            return day.month();
        case 'calendar_quarter':
            return Math.floor((day.month() - 1) / 3) + 1;
        case 'day_in_month':
            return day.day();
        case 'day_in_week':
            return day.dayOfWeek() + 1;
        case 'day_in_year':
            return day.dayOfYear();
        case 'week_in_month':
            return Math.floor((day.day() - 1) / 7) + 1;
        case 'week_in_year':
            return Math.floor((day.dayOfYear() - 1) / 7) + 1;
        case 'hour_in_day':
            return v instanceof ApexDatetime ? v.timeIn(timeZone).hour() : 0;
        case 'fiscal_month':
            return fiscalMonth;
        case 'fiscal_quarter':
            return Math.floor((fiscalMonth - 1) / 3) + 1;
        case 'fiscal_year':
            return fiscalStartMonth === 1 || day.month() < fiscalStartMonth ? day.year() : day.year() + 1;
    }
    throw queryError(`unsupported date function ${fn}`);
}
