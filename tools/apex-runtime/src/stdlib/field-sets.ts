/**
 * Field sets of an sObject's describe (Apex Reference › FieldSet Class, FieldSetMember Class):
 * `Schema.SObjectType.Account.fieldSets.getMap()` or `.fieldSets.Name`, each with its members' field paths, labels,
 * types and required flags.
 */
import { ApexList, ApexMap, NativeObject, SObjectFieldToken, SObjectTypeToken, T } from '../interpreter/objects';
import { describeFieldMethod } from './schema';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

function fieldSetsOf(lib: Platform, object: string): any[] {
    return lib.describeObject(object)?.fieldSets ?? [];
}

function fieldSet(object: string, fs: any): NativeObject {
    return new NativeObject('Schema.FieldSet', { object, fs });
}

/** `describe.fieldSets.Name`: the field set of that name, or null. */
export function fieldSetByName(lib: Platform, object: string, name: string): NativeObject | null {
    const fs = fieldSetsOf(lib, object).find((x) => x.name.toLowerCase() === name.toLowerCase());
    return fs ? fieldSet(object, fs) : null;
}

export function fieldSetsMethod(lib: Platform, o: NativeObject, n: string): any {
    if (n !== 'getmap') return UNHANDLED;
    const m = new ApexMap(T('String'), T('Schema.FieldSet'));
    for (const fs of fieldSetsOf(lib, o.data.object))
        m.map.set(fs.name.toLowerCase(), [fs.name, fieldSet(o.data.object, fs)]);
    (m as any).caseInsensitive = true;
    return m;
}

export function fieldSetMethod(o: NativeObject, n: string): any {
    const { object, fs } = o.data;
    switch (n) {
        case 'getname':
            return fs.name;
        case 'getlabel':
            return fs.label;
        case 'getdescription':
            return fs.description;
        case 'getnamespace':
            return '';
        case 'getsobjecttype':
            return new SObjectTypeToken(object);
        case 'getfields':
            return new ApexList(
                T('Schema.FieldSetMember'),
                fs.fields.map(
                    (f: any) =>
                        new NativeObject('Schema.FieldSetMember', { object, path: f.path, required: f.required })
                )
            );
    }
    return UNHANDLED;
}

/** The field a member's path ends at (`Account.Owner.Name` → User.Name), following lookups. */
function memberField(lib: Platform, object: string, path: string): { object: string; field: any } | null {
    const parts = path.split('.');
    let current = object;
    for (const part of parts.slice(0, -1)) {
        const rel = lib.fieldList(current).find((f) => f.relationshipName?.toLowerCase() === part.toLowerCase());
        if (!rel) return null;
        current = rel.referenceTo[0];
    }
    const field = lib.describeField(current, parts[parts.length - 1]);
    return field ? { object: current, field } : null;
}

export function fieldSetMemberMethod(lib: Platform, o: NativeObject, n: string): any {
    const { object, path, required } = o.data;
    const target = memberField(lib, object, path);
    switch (n) {
        case 'getfieldpath':
            return path;
        case 'getrequired':
            return required;
        case 'getdbrequired':
            return !!target && target.field.nillable === false && target.field.createable !== false;
        case 'getlabel':
            return target ? (target.field.label ?? target.field.name) : path;
        case 'gettype':
            return target ? describeFieldMethod(lib, target.object, target.field, 'gettype') : null;
        case 'getsobjectfield':
            return target ? new SObjectFieldToken(target.object, target.field.name) : null;
    }
    return UNHANDLED;
}
