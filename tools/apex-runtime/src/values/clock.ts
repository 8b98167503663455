/** The clock every part of the runtime reads (Datetime.now, CreatedDate, async delays, token expiry). */
export interface Clock {
    now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: async delays and schedules advance it instead of sleeping. */
export class ManualClock implements Clock {
    private current: number;
    constructor(start: number = Date.now()) {
        this.current = start;
    }
    now(): number {
        return this.current;
    }
    set(epochMs: number): void {
        this.current = epochMs;
    }
    advance(ms: number): void {
        this.current += ms;
    }
}

/** A real clock plus an offset that async scheduling can push forward (time travel for delayed jobs). */
export class OffsetClock implements Clock {
    private offset = 0;
    now(): number {
        return Date.now() + this.offset;
    }
    advanceTo(epochMs: number): void {
        const delta = epochMs - this.now();
        if (delta > 0) this.offset += delta;
    }
}
