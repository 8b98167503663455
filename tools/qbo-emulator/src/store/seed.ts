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
    for (const taxCode of seededTaxCodes(settings)) realm.insert('TaxCode', taxCode);
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

function taxCode(id: string, name: string, ratePercent: number): Record<string, unknown> {
    return {
        Id: id,
        Name: name,
        Description: name,
        Taxable: ratePercent > 0,
        TaxGroup: false,
        Active: true,
        RatePercent: ratePercent
    };
}

/**
 * Each company's TaxCode list as a fresh sandbox of its country has it (RatePercent stands in for the code's
 * SalesTaxRateList). Outside the US every invoice line names one of these codes ("Manage sales tax for non-US
 * locales", developer.intuit.com/app/developer/qbo/docs/workflows/manage-sales-tax-for-non-us-locales).
 */
function seededTaxCodes(settings: RealmSettings): Record<string, unknown>[] {
    if (settings.country === 'GB') {
        return [
            taxCode('2', '20.0% S', 20),
            taxCode('4', '5.0% R', 5),
            taxCode('6', '0.0% Z', 0),
            taxCode('8', 'Exempt', 0)
        ];
    }
    if (settings.country === 'AU') {
        return [taxCode('10', 'GST', 10), taxCode('12', 'FRE', 0), taxCode('14', 'EXP', 0)];
    }
    if (settings.country === 'US') {
        return [
            { Id: 'TAX', Name: 'TAX', Description: 'TAX', Taxable: true, TaxGroup: false, Active: true },
            { Id: 'NON', Name: 'NON', Description: 'NON', Taxable: false, TaxGroup: false, Active: true },
            // Without automated sales tax the company keeps its own rate codes, chosen per invoice.
            ...(settings.automatedSalesTax === false ? [taxCode('2', 'California', settings.salesTaxPercent)] : [])
        ];
    }
    return [
        {
            Id: '3',
            Name: 'Exempt',
            Description: 'Exempt',
            Taxable: false,
            TaxGroup: false,
            Active: true,
            RatePercent: 0
        },
        {
            Id: '5',
            Name: 'HST ON',
            Description: 'HST ON',
            Taxable: true,
            TaxGroup: true,
            Active: true,
            RatePercent: 13
        },
        { Id: '7', Name: 'GST', Description: 'GST', Taxable: true, TaxGroup: true, Active: true, RatePercent: 5 }
    ];
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
