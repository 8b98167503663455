/// <reference lib="dom" />
/** `@salesforce/apex/Class.method`: POSTs the parameters to the playground server, which runs the method on the local org. */
export interface ApexError {
    status: number;
    body: { message: string; exceptionType?: string; stackTrace?: string | null };
}

export async function callApex(
    className: string,
    methodName: string,
    params?: Record<string, unknown>
): Promise<unknown> {
    const response = await fetch(`/api/apex/${className}/${methodName}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(params ?? {})
    });
    const payload = (await response.json()) as ApexError['body'];
    if (!response.ok) {
        const error: ApexError = { status: response.status, body: payload };
        throw error;
    }
    return payload;
}
