/**
 * Schema describe: global describe, DescribeSObjectResult, DescribeFieldResult, picklist entries, record type infos
 * and the field maps of an sObject type.
 */
import { ApexList, ApexMap, NativeObject, SObjectFieldToken, SObjectTypeToken, T } from '../interpreter/objects';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

function displayType(t: string): string {
    const s = String(t).toLowerCase();
    const map: Record<string, string> = {
        text: 'STRING',
        string: 'STRING',
        textarea: 'TEXTAREA',
        longtextarea: 'TEXTAREA',
        html: 'TEXTAREA',
        picklist: 'PICKLIST',
        multiselectpicklist: 'MULTIPICKLIST',
        multipicklist: 'MULTIPICKLIST',
        currency: 'CURRENCY',
        number: 'DOUBLE',
        double: 'DOUBLE',
        percent: 'PERCENT',
        checkbox: 'BOOLEAN',
        boolean: 'BOOLEAN',
        date: 'DATE',
        datetime: 'DATETIME',
        time: 'TIME',
        lookup: 'REFERENCE',
        masterdetail: 'REFERENCE',
        reference: 'REFERENCE',
        id: 'ID',
        email: 'EMAIL',
        phone: 'PHONE',
        url: 'URL',
        autonumber: 'STRING',
        int: 'INTEGER',
        integer: 'INTEGER'
    };
    return map[s] ?? 'STRING';
}

/** Schema.SOAPType of a field type (Apex Reference › SOAPType Enum). */
function soapType(t: string): string {
    const s = String(t).toLowerCase();
    const map: Record<string, string> = {
        checkbox: 'BOOLEAN',
        boolean: 'BOOLEAN',
        number: 'DOUBLE',
        currency: 'DOUBLE',
        percent: 'DOUBLE',
        double: 'DOUBLE',
        int: 'INTEGER',
        integer: 'INTEGER',
        date: 'DATE',
        datetime: 'DATETIME',
        time: 'TIME',
        id: 'ID',
        lookup: 'ID',
        masterdetail: 'ID',
        reference: 'ID',
        base64: 'BASE64BINARY',
        address: 'ANYTYPE'
    };
    return map[s] ?? 'STRING';
}

export function describeSObjectMethod(lib: Platform, object: string, n: string, a: any[]): any {
    const o = lib.describeObject(object);
    void a;
    const org = lib.it.org as any;
    const access = (kind: string) => (org?.checkObjectAccess ? !!org.checkObjectAccess(null, object, kind) : true);
    switch (n) {
        case 'getname':
        case 'getlocalname':
            // no namespace here: the local name is the name
            return o.name;
        case 'getlabel':
            return o.label ?? o.name;
        case 'getlabelplural':
            return o.labelPlural ?? o.pluralLabel ?? o.label ?? o.name;
        case 'getkeyprefix':
            return o.keyPrefix ?? null;
        case 'getsobjecttype':
            return new SObjectTypeToken(o.name);
        case 'iscustom':
            return /__c$/i.test(o.name);
        case 'iscustomsetting':
            return !!o.isCustomSetting;
        case 'isaccessible':
        case 'isqueryable':
            return access('read');
        case 'iscreateable':
            return access('create');
        case 'isupdateable':
            return access('edit');
        case 'isdeletable':
        case 'isundeletable':
            return access('delete');
        case 'getchildrelationships':
            // Apex Reference › ChildRelationship Class: one per child object's lookup or master-detail to this object
            return new ApexList(
                T('Schema.ChildRelationship'),
                (o.childRelationships ?? []).map((r: any) => new NativeObject('Schema.ChildRelationship', r))
            );
        case 'fields':
            return new NativeObject('DescribeFields', { object });
        case 'getrecordtypeinfosbydevelopername':
        case 'getrecordtypeinfosbyname':
        case 'getrecordtypeinfosbyid': {
            const m = new ApexMap(T('String'), T('Schema.RecordTypeInfo'));
            const rts: any[] = o.recordTypes instanceof Map ? [...o.recordTypes.values()] : (o.recordTypes ?? []);
            for (const rt of rts) {
                const key =
                    n === 'getrecordtypeinfosbyid'
                        ? rt.id
                        : n === 'getrecordtypeinfosbyname'
                          ? (rt.label ?? rt.name)
                          : (rt.developerName ?? rt.name);
                m.map.set(lib.key(key), [key, new NativeObject('Schema.RecordTypeInfo', rt)]);
            }
            return m;
        }
        case 'getrecordtypeinfos':
            return new ApexList(
                T('Schema.RecordTypeInfo'),
                (o.recordTypes instanceof Map ? [...o.recordTypes.values()] : (o.recordTypes ?? [])).map(
                    (rt: any) => new NativeObject('Schema.RecordTypeInfo', rt)
                )
            );
    }
    return lib.it.throwSys('TypeException', `Method does not exist: DescribeSObjectResult.${n}`);
}

export function describeFieldsMap(lib: Platform, object: string): ApexMap {
    const m = new ApexMap(T('String'), T('Schema.SObjectField'));
    for (const fd of lib.fieldList(object))
        m.map.set(fd.name.toLowerCase(), [fd.name.toLowerCase(), new SObjectFieldToken(object, fd.name)]);
    (m as any).caseInsensitive = true;
    return m;
}

export function describeFieldMethod(lib: Platform, object: string, fd: any, n: string): any {
    const org = lib.it.org as any;
    const access = (kind: string) =>
        org?.checkFieldAccess ? !!org.checkFieldAccess(null, object, fd.name, kind) : true;
    switch (n) {
        case 'getname':
        case 'getlocalname':
            return fd.name;
        case 'getlabel':
            return fd.label ?? fd.name;
        case 'gettype':
            return lib.enumOf('displaytype', displayType(fd.type));
        case 'getsoaptype':
            return lib.enumOf('soaptype', soapType(fd.type));
        case 'getlength':
            return fd.length ?? 0;
        case 'getprecision':
            return fd.precision ?? 0;
        case 'getscale':
            return fd.scale ?? 0;
        case 'isnillable':
            return fd.nillable !== false;
        case 'iscustom':
            return /__c$/i.test(fd.name);
        case 'iscalculated':
            return !!fd.calculated;
        case 'isexternalid':
            return !!fd.externalId;
        case 'isunique':
            return !!fd.unique;
        case 'isaccessible':
            return access('read');
        case 'isupdateable':
            return fd.updateable !== false && access('edit');
        case 'iscreateable':
            return fd.createable !== false && access('create');
        case 'getrelationshipname':
            return fd.relationshipName ?? null;
        case 'getreferenceto':
            return new ApexList(
                T('Schema.SObjectType'),
                (fd.referenceTo ?? []).map((r: string) => new SObjectTypeToken(r))
            );
        case 'getsobjecttype':
            return new SObjectTypeToken(object);
        case 'getsobjectfield':
            return new SObjectFieldToken(object, fd.name);
        case 'getpicklistvalues':
            return new ApexList(
                T('Schema.PicklistEntry'),
                (fd.picklistValues ?? fd.picklist ?? []).map(
                    (p: any) =>
                        new NativeObject('Schema.PicklistEntry', typeof p === 'string' ? { value: p, label: p } : p)
                )
            );
        case 'getdefaultvalue':
            return fd.defaultValue ?? null;
        case 'getinlinehelptext':
            return fd.inlineHelpText ?? null;
        case 'isautonumber':
            return String(fd.type).toLowerCase() === 'autonumber';
        case 'isnamefield':
            return fd.name === 'Name';
        case 'isdefaultedoncreate':
            return fd.defaultValue !== null && fd.defaultValue !== undefined;
        case 'isrestrictedpicklist':
            return !!fd.restrictedPicklist;
        case 'iscasesensitive':
            return !!fd.caseSensitive;
        case 'iscascadedelete':
            return fd.deleteConstraint === 'Cascade' || String(fd.type).toLowerCase() === 'masterdetail';
        case 'isidlookup':
            return fd.name === 'Id' || !!fd.externalId;
        case 'ishtmlformatted':
            return String(fd.type).toLowerCase() === 'html';
        case 'isfilterable':
        case 'issortable':
        case 'isgroupable':
            return !['longtextarea', 'html', 'multiselectpicklist'].includes(String(fd.type).toLowerCase());
        case 'isencrypted':
            return String(fd.type).toLowerCase() === 'encryptedtext';
        case 'isdependentpicklist':
        case 'isdeprecatedandhidden':
            return false;
        case 'ispermissionable':
            return fd.custom !== false && fd.nillable !== false;
        case 'getdigits':
            return String(fd.type).toLowerCase() === 'int' ? 9 : 0;
        case 'getbytelength':
            return (fd.length ?? 0) * 3;
    }
    return lib.it.throwSys('TypeException', `Method does not exist: DescribeFieldResult.${n}`);
}

/** Schema.getGlobalDescribe and Schema.describeSObjects. */
export function schemaStatic(lib: Platform, n: string, a: any[]): any {
    if (n === 'getglobaldescribe') {
        const m = new ApexMap(T('String'), T('Schema.SObjectType'));
        const names: string[] = (lib.it.org?.schema as any)?.objectNames?.() ?? [];
        for (const name of names) m.map.set(name.toLowerCase(), [name, new SObjectTypeToken(name)]);
        // Apex global describe map keys are case-insensitive: stored lower-case
        (m as any).caseInsensitive = true;
        return m;
    }
    if (n === 'describesobjects') {
        return new ApexList(
            T('Schema.DescribeSObjectResult'),
            (a[0] as ApexList).items.map(
                (x) =>
                    new NativeObject('Schema.DescribeSObjectResult', {
                        object: lib.sobjectTypeToken(x)?.name ?? x
                    })
            )
        );
    }
    return UNHANDLED;
}

export function picklistEntryMethod(o: NativeObject, n: string): any {
    const d = o.data;
    switch (n) {
        case 'getvalue':
            return d.value;
        case 'getlabel':
            return d.label ?? d.value;
        case 'isactive':
            return d.active !== false;
        case 'isdefaultvalue':
            return !!d.defaultValue;
    }
    return UNHANDLED;
}

/** Schema.ChildRelationship (Apex Reference › ChildRelationship Class). */
export function childRelationshipMethod(o: NativeObject, n: string): any {
    const r = o.data;
    switch (n) {
        case 'getchildsobject':
            return new SObjectTypeToken(r.childObject);
        case 'getfield':
            return new SObjectFieldToken(r.childObject, r.field);
        case 'getrelationshipname':
            return r.relationshipName ?? null;
        case 'iscascadedelete':
            return !!r.cascadeDelete;
        case 'isrestricteddelete':
        case 'isdeprecatedandhidden':
            return false;
    }
    return UNHANDLED;
}

export function recordTypeInfoMethod(o: NativeObject, n: string): any {
    const d = o.data;
    switch (n) {
        case 'getrecordtypeid':
            return d.id ?? d.Id ?? null;
        case 'getname':
            return d.label ?? d.name;
        case 'getdevelopername':
            return d.developerName ?? d.name;
        case 'isactive':
            return d.active !== false;
        case 'isavailable':
            return d.available !== false;
        case 'isdefaultrecordtypemapping':
            return !!d.defaultRecordTypeMapping;
        case 'ismaster':
            return !!d.master;
    }
    return UNHANDLED;
}

/** `Schema.SObjectType.Account.fields.getMap()` and `Account.SObjectType.getDescribe().fields.getMap()`. */
export function fieldsMethod(lib: Platform, o: NativeObject, n: string): any {
    if (n === 'getmap') return describeFieldsMap(lib, o.data.object);
    return UNHANDLED;
}
