import { startHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
    h = await startHarness();
    h.emulator.admin.setRateLimits({ perRealmAppPerSecond: 100_000, perRealmPerMinute: 100_000 });
    h.emulator.admin.seed(h.realm, { customers: [{ DisplayName: 'Fuzz Customer' }] });
});
afterAll(() => h.close());

/** Values of the wrong shape that a careless client could send in any field. */
const WRONG_VALUES: unknown[] = [null, 0, -1, 'text', '', true, [], {}, [null], [{}], { value: null }, { value: {} }];

const BASES: Record<string, Record<string, unknown>> = {
    customer: {
        DisplayName: 'Base Co',
        PrimaryEmailAddr: { Address: 'a@b.co' },
        BillAddr: { Line1: 'x' },
        CurrencyRef: { value: 'USD' }
    },
    item: { Name: 'Base Item', Type: 'Service', IncomeAccountRef: { value: '1' }, UnitPrice: 1 },
    invoice: {
        CustomerRef: { value: '1' },
        DocNumber: 'B-1',
        TxnDate: '2026-01-15',
        BillEmail: { Address: 'a@b.co' },
        CustomerMemo: { value: 'm' },
        Line: [
            {
                DetailType: 'SalesItemLineDetail',
                Amount: 10,
                SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 10 }
            },
            { DetailType: 'DiscountLineDetail', Amount: 1, DiscountLineDetail: { PercentBased: false } }
        ]
    },
    payment: {
        CustomerRef: { value: '1' },
        TotalAmt: 1,
        Line: [{ Amount: 1, LinkedTxn: [{ TxnId: '1', TxnType: 'Invoice' }] }]
    },
    attachable: { Note: 'n', AttachableRef: [{ EntityRef: { type: 'Customer', value: '1' } }] }
};

/** Every top-level field, and the fields of the first line, replaced in turn by each wrong value. */
function mutations(base: Record<string, unknown>): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const key of Object.keys(base)) for (const value of WRONG_VALUES) out.push({ ...base, [key]: value });
    const lines = base.Line as Record<string, unknown>[] | undefined;
    if (lines) {
        for (const key of Object.keys(lines[0])) {
            for (const value of WRONG_VALUES)
                out.push({ ...base, Line: [{ ...lines[0], [key]: value }, ...lines.slice(1)] });
        }
        const detail = (lines[0].SalesItemLineDetail ?? {}) as Record<string, unknown>;
        for (const key of Object.keys(detail)) {
            for (const value of WRONG_VALUES) {
                out.push({ ...base, Line: [{ ...lines[0], SalesItemLineDetail: { ...detail, [key]: value } }] });
            }
        }
    }
    return out;
}

describe('malformed input never crashes the emulator (no 500 SystemFault from an emulator bug)', () => {
    for (const [entity, base] of Object.entries(BASES)) {
        it(`answers every wrong-shaped ${entity} with a 200 or a QBO 4xx fault`, async () => {
            const statuses = new Set<number>();
            for (const body of mutations(base)) {
                const response = await h.api('POST', `/${entity}`, body);
                statuses.add(response.status);
                if (response.status >= 500)
                    throw new Error(`${response.status} for ${JSON.stringify(body)}: ${response.text}`);
                if (response.status !== 200) expect(response.json.Fault.Error[0].code).toMatch(/^\d+$/);
            }
            expect([...statuses].some((s) => s === 400)).toBe(true);
        });
    }

    it('answers wrong-shaped batch items per item without failing the batch', async () => {
        const items = [
            null,
            1,
            'x',
            {},
            { bId: 'a' },
            { bId: 'b', Query: 5 },
            { bId: 'c', operation: 'create', Invoice: 'x' },
            { bId: 'd', Invoice: {} }
        ];
        const response = await h.api('POST', '/batch', { BatchItemRequest: items });
        expect(response.status).toBe(200);
        expect(response.json.BatchItemResponse).toHaveLength(items.length);
    });

    it('answers wrong-shaped queries with 4000/4001, never 500', async () => {
        const statements = [
            '',
            'select',
            'select * from',
            'select * from Customer where',
            "select * from Customer where Id = '1' and",
            'select * from Customer maxresults x',
            'select * from Customer where Id in ()',
            "select * from Customer where Id = '",
            'select count( from Customer',
            "select * from Customer where MetaData.CreateTime > 'not a date'"
        ];
        for (const statement of statements) {
            const response = await h.api('POST', '/query', statement, { contentType: 'application/text' });
            expect(response.status).toBeLessThan(500);
        }
    });
});
