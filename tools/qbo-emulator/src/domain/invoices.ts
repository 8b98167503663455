import { Faults } from '../faults/catalog';
import { addDays, isIsoDate, qboDate, qboDateTime } from '../qbo-time';
import type { Json, Realm } from '../store/realm';
import { CURRENCY_NAMES } from '../store/seed';
import { automatedTaxFor, prorate } from './automated-sales-tax';
import { checkAddress, refreshCustomerBalance } from './customers';
import {
    checkEmail,
    COMMON_META,
    isObject,
    loadForWrite,
    optionalNumber,
    optionalString,
    refValue,
    rejectUnknownProperties,
    resolveReference,
    roundMoney
} from './validation';

const INVOICE_PROPERTIES = new Set([
    ...COMMON_META,
    'DocNumber',
    'TxnDate',
    'DueDate',
    'CustomerRef',
    'Line',
    'CustomerMemo',
    'PrivateNote',
    'BillEmail',
    'BillEmailCc',
    'BillEmailBcc',
    'BillAddr',
    'ShipAddr',
    'ShipFromAddr',
    'CurrencyRef',
    'ExchangeRate',
    'SalesTermRef',
    'TxnTaxDetail',
    'EmailStatus',
    'PrintStatus',
    'AllowIPNPayment',
    'AllowOnlinePayment',
    'AllowOnlineCreditCardPayment',
    'AllowOnlineACHPayment',
    'ApplyTaxAfterDiscount',
    'GlobalTaxCalculation',
    'ClassRef',
    'DepartmentRef',
    'ShipMethodRef',
    'ShipDate',
    'TrackingNum',
    'CustomField',
    'LinkedTxn',
    'Deposit',
    'DepositToAccountRef',
    'TotalAmt',
    'Balance',
    'HomeBalance',
    'HomeTotalAmt',
    'DeliveryInfo',
    'TxnSource',
    'TransactionLocationType',
    'ProjectRef',
    'FreeFormAddress',
    'InvoiceLink',
    'TaxExemptionRef',
    'RecurDataRef',
    'TxnStatus'
]);

const LINE_PROPERTIES = new Set([
    'Id',
    'LineNum',
    'Description',
    'Amount',
    'DetailType',
    'SalesItemLineDetail',
    'DiscountLineDetail',
    'SubTotalLineDetail',
    'DescriptionLineDetail',
    'GroupLineDetail',
    'LinkedTxn',
    'CustomField',
    'ProjectRef'
]);

const SALES_DETAIL_PROPERTIES = new Set([
    'ItemRef',
    'ClassRef',
    'Qty',
    'UnitPrice',
    'TaxCodeRef',
    'ServiceDate',
    'ItemAccountRef',
    'TaxInclusiveAmt',
    'DiscountAmt',
    'DiscountRate',
    'MarkupInfo',
    'PriceLevelRef',
    'TaxClassificationRef'
]);

const DETAIL_TYPES = new Set([
    'SalesItemLineDetail',
    'DiscountLineDetail',
    'SubTotalLineDetail',
    'DescriptionOnly',
    'GroupLineDetail'
]);

export const SHIPPING_ITEM_ID = 'SHIPPING_ITEM_ID';

/** One TaxRate a line is taxed at. */
export interface LineTaxRate {
    id: string;
    name: string;
    percent: number;
}

interface PricedLine {
    line: Json;
    rates: LineTaxRate[];
}

/** Validates and prices an invoice the way QBO does, returning the entity to store. */
/** Request switches QBO reads from the query string. */
export interface InvoiceWriteOptions {
    /** `include=allowduplicatedocnum`: accept a DocNumber another invoice already uses. */
    allowDuplicateDocNumber?: boolean;
}

function buildInvoice(realm: Realm, body: Json, existing?: Json, options: InvoiceWriteOptions = {}): Json {
    rejectUnknownProperties('Invoice', body, INVOICE_PROPERTIES);
    const customerId = refValue(body, 'CustomerRef');
    if (!customerId) throw Faults.requiredParamMissing('CustomerRef', 'CustomerRef');
    const customer = resolveReference(realm, 'Customer', customerId, 'CustomerRef');
    if (!Array.isArray(body.Line) || body.Line.length === 0) throw Faults.requiredParamMissing('Line', 'Line');

    const usTaxCode = resolveUsTaxCode(realm, body, customer, existing === undefined);
    const globalTaxCalculation = resolveGlobalTaxCalculation(realm, body);
    const priced: PricedLine[] = [];
    const discounts: Json[] = [];
    let subtotal = 0;
    body.Line.forEach((raw: unknown, index: number) => {
        const element = `Line[${index}]`;
        if (!isObject(raw)) throw Faults.malformedRequest(element);
        rejectUnknownProperties('Line', raw, LINE_PROPERTIES);
        const detailType = raw.DetailType;
        if (!detailType) throw Faults.requiredParamMissing('DetailType', `${element}.DetailType`);
        if (!DETAIL_TYPES.has(detailType)) throw Faults.malformedRequest(`DetailType:${detailType}`);
        optionalString(raw, 'Description', 4000, `${element}.Description`);
        if (detailType === 'SubTotalLineDetail') return;
        if (detailType === 'GroupLineDetail') {
            throw Faults.businessValidation('Group items are not supported by this emulator', element);
        }
        if (detailType === 'DescriptionOnly') {
            priced.push({
                line: {
                    Description: raw.Description,
                    DetailType: 'DescriptionOnly',
                    DescriptionLineDetail: isObject(raw.DescriptionLineDetail) ? raw.DescriptionLineDetail : {}
                },
                rates: []
            });
            return;
        }
        if (detailType === 'DiscountLineDetail') {
            if (!realm.settings.allowDiscount) {
                throw Faults.businessValidation(
                    'Discounts are turned off in this company (SalesFormsPrefs.AllowDiscount).',
                    element
                );
            }
            discounts.push(raw);
            priced.push({ line: raw, rates: [] });
            return;
        }
        const sales = priceSalesLine(realm, raw, element, usTaxCode.rates, globalTaxCalculation);
        subtotal = roundMoney(subtotal + sales.line.Amount);
        priced.push(sales);
    });
    if (!priced.some((p) => p.line.DetailType === 'SalesItemLineDetail')) {
        throw Faults.businessValidation('Transactions must have at least one line with an item or an amount.', 'Line');
    }

    let discountTotal = 0;
    for (const raw of discounts) {
        const detail = isObject(raw.DiscountLineDetail) ? raw.DiscountLineDetail : {};
        let amount: number;
        if (detail.PercentBased === true) {
            const percent = optionalNumber(detail, 'DiscountPercent', 'DiscountLineDetail.DiscountPercent');
            if (percent === undefined)
                throw Faults.requiredParamMissing('DiscountPercent', 'DiscountLineDetail.DiscountPercent');
            amount = roundMoney((subtotal * percent) / 100);
        } else {
            const supplied = optionalNumber(raw, 'Amount', 'Line.Amount');
            if (supplied === undefined) throw Faults.requiredParamMissing('Amount', 'Line.Amount');
            amount = roundMoney(supplied);
        }
        const accountId = refValue(detail, 'DiscountAccountRef') ?? '5';
        if (!realm.find('Account', accountId))
            throw Faults.invalidReference('Account', accountId, 'DiscountAccountRef');
        const entry = priced.find((p) => p.line === raw)!;
        entry.line = {
            Amount: amount,
            DetailType: 'DiscountLineDetail',
            DiscountLineDetail: {
                PercentBased: detail.PercentBased === true,
                ...(detail.PercentBased === true ? { DiscountPercent: detail.DiscountPercent } : {}),
                DiscountAccountRef: { value: accountId, name: realm.find('Account', accountId)!.Name }
            }
        };
        discountTotal = roundMoney(discountTotal + amount);
    }

    // Intuit: ApplyTaxAfterDiscount false or null → tax on the full amounts, then the discount; true → discount first.
    const applyTaxAfterDiscount = body.ApplyTaxAfterDiscount === true;
    const discountFactor = applyTaxAfterDiscount && subtotal !== 0 ? (subtotal - discountTotal) / subtotal : 1;
    // One TaxLine per TaxRate: the rate applied to the sum of the line amounts taxed at it, rounded to the cent.
    const taxByRate = new Map<string, { rate: LineTaxRate; base: number }>();
    for (const { line, rates } of priced) {
        if (line.DetailType !== 'SalesItemLineDetail' || globalTaxCalculation === 'NotApplicable') continue;
        for (const rate of rates) {
            if (rate.percent === 0) continue;
            const key = rate.id;
            const entry = taxByRate.get(key) ?? { rate, base: 0 };
            entry.base += line.Amount * discountFactor;
            taxByRate.set(key, entry);
        }
    }
    const explicitShares =
        usTaxCode.explicitTotalTax === undefined
            ? undefined
            : prorate(
                  usTaxCode.explicitTotalTax,
                  [...taxByRate.values()].map(({ rate }) => rate.percent)
              );
    const taxLines = [...taxByRate.values()].map(({ rate, base }, index) => ({
        Amount: explicitShares?.[index] ?? roundMoney((base * rate.percent) / 100),
        DetailType: 'TaxLineDetail',
        TaxLineDetail: {
            TaxRateRef: { value: rate.id, name: rate.name },
            PercentBased: true,
            TaxPercent: rate.percent,
            NetAmountTaxable: roundMoney(base)
        }
    }));
    const totalTax =
        explicitShares !== undefined && taxLines.length === 0
            ? roundMoney(usTaxCode.explicitTotalTax!)
            : roundMoney(taxLines.reduce((sum, line) => sum + line.Amount, 0));
    const totalAmt = roundMoney(subtotal - discountTotal + totalTax);

    const docNumber = resolveDocNumber(realm, body, existing, options);
    const txnDate = body.TxnDate ?? existing?.TxnDate ?? qboDate(realm.now(), realm.settings.timeZone);
    if (!isIsoDate(txnDate)) throw Faults.malformedRequest(`TxnDate:${txnDate}`);
    const termId = refValue(body, 'SalesTermRef') ?? customer.SalesTermRef?.value ?? '3';
    const term = realm.find('Term', termId);
    if (!term) throw Faults.invalidReference('Term', termId, 'SalesTermRef');
    const dueDate = body.DueDate ?? addDays(txnDate, Number(term.DueDays ?? 0));
    if (!isIsoDate(dueDate)) throw Faults.malformedRequest(`DueDate:${dueDate}`);

    const currency = refValue(body, 'CurrencyRef') ?? customer.CurrencyRef?.value ?? realm.settings.homeCurrency;
    if (currency !== customer.CurrencyRef?.value) {
        throw Faults.businessValidation(
            `The currency of the transaction (${currency}) does not match the currency of the customer (${customer.CurrencyRef?.value}).`,
            'CurrencyRef'
        );
    }
    const foreign = currency !== realm.settings.homeCurrency;
    const exchangeRate = optionalNumber(body, 'ExchangeRate') ?? 1;
    if (exchangeRate <= 0) throw Faults.businessValidation('ExchangeRate must be greater than zero.', 'ExchangeRate');

    if (isObject(body.BillEmail) && body.BillEmail.Address) checkEmail(body.BillEmail.Address, 'BillEmail.Address');
    checkAddress(body.BillAddr, 'BillAddr');
    checkAddress(body.ShipAddr, 'ShipAddr');
    optionalString(body, 'PrivateNote', 4000);
    if (body.CustomerMemo !== undefined && body.CustomerMemo !== null) {
        if (!isObject(body.CustomerMemo)) throw Faults.malformedRequest('CustomerMemo');
        optionalString(body.CustomerMemo, 'value', 1000, 'CustomerMemo.value');
    }

    const applied = roundMoney(Number(existing?.TotalAmt ?? 0) - Number(existing?.Balance ?? 0));
    if (applied > totalAmt) {
        throw Faults.businessValidation(
            'The invoice total cannot be less than the payments already applied to it.',
            'Line'
        );
    }
    let lineNumber = 0;
    const lines: Json[] = priced.map(({ line }) => ({ Id: String(++lineNumber), LineNum: lineNumber, ...line }));
    lines.push({ Amount: subtotal, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });

    const result: Json = {
        ...body,
        AllowIPNPayment: body.AllowIPNPayment ?? false,
        AllowOnlinePayment: body.AllowOnlinePayment ?? false,
        AllowOnlineCreditCardPayment: body.AllowOnlineCreditCardPayment ?? false,
        AllowOnlineACHPayment: body.AllowOnlineACHPayment ?? false,
        CustomField: body.CustomField ?? [],
        TxnDate: txnDate,
        CurrencyRef: { value: currency, name: CURRENCY_NAMES[currency] ?? currency },
        ExchangeRate: exchangeRate,
        LinkedTxn: existing?.LinkedTxn ?? [],
        Line: lines,
        TxnTaxDetail: {
            ...(usTaxCode.ref ? { TxnTaxCodeRef: usTaxCode.ref } : {}),
            TotalTax: totalTax,
            ...(taxLines.length ? { TaxLine: taxLines } : {})
        },
        CustomerRef: { value: customer.Id, name: customer.DisplayName },
        SalesTermRef: { value: term.Id, name: term.Name },
        DueDate: dueDate,
        TotalAmt: totalAmt,
        ApplyTaxAfterDiscount: applyTaxAfterDiscount,
        ...(globalTaxCalculation ? { GlobalTaxCalculation: globalTaxCalculation } : {}),
        PrintStatus:
            body.PrintStatus ??
            existing?.PrintStatus ??
            (customer.PreferredDeliveryMethod === 'Print' ? 'NeedToPrint' : 'NotSet'),
        EmailStatus: body.EmailStatus ?? existing?.EmailStatus ?? 'NotSet',
        Balance: roundMoney(totalAmt - applied),
        Deposit: 0
    };
    if (docNumber !== undefined) result.DocNumber = docNumber;
    if (foreign) {
        result.HomeTotalAmt = roundMoney(totalAmt * exchangeRate);
        result.HomeBalance = roundMoney(result.Balance * exchangeRate);
    } else {
        delete result.HomeTotalAmt;
        delete result.HomeBalance;
    }
    if (existing?.DeliveryInfo) result.DeliveryInfo = existing.DeliveryInfo;
    if (!result.BillAddr && customer.BillAddr) result.BillAddr = customer.BillAddr;
    if (!result.ShipAddr && customer.ShipAddr) result.ShipAddr = customer.ShipAddr;
    if (!result.BillEmail && customer.PrimaryEmailAddr?.Address)
        result.BillEmail = { Address: customer.PrimaryEmailAddr.Address };
    delete result.sparse;
    return result;
}

function priceSalesLine(
    realm: Realm,
    raw: Json,
    element: string,
    usTaxRates: LineTaxRate[],
    globalTaxCalculation: string | undefined
): PricedLine {
    const detail = raw.SalesItemLineDetail;
    if (!isObject(detail)) throw Faults.requiredParamMissing('SalesItemLineDetail', `${element}.SalesItemLineDetail`);
    rejectUnknownProperties('SalesItemLineDetail', detail, SALES_DETAIL_PROPERTIES);
    const taxInclusive = globalTaxCalculation === 'TaxInclusive';
    const inclusiveAmount = taxInclusive
        ? optionalNumber(detail, 'TaxInclusiveAmt', 'SalesItemLineDetail.TaxInclusiveAmt')
        : undefined;
    const amount = inclusiveAmount ?? optionalNumber(raw, 'Amount', 'Line.Amount');
    if (amount === undefined) throw Faults.requiredParamMissing('Amount', 'Line.Amount');
    const qty = keepLineDecimals(optionalNumber(detail, 'Qty', 'SalesItemLineDetail.Qty'));
    let unitPrice = keepLineDecimals(optionalNumber(detail, 'UnitPrice', 'SalesItemLineDetail.UnitPrice'));
    // A tax-inclusive line read back carries its net UnitPrice and Amount beside TaxInclusiveAmt; either pair matches.
    const requestAmount = optionalNumber(raw, 'Amount', 'Line.Amount');
    const matches = (expected: number | undefined) =>
        expected !== undefined && Math.abs(roundMoney(qty! * unitPrice!) - roundMoney(expected)) < 0.005;
    if (qty !== undefined && unitPrice !== undefined && !matches(amount) && !(taxInclusive && matches(requestAmount))) {
        throw Faults.amountCalculation(amount);
    }
    if (qty !== undefined && unitPrice === undefined && qty !== 0) unitPrice = amount / qty;

    const itemId = refValue(detail, 'ItemRef', 'SalesItemLineDetail.ItemRef') ?? '1';
    let itemRef: Json;
    let taxableItem = false;
    if (itemId === SHIPPING_ITEM_ID) {
        if (!realm.settings.allowShipping) throw Faults.invalidReference('Item', itemId, 'SalesItemLineDetail.ItemRef');
        itemRef = { value: SHIPPING_ITEM_ID };
    } else {
        const item = resolveReference(realm, 'Item', itemId, 'SalesItemLineDetail.ItemRef');
        itemRef = { value: item.Id, name: item.Name };
        taxableItem = item.Taxable === true;
    }
    const { taxCodeRef, rates } = resolveLineTax(realm, detail, taxableItem, element, usTaxRates);
    if (detail.ServiceDate !== undefined && detail.ServiceDate !== null && !isIsoDate(detail.ServiceDate)) {
        throw Faults.malformedRequest(`ServiceDate:${detail.ServiceDate}`);
    }
    const outDetail: Json = { ...detail, ItemRef: itemRef, TaxCodeRef: taxCodeRef };
    if (qty !== undefined) outDetail.Qty = qty;
    if (unitPrice !== undefined) outDetail.UnitPrice = unitPrice;
    let lineAmount = roundMoney(amount);
    if (taxInclusive) {
        // Tax-inclusive amounts are split into the net line Amount (and net UnitPrice) and TaxInclusiveAmt.
        lineAmount = netOfTax(
            amount,
            rates.reduce((sum, rate) => sum + rate.percent, 0)
        );
        outDetail.TaxInclusiveAmt = roundMoney(amount);
        if (qty !== undefined && qty !== 0) outDetail.UnitPrice = keepLineDecimals(lineAmount / qty);
    } else {
        delete outDetail.TaxInclusiveAmt;
    }
    const line: Json = {
        ...(raw.Description !== undefined ? { Description: raw.Description } : {}),
        Amount: lineAmount,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: outDetail
    };
    return { line, rates };
}

/**
 * The net amount inside a tax-inclusive amount, to the cent: gross / (1 + rate). As QuickBooks answers for
 * TaxInclusive invoices (an Australian company's invoices read back through the API: TaxInclusiveAmt 305.46 at GST 10 %
 * → Amount 277.69, UnitPrice the net unit price; the SubTotal line and TaxLineDetail.NetAmountTaxable are the sum of
 * the net amounts, TotalTax is that sum × rate rounded to the cent, TotalAmt = net sum + tax). A code of several
 * rates divides by 1 + their sum.
 */
function netOfTax(gross: number, ratePercent: number): number {
    return roundMoney(gross / (1 + ratePercent / 100));
}

/**
 * QuickBooks keeps Qty and UnitPrice to 7 decimal places (further digits are dropped) and every amount to the
 * cent: an invoice line read back from QuickBooks carries e.g. UnitPrice 63.5828571 (Intuit Community, "Creating an
 * Invoice from the API, unit price's decimal places behave differently from the UI", 2021) and integrators document
 * the same limits (Breadwinner, "Can Breadwinner handle 7 decimal places?"). Amount is then checked against
 * Qty × UnitPrice rounded to the cent (6070).
 */
export const LINE_DECIMALS = 7;

function keepLineDecimals(value: number | undefined): number | undefined {
    if (value === undefined) return undefined;
    const scale = 10 ** LINE_DECIMALS;
    const scaled = Number((Math.abs(value) * scale).toPrecision(15));
    return (Math.sign(value) * Math.floor(scaled)) / scale || 0;
}

/**
 * The rates of a US invoice's TAX lines (Intuit, "Manage sales tax for US locales" and developer blog 2017-12-11
 * "Using QuickBooks Online API for automated sales tax"): with automated sales tax the AST engine assigns the tax
 * code from the ship-to address and computes the tax (see automated-sales-tax.ts), honouring an explicit TotalTax
 * sent on create; without it, TAX lines are taxed at the rate of the TaxCode named by TxnTaxDetail.TxnTaxCodeRef,
 * and not at all when none is named.
 */
function resolveUsTaxCode(
    realm: Realm,
    body: Json,
    customer: Json,
    creating: boolean
): { rates: LineTaxRate[]; ref?: Json; explicitTotalTax?: number } {
    if (realm.settings.country !== 'US') return { rates: [] };
    const detail = isObject(body.TxnTaxDetail) ? body.TxnTaxDetail : {};
    if (realm.settings.automatedSalesTax !== false) {
        return automatedTaxFor(realm, body.ShipAddr ?? customer.ShipAddr, creating ? body.TxnTaxDetail : undefined);
    }
    const codeId = refValue(detail, 'TxnTaxCodeRef', 'TxnTaxDetail.TxnTaxCodeRef');
    if (!codeId) return { rates: [] };
    const code = resolveReference(realm, 'TaxCode', codeId, 'TxnTaxDetail.TxnTaxCodeRef');
    return { rates: salesRatesOf(realm, code), ref: { value: code.Id, name: code.Name } };
}

/**
 * The TaxRates a sales line coded with this TaxCode is taxed at: each TaxRateDetail of its SalesTaxRateList names a
 * TaxRate by TaxRateRef, whose RateValue is the percentage (API reference, TaxCode.SalesTaxRateList and
 * TaxRate.RateValue). A code with no sales rates (a purchase-only code) cannot tax a sale: QuickBooks asks for a
 * sales tax rate, as for a line with no code.
 */
function salesRatesOf(realm: Realm, code: Json, element = 'SalesItemLineDetail.TaxCodeRef'): LineTaxRate[] {
    const details = isObject(code.SalesTaxRateList) ? code.SalesTaxRateList.TaxRateDetail : undefined;
    if (!Array.isArray(details) || details.length === 0) {
        throw Faults.businessValidation(
            'Make sure all your transactions have a sales tax rate before you save.',
            element
        );
    }
    return details.map((detail: Json) => {
        const rate = resolveReference(realm, 'TaxRate', String(detail.TaxRateRef?.value), element);
        return { id: rate.Id, name: rate.Name, percent: Number(rate.RateValue ?? 0) };
    });
}

/** US companies use the TAX/NON placeholders; other countries reference TaxCode ids. */
function resolveLineTax(
    realm: Realm,
    detail: Json,
    taxableItem: boolean,
    element: string,
    usTaxRates: LineTaxRate[]
): { taxCodeRef: Json; rates: LineTaxRate[] } {
    const supplied = refValue(detail, 'TaxCodeRef', 'SalesItemLineDetail.TaxCodeRef');
    if (realm.settings.country === 'US') {
        const code = supplied ?? (taxableItem ? 'TAX' : 'NON');
        if (code !== 'TAX' && code !== 'NON')
            throw Faults.invalidReference('TaxCode', code, 'SalesItemLineDetail.TaxCodeRef');
        return { taxCodeRef: { value: code }, rates: code === 'TAX' ? usTaxRates : [] };
    }
    if (!supplied) {
        throw Faults.businessValidation(
            'Make sure all your transactions have a sales tax rate before you save.',
            `${element}.SalesItemLineDetail.TaxCodeRef`
        );
    }
    const taxCode = resolveReference(realm, 'TaxCode', supplied, 'SalesItemLineDetail.TaxCodeRef');
    return {
        taxCodeRef: { value: taxCode.Id },
        rates: salesRatesOf(realm, taxCode, `${element}.SalesItemLineDetail.TaxCodeRef`)
    };
}

const GLOBAL_TAX_CALCULATIONS = new Set(['TaxExcluded', 'TaxInclusive', 'NotApplicable']);

/**
 * Non-US companies: GlobalTaxCalculation is TaxExcluded (tax added to the line amounts), TaxInclusive (the line amounts
 * include the tax: see netOfTax) or NotApplicable (no tax computed); omitted, the company's default (TaxExcluded here)
 * applies. US companies do not use it.
 */
function resolveGlobalTaxCalculation(realm: Realm, body: Json): string | undefined {
    const supplied = body.GlobalTaxCalculation;
    if (realm.settings.country === 'US') return undefined;
    if (supplied === undefined || supplied === null) return 'TaxExcluded';
    if (typeof supplied !== 'string' || !GLOBAL_TAX_CALCULATIONS.has(supplied)) {
        throw Faults.malformedRequest(`GlobalTaxCalculation:${String(supplied)}`);
    }
    return supplied;
}

function resolveDocNumber(
    realm: Realm,
    body: Json,
    existing: Json | undefined,
    options: InvoiceWriteOptions
): string | undefined {
    const supplied = optionalString(body, 'DocNumber', 21);
    const candidate = supplied ?? existing?.DocNumber;
    if (candidate !== undefined && candidate !== '') {
        const clash = realm
            .live('Invoice')
            .find(
                (invoice) =>
                    invoice.Id !== existing?.Id &&
                    String(invoice.DocNumber ?? '').toLowerCase() === candidate.toLowerCase()
            );
        if (clash && !options.allowDuplicateDocNumber) throw Faults.duplicateDocNumber(candidate, clash.Id);
        return candidate;
    }
    if (existing || realm.settings.customTxnNumbers) return undefined;
    const used = new Set(realm.live('Invoice').map((invoice) => String(invoice.DocNumber ?? '')));
    let next = realm.state.nextDocNumber;
    while (used.has(String(next))) next++;
    realm.state.nextDocNumber = next + 1;
    return String(next);
}

export function createInvoice(realm: Realm, body: Json, options: InvoiceWriteOptions = {}): Json {
    const invoice = realm.insert('Invoice', buildInvoice(realm, body, undefined, options));
    refreshCustomerBalance(realm, invoice.CustomerRef.value);
    return invoice;
}

export function updateInvoice(realm: Realm, body: Json, options: InvoiceWriteOptions = {}): Json {
    const existing = loadForWrite(realm, 'Invoice', body);
    if (existing.TxnStatus === 'Voided') {
        throw Faults.businessValidation('A voided transaction cannot be changed.', 'Id');
    }
    const { MetaData: _m, domain: _d, ...rest } = existing;
    void _m;
    void _d;
    const merged = body.sparse === true ? { ...rest, ...body } : { ...body, LinkedTxn: existing.LinkedTxn };
    const next = realm.update('Invoice', { ...buildInvoice(realm, merged, existing, options), Id: existing.Id });
    refreshCustomerBalance(realm, next.CustomerRef.value);
    if (existing.CustomerRef.value !== next.CustomerRef.value)
        refreshCustomerBalance(realm, existing.CustomerRef.value);
    return next;
}

/** Intuit: "You must unlink any linked transactions associated with the invoice object before deleting it." */
function assertNoPayments(invoice: Json): void {
    if ((invoice.LinkedTxn ?? []).some((txn: Json) => txn.TxnType === 'Payment')) {
        throw Faults.businessValidation(
            'This invoice has payments applied to it and cannot be deleted. Remove the payments first.',
            'Id'
        );
    }
}

/**
 * Voids as documented: amounts and quantities zeroed, "Voided" prepended to PrivateNote. Payments applied to the
 * invoice are unapplied (their amounts become the payments' UnappliedAmt).
 */
export function voidInvoice(realm: Realm, body: Json): Json {
    const existing = loadForWrite(realm, 'Invoice', body);
    const paymentIds = (existing.LinkedTxn ?? [])
        .filter((txn: Json) => txn.TxnType === 'Payment')
        .map((txn: Json) => String(txn.TxnId));
    for (const paymentId of paymentIds) unapplyPayment(realm, paymentId, existing.Id);
    const voided: Json = {
        ...existing,
        Line: existing.Line.map((line: Json) => {
            const copy: Json = { ...line, Amount: 0 };
            if (copy.SalesItemLineDetail) {
                const { UnitPrice: _price, ...detail } = copy.SalesItemLineDetail;
                void _price;
                copy.SalesItemLineDetail = { ...detail, Qty: 0 };
            }
            return copy;
        }),
        LinkedTxn: (existing.LinkedTxn ?? []).filter((txn: Json) => txn.TxnType !== 'Payment'),
        TxnTaxDetail: { TotalTax: 0 },
        TotalAmt: 0,
        Balance: 0,
        PrivateNote: existing.PrivateNote ? `Voided ${existing.PrivateNote}` : 'Voided',
        TxnStatus: 'Voided'
    };
    if (voided.HomeTotalAmt !== undefined) {
        voided.HomeTotalAmt = 0;
        voided.HomeBalance = 0;
    }
    const next = realm.update('Invoice', voided, 'Void');
    refreshCustomerBalance(realm, next.CustomerRef.value);
    return next;
}

function unapplyPayment(realm: Realm, paymentId: string, invoiceId: string): void {
    const payment = realm.find('Payment', paymentId);
    if (!payment) return;
    const applied = (payment.Line ?? []).filter((line: Json) => line.LinkedTxn?.[0]?.TxnId === invoiceId);
    const released = applied.reduce((sum: number, line: Json) => sum + Number(line.Amount ?? 0), 0);
    realm.update('Payment', {
        ...payment,
        Line: (payment.Line ?? []).filter((line: Json) => !applied.includes(line)),
        UnappliedAmt: roundMoney(Number(payment.UnappliedAmt ?? 0) + released)
    });
}

export function deleteInvoice(realm: Realm, body: Json): Json {
    const existing = loadForWrite(realm, 'Invoice', body);
    assertNoPayments(existing);
    realm.markDeleted('Invoice', existing.Id);
    refreshCustomerBalance(realm, existing.CustomerRef.value);
    return { domain: 'QBO', status: 'Deleted', Id: existing.Id };
}

/** Records an e-mail delivery: EmailStatus EmailSent, DeliveryInfo, and BillEmail overwritten by sendTo. */
export function sendInvoice(realm: Realm, id: string, sendTo: string | null): Json {
    const existing = realm.find('Invoice', id);
    if (!existing) throw Faults.objectNotFound();
    const address = sendTo ?? existing.BillEmail?.Address;
    if (!address)
        throw Faults.businessValidation(
            'An email address is required to send this invoice. Add BillEmail or pass sendTo.',
            'BillEmail'
        );
    checkEmail(address, 'sendTo');
    const day = qboDate(realm.now(), realm.settings.timeZone);
    const sentToday = realm.state.emailsSentByDay[day] ?? 0;
    if (sentToday >= realm.settings.dailyEmailLimit) {
        throw Faults.businessValidation(
            `You have reached the daily limit of ${realm.settings.dailyEmailLimit} emails for this company. Try again tomorrow.`,
            'sendTo'
        );
    }
    realm.state.emailsSentByDay = { [day]: sentToday + 1 };
    return realm.update(
        'Invoice',
        {
            ...existing,
            BillEmail: { Address: address },
            EmailStatus: 'EmailSent',
            DeliveryInfo: { DeliveryType: 'Email', DeliveryTime: qboDateTime(realm.now(), realm.settings.timeZone) }
        },
        'Emailed'
    );
}
