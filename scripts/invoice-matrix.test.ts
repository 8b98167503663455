/**
 * The package's invoices across company locales, end to end: the sync engine runs on the local Apex runtime against
 * the QuickBooks emulator (in a child process, as the engine benchmark and the LWC fixture generator run it), for US
 * companies with and without automated sales tax (taxed at the company address, or for the buyer's ship-to state at
 * each of its jurisdictions), Canada, the United Kingdom (net and VAT-inclusive prices) and
 * Australia × home/foreign currency × a discounted line × a shipping line × a fallback line. Every deal must become
 * one invoice whose subtotal, tax and total match the arithmetic the docs give (docs/sync-engine.md, "Tax codes" and
 * "Which Salesforce amount is which QuickBooks figure") to the cent, and the Opportunity must show the same figures.
 */
import { join } from 'node:path';
import { Runtime, runAnonymous } from '../tools/apex-runtime/src';
import { customMetadata, emulatorOrgConfig, packageProject, TEST_CREDENTIAL, type Json } from './engine-on-emulator';
import { emulatorTestbed } from './emulator-testbed';

const RESULT = 'MATRIX ';
/** Home units per unit of the foreign currency: the org's rates are home 1, foreign 0.8. */
const EXCHANGE_RATE = 1.25;

interface Locale {
    name: string;
    realmId: string;
    country: string;
    automatedSalesTax?: boolean;
    home: string;
    foreign: string;
    /** the mapping's tax code for the products, and the company's default code (shipping, fallback line) */
    productTaxCode: string;
    defaultTaxCode: string;
    /** the percentages each tax code taxes at, one per TaxRate (a US company on automated tax: its jurisdictions) */
    rates: Record<string, number[]>;
    /** the buyer's shipping state, and the jurisdictions the company collects for per state (automated sales tax) */
    shipToState?: string;
    automatedSalesTaxRates?: Record<string, { name: string; percent: number }[]>;
    pricesIncludeTax?: boolean;
    /** CurrencyType.DecimalPlaces of the foreign currency when it is not 2 (JPY 0, KWD 3) */
    foreignDecimals?: number;
}

const LOCALES: Locale[] = [
    {
        name: 'US, automated sales tax',
        realmId: '9130350000000101',
        country: 'US',
        home: 'USD',
        foreign: 'EUR',
        productTaxCode: 'TAX',
        defaultTaxCode: '',
        rates: { TAX: [8], NON: [] }
    },
    {
        // Taxed for the ship-to state at each of its jurisdictions: New York City's state 4 %, city 4.5 % and MCTD
        // 0.375 %, one TaxLine each (the company address's state, 8 %, would apply without a shipping state).
        name: 'US, automated sales tax, shipped to New York City',
        realmId: '9130350000000107',
        country: 'US',
        home: 'USD',
        foreign: 'EUR',
        productTaxCode: 'TAX',
        defaultTaxCode: '',
        rates: { TAX: [4, 4.5, 0.375], NON: [] },
        shipToState: 'NY',
        automatedSalesTaxRates: {
            NY: [
                { name: 'New York State', percent: 4 },
                { name: 'New York City', percent: 4.5 },
                { name: 'MCTD', percent: 0.375 }
            ]
        }
    },
    {
        name: 'US, no automated sales tax',
        realmId: '9130350000000102',
        country: 'US',
        automatedSalesTax: false,
        home: 'USD',
        foreign: 'JPY',
        foreignDecimals: 0,
        productTaxCode: 'TAX',
        defaultTaxCode: '2',
        rates: { TAX: [8], NON: [] }
    },
    {
        name: 'Canada',
        realmId: '9130350000000103',
        country: 'CA',
        home: 'CAD',
        foreign: 'USD',
        productTaxCode: '5',
        defaultTaxCode: '7',
        rates: { '5': [13], '7': [5] }
    },
    {
        name: 'United Kingdom',
        realmId: '9130350000000104',
        country: 'GB',
        home: 'GBP',
        foreign: 'EUR',
        productTaxCode: '2',
        defaultTaxCode: '4',
        rates: { '2': [20], '4': [5] }
    },
    {
        name: 'United Kingdom, prices include VAT',
        realmId: '9130350000000105',
        country: 'GB',
        home: 'GBP',
        foreign: 'EUR',
        productTaxCode: '2',
        defaultTaxCode: '4',
        rates: { '2': [20], '4': [5] },
        pricesIncludeTax: true
    },
    {
        name: 'Australia',
        realmId: '9130350000000106',
        country: 'AU',
        home: 'AUD',
        // a 3-decimal currency: Salesforce's TotalPrices are to the cent, as QuickBooks keeps amounts
        foreign: 'KWD',
        foreignDecimals: 3,
        productTaxCode: '10',
        defaultTaxCode: '12',
        rates: { '10': [10], '12': [0] }
    }
];

interface Variant {
    foreign: boolean;
    discount: boolean;
    shipping: boolean;
    fallback: boolean;
}

const VARIANTS: Variant[] = [];
for (const foreign of [false, true])
    for (const discount of [false, true])
        for (const shipping of [false, true])
            for (const fallback of [false, true]) VARIANTS.push({ foreign, discount, shipping, fallback });

interface DealLine {
    product: 'Widget' | 'Toolkit' | 'Shipping' | 'Gadget';
    quantity: number;
    unitPrice: number;
    discount: number | null;
}

function dealLines(variant: Variant): DealLine[] {
    const lines: DealLine[] = [
        { product: 'Widget', quantity: 10, unitPrice: 19.99, discount: variant.discount ? 15 : null },
        { product: 'Toolkit', quantity: 2.5, unitPrice: 39.95, discount: variant.discount ? 5 : null }
    ];
    if (variant.shipping) lines.push({ product: 'Shipping', quantity: 1, unitPrice: 12.5, discount: null });
    if (variant.fallback) lines.push({ product: 'Gadget', quantity: 1, unitPrice: 40, discount: null });
    return lines;
}

const cents = (value: number) => Math.round(Number((value * 100).toPrecision(12))) / 100;

/** Salesforce's TotalPrice: Quantity × Sales Price to the cent, less the Discount %, to the cent. */
function totalPrice(line: DealLine): number {
    const subtotal = cents(line.quantity * line.unitPrice);
    return line.discount === null ? subtotal : cents((subtotal * (100 - line.discount)) / 100);
}

interface Figures {
    subtotal: number;
    tax: number;
    total: number;
}

/**
 * Line amounts in a currency without cents (JPY): each TotalPrice rounded to the unit, then the lines whose rounding
 * moved them furthest the other way take one unit each until they add up to the Amount rounded to the unit.
 */
function wholeUnits(amounts: number[]): number[] {
    const rounded = amounts.map((amount) => Math.round(amount));
    let gap = Math.round(amounts.reduce((sum, amount) => sum + amount, 0)) - rounded.reduce((sum, a) => sum + a, 0);
    while (gap !== 0) {
        const step = Math.sign(gap);
        let pick = 0;
        for (let i = 1; i < amounts.length; i++) {
            if ((amounts[i] - rounded[i]) * step > (amounts[pick] - rounded[pick]) * step) pick = i;
        }
        rounded[pick] += step;
        gap -= step;
    }
    return rounded;
}

/**
 * The documented arithmetic: each line is its TotalPrice under its tax code (the mapping's for products, the
 * company's default for shipping and fallback lines; NON for those in the US). Net prices: tax per rate on the sum of
 * that rate's lines, to the cent, added on top. Prices including tax: each line's net amount is TotalPrice / (1 +
 * rate) to the cent, tax per rate on the net sums, total = net sum + tax.
 */
function expectedFigures(locale: Locale, variant: Variant): Figures & { amount: number } {
    const baseByRate = new Map<number, number>();
    let subtotal = 0;
    let amount = 0;
    const lines = dealLines(variant);
    const salesforceTotals = lines.map(totalPrice);
    const invoiced = variant.foreign && locale.foreignDecimals === 0 ? wholeUnits(salesforceTotals) : salesforceTotals;
    for (const [i, line] of lines.entries()) {
        const mapped = line.product === 'Widget' || line.product === 'Toolkit';
        const code = mapped ? locale.productTaxCode : locale.country === 'US' ? 'NON' : locale.defaultTaxCode;
        const rates = locale.rates[code];
        const gross = invoiced[i];
        const ratesSum = rates.reduce((sum, rate) => sum + rate, 0);
        const net = locale.pricesIncludeTax ? cents(gross / (1 + ratesSum / 100)) : gross;
        amount = cents(amount + salesforceTotals[i]);
        subtotal = cents(subtotal + net);
        for (const rate of rates) baseByRate.set(rate, cents((baseByRate.get(rate) ?? 0) + net));
    }
    let tax = 0;
    for (const [rate, base] of baseByRate) tax = cents(tax + cents((base * rate) / 100));
    return { amount, subtotal, tax, total: cents(subtotal + tax) };
}

function companyMetadata(locale: Locale): string {
    const values: Record<string, string | boolean> = {
        Active__c: true,
        Allow_From_Sandbox__c: true,
        Country__c: locale.country,
        Custom_Doc_Numbers__c: false,
        Default_Item_Id__c: '1',
        Default_Tax_Code_Id__c: locale.defaultTaxCode,
        Default_Term_Id__c: '3',
        Environment__c: 'Sandbox',
        Fallback_Item_Id__c: '3',
        Home_Currency__c: locale.home,
        Is_Default__c: true,
        Named_Credential__c: TEST_CREDENTIAL,
        Prices_Include_Tax__c: locale.pricesIncludeTax === true,
        Realm_Id__c: locale.realmId,
        Shipping_Item_Id__c: 'SHIPPING_ITEM_ID',
        Shipping_Product_Code__c: 'SHIP'
    };
    return customMetadata('Matrix company', values);
}

function settingsMetadata(): string {
    return customMetadata('Default', {
        Approval_Threshold__c: 1000000,
        Auto_Sync_Enabled__c: true,
        Email_On_Create__c: false,
        Fiscal_Period_Filter__c: 'None',
        Log_Retention_Days__c: 90,
        Max_Attempts__c: 5
    });
}

/** A project whose package is this repository's force-app and whose only configuration is the locale's company. */
function localeProject(workDir: string, locale: Locale): string {
    return packageProject(join(workDir, locale.realmId), 'matrix', {
        'QB_Company.Matrix.md-meta.xml': companyMetadata(locale),
        'QB_Sync_Setting.Default.md-meta.xml': settingsMetadata()
    });
}

function orgConfig(workDir: string, locale: Locale, emulatorUrl: string): string {
    return emulatorOrgConfig(join(workDir, `${locale.realmId}.json`), emulatorUrl, locale.realmId, {
        organizationId: `00D0000000${locale.realmId.slice(-3)}AAA`,
        corporateCurrency: locale.home,
        multiCurrency: true,
        currencies: [
            { isoCode: locale.home, conversionRate: 1 },
            {
                isoCode: locale.foreign,
                conversionRate: 1 / EXCHANGE_RATE,
                ...(locale.foreignDecimals === undefined ? {} : { decimalPlaces: locale.foreignDecimals })
            }
        ]
    });
}

function apexString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Products, mappings and one deal per variant, all won in one update (auto-sync invoices them). */
function winDealsApex(locale: Locale): string {
    const deals = VARIANTS.map((variant, i) => {
        const currency = variant.foreign ? locale.foreign : locale.home;
        const lines = dealLines(variant)
            .map(
                (line) =>
                    `lines.add(lineOf(entryIds, deals[${i}], '${line.product}', '${currency}', ${line.quantity}, ${line.unitPrice}, ${line.discount ?? 'null'}));`
            )
            .join('\n');
        return { currency, lines };
    });
    return `
Id standardBook = [SELECT Id FROM Pricebook2 WHERE IsStandard = true].Id;
Map<String, Product2> products = new Map<String, Product2>();
for (String name : new List<String>{ 'Widget', 'Toolkit', 'Shipping', 'Gadget' }) {
    products.put(name, new Product2(Name = name, ProductCode = name == 'Shipping' ? 'SHIP' : name.toUpperCase(), IsActive = true));
}
insert products.values();
List<PricebookEntry> entries = new List<PricebookEntry>();
for (Product2 product : products.values()) {
    for (String currencyCode : new List<String>{ '${locale.home}', '${locale.foreign}' }) {
        PricebookEntry entry = new PricebookEntry(Pricebook2Id = standardBook, Product2Id = product.Id, UnitPrice = 1, IsActive = true);
        entry.put('CurrencyIsoCode', currencyCode);
        entries.add(entry);
    }
}
insert entries;
List<QB_Item_Mapping__c> mappings = new List<QB_Item_Mapping__c>();
for (String name : new List<String>{ 'Widget', 'Toolkit' }) {
    Id productId = products.get(name).Id;
    mappings.add(new QB_Item_Mapping__c(Product__c = productId, Realm_Id__c = '${locale.realmId}', QB_Item_Id__c = '2',
        QB_Item_Name__c = 'Consulting', Taxable__c = true, QB_Tax_Code__c = ${apexString(locale.productTaxCode)},
        Mapping_Key__c = QBItemMappingWriter.mappingKey('${locale.realmId}', productId)));
}
insert mappings;
Account buyer = new Account(Name = 'Matrix Buyer Ltd', BillingCity = 'Springfield'${
        locale.shipToState ? `, ShippingCity = 'New York', ShippingState = '${locale.shipToState}'` : ''
    });
insert buyer;
List<Opportunity> deals = new List<Opportunity>();
${deals
    .map(
        (
            deal,
            i
        ) => `Opportunity deal${i} = new Opportunity(Name = 'Matrix deal ${i}', AccountId = buyer.Id, StageName = 'Prospecting',
    CloseDate = Date.today(), Pricebook2Id = standardBook);
deal${i}.put('CurrencyIsoCode', '${deal.currency}');
deals.add(deal${i});`
    )
    .join('\n')}
insert deals;
Map<String, Id> entryIds = new Map<String, Id>();
for (PricebookEntry entry : [SELECT Id, Product2.Name, CurrencyIsoCode FROM PricebookEntry]) {
    entryIds.put(entry.Product2.Name + '|' + (String) entry.get('CurrencyIsoCode'), entry.Id);
}
List<OpportunityLineItem> lines = new List<OpportunityLineItem>();
${deals.map((deal) => deal.lines).join('\n')}
insert lines;
for (Opportunity deal : deals) {
    deal.StageName = 'Closed Won';
}
update deals;

OpportunityLineItem lineOf(Map<String, Id> entryIds, Opportunity deal, String product, String currencyCode, Decimal quantity, Decimal unitPrice, Decimal discount) {
    return new OpportunityLineItem(OpportunityId = deal.Id, PricebookEntryId = entryIds.get(product + '|' + currencyCode),
        Quantity = quantity, UnitPrice = unitPrice, Discount = discount);
}
`;
}

const REPORT_APEX = `
for (Opportunity deal : [SELECT Name, Amount, QB_Sync_Status__c, QB_Last_Error__c, QB_Invoice_Id__c, QB_Invoice_Subtotal__c,
        QB_Invoice_Tax__c, QB_Invoice_Total__c, QB_Invoice_Balance__c FROM Opportunity WHERE Name LIKE 'Matrix deal %']) {
    System.debug('${RESULT}' + JSON.serialize(deal));
}
`;

interface OpportunityRow {
    Name: string;
    Amount: number;
    QB_Sync_Status__c: string;
    QB_Last_Error__c?: string;
    QB_Invoice_Id__c?: string;
    QB_Invoice_Subtotal__c?: number;
    QB_Invoice_Tax__c?: number;
    QB_Invoice_Total__c?: number;
    QB_Invoice_Balance__c?: number;
}

const bed = emulatorTestbed('invoice-matrix');

describe.each(LOCALES)('$name', (locale) => {
    it('invoices every deal once with the documented subtotal, tax and total, and shows them on the Opportunity', async () => {
        await bed.emulator.admin('POST', '/__admin/realms', {
            realmId: locale.realmId,
            country: locale.country,
            homeCurrency: locale.home,
            multiCurrency: true,
            ...(locale.automatedSalesTax === false ? { automatedSalesTax: false } : {}),
            ...(locale.automatedSalesTaxRates ? { automatedSalesTaxRates: locale.automatedSalesTaxRates } : {})
        });
        const runtime = new Runtime({
            projectDir: localeProject(bed.workDir, locale),
            configFile: orgConfig(bed.workDir, locale, bed.emulator.url)
        });
        await runtime.load();
        const output: string[] = [];
        runtime.setOutput((line) => output.push(line));
        for (const source of [winDealsApex(locale), REPORT_APEX]) {
            const result = runAnonymous(runtime, source, 'invoice-matrix.apex');
            const failure = result.error ?? result.asyncErrors[0];
            if (failure) throw new Error(`${failure}${result.where ? `\n    at ${result.where}` : ''}`);
        }
        const opportunities = output
            .filter((line) => line.includes(RESULT))
            .map((line) => JSON.parse(line.slice(line.indexOf(RESULT) + RESULT.length)) as OpportunityRow);
        const invoices: Json[] =
            (await bed.emulator.admin('GET', `/__admin/realms/${locale.realmId}/state`)).entities.Invoice ?? [];

        expect(opportunities).toHaveLength(VARIANTS.length);
        VARIANTS.forEach((variant, i) => {
            const deal = opportunities.find((o) => o.Name === `Matrix deal ${i}`)!;
            const label = `${deal.Name} ${JSON.stringify(variant)}: ${deal.QB_Last_Error__c ?? ''}`;
            const expected = expectedFigures(locale, variant);
            expect([label, deal.QB_Sync_Status__c]).toEqual([label, 'Synced']);
            expect(deal.Amount).toBe(expected.amount);
            const invoice = invoices.find((inv) => inv.Id === deal.QB_Invoice_Id__c)!;
            const subtotalLine = invoice.Line.find((l: Json) => l.DetailType === 'SubTotalLineDetail');
            expect([label, subtotalLine.Amount, invoice.TxnTaxDetail.TotalTax, invoice.TotalAmt]).toEqual([
                label,
                expected.subtotal,
                expected.tax,
                expected.total
            ]);
            expect(invoice.CurrencyRef.value).toBe(variant.foreign ? locale.foreign : locale.home);
            if (variant.foreign) {
                expect(invoice.ExchangeRate).toBe(EXCHANGE_RATE);
                expect(invoice.HomeTotalAmt).toBe(cents(expected.total * EXCHANGE_RATE));
            } else {
                expect(invoice.HomeTotalAmt).toBeUndefined();
            }
            expect([
                label,
                deal.QB_Invoice_Subtotal__c,
                deal.QB_Invoice_Tax__c,
                deal.QB_Invoice_Total__c,
                deal.QB_Invoice_Balance__c
            ]).toEqual([label, expected.subtotal, expected.tax, expected.total, expected.total]);
        });
        expect(invoices).toHaveLength(VARIANTS.length);
    }, 120_000);
});
