import type { FaultStyle } from './qbo-fault';

/** Per-realm fault settings; every random draw comes from a seeded generator, so a run replays exactly. */
export interface FaultConfig {
    seed: number;
    /** Share of API requests answered 500 SystemFault before doing anything. */
    serverErrorRate: number;
    /** Share of API requests answered 503 before doing anything. */
    unavailableRate: number;
    /** The next N API requests are answered 429 ThrottleExceeded. */
    throttleBurst: number;
    /** Added delay, in real milliseconds, before each API response. */
    latencyMs: number;
    /** Share of API requests answered 401 as if the access token had expired. */
    expiredTokenRate: number;
    /** Wire form of faults: the documented envelope, the lower-case variant, XML, or "mixed" (XML for 401/429). */
    faultStyle: FaultStyle | 'mixed';
    /** Treat every `requestid` as new (reported QBO failure mode). */
    ignoreRequestId: boolean;
    /** Share of successful writes whose response is lost after the write committed. */
    loseResponseRate: number;
    /** The next N successful writes lose their response after committing. */
    loseNextWrites: number;
    /** How a lost response looks to the client. */
    loseResponseMode: 'reset' | 'gateway-timeout' | 'server-error';
}

export const NO_FAULTS: FaultConfig = {
    seed: 1,
    serverErrorRate: 0,
    unavailableRate: 0,
    throttleBurst: 0,
    latencyMs: 0,
    expiredTokenRate: 0,
    faultStyle: 'standard',
    ignoreRequestId: false,
    loseResponseRate: 0,
    loseNextWrites: 0,
    loseResponseMode: 'gateway-timeout'
};

export type PreFault = 'none' | 'expired-token' | 'throttle' | 'server-error' | 'unavailable';

/** Mulberry32: small, fast, and deterministic for a given seed. */
function generator(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export class FaultInjector {
    private random: () => number;

    constructor(public config: FaultConfig = { ...NO_FAULTS }) {
        this.random = generator(config.seed);
    }

    configure(patch: Partial<FaultConfig>): FaultConfig {
        this.config = { ...this.config, ...patch };
        if (patch.seed !== undefined || Object.keys(patch).length > 0) this.random = generator(this.config.seed);
        return this.config;
    }

    /** Decides, before the request is served, whether it fails outright. */
    beforeRequest(): PreFault {
        const c = this.config;
        if (c.throttleBurst > 0) {
            c.throttleBurst--;
            return 'throttle';
        }
        const roll = this.random();
        let threshold = c.expiredTokenRate;
        if (roll < threshold) return 'expired-token';
        threshold += c.serverErrorRate;
        if (roll < threshold) return 'server-error';
        threshold += c.unavailableRate;
        if (roll < threshold) return 'unavailable';
        return 'none';
    }

    /** Decides, after a write committed, whether the client never sees the answer. */
    loseResponse(): boolean {
        if (this.config.loseNextWrites > 0) {
            this.config.loseNextWrites--;
            return true;
        }
        return this.config.loseResponseRate > 0 && this.random() < this.config.loseResponseRate;
    }

    styleFor(status: number): FaultStyle {
        if (this.config.faultStyle === 'mixed') return status === 401 || status === 429 ? 'xml' : 'standard';
        return this.config.faultStyle;
    }
}
