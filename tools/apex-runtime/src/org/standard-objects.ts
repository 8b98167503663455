/**
 * The standard objects and fields the package touches, as Salesforce's Object Reference defines them
 * (types, lengths, required-ness, read-only fields, relationship names, key prefixes).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/
 *
 * Over 800 lines because it is data: one definition per standard object.
 */
import { field, FieldDef, ObjectDef, PicklistValue } from './schema';

const ro = { createable: false, updateable: false };
const req = { nillable: false, required: true };

function lookup(name: string, to: string | string[], opts: Partial<FieldDef> = {}): FieldDef {
    const rel = name.endsWith('Id') ? name.substring(0, name.length - 2) : name;
    return field(name, 'Lookup', { referenceTo: Array.isArray(to) ? to : [to], relationshipName: rel, ...opts });
}

function picklist(values: string[], defaultValue?: string): PicklistValue[] {
    return values.map((v) => ({ value: v, label: v, active: true, defaultValue: v === defaultValue }));
}

function address(prefix: string): FieldDef[] {
    return [
        field(`${prefix}Street`, 'TextArea', { length: 255 }),
        field(`${prefix}City`, 'Text', { length: 40 }),
        field(`${prefix}State`, 'Text', { length: 80 }),
        field(`${prefix}PostalCode`, 'Text', { length: 20 }),
        field(`${prefix}Country`, 'Text', { length: 80 }),
        // the compound field (Object Reference › Address Compound Fields): read only; its value is not modelled
        field(`${prefix}Address`, 'Address', { ...ro, calculated: true })
    ];
}

function systemFields(): FieldDef[] {
    return [
        field('Id', 'Id', { ...ro, nillable: false }),
        field('IsDeleted', 'Checkbox', ro),
        field('CreatedDate', 'DateTime', ro),
        lookup('CreatedById', 'User', ro),
        field('LastModifiedDate', 'DateTime', ro),
        lookup('LastModifiedById', 'User', ro),
        field('SystemModstamp', 'DateTime', ro)
    ];
}

export interface StandardObjectSpec {
    name: string;
    keyPrefix: string;
    label?: string;
    labelPlural?: string;
    isSetup?: boolean;
    owned?: boolean;
    named?: boolean | 'required' | 'readonly';
    fields: FieldDef[];
    createable?: boolean;
}

export const STANDARD_STAGES: {
    value: string;
    probability: number;
    closed: boolean;
    won: boolean;
    forecast: string;
}[] = [
    { value: 'Prospecting', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
    { value: 'Qualification', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
    { value: 'Needs Analysis', probability: 20, closed: false, won: false, forecast: 'Pipeline' },
    { value: 'Value Proposition', probability: 50, closed: false, won: false, forecast: 'Pipeline' },
    { value: 'Id. Decision Makers', probability: 60, closed: false, won: false, forecast: 'Pipeline' },
    { value: 'Perception Analysis', probability: 70, closed: false, won: false, forecast: 'Pipeline' },
    { value: 'Proposal/Price Quote', probability: 75, closed: false, won: false, forecast: 'Pipeline' },
    { value: 'Negotiation/Review', probability: 90, closed: false, won: false, forecast: 'Pipeline' },
    { value: 'Closed Won', probability: 100, closed: true, won: true, forecast: 'Closed' },
    { value: 'Closed Lost', probability: 0, closed: true, won: false, forecast: 'Omitted' }
];

const SPECS: StandardObjectSpec[] = [
    {
        name: 'Account',
        keyPrefix: '001',
        owned: true,
        named: 'required',
        fields: [
            field('AccountNumber', 'Text', { length: 40 }),
            field('Type', 'Picklist', {
                length: 255,
                picklistValues: picklist(['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'])
            }),
            field('Industry', 'Picklist', { length: 255 }),
            ...address('Billing'),
            ...address('Shipping'),
            field('Phone', 'Phone', { length: 40 }),
            field('Fax', 'Phone', { length: 40 }),
            field('Website', 'Url', { length: 255 }),
            field('Description', 'LongTextArea', { length: 32000 }),
            field('NumberOfEmployees', 'Int', { precision: 8 }),
            field('AnnualRevenue', 'Currency', { precision: 18, scale: 0 }),
            field('Sic', 'Text', { length: 20 }),
            field('Site', 'Text', { length: 80 }),
            field('TradeStyle', 'Text', { length: 255 }),
            field('TickerSymbol', 'Text', { length: 20 }),
            field('YearStarted', 'Text', { length: 4 }),
            field('Rating', 'Picklist', { length: 255, picklistValues: picklist(['Hot', 'Warm', 'Cold']) }),
            field('Ownership', 'Picklist', {
                length: 255,
                picklistValues: picklist(['Public', 'Private', 'Subsidiary', 'Other'])
            }),
            lookup('ParentId', 'Account'),
            lookup('RecordTypeId', 'RecordType'),
            field('AccountSource', 'Picklist', { length: 255 })
        ]
    },
    {
        name: 'Contact',
        keyPrefix: '003',
        owned: true,
        fields: [
            field('FirstName', 'Text', { length: 40 }),
            field('LastName', 'Text', { length: 80, ...req }),
            field('Salutation', 'Picklist', { length: 40 }),
            field('Name', 'Text', { length: 121, ...ro, calculated: true }),
            lookup('AccountId', 'Account', { deleteConstraint: 'Cascade' }),
            field('Email', 'Email', { length: 80 }),
            field('Phone', 'Phone', { length: 40 }),
            field('MobilePhone', 'Phone', { length: 40 }),
            field('HomePhone', 'Phone', { length: 40 }),
            field('Fax', 'Phone', { length: 40 }),
            field('Birthdate', 'Date'),
            field('Title', 'Text', { length: 128 }),
            ...address('Mailing'),
            field('Description', 'LongTextArea', { length: 32000 })
        ]
    },
    {
        name: 'Opportunity',
        keyPrefix: '006',
        owned: true,
        named: 'required',
        // labels as an org's describe gives them (Opportunity Name, Stage, Close Date)
        fields: [
            field('Name', 'Text', { length: 120, ...req, label: 'Opportunity Name' }),
            lookup('AccountId', 'Account', { deleteConstraint: 'Cascade', label: 'Account ID' }),
            lookup('CampaignId', 'Campaign'),
            field('StageName', 'Picklist', {
                length: 255,
                ...req,
                label: 'Stage',
                picklistValues: picklist(STANDARD_STAGES.map((s) => s.value))
            }),
            field('CloseDate', 'Date', { ...req, label: 'Close Date' }),
            field('Amount', 'Currency', { precision: 18, scale: 2 }),
            field('Probability', 'Percent', { precision: 3, scale: 0 }),
            field('ExpectedRevenue', 'Currency', { precision: 18, scale: 2, ...ro, calculated: true }),
            field('IsClosed', 'Checkbox', ro),
            field('IsWon', 'Checkbox', ro),
            field('ForecastCategory', 'Picklist', { length: 40, ...ro }),
            field('ForecastCategoryName', 'Picklist', { length: 40 }),
            field('Type', 'Picklist', {
                length: 255,
                picklistValues: picklist([
                    'Existing Customer - Upgrade',
                    'Existing Customer - Replacement',
                    'Existing Customer - Downgrade',
                    'New Customer'
                ])
            }),
            field('LeadSource', 'Picklist', { length: 255 }),
            field('NextStep', 'Text', { length: 255 }),
            field('Description', 'LongTextArea', { length: 32000 }),
            lookup('Pricebook2Id', 'Pricebook2'),
            lookup('ContractId', 'Contract'),
            lookup('RecordTypeId', 'RecordType'),
            field('HasOpportunityLineItem', 'Checkbox', ro),
            field('FiscalYear', 'Int', { precision: 4, ...ro }),
            field('FiscalQuarter', 'Int', { precision: 1, ...ro }),
            field('Fiscal', 'Text', { length: 6, ...ro }),
            field('TotalOpportunityQuantity', 'Double', { precision: 18, scale: 2 })
        ]
    },
    {
        name: 'OpportunityLineItem',
        keyPrefix: '00k',
        fields: [
            field('OpportunityId', 'MasterDetail', {
                referenceTo: ['Opportunity'],
                relationshipName: 'Opportunity',
                ...req,
                updateable: false
            }),
            lookup('PricebookEntryId', 'PricebookEntry', { updateable: false }),
            lookup('Product2Id', 'Product2', { updateable: false }),
            field('Name', 'Text', { length: 376, ...ro }),
            field('ProductCode', 'Text', { length: 255, ...ro }),
            field('Quantity', 'Double', { precision: 12, scale: 2, ...req }),
            field('UnitPrice', 'Currency', { precision: 18, scale: 2 }),
            field('ListPrice', 'Currency', { precision: 18, scale: 2, ...ro }),
            field('TotalPrice', 'Currency', { precision: 18, scale: 2 }),
            field('Subtotal', 'Currency', { precision: 18, scale: 2, ...ro }),
            field('Discount', 'Percent', { precision: 5, scale: 2 }),
            field('ServiceDate', 'Date'),
            field('Description', 'Text', { length: 255 }),
            field('SortOrder', 'Int', { precision: 9 })
        ]
    },
    {
        name: 'OpportunityContactRole',
        keyPrefix: '00K',
        fields: [
            lookup('OpportunityId', 'Opportunity', { ...req, updateable: false }),
            lookup('ContactId', 'Contact', req),
            field('Role', 'Picklist', {
                length: 40,
                picklistValues: picklist([
                    'Business User',
                    'Decision Maker',
                    'Economic Buyer',
                    'Economic Decision Maker',
                    'Evaluator',
                    'Executive Sponsor',
                    'Influencer',
                    'Technical Buyer',
                    'Other'
                ])
            }),
            field('IsPrimary', 'Checkbox')
        ]
    },
    {
        name: 'OpportunityStage',
        keyPrefix: '01J',
        createable: false,
        fields: [
            field('MasterLabel', 'Text', { length: 255, ...ro }),
            field('ApiName', 'Text', { length: 255, ...ro }),
            field('IsActive', 'Checkbox', ro),
            field('IsClosed', 'Checkbox', ro),
            field('IsWon', 'Checkbox', ro),
            field('DefaultProbability', 'Percent', { precision: 3, scale: 0, ...ro }),
            field('ForecastCategoryName', 'Text', { length: 40, ...ro }),
            field('SortOrder', 'Int', ro)
        ]
    },
    {
        name: 'Product2',
        keyPrefix: '01t',
        named: 'required',
        fields: [
            field('ProductCode', 'Text', { length: 255 }),
            field('Description', 'TextArea', { length: 4000 }),
            field('Family', 'Picklist', { length: 40, picklistValues: picklist(['None']) }),
            field('IsActive', 'Checkbox'),
            field('StockKeepingUnit', 'Text', { length: 180 }),
            field('QuantityUnitOfMeasure', 'Picklist', { length: 255 }),
            field('DisplayUrl', 'Url', { length: 1000 })
        ]
    },
    {
        name: 'Pricebook2',
        keyPrefix: '01s',
        named: 'required',
        fields: [
            field('IsActive', 'Checkbox'),
            field('IsStandard', 'Checkbox', ro),
            field('Description', 'Text', { length: 255 })
        ]
    },
    {
        name: 'PricebookEntry',
        keyPrefix: '01u',
        fields: [
            lookup('Pricebook2Id', 'Pricebook2', { ...req, updateable: false }),
            lookup('Product2Id', 'Product2', { ...req, updateable: false }),
            field('Name', 'Text', { length: 255, ...ro }),
            field('ProductCode', 'Text', { length: 255, ...ro }),
            field('UnitPrice', 'Currency', { precision: 18, scale: 2, ...req }),
            field('IsActive', 'Checkbox'),
            field('UseStandardPrice', 'Checkbox')
        ]
    },
    {
        name: 'Contract',
        keyPrefix: '800',
        owned: true,
        named: true,
        fields: [
            lookup('AccountId', 'Account', req),
            field('ContractNumber', 'AutoNumber', { length: 30, ...ro, displayFormat: '{00000000}' }),
            field('Status', 'Picklist', {
                length: 40,
                ...req,
                picklistValues: picklist(['Draft', 'In Approval Process', 'Activated'], 'Draft'),
                defaultValue: 'Draft'
            }),
            field('StatusCode', 'Picklist', { length: 40, ...ro }),
            field('StartDate', 'Date'),
            field('EndDate', 'Date', ro),
            field('ContractTerm', 'Int', { precision: 4 }),
            field('Description', 'LongTextArea', { length: 32000 }),
            field('SpecialTerms', 'TextArea', { length: 4000 }),
            ...address('Billing'),
            field('ActivatedDate', 'DateTime', ro),
            lookup('Pricebook2Id', 'Pricebook2')
        ]
    },
    {
        name: 'User',
        keyPrefix: '005',
        isSetup: true,
        fields: [
            field('Username', 'Text', { length: 80, ...req, unique: true }),
            field('FirstName', 'Text', { length: 40 }),
            field('LastName', 'Text', { length: 80, ...req }),
            field('Name', 'Text', { length: 121, ...ro, calculated: true }),
            field('Alias', 'Text', { length: 8, ...req }),
            field('Email', 'Email', { length: 128, ...req }),
            field('CommunityNickname', 'Text', { length: 40 }),
            field('IsActive', 'Checkbox', { defaultValue: true }),
            field('LastLoginDate', 'DateTime', ro),
            field('TimeZoneSidKey', 'Picklist', { length: 40, ...req }),
            field('LocaleSidKey', 'Picklist', { length: 40, ...req }),
            field('EmailEncodingKey', 'Picklist', { length: 40, ...req }),
            field('LanguageLocaleKey', 'Picklist', { length: 40, ...req }),
            field('DefaultCurrencyIsoCode', 'Picklist', { length: 3 }),
            lookup('ProfileId', 'Profile', req),
            lookup('UserRoleId', 'UserRole'),
            lookup('ManagerId', 'User'),
            field('Title', 'Text', { length: 80 }),
            field('Department', 'Text', { length: 80 }),
            field('Division', 'Text', { length: 80 }),
            field('CompanyName', 'Text', { length: 80 }),
            field('EmployeeNumber', 'Text', { length: 20 }),
            field('FederationIdentifier', 'Text', { length: 512 }),
            field('Phone', 'Phone', { length: 40 }),
            field('MobilePhone', 'Phone', { length: 40 }),
            ...address(''),
            lookup('ContactId', 'Contact'),
            field('UserType', 'Picklist', { length: 40, ...ro }),
            field('SmallPhotoUrl', 'Url', { length: 1024, ...ro }),
            field('MediumPhotoUrl', 'Url', { length: 1024, ...ro }),
            field('FullPhotoUrl', 'Url', { length: 1024, ...ro })
        ]
    },
    {
        name: 'Profile',
        keyPrefix: '00e',
        isSetup: true,
        createable: false,
        fields: [
            field('Name', 'Text', { length: 255, ...req }),
            field('UserType', 'Picklist', { length: 40, ...ro }),
            field('Description', 'Text', { length: 255 }),
            lookup('UserLicenseId', 'UserLicense', ro)
        ]
    },
    {
        name: 'UserLicense',
        keyPrefix: '100',
        createable: false,
        named: 'readonly',
        fields: [
            field('LicenseDefinitionKey', 'Text', { length: 40, ...ro }),
            field('MasterLabel', 'Text', { length: 80, ...ro }),
            field('Status', 'Picklist', { length: 40, ...ro }),
            field('TotalLicenses', 'Int', ro),
            field('UsedLicenses', 'Int', ro)
        ]
    },
    {
        name: 'UserRole',
        keyPrefix: '00E',
        isSetup: true,
        named: 'required',
        fields: [field('DeveloperName', 'Text', { length: 80 })]
    },
    {
        name: 'PermissionSet',
        keyPrefix: '0PS',
        isSetup: true,
        fields: [
            field('Name', 'Text', { length: 80, ...req }),
            field('Label', 'Text', { length: 80, ...req }),
            field('Description', 'Text', { length: 255 }),
            field('IsOwnedByProfile', 'Checkbox', ro),
            lookup('ProfileId', 'Profile', ro)
        ]
    },
    {
        // Computed per query from sharing (record-access.ts); read only.
        name: 'UserRecordAccess',
        keyPrefix: '0Ru',
        createable: false,
        fields: [
            field('RecordId', 'Text', { ...ro, length: 18 }),
            lookup('UserId', 'User', ro),
            field('HasReadAccess', 'Checkbox', ro),
            field('HasEditAccess', 'Checkbox', ro),
            field('HasDeleteAccess', 'Checkbox', ro),
            field('HasTransferAccess', 'Checkbox', ro),
            field('HasAllAccess', 'Checkbox', ro),
            field('MaxAccessLevel', 'Picklist', {
                ...ro,
                length: 40,
                picklistValues: picklist(['None', 'Read', 'Edit', 'Delete', 'Transfer', 'All'])
            })
        ]
    },
    {
        name: 'PermissionSetAssignment',
        keyPrefix: '0Pa',
        isSetup: true,
        fields: [
            lookup('AssigneeId', 'User', { ...req, updateable: false }),
            lookup('PermissionSetId', 'PermissionSet', { updateable: false }),
            lookup('PermissionSetGroupId', 'PermissionSetGroup', { updateable: false })
        ]
    },
    {
        name: 'PermissionSetGroupComponent',
        keyPrefix: '0PH',
        isSetup: true,
        fields: [
            lookup('PermissionSetGroupId', 'PermissionSetGroup', { ...req, updateable: false }),
            lookup('PermissionSetId', 'PermissionSet', { ...req, updateable: false })
        ]
    },
    {
        name: 'Group',
        keyPrefix: '00G',
        isSetup: true,
        named: true,
        fields: [field('DeveloperName', 'Text', { length: 80 }), field('Type', 'Picklist', { length: 40 })]
    },
    {
        name: 'RecordType',
        keyPrefix: '012',
        isSetup: true,
        createable: false,
        named: true,
        fields: [
            field('DeveloperName', 'Text', { length: 80, ...ro }),
            field('SobjectType', 'Picklist', { length: 40, ...ro }),
            field('IsActive', 'Checkbox', ro),
            field('Description', 'Text', { length: 255, ...ro })
        ]
    },
    {
        name: 'Organization',
        keyPrefix: '00D',
        createable: false,
        named: 'readonly',
        fields: [
            field('IsSandbox', 'Checkbox', ro),
            field('IsReadOnly', 'Checkbox', ro),
            field('OrganizationType', 'Picklist', { length: 40, ...ro }),
            field('InstanceName', 'Text', { length: 5, ...ro }),
            field('TimeZoneSidKey', 'Picklist', { length: 40, ...ro }),
            field('DefaultLocaleSidKey', 'Picklist', { length: 40, ...ro }),
            field('FiscalYearStartMonth', 'Int', ro),
            field('UsesStartDateAsFiscalYearName', 'Checkbox', ro),
            field('Country', 'Text', { length: 80, ...ro }),
            field('NamespacePrefix', 'Text', { length: 15, ...ro }),
            field('TrialExpirationDate', 'DateTime', ro),
            field('Division', 'Text', { length: 80, ...ro }),
            field('LanguageLocaleKey', 'Picklist', { length: 40, ...ro }),
            field('DefaultPricebookAccess', 'Picklist', { length: 40, ...ro })
        ]
    },
    {
        name: 'ContentVersion',
        keyPrefix: '068',
        owned: true,
        fields: [
            field('Title', 'Text', { length: 255 }),
            field('PathOnClient', 'Text', { length: 500 }),
            field('VersionData', 'Base64'),
            // deleting a document deletes its versions (Object Reference › ContentDocument)
            lookup('ContentDocumentId', 'ContentDocument', { updateable: false, deleteConstraint: 'Cascade' }),
            lookup('FirstPublishLocationId', ['Account', 'Opportunity', 'Contract', 'User'], {
                relationshipName: 'FirstPublishLocation',
                updateable: false
            }),
            field('ContentSize', 'Int', ro),
            field('FileType', 'Text', { length: 20, ...ro }),
            field('FileExtension', 'Text', { length: 40, ...ro }),
            field('IsLatest', 'Checkbox', ro),
            field('VersionNumber', 'Text', { length: 20, ...ro }),
            field('ContentLocation', 'Picklist', {
                length: 255,
                updateable: false,
                picklistValues: picklist(['S', 'E', 'L'], 'S'),
                defaultValue: 'S'
            }),
            field('ReasonForChange', 'Text', { length: 1000 }),
            field('SharingOption', 'Picklist', { length: 255, picklistValues: picklist(['A', 'R'], 'A') }),
            field('SharingPrivacy', 'Picklist', { length: 255, picklistValues: picklist(['N', 'P'], 'N') }),
            field('Origin', 'Picklist', { length: 255, picklistValues: picklist(['C', 'H'], 'C'), defaultValue: 'C' }),
            field('Description', 'TextArea', { length: 1000 })
        ]
    },
    {
        name: 'ContentDocument',
        keyPrefix: '069',
        owned: true,
        createable: false,
        fields: [
            field('Title', 'Text', { length: 255 }),
            lookup('LatestPublishedVersionId', 'ContentVersion', ro),
            field('FileType', 'Text', { length: 20, ...ro }),
            field('FileExtension', 'Text', { length: 40, ...ro }),
            field('ContentSize', 'Int', ro)
        ]
    },
    {
        name: 'ContentDocumentLink',
        keyPrefix: '06A',
        fields: [
            // and its links to records
            lookup('ContentDocumentId', 'ContentDocument', { ...req, updateable: false, deleteConstraint: 'Cascade' }),
            lookup('LinkedEntityId', ['Account', 'Opportunity', 'Contract', 'User'], {
                relationshipName: 'LinkedEntity',
                ...req,
                updateable: false
            }),
            field('ShareType', 'Picklist', { length: 40, defaultValue: 'V' }),
            field('Visibility', 'Picklist', { length: 40, defaultValue: 'AllUsers' })
        ]
    },
    {
        name: 'ApexClass',
        keyPrefix: '01p',
        isSetup: true,
        createable: false,
        named: 'readonly',
        fields: [
            field('NamespacePrefix', 'Text', { length: 15, ...ro }),
            field('Status', 'Picklist', ro),
            field('Body', 'LongTextArea', { length: 1000000, ...ro }),
            field('ApiVersion', 'Double', { precision: 18, scale: 1, ...ro }),
            field('LengthWithoutComments', 'Int', ro),
            field('IsValid', 'Checkbox', ro)
        ]
    },
    {
        name: 'ProcessInstanceWorkitem',
        keyPrefix: '04i',
        createable: false,
        fields: [
            lookup('ProcessInstanceId', 'ProcessInstance', ro),
            field('ActorId', 'Lookup', { ...ro, referenceTo: ['User', 'Group'], relationshipName: 'Actor' }),
            field('OriginalActorId', 'Lookup', {
                ...ro,
                referenceTo: ['User', 'Group'],
                relationshipName: 'OriginalActor'
            })
        ]
    },
    {
        name: 'EmailMessage',
        keyPrefix: '02s',
        fields: [
            field('Subject', 'Text', { length: 3000 }),
            field('TextBody', 'LongTextArea', { length: 131072 }),
            field('HtmlBody', 'LongTextArea', { length: 131072 }),
            field('Headers', 'LongTextArea', { length: 32000 }),
            field('FromName', 'Text', { length: 1000 }),
            field('FromAddress', 'Email', { length: 1000 }),
            field('ToAddress', 'Text', { length: 4000 }),
            field('CcAddress', 'Text', { length: 4000 }),
            field('BccAddress', 'Text', { length: 4000 }),
            field('ToIds', 'Text', { length: 4000 }),
            field('Incoming', 'Checkbox'),
            field('Status', 'Picklist', { length: 40, picklistValues: picklist(['0', '1', '2', '3', '4', '5']) }),
            field('IsClientManaged', 'Checkbox'),
            field('MessageDate', 'DateTime'),
            lookup('ParentId', 'Case'),
            field('RelatedToId', 'Lookup', {
                referenceTo: ['Account', 'Opportunity', 'Case'],
                relationshipName: 'RelatedTo'
            })
        ]
    },
    {
        name: 'EmailMessageRelation',
        keyPrefix: '0Rs',
        fields: [
            lookup('EmailMessageId', 'EmailMessage', { ...req, updateable: false }),
            field('RelationId', 'Lookup', { referenceTo: ['Contact', 'Lead', 'User'], relationshipName: 'Relation' }),
            field('RelationType', 'Picklist', {
                length: 40,
                picklistValues: picklist(['FromAddress', 'ToAddress', 'CcAddress', 'BccAddress'])
            }),
            field('RelationAddress', 'Email', { length: 1000 })
        ]
    },
    {
        name: 'ContentDistribution',
        keyPrefix: '04I',
        owned: true,
        named: 'required',
        fields: [
            lookup('ContentVersionId', 'ContentVersion', { ...req, updateable: false }),
            lookup('ContentDocumentId', 'ContentDocument', ro),
            field('RelatedRecordId', 'Lookup', {
                referenceTo: ['Account', 'Opportunity', 'Case'],
                relationshipName: 'RelatedRecord'
            }),
            field('PreferencesAllowOriginalDownload', 'Checkbox'),
            field('PreferencesAllowPDFDownload', 'Checkbox'),
            field('PreferencesAllowViewInBrowser', 'Checkbox'),
            field('DistributionPublicUrl', 'Url', { length: 1300, ...ro }),
            field('ContentDownloadUrl', 'Url', { length: 1300, ...ro })
        ]
    },
    {
        // the App Launcher's items (read only)
        name: 'AppMenuItem',
        keyPrefix: '0DS',
        createable: false,
        named: 'readonly',
        fields: [
            field('ApplicationId', 'Text', { length: 18, ...ro }),
            field('Label', 'Text', { length: 255, ...ro }),
            field('Type', 'Picklist', { length: 40, ...ro }),
            field('SortOrder', 'Int', ro)
        ]
    },
    {
        name: 'PlatformCachePartition',
        keyPrefix: '0Er',
        createable: false,
        fields: [
            field('DeveloperName', 'Text', { length: 80, ...ro }),
            field('MasterLabel', 'Text', { length: 80, ...ro }),
            field('NamespacePrefix', 'Text', { length: 15, ...ro }),
            field('IsDefaultPartition', 'Checkbox', ro)
        ]
    },
    {
        name: 'CampaignMember',
        keyPrefix: '00v',
        fields: [
            lookup('CampaignId', 'Campaign', { ...req, updateable: false }),
            lookup('LeadId', 'Lead', { updateable: false }),
            lookup('ContactId', 'Contact', { updateable: false }),
            field('Status', 'Picklist', { length: 40, picklistValues: picklist(['Planned', 'Sent', 'Responded']) }),
            field('HasResponded', 'Checkbox', ro),
            field('FirstRespondedDate', 'Date', ro)
        ]
    },
    {
        name: 'Asset',
        keyPrefix: '02i',
        owned: true,
        named: 'required',
        fields: [
            lookup('AccountId', 'Account'),
            lookup('ContactId', 'Contact'),
            lookup('Product2Id', 'Product2'),
            lookup('ParentId', 'Asset'),
            field('SerialNumber', 'Text', { length: 80 }),
            field('AssetLevel', 'Int', ro),
            field('Status', 'Picklist', {
                length: 40,
                picklistValues: picklist(['Purchased', 'Shipped', 'Installed'])
            }),
            field('Quantity', 'Double', { precision: 18, scale: 2 }),
            field('Price', 'Currency', { precision: 18, scale: 2 }),
            field('PurchaseDate', 'Date'),
            field('InstallDate', 'Date'),
            field('Description', 'LongTextArea', { length: 32000 })
        ]
    },
    {
        // what a polymorphic relationship (Owner, SetupOwner …) reads: Type is the referenced record's object
        name: 'Name',
        keyPrefix: '',
        createable: false,
        named: 'readonly',
        fields: [
            field('Type', 'Picklist', { length: 40, ...ro }),
            field('Alias', 'Text', { length: 8, ...ro }),
            field('Email', 'Email', { length: 128, ...ro }),
            field('FirstName', 'Text', { length: 40, ...ro }),
            field('LastName', 'Text', { length: 80, ...ro }),
            field('Username', 'Text', { length: 80, ...ro }),
            field('IsActive', 'Checkbox', ro),
            field('Title', 'Text', { length: 80, ...ro }),
            field('Phone', 'Phone', { length: 40, ...ro }),
            lookup('ProfileId', 'Profile', ro),
            lookup('UserRoleId', 'UserRole', ro)
        ]
    },
    {
        name: 'ApexTrigger',
        keyPrefix: '01q',
        createable: false,
        named: 'readonly',
        fields: [
            field('NamespacePrefix', 'Text', { length: 15, ...ro }),
            field('TableEnumOrId', 'Picklist', { length: 40, ...ro }),
            field('Status', 'Picklist', { length: 40, ...ro }),
            field('Body', 'LongTextArea', { length: 1000000, ...ro }),
            field('ApiVersion', 'Double', { precision: 18, scale: 1, ...ro }),
            field('LengthWithoutComments', 'Int', ro),
            field('IsValid', 'Checkbox', ro),
            ...['BeforeInsert', 'BeforeUpdate', 'BeforeDelete', 'AfterInsert', 'AfterUpdate', 'AfterDelete'].map(
                (event) => field(`Usage${event}`, 'Checkbox', ro)
            ),
            field('UsageAfterUndelete', 'Checkbox', ro)
        ]
    },
    {
        // the users and addresses told of unhandled Apex exceptions (Setup › Apex Exception Email)
        name: 'ApexEmailNotification',
        keyPrefix: '0XH',
        fields: [field('Email', 'Email', { length: 255 }), lookup('UserId', 'User')]
    },
    {
        name: 'CustomPermission',
        keyPrefix: '0CP',
        createable: false,
        fields: [
            field('DeveloperName', 'Text', { length: 80, ...ro }),
            field('MasterLabel', 'Text', { length: 80, ...ro }),
            field('NamespacePrefix', 'Text', { length: 15, ...ro }),
            field('Description', 'TextArea', { length: 255, ...ro }),
            field('IsProtected', 'Checkbox', ro)
        ]
    },
    {
        name: 'SetupEntityAccess',
        keyPrefix: '0J0',
        isSetup: true,
        fields: [
            lookup('ParentId', 'PermissionSet', { ...req, updateable: false, relationshipName: 'Parent' }),
            field('SetupEntityId', 'Lookup', {
                ...req,
                updateable: false,
                referenceTo: ['ApexClass', 'ApexPage', 'CustomPermission', 'ConnectedApplication', 'TabSet']
            }),
            field('SetupEntityType', 'Picklist', { length: 40, ...ro })
        ]
    },
    {
        name: 'QueueSobject',
        keyPrefix: '03g',
        isSetup: true,
        fields: [
            lookup('QueueId', 'Group', { ...req, updateable: false }),
            field('SobjectType', 'Picklist', { length: 40, ...req, updateable: false })
        ]
    },
    {
        name: 'Topic',
        keyPrefix: '0TO',
        named: 'required',
        fields: [
            field('Description', 'TextArea', { length: 1000 }),
            field('TalkingAbout', 'Int', ro),
            field('NetworkId', 'Lookup', { ...ro, referenceTo: ['Network'], relationshipName: 'Network' })
        ]
    },
    {
        name: 'Network',
        keyPrefix: '0DB',
        createable: false,
        named: 'readonly',
        fields: [
            field('UrlPathPrefix', 'Text', { length: 40, ...ro }),
            field('Status', 'Picklist', { length: 40, ...ro }),
            field('Description', 'TextArea', { length: 255, ...ro })
        ]
    },
    {
        name: 'LoginHistory',
        keyPrefix: '0Ya',
        createable: false,
        fields: [
            lookup('UserId', 'User', ro),
            field('LoginTime', 'DateTime', ro),
            field('LoginType', 'Picklist', { length: 40, ...ro }),
            field('LoginUrl', 'Text', { length: 120, ...ro }),
            field('SourceIp', 'Text', { length: 39, ...ro }),
            field('Status', 'Text', { length: 128, ...ro }),
            field('Application', 'Text', { length: 255, ...ro }),
            field('Browser', 'Text', { length: 64, ...ro }),
            field('Platform', 'Text', { length: 64, ...ro })
        ]
    },
    {
        name: 'AuthSession',
        keyPrefix: '0Ak',
        isSetup: true,
        createable: false,
        fields: [
            lookup('UsersId', 'User', ro),
            lookup('LoginHistoryId', 'LoginHistory', ro),
            field('ParentId', 'Text', { length: 18, ...ro }),
            field('LoginType', 'Picklist', { length: 40, ...ro }),
            field('LogoutUrl', 'Url', { length: 1024, ...ro }),
            field('SessionSecurityLevel', 'Picklist', { length: 40, ...ro }),
            field('SessionType', 'Picklist', { length: 40, ...ro }),
            field('SourceIp', 'Text', { length: 39, ...ro }),
            field('IsCurrent', 'Checkbox', ro),
            field('NumSecondsValid', 'Int', ro),
            field('UserType', 'Picklist', { length: 40, ...ro })
        ]
    },
    {
        // Flow metadata Apex can query (read only; no flows run here)
        name: 'FlowDefinitionView',
        keyPrefix: '300',
        createable: false,
        fields: [
            field('ApiName', 'Text', { length: 80, ...ro }),
            field('DurableId', 'Text', { length: 18, ...ro }),
            field('Label', 'Text', { length: 80, ...ro }),
            field('Description', 'TextArea', { length: 1000, ...ro }),
            field('ActiveVersionId', 'Text', { length: 18, ...ro }),
            field('LatestVersionId', 'Text', { length: 18, ...ro }),
            field('IsActive', 'Checkbox', ro),
            // a text field holding the modifier's name, not a lookup (Object Reference: FlowDefinitionView)
            field('LastModifiedBy', 'Text', { length: 121, ...ro }),
            field('ManageableState', 'Picklist', { length: 40, ...ro }),
            field('NamespacePrefix', 'Text', { length: 15, ...ro }),
            field('ProcessType', 'Picklist', { length: 40, ...ro }),
            field('RecordTriggerType', 'Picklist', { length: 40, ...ro }),
            field('TriggerObjectOrEventId', 'Lookup', {
                ...ro,
                referenceTo: ['EntityDefinition'],
                relationshipName: 'TriggerObjectOrEvent'
            }),
            field('TriggerOrder', 'Int', ro),
            field('TriggerType', 'Picklist', { length: 40, ...ro }),
            field('VersionNumber', 'Int', ro)
        ]
    },
    {
        name: 'FlowVersionView',
        keyPrefix: '301',
        createable: false,
        fields: [
            field('DurableId', 'Text', { length: 18, ...ro }),
            field('FlowDefinitionViewId', 'Text', { length: 18, ...ro }),
            field('ApiVersion', 'Double', { precision: 18, scale: 1, ...ro }),
            field('ApiVersionRuntime', 'Double', { precision: 18, scale: 1, ...ro }),
            field('Label', 'Text', { length: 80, ...ro }),
            field('ProcessType', 'Picklist', { length: 40, ...ro }),
            field('RunInMode', 'Picklist', { length: 40, ...ro }),
            field('Status', 'Picklist', { length: 40, ...ro }),
            field('VersionNumber', 'Int', ro)
        ]
    },
    {
        name: 'AsyncApexJob',
        keyPrefix: '707',
        createable: false,
        fields: [
            lookup('ApexClassId', 'ApexClass', ro),
            field('JobType', 'Picklist', { length: 40, ...ro }),
            field('Status', 'Picklist', { length: 40, ...ro }),
            field('ExtendedStatus', 'Text', { length: 255, ...ro }),
            field('MethodName', 'Text', { length: 255, ...ro }),
            field('NumberOfErrors', 'Int', ro),
            field('JobItemsProcessed', 'Int', ro),
            field('TotalJobItems', 'Int', ro),
            field('CompletedDate', 'DateTime', ro),
            lookup('ParentJobId', 'AsyncApexJob', ro),
            lookup('CronTriggerId', 'CronTrigger', ro)
        ]
    },
    {
        name: 'CronJobDetail',
        keyPrefix: '08a',
        createable: false,
        named: 'readonly',
        fields: [field('JobType', 'Picklist', { length: 40, ...ro })]
    },
    {
        name: 'CronTrigger',
        keyPrefix: '08e',
        createable: false,
        fields: [
            field('CronExpression', 'Text', { length: 255, ...ro }),
            lookup('CronJobDetailId', 'CronJobDetail', ro),
            field('NextFireTime', 'DateTime', ro),
            field('PreviousFireTime', 'DateTime', ro),
            field('StartTime', 'DateTime', ro),
            field('State', 'Picklist', { length: 40, ...ro }),
            field('TimesTriggered', 'Int', ro)
        ]
    },
    {
        name: 'CurrencyType',
        keyPrefix: '02B',
        isSetup: true,
        fields: [
            field('IsoCode', 'Picklist', { length: 3, ...req }),
            field('ConversionRate', 'Double', { precision: 18, scale: 6, ...req }),
            field('DecimalPlaces', 'Int', { precision: 1 }),
            field('IsActive', 'Checkbox'),
            field('IsCorporate', 'Checkbox', ro)
        ]
    },
    {
        name: 'NamedCredential',
        keyPrefix: '0XA',
        isSetup: true,
        createable: false,
        fields: [
            field('DeveloperName', 'Text', { length: 80, ...ro }),
            field('MasterLabel', 'Text', { length: 80, ...ro }),
            field('Endpoint', 'Url', { length: 255, ...ro }),
            field('NamespacePrefix', 'Text', { length: 15, ...ro })
        ]
    },
    {
        name: 'OpportunityShare',
        keyPrefix: '00t',
        fields: [
            lookup('OpportunityId', 'Opportunity', { ...req, updateable: false }),
            lookup('UserOrGroupId', ['User', 'Group'], { relationshipName: 'UserOrGroup', ...req, updateable: false }),
            field('OpportunityAccessLevel', 'Picklist', {
                length: 40,
                ...req,
                restrictedPicklist: true,
                picklistValues: picklist(['Read', 'Edit', 'All'])
            }),
            field('RowCause', 'Picklist', { length: 40, defaultValue: { literal: 'Manual' } })
        ]
    },
    {
        name: 'AccountShare',
        keyPrefix: '00r',
        fields: [
            lookup('AccountId', 'Account', { ...req, updateable: false }),
            lookup('UserOrGroupId', ['User', 'Group'], { relationshipName: 'UserOrGroup', ...req, updateable: false }),
            field('AccountAccessLevel', 'Picklist', {
                length: 40,
                ...req,
                picklistValues: picklist(['Read', 'Edit', 'All'])
            }),
            field('OpportunityAccessLevel', 'Picklist', {
                length: 40,
                ...req,
                picklistValues: picklist(['None', 'Read', 'Edit'])
            }),
            field('RowCause', 'Picklist', { length: 40, defaultValue: { literal: 'Manual' } })
        ]
    },
    {
        name: 'Case',
        keyPrefix: '500',
        owned: true,
        fields: [
            field('CaseNumber', 'AutoNumber', { length: 30, ...ro, displayFormat: '{00000000}' }),
            field('Subject', 'Text', { length: 255 }),
            field('Description', 'LongTextArea', { length: 32000 }),
            field('Comments', 'TextArea', { length: 4000 }),
            field('Status', 'Picklist', {
                length: 255,
                picklistValues: picklist(['New', 'Working', 'Escalated', 'Closed'], 'New'),
                defaultValue: 'New'
            }),
            field('Priority', 'Picklist', {
                length: 255,
                picklistValues: picklist(['High', 'Medium', 'Low'], 'Medium'),
                defaultValue: 'Medium'
            }),
            field('Origin', 'Picklist', { length: 255, picklistValues: picklist(['Phone', 'Email', 'Web']) }),
            field('Reason', 'Picklist', { length: 255 }),
            field('Type', 'Picklist', { length: 255 }),
            field('IsClosed', 'Checkbox', ro),
            field('ClosedDate', 'DateTime', ro),
            field('IsEscalated', 'Checkbox'),
            field('SuppliedName', 'Text', { length: 80 }),
            field('SuppliedEmail', 'Email', { length: 80 }),
            field('SuppliedPhone', 'Text', { length: 40 }),
            field('SuppliedCompany', 'Text', { length: 80 }),
            lookup('AccountId', 'Account'),
            lookup('ContactId', 'Contact'),
            lookup('ParentId', 'Case'),
            lookup('RecordTypeId', 'RecordType')
        ]
    },
    {
        name: 'Task',
        keyPrefix: '00T',
        owned: true,
        fields: [
            field('Subject', 'Text', { length: 255 }),
            field('Description', 'LongTextArea', { length: 32000 }),
            field('ActivityDate', 'Date'),
            field('Status', 'Picklist', {
                length: 255,
                picklistValues: picklist(
                    ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
                    'Not Started'
                ),
                defaultValue: 'Not Started'
            }),
            field('Priority', 'Picklist', {
                length: 255,
                picklistValues: picklist(['High', 'Normal', 'Low'], 'Normal'),
                defaultValue: 'Normal'
            }),
            field('Type', 'Picklist', { length: 255 }),
            field('TaskSubtype', 'Picklist', { length: 40, updateable: false }),
            field('IsClosed', 'Checkbox', ro),
            field('IsHighPriority', 'Checkbox', ro),
            lookup('WhatId', ['Account', 'Opportunity', 'Contract', 'Case', 'Campaign', 'Product2'], {
                relationshipName: 'What'
            }),
            lookup('WhoId', ['Contact', 'Lead'], { relationshipName: 'Who' }),
            lookup('AccountId', 'Account', ro),
            lookup('RecordTypeId', 'RecordType')
        ]
    },
    {
        name: 'Campaign',
        keyPrefix: '701',
        owned: true,
        named: 'required',
        fields: [
            field('Name', 'Text', { length: 80, ...req }),
            field('Type', 'Picklist', { length: 255 }),
            field('Status', 'Picklist', { length: 255 }),
            field('StartDate', 'Date'),
            field('EndDate', 'Date'),
            field('IsActive', 'Checkbox'),
            field('BudgetedCost', 'Currency', { precision: 18, scale: 0 }),
            field('ActualCost', 'Currency', { precision: 18, scale: 0 }),
            field('ExpectedRevenue', 'Currency', { precision: 18, scale: 0 }),
            field('ExpectedResponse', 'Percent', { precision: 8, scale: 2 }),
            field('NumberSent', 'Double', { precision: 18, scale: 0 }),
            field('Description', 'LongTextArea', { length: 32000 }),
            lookup('ParentId', 'Campaign')
        ]
    },
    {
        name: 'Lead',
        keyPrefix: '00Q',
        owned: true,
        fields: [
            field('FirstName', 'Text', { length: 40 }),
            field('LastName', 'Text', { length: 80, ...req }),
            field('Name', 'Text', { length: 121, ...ro, calculated: true }),
            field('Company', 'Text', { length: 255, ...req }),
            field('Title', 'Text', { length: 128 }),
            field('Email', 'Email', { length: 80 }),
            field('Phone', 'Phone', { length: 40 }),
            field('Status', 'Picklist', {
                length: 255,
                picklistValues: picklist(
                    ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
                    'Open - Not Contacted'
                ),
                defaultValue: 'Open - Not Contacted'
            }),
            field('LeadSource', 'Picklist', { length: 255 }),
            ...address(''),
            field('Industry', 'Picklist', { length: 255 }),
            field('Rating', 'Picklist', { length: 255, picklistValues: picklist(['Hot', 'Warm', 'Cold']) }),
            field('AnnualRevenue', 'Currency', { precision: 18, scale: 0 }),
            field('NumberOfEmployees', 'Int', { precision: 8 }),
            field('Website', 'Url', { length: 255 }),
            field('Description', 'LongTextArea', { length: 32000 }),
            field('IsConverted', 'Checkbox', ro),
            lookup('ConvertedAccountId', 'Account', ro),
            lookup('ConvertedContactId', 'Contact', ro),
            lookup('ConvertedOpportunityId', 'Opportunity', ro)
        ]
    },
    {
        name: 'PermissionSetGroup',
        keyPrefix: '0PG',
        isSetup: true,
        fields: [
            field('DeveloperName', 'Text', { length: 80, ...req }),
            field('MasterLabel', 'Text', { length: 80, ...req }),
            field('Description', 'TextArea', { length: 255 }),
            field('Status', 'Picklist', { length: 255, ...ro })
        ]
    },
    {
        name: 'EntityDefinition',
        keyPrefix: '4ie',
        isSetup: true,
        createable: false,
        fields: [
            field('QualifiedApiName', 'Text', { length: 250, ...ro }),
            field('DeveloperName', 'Text', { length: 40, ...ro }),
            field('DurableId', 'Text', { length: 70, ...ro }),
            field('Label', 'Text', { length: 40, ...ro }),
            field('MasterLabel', 'Text', { length: 40, ...ro }),
            field('PluralLabel', 'Text', { length: 40, ...ro }),
            field('KeyPrefix', 'Text', { length: 3, ...ro }),
            field('NamespacePrefix', 'Text', { length: 15, ...ro }),
            field('IsCustomizable', 'Checkbox', ro),
            field('IsQueryable', 'Checkbox', ro),
            field('IsCustomSetting', 'Checkbox', ro)
        ]
    },
    {
        name: 'FieldDefinition',
        keyPrefix: '4if',
        isSetup: true,
        createable: false,
        fields: [
            field('QualifiedApiName', 'Text', { length: 250, ...ro }),
            field('DeveloperName', 'Text', { length: 40, ...ro }),
            field('DurableId', 'Text', { length: 70, ...ro }),
            field('Label', 'Text', { length: 40, ...ro }),
            field('MasterLabel', 'Text', { length: 40, ...ro }),
            field('DataType', 'Text', { length: 255, ...ro }),
            field('Length', 'Int', ro),
            field('Precision', 'Int', ro),
            field('Scale', 'Int', ro),
            field('IsNillable', 'Checkbox', ro),
            field('IsCalculated', 'Checkbox', ro),
            field('RelationshipName', 'Text', { length: 255, ...ro }),
            field('NamespacePrefix', 'Text', { length: 15, ...ro }),
            lookup('EntityDefinitionId', 'EntityDefinition', ro)
        ]
    },
    {
        name: 'StaticResource',
        keyPrefix: '081',
        isSetup: true,
        createable: false,
        named: 'readonly',
        fields: [
            field('NamespacePrefix', 'Text', { length: 15, ...ro }),
            field('Body', 'Base64', ro),
            field('BodyLength', 'Int', ro),
            field('ContentType', 'Text', { length: 120, ...ro }),
            field('CacheControl', 'Picklist', { length: 255, ...ro }),
            field('Description', 'TextArea', { length: 255, ...ro })
        ]
    },
    {
        name: 'ObjectPermissions',
        keyPrefix: '110',
        isSetup: true,
        fields: [
            lookup('ParentId', 'PermissionSet', { ...req, updateable: false }),
            field('SobjectType', 'Picklist', { length: 255, ...req, updateable: false }),
            field('PermissionsRead', 'Checkbox'),
            field('PermissionsCreate', 'Checkbox'),
            field('PermissionsEdit', 'Checkbox'),
            field('PermissionsDelete', 'Checkbox'),
            field('PermissionsViewAllRecords', 'Checkbox'),
            field('PermissionsModifyAllRecords', 'Checkbox')
        ]
    },
    {
        name: 'FieldPermissions',
        keyPrefix: '01k',
        isSetup: true,
        fields: [
            lookup('ParentId', 'PermissionSet', { ...req, updateable: false }),
            field('SobjectType', 'Picklist', { length: 255, ...req, updateable: false }),
            field('Field', 'Picklist', { length: 255, ...req, updateable: false }),
            field('PermissionsRead', 'Checkbox'),
            field('PermissionsEdit', 'Checkbox')
        ]
    },
    {
        name: 'ProcessInstance',
        keyPrefix: '04g',
        createable: false,
        fields: [
            lookup('TargetObjectId', ['Opportunity'], { relationshipName: 'TargetObject', ...ro }),
            field('Status', 'Picklist', { length: 40, ...ro })
        ]
    }
];

/** Builds the standard object definitions: system fields, Name and OwnerId where the object has them. */
export function standardObjects(): ObjectDef[] {
    return SPECS.map((spec) => {
        const fields = new Map<string, FieldDef>();
        const add = (f: FieldDef) => fields.set(f.name.toLowerCase(), { ...f, custom: false });
        systemFields().forEach(add);
        if (spec.named === 'required') add(field('Name', 'Text', { length: 255, ...req }));
        else if (spec.named === 'readonly') add(field('Name', 'Text', { length: 255, ...ro }));
        else if (spec.named) add(field('Name', 'Text', { length: 255 }));
        if (spec.owned) add(lookup('OwnerId', 'User', { relationshipName: 'Owner' }));
        spec.fields.forEach(add);
        // a field named like a system lookup's relationship replaces that lookup (FlowDefinitionView.LastModifiedBy)
        for (const [key, f] of fields)
            if (f.relationshipName && fields.get(f.relationshipName.toLowerCase())?.type === 'Text') fields.delete(key);
        return {
            name: spec.name,
            label: spec.label ?? spec.name,
            labelPlural: spec.labelPlural ?? spec.name + 's',
            keyPrefix: spec.keyPrefix,
            custom: false,
            isCustomSetting: false,
            isCustomMetadata: false,
            isSetup: spec.isSetup ?? false,
            queryable: true,
            createable: spec.createable ?? true,
            updateable: spec.createable ?? true,
            deletable: spec.createable ?? true,
            fields,
            childRelationships: [],
            recordTypes: []
        };
    });
}
