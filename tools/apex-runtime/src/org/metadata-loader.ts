/**
 * Reads the project's source-format metadata (objects, fields, record types, custom metadata records,
 * permission sets) into the schema, the way a deploy would see them.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- XML and apex-parser trees are untyped */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { field, FieldDef, FieldType, ObjectDef, PicklistValue, Schema } from './schema';
import { standardObjects } from './standard-objects';

const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    trimValues: true,
    isArray: (name) =>
        [
            'fields',
            'value',
            'values',
            'objectPermissions',
            'fieldPermissions',
            'customPermissions',
            'classAccesses',
            'recordTypeVisibilities',
            'picklistValues',
            'tabSettings',
            'externalCredentialPrincipalAccesses',
            'displayedFields',
            'customValue',
            'namedCredentialParameters'
        ].includes(name)
});

export interface CustomMetadataRecord {
    type: string;
    developerName: string;
    label: string;
    values: Record<string, unknown>;
    /** From an unpackaged sample directory (config/dev): loaded only when the org config asks. */
    fromSample?: boolean;
}

export interface PermissionSetDef {
    name: string;
    label: string;
    objects: Map<
        string,
        { read: boolean; create: boolean; edit: boolean; delete: boolean; viewAll: boolean; modifyAll: boolean }
    >;
    fields: Map<string, { read: boolean; edit: boolean }>;
    customPermissions: Set<string>;
    classes: Set<string>;
    /** External credential principals (`ExternalCredential-PrincipalParameter`, lower case) the set grants. */
    principals: Set<string>;
}

/**
 * A PlatformEventSubscriberConfig (Metadata API): the running user (a username) and batch size of one platform
 * event trigger.
 */
export interface PlatformEventSubscriberConfigDef {
    platformEventConsumer: string;
    user?: string;
    batchSize?: number;
}

export interface ProjectMetadata {
    schema: Schema;
    customMetadata: CustomMetadataRecord[];
    permissionSets: PermissionSetDef[];
    customPermissions: string[];
    namedCredentials: { name: string; label: string; endpoint: string | null; externalCredential: string | null }[];
    platformEventSubscriberConfigs: PlatformEventSubscriberConfigDef[];
    classFiles: string[];
    triggerFiles: string[];
    /** Static resources: name, MIME type and the content file (null for an unzipped folder resource). */
    staticResources: { name: string; contentType: string; cacheControl: string; file: string | null }[];
    /** Setup rows derived from this metadata, built by the first org and shared by the next ones. */
    seedCache?: Map<string, unknown>;
}

function walk(dir: string, out: string[] = []): string[] {
    if (!fs.existsSync(dir)) return out;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, out);
        else out.push(p);
    }
    return out;
}

function bool(v: unknown): boolean {
    return String(v).trim() === 'true';
}

function num(v: unknown, fallback: number): number {
    const n = Number(v);
    return Number.isFinite(n) ? n : fallback;
}

const TYPE_MAP: Record<string, FieldType> = {
    Text: 'Text',
    TextArea: 'TextArea',
    LongTextArea: 'LongTextArea',
    Html: 'Html',
    Email: 'Email',
    Phone: 'Phone',
    Url: 'Url',
    Picklist: 'Picklist',
    MultiselectPicklist: 'MultiselectPicklist',
    Checkbox: 'Checkbox',
    Number: 'Number',
    Currency: 'Currency',
    Percent: 'Percent',
    Date: 'Date',
    DateTime: 'DateTime',
    Time: 'Time',
    Lookup: 'Lookup',
    MasterDetail: 'MasterDetail',
    MetadataRelationship: 'Text',
    AutoNumber: 'AutoNumber',
    EncryptedText: 'EncryptedText'
};

function parseDefault(type: FieldType, raw: unknown): unknown {
    if (raw === undefined || raw === null || raw === '') return type === 'Checkbox' ? false : null;
    const text = String(raw).trim();
    if (type === 'Checkbox') return text === 'true';
    if (/^'.*'$/.test(text) || /^".*"$/.test(text)) return { literal: text.substring(1, text.length - 1) };
    if (/^-?\d+(\.\d+)?$/.test(text)) return { number: text };
    return { formula: text };
}

/** Global value sets by name (Metadata API › GlobalValueSet): the values a picklist with valueSetName uses. */
type GlobalValueSets = Map<string, PicklistValue[]>;

function readGlobalValueSets(files: string[]): GlobalValueSets {
    const sets: GlobalValueSets = new Map();
    for (const f of files.filter((p) => p.endsWith('.globalValueSet-meta.xml'))) {
        const gx = readXml(f).GlobalValueSet ?? {};
        sets.set(
            path.basename(f, '.globalValueSet-meta.xml').toLowerCase(),
            (gx.customValue ?? []).map((v: any) => ({
                value: String(v.fullName),
                label: String(v.label ?? v.fullName),
                active: v.isActive === undefined ? true : bool(v.isActive),
                defaultValue: bool(v.default)
            }))
        );
    }
    return sets;
}

function fieldFromXml(x: Record<string, any>, globalValueSets: GlobalValueSets = new Map()): FieldDef {
    const name = String(x.fullName);
    const rawType = String(x.type ?? (x.formula ? 'Text' : 'Text'));
    const type = TYPE_MAP[rawType] ?? (rawType === 'Summary' ? 'Number' : 'Text');
    const values: PicklistValue[] = [];
    const vs = x.valueSet;
    let restricted = false;
    if (vs) {
        restricted = bool(vs.restricted);
        if (vs.valueSetName) values.push(...(globalValueSets.get(String(vs.valueSetName).toLowerCase()) ?? []));
        for (const v of vs.valueSetDefinition?.value ?? []) {
            values.push({
                value: String(v.fullName),
                label: String(v.label ?? v.fullName),
                active: v.isActive === undefined ? true : bool(v.isActive),
                defaultValue: bool(v.default)
            });
        }
    }
    const isRef = type === 'Lookup' || type === 'MasterDetail';
    const isMetadataRef = rawType === 'MetadataRelationship';
    const calculated = x.formula !== undefined || rawType === 'Summary';
    const required = bool(x.required) || type === 'MasterDetail';
    const def = parseDefault(type, x.defaultValue);
    const picklistDefault = values.find((v) => v.defaultValue)?.value;
    // a Text formula has no length in its metadata; describe reports 1,300 for its value
    let length = num(x.length, calculated && type === 'Text' ? 1300 : 0);
    if (type === 'Email') length = 80;
    if (type === 'Phone') length = 40;
    if (type === 'Url') length = 255;
    if (type === 'Picklist' || type === 'MultiselectPicklist') length = 255;
    if (type === 'AutoNumber') length = 30;
    return field(name, type, {
        label: x.label ? String(x.label) : undefined,
        length,
        precision: num(x.precision, type === 'Currency' || type === 'Number' || type === 'Percent' ? 18 : 0),
        scale: num(x.scale, type === 'Currency' ? 2 : 0),
        picklistValues: values,
        restrictedPicklist: restricted,
        referenceTo: isRef || isMetadataRef ? [String(x.referenceTo)] : [],
        relationshipName: isRef || isMetadataRef ? name.replace(/__c$/i, '__r') : null,
        controllingField: x.metadataRelationshipControllingField
            ? String(x.metadataRelationshipControllingField).split('.').pop()
            : undefined,
        // custom metadata relationships to another custom metadata type name a child relationship too
        childRelationshipName: (isRef || isMetadataRef) && x.relationshipName ? String(x.relationshipName) : undefined,
        nillable: type === 'Checkbox' ? false : !required,
        required: required && def === null && !picklistDefault,
        createable: !calculated && type !== 'AutoNumber',
        updateable:
            !calculated && type !== 'AutoNumber' && !(type === 'MasterDetail' && !bool(x.reparentableMasterDetail)),
        externalId: bool(x.externalId),
        unique: bool(x.unique),
        caseSensitive: bool(x.caseSensitive),
        calculated,
        custom: true,
        defaultValue: picklistDefault ? { literal: picklistDefault } : def,
        displayFormat: x.displayFormat ? String(x.displayFormat) : undefined,
        deleteConstraint: x.deleteConstraint ? (String(x.deleteConstraint) as FieldDef['deleteConstraint']) : undefined
    });
}

/** Key prefixes for custom objects are assigned per org; these are stable per name so Ids stay readable. */
function customKeyPrefix(name: string, used: Set<string>): string {
    const isMdt = name.endsWith('__mdt');
    let h = 0;
    for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    for (let i = 0; ; i++) {
        const n = (h + i) % (36 * 36);
        const prefix = (isMdt ? 'm' : 'a') + n.toString(36).toUpperCase().padStart(2, '0');
        if (!used.has(prefix)) {
            used.add(prefix);
            return prefix;
        }
    }
}

function customObject(name: string, x: Record<string, any>, used: Set<string>): ObjectDef {
    const isMdt = name.endsWith('__mdt');
    const isEvent = /__e$/i.test(name);
    const isBigObject = /__b$/i.test(name);
    const isSetting = x.customSettingsType !== undefined;
    const fields = new Map<string, FieldDef>();
    const add = (f: FieldDef) => fields.set(f.name.toLowerCase(), f);
    const ro = { createable: false, updateable: false, custom: false };
    add(field('Id', 'Id', { ...ro, nillable: false }));
    if (isMdt) {
        add(field('DeveloperName', 'Text', { length: 40, custom: false, required: true, nillable: false }));
        add(field('MasterLabel', 'Text', { length: 40, custom: false, required: true, nillable: false }));
        add(field('Label', 'Text', { length: 40, custom: false }));
        add(field('QualifiedApiName', 'Text', { length: 80, ...ro }));
        add(field('NamespacePrefix', 'Text', { length: 15, ...ro }));
        add(field('Language', 'Picklist', { length: 40, ...ro }));
    } else if (isEvent) {
        // platform event standard fields (Platform Events Developer Guide: every event carries these)
        add(field('ReplayId', 'Text', { length: 1000, ...ro }));
        add(field('EventUuid', 'Text', { length: 36, ...ro }));
        add(field('CreatedDate', 'DateTime', ro));
        add(field('CreatedById', 'Lookup', { ...ro, referenceTo: ['User'], relationshipName: 'CreatedBy' }));
    } else if (isBigObject) {
        // a big object has only its custom fields besides Id (Big Objects Implementation Guide)
    } else {
        const nameField = x.nameField ?? {};
        if (String(nameField.type) === 'AutoNumber') {
            add(
                field('Name', 'AutoNumber', {
                    length: 80,
                    ...ro,
                    label: nameField.label,
                    displayFormat: String(nameField.displayFormat ?? '{0}')
                })
            );
        } else {
            add(field('Name', 'Text', { length: 80, custom: false, label: nameField.label }));
        }
        add(field('IsDeleted', 'Checkbox', ro));
        add(field('CreatedDate', 'DateTime', ro));
        add(field('CreatedById', 'Lookup', { ...ro, referenceTo: ['User'], relationshipName: 'CreatedBy' }));
        add(field('LastModifiedDate', 'DateTime', ro));
        add(field('LastModifiedById', 'Lookup', { ...ro, referenceTo: ['User'], relationshipName: 'LastModifiedBy' }));
        add(field('SystemModstamp', 'DateTime', ro));
        if (isSetting) {
            add(
                field('SetupOwnerId', 'Lookup', {
                    referenceTo: ['Organization', 'Profile', 'User'],
                    relationshipName: 'SetupOwner',
                    custom: false
                })
            );
        } else if (String(x.sharingModel) !== 'ControlledByParent') {
            add(field('OwnerId', 'Lookup', { referenceTo: ['User'], relationshipName: 'Owner', custom: false }));
        }
    }
    for (const f of x.fields ?? []) add(fieldFromXml(f));
    return {
        name,
        label: String(x.label ?? name),
        labelPlural: String(x.pluralLabel ?? x.label ?? name),
        keyPrefix: customKeyPrefix(name, used),
        custom: true,
        isCustomSetting: isSetting,
        isCustomMetadata: isMdt,
        // custom settings are not among the setup objects that refuse mixed DML (Apex Developer Guide › sObjects
        // That Can't Be Used Together in DML Operations)
        isSetup: false,
        queryable: true,
        createable: !isMdt,
        updateable: !isMdt && !isEvent,
        deletable: !isMdt && !isEvent,
        fields,
        childRelationships: [],
        recordTypes: [],
        sharingModel: x.sharingModel ? String(x.sharingModel) : undefined,
        publishBehavior: x.publishBehavior ? String(x.publishBehavior) : undefined
    };
}

/**
 * The share object the platform creates for a custom object whose organization-wide default is Private or Public
 * Read Only: `Foo__c` → `Foo__Share` (Object Reference: StandardObjectNameShare and Custom Object Share fields).
 */
function shareObject(def: ObjectDef, used: Set<string>): ObjectDef | null {
    if (!def.custom || !/__c$/i.test(def.name) || !['Private', 'Read'].includes(def.sharingModel ?? '')) return null;
    const name = def.name.replace(/__c$/i, '__Share');
    const fields = new Map<string, FieldDef>();
    const add = (f: FieldDef) => fields.set(f.name.toLowerCase(), f);
    const ro = { createable: false, updateable: false, custom: false };
    const access = ['Read', 'Edit', 'All'].map((v) => ({ value: v, label: v, active: true, defaultValue: false }));
    const causes = ['Owner', 'Manual', 'Rule', 'ImplicitChild', 'ImplicitParent', 'Team', 'Territory'].map((v) => ({
        value: v,
        label: v,
        active: true,
        defaultValue: v === 'Manual'
    }));
    add(field('Id', 'Id', { ...ro, nillable: false }));
    add(
        field('ParentId', 'Lookup', {
            referenceTo: [def.name],
            relationshipName: 'Parent',
            custom: false,
            updateable: false,
            nillable: false,
            required: true
        })
    );
    add(
        field('UserOrGroupId', 'Lookup', {
            referenceTo: ['User', 'Group'],
            relationshipName: 'UserOrGroup',
            custom: false,
            updateable: false,
            nillable: false,
            required: true
        })
    );
    add(
        field('AccessLevel', 'Picklist', {
            length: 40,
            picklistValues: access,
            restrictedPicklist: true,
            custom: false,
            nillable: false,
            required: true
        })
    );
    add(
        field('RowCause', 'Picklist', {
            length: 40,
            picklistValues: causes,
            custom: false,
            updateable: false,
            defaultValue: { literal: 'Manual' }
        })
    );
    add(field('IsDeleted', 'Checkbox', ro));
    add(field('LastModifiedDate', 'DateTime', ro));
    add(field('LastModifiedById', 'Lookup', { ...ro, referenceTo: ['User'], relationshipName: 'LastModifiedBy' }));
    return {
        name,
        label: `${def.label} Share`,
        labelPlural: `${def.label} Share`,
        keyPrefix: customKeyPrefix(name, used),
        custom: true,
        isCustomSetting: false,
        isCustomMetadata: false,
        isSetup: false,
        queryable: true,
        createable: true,
        updateable: true,
        deletable: true,
        fields,
        childRelationships: [],
        recordTypes: []
    };
}

/** The limits a deploy enforces on field definitions (Metadata API: CustomField). */
function checkFieldLimits(file: string, x: Record<string, any>): void {
    const type = String(x.type ?? '');
    const length = num(x.length, 0);
    const fail = (why: string) => {
        throw new Error(`${file}: ${x.fullName}: ${why}`);
    };
    // formula fields declare their return type in `type` and take no length (Metadata API: CustomField)
    const formula = x.formula !== undefined;
    if ((type === 'Text' || type === 'EncryptedText') && !formula && (length < 1 || length > 255))
        fail(`Text length must be 1 to 255 (is ${length})`);
    if ((type === 'LongTextArea' || type === 'Html') && (length < 256 || length > 131072))
        fail(`Long text length must be 256 to 131,072 (is ${length})`);
    if (type === 'Number' || type === 'Currency' || type === 'Percent') {
        const precision = num(x.precision, 18);
        const scale = num(x.scale, 0);
        if (precision < 1 || precision > 18) fail(`precision must be 1 to 18 (is ${precision})`);
        if (scale < 0 || scale > precision) fail(`scale must be 0 to the precision (is ${scale})`);
    }
}

function readXml(file: string): Record<string, any> {
    return xml.parse(fs.readFileSync(file, 'utf8'));
}

function metadataValue(v: any): unknown {
    if (v === undefined || v === null) return null;
    if (typeof v === 'object') {
        if (v['@xsi:nil'] === 'true') return null;
        const t = String(v['@xsi:type'] ?? '');
        const text = v['#text'] ?? '';
        if (t.endsWith('boolean')) return text === 'true';
        if (t.endsWith('double') || t.endsWith('int') || t.endsWith('decimal')) return { number: String(text) };
        if (t.endsWith('date')) return { date: String(text) };
        if (t.endsWith('dateTime')) return { datetime: String(text) };
        return String(text);
    }
    return String(v);
}

/** Loads every metadata directory of the project (force-app plus the extra directories given). */
export function loadProjectMetadata(dirs: string[]): ProjectMetadata {
    const schema = new Schema();
    const used = new Set<string>();
    for (const def of standardObjects()) {
        schema.add(def);
        used.add(def.keyPrefix);
    }
    const files = dirs.flatMap((d) => walk(d));
    const globalValueSets = readGlobalValueSets(files);
    const objectDirs = new Map<string, string[]>();
    for (const f of files) {
        const m = /[\\/]objects[\\/]([^\\/]+)[\\/]/.exec(f);
        if (m) {
            const list = objectDirs.get(m[1]) ?? [];
            list.push(f);
            objectDirs.set(m[1], list);
        }
    }
    for (const [objName, objFiles] of objectDirs) {
        const objFile = objFiles.find((f) => f.endsWith(`${objName}.object-meta.xml`));
        let def = schema.getObject(objName);
        if (!def) {
            const x = objFile ? (readXml(objFile).CustomObject ?? {}) : {};
            def = customObject(objName, x, used);
            schema.add(def);
        }
        for (const f of objFiles.filter((p) => p.endsWith('.field-meta.xml'))) {
            const fx = readXml(f).CustomField;
            checkFieldLimits(f, fx);
            const fd = fieldFromXml(fx, globalValueSets);
            def.fields.set(fd.name.toLowerCase(), fd);
        }
        for (const f of objFiles.filter((p) => p.endsWith('.fieldSet-meta.xml'))) {
            const fx = readXml(f).FieldSet ?? {};
            (def.fieldSets ??= []).push({
                name: String(fx.fullName ?? path.basename(f, '.fieldSet-meta.xml')),
                label: String(fx.label ?? fx.fullName ?? ''),
                description: fx.description ? String(fx.description) : null,
                fields: (fx.displayedFields ?? []).map((d: any) => ({
                    path: String(d.field),
                    required: bool(d.isRequired)
                }))
            });
        }
        for (const f of objFiles.filter((p) => p.endsWith('.recordType-meta.xml'))) {
            const rx = readXml(f).RecordType;
            def.recordTypes.push({
                id: '',
                developerName: String(rx.fullName),
                label: String(rx.label ?? rx.fullName),
                active: bool(rx.active),
                defaultRecordTypeMapping: false
            });
        }
    }
    for (const objectName of schema.objectNames()) {
        const share = shareObject(schema.getObject(objectName)!, used);
        if (share && !schema.getObject(share.name)) schema.add(share);
    }
    schema.linkRelationships();

    const customMetadata: CustomMetadataRecord[] = [];
    for (const f of files.filter((p) => p.endsWith('.md-meta.xml'))) {
        const base = path.basename(f, '.md-meta.xml');
        const dot = base.indexOf('.');
        const type = base.substring(0, dot) + '__mdt';
        const rx = readXml(f).CustomMetadata ?? {};
        const values: Record<string, unknown> = {};
        for (const v of rx.values ?? []) values[String(v.field)] = metadataValue(v.value?.[0] ?? v.value);
        customMetadata.push({ type, developerName: base.substring(dot + 1), label: String(rx.label ?? ''), values });
    }

    const permissionSets: PermissionSetDef[] = [];
    for (const f of files.filter((p) => p.endsWith('.permissionset-meta.xml'))) {
        const px = readXml(f).PermissionSet ?? {};
        const ps: PermissionSetDef = {
            name: path.basename(f, '.permissionset-meta.xml'),
            label: String(px.label ?? ''),
            objects: new Map(),
            fields: new Map(),
            customPermissions: new Set(),
            classes: new Set(),
            principals: new Set()
        };
        for (const o of px.objectPermissions ?? []) {
            ps.objects.set(String(o.object).toLowerCase(), {
                read: bool(o.allowRead),
                create: bool(o.allowCreate),
                edit: bool(o.allowEdit),
                delete: bool(o.allowDelete),
                viewAll: bool(o.viewAllRecords),
                modifyAll: bool(o.modifyAllRecords)
            });
        }
        for (const fp of px.fieldPermissions ?? []) {
            ps.fields.set(String(fp.field).toLowerCase(), { read: bool(fp.readable), edit: bool(fp.editable) });
        }
        for (const cp of px.customPermissions ?? [])
            if (bool(cp.enabled)) ps.customPermissions.add(String(cp.name).toLowerCase());
        for (const ca of px.classAccesses ?? [])
            if (bool(ca.enabled)) ps.classes.add(String(ca.apexClass).toLowerCase());
        for (const pa of px.externalCredentialPrincipalAccesses ?? [])
            if (bool(pa.enabled)) ps.principals.add(String(pa.externalCredentialPrincipal).toLowerCase());
        permissionSets.push(ps);
    }
    const customPermissions = files
        .filter((p) => p.endsWith('.customPermission-meta.xml'))
        .map((p) => path.basename(p, '.customPermission-meta.xml'));

    const namedCredentials = files
        .filter((p) => p.endsWith('.namedCredential-meta.xml'))
        .map((p) => {
            const nx = readXml(p).NamedCredential ?? {};
            const params = nx.namedCredentialParameters ?? [];
            const urlParam = params.find((x: any) => String(x.parameterType) === 'Url');
            const authParam = params.find((x: any) => String(x.parameterType) === 'Authentication');
            return {
                name: path.basename(p, '.namedCredential-meta.xml'),
                label: String(nx.label ?? ''),
                endpoint: urlParam ? String(urlParam.parameterValue) : nx.endpoint ? String(nx.endpoint) : null,
                externalCredential: authParam?.externalCredential ? String(authParam.externalCredential) : null
            };
        });
    const platformEventSubscriberConfigs = files
        .filter((p) => p.endsWith('.platformEventSubscriberConfig-meta.xml'))
        .map((p) => {
            const cx = readXml(p).PlatformEventSubscriberConfig ?? {};
            return {
                platformEventConsumer: String(cx.platformEventConsumer ?? ''),
                user: cx.user ? String(cx.user) : undefined,
                batchSize: cx.batchSize ? Number(cx.batchSize) : undefined
            };
        });

    return {
        schema,
        customMetadata,
        namedCredentials,
        platformEventSubscriberConfigs,
        permissionSets,
        customPermissions,
        staticResources: files
            .filter((p) => p.endsWith('.resource-meta.xml'))
            .map((p) => {
                const rx = readXml(p).StaticResource ?? {};
                const name = path.basename(p, '.resource-meta.xml');
                const dir = path.dirname(p);
                const content =
                    fs.readdirSync(dir).find((n) => n !== path.basename(p) && n.replace(/\.[^.]*$/, '') === name) ??
                    null;
                const file = content && fs.statSync(path.join(dir, content)).isFile() ? path.join(dir, content) : null;
                return {
                    name,
                    contentType: String(rx.contentType ?? 'application/octet-stream'),
                    cacheControl: String(rx.cacheControl ?? 'Private'),
                    file
                };
            }),
        classFiles: files.filter((p) => p.endsWith('.cls')),
        triggerFiles: files.filter((p) => p.endsWith('.trigger'))
    };
}
