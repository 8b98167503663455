import {
    createCustomerRequest,
    createCustomerResponseFields,
    queryCustomersChangedSince,
    sparseUpdateCustomerRequest
} from './fixtures/intuit-docs';
import { firstError, startHarness, type Harness } from './support/harness';

let h: Harness;
beforeEach(async () => {
    h = await startHarness();
});
afterEach(() => h.close());

describe('Customer (Intuit API reference: all-entities/customer)', () => {
    it('creates the documented King Groceries customer with the documented response fields', async () => {
        const response = await h.api('POST', '/customer?minorversion=75', createCustomerRequest);
        expect(response.status).toBe(200);
        expect(response.json.Customer).toMatchObject(createCustomerResponseFields);
        expect(response.json.Customer.Id).toMatch(/^\d+$/);
        expect(response.json.Customer.BillAddr).toMatchObject({
            ...createCustomerRequest.BillAddr,
            Id: expect.stringMatching(/^\d+$/)
        });
        expect(response.json.Customer.MetaData.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
        expect(response.json.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    });

    it('sparse-updates only the supplied field and increments SyncToken', async () => {
        const created = (await h.api('POST', '/customer', createCustomerRequest)).json.Customer;
        const response = await h.api('POST', '/customer', {
            ...sparseUpdateCustomerRequest,
            Id: created.Id,
            SyncToken: created.SyncToken
        });
        expect(response.status).toBe(200);
        expect(response.json.Customer).toMatchObject({
            MiddleName: 'Mark',
            GivenName: 'James',
            SyncToken: '1',
            DisplayName: "King's Groceries"
        });
    });

    it('full update sets omitted writable fields to null', async () => {
        const created = (await h.api('POST', '/customer', createCustomerRequest)).json.Customer;
        const response = await h.api('POST', '/customer', {
            Id: created.Id,
            SyncToken: '0',
            DisplayName: "King's Groceries"
        });
        expect(response.status).toBe(200);
        expect(response.json.Customer.GivenName).toBeUndefined();
        expect(response.json.Customer.BillAddr).toBeUndefined();
    });

    it('rejects a stale SyncToken with 5010 Stale Object Error', async () => {
        const created = (await h.api('POST', '/customer', createCustomerRequest)).json.Customer;
        await h.api('POST', '/customer', { Id: created.Id, SyncToken: '0', sparse: true, Notes: 'first' });
        const stale = await h.api('POST', '/customer', {
            Id: created.Id,
            SyncToken: '0',
            sparse: true,
            Notes: 'second'
        });
        expect(stale.status).toBe(400);
        expect(firstError(stale)).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    });

    it('rejects a duplicate DisplayName with 6240 Duplicate Name Exists Error naming the existing Id', async () => {
        const created = (await h.api('POST', '/customer', createCustomerRequest)).json.Customer;
        const duplicate = await h.api('POST', '/customer', { DisplayName: "king's groceries" });
        expect(duplicate.status).toBe(400);
        expect(duplicate.json.Fault.type).toBe('ValidationFault');
        expect(firstError(duplicate)).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
        expect(firstError(duplicate).Detail).toMatch(new RegExp(`Id=${created.Id}$`));
    });

    // Customer.DisplayName: "Must be unique across all Customer, Vendor, and Employee objects" (API reference); Intuit's
    // batch sample answers a vendor create whose name a customer holds with 6240 "Another customer, vendor or employee
    // is already using this name".
    it('refuses a customer named like a vendor or an employee (any case) with 6240, also on a rename', async () => {
        const seeded = h.emulator.admin.seed(h.realm, {
            vendors: [{ DisplayName: 'Jane Smith' }, { DisplayName: 'Old Supplier', Active: false }],
            employees: [{ DisplayName: 'Sam Lee' }]
        });
        const vendorId = seeded.vendors[0].Id;
        const asVendor = await h.api('POST', '/customer', { DisplayName: 'jane smith' });
        expect(asVendor.status).toBe(400);
        expect(firstError(asVendor)).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
        expect(firstError(asVendor).Detail).toMatch(new RegExp(`Id=${vendorId}$`));
        expect(firstError(await h.api('POST', '/customer', { DisplayName: 'Sam Lee' })).code).toBe('6240');
        const batch = await h.api('POST', '/batch', {
            BatchItemRequest: [{ bId: '1', operation: 'create', Customer: { DisplayName: 'Sam Lee' } }]
        });
        expect(batch.json.BatchItemResponse[0].Fault.Error[0].code).toBe('6240');
        const created = (await h.api('POST', '/customer', { DisplayName: 'Jane Smith Ltd' })).json.Customer;
        const renamed = await h.api('POST', '/customer', {
            Id: created.Id,
            SyncToken: created.SyncToken,
            sparse: true,
            DisplayName: 'Jane Smith'
        });
        expect(firstError(renamed).code).toBe('6240');
        // The customer lookup the sync engine repeats after a 6240 finds no customer: the name is a vendor's.
        const lookup = await h.api(
            'POST',
            '/query',
            "SELECT * FROM Customer WHERE DisplayName = 'Jane Smith' AND Active IN (true, false)",
            {
                contentType: 'application/text'
            }
        );
        expect(lookup.json.QueryResponse).toEqual({});
        // A vendor made inactive is shown as "Old Supplier (deleted)": its old name is free again.
        expect((await h.api('POST', '/customer', { DisplayName: 'Old Supplier' })).status).toBe(200);
    });

    it('refuses an invoice for a customer made inactive with 610 naming no record, as QuickBooks does', async () => {
        const created = (await h.api('POST', '/customer', { DisplayName: 'Gone Co' })).json.Customer;
        await h.api('POST', '/customer', { Id: created.Id, SyncToken: created.SyncToken, sparse: true, Active: false });
        const refused = await h.api('POST', '/invoice', {
            CustomerRef: { value: created.Id },
            Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: '1' } } }]
        });
        expect(refused.status).toBe(400);
        expect(firstError(refused)).toMatchObject({
            code: '610',
            Message: 'Object Not Found',
            Detail: "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees."
        });
        expect(firstError(refused).element ?? '').toBe('');
        const read = (await h.api('GET', `/customer/${created.Id}`)).json.Customer;
        expect(read).toMatchObject({ Active: false, DisplayName: 'Gone Co (deleted)' });
    });

    it('rejects a colon in DisplayName (business rule: no colon, tab or newline)', async () => {
        const response = await h.api('POST', '/customer', { DisplayName: 'Parent:Child' });
        expect(response.status).toBe(400);
        expect(firstError(response).element).toBe('DisplayName');
    });

    it('requires DisplayName or a name component (2020)', async () => {
        const response = await h.api('POST', '/customer', { CompanyName: 'Only a company' });
        expect(response.status).toBe(400);
        expect(firstError(response).code).toBe('2020');
    });

    it('generates DisplayName from the name components when absent', async () => {
        const response = await h.api('POST', '/customer', { Title: 'Dr', GivenName: 'Ada', FamilyName: 'Lovelace' });
        expect(response.json.Customer.DisplayName).toBe('Dr Ada Lovelace');
    });

    it('rejects an email without @ and dot', async () => {
        const response = await h.api('POST', '/customer', {
            DisplayName: 'Mail Co',
            PrimaryEmailAddr: { Address: 'not-an-address' }
        });
        expect(response.status).toBe(400);
        expect(firstError(response).element).toBe('PrimaryEmailAddr.Address');
    });

    it('keeps CurrencyRef fixed once set', async () => {
        const created = (await h.api('POST', '/customer', { DisplayName: 'Dollar Co' })).json.Customer;
        const response = await h.api('POST', '/customer', {
            Id: created.Id,
            SyncToken: '0',
            sparse: true,
            CurrencyRef: { value: 'EUR' }
        });
        expect(response.status).toBe(400);
        expect(firstError(response).element).toBe('CurrencyRef');
    });

    it('rejects an unknown property with 2010', async () => {
        const response = await h.api('POST', '/customer', { DisplayName: 'Typo Co', DisplayNme: 'x' });
        expect(response.status).toBe(400);
        expect(firstError(response).code).toBe('2010');
        expect(firstError(response).Detail).toContain('DisplayNme');
    });

    it('rejects a DisplayName over 500 characters with 2050', async () => {
        const response = await h.api('POST', '/customer', { DisplayName: 'x'.repeat(501) });
        expect(firstError(response).code).toBe('2050');
    });

    it('reads a customer and answers 610 Object Not Found for an unknown id', async () => {
        const created = (await h.api('POST', '/customer', createCustomerRequest)).json.Customer;
        expect((await h.api('GET', `/customer/${created.Id}`)).json.Customer.DisplayName).toBe("King's Groceries");
        const missing = await h.api('GET', '/customer/999');
        expect(missing.status).toBe(400);
        expect(firstError(missing).code).toBe('610');
    });

    it('answers the documented Metadata.LastUpdatedTime query', async () => {
        await h.api('POST', '/customer', createCustomerRequest);
        const response = await h.api('GET', `/query?query=${encodeURIComponent(queryCustomersChangedSince)}`);
        expect(response.status).toBe(200);
        expect(response.json.QueryResponse.Customer).toHaveLength(1);
        expect(response.json.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 1 });
    });

    it('marks an inactivated customer "(deleted)" and hides it from default queries', async () => {
        const created = (await h.api('POST', '/customer', { DisplayName: 'Gone Co' })).json.Customer;
        const inactive = await h.api('POST', '/customer', {
            Id: created.Id,
            SyncToken: '0',
            sparse: true,
            Active: false
        });
        expect(inactive.json.Customer.DisplayName).toBe('Gone Co (deleted)');
        const active = await h.api(
            'GET',
            `/query?query=${encodeURIComponent("select * from Customer where DisplayName LIKE 'Gone%'")}`
        );
        expect(active.json.QueryResponse).toEqual({});
        const all = await h.api(
            'GET',
            `/query?query=${encodeURIComponent("select * from Customer where Active IN (true, false) AND DisplayName LIKE 'Gone%'")}`
        );
        expect(all.json.QueryResponse.Customer).toHaveLength(1);
    });
});
