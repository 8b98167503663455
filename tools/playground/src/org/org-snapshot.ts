/**
 * Saves the local org's records to a JSON file and loads them back, so the playground keeps its data across
 * restarts. Reads and replaces the runtime's in-memory tables (`org.db`); values keep their Apex types (Decimal
 * scale, Date, Datetime, Time, Blob).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDouble,
    ApexTime,
    Decimal,
    type Org,
    type Row,
    type Slot
} from '../../../apex-runtime/src';

const FORMAT = 1;

type Encoded = null | boolean | number | string | { t: string; v: string | number };

interface SnapshotFile {
    format: number;
    savedAt: string;
    idCounters: [string, number][];
    autonumbers: [string, number][];
    rows: { id: string; object: string; deleted: boolean; orgData?: boolean; slots: [string, Encoded][] }[];
}

function encode(value: unknown): Encoded {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
    if (typeof value === 'bigint') return { t: 'long', v: value.toString() };
    if (value instanceof Decimal) return { t: 'decimal', v: `${value.unscaled}e${value.scale}` };
    if (value instanceof ApexDate) return { t: 'date', v: value.epochDay };
    if (value instanceof ApexDatetime) return { t: 'datetime', v: value.epochMs };
    if (value instanceof ApexTime) return { t: 'time', v: value.ms };
    if (value instanceof ApexDouble) return { t: 'double', v: value.value };
    if (value instanceof ApexBlob) return { t: 'blob', v: Buffer.from(value.bytes).toString('base64') };
    throw new Error(`Cannot save a field value of type ${Object.prototype.toString.call(value)}`);
}

function decode(value: Encoded): unknown {
    if (value === null || typeof value !== 'object') return value;
    switch (value.t) {
        case 'long':
            return BigInt(value.v);
        case 'decimal': {
            const [unscaled, scale] = String(value.v).split('e');
            return new Decimal(BigInt(unscaled), Number(scale));
        }
        case 'date':
            return new ApexDate(Number(value.v));
        case 'datetime':
            return new ApexDatetime(Number(value.v));
        case 'time':
            return new ApexTime(Number(value.v));
        case 'double':
            return new ApexDouble(Number(value.v));
        case 'blob':
            return new ApexBlob(new Uint8Array(Buffer.from(String(value.v), 'base64')));
        default:
            throw new Error(`Unknown saved value type ${value.t}`);
    }
}

/** Writes every record of the org (atomically: temp file + rename). */
export function saveOrg(org: Org, file: string): void {
    const snapshot: SnapshotFile = {
        format: FORMAT,
        savedAt: new Date().toISOString(),
        idCounters: [...org.ids.snapshot()],
        autonumbers: [...org.db.autonumberCounters()],
        rows: org.db.allRows().map((row) => ({
            id: row.id,
            object: row.def.name,
            deleted: row.deleted,
            orgData: row.orgData,
            slots: [...row.slots.values()].map((slot): [string, Encoded] => [slot.name, encode(slot.value)])
        }))
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(snapshot));
    fs.renameSync(temp, file);
}

/** Replaces the org's records with the saved ones; false when there is no snapshot to load. */
export function loadOrgSnapshot(org: Org, file: string): boolean {
    if (!fs.existsSync(file)) return false;
    const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as SnapshotFile;
    if (snapshot.format !== FORMAT) throw new Error(`${file} was written by another playground version; use --reset`);
    const rows: Row[] = snapshot.rows.map((saved) => {
        const def = org.schema.getObject(saved.object);
        if (!def) throw new Error(`${file}: object ${saved.object} is no longer in the project; use --reset`);
        const slots = new Map<string, Slot>();
        for (const [name, value] of saved.slots) slots.set(name.toLowerCase(), { name, value: decode(value) });
        return { id: saved.id, def, slots, deleted: saved.deleted, orgData: saved.orgData };
    });
    org.db.replaceContents(rows, new Map(snapshot.autonumbers));
    org.ids.restore(new Map(snapshot.idCounters));
    return true;
}
