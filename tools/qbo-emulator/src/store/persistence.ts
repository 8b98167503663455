import Database from 'better-sqlite3';
import type { OAuthState } from '../oauth/oauth-server';
import type { RealmState } from './realm';

/** Durable copy of emulator state in one SQLite file; every accepted write is saved before it is answered. */
export class SqlitePersistence {
    private readonly db: Database.Database;

    constructor(file: string) {
        this.db = new Database(file);
        this.db.pragma('journal_mode = WAL');
        this.db.exec(
            'CREATE TABLE IF NOT EXISTS realm (realm_id TEXT PRIMARY KEY, state TEXT NOT NULL);' +
                'CREATE TABLE IF NOT EXISTS setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);'
        );
    }

    loadRealms(): RealmState[] {
        return (this.db.prepare('SELECT state FROM realm ORDER BY realm_id').all() as { state: string }[]).map((row) =>
            JSON.parse(row.state)
        );
    }

    saveRealm(state: RealmState): void {
        this.db
            .prepare(
                'INSERT INTO realm (realm_id, state) VALUES (?, ?) ON CONFLICT(realm_id) DO UPDATE SET state = excluded.state'
            )
            .run(state.settings.realmId, JSON.stringify(state));
    }

    deleteRealm(realmId: string): void {
        this.db.prepare('DELETE FROM realm WHERE realm_id = ?').run(realmId);
    }

    loadSetting<T>(name: string): T | undefined {
        const row = this.db.prepare('SELECT value FROM setting WHERE name = ?').get(name) as
            { value: string } | undefined;
        return row ? (JSON.parse(row.value) as T) : undefined;
    }

    saveSetting(name: string, value: unknown): void {
        this.db
            .prepare(
                'INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value'
            )
            .run(name, JSON.stringify(value));
    }

    saveOAuth(state: OAuthState): void {
        this.saveSetting('oauth', state);
    }

    loadOAuth(): OAuthState | undefined {
        return this.loadSetting<OAuthState>('oauth');
    }

    close(): void {
        this.db.close();
    }
}
