/**
 * Seeds the playground: extra items in the emulator's two companies (through its admin API), then the org's
 * records through one anonymous Apex script on the local runtime — ordinary DML, so the package's triggers run.
 */
import type { Emulator } from '../../../qbo-emulator/src';
import type { OrgClient } from '../org/org-client';
import { apexString } from '../org/apex-source';
import {
    ACCOUNTS,
    CA_REALM,
    CONTRACT,
    DATA_MIGRATION_USER,
    FINANCE_APPROVER_USER,
    INTEGRATION_USER,
    SALES_REP_USER,
    EXTRA_QBO_ITEMS,
    OPPORTUNITIES,
    PRODUCTS,
    TAX_CODES,
    US_REALM
} from './seed-data';

/** QuickBooks item id by item name, per realm, after adding the playground's extra items. */
export function seedEmulator(emulator: Emulator): Record<string, Record<string, string>> {
    const itemIds: Record<string, Record<string, string>> = {};
    for (const realm of [US_REALM, CA_REALM]) {
        emulator.admin.seed(realm, {
            items: EXTRA_QBO_ITEMS.map((item) => ({ ...item, IncomeAccountRef: { value: '1' } }))
        });
        const items = (emulator.admin.snapshot(realm).entities.Item ?? []) as { Id: string; Name: string }[];
        itemIds[realm] = Object.fromEntries(items.map((i) => [i.Name, i.Id]));
    }
    return itemIds;
}

function orgSeedSource(itemIds: Record<string, Record<string, string>>): string {
    const out: string[] = [];
    out.push('Map<String, Account> accounts = new Map<String, Account>();');
    for (const a of ACCOUNTS) {
        out.push(
            `accounts.put(${apexString(a.key)}, new Account(Name = ${apexString(a.name)}, BillingCity = ${apexString(a.city)}, BillingCountry = ${apexString(a.country)}));`
        );
    }
    out.push('insert accounts.values();');

    out.push('Map<String, Product2> products = new Map<String, Product2>();');
    for (const p of PRODUCTS) {
        out.push(
            `products.put(${apexString(p.key)}, new Product2(Name = ${apexString(p.name)}, ProductCode = ${apexString(p.code)}, Family = ${apexString(p.family)}, IsActive = true));`
        );
    }
    out.push('insert products.values();');

    out.push('Id standardBook = [SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1].Id;');
    out.push("Pricebook2 partnerBook = new Pricebook2(Name = 'Partner Price Book 2026', IsActive = true);");
    out.push('insert partnerBook;');
    out.push('List<PricebookEntry> standardEntries = new List<PricebookEntry>();');
    out.push('Map<String, PricebookEntry> entries = new Map<String, PricebookEntry>();');
    for (const p of PRODUCTS) {
        for (const [currency, price] of [
            ['USD', p.usd],
            ['CAD', p.cad]
        ] as const) {
            out.push(
                `standardEntries.add(new PricebookEntry(Pricebook2Id = standardBook, Product2Id = products.get(${apexString(p.key)}).Id, UnitPrice = ${price}, CurrencyIsoCode = '${currency}', IsActive = true));`
            );
            out.push(
                `entries.put(${apexString(`${p.key}|${currency}`)}, new PricebookEntry(Pricebook2Id = partnerBook.Id, Product2Id = products.get(${apexString(p.key)}).Id, UnitPrice = ${price}, CurrencyIsoCode = '${currency}', IsActive = true));`
            );
        }
    }
    out.push('insert standardEntries;');
    out.push('insert entries.values();');

    out.push('List<QB_Item_Mapping__c> mappings = new List<QB_Item_Mapping__c>();');
    for (const realm of [US_REALM, CA_REALM]) {
        for (const p of PRODUCTS) {
            if (!p.qboItem) continue;
            const itemId = itemIds[realm][p.qboItem];
            if (!itemId) throw new Error(`The emulator's company ${realm} has no item named ${p.qboItem}`);
            out.push(
                `mappings.add(new QB_Item_Mapping__c(Product__c = products.get(${apexString(p.key)}).Id, Realm_Id__c = '${realm}', QB_Item_Id__c = ${apexString(itemId)}, QB_Item_Name__c = ${apexString(p.qboItem)}, Taxable__c = false, QB_Tax_Code__c = ${apexString(TAX_CODES[realm])}, Mapping_Key__c = '${realm}|' + products.get(${apexString(p.key)}).Id));`
            );
        }
    }
    out.push('insert mappings;');

    out.push('Map<String, Id> recordTypes = new Map<String, Id>();');
    out.push(
        "for (RecordType rt : [SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = 'Opportunity']) { recordTypes.put(rt.DeveloperName, rt.Id); }"
    );
    out.push(`Id rep = [SELECT Id FROM User WHERE Username = ${apexString(SALES_REP_USER.username)}].Id;`);
    out.push('Map<String, Opportunity> opportunities = new Map<String, Opportunity>();');
    for (const o of OPPORTUNITIES) {
        // deals are created open; a deal that was already won is closed after its products are added, as a rep would
        const initialStage = o.stage === 'Closed Won' ? 'Negotiation/Review' : o.stage;
        out.push(
            `opportunities.put(${apexString(o.key)}, new Opportunity(Name = ${apexString(o.name)}, AccountId = accounts.get(${apexString(o.account)}).Id, StageName = ${apexString(initialStage)}, CloseDate = Date.valueOf(${apexString(o.closeDate)}), Pricebook2Id = partnerBook.Id, CurrencyIsoCode = '${o.currency}', RecordTypeId = recordTypes.get(${apexString(o.recordType)})${o.ownedByRep ? ', OwnerId = rep' : ''}));`
        );
    }
    out.push('insert opportunities.values();');
    out.push('List<OpportunityLineItem> lineItems = new List<OpportunityLineItem>();');
    for (const o of OPPORTUNITIES) {
        for (const l of o.lines) {
            const p = PRODUCTS.find((x) => x.key === l.product)!;
            const price = o.currency === 'CAD' ? p.cad : p.usd;
            out.push(
                `lineItems.add(new OpportunityLineItem(OpportunityId = opportunities.get(${apexString(o.key)}).Id, PricebookEntryId = entries.get(${apexString(`${p.key}|${o.currency}`)}).Id, Quantity = ${l.quantity}, UnitPrice = ${price}${l.discount ? `, Discount = ${l.discount}` : ''}));`
            );
        }
    }
    out.push('insert lineItems;');

    out.push(
        `Contract contract = new Contract(AccountId = accounts.get(${apexString(CONTRACT.account)}).Id, StartDate = Date.valueOf(${apexString(CONTRACT.startDate)}), ContractTerm = ${CONTRACT.termMonths}, Status = 'Draft', QB_Billing_Frequency__c = ${apexString(CONTRACT.billingFrequency)}, QB_Next_Invoice_Date__c = Date.valueOf(${apexString(CONTRACT.nextInvoiceDate)}));`
    );
    out.push('insert contract;');
    out.push('List<QB_Contract_Line__c> contractLines = new List<QB_Contract_Line__c>();');
    for (const l of CONTRACT.lines) {
        out.push(
            `contractLines.add(new QB_Contract_Line__c(Contract__c = contract.Id, Product__c = products.get(${apexString(l.product)}).Id, Quantity__c = ${l.quantity}, Unit_Price__c = ${l.unitPrice}, Description__c = ${apexString(l.description)}));`
        );
    }
    out.push('insert contractLines;');
    return out.join('\n');
}

/**
 * A user with permission sets (setup objects: a transaction of their own, as the platform requires); System
 * Administrator unless a profile is given.
 */
function userSource(u: typeof DATA_MIGRATION_USER & { profile?: string }): string {
    return [
        `Profile profile = [SELECT Id FROM Profile WHERE Name = ${apexString(u.profile ?? 'System Administrator')} LIMIT 1];`,
        `User seeded = new User(Username = ${apexString(u.username)}, FirstName = ${apexString(u.firstName)}, LastName = ${apexString(u.lastName)}, Email = ${apexString(u.username)}, Alias = ${apexString(u.alias)}, ProfileId = profile.Id, TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');`,
        'insert seeded;',
        'List<PermissionSetAssignment> grants = new List<PermissionSetAssignment>();',
        `for (PermissionSet ps : [SELECT Id FROM PermissionSet WHERE Name IN (${u.permissionSets.map(apexString).join(', ')})]) {`,
        '    grants.add(new PermissionSetAssignment(AssigneeId = seeded.Id, PermissionSetId = ps.Id));',
        '}',
        'insert grants;'
    ].join('\n');
}

/** Deals recorded as won by the data migration: an ordinary update, made by the user who bypasses auto-sync. */
function wonByMigrationSource(): string {
    const names = OPPORTUNITIES.filter((o) => o.stage === 'Closed Won').map((o) => apexString(o.name));
    return [
        `List<Opportunity> won = [SELECT Id FROM Opportunity WHERE Name IN (${names.join(', ')})];`,
        "for (Opportunity o : won) { o.StageName = 'Closed Won'; }",
        'update won;'
    ].join('\n');
}

/** Seeds both sides; the org script is one transaction, so a failure leaves nothing half-seeded in the org. */
export async function seedPlayground(emulator: Emulator, org: OrgClient): Promise<void> {
    const itemIds = seedEmulator(emulator);
    await org.exec(userSource(DATA_MIGRATION_USER));
    await org.exec(userSource(FINANCE_APPROVER_USER));
    await org.exec(userSource(INTEGRATION_USER));
    await org.exec(userSource(SALES_REP_USER));
    await org.exec(orgSeedSource(itemIds));
    if (OPPORTUNITIES.some((o) => o.stage === 'Closed Won'))
        await org.exec(wonByMigrationSource(), DATA_MIGRATION_USER.username);
}
