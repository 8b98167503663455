import type { Clock } from '../clock';

export interface RateLimits {
    perRealmPerMinute: number;
    perRealmAppPerSecond: number;
    batchPerRealmAppPerMinute: number;
    batchPerRealmPerMinute: number;
}

/**
 * Intuit's documented throttles (developer.intuit.com …/learn/limits-and-throttles): 500 requests/min per realm,
 * 10/s per realm and app; batch: 40/min per realm and app, 120/min per realm.
 */
export const INTUIT_RATE_LIMITS: RateLimits = {
    perRealmPerMinute: 500,
    perRealmAppPerSecond: 10,
    batchPerRealmAppPerMinute: 40,
    batchPerRealmPerMinute: 120
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
        if (isBatch) {
            checks.push([`batch|${realmId}|${clientId}`, 60_000, this.limits.batchPerRealmAppPerMinute]);
            checks.push([`batch|${realmId}`, 60_000, this.limits.batchPerRealmPerMinute]);
        }
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
