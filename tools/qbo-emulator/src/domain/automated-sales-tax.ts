import { Faults } from '../faults/catalog';
import type { Json, Realm } from '../store/realm';
import { companyInfoFor } from '../store/seed';
import { isObject, optionalNumber, roundMoney } from './validation';

/**
 * US automated sales tax (AST), as Intuit documents it:
 * - "Manage sales tax for US locales" (developer.intuit.com/app/developer/qbo/docs/workflows/manage-sales-tax-for-us-locales):
 *   "Sales tax is determined based on the source and destination address. The source address is the company's legal
 *   address … The destination address is the shipping address provided on the sales transaction. If a shipping
 *   address is not provided, the company address is considered as the destination address."
 * - Developer blog 2017-12-11, "Using QuickBooks Online API for automated sales tax": "The AST engine assigns the
 *   appropriate tax code to sales transaction objects and automatically calculates the tax amount"; a TaxCode can be
 *   assigned on transactions "but will be overridden by AST"; "Whenever an explicit tax amount is sent in the
 *   transaction request the AST engine honors the amount and prorates it across tax rates in the AST-assigned tax
 *   code"; TaxCode and TaxAgency objects are created by AST.
 * - Developer blog 2018-05-11, "Automated sales tax FAQ": tax is computed "as long as your Sales Tax Center and all
 *   applicable tax agencies are set up".
 *
 * Modelled: the destination state is the invoice's ShipAddr.CountrySubDivisionCode (the ShipAddr sent, else the
 * customer's), else the company address's state. Each company has a table of the jurisdictions it collects for per
 * state (settings.automatedSalesTaxRates; by default only its own state, at settings.salesTaxPercent). The engine
 * assigns a TaxCode per state, creating it and one TaxRate per jurisdiction the first time (as AST creates them), puts
 * it in TxnTaxDetail.TxnTaxCodeRef whatever the request named, and taxes TAX lines at each jurisdiction's rate (one
 * TaxLine per TaxRate). A state the company has no jurisdictions for (no agency set up) is not taxed.
 *
 * Simplified: real AST resolves rates from the full address (county, city, special districts) with Intuit's rate
 * database and knows product taxability categories; here the rates come from the configured table by state only.
 */

export interface Jurisdiction {
    name: string;
    percent: number;
}

export interface AutomatedTax {
    /** The AST-assigned TaxCode for TxnTaxDetail.TxnTaxCodeRef; undefined when the destination is not taxed. */
    ref?: Json;
    rates: { id: string; name: string; percent: number }[];
    /** An explicit TxnTaxDetail.TotalTax sent with the request, honoured and prorated across the rates. */
    explicitTotalTax?: number;
}

/** The state AST taxes an invoice for: its ship-to state, else the company address's. */
export function destinationState(realm: Realm, shipAddr: unknown): string | undefined {
    const shipTo = isObject(shipAddr) ? String(shipAddr.CountrySubDivisionCode ?? '').trim() : '';
    if (shipTo) return shipTo.toUpperCase();
    const company = companyInfoFor(realm) as Json;
    const home = String(company.CompanyAddr?.CountrySubDivisionCode ?? '').trim();
    return home ? home.toUpperCase() : undefined;
}

/** The jurisdictions the company collects for in a state: the configured table, else its own state's rate. */
export function jurisdictionsFor(realm: Realm, state: string | undefined): Jurisdiction[] {
    if (!state) return [];
    const table = realm.settings.automatedSalesTaxRates ?? {};
    const configured = Object.entries(table).find(([key]) => key.toUpperCase() === state)?.[1];
    if (configured) return configured;
    const companyState = destinationState(realm, undefined);
    return state === companyState && realm.settings.salesTaxPercent > 0
        ? [{ name: `${state} sales tax`, percent: realm.settings.salesTaxPercent }]
        : [];
}

/** The tax AST applies to an invoice of this company shipped to shipAddr. */
export function automatedTaxFor(realm: Realm, shipAddr: unknown, requestTaxDetail: unknown): AutomatedTax {
    const explicitTotalTax = isObject(requestTaxDetail)
        ? optionalNumber(requestTaxDetail, 'TotalTax', 'TxnTaxDetail.TotalTax')
        : undefined;
    const state = destinationState(realm, shipAddr);
    const jurisdictions = jurisdictionsFor(realm, state);
    if (!state || jurisdictions.length === 0) return { rates: [], explicitTotalTax };
    for (const jurisdiction of jurisdictions) {
        if (typeof jurisdiction.percent !== 'number' || jurisdiction.percent < 0 || !jurisdiction.name) {
            throw Faults.businessValidation(`The sales tax rates set up for ${state} are not valid.`, 'TxnTaxDetail');
        }
    }
    const rates = jurisdictions.map((jurisdiction) => taxRateFor(realm, jurisdiction));
    const code = taxCodeFor(realm, state, rates);
    return { ref: { value: code.Id, name: code.Name }, rates, explicitTotalTax };
}

/**
 * The company's default tax code as AST defines it, for Customer.DefaultTaxCodeRef: developer blog 2017-12-11, "Using
 * QuickBooks Online API for automated sales tax", table "Automated sales tax at a glance": the customer default tax
 * code is "No longer available or visible" in the UI, and through the API "Customer.DefaultTaxCodeRef [is] populated
 * with company's default tax code as defined by AST"; the company default tax code is "Set via AST based on the tax
 * agency". Here: the code of the company's own state, so whatever a client sends is replaced. Undefined for a company
 * without AST, or with no agency set up for its own state.
 */
export function automatedDefaultTaxCode(realm: Realm): Json | undefined {
    if (realm.settings.country !== 'US' || realm.settings.automatedSalesTax === false) return undefined;
    return automatedTaxFor(realm, undefined, undefined).ref;
}

/**
 * An explicit tax amount spread over the rates in proportion to their percentages, to the cent; the last rate takes
 * what rounding leaves so the lines add up to the amount. (Intuit says the amount is prorated across the code's rates
 * without giving the rounding; this is the emulator's.)
 */
export function prorate(totalTax: number, percents: number[]): number[] {
    const sum = percents.reduce((a, b) => a + b, 0);
    if (percents.length === 0) return [];
    const shares = percents.map((percent) => (sum === 0 ? 0 : roundMoney((totalTax * percent) / sum)));
    const assigned = shares.slice(0, -1).reduce((a, b) => a + b, 0);
    shares[shares.length - 1] = roundMoney(totalTax - assigned);
    return shares;
}

function taxRateFor(realm: Realm, jurisdiction: Jurisdiction): { id: string; name: string; percent: number } {
    let rate = realm.live('TaxRate').find((candidate) => candidate.Name === jurisdiction.name);
    if (!rate) {
        rate = realm.insert('TaxRate', {
            Name: jurisdiction.name,
            Description: jurisdiction.name,
            Active: true,
            RateValue: jurisdiction.percent,
            AgencyRef: { value: '1' },
            SpecialTaxType: 'NONE',
            DisplayType: 'ReadOnly'
        });
    } else if (Number(rate.RateValue) !== jurisdiction.percent) {
        rate = realm.update('TaxRate', { ...rate, RateValue: jurisdiction.percent });
    }
    return { id: rate.Id, name: rate.Name, percent: jurisdiction.percent };
}

function taxCodeFor(realm: Realm, state: string, rates: { id: string; name: string }[]): Json {
    const name = `${state} (automated sales tax)`;
    const details = rates.map((rate) => ({
        TaxRateRef: { value: rate.id, name: rate.name },
        TaxTypeApplicable: 'TaxOnAmount',
        TaxOrder: 0
    }));
    const existing = realm.live('TaxCode').find((candidate) => candidate.Name === name);
    const body = {
        Name: name,
        Description: name,
        Active: true,
        Hidden: false,
        Taxable: true,
        TaxGroup: true,
        SalesTaxRateList: { TaxRateDetail: details },
        PurchaseTaxRateList: { TaxRateDetail: [] }
    };
    if (!existing) return realm.insert('TaxCode', body);
    if (JSON.stringify(existing.SalesTaxRateList) === JSON.stringify(body.SalesTaxRateList)) return existing;
    return realm.update('TaxCode', { ...existing, ...body });
}
