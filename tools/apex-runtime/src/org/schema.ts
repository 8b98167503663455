/**
 * The org's schema: standard objects from the catalogue plus everything under the project's source folders
 * (custom objects, fields on standard objects, custom metadata types, record types).
 */
export type FieldType =
    | 'Id'
    | 'Text'
    | 'TextArea'
    | 'LongTextArea'
    | 'Html'
    | 'Email'
    | 'Phone'
    | 'Url'
    | 'Picklist'
    | 'MultiselectPicklist'
    | 'Checkbox'
    | 'Number'
    | 'Currency'
    | 'Percent'
    | 'Double'
    | 'Int'
    | 'Date'
    | 'DateTime'
    | 'Time'
    | 'Lookup'
    | 'MasterDetail'
    | 'AutoNumber'
    | 'Base64'
    | 'EncryptedText'
    | 'Address';

export interface PicklistValue {
    value: string;
    label: string;
    active: boolean;
    defaultValue: boolean;
}

export interface FieldDef {
    name: string;
    label: string;
    type: FieldType;
    length: number;
    precision: number;
    scale: number;
    picklistValues: PicklistValue[];
    restrictedPicklist: boolean;
    referenceTo: string[];
    relationshipName: string | null;
    nillable: boolean;
    /** Required on create (not nillable, no default, createable). */
    required: boolean;
    createable: boolean;
    updateable: boolean;
    externalId: boolean;
    unique: boolean;
    caseSensitive: boolean;
    calculated: boolean;
    custom: boolean;
    defaultValue: unknown;
    /** For AutoNumber fields: the display format, e.g. SR-{000000}. */
    displayFormat?: string;
    deleteConstraint?: 'Cascade' | 'Restrict' | 'SetNull';
    /** Custom lookups: the parent's name for this child list (without __r), from relationshipName in XML. */
    childRelationshipName?: string;
    /**
     * Custom metadata relationships (to EntityDefinition / FieldDefinition) hold a name, not an Id; a field
     * relationship's name is read together with its controlling entity field (Object__c).
     */
    controllingField?: string;
}

export interface ChildRelationship {
    relationshipName: string;
    childObject: string;
    field: string;
    cascadeDelete: boolean;
}

export interface RecordTypeDef {
    id: string;
    developerName: string;
    label: string;
    active: boolean;
    defaultRecordTypeMapping: boolean;
}

export interface ObjectDef {
    name: string;
    label: string;
    labelPlural: string;
    keyPrefix: string;
    custom: boolean;
    isCustomSetting: boolean;
    isCustomMetadata: boolean;
    /** Setup objects (User, PermissionSetAssignment …) cannot share a transaction's DML with other objects. */
    isSetup: boolean;
    queryable: boolean;
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    fields: Map<string, FieldDef>;
    childRelationships: ChildRelationship[];
    recordTypes: RecordTypeDef[];
    sharingModel?: string;
    /** Field sets by name (Metadata API › FieldSet): the displayed fields in order. */
    fieldSets?: FieldSetDef[];
    /**
     * A platform event's publish behavior: `PublishAfterCommit` (delivered only when the publishing transaction
     * commits) or `PublishImmediately` (delivered even when it rolls back; the default in Setup).
     */
    publishBehavior?: string;
}

export interface FieldSetDef {
    name: string;
    label: string;
    description: string | null;
    fields: { path: string; required: boolean }[];
}

export function field(name: string, type: FieldType, opts: Partial<FieldDef> = {}): FieldDef {
    const numeric = type === 'Number' || type === 'Currency' || type === 'Percent' || type === 'Double';
    return {
        name,
        label: opts.label ?? name.replace(/__c$/, '').replace(/_/g, ' '),
        type,
        length: opts.length ?? (type === 'Id' || type === 'Lookup' || type === 'MasterDetail' ? 18 : 0),
        precision: opts.precision ?? (numeric ? 18 : 0),
        scale: opts.scale ?? (type === 'Currency' ? 2 : 0),
        picklistValues: opts.picklistValues ?? [],
        restrictedPicklist: opts.restrictedPicklist ?? false,
        referenceTo: opts.referenceTo ?? [],
        relationshipName: opts.relationshipName ?? null,
        nillable: opts.nillable ?? type !== 'Checkbox',
        required: opts.required ?? false,
        createable: opts.createable ?? true,
        updateable: opts.updateable ?? true,
        externalId: opts.externalId ?? false,
        unique: opts.unique ?? false,
        caseSensitive: opts.caseSensitive ?? false,
        calculated: opts.calculated ?? false,
        custom: opts.custom ?? name.endsWith('__c'),
        defaultValue: opts.defaultValue ?? (type === 'Checkbox' ? false : null),
        displayFormat: opts.displayFormat,
        deleteConstraint: opts.deleteConstraint,
        childRelationshipName: opts.childRelationshipName,
        controllingField: opts.controllingField
    };
}

export class Schema {
    private objects = new Map<string, ObjectDef>();
    private byPrefix = new Map<string, ObjectDef>();

    add(def: ObjectDef): void {
        this.objects.set(def.name.toLowerCase(), def);
        if (def.keyPrefix) this.byPrefix.set(def.keyPrefix, def);
    }

    getObject(name: string): ObjectDef | null {
        if (!name) return null;
        let n = name.toLowerCase();
        if (n.startsWith('schema.')) n = n.substring(7);
        return this.objects.get(n) ?? null;
    }

    /** A copy whose object definitions can be changed per org (record type ids, currency fields). */
    clone(): Schema {
        const c = new Schema();
        for (const o of this.objects.values()) {
            c.add({
                ...o,
                fields: new Map([...o.fields].map(([k, f]) => [k, { ...f }])),
                recordTypes: o.recordTypes.map((r) => ({ ...r })),
                childRelationships: o.childRelationships.map((r) => ({ ...r }))
            });
        }
        return c;
    }

    objectNames(): string[] {
        return [...this.objects.values()].map((o) => o.name);
    }

    objectForId(id: string): ObjectDef | null {
        return this.byPrefix.get(String(id).substring(0, 3)) ?? null;
    }

    getField(objectName: string, fieldName: string): FieldDef | null {
        return this.getObject(objectName)?.fields.get(fieldName.toLowerCase()) ?? null;
    }

    /** Resolves a relationship name (Account, Owner, Parent__r) on an object to its lookup field. */
    relationshipField(objectName: string, relName: string): FieldDef | null {
        const obj = this.getObject(objectName);
        if (!obj) return null;
        const r = relName.toLowerCase();
        for (const f of obj.fields.values()) {
            if (f.relationshipName && f.relationshipName.toLowerCase() === r) return f;
        }
        return null;
    }

    childRelationship(objectName: string, relName: string): ChildRelationship | null {
        const obj = this.getObject(objectName);
        const r = relName.toLowerCase();
        return obj?.childRelationships.find((c) => c.relationshipName.toLowerCase() === r) ?? null;
    }

    /** Builds child relationships from every lookup/master-detail field; called once after loading. */
    linkRelationships(): void {
        for (const o of this.objects.values()) o.childRelationships = [];
        for (const child of this.objects.values()) {
            for (const f of child.fields.values()) {
                const lookup = f.type === 'Lookup' || f.type === 'MasterDetail';
                if ((!lookup && !f.childRelationshipName) || !f.relationshipName) continue;
                for (const target of f.referenceTo) {
                    const parent = this.getObject(target);
                    // a custom metadata relationship to another custom metadata type has children too
                    if (!parent || (!lookup && !parent.isCustomMetadata)) continue;
                    const relName = childRelationshipName(child, f);
                    if (!relName) continue;
                    parent.childRelationships.push({
                        relationshipName: relName,
                        childObject: child.name,
                        field: f.name,
                        cascadeDelete: f.type === 'MasterDetail' || f.deleteConstraint === 'Cascade'
                    });
                }
            }
        }
    }
}

/** Child relationship names: custom fields declare theirs (plus __r); standard ones follow the catalogue. */
const STANDARD_CHILD_NAMES: Record<string, string> = {
    'Opportunity.AccountId': 'Opportunities',
    'Contact.AccountId': 'Contacts',
    'Contract.AccountId': 'Contracts',
    'OpportunityLineItem.OpportunityId': 'OpportunityLineItems',
    'OpportunityContactRole.OpportunityId': 'OpportunityContactRoles',
    'OpportunityContactRole.ContactId': 'OpportunityContactRoles',
    'PricebookEntry.Product2Id': 'PricebookEntries',
    'PricebookEntry.Pricebook2Id': 'PricebookEntries',
    'ContentDocumentLink.LinkedEntityId': 'ContentDocumentLinks',
    'ContentDocumentLink.ContentDocumentId': 'ContentDocumentLinks',
    'ContentVersion.ContentDocumentId': 'ContentVersions',
    'PermissionSetAssignment.AssigneeId': 'PermissionSetAssignments',
    'PermissionSetAssignment.PermissionSetId': 'Assignments',
    'Account.ParentId': 'ChildAccounts',
    'Case.AccountId': 'Cases',
    'Case.ContactId': 'Cases',
    'Case.ParentId': 'Cases',
    'Task.WhatId': 'Tasks',
    'Task.WhoId': 'Tasks',
    'Lead.ConvertedAccountId': 'ConvertedLeads',
    'Campaign.ParentId': 'ChildCampaigns',
    'FieldDefinition.EntityDefinitionId': 'Fields'
};

function childRelationshipName(child: ObjectDef, f: FieldDef): string | null {
    if (f.custom) return f.childRelationshipName ? f.childRelationshipName + '__r' : null;
    return STANDARD_CHILD_NAMES[`${child.name}.${f.name}`] ?? null;
}
