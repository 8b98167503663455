import { Faults } from '../faults/catalog';
import { isIsoDate, qboDate } from '../qbo-time';
import type { Json, Realm } from '../store/realm';
import { refreshCustomerBalance } from './customers';
import {
    COMMON_META,
    isObject,
    loadForWrite,
    optionalNumber,
    refValue,
    rejectUnknownProperties,
    resolveReference,
    roundMoney
} from './validation';

const PAYMENT_PROPERTIES = new Set([
    ...COMMON_META,
    'TxnDate',
    'CustomerRef',
    'TotalAmt',
    'UnappliedAmt',
    'Line',
    'CurrencyRef',
    'ExchangeRate',
    'DepositToAccountRef',
    'PaymentMethodRef',
    'PaymentRefNum',
    'PrivateNote',
    'ARAccountRef',
    'ProcessPayment',
    'CreditCardPayment',
    'TxnSource',
    'TransactionLocationType',
    'ProjectRef',
    'LinkedTxn'
]);

/** A customer payment; each line applies an amount to one invoice and lowers its Balance. */
export function createPayment(realm: Realm, body: Json): Json {
    rejectUnknownProperties('Payment', body, PAYMENT_PROPERTIES);
    const customerId = refValue(body, 'CustomerRef');
    if (!customerId) throw Faults.requiredParamMissing('CustomerRef', 'CustomerRef');
    const customer = resolveReference(realm, 'Customer', customerId, 'CustomerRef');
    const totalAmt = optionalNumber(body, 'TotalAmt');
    if (totalAmt === undefined) throw Faults.requiredParamMissing('TotalAmt', 'TotalAmt');
    if (totalAmt < 0) throw Faults.businessValidation('The payment amount cannot be negative.', 'TotalAmt');
    const txnDate = body.TxnDate ?? qboDate(realm.now(), realm.settings.timeZone);
    if (!isIsoDate(txnDate)) throw Faults.malformedRequest(`TxnDate:${txnDate}`);

    const applications: { invoice: Json; amount: number }[] = [];
    const lines = Array.isArray(body.Line) ? body.Line : [];
    lines.forEach((line: unknown, index: number) => {
        if (!isObject(line)) throw Faults.malformedRequest(`Line[${index}]`);
        const amount = optionalNumber(line, 'Amount', 'Line.Amount');
        if (amount === undefined) throw Faults.requiredParamMissing('Amount', 'Line.Amount');
        const linked = Array.isArray(line.LinkedTxn) ? line.LinkedTxn : [];
        if (linked.length !== 1 || !isObject(linked[0]))
            throw Faults.requiredParamMissing('LinkedTxn', 'Line.LinkedTxn');
        const txn = linked[0];
        if (txn.TxnType !== 'Invoice')
            throw Faults.businessValidation(`Unsupported LinkedTxn.TxnType ${txn.TxnType}`, 'Line.LinkedTxn.TxnType');
        const invoice = realm.find('Invoice', String(txn.TxnId));
        if (!invoice) throw Faults.invalidReference('Invoice', String(txn.TxnId), 'Line.LinkedTxn.TxnId');
        if (invoice.CustomerRef.value !== customer.Id) {
            throw Faults.businessValidation(
                'The transaction you are applying this payment to belongs to a different customer.',
                'Line.LinkedTxn.TxnId'
            );
        }
        const already = applications.filter((a) => a.invoice.Id === invoice.Id).reduce((s, a) => s + a.amount, 0);
        if (roundMoney(amount + already) > invoice.Balance) {
            throw Faults.businessValidation(
                `The payment amount applied to invoice ${invoice.DocNumber ?? invoice.Id} (${amount}) is more than its open balance (${invoice.Balance}).`,
                'Line.Amount'
            );
        }
        applications.push({ invoice, amount: roundMoney(amount) });
    });
    const applied = roundMoney(applications.reduce((sum, a) => sum + a.amount, 0));
    if (applied > totalAmt) {
        throw Faults.businessValidation(
            'The amount applied to transactions is more than the payment total.',
            'TotalAmt'
        );
    }
    const depositTo = refValue(body, 'DepositToAccountRef') ?? '4';
    if (!realm.find('Account', depositTo)) throw Faults.invalidReference('Account', depositTo, 'DepositToAccountRef');

    const payment = realm.insert('Payment', {
        ...body,
        CustomerRef: { value: customer.Id, name: customer.DisplayName },
        DepositToAccountRef: { value: depositTo },
        TotalAmt: roundMoney(totalAmt),
        UnappliedAmt: roundMoney(totalAmt - applied),
        ProcessPayment: false,
        TxnDate: txnDate,
        CurrencyRef: customer.CurrencyRef,
        Line: applications.map((a) => ({
            Amount: a.amount,
            LinkedTxn: [{ TxnId: a.invoice.Id, TxnType: 'Invoice' }]
        }))
    });
    for (const application of applications) {
        const invoice = realm.find('Invoice', application.invoice.Id)!;
        realm.update('Invoice', {
            ...invoice,
            Balance: roundMoney(invoice.Balance - application.amount),
            LinkedTxn: [...(invoice.LinkedTxn ?? []), { TxnId: payment.Id, TxnType: 'Payment' }]
        });
    }
    refreshCustomerBalance(realm, customer.Id);
    return payment;
}

/** Deleting a payment gives its amounts back to the invoices it paid. */
export function deletePayment(realm: Realm, body: Json): Json {
    const payment = loadForWrite(realm, 'Payment', body);
    for (const line of payment.Line ?? []) {
        const invoiceId = line.LinkedTxn?.[0]?.TxnId;
        const invoice = invoiceId ? realm.find('Invoice', invoiceId) : undefined;
        if (!invoice) continue;
        realm.update('Invoice', {
            ...invoice,
            Balance: roundMoney(invoice.Balance + line.Amount),
            LinkedTxn: (invoice.LinkedTxn ?? []).filter(
                (txn: Json) => !(txn.TxnType === 'Payment' && txn.TxnId === payment.Id)
            )
        });
    }
    realm.markDeleted('Payment', payment.Id);
    refreshCustomerBalance(realm, payment.CustomerRef.value);
    return { domain: 'QBO', status: 'Deleted', Id: payment.Id };
}
