import type { Clock } from '../clock';

export interface RateLimits {
    perRealmPerMinute: number;
    perRealmAppPerSecond: number;
    batchPerRealmAppPerMinute: number;
}

/** Intuit's documented throttles: 500 requests/min per realm, 10/s per realm and app, 40 batch/min per realm and app. */
export const INTUIT_RATE_LIMITS: RateLimits = {
    perRealmPerMinute: 500,
    perRealmAppPerSecond: 10,
    batchPerRealmAppPerMinute: 40
};

/** Sliding-window counters driven by the shared clock, so tests cross windows without waiting. */
export class RateLimiter {
    private readonly windows = new Map<string, number[]>();

    constructor(
        private readonly clock: Clock,
        public limits: RateLimits = { ...INTUIT_RATE_LIMITS }
    ) {}

    /** Records the request when all windows have room; false means answer 429 ThrottleExceeded. */
    admit(realmId: string, clientId: string, isBatch: boolean): boolean {
        const now = this.clock.now();
        const checks: [string, number, number][] = [
            [`realm|${realmId}`, 60_000, this.limits.perRealmPerMinute],
            [`app|${realmId}|${clientId}`, 1_000, this.limits.perRealmAppPerSecond]
        ];
        if (isBatch) checks.push([`batch|${realmId}|${clientId}`, 60_000, this.limits.batchPerRealmAppPerMinute]);
        const windows = checks.map(([key, span, limit]) => {
            const kept = (this.windows.get(key) ?? []).filter((at) => at > now - span);
            this.windows.set(key, kept);
            return { kept, limit };
        });
        if (windows.some(({ kept, limit }) => kept.length >= limit)) return false;
        for (const { kept } of windows) kept.push(now);
        return true;
    }

    reset(): void {
        this.windows.clear();
    }
}
