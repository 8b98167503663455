import type { Clock } from '../clock';
import { Realm, type RealmSettings, type RealmState } from './realm';

export const DEFAULT_US_REALM = '9130350000000001';
export const DEFAULT_CA_REALM = '9130350000000002';

export const CURRENCY_NAMES: Record<string, string> = {
    USD: 'United States Dollar',
    CAD: 'Canadian Dollar',
    GBP: 'British Pound Sterling',
    EUR: 'Euro',
    AUD: 'Australian Dollar',
    JPY: 'Japanese Yen',
    KWD: 'Kuwaiti Dinar',
    BHD: 'Bahraini Dinar'
};

const HOME_CURRENCIES: Record<string, string> = { US: 'USD', CA: 'CAD', GB: 'GBP', AU: 'AUD' };

export function defaultSettings(realmId: string, overrides: Partial<RealmSettings> = {}): RealmSettings {
    const country = overrides.country ?? 'US';
    return {
        realmId,
        companyName: `Sandbox Company ${country}_${realmId.slice(-1)}`,
        country,
        homeCurrency: HOME_CURRENCIES[country] ?? 'USD',
        multiCurrency: false,
        customTxnNumbers: false,
        allowShipping: true,
        allowDiscount: true,
        salesTaxPercent: country === 'US' ? 8 : 0,
        automatedSalesTax: country === 'US',
        timeZone: 'America/Los_Angeles',
        dailyEmailLimit: 40,
        ...overrides
    };
}

/** A new company as a fresh QBO sandbox has it: chart of accounts basics, terms, tax codes and a few items. */
export function newRealmState(settings: RealmSettings, clock: Clock): RealmState {
    const state: RealmState = {
        settings,
        sequences: {},
        nextDocNumber: 1001,
        records: {},
        attachmentContent: {},
        idempotency: {},
        emailsSentByDay: {}
    };
    const realm = new Realm(state, clock, () => undefined);
    const currency = {
        value: settings.homeCurrency,
        name: CURRENCY_NAMES[settings.homeCurrency] ?? settings.homeCurrency
    };
    const accounts: [string, string, string, string][] = [
        ['1', 'Services', 'Income', 'ServiceFeeIncome'],
        ['2', 'Sales of Product Income', 'Income', 'SalesOfProductIncome'],
        ['3', 'Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable'],
        ['4', 'Undeposited Funds', 'Other Current Asset', 'UndepositedFunds'],
        ['5', 'Discounts given', 'Income', 'DiscountsRefundsGiven'],
        ['6', 'Shipping Income', 'Income', 'OtherPrimaryIncome']
    ];
    for (const [id, name, type, subType] of accounts) {
        realm.insert('Account', {
            Id: id,
            Name: name,
            SubAccount: false,
            FullyQualifiedName: name,
            Active: true,
            Classification: type === 'Income' ? 'Revenue' : 'Asset',
            AccountType: type,
            AccountSubType: subType,
            CurrentBalance: 0,
            CurrentBalanceWithSubAccounts: 0,
            CurrencyRef: currency
        });
    }
    const terms: [string, string, number][] = [
        ['1', 'Due on receipt', 0],
        ['2', 'Net 15', 15],
        ['3', 'Net 30', 30],
        ['4', 'Net 60', 60]
    ];
    for (const [id, name, days] of terms) {
        realm.insert('Term', { Id: id, Name: name, Active: true, Type: 'STANDARD', DueDays: days, DiscountDays: 0 });
    }
    const taxes = seededTaxLists(settings);
    for (const rate of taxes.rates) realm.insert('TaxRate', rate);
    for (const code of taxes.codes) realm.insert('TaxCode', code);
    const items: [string, string, number, string][] = [
        ['1', 'Services', 0, '1'],
        ['2', 'Consulting', 150, '1'],
        ['3', 'Subscription', 100, '1'],
        ['4', 'Hardware', 250, '2']
    ];
    for (const [id, name, price, account] of items) {
        realm.insert('Item', {
            Id: id,
            Name: name,
            FullyQualifiedName: name,
            Active: true,
            Taxable: settings.country === 'US' && name !== 'Services',
            UnitPrice: price,
            Type: account === '2' ? 'NonInventory' : 'Service',
            IncomeAccountRef: { value: account, name: accounts[Number(account) - 1][1] },
            PurchaseCost: 0,
            TrackQtyOnHand: false
        });
    }
    realm.insert('CompanyInfo', {
        Id: '1',
        CompanyName: settings.companyName,
        LegalName: settings.companyName,
        CompanyAddr: {
            Id: '1',
            Line1: '123 Sierra Way',
            City: 'San Pablo',
            CountrySubDivisionCode: 'CA',
            PostalCode: '87999'
        },
        Country: settings.country,
        Email: { Address: 'noreply@quickbooks.com' },
        SupportedLanguages: 'en',
        FiscalYearStartMonth: 'January',
        CompanyStartDate: '2026-01-01',
        NameValue: [
            { Name: 'NeoEnabled', Value: 'true' },
            { Name: 'IsQbdtMigrated', Value: 'false' },
            { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' }
        ]
    });
    return state;
}

/** A sales tax rate as QuickBooks returns it from `select * from TaxRate` (RateValue is the percentage). */
function taxRate(id: string, name: string, rateValue: number): Record<string, unknown> {
    return {
        Id: id,
        Name: name,
        Description: name,
        Active: true,
        RateValue: rateValue,
        AgencyRef: { value: '1' },
        SpecialTaxType: 'NONE',
        DisplayType: 'ReadOnly',
        EffectiveTaxRate: [{ RateValue: rateValue, EffectiveDate: '2026-01-01T00:00:00-08:00' }]
    };
}

/**
 * A sales tax code naming its rates, as QuickBooks returns it: SalesTaxRateList.TaxRateDetail[] → TaxRateRef (one
 * entry for a single-rate code such as HST ON, several for a combined code such as GST + PST), each applied to the
 * line amount (TaxTypeApplicable TaxOnAmount).
 */
function taxCode(id: string, name: string, rates: Record<string, unknown>[]): Record<string, unknown> {
    return {
        Id: id,
        Name: name,
        Description: name,
        Active: true,
        Hidden: false,
        Taxable: rates.some((rate) => Number(rate.RateValue) > 0),
        TaxGroup: true,
        SalesTaxRateList: {
            TaxRateDetail: rates.map((rate) => ({
                TaxRateRef: { value: rate.Id, name: rate.Name },
                TaxTypeApplicable: 'TaxOnAmount',
                TaxOrder: 0
            }))
        },
        PurchaseTaxRateList: { TaxRateDetail: [] }
    };
}

interface TaxList {
    rates: Record<string, unknown>[];
    codes: Record<string, unknown>[];
}

function taxList(entries: [codeId: string, codeName: string, rates: [string, string, number][]][]): TaxList {
    const rates = new Map<string, Record<string, unknown>>();
    const codes = entries.map(([codeId, codeName, codeRates]) =>
        taxCode(
            codeId,
            codeName,
            codeRates.map(([rateId, rateName, value]) => {
                if (!rates.has(rateId)) rates.set(rateId, taxRate(rateId, rateName, value));
                return rates.get(rateId)!;
            })
        )
    );
    return { rates: [...rates.values()], codes };
}

/**
 * Each company's TaxCode and TaxRate lists as a fresh sandbox of its country has them. A transaction line names a
 * TaxCode; QuickBooks taxes it at each TaxRate of the code's SalesTaxRateList (TaxRate.RateValue) — "Manage sales tax
 * for non-US locales" (developer.intuit.com/app/developer/qbo/docs/workflows/manage-sales-tax-for-non-us-locales:
 * "a TaxCode is applied to the line. In this context, TaxCode references one or more rates"), and the TaxCode and
 * TaxRate entities of the API reference (developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/taxcode,
 * …/taxrate; Intuit's PHP SDK classes IPPTaxCode, IPPTaxRateDetail, IPPTaxRate carry the same fields).
 */
function seededTaxLists(settings: RealmSettings): TaxList {
    if (settings.country === 'GB') {
        return taxList([
            ['2', '20.0% S', [['3', '20.0% S (sales)', 20]]],
            ['4', '5.0% R', [['5', '5.0% R (sales)', 5]]],
            ['6', '0.0% Z', [['7', '0.0% Z (sales)', 0]]],
            ['8', 'Exempt', [['9', 'Exempt (sales)', 0]]]
        ]);
    }
    if (settings.country === 'AU') {
        return taxList([
            ['10', 'GST', [['11', 'GST (sales)', 10]]],
            ['12', 'FRE', [['13', 'GST-free (sales)', 0]]],
            ['14', 'EXP', [['15', 'GST-free exports (sales)', 0]]]
        ]);
    }
    if (settings.country === 'US') {
        // TAX and NON are placeholders without rates; without automated sales tax the company keeps its own rate
        // codes, named per invoice in TxnTaxDetail.TxnTaxCodeRef.
        const own =
            settings.automatedSalesTax === false
                ? taxList([['2', 'California', [['3', 'California', settings.salesTaxPercent]]]])
                : { rates: [], codes: [] };
        return {
            rates: own.rates,
            codes: [
                { Id: 'TAX', Name: 'TAX', Description: 'TAX', Taxable: true, TaxGroup: false, Active: true },
                { Id: 'NON', Name: 'NON', Description: 'NON', Taxable: false, TaxGroup: false, Active: true },
                ...own.codes
            ]
        };
    }
    return taxList([
        ['3', 'Exempt', [['4', 'Exempt', 0]]],
        ['5', 'HST ON', [['6', 'HST ON', 13]]],
        ['7', 'GST', [['8', 'GST', 5]]],
        [
            '9',
            'GST/PST BC',
            [
                ['8', 'GST', 5],
                ['10', 'PST BC', 7]
            ]
        ]
    ]);
}

export function companyInfoFor(realm: Realm): Record<string, unknown> {
    return realm.find('CompanyInfo', '1') ?? {};
}

/** The Preferences entity, derived from the company's settings. */
export function preferencesFor(realm: Realm): Record<string, unknown> {
    const s = realm.settings;
    return {
        AccountingInfoPrefs: { TrackDepartments: false, ClassTrackingPerTxn: false, CustomerTerminology: 'Customers' },
        SalesFormsPrefs: {
            CustomField: [],
            AllowDeposit: true,
            AllowDiscount: s.allowDiscount,
            DefaultDiscountAccount: '5',
            AllowEstimates: true,
            ETransactionEnabledStatus: 'NotApplicable',
            CustomTxnNumbers: s.customTxnNumbers,
            AllowShipping: s.allowShipping,
            AllowServiceDate: true,
            AutoApplyCredit: true,
            UsingPriceLevels: false,
            DefaultTerms: { value: '3' }
        },
        CurrencyPrefs: {
            MultiCurrencyEnabled: s.multiCurrency,
            HomeCurrency: { value: s.homeCurrency }
        },
        TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: s.country === 'US' && s.automatedSalesTax !== false },
        OtherPrefs: {
            NameValue: [{ Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business.' }]
        },
        Id: '1',
        SyncToken: '0',
        domain: 'QBO',
        sparse: false,
        MetaData: (companyInfoFor(realm).MetaData as Record<string, unknown>) ?? {}
    };
}
