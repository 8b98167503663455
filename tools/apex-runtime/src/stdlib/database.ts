/**
 * The Database class (insert/update/upsert/delete/undelete with options, query, savepoints, batch and queueable
 * entry points) and its result types: SaveResult, UpsertResult, DeleteResult, UndeleteResult, Error, QueryLocator,
 * AggregateResult.
 */
import type { Frame } from '../interpreter/frame';
import { ApexList, ApexMap, EnumValue, NativeObject, SObjectFieldToken, T } from '../interpreter/objects';
import { isSObject } from '../interpreter/sobjects';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function databaseDml(lib: Platform, op: string, args: any[], frame: Frame): any {
    // a null record or list fails as the DML statement does (`delete (SObject) null`)
    if (args[0] === null || args[0] === undefined) return lib.recordsOf(null);
    const single = isSObject(args[0]) || (op === 'delete' && typeof args[0] === 'string');
    let recs: any[];
    if (op === 'delete' || op === 'undelete') {
        const raw = isSObject(args[0]) || typeof args[0] === 'string' ? [args[0]] : (args[0] as ApexList).items;
        recs = raw.map((r: any) => {
            if (typeof r !== 'string') return r;
            const so = lib.org.newSObjectForId ? lib.org.newSObjectForId(r) : null;
            return so ?? r;
        });
    } else recs = lib.recordsOf(args[0]);
    let allOrNone = true;
    let access = 'SYSTEM_MODE';
    let extId: string | null = null;
    let allowFieldTruncation = false;
    let rest = args.slice(1);
    if (op === 'upsert' && rest[0] instanceof SObjectFieldToken) {
        extId = rest[0].field;
        rest = rest.slice(1);
    }
    for (const a of rest) {
        if (typeof a === 'boolean') allOrNone = a;
        else if (a instanceof EnumValue && a.type === 'AccessLevel') access = a.name;
        else if (a instanceof NativeObject && a.typeName === 'Database.DMLOptions') {
            allOrNone = a.data.optAllOrNone ?? allOrNone;
            allowFieldTruncation = !!a.data.allowFieldTruncation;
        }
    }
    lib.hooks.async?.('beforeDml', [], frame);
    const results: any[] = lib.wrapOrgErrors(() =>
        lib.org.dml(op, recs, {
            allOrNone,
            accessLevel: access,
            externalIdField: extId,
            allowFieldTruncation,
            sharing: frame.sharing
        })
    );
    const typeName =
        op === 'upsert'
            ? 'Database.UpsertResult'
            : op === 'delete'
              ? 'Database.DeleteResult'
              : op === 'undelete'
                ? 'Database.UndeleteResult'
                : 'Database.SaveResult';
    const wrapped = (results ?? []).map((r: any) => new NativeObject(typeName, r));
    if (single) return wrapped[0];
    return new ApexList(T(typeName), wrapped);
}

export function databaseStatic(lib: Platform, n: string, a: any[], f: Frame): any {
    switch (n) {
        case 'insert':
        case 'update':
        case 'upsert':
        case 'delete':
        case 'undelete':
            return databaseDml(lib, n, a, f);
        case 'query':
        case 'querywithbinds': {
            const q = lib.wrapOrgErrors(() => lib.it.org!.compileSoql(a[0]));
            const binds = n === 'querywithbinds' ? (a[1] as ApexMap) : null;
            const access = a[n === 'querywithbinds' ? 2 : 1];
            return lib.runQuery(
                q,
                (b: any) => {
                    const name = String(b?.name ?? b).toLowerCase();
                    if (binds) {
                        for (const [, [k, v]] of binds.map) if (String(k).toLowerCase() === name) return v;
                        lib.it.throwSys('QueryException', `Key '${b?.name ?? b}' does not exist in the bindMap`);
                    }
                    return lib.it.evalBind(b, f);
                },
                access instanceof EnumValue ? access.name : null,
                f
            );
        }
        case 'countquery':
        case 'countquerywithbinds': {
            const r = databaseStatic(lib, n === 'countquery' ? 'query' : 'querywithbinds', a, f);
            return typeof r === 'number' ? r : (r as ApexList).items.length;
        }
        case 'getquerylocatorwithbinds':
            return new NativeObject('Database.QueryLocator', {
                rows: databaseStatic(lib, 'querywithbinds', a, f),
                query: a[0]
            });
        case 'getcursor':
        case 'getcursorwithbinds':
        case 'getpaginationcursor':
        case 'getpaginationcursorwithbinds':
            return lib.unsupported('Apex cursors (Database.Cursor, Database.PaginationCursor)');
        case 'getquerylocator':
            if (a[0] instanceof ApexList) return new NativeObject('Database.QueryLocator', { rows: a[0] });
            return new NativeObject('Database.QueryLocator', {
                rows: databaseStatic(lib, 'query', [a[0]], f),
                query: a[0]
            });
        case 'setsavepoint':
            return new NativeObject('Savepoint', { sp: lib.wrapOrgErrors(() => lib.it.org!.setSavepoint()) });
        case 'rollback':
            lib.wrapOrgErrors(() => lib.it.org!.rollback((a[0] as NativeObject).data.sp));
            return null;
        case 'releasesavepoint':
            return null;
        case 'executebatch':
        case 'enqueuejob':
            return lib.hooks.async?.(n === 'executebatch' ? 'executebatch' : 'enqueuejob', a, f);
        case 'emptyrecyclebin':
            return lib.wrapOrgErrors(() => lib.it.org?.emptyRecycleBin?.(lib.toOrgValue(a[0])) ?? null);
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Database.${n}`);
}

/** Database.SaveResult, UpsertResult, DeleteResult, UndeleteResult. */
export function dmlResultMethod(o: NativeObject, n: string): any {
    const d = o.data;
    switch (n) {
        case 'issuccess':
            return !!d.success;
        case 'getid':
            return d.id ?? null;
        case 'iscreated':
            return !!d.created;
        case 'geterrors':
            return new ApexList(
                T('Database.Error'),
                (d.errors ?? []).map((e: any) => new NativeObject('Database.Error', e))
            );
    }
    return UNHANDLED;
}

export function databaseErrorMethod(lib: Platform, o: NativeObject, n: string): any {
    const d = o.data;
    switch (n) {
        case 'getmessage':
            return d.message;
        case 'getstatuscode':
            return lib.enumOf('statuscode', d.statusCode);
        case 'getfields':
            return new ApexList(T('String'), d.fields ?? []);
    }
    return UNHANDLED;
}

export function queryLocatorMethod(lib: Platform, o: NativeObject, n: string): any {
    const d = o.data;
    if (n === 'iterator') return lib.makeIterator((d.rows as ApexList).items);
    if (n === 'getquery') return d.query ?? '';
    return UNHANDLED;
}

export function aggregateResultMethod(o: NativeObject, n: string, a: any[]): any {
    const d = o.data;
    if (n === 'get') {
        const key = String(a[0]).toLowerCase();
        const rec = d instanceof Map ? d : new Map(Object.entries(d));
        for (const [k, v] of rec) if (k.toLowerCase() === key) return v;
        return null;
    }
    // an AggregateResult is an sObject: its aliases and grouped fields are its populated fields (Apex Reference ›
    // SObject Class, getPopulatedFieldsAsMap; Apex Developer Guide › Working with SOQL Aggregate Functions)
    if (n === 'getpopulatedfieldsasmap') {
        const rec: Map<string, any> = d instanceof Map ? d : new Map(Object.entries(d));
        const m = new ApexMap(T('String'), T('Object'));
        for (const [k, v] of rec) m.map.set(k, [k, v]);
        return m;
    }
    return UNHANDLED;
}
