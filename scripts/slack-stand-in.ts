/**
 * The Slack Web API as the package uses it, for the tests that run the package on the local runtime: a process of
 * its own (the runtime's callouts are synchronous) that records every call. users.info answers the approver's email;
 * every other method answers ok with the channel and message timestamp, as chat.postMessage does.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface SlackCall {
    method: string;
    path: string;
    authorization: string | null;
    body: string;
}

const SERVER = `
const calls = [];
const approverEmail = process.argv[1];
require('http').createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
        res.setHeader('Content-Type', 'application/json');
        if (req.url === '/__calls') return res.end(JSON.stringify(calls));
        calls.push({ method: req.method, path: req.url, authorization: req.headers.authorization || null, body });
        if (req.url.startsWith('/users.info')) {
            return res.end(JSON.stringify({ ok: true, user: { id: 'U0FIONA', profile: { email: approverEmail } } }));
        }
        res.end(JSON.stringify({ ok: true, channel: 'C0FINANCE1', ts: '1700000000.000100' }));
    });
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;

export class SlackStandIn {
    private constructor(
        private readonly child: ChildProcess,
        /** the base URL the QB_Slack named credential points at */
        readonly url: string
    ) {}

    /** Starts the stand-in on a free port; users.info names `approverEmail` as the user's email. */
    static async start(approverEmail = 'approver@example.com'): Promise<SlackStandIn> {
        const child = spawn(process.execPath, ['-e', SERVER, approverEmail], { stdio: ['ignore', 'pipe', 'inherit'] });
        const port = await new Promise<string>((resolve) =>
            child.stdout!.once('data', (d) => resolve(String(d).trim()))
        );
        return new SlackStandIn(child, `http://127.0.0.1:${port}`);
    }

    /** Every call received so far, oldest first. */
    async calls(): Promise<SlackCall[]> {
        return (await (await fetch(`${this.url}/__calls`)).json()) as SlackCall[];
    }

    stop(): void {
        this.child.kill();
    }
}
