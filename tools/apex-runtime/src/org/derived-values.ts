/**
 * Values the platform derives on save: Opportunity stage facts, line-item prices and the Opportunity
 * Amount roll-up, price book rules, Contract end dates, compound names, Salesforce Files records.
 */
import { ApexBlob, ApexDate, Decimal } from '../values';
import type { DmlRowError } from './errors';
import type { OrgContext } from './org-context';
import type { SObject } from './sobject';
import type { ObjectDef } from './schema';
import { STANDARD_STAGES } from './standard-objects';
import { toDecimal, valuesEqual } from './values';

const HUNDRED = Decimal.fromInt(100);

function fail(w: { errors: DmlRowError[] }, statusCode: string, message: string, fields: string[] = []): void {
    w.errors.push({ index: 0, statusCode, message, fields });
}

export class DerivedValues {
    constructor(private org: OrgContext) {}

    stages() {
        return this.org.config.opportunityStages ?? STANDARD_STAGES;
    }

    beforeSave(rec: SObject, old: SObject | null, op: 'insert' | 'update', w: { errors: DmlRowError[] }): void {
        switch (rec.def.name) {
            case 'Opportunity':
                return this.opportunity(rec, old);
            case 'OpportunityLineItem':
                return this.lineItem(rec, old, op, w);
            case 'PricebookEntry':
                return this.pricebookEntry(rec, op, w);
            case 'Contract':
                return this.contract(rec);
            case 'Contact':
            case 'User':
                rec.setRaw('Name', [rec.get('FirstName'), rec.get('LastName')].filter((x) => x).join(' '));
                return;
            case 'ContentVersion':
                return this.contentVersion(rec, op);
        }
    }

    private opportunity(rec: SObject, old: SObject | null): void {
        const stageName = rec.get('StageName') as string | null;
        const stage = this.stages().find((s) => s.value === stageName);
        if (stage) {
            rec.setRaw('IsClosed', stage.closed);
            rec.setRaw('IsWon', stage.won);
            const forecast = stage.won ? 'Closed' : stage.closed ? 'Omitted' : 'Pipeline';
            rec.setRaw('ForecastCategory', forecast);
            if (!rec.isSet('ForecastCategoryName') || (old && old.get('StageName') !== stageName))
                rec.setRaw('ForecastCategoryName', forecast);
            const stageChanged = !old || old.get('StageName') !== stageName;
            const probabilityChanged = old
                ? !valuesEqual(old.get('Probability'), rec.get('Probability'))
                : rec.get('Probability') !== null;
            if (stageChanged && !probabilityChanged) rec.setRaw('Probability', Decimal.fromInt(stage.probability));
        }
        const lines = this.activeLines(rec.id);
        if (rec.id && lines.length) {
            rec.setRaw('Amount', sumOf(lines.map((l) => l.get('TotalPrice'))));
            rec.setRaw('TotalOpportunityQuantity', sumOf(lines.map((l) => l.get('Quantity'))));
        }
        rec.setRaw('HasOpportunityLineItem', lines.length > 0);
        const amount = toDecimal(rec.get('Amount'));
        const probability = toDecimal(rec.get('Probability'));
        rec.setRaw(
            'ExpectedRevenue',
            amount && probability ? amount.multiply(probability).divideToScale(HUNDRED, 2) : null
        );
        const close = rec.get('CloseDate');
        if (close instanceof ApexDate) {
            const start = this.org.config.fiscalYearStartMonth;
            const fy = start === 1 || close.month() < start ? close.year() : close.year() + 1;
            const monthIndex = (close.month() - start + 12) % 12;
            rec.setRaw('FiscalYear', fy);
            rec.setRaw('FiscalQuarter', Math.floor(monthIndex / 3) + 1);
            rec.setRaw('Fiscal', `${fy} ${Math.floor(monthIndex / 3) + 1}`);
        }
    }

    private activeLines(opportunityId: string | null): SObject[] {
        if (!opportunityId) return [];
        return this.org.db
            .rows('OpportunityLineItem')
            .filter((r) => !r.deleted && r.slots.get('opportunityid')?.value === opportunityId)
            .map((r) => this.org.toSObject(r));
    }

    private lineItem(rec: SObject, old: SObject | null, op: 'insert' | 'update', w: { errors: DmlRowError[] }): void {
        const db = this.org.db;
        const opp = db.get(rec.get('OpportunityId') as string);
        if (op === 'insert') {
            let pbe = db.get(rec.get('PricebookEntryId') as string);
            const oppPricebook = opp?.slots.get('pricebook2id')?.value as string | undefined;
            if (!pbe && rec.get('Product2Id')) {
                const pricebook = oppPricebook;
                if (!pricebook) {
                    return fail(
                        w,
                        'FIELD_INTEGRITY_EXCEPTION',
                        'field integrity exception: PricebookEntryId (pricebook entry is required when the opportunity has no price book)',
                        ['PricebookEntryId']
                    );
                }
                pbe =
                    db
                        .rows('PricebookEntry')
                        .find(
                            (r) =>
                                !r.deleted &&
                                r.slots.get('pricebook2id')?.value === pricebook &&
                                r.slots.get('product2id')?.value === rec.get('Product2Id')
                        ) ?? null;
            }
            if (!pbe)
                return fail(w, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [PricebookEntryId]', [
                    'PricebookEntryId'
                ]);
            if (pbe.slots.get('isactive')?.value !== true) {
                return fail(
                    w,
                    'FIELD_INTEGRITY_EXCEPTION',
                    'field integrity exception: PricebookEntryId (pricebook entry is inactive)',
                    ['PricebookEntryId']
                );
            }
            const pbePricebook = pbe.slots.get('pricebook2id')?.value as string;
            if (oppPricebook && oppPricebook !== pbePricebook) {
                return fail(
                    w,
                    'FIELD_INTEGRITY_EXCEPTION',
                    'field integrity exception: PricebookEntryId (pricebook entry is in a different pricebook than the one assigned to the opportunity)',
                    ['PricebookEntryId']
                );
            }
            rec.setRaw('PricebookEntryId', pbe.id);
            rec.setRaw('Product2Id', pbe.slots.get('product2id')?.value ?? null);
            rec.setRaw('ListPrice', pbe.slots.get('unitprice')?.value ?? null);
            const product = db.get(pbe.slots.get('product2id')?.value as string);
            rec.setRaw('ProductCode', product?.slots.get('productcode')?.value ?? null);
            rec.setRaw(
                'Name',
                `${opp?.slots.get('name')?.value ?? ''} ${product?.slots.get('name')?.value ?? ''}`.trim()
            );
            if (
                rec.isSet('UnitPrice') &&
                rec.get('UnitPrice') !== null &&
                rec.isSet('TotalPrice') &&
                rec.get('TotalPrice') !== null
            ) {
                return fail(
                    w,
                    'FIELD_INTEGRITY_EXCEPTION',
                    'field integrity exception: TotalPrice (only one of unit price or total price may be specified)',
                    ['TotalPrice']
                );
            }
        }
        const quantity = toDecimal(rec.get('Quantity'));
        if (!quantity) return;
        if (quantity.signum() === 0)
            return fail(
                w,
                'FIELD_INTEGRITY_EXCEPTION',
                'field integrity exception: Quantity (quantity must be non-zero)',
                ['Quantity']
            );
        const totalGiven = toDecimal(rec.get('TotalPrice'));
        const unitChanged = !old || !valuesEqual(old.get('UnitPrice'), rec.get('UnitPrice'));
        const totalChanged = old ? !valuesEqual(old.get('TotalPrice'), rec.get('TotalPrice')) : totalGiven !== null;
        let unit = toDecimal(rec.get('UnitPrice'));
        if (totalGiven && totalChanged && (!unitChanged || unit === null)) {
            unit = totalGiven.divideToScale(quantity, 2);
            rec.setRaw('UnitPrice', unit);
        }
        if (unit === null)
            return fail(
                w,
                'FIELD_INTEGRITY_EXCEPTION',
                'field integrity exception: unknown (must specify either UnitPrice or TotalPrice)',
                ['UnitPrice']
            );
        const subtotal = quantity.multiply(unit).setScale(2, 'HALF_UP');
        rec.setRaw('Subtotal', subtotal);
        const discount = toDecimal(rec.get('Discount'));
        const total = discount ? subtotal.multiply(HUNDRED.subtract(discount)).divideToScale(HUNDRED, 2) : subtotal;
        rec.setRaw('TotalPrice', totalGiven && totalChanged && !discount ? totalGiven.setScale(2, 'HALF_UP') : total);
    }

    private pricebookEntry(rec: SObject, op: 'insert' | 'update', w: { errors: DmlRowError[] }): void {
        if (op !== 'insert') return;
        const db = this.org.db;
        const pricebook = db.get(rec.get('Pricebook2Id') as string);
        const productId = rec.get('Product2Id');
        const currency = rec.hasField('CurrencyIsoCode') ? rec.get('CurrencyIsoCode') : null;
        const sameCurrency = (r: { slots: ReadonlyMap<string, { value: unknown }> }) =>
            !currency || r.slots.get('currencyisocode')?.value === currency;
        const entries = db
            .rows('PricebookEntry')
            .filter((r) => !r.deleted && r.slots.get('product2id')?.value === productId && sameCurrency(r));
        if (pricebook && pricebook.slots.get('isstandard')?.value !== true) {
            const standardId = this.org.standardPricebookId();
            if (!entries.some((r) => r.slots.get('pricebook2id')?.value === standardId)) {
                return fail(w, 'STANDARD_PRICE_NOT_DEFINED', 'No standard price defined for this product');
            }
        }
        if (entries.some((r) => r.slots.get('pricebook2id')?.value === rec.get('Pricebook2Id'))) {
            return fail(w, 'DUPLICATE_VALUE', 'This price definition already exists in this price book');
        }
        const product = db.get(productId as string);
        rec.setRaw('Name', product?.slots.get('name')?.value ?? null);
        rec.setRaw('ProductCode', product?.slots.get('productcode')?.value ?? null);
    }

    private contract(rec: SObject): void {
        const start = rec.get('StartDate');
        const term = rec.get('ContractTerm');
        rec.setRaw(
            'EndDate',
            start instanceof ApexDate && typeof term === 'number' ? start.addMonths(term).addDays(-1) : null
        );
        rec.setRaw('StatusCode', rec.get('Status') === 'Activated' ? 'Activated' : 'Draft');
    }

    private contentVersion(rec: SObject, op: 'insert' | 'update'): void {
        if (op !== 'insert') return;
        const data = rec.get('VersionData');
        const pathOnClient = String(rec.get('PathOnClient') ?? '');
        const ext = pathOnClient.includes('.')
            ? pathOnClient.substring(pathOnClient.lastIndexOf('.') + 1).toLowerCase()
            : '';
        rec.setRaw('ContentSize', data instanceof ApexBlob ? data.size() : 0);
        rec.setRaw('FileExtension', ext || null);
        rec.setRaw('FileType', fileType(ext));
        rec.setRaw('IsLatest', true);
        rec.setRaw('VersionNumber', '1');
        if (!rec.get('Title')) rec.setRaw('Title', pathOnClient.replace(/\.[^.]*$/, ''));
    }

    afterSave(rec: SObject, old: SObject | null, op: 'insert' | 'update'): void {
        if (rec.def.name !== 'ContentVersion' || op !== 'insert' || rec.get('ContentDocumentId')) return;
        const org = this.org;
        const docDef = org.schema.getObject('ContentDocument')!;
        const docId = org.ids.next(docDef.keyPrefix);
        const doc = org.newSObject('ContentDocument');
        doc.setRaw('Id', docId);
        for (const f of ['Title', 'FileType', 'FileExtension', 'ContentSize']) doc.setRaw(f, rec.get(f));
        doc.setRaw('LatestPublishedVersionId', rec.id);
        doc.setRaw('OwnerId', org.runningUserId);
        org.storeSystemRecord(doc);
        const stored = org.db.get(rec.id)!;
        const slots = new Map(stored.slots);
        slots.set('contentdocumentid', { name: 'ContentDocumentId', value: docId });
        org.db.put({ ...stored, slots });
        rec.setRaw('ContentDocumentId', docId);
        const location = rec.get('FirstPublishLocationId') as string | null;
        const link = org.newSObject('ContentDocumentLink');
        link.setRaw('Id', org.ids.next(org.schema.getObject('ContentDocumentLink')!.keyPrefix));
        link.setRaw('ContentDocumentId', docId);
        link.setRaw('LinkedEntityId', location ?? org.runningUserId);
        link.setRaw('ShareType', location ? 'V' : 'I');
        link.setRaw('Visibility', 'AllUsers');
        org.storeSystemRecord(link);
        void old;
    }

    /** Line items roll their totals up to the Opportunity, which saves (and fires its triggers) again. */
    rollups(def: ObjectDef, items: { current: SObject; old: SObject | null }[], op: string): void {
        if (def.name !== 'OpportunityLineItem' || !items.length) return;
        const ids = new Set<string>();
        for (const i of items) {
            const id = (i.current.get('OpportunityId') ?? i.old?.get('OpportunityId')) as string | null;
            if (id) ids.add(id);
        }
        const opps = [...ids].map((id) => this.org.db.get(id)).filter((r) => r && !r.deleted);
        const updates: SObject[] = [];
        for (const row of opps) {
            const lines = this.activeLines(row!.id);
            const amount = lines.length
                ? sumOf(lines.map((l) => l.get('TotalPrice')))
                : op === 'delete'
                  ? null
                  : row!.slots.get('amount')?.value;
            const rec = this.org.newSObject('Opportunity');
            rec.setRaw('Id', row!.id);
            rec.setRaw('Amount', amount ?? null);
            if (!row!.slots.get('pricebook2id')?.value && items[0].current.get('PricebookEntryId')) {
                const pbe = this.org.db.get(items[0].current.get('PricebookEntryId') as string);
                rec.setRaw('Pricebook2Id', pbe?.slots.get('pricebook2id')?.value ?? null);
            }
            updates.push(rec);
        }
        if (updates.length) this.org.dml('update', updates, { allOrNone: true, countLimits: false });
    }
}

function sumOf(values: unknown[]): Decimal {
    return values.reduce((s: Decimal, v) => s.add(toDecimal(v) ?? Decimal.ZERO), Decimal.ZERO) as Decimal;
}

function fileType(ext: string): string {
    const map: Record<string, string> = {
        pdf: 'PDF',
        png: 'PNG',
        jpg: 'JPG',
        jpeg: 'JPG',
        txt: 'TEXT',
        csv: 'CSV',
        docx: 'WORD_X',
        xlsx: 'EXCEL_X'
    };
    return map[ext] ?? 'UNKNOWN';
}
