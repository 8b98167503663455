/// <reference lib="dom" />
/** `@salesforce/apex/Class.method`: POSTs the parameters to the playground server, which runs the method on the local org. */
export interface ApexError {
    status: number;
    body: { message: string; exceptionType?: string; stackTrace?: string | null };
}

const USER_KEY = 'qb-playground-user';
export const USER_COOKIE = 'qb-playground-user';

/** The users the shell can act as ('' = the org's running user, the admin who owns the other seeded deals). */
export const USERS = [
    { label: 'Ada Admin (owns the deals)', username: '' },
    { label: 'Fiona Finance (finance approver)', username: 'fiona.finance@quickbooks-sync.local' },
    { label: 'Sam Sales (sales rep, owns Macy’s)', username: 'sam.sales@quickbooks-sync.local' }
];

export function currentUser(): string {
    return window.localStorage.getItem(USER_KEY) ?? '';
}

export function setCurrentUser(username: string): void {
    window.localStorage.setItem(USER_KEY, username);
    // a file download is a plain navigation: the server reads the chosen user from this cookie
    document.cookie = `${USER_COOKIE}=${encodeURIComponent(username)}; path=/; SameSite=Strict`;
}

export async function callApex(
    className: string,
    methodName: string,
    params?: Record<string, unknown>
): Promise<unknown> {
    const response = await fetch(`/api/apex/${className}/${methodName}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Playground-User': currentUser() },
        body: JSON.stringify(params ?? {})
    });
    const payload = (await response.json()) as ApexError['body'];
    if (!response.ok) {
        const error: ApexError = { status: response.status, body: payload };
        throw error;
    }
    return payload;
}
