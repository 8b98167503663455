/**
 * The local org: schema from the project's metadata, an in-memory database, SOQL, DML with triggers,
 * user-mode security and the org configuration. The interpreter (src/interpreter) drives it.
 *
 * Over 800 lines because the Org class is the one object the interpreter, the DML engine and the query engine share
 * (records, users and access, custom metadata and settings, savepoints, async job records, seed data); the engines
 * themselves live in their own modules.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- XML and apex-parser trees are untyped */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApexBlob, ApexDate, ApexDatetime, Decimal, systemClock, type Clock } from '../values';
import { readOrgConfig, type OrgConfig, type OrgConfigOverrides } from './config';
import { Database, type Row, type Slot } from './database';
import { DerivedValues } from './derived-values';
import { DmlEngine } from './dml';
import type { DmlOp, DmlOptions, DmlResult, OrgContext } from './org-context';
import { ApexPlatformError, limitError, queryError, sobjectError } from './errors';
import { IdGenerator, normalizeId } from './ids';
import { loadProjectMetadata, type PermissionSetDef, type ProjectMetadata } from './metadata-loader';
import { bindSchema, QueryEngine, type CompiledQuery } from './query-engine';
import { field, type FieldDef, type ObjectDef, type Schema } from './schema';
import { recordAccess, sharingModelOf, userRecordAccessRows, type RecordAccess } from './record-access';
import {
    hasApexClassAccess,
    hasCustomPermission,
    isAdmin,
    hasFieldAccess,
    hasObjectAccess,
    type AccessKind,
    type UserAccess
} from './security';
import { SObject } from './sobject';
import { parseSoql, type SoqlBind } from './soql-parser';
import { STANDARD_STAGES } from './standard-objects';
import { toDecimal } from './values';

export { SObject } from './sobject';
export { ApexPlatformError, DmlError } from './errors';
export type { OrgConfig, OrgConfigOverrides } from './config';

export interface LoadOrgOptions {
    projectDir: string;
    clock?: Clock;
    configFile?: string;
    config?: OrgConfigOverrides;
}

const PROFILES = [
    'System Administrator',
    'Standard User',
    'Marketing User',
    'Read Only',
    'Minimum Access - Salesforce'
];

let apexParser: any = null;

/** Turns the Apex text of a bind (`opp.Id`) into an apex-parser expression the interpreter evaluates. */
function bindExpression(text: string): unknown {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    apexParser ??= require('@apexdevtools/apex-parser');
    const errors: string[] = [];
    const listener = {
        syntaxError: (_r: unknown, _s: unknown, line: number, col: number, msg: string) =>
            errors.push(`${line}:${col} ${msg}`),
        apexSyntaxError: (line: number, col: number, msg: string) => errors.push(`${line}:${col} ${msg}`)
    };
    const { parser } = apexParser.ApexParserFactory.createLexerAndParser(text, listener);
    const ctx = parser.expression();
    if (errors.length) throw queryError(`Invalid bind expression: ${text}`);
    return ctx;
}

export class Org implements OrgContext {
    readonly db = new Database();
    readonly ids = new IdGenerator();
    readonly schema: Schema;
    readonly derive: DerivedValues;
    private readonly engine: QueryEngine;
    private readonly dmlEngine: DmlEngine;
    private readonly permissionSets: PermissionSetDef[];
    private readonly triggerObjects = new Set<string>();
    triggerInvoker: ((objectName: string, ctx: Record<string, unknown>) => void) | null = null;
    limits = { queries: 0, queryRows: 0, dmlStatements: 0, dmlRows: 0, publishImmediateDml: 0 };
    /** Async transactions get 200 SOQL queries instead of 100. */
    isAsync = false;
    /** In Apex tests org data (the standard price book) is invisible to SOQL. */
    isTestContext = false;
    /** Setup vs non-setup DML in the current transaction, for MIXED_DML_OPERATION. */
    txn: { setup: string | null; nonSetup: string | null; mixedAllowed: boolean } = {
        setup: null,
        nonSetup: null,
        mixedAllowed: false
    };
    runningUserId: string;
    /** The Automated Process user (platform event triggers run as it by default). */
    automatedProcessUserId = '';
    private stdPricebookId: string;
    private openSavepoints = 0;
    private locked = new Set<string>();

    constructor(
        readonly meta: ProjectMetadata,
        readonly config: OrgConfig,
        readonly clock: Clock
    ) {
        this.schema = meta.schema;
        this.permissionSets = meta.permissionSets;
        this.derive = new DerivedValues(this);
        this.engine = new QueryEngine(this.schema, this.db);
        this.dmlEngine = new DmlEngine(this, this.derive);
        for (const f of meta.triggerFiles) {
            const m = /\btrigger\s+\w+\s+on\s+(\w+)/i.exec(fs.readFileSync(f, 'utf8'));
            if (m) this.triggerObjects.add(m[1].toLowerCase());
        }
        if (config.multiCurrency) this.addCurrencyFields();
        this.stdPricebookId = '';
        this.runningUserId = '';
        this.seed();
        this.db.clearJournal();
    }

    // ------------------------------------------------------------------ setup data

    private addCurrencyFields(): void {
        const isoCodes = this.config.currencies.map((c) => ({
            value: c.isoCode,
            label: c.isoCode,
            active: true,
            defaultValue: c.isoCode === this.config.corporateCurrency
        }));
        for (const name of this.schema.objectNames()) {
            const def = this.schema.getObject(name)!;
            if (
                def.isCustomMetadata ||
                def.isCustomSetting ||
                (def.isSetup && name !== 'User') ||
                ['CurrencyType', 'Organization', 'RecordType'].includes(name)
            )
                continue;
            def.fields.set(
                'currencyisocode',
                field('CurrencyIsoCode', 'Picklist', {
                    // as an org labels it: "Opportunity Currency", "Account Currency"
                    label: `${def.label} Currency`,
                    length: 3,
                    picklistValues: isoCodes,
                    restrictedPicklist: true,
                    custom: false
                })
            );
        }
    }

    storeSystemRecord(rec: SObject, orgData = false): string {
        const id = rec.id ?? this.ids.next(rec.def.keyPrefix);
        rec.setRaw('Id', id);
        const now = new ApexDatetime(this.clock.now());
        const slots = new Map<string, Slot>();
        for (const n of rec.fieldNames())
            slots.set(n.toLowerCase(), { name: rec.def.fields.get(n.toLowerCase())?.name ?? n, value: rec.get(n) });
        for (const [f, v] of [
            ['CreatedDate', now],
            ['LastModifiedDate', now],
            ['SystemModstamp', now],
            ['CreatedById', this.runningUserId || null],
            ['LastModifiedById', this.runningUserId || null],
            ['IsDeleted', false]
        ] as const) {
            if (rec.def.fields.has(f.toLowerCase()) && !slots.has(f.toLowerCase()))
                slots.set(f.toLowerCase(), { name: f, value: v });
        }
        this.db.put({ id, def: rec.def, slots, deleted: false, orgData });
        return id;
    }

    private record(type: string, values: Record<string, unknown>, orgData = false): string {
        const rec = this.newSObject(type);
        for (const [k, v] of Object.entries(values)) rec.setRaw(k, v);
        return this.storeSystemRecord(rec, orgData);
    }

    private seed(): void {
        const c = this.config;
        this.record('Organization', {
            ...(c.organizationId ? { Id: c.organizationId } : {}),
            Name: c.organizationName,
            IsSandbox: c.isSandbox,
            OrganizationType: c.isSandbox ? 'Developer Edition' : 'Enterprise Edition',
            InstanceName: c.isSandbox ? 'CS42' : 'NA42',
            TimeZoneSidKey: c.timeZone,
            DefaultLocaleSidKey: c.locale,
            FiscalYearStartMonth: c.fiscalYearStartMonth,
            UsesStartDateAsFiscalYearName: false
        });
        const profileIds = new Map<string, string>();
        // every profile belongs to a user license (Object Reference › Profile.UserLicenseId, UserLicense)
        const licenseId = this.record('UserLicense', {
            Name: 'Salesforce',
            MasterLabel: 'Salesforce',
            LicenseDefinitionKey: 'SFDC',
            Status: 'Active'
        });
        for (const p of PROFILES)
            profileIds.set(
                p.toLowerCase(),
                this.record('Profile', { Name: p, UserType: 'Standard', UserLicenseId: licenseId })
            );
        const u = c.runningUser;
        const profileId = profileIds.get(u.profile.toLowerCase());
        if (!profileId) throw new Error(`Unknown profile '${u.profile}' in org config (known: ${PROFILES.join(', ')})`);
        this.runningUserId = this.record('User', {
            FirstName: u.firstName ?? null,
            LastName: u.lastName,
            Name: [u.firstName, u.lastName].filter(Boolean).join(' '),
            Email: u.email,
            Username: u.username,
            Alias: u.alias ?? u.lastName.substring(0, 8),
            IsActive: true,
            TimeZoneSidKey: u.timeZone ?? c.timeZone,
            LocaleSidKey: u.locale ?? c.locale,
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            DefaultCurrencyIsoCode: u.defaultCurrency ?? c.corporateCurrency,
            ProfileId: profileId,
            UserType: 'Standard'
        });
        // the rows seeded before the running user existed were created by someone too (soql-lib reads
        // Profile.CreatedById): here by the running user, the org's first administrator
        for (const type of ['Organization', 'UserLicense', 'Profile', 'User'])
            for (const row of this.db.rows(type)) {
                const slots = new Map(row.slots);
                for (const f of ['CreatedById', 'LastModifiedById'])
                    if (row.def.fields.has(f.toLowerCase()) && !slots.get(f.toLowerCase())?.value)
                        slots.set(f.toLowerCase(), { name: f, value: this.runningUserId });
                this.db.put({ ...row, slots });
            }
        const psIds = new Map<string, string>();
        for (const ps of this.permissionSets)
            psIds.set(
                ps.name.toLowerCase(),
                this.record('PermissionSet', { Name: ps.name, Label: ps.label, IsOwnedByProfile: false })
            );
        for (const name of u.permissionSets) {
            const psId = psIds.get(name.toLowerCase());
            if (!psId) throw new Error(`Unknown permission set '${name}' in org config`);
            this.record('PermissionSetAssignment', { AssigneeId: this.runningUserId, PermissionSetId: psId });
        }
        for (const def of this.schema.objectNames().map((n) => this.schema.getObject(n)!)) {
            for (const rt of def.recordTypes) {
                rt.id = this.record('RecordType', {
                    Name: rt.label,
                    DeveloperName: rt.developerName,
                    SobjectType: def.name,
                    IsActive: rt.active
                });
            }
        }
        this.seedMetadataCatalog();
        // custom metadata records are rows SOQL reads, with the same Ids getAll()/getInstance() return
        for (const r of this.meta.customMetadata) {
            const def = this.schema.getObject(r.type);
            if (!def || (r.fromSample && !c.loadSampleMetadata)) continue;
            this.storeSystemRecord(this.customMetadataRecord(def, r));
        }
        (c.opportunityStages ?? STANDARD_STAGES).forEach((s, i) =>
            this.record('OpportunityStage', {
                MasterLabel: s.value,
                ApiName: s.value,
                IsActive: true,
                IsClosed: s.closed,
                IsWon: s.won,
                DefaultProbability: Decimal.fromInt(s.probability),
                ForecastCategoryName: s.won ? 'Closed' : s.closed ? 'Omitted' : 'Pipeline',
                SortOrder: i + 1
            })
        );
        this.stdPricebookId = this.record(
            'Pricebook2',
            { Name: 'Standard Price Book', IsActive: true, IsStandard: true },
            true
        );
        if (c.multiCurrency) {
            for (const cur of c.currencies) {
                this.record('CurrencyType', {
                    IsoCode: cur.isoCode,
                    ConversionRate: toDecimal(cur.conversionRate),
                    DecimalPlaces: cur.decimalPlaces ?? 2,
                    IsActive: true,
                    IsCorporate: cur.isoCode === c.corporateCurrency
                });
            }
        }
        // Deployed Named Credentials are setup data every transaction (and test) sees; the org config can
        // point one at a local server (the QuickBooks emulator), as an admin would edit its URL.
        const names = new Set<string>();
        for (const nc of this.meta.namedCredentials) {
            const local = Object.entries(c.namedCredentials).find(
                ([n]) => n.toLowerCase() === nc.name.toLowerCase()
            )?.[1];
            this.record('NamedCredential', {
                DeveloperName: nc.name,
                MasterLabel: nc.label || nc.name,
                Endpoint: local?.url ?? nc.endpoint
            });
            names.add(nc.name.toLowerCase());
        }
        for (const [name, nc] of Object.entries(c.namedCredentials)) {
            if (!names.has(name.toLowerCase()))
                this.record('NamedCredential', { DeveloperName: name, MasterLabel: name, Endpoint: nc.url });
        }
        // The Automated Process user every org has: platform event triggers run as it unless a
        // PlatformEventSubscriberConfig names another user. It has no profile or permission sets to assign.
        this.automatedProcessUserId = this.record('User', {
            LastName: 'Automated Process',
            Name: 'Automated Process',
            Alias: 'autoproc',
            // as orgs name it: autoproc@ and the organization Id (NebulaLogger finds the user by that username)
            Username: `autoproc@${this.db.rows('Organization')[0].id}`,
            Email: 'autoproc@example.invalid',
            IsActive: true,
            TimeZoneSidKey: c.timeZone,
            LocaleSidKey: c.locale,
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            DefaultCurrencyIsoCode: c.corporateCurrency,
            UserType: 'AutomatedProcess'
        });
    }

    /**
     * EntityDefinition and FieldDefinition rows for every object and field (metadata that Apex can query), reachable
     * by name for custom metadata relationship fields, and an ApexClass row per class file. Built once per project
     * and currency mode and shared by every org made from it (stored rows are never changed in place).
     */
    private seedMetadataCatalog(): void {
        const key = `catalogue|${this.config.multiCurrency}`;
        let rows = this.meta.seedCache?.get(key) as CatalogueRow[] | undefined;
        if (!rows) {
            rows = this.buildMetadataCatalog();
            this.meta.seedCache?.set(key, rows);
        }
        const counts = new Map<string, number>();
        for (const r of rows) {
            this.db.put({ id: r.id, def: this.schema.getObject(r.type)!, slots: r.slots, deleted: false });
            if (r.name) this.db.nameRow(r.name, r.id);
            const prefix = r.id.substring(0, 3);
            counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
        }
        for (const [prefix, n] of counts) this.ids.reserve(prefix, n);
    }

    private buildMetadataCatalog(): CatalogueRow[] {
        const ids = new IdGenerator();
        const created = new ApexDatetime(this.clock.now());
        const rows: CatalogueRow[] = [];
        const add = (type: string, values: Record<string, unknown>, name: string | null): string => {
            const def = this.schema.getObject(type)!;
            const id = ids.next(def.keyPrefix);
            const slots = new Map<string, Slot>([['id', { name: 'Id', value: id }]]);
            for (const [k, v] of Object.entries({
                ...values,
                IsDeleted: false,
                CreatedDate: created,
                LastModifiedDate: created,
                SystemModstamp: created
            }))
                slots.set(k.toLowerCase(), { name: def.fields.get(k.toLowerCase())?.name ?? k, value: v });
            rows.push({ type, id, slots, name });
            return id;
        };
        for (const def of this.schema.objectNames().map((n) => this.schema.getObject(n)!)) {
            const entityId = add(
                'EntityDefinition',
                {
                    QualifiedApiName: def.name,
                    DeveloperName: def.name.replace(/__(c|mdt|e)$/i, ''),
                    DurableId: def.name,
                    Label: def.label,
                    MasterLabel: def.label,
                    PluralLabel: def.labelPlural,
                    KeyPrefix: def.keyPrefix || null,
                    NamespacePrefix: null,
                    IsCustomizable: true,
                    IsQueryable: def.queryable,
                    IsCustomSetting: def.isCustomSetting
                },
                def.name
            );
            for (const f of def.fields.values()) {
                add(
                    'FieldDefinition',
                    {
                        QualifiedApiName: f.name,
                        DeveloperName: f.name.replace(/__c$/i, ''),
                        DurableId: `${def.name}.${f.name}`,
                        Label: f.label,
                        MasterLabel: f.label,
                        DataType: fieldDataType(f),
                        Length: f.length,
                        Precision: f.precision,
                        Scale: f.scale,
                        IsNillable: f.nillable,
                        RelationshipName: f.relationshipName,
                        NamespacePrefix: null,
                        EntityDefinitionId: entityId
                    },
                    `${def.name}.${f.name}`
                );
            }
        }
        for (const file of this.meta.classFiles) {
            const { body, apiVersion } = classSource(file);
            add(
                'ApexClass',
                {
                    Name: path.basename(file, '.cls'),
                    NamespacePrefix: null,
                    Status: 'Active',
                    Body: body,
                    ApiVersion: apiVersion,
                    LengthWithoutComments: body.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').length,
                    IsValid: true
                },
                null
            );
        }
        for (const file of this.meta.triggerFiles) {
            const { body, apiVersion } = classSource(file);
            const header = /\btrigger\s+\w+\s+on\s+(\w+)\s*\(([^)]*)\)/i.exec(body);
            const events = new Set((header?.[2] ?? '').toLowerCase().replace(/\s+/g, '').split(','));
            add(
                'ApexTrigger',
                {
                    Name: path.basename(file, '.trigger'),
                    NamespacePrefix: null,
                    TableEnumOrId: header?.[1] ?? null,
                    Status: 'Active',
                    Body: body,
                    ApiVersion: apiVersion,
                    LengthWithoutComments: body.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').length,
                    IsValid: true,
                    ...Object.fromEntries(TRIGGER_EVENTS.map((e) => [`Usage${e}`, events.has(e.toLowerCase())]))
                },
                null
            );
        }
        for (const name of this.meta.customPermissions) {
            add(
                'CustomPermission',
                { DeveloperName: name, MasterLabel: name, NamespacePrefix: null, IsProtected: false },
                null
            );
        }
        for (const r of this.meta.staticResources) {
            const bytes = r.file ? new Uint8Array(fs.readFileSync(r.file)) : null;
            add(
                'StaticResource',
                {
                    Name: r.name,
                    NamespacePrefix: null,
                    Body: bytes ? new ApexBlob(bytes) : null,
                    BodyLength: bytes ? bytes.length : null,
                    ContentType: r.contentType,
                    CacheControl: r.cacheControl
                },
                null
            );
        }
        return rows;
    }

    // ------------------------------------------------------------------ records

    newSObject(type: string): SObject {
        const def = this.schema.getObject(type);
        if (!def) throw sobjectError(`Invalid sObject type: ${type}`);
        return new SObject(def, this.schema);
    }

    newSObjectForId(id: string): SObject {
        const norm = normalizeId(id);
        if (!norm) throw new ApexPlatformError('StringException', `Invalid id: ${id}`);
        const def = this.schema.objectForId(norm);
        if (!def) throw sobjectError(`Invalid id value for this SObject type: ${id}`);
        const so = new SObject(def, this.schema);
        so.setRaw('Id', norm);
        return so;
    }

    /** A stored row as an sObject with every field populated (triggers and DML work on these). */
    toSObject(row: Row): SObject {
        return SObject.fromSlots(row.def, this.schema, new Map(row.slots));
    }

    hasTrigger(objectName: string): boolean {
        return this.triggerObjects.has(objectName.toLowerCase());
    }

    setTriggerInvoker(fn: (objectName: string, ctx: Record<string, unknown>) => void): void {
        this.triggerInvoker = fn;
    }

    defaultValue(f: FieldDef): unknown {
        const d = f.defaultValue as { literal?: string; number?: string; formula?: string } | boolean | string | null;
        if (d === null || d === undefined) return null;
        if (typeof d === 'boolean' || typeof d === 'string') return d;
        if (d.literal !== undefined) return d.literal;
        if (d.number !== undefined) return f.type === 'Int' ? Number(d.number) : Decimal.parse(d.number);
        if (d.formula) {
            const today = this.today();
            const expr = d.formula.replace(/\s+/g, '').toUpperCase();
            if (expr === 'TODAY()') return today;
            if (expr === 'NOW()') return new ApexDatetime(this.clock.now());
            const m = /^TODAY\(\)([+-])(\d+)$/.exec(expr);
            if (m) return today.addDays(Number(m[2]) * (m[1] === '-' ? -1 : 1));
            if (expr === 'TRUE' || expr === 'FALSE') return expr === 'TRUE';
        }
        return null;
    }

    userCurrency(): string {
        const user = this.db.get(this.runningUserId);
        return (user?.slots.get('defaultcurrencyisocode')?.value as string) ?? this.config.corporateCurrency;
    }

    today(): ApexDate {
        return new ApexDatetime(this.clock.now()).dateIn(this.userTimeZone());
    }

    userTimeZone(): string {
        const user = this.db.get(this.runningUserId);
        return (user?.slots.get('timezonesidkey')?.value as string) ?? this.config.timeZone;
    }

    standardPricebookId(): string {
        return this.stdPricebookId;
    }

    setCreatedDate(id: string, when: ApexDatetime): void {
        const row = this.db.get(normalizeId(id) ?? id);
        if (!row)
            throw new ApexPlatformError(
                'InvalidParameterValueException',
                `The record ${id} was not inserted in this test`
            );
        const slots = new Map(row.slots);
        slots.set('createddate', { name: 'CreatedDate', value: when });
        this.db.put({ ...row, slots });
    }

    customMetadata(typeName: string): SObject[] {
        const def = this.schema.getObject(typeName);
        if (!def || !def.isCustomMetadata) throw sobjectError(`Invalid custom metadata type: ${typeName}`);
        return this.meta.customMetadata
            .filter((r) => r.type.toLowerCase() === def.name.toLowerCase())
            .filter((r) => this.config.loadSampleMetadata || !r.fromSample)
            .map((r) => this.customMetadataRecord(def, r));
    }

    private mdtCache = new Map<string, SObject>();

    private customMetadataRecord(
        def: ObjectDef,
        r: { developerName: string; label: string; values: Record<string, unknown> }
    ): SObject {
        const key = `${def.name}.${r.developerName}`;
        let so = this.mdtCache.get(key);
        if (!so) {
            so = new SObject(def, this.schema);
            so.setRaw('Id', this.ids.next(def.keyPrefix));
            so.setRaw('DeveloperName', r.developerName);
            so.setRaw('MasterLabel', r.label);
            so.setRaw('Label', r.label);
            so.setRaw('QualifiedApiName', r.developerName);
            so.setRaw('NamespacePrefix', null);
            for (const f of def.fields.values()) {
                if (!f.custom) continue;
                so.setRaw(f.name, this.mdtValue(f, r.values[f.name]));
            }
            this.mdtCache.set(key, so);
        }
        return so.clone(true, false, true, true);
    }

    private mdtValue(f: FieldDef, raw: unknown): unknown {
        if (raw === undefined || raw === null) return f.type === 'Checkbox' ? false : null;
        if (typeof raw === 'boolean') return raw;
        if (typeof raw === 'object') {
            const o = raw as { number?: string; date?: string; datetime?: string };
            if (o.number !== undefined) return f.type === 'Int' ? Number(o.number) : Decimal.parse(o.number);
            if (o.date) return ApexDate.parseIso(o.date);
            if (o.datetime) return new ApexDatetime(Date.parse(o.datetime));
        }
        return String(raw);
    }

    // ------------------------------------------------------------------ SOQL

    compileSoql(source: unknown): CompiledQuery {
        const text = typeof source === 'string' ? source : sourceText(source);
        const q = bindSchema(this.schema, parseSoql(text.trim().replace(/^\[|\]$/g, '')));
        for (const b of collectBinds(q)) {
            if (!b.expression) b.expression = bindExpression(b.text);
        }
        return q;
    }

    query(
        q: CompiledQuery | string,
        opts: {
            resolveBind?: (b: SoqlBind) => unknown;
            accessLevel?: string;
            forUpdate?: boolean;
            /** The calling code enforces record sharing in system mode (a `with sharing` class: README › Sharing). */
            sharing?: boolean;
        } = {}
    ): SObject[] | Map<string, unknown>[] | number {
        const compiled = typeof q === 'string' ? this.compileSoql(q) : q;
        this.limits.queries++;
        const max = this.isAsync ? 200 : 100;
        if (this.limits.queries > max) throw limitError(`Too many SOQL queries: ${this.limits.queries}`);
        const mode = String(opts.accessLevel ?? '').toUpperCase() === 'USER_MODE' ? 'USER_MODE' : compiled.withMode;
        const access = mode === 'USER_MODE' || mode === 'SECURITY_ENFORCED' ? this.currentAccess() : null;
        const resolveBind = (b: SoqlBind) => {
            if (!opts.resolveBind) throw queryError(`Variable does not exist: ${b.name}`);
            return opts.resolveBind(b);
        };
        const defaults = this.config.organizationWideDefaults ?? {};
        const result = this.engine.run(compiled, {
            resolveBind,
            computedRows: (query) =>
                query.def.name === 'UserRecordAccess'
                    ? userRecordAccessRows(
                          query.def,
                          query.where,
                          resolveBind,
                          this.db,
                          (id) => this.currentAccess(id),
                          defaults
                      )
                    : null,
            canRead: mode === 'USER_MODE' || opts.sharing ? this.sharingReadFilter() : undefined,
            today: this.today(),
            timeZone: this.userTimeZone(),
            fiscalYearStartMonth: this.config.fiscalYearStartMonth,
            hideOrgData: this.isTestContext,
            checkRead: access
                ? (def, f) => {
                      const ok = f ? hasFieldAccess(access, def, f, 'read') : hasObjectAccess(access, def, 'read');
                      if (ok) return;
                      if (mode === 'SECURITY_ENFORCED')
                          throw queryError('Insufficient permissions: secure query included inaccessible field');
                      if (!f)
                          throw queryError(
                              `sObject type '${def.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
                          );
                      throw queryError(
                          `No such column '${f.name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
                      );
                  }
                : undefined
        });
        // child rows of subqueries count as query rows too
        const childRows = (so: unknown): number =>
            so instanceof SObject
                ? so.childNames().reduce((n, rel) => {
                      const kids = so.getSObjects(rel) ?? [];
                      return n + kids.length + kids.reduce((m, k) => m + childRows(k), 0);
                  }, 0)
                : 0;
        const rows =
            typeof result === 'number'
                ? 1
                : (this.engine.rowsCharged ?? result.length + result.reduce((n, r) => n + childRows(r), 0));
        this.limits.queryRows += rows;
        if (this.limits.queryRows > 50000) throw limitError(`Too many query rows: ${this.limits.queryRows}`);
        if (compiled.forUpdate || opts.forUpdate) {
            if (Array.isArray(result)) for (const r of result) if (r instanceof SObject && r.id) this.locked.add(r.id);
        }
        return result;
    }

    /**
     * Whether the running user may read a row through sharing. The user's grants are read once per query, and rows
     * of an object that every user reads (Public Read Only or Read/Write, View All, an administrator) are not looked
     * at one by one.
     */
    private sharingReadFilter(): (row: Row) => boolean {
        const defaults = this.config.organizationWideDefaults ?? {};
        let user: UserAccess | null = null;
        const readByAll = new Map<ObjectDef, boolean>();
        return (row) => {
            user ??= this.currentAccess();
            let all = readByAll.get(row.def);
            if (all === undefined) {
                const grant = user.permissionSets.map((ps) => ps.objects.get(row.def.name.toLowerCase()));
                all =
                    !user.guest &&
                    (isAdmin(user) ||
                        grant.some((g) => g?.viewAll || g?.modifyAll) ||
                        sharingModelOf(row.def, defaults) === 'Read' ||
                        sharingModelOf(row.def, defaults) === 'ReadWrite');
                readByAll.set(row.def, all);
            }
            return all || recordAccess(user, this.runningUserId, row, this.db, defaults).read;
        };
    }

    /** The running user's access to a stored record through sharing (README › Sharing). */
    sharingAccess(row: Row): RecordAccess {
        return recordAccess(
            this.currentAccess(),
            this.runningUserId,
            row,
            this.db,
            this.config.organizationWideDefaults ?? {}
        );
    }

    /** A callout releases the transaction's FOR UPDATE locks. */
    releaseLocks(): void {
        this.locked.clear();
    }

    // ------------------------------------------------------------------ DML and transactions

    dml(op: DmlOp, records: (SObject | string)[], opts: DmlOptions = {}): DmlResult[] {
        return this.dmlEngine.run(op, records, opts);
    }

    setSavepoint(): number {
        this.openSavepoints++;
        return this.db.mark();
    }

    rollback(sp: number): void {
        this.db.rollbackTo(sp);
        this.txn = { setup: null, nonSetup: null, mixedAllowed: this.txn.mixedAllowed };
    }

    beginTransaction(): number {
        this.limits = { queries: 0, queryRows: 0, dmlStatements: 0, dmlRows: 0, publishImmediateDml: 0 };
        this.txn = { setup: null, nonSetup: null, mixedAllowed: false };
        this.locked.clear();
        return this.db.mark();
    }

    commit(): void {
        this.locked.clear();
        this.txn = { setup: null, nonSetup: null, mixedAllowed: false };
        if (this.openSavepoints === 0) this.db.clearJournal();
    }

    rollbackTransaction(mark = 0): void {
        this.db.rollbackTo(mark);
        this.locked.clear();
    }

    resetLimits(): void {
        this.limits = { queries: 0, queryRows: 0, dmlStatements: 0, dmlRows: 0, publishImmediateDml: 0 };
    }

    recordAsyncJob(job: {
        id?: string;
        kind: string;
        className?: string | null;
        methodName?: string | null;
        status: string;
        cron?: string | null;
        name?: string | null;
        nextFireTime?: number | null;
    }): string {
        const jobType =
            (
                {
                    queueable: 'Queueable',
                    future: 'Future',
                    schedulable: 'ScheduledApex',
                    batch: 'BatchApex'
                } as Record<string, string>
            )[job.kind.toLowerCase()] ?? job.kind;
        let cronId: string | null = null;
        if (job.cron) {
            const detail = this.record('CronJobDetail', { Name: job.name ?? job.className ?? 'job', JobType: '7' });
            cronId = this.record('CronTrigger', {
                CronExpression: job.cron,
                CronJobDetailId: detail,
                NextFireTime: job.nextFireTime ? new ApexDatetime(job.nextFireTime) : null,
                State: 'WAITING',
                TimesTriggered: 0
            });
        }
        const apexClass = job.className ? this.apexClassId(job.className) : null;
        const id =
            job.id && normalizeId(job.id) && this.schema.objectForId(job.id)?.name === 'AsyncApexJob'
                ? job.id
                : undefined;
        const rec = this.newSObject('AsyncApexJob');
        if (id) rec.setRaw('Id', id);
        rec.setRaw('ApexClassId', apexClass);
        rec.setRaw('JobType', jobType);
        rec.setRaw('Status', job.status);
        rec.setRaw('MethodName', job.methodName ?? null);
        rec.setRaw('NumberOfErrors', 0);
        rec.setRaw('CronTriggerId', cronId);
        return this.storeSystemRecord(rec);
    }

    updateAsyncJob(id: string, update: { status?: string; error?: string | null }): void {
        const row = this.db.get(id);
        if (!row) return;
        const slots = new Map(row.slots);
        if (update.status) slots.set('status', { name: 'Status', value: update.status });
        if (update.error !== undefined) {
            slots.set('extendedstatus', { name: 'ExtendedStatus', value: update.error });
            slots.set('numberoferrors', { name: 'NumberOfErrors', value: update.error ? 1 : 0 });
        }
        if (update.status === 'Completed' || update.status === 'Failed' || update.status === 'Aborted') {
            slots.set('completeddate', { name: 'CompletedDate', value: new ApexDatetime(this.clock.now()) });
        }
        this.db.put({ ...row, slots });
    }

    /** A scheduled job fired at `firedAt`: its CronTrigger counts it and shows the next fire time (null: none). */
    recordCronFire(cronTriggerId: string, firedAt: number, nextFireTime: number | null): void {
        const row = this.db.get(cronTriggerId);
        if (!row) return;
        const slots = new Map(row.slots);
        const times = Number(slots.get('timestriggered')?.value ?? 0);
        slots.set('timestriggered', { name: 'TimesTriggered', value: times + 1 });
        slots.set('previousfiretime', { name: 'PreviousFireTime', value: new ApexDatetime(firedAt) });
        slots.set('nextfiretime', {
            name: 'NextFireTime',
            value: nextFireTime === null ? null : new ApexDatetime(nextFireTime)
        });
        if (nextFireTime === null) slots.set('state', { name: 'State', value: 'DELETED' });
        this.db.put({ ...row, slots });
    }

    private apexClassId(name: string): string {
        const existing = this.db
            .rows('ApexClass')
            .find((r) => String(r.slots.get('name')?.value).toLowerCase() === name.toLowerCase());
        return existing?.id ?? this.record('ApexClass', { Name: name, Status: 'Active' });
    }

    // ------------------------------------------------------------------ users and security

    runningUser(): SObject {
        return this.toSObject(this.db.get(this.runningUserId)!);
    }

    /**
     * System.runAs: runs fn as the user; in tests it also allows setup and non-setup DML together. A user record that
     * was never inserted is created first, as the Apex Developer Guide's own example does (Using the runAs Method:
     * "change the user context to an existing user or a new user … You can create users with runAs"; "Every call to
     * runAs counts against the total number of DML statements").
     */
    runAs(user: SObject | string, fn: () => void): void {
        const id = typeof user === 'string' ? user : (user.id ?? this.createRunAsUser(user));
        if (!id || !this.db.get(id))
            throw new ApexPlatformError('InvalidParameterValueException', 'runAs requires an inserted user');
        const previous = this.runningUserId;
        const previousTxn = this.txn;
        this.runningUserId = id;
        this.txn = { setup: null, nonSetup: null, mixedAllowed: true };
        try {
            fn();
        } finally {
            this.runningUserId = previous;
            this.txn = previousTxn;
        }
    }

    /**
     * Inserts the new user of a System.runAs; its profile may be given by name through the `Profile` relationship
     * (`Profile = new Profile(Name = 'Standard User')`), which runAs resolves (soql-lib's tests, green on real orgs, rely
     * on it). A user the insert refuses (a missing required field) fails the runAs with that DML error.
     */
    private createRunAsUser(user: SObject): string {
        const profile = user.getSObject('Profile');
        if (!user.get('ProfileId') && profile?.get('Name')) {
            const name = String(profile.get('Name')).toLowerCase();
            const row = this.db.rows('Profile').find((r) => String(r.slots.get('name')?.value).toLowerCase() === name);
            if (!row) throw new ApexPlatformError('QueryException', `No Profile named '${profile.get('Name')}'`);
            user.put('ProfileId', row.id);
        }
        const [result] = this.dml('insert', [user]);
        if (!result.success) {
            const e = result.errors[0];
            throw new ApexPlatformError(
                'DmlException',
                `Insert failed. First exception on row 0; first error: ${e.statusCode}, ${e.message}: [${e.fields.join(', ')}]`
            );
        }
        return result.id!;
    }

    /**
     * Runs fn as another user without System.runAs's test allowances: the running user of an asynchronous job
     * (the user who enqueued or scheduled it) or of a platform event trigger.
     */
    runAsUser(userId: string | null | undefined, fn: () => void): void {
        if (!userId || userId === this.runningUserId) {
            fn();
            return;
        }
        const previous = this.runningUserId;
        this.runningUserId = userId;
        try {
            fn();
        } finally {
            this.runningUserId = previous;
        }
    }

    /**
     * The running user and batch size of a platform event trigger: its PlatformEventSubscriberConfig (project
     * metadata or org config) names a user by username; without one, the Automated Process user and 2,000 events
     * (Platform Events Developer Guide, "Configure the User and Batch Size for Your Platform Event Trigger with
     * PlatformEventSubscriberConfig").
     */
    eventSubscriber(triggerName: string): { userId: string; batchSize: number } {
        const configs = [
            ...(this.config.platformEventSubscriberConfigs ?? []),
            ...this.meta.platformEventSubscriberConfigs
        ];
        const config = configs.find((c) => c.platformEventConsumer.toLowerCase() === triggerName.toLowerCase());
        let userId = this.automatedProcessUserId;
        if (config?.user) {
            const user = this.db
                .rows('User')
                .find(
                    (r) =>
                        !r.deleted &&
                        String(r.slots.get('username')?.value).toLowerCase() === config.user!.toLowerCase()
                );
            if (!user || user.slots.get('isactive')?.value === false)
                throw new Error(
                    `PlatformEventSubscriberConfig for ${triggerName} names user ${config.user}, who is not an active user of the org`
                );
            userId = user.id;
        }
        const batchSize = config?.batchSize ?? 2000;
        if (!(batchSize >= 1 && batchSize <= 2000))
            throw new Error(`PlatformEventSubscriberConfig for ${triggerName}: batch size must be 1 to 2,000`);
        return { userId, batchSize };
    }

    /**
     * The external credential a callout through this named credential authenticates with, when the running user
     * may not use it: a named credential's callout needs access to a principal of its external credential, granted
     * by a permission set (Salesforce Help, "Enable External Credential Principals"; "Troubleshooting for Named
     * Credentials": without it callouts fail). Null when the callout may proceed.
     */
    refusedExternalCredential(namedCredential: string): string | null {
        const nc = this.meta.namedCredentials.find((n) => n.name.toLowerCase() === namedCredential.toLowerCase());
        if (!nc?.externalCredential) return null;
        const prefix = nc.externalCredential.toLowerCase() + '-';
        const granted = this.currentAccess().permissionSets.some((ps) =>
            [...ps.principals].some((p) => p.startsWith(prefix))
        );
        return granted ? null : nc.externalCredential;
    }

    currentAccess(userId: string | null = null): UserAccess {
        const uid = userId ?? this.runningUserId;
        const user = this.db.get(uid);
        const profile = this.db.get(user?.slots.get('profileid')?.value as string);
        const assigned = this.db
            .rows('PermissionSetAssignment')
            .filter((r) => !r.deleted && r.slots.get('assigneeid')?.value === uid)
            .map((r) => this.db.get(r.slots.get('permissionsetid')?.value as string))
            .filter((ps): ps is Row => !!ps && !ps.deleted)
            .map((ps) => this.permissionSetAccess(ps));
        return {
            profile: String(profile?.slots.get('name')?.value ?? 'Standard User'),
            permissionSets: assigned,
            guest: user?.slots.get('usertype')?.value === 'Guest'
        };
    }

    /**
     * A permission set's grants: the deployed metadata, overlaid with ObjectPermissions / FieldPermissions rows
     * inserted for it in Apex (tests build permission sets that way).
     */
    private permissionSetAccess(ps: Row): PermissionSetDef {
        const name = String(ps.slots.get('name')?.value ?? '');
        const deployed = this.permissionSets.find((p) => p.name.toLowerCase() === name.toLowerCase());
        const def: PermissionSetDef = {
            name,
            label: String(ps.slots.get('label')?.value ?? name),
            objects: new Map(deployed?.objects ?? []),
            fields: new Map(deployed?.fields ?? []),
            customPermissions: new Set(deployed?.customPermissions ?? []),
            classes: new Set(deployed?.classes ?? []),
            principals: new Set(deployed?.principals ?? [])
        };
        const flag = (r: Row, f: string) => r.slots.get(f.toLowerCase())?.value === true;
        for (const r of this.db.rows('ObjectPermissions')) {
            if (r.deleted || r.slots.get('parentid')?.value !== ps.id) continue;
            def.objects.set(String(r.slots.get('sobjecttype')?.value).toLowerCase(), {
                read: flag(r, 'PermissionsRead'),
                create: flag(r, 'PermissionsCreate'),
                edit: flag(r, 'PermissionsEdit'),
                delete: flag(r, 'PermissionsDelete'),
                viewAll: flag(r, 'PermissionsViewAllRecords'),
                modifyAll: flag(r, 'PermissionsModifyAllRecords')
            });
        }
        for (const r of this.db.rows('FieldPermissions')) {
            if (r.deleted || r.slots.get('parentid')?.value !== ps.id) continue;
            def.fields.set(String(r.slots.get('field')?.value).toLowerCase(), {
                read: flag(r, 'PermissionsRead'),
                edit: flag(r, 'PermissionsEdit')
            });
        }
        return def;
    }

    /** Whether the user (the running user by default) may call the class from a Lightning component. */
    mayCallApexClass(className: string, userId: string | null = null): boolean {
        return hasApexClassAccess(this.currentAccess(userId), className);
    }

    hasCustomPermission(name: string): boolean {
        return hasCustomPermission(this.currentAccess(), name);
    }

    checkObjectAccess(user: SObject | string | null, objectName: string, kind: AccessKind): boolean {
        const def = this.schema.getObject(objectName);
        if (!def) return false;
        return hasObjectAccess(this.currentAccess(typeof user === 'string' ? user : (user?.id ?? null)), def, kind);
    }

    checkFieldAccess(user: SObject | string | null, objectName: string, fieldName: string, kind: string): boolean {
        const def = this.schema.getObject(objectName);
        const f = def?.fields.get(fieldName.toLowerCase());
        if (!def || !f) return false;
        const access = this.currentAccess(typeof user === 'string' ? user : (user?.id ?? null));
        if (kind === 'read') return hasFieldAccess(access, def, f, 'read');
        if (kind === 'create') return hasFieldAccess(access, def, f, 'create');
        return f.updateable && hasFieldAccess(access, def, f, 'edit');
    }

    /**
     * Security.stripInaccessible (Apex Developer Guide › Enforce Security with the stripInaccessible Method): copies of
     * the records without the fields the user cannot access for the operation, also in parent records and subquery
     * rows; a subquery of an object the user cannot access is removed whole. With `enforceRootObjectCRUD` (the
     * default) a root object the user cannot access fails with `NoAccessException: No access to entity`. Stripped
     * fields of a queried record read as never queried. The Id is never stripped.
     */
    stripInaccessible(
        accessType: string,
        records: unknown[],
        enforceRootObjectCRUD = true
    ): { records: SObject[]; removedFields: Map<string, string[]>; modifiedIndexes: number[] } {
        const access = this.currentAccess();
        const kind = String(accessType).toUpperCase();
        const objectKinds: AccessKind[] =
            kind === 'CREATABLE'
                ? ['create']
                : kind === 'UPDATABLE'
                  ? ['edit']
                  : kind === 'UPSERTABLE'
                    ? ['create', 'edit']
                    : ['read'];
        const canAccessObject = (def: ObjectDef) => objectKinds.every((k) => hasObjectAccess(access, def, k));
        const canAccessField = (def: ObjectDef, f: FieldDef) =>
            kind === 'READABLE'
                ? hasFieldAccess(access, def, f, 'read')
                : kind === 'CREATABLE'
                  ? hasFieldAccess(access, def, f, 'create')
                  : kind === 'UPDATABLE'
                    ? f.updateable && hasFieldAccess(access, def, f, 'edit')
                    : hasFieldAccess(access, def, f, 'create') && hasFieldAccess(access, def, f, 'edit');
        const removed = new Map<string, Set<string>>();
        const remove = (def: ObjectDef, name: string) => {
            const set = removed.get(def.name) ?? new Set<string>();
            set.add(name);
            removed.set(def.name, set);
        };
        const strip = (r: SObject): { copy: SObject; changed: boolean } => {
            const copy = r.clone(true, false, true, true);
            let changed = false;
            for (const name of r.fieldNames()) {
                const f = r.def.fields.get(name.toLowerCase());
                if (!f || f.name === 'Id' || canAccessField(r.def, f)) continue;
                copy.unset(f.name);
                copy.queried?.delete(f.name.toLowerCase());
                remove(r.def, f.name);
                changed = true;
            }
            for (const rel of r.parentNames()) {
                const parent = r.getSObject(rel);
                if (!parent) continue;
                const inner = strip(parent);
                copy.putSObject(rel, inner.copy);
                changed ||= inner.changed;
            }
            for (const rel of r.childNames()) {
                const kids = r.getSObjects(rel);
                const childDef = this.schema.getObject(
                    this.schema.childRelationship(r.def.name, rel)?.childObject ?? ''
                );
                if (childDef && !canAccessObject(childDef)) {
                    copy.removeChildren(rel);
                    for (const q of [...(copy.queried ?? [])])
                        if (q.startsWith(rel.toLowerCase() + '.')) copy.queried?.delete(q);
                    remove(r.def, rel);
                    changed = true;
                    continue;
                }
                if (!kids) continue;
                const stripped = kids.map(strip);
                copy.setChildren(
                    rel,
                    stripped.map((k) => k.copy)
                );
                changed ||= stripped.some((k) => k.changed);
            }
            return { copy, changed };
        };
        const modified: number[] = [];
        const out = records.map((r, i) => {
            if (!(r instanceof SObject) || r.def.name === 'AggregateResult')
                throw new ApexPlatformError(
                    'InvalidParameterValueException',
                    'AggregateResult SObject types are not supported'
                );
            if (enforceRootObjectCRUD && !canAccessObject(r.def))
                throw new ApexPlatformError('NoAccessException', `No access to entity: ${r.def.name}`);
            const { copy, changed } = strip(r);
            if (changed) modified.push(i);
            return copy;
        });
        return {
            records: out,
            removedFields: new Map([...removed].map(([k, v]) => [k, [...v]])),
            modifiedIndexes: modified
        };
    }
}

function sourceText(ctx: any): string {
    if (ctx && typeof ctx.text === 'string' && typeof ctx.start !== 'object') return ctx.text;
    const start = ctx?.start;
    const stop = ctx?.stop;
    const input = start?.getInputStream?.() ?? start?.inputStream;
    if (input && typeof input.getText === 'function') return input.getText(start.start, stop.stop);
    throw new Error('compileSoql needs SOQL text or an apex-parser query context');
}

function collectBinds(q: CompiledQuery): SoqlBind[] {
    return q.binds;
}

/** Loads the org from the project: metadata under force-app (and config/dev when the config asks). */
/** FieldDefinition.DataType as Setup shows it: Text(255), Currency(16, 2), Lookup(Account) … */
function fieldDataType(f: FieldDef): string {
    switch (f.type) {
        case 'Text':
        case 'TextArea':
        case 'EncryptedText':
            return `${f.type === 'TextArea' ? 'Text Area' : 'Text'}(${f.length})`;
        case 'LongTextArea':
            return `Long Text Area(${f.length})`;
        case 'Currency':
        case 'Number':
        case 'Percent':
        case 'Double':
            return `${f.type === 'Double' ? 'Number' : f.type}(${f.precision - f.scale}, ${f.scale})`;
        case 'Lookup':
        case 'MasterDetail':
            return `${f.type === 'Lookup' ? 'Lookup' : 'Master-Detail'}(${f.referenceTo.join(',')})`;
        case 'DateTime':
            return 'Date/Time';
        case 'MultiselectPicklist':
            return 'Picklist (Multi-Select)';
        case 'AutoNumber':
            return 'Auto Number';
        case 'Id':
            return 'Lookup()';
        case 'Int':
            return `Number(${f.precision || 9}, 0)`;
        default:
            return f.type;
    }
}

interface CatalogueRow {
    type: string;
    id: string;
    slots: Map<string, Slot>;
    name: string | null;
}

const classSources = new Map<string, { mtime: number; body: string; apiVersion: Decimal | null }>();

/** A class file's text and the apiVersion of its -meta.xml, read once per file version. */
const TRIGGER_EVENTS = [
    'BeforeInsert',
    'BeforeUpdate',
    'BeforeDelete',
    'AfterInsert',
    'AfterUpdate',
    'AfterDelete',
    'AfterUndelete'
];

function classSource(file: string): { body: string; apiVersion: Decimal | null } {
    const mtime = fs.statSync(file).mtimeMs;
    const cached = classSources.get(file);
    if (cached && cached.mtime === mtime) return cached;
    let apiVersion: Decimal | null = null;
    const metaFile = file + '-meta.xml';
    if (fs.existsSync(metaFile)) {
        const m = /<apiVersion>\s*([\d.]+)\s*<\/apiVersion>/.exec(fs.readFileSync(metaFile, 'utf8'));
        if (m) apiVersion = Decimal.parse(m[1]);
    }
    const entry = { mtime, body: fs.readFileSync(file, 'utf8'), apiVersion };
    classSources.set(file, entry);
    return entry;
}

export async function loadOrg(opts: LoadOrgOptions): Promise<Org> {
    return createOrg(opts);
}

const metadataCache = new Map<string, ProjectMetadata>();

export function createOrg(opts: LoadOrgOptions): Org {
    const projectDir = path.resolve(opts.projectDir);
    const defaultConfigFile = path.join(__dirname, '..', '..', 'org-config.default.json');
    const configFile = opts.configFile ?? (fs.existsSync(defaultConfigFile) ? defaultConfigFile : undefined);
    const config = readOrgConfig(configFile, opts.config ?? {});
    const key = projectDir;
    let meta = metadataCache.get(key);
    if (!meta) {
        const sfdx = JSON.parse(fs.readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8'));
        const dirs: { path: string; default?: boolean; package?: string }[] = sfdx.packageDirectories ?? [];
        const packaged = dirs.filter((d) => d.package || d.default).map((d) => path.join(projectDir, d.path));
        const samples = dirs.filter((d) => !d.package && !d.default).map((d) => path.join(projectDir, d.path));
        meta = loadProjectMetadata(packaged);
        const sampleMeta = loadProjectMetadata(samples);
        for (const r of sampleMeta.customMetadata) meta.customMetadata.push({ ...r, fromSample: true });
        // Apex from every directory is deployed to the org (the loader reads it all), so an unpackaged directory's
        // triggers — the subscriber org's own automation — fire on the package's objects too.
        meta.triggerFiles.push(...sampleMeta.triggerFiles);
        meta.seedCache = new Map();
        metadataCache.set(key, meta);
    }
    return new Org(cloneMetadata(meta), config, opts.clock ?? systemClock);
}

/** Each org gets its own object definitions (record type ids and currency fields are per org). */
function cloneMetadata(meta: ProjectMetadata): ProjectMetadata {
    return { ...meta, schema: meta.schema.clone() };
}
