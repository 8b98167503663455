/** The playground's handle on the local org process: requests answered in order, like one Apex user's. */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { FastForward, ObjectDescribe, OrgInit, OrgRequest, OrgResponse } from './org-protocol';

export class OrgClient {
    private nextId = 1;
    private readonly waiting = new Map<number, (r: OrgResponse) => void>();

    /** the org clock's lead over the system clock (ms), as of its last answer */
    clockOffset = 0;
    /** set while the org's clock runs fast because a delayed job (a retry's back-off) waits */
    fastForward: FastForward | null = null;

    private constructor(private readonly child: ChildProcess) {
        child.on(
            'message',
            (m: { id?: number; response?: OrgResponse; clockOffset?: number; fastForward?: FastForward | null }) => {
                if (typeof m.clockOffset === 'number') this.clockOffset = m.clockOffset;
                if (m.fastForward !== undefined) this.fastForward = m.fastForward;
                if (m.id === undefined) return;
                const resolve = this.waiting.get(m.id);
                this.waiting.delete(m.id);
                resolve?.(m.response!);
            }
        );
    }

    /** The org's time now (epoch ms): the wall clock plus its lead, running fast while a delayed job waits. */
    now(): number {
        const fast = this.fastForward;
        if (fast) return Math.min(fast.until, fast.fromOrg + (Date.now() - fast.fromReal) * fast.speed);
        return Date.now() + this.clockOffset;
    }

    /** Starts the org process and waits until force-app is loaded (and the saved records restored). */
    static start(init: OrgInit): Promise<OrgClient> {
        const script = path.join(__dirname, 'org-worker.ts');
        const child = fork(script, [], {
            execArgv: process.execArgv,
            serialization: 'advanced',
            stdio: ['ignore', 'inherit', 'inherit', 'ipc']
        });
        return new Promise((resolve, reject) => {
            child.once('error', reject);
            child.once('exit', (code) => reject(new Error(`The local org process ended (exit code ${code})`)));
            child.once('message', (m: { ready: boolean; error?: string }) => {
                child.removeAllListeners('exit');
                if (m.ready) resolve(new OrgClient(child));
                else reject(new Error(`The local org did not load:\n${m.error}`));
            });
            child.send(init);
        });
    }

    request(request: OrgRequest): Promise<OrgResponse> {
        const id = this.nextId++;
        return new Promise((resolve) => {
            this.waiting.set(id, resolve);
            this.child.send({ id, request });
        });
    }

    /** Anonymous Apex (as the org's running user, or as another user by username); throws with the Apex exception when it fails. */
    async exec(source: string, asUsername?: string): Promise<OrgResponse> {
        const r = await this.request({ op: 'exec', source, asUsername });
        if (!r.ok) throw new Error(`${r.error!.exceptionType}: ${r.error!.message}`);
        return r;
    }

    /** A SOQL query, as the org's running user or as another user by username. */
    async query<T = Record<string, unknown>>(soql: string, asUsername?: string): Promise<T[]> {
        const r = await this.request({ op: 'query', soql, asUsername });
        if (!r.ok) throw new Error(`${r.error!.exceptionType}: ${r.error!.message}`);
        return r.value as T[];
    }

    async describe(objectName: string): Promise<ObjectDescribe> {
        const r = await this.request({ op: 'describe', objectName });
        if (!r.ok) throw new Error(r.error!.message);
        return r.value as ObjectDescribe;
    }

    async close(): Promise<void> {
        if (this.child.exitCode !== null) return;
        const exited = new Promise((resolve) => this.child.once('exit', resolve));
        this.child.kill();
        await exited;
    }
}
