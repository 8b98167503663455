/**
 * Conformance: Salesforce Files from Apex and binary callout answers, as the package saves a QuickBooks invoice PDF
 * on an Opportunity. Object Reference › ContentVersion (FirstPublishLocationId: where the version is first published;
 * inserting the first version creates its ContentDocument, and a record as first publish location shares the file
 * with that record through a ContentDocumentLink); Apex Reference › HttpResponse Class (getBodyAsBlob: the body
 * returned in the response as a Blob).
 */
import { Runtime } from '../src/interpreter/runtime';
import { runAnonymous } from '../src/interpreter/anonymous';
import { ManualClock } from '../src/values/clock';
import { execApex, makeProject, startCalloutServer } from './harness';

async function debug(source: string): Promise<string[]> {
    const r = await execApex(source);
    if (r.error) throw new Error(r.error);
    return r.out;
}

describe('ContentVersion with FirstPublishLocationId (Object Reference › ContentVersion)', () => {
    it('insert creates the ContentDocument and links it to the record; size, extension and title are derived', async () => {
        const out = await debug(`
            Opportunity deal = new Opportunity(Name = 'Deal', StageName = 'Prospecting', CloseDate = Date.today());
            insert deal;
            ContentVersion version = new ContentVersion(
                Title = 'QuickBooks invoice 1001',
                PathOnClient = 'QuickBooks invoice 1001.pdf',
                VersionData = EncodingUtil.base64Decode('JVBERi0xLjQK/+7/AAEC'),
                FirstPublishLocationId = deal.Id
            );
            insert version;
            ContentVersion stored = [SELECT ContentDocumentId, ContentSize, FileExtension, IsLatest FROM ContentVersion WHERE Id = :version.Id];
            System.debug(stored.ContentDocumentId != null);
            System.debug(stored.ContentSize);
            System.debug(stored.FileExtension);
            System.debug(stored.IsLatest);
            List<ContentDocumentLink> links = [
                SELECT ContentDocumentId, ContentDocument.Title, ContentDocument.LatestPublishedVersionId
                FROM ContentDocumentLink WHERE LinkedEntityId = :deal.Id
            ];
            System.debug(links.size());
            System.debug(links[0].ContentDocumentId == stored.ContentDocumentId);
            System.debug(links[0].ContentDocument.Title);
            System.debug(links[0].ContentDocument.LatestPublishedVersionId == version.Id);
            ContentVersion read = [SELECT VersionData FROM ContentVersion WHERE Id = :version.Id];
            System.debug(EncodingUtil.base64Encode(read.VersionData));`);
        expect(out).toEqual([
            'true',
            '15',
            'pdf',
            'true',
            '1',
            'true',
            'QuickBooks invoice 1001',
            'true',
            'JVBERi0xLjQK/+7/AAEC'
        ]);
    });

    it('several versions inserted at once each get their own document and link', async () => {
        const out = await debug(`
            Account a = new Account(Name = 'A');
            Account b = new Account(Name = 'B');
            insert new List<Account>{ a, b };
            insert new List<ContentVersion>{
                new ContentVersion(Title = 'One', PathOnClient = 'one.pdf', VersionData = Blob.valueOf('1'), FirstPublishLocationId = a.Id),
                new ContentVersion(Title = 'Two', PathOnClient = 'two.pdf', VersionData = Blob.valueOf('2'), FirstPublishLocationId = b.Id)
            };
            System.debug([SELECT COUNT() FROM ContentDocument]);
            System.debug([SELECT ContentDocument.Title FROM ContentDocumentLink WHERE LinkedEntityId = :b.Id].ContentDocument.Title);`);
        expect(out).toEqual(['2', 'Two']);
    });
});

describe('deleting a ContentDocument (Object Reference › ContentDocument)', () => {
    it('deletes its versions and its links to records', async () => {
        const out = await debug(`
            Account a = new Account(Name = 'A');
            insert a;
            insert new ContentVersion(Title = 'T', PathOnClient = 't.pdf', VersionData = Blob.valueOf('x'), FirstPublishLocationId = a.Id);
            delete [SELECT Id FROM ContentDocument];
            System.debug([SELECT COUNT() FROM ContentDocumentLink WHERE LinkedEntityId = :a.Id]);
            System.debug([SELECT COUNT() FROM ContentVersion]);`);
        expect(out).toEqual(['0', '0']);
    });
});

describe('HttpResponse.getBodyAsBlob (Apex Reference › HttpResponse Class)', () => {
    let server: { base: string; stop: () => void };
    let base = '';
    beforeAll(async () => {
        server = await startCalloutServer(
            "(q, s) => { s.writeHead(200, { 'Content-Type': 'application/pdf' }); s.end(Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00, 0x80])); }"
        );
        base = server.base;
    });
    afterAll(() => {
        server.stop();
    });

    it('keeps every byte of a binary answer, including bytes that are not UTF-8', async () => {
        const out: string[] = [];
        const rt = new Runtime({
            projectDir: makeProject(),
            clock: new ManualClock(Date.UTC(2026, 11, 3, 12)),
            out: (l) => out.push(l),
            orgConfig: { runningUser: { permissionSets: [] }, namedCredentials: { Local: { url: base } } }
        });
        await rt.load();
        const r = runAnonymous(
            rt,
            `HttpRequest request = new HttpRequest();
            request.setMethod('GET');
            request.setEndpoint('callout:Local/invoice/130/pdf');
            request.setHeader('Accept', 'application/pdf');
            HttpResponse response = new Http().send(request);
            System.debug(response.getHeader('Content-Type'));
            Blob body = response.getBodyAsBlob();
            System.debug(body.size());
            System.debug(EncodingUtil.convertToHex(body));`,
            'pdf.apex'
        );
        expect(r.error).toBeNull();
        expect(out).toEqual(['application/pdf', '8', '25504446fffe0080']);
    });
});

describe('Callout size limit (Apex Developer Guide › Execution Governors and Limits: 6 MB synchronous, 12 MB asynchronous)', () => {
    let server: { base: string; stop: () => void };
    beforeAll(async () => {
        server = await startCalloutServer(
            "(q, s) => { let n = 0; q.on('data', (c) => { n += c.length; }); q.on('end', () => { const size = Number(new URL(q.url, 'http://x').searchParams.get('size') || 2); s.writeHead(200, { 'X-Received': String(n) }); s.end(Buffer.alloc(size, 0x61)); }); }"
        );
    });
    afterAll(() => {
        server.stop();
    });

    async function run(source: string): Promise<{ out: string[]; error: string | null; asyncErrors: string[] }> {
        const out: string[] = [];
        const rt = new Runtime({
            projectDir: makeProject({
                Big: `public class Big implements Queueable, Database.AllowsCallouts {
                    public void execute(QueueableContext c) {
                        HttpRequest r = new HttpRequest(); r.setMethod('POST'); r.setEndpoint('callout:Local/echo?size=2');
                        r.setBody('\\u00e9'.repeat(3100000));
                        System.debug('async request sent, server got ' + new Http().send(r).getHeader('X-Received'));
                    }
                }`
            }),
            clock: new ManualClock(Date.UTC(2026, 11, 3, 12)),
            out: (l) => out.push(l),
            orgConfig: { runningUser: { permissionSets: [] }, namedCredentials: { Local: { url: server.base } } }
        });
        await rt.load();
        const r = runAnonymous(rt, source, 'size.apex');
        return { out, error: r.error, asyncErrors: r.asyncErrors };
    }

    it('refuses a synchronous response or request over 6,000,000 bytes; a Queueable may send 6.2 MB', async () => {
        const r = await run(
            `HttpRequest get = new HttpRequest(); get.setMethod('GET'); get.setEndpoint('callout:Local/big?size=6000001');
            try { new Http().send(get); } catch (CalloutException e) { System.debug(e.getMessage()); }
            HttpRequest post = new HttpRequest(); post.setMethod('POST'); post.setEndpoint('callout:Local/echo');
            post.setBody('\\u00e9'.repeat(3100000));
            try { new Http().send(post); } catch (CalloutException e) { System.debug(e.getMessage()); }
            System.enqueueJob(new Big());`
        );
        expect([r.error, r.asyncErrors]).toEqual([null, []]);
        expect(r.out).toEqual([
            'Exceeded max size limit of 6000000 with response size 6000001',
            'Exceeded max size limit of 6000000 with request size 6200000',
            'async request sent, server got 6200000'
        ]);
    });
});
