export type CallKind = 'read' | 'write' | 'batch' | 'auth' | 'admin';

export interface CounterRow {
    realmId: string;
    endpoint: string;
    kind: CallKind;
    status: number;
    count: number;
}

/** Request counts by realm, endpoint, kind and status; reads are Intuit's metered "CorePlus" calls. */
export class Counters {
    private readonly rows = new Map<string, CounterRow>();

    record(realmId: string, endpoint: string, kind: CallKind, status: number): void {
        const key = `${realmId}|${endpoint}|${kind}|${status}`;
        const row = this.rows.get(key);
        if (row) row.count++;
        else this.rows.set(key, { realmId, endpoint, kind, status, count: 1 });
    }

    list(realmId?: string): CounterRow[] {
        return [...this.rows.values()]
            .filter((row) => !realmId || row.realmId === realmId)
            .sort(
                (a, b) =>
                    a.realmId.localeCompare(b.realmId) || a.endpoint.localeCompare(b.endpoint) || a.status - b.status
            );
    }

    summary(realmId?: string): {
        reads: number;
        writes: number;
        batches: number;
        total: number;
        byStatus: Record<string, number>;
    } {
        const result = { reads: 0, writes: 0, batches: 0, total: 0, byStatus: {} as Record<string, number> };
        for (const row of this.list(realmId)) {
            if (row.endpoint.startsWith('batch item ')) {
                if (row.kind === 'read') result.reads += row.count;
                if (row.kind === 'write') result.writes += row.count;
                continue;
            }
            result.total += row.count;
            result.byStatus[row.status] = (result.byStatus[row.status] ?? 0) + row.count;
            if (row.kind === 'read') result.reads += row.count;
            if (row.kind === 'write') result.writes += row.count;
            if (row.kind === 'batch') result.batches += row.count;
        }
        return result;
    }

    reset(): void {
        this.rows.clear();
    }
}
