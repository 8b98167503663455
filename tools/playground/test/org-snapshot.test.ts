import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApexDate, ApexDatetime, createOrg, Decimal } from '../../apex-runtime/src';
import { loadOrgSnapshot, saveOrg } from '../src/org/org-snapshot';
import { PLAYGROUND_ORG_DIR } from '../src/environment';

describe('org snapshot', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pg-snapshot-')), 'org.json');

    it('restores records with their Apex value types, Ids and autonumbers, and new records get new Ids', () => {
        const org = createOrg({ projectDir: PLAYGROUND_ORG_DIR });
        const account = org.newSObject('Account');
        account.put('Name', 'Café Zürich GmbH');
        const [accountResult] = org.dml('insert', [account]);
        const opp = org.newSObject('Opportunity');
        opp.put('Name', "O'Brien & Sons");
        opp.put('StageName', 'Prospecting');
        opp.put('CloseDate', ApexDate.of(2026, 12, 15));
        opp.put('AccountId', accountResult.id);
        opp.put('QB_Synced_Amount__c', Decimal.parse('1.10'));
        opp.put('QB_Last_Synced_At__c', new ApexDatetime(Date.UTC(2026, 10, 26, 23, 0, 0)));
        const [oppResult] = org.dml('insert', [opp]);
        const request = org.newSObject('QB_Sync_Request__c');
        request.put('Opportunity__c', oppResult.id);
        org.dml('insert', [request]);
        saveOrg(org, file);

        const restored = createOrg({ projectDir: PLAYGROUND_ORG_DIR });
        expect(loadOrgSnapshot(restored, file)).toBe(true);
        const row = restored.db.get(oppResult.id)!;
        const amount = row.slots.get('qb_synced_amount__c')!.value as Decimal;
        expect(amount).toBeInstanceOf(Decimal);
        expect(amount.toString()).toBe('1.10');
        expect(String(row.slots.get('closedate')!.value)).toBe('2026-12-15');
        expect((row.slots.get('qb_last_synced_at__c')!.value as ApexDatetime).epochMs).toBe(
            Date.UTC(2026, 10, 26, 23, 0, 0)
        );
        expect(row.slots.get('name')!.value).toBe("O'Brien & Sons");

        const next = restored.newSObject('QB_Sync_Request__c');
        next.put('Opportunity__c', oppResult.id);
        const [nextResult] = restored.dml('insert', [next]);
        expect(nextResult.id).not.toBe(request.get('Id'));
        expect(restored.db.get(nextResult.id!)!.slots.get('name')!.value).toBe('SR-000002');
    });

    it('reports that there is nothing to load for a missing file', () => {
        const org = createOrg({ projectDir: PLAYGROUND_ORG_DIR });
        expect(loadOrgSnapshot(org, path.join(os.tmpdir(), 'no-such-playground-org.json'))).toBe(false);
    });
});
