/**
 * Conformance: a subscriber org's own automation on a package's objects. The org's admin deploys triggers of their
 * own next to an installed package; they fire on the package's records like any trigger, and an addError there fails
 * the row the way a validation rule does: Database.update(records, false) returns a SaveResult with isSuccess() false
 * and a Database.Error whose status code is FIELD_CUSTOM_VALIDATION_EXCEPTION and whose message is the one given,
 * while the other rows are saved (Apex Reference › SObject Class › addError: "Marks a trigger record with a custom
 * error message and prevents any DML operation from occurring"; Apex Reference › Database.SaveResult, Database.Error;
 * Apex Developer Guide › Bulk DML Exception Handling). Here the package is the project's packaged directory and the
 * subscriber's metadata an unpackaged one.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, Runtime, runAnonymous } from '../../src';

function project(): string {
    const dir = mkdtempSync(join(tmpdir(), 'apex-rt-subscriber-'));
    writeFileSync(
        join(dir, 'sfdx-project.json'),
        JSON.stringify({
            packageDirectories: [
                { path: 'package', default: true, package: 'Package' },
                { path: 'subscriber', default: false }
            ]
        })
    );
    const objectDir = join(dir, 'package', 'objects', 'Work__c');
    mkdirSync(join(objectDir, 'fields'), { recursive: true });
    writeFileSync(
        join(objectDir, 'Work__c.object-meta.xml'),
        `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Work</label><pluralLabel>Work</pluralLabel><sharingModel>ReadWrite</sharingModel>
    <nameField><label>Work Name</label><type>Text</type></nameField>
</CustomObject>`
    );
    writeFileSync(
        join(objectDir, 'fields', 'State__c.field-meta.xml'),
        `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>State__c</fullName><label>State</label><type>Text</type><length>40</length>
</CustomField>`
    );
    mkdirSync(join(dir, 'subscriber', 'triggers'), { recursive: true });
    writeFileSync(
        join(dir, 'subscriber', 'triggers', 'Freeze.trigger'),
        `trigger Freeze on Work__c (before update) {
            for (Work__c w : Trigger.new) if (w.Name == 'frozen') w.addError('Frozen for the quarter close.');
        }`
    );
    return dir;
}

it("a subscriber org's trigger fails a package record's save with FIELD_CUSTOM_VALIDATION_EXCEPTION; the other rows are saved", async () => {
    const out: string[] = [];
    const rt = new Runtime({
        projectDir: project(),
        clock: new ManualClock(Date.UTC(2026, 10, 26, 12)),
        out: (line) => out.push(line),
        orgConfig: { runningUser: { permissionSets: [] } }
    });
    await rt.load();
    const result = runAnonymous(
        rt,
        `List<Work__c> work = new List<Work__c>{ new Work__c(Name = 'frozen'), new Work__c(Name = 'open') };
        insert work;
        for (Work__c w : work) w.State__c = 'Done';
        for (Database.SaveResult r : Database.update(work, false)) {
            System.debug(r.isSuccess() + (r.isSuccess() ? '' : ' ' + r.getErrors()[0].getStatusCode() + ' ' + r.getErrors()[0].getMessage()));
        }
        System.debug([SELECT Name, State__c FROM Work__c ORDER BY Name]);`,
        'subscriber.apex'
    );
    expect(result.error).toBeNull();
    expect(out).toEqual([
        'false FIELD_CUSTOM_VALIDATION_EXCEPTION Frozen for the quarter close.',
        'true',
        expect.stringMatching(/Name=frozen.*\}, Work__c:\{.*Name=open, State__c=Done/)
    ]);
});
