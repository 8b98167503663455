/**
 * Trigger context variables (Trigger.new, Trigger.oldMap, Trigger.isBefore, Trigger.operationType …).
 */
import { ApexList, ApexMap, T } from '../interpreter/objects';
import type { Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

const ctxListCache = new WeakMap<object, ApexList>();

export function triggerProperty(lib: Platform, n: string): any {
    const ctx = lib.triggerStack[lib.triggerStack.length - 1];
    if (!ctx) {
        if (n.startsWith('is')) return false;
        return null;
    }
    switch (n) {
        case 'new':
            return ctx.new ? sobjList(ctx.new, ctx.object) : null;
        case 'old':
            return ctx.old ? sobjList(ctx.old, ctx.object) : null;
        case 'newmap':
            return (ctx.new && !ctx.isInsert) || (ctx.isInsert && ctx.isAfter) ? sobjMap(ctx.new, ctx.object) : null;
        case 'oldmap':
            return ctx.old ? sobjMap(ctx.old, ctx.object) : null;
        case 'isbefore':
            return !!ctx.isBefore;
        case 'isafter':
            return !!ctx.isAfter;
        case 'isinsert':
            return !!ctx.isInsert;
        case 'isupdate':
            return !!ctx.isUpdate;
        case 'isdelete':
            return !!ctx.isDelete;
        case 'isundelete':
            return !!ctx.isUndelete;
        case 'isexecuting':
            return true;
        case 'size':
            return (ctx.new ?? ctx.old ?? []).length;
        case 'operationtype': {
            const phase = ctx.isBefore ? 'BEFORE' : 'AFTER';
            const op = ctx.isInsert ? 'INSERT' : ctx.isUpdate ? 'UPDATE' : ctx.isDelete ? 'DELETE' : 'UNDELETE';
            return lib.enumOf('triggeroperation', `${phase}_${op}`);
        }
    }
    return null;
}

export function sobjList(rows: any, object: string): ApexList {
    if (rows instanceof ApexList) return rows;
    if (!ctxListCache.has(rows)) ctxListCache.set(rows, new ApexList(T(object), rows));
    return ctxListCache.get(rows)!;
}

export function sobjMap(rows: any[] | Map<string, any>, object: string): ApexMap {
    const m = new ApexMap(T('Id'), T(object));
    const list = rows instanceof Map ? [...rows.values()] : rows;
    for (const r of list) {
        const id = r.get('Id');
        m.map.set(id, [id, r]);
    }
    return m;
}
