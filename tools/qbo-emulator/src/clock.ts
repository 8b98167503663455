/** Time source shared with the local Apex runtime and tests: epoch milliseconds. */
export interface Clock {
    now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; lets tests cross token expiry and rate windows without waiting. */
export class ManualClock implements Clock {
    constructor(private current: number = Date.UTC(2026, 0, 15, 17, 0, 0)) {}

    now(): number {
        return this.current;
    }

    advance(milliseconds: number): void {
        this.current += milliseconds;
    }

    set(epochMilliseconds: number): void {
        this.current = epochMilliseconds;
    }
}
