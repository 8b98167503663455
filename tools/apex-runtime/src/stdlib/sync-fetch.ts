/**
 * Blocking HTTP for the runtime, which executes Apex synchronously: the request is made by one long-lived worker
 * thread and the calling thread waits on a shared flag (Atomics.wait) until the answer is on its message port. Much
 * cheaper than a process per call; the server must live in another thread or process, as before.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface SyncFetchRequest {
    method: string;
    url: string;
    headers: Record<string, string>;
    /** base64, or null for no body */
    body: string | null;
    timeout: number;
}

/** The answer, or `error` ('timeout', a connection error code). The body is base64. */
export interface SyncFetchResponse {
    status?: number;
    statusText?: string;
    headers?: Record<string, string>;
    body?: string;
    error?: string;
}

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const signal = new Int32Array(workerData.signal);
const port = workerData.port;
function answer(result) {
    port.postMessage(result);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
}
parentPort.on('message', (input) => {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), input.timeout);
    fetch(input.url, { method: input.method, headers: input.headers, body: input.body === null ? undefined : Buffer.from(input.body, 'base64'), signal: ctl.signal })
        .then(async (r) => {
            const buf = Buffer.from(await r.arrayBuffer());
            const headers = {};
            r.headers.forEach((v, k) => { headers[k] = v; });
            answer({ status: r.status, statusText: r.statusText, headers, body: buf.toString('base64') });
        })
        .catch((e) => answer({ error: e.name === 'AbortError' ? 'timeout' : String((e.cause && e.cause.code) || e.message) }))
        .finally(() => clearTimeout(timer));
});
`;

let channel: { worker: Worker; port: MessagePort; signal: Int32Array } | null = null;

function open(): { worker: Worker; port: MessagePort; signal: Int32Array } {
    if (channel) return channel;
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { signal: signal.buffer, port: port2 },
        transferList: [port2]
    });
    worker.unref();
    port1.unref();
    channel = { worker, port: port1, signal };
    return channel;
}

/** Makes the request and blocks until its answer (or the timeout plus 5 s of grace) has come. */
export function fetchSync(request: SyncFetchRequest): SyncFetchResponse {
    const { worker, port, signal } = open();
    Atomics.store(signal, 0, 0);
    worker.postMessage(request);
    if (Atomics.wait(signal, 0, 0, request.timeout + 5000) === 'timed-out') return { error: 'no response' };
    const received = receiveMessageOnPort(port);
    return received ? (received.message as SyncFetchResponse) : { error: 'no response' };
}
