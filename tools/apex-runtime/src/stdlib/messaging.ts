/**
 * Messaging.sendEmail (emails are recorded, never sent), email messages and attachments, Approval requests.
 */
import { ApexList, NativeObject, OBJECT_T, T } from '../interpreter/objects';
import { UNHANDLED, type Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function sendEmail(lib: Platform, a: any[]): any {
    const msgs = (a[0] as ApexList).items as NativeObject[];
    const out = lib.hooks.emails ?? (lib.hooks.emails = []);
    for (const m of msgs) out.push(m.data.fields);
    return new ApexList(
        T('Messaging.SendEmailResult'),
        msgs.map(() => new NativeObject('Messaging.SendEmailResult', { success: true }))
    );
}

export function messagingStatic(lib: Platform, n: string, a: any[]): any {
    if (n === 'sendemail') return sendEmail(lib, a);
    if (n === 'reserveSingleEmailCapacity'.toLowerCase()) return null;
    return UNHANDLED;
}

/** Messaging.SingleEmailMessage, Messaging.EmailFileAttachment, Approval.ProcessSubmitRequest: setX/getX pairs. */
export function fieldBagMethod(o: NativeObject, n: string, a: any[]): any {
    const d = o.data;
    if (n.startsWith('set')) {
        d.fields.set(n.slice(3), a[0]);
        return null;
    }
    if (n.startsWith('get')) return d.fields.get(n.slice(3)) ?? null;
    return UNHANDLED;
}

export function sendEmailResultMethod(n: string): any {
    if (n === 'issuccess') return true;
    if (n === 'geterrors') return new ApexList(OBJECT_T, []);
    return UNHANDLED;
}
