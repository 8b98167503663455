/**
 * The in-memory tables. Stored rows are never changed in place: every write replaces the row and
 * records the previous one in an undo journal, so savepoints and rollbacks cost only what changed.
 */
import type { ObjectDef } from './schema';

export interface Slot {
    name: string;
    value: unknown;
}

export interface Row {
    readonly id: string;
    readonly def: ObjectDef;
    readonly slots: ReadonlyMap<string, Slot>;
    readonly deleted: boolean;
    /** Org data (the standard price book) that Apex tests cannot query. */
    readonly orgData?: boolean;
    /** Deleted by a cascade from this record: undeleting that record restores this one. */
    readonly deletedWith?: string;
}

type JournalEntry = { kind: 'row'; id: string; previous: Row | null } | { kind: 'auto'; key: string; previous: number };

export class Database {
    private tables = new Map<string, Map<string, Row>>();
    private byId = new Map<string, Row>();
    /** Setup rows reached by name rather than Id (EntityDefinition 'Account', FieldDefinition 'Account.Name'). */
    private byName = new Map<string, Row>();
    private autonumbers = new Map<string, number>();
    private journal: JournalEntry[] = [];

    private table(objectName: string): Map<string, Row> {
        const key = objectName.toLowerCase();
        let t = this.tables.get(key);
        if (!t) {
            t = new Map();
            this.tables.set(key, t);
        }
        return t;
    }

    get(id: string | null | undefined): Row | null {
        if (!id) return null;
        return this.byId.get(id) ?? null;
    }

    /** Registers a name for a setup row that never changes (seeded before the first transaction). */
    nameRow(name: string, id: string): void {
        const row = this.byId.get(id);
        if (row) this.byName.set(name.toLowerCase(), row);
    }

    getByName(name: string): Row | null {
        return this.byName.get(name.toLowerCase()) ?? null;
    }

    put(row: Row): void {
        this.journal.push({ kind: 'row', id: row.id, previous: this.byId.get(row.id) ?? null });
        this.table(row.def.name).set(row.id, row);
        this.byId.set(row.id, row);
    }

    rows(objectName: string): Row[] {
        return [...this.table(objectName).values()];
    }

    nextAutonumber(key: string): number {
        const previous = this.autonumbers.get(key) ?? 0;
        this.journal.push({ kind: 'auto', key, previous });
        this.autonumbers.set(key, previous + 1);
        return previous + 1;
    }

    /** A savepoint: the journal position to roll back to. */
    mark(): number {
        return this.journal.length;
    }

    rollbackTo(mark: number): void {
        while (this.journal.length > mark) {
            const e = this.journal.pop()!;
            if (e.kind === 'auto') {
                this.autonumbers.set(e.key, e.previous);
                continue;
            }
            const current = this.byId.get(e.id);
            if (e.previous) {
                this.table(e.previous.def.name).set(e.id, e.previous);
                this.byId.set(e.id, e.previous);
            } else if (current) {
                this.table(current.def.name).delete(e.id);
                this.byId.delete(e.id);
            }
        }
    }

    /** Every stored row of every object, deleted ones included. */
    allRows(): Row[] {
        return [...this.byId.values()];
    }

    /** The autonumber counters (field key → last number given). */
    autonumberCounters(): Map<string, number> {
        return new Map(this.autonumbers);
    }

    /** Replaces every stored row and autonumber counter (an org loaded from a saved copy); no undo history is kept. */
    replaceContents(rows: Iterable<Row>, autonumbers: Map<string, number>): void {
        this.tables.clear();
        this.byId.clear();
        for (const row of rows) {
            this.table(row.def.name).set(row.id, row);
            this.byId.set(row.id, row);
        }
        this.autonumbers = new Map(autonumbers);
        this.journal = [];
    }

    /** Forgets all undo history: called when a transaction commits and no savepoint is outstanding. */
    clearJournal(): void {
        this.journal = [];
    }
}
