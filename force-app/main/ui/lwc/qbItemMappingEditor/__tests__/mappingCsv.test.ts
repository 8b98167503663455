import { csvDataUrl, mappingsToCsv, readFileText } from '../mappingCsv';

const ROW = {
    product2Id: '01t5gA000000001ABA',
    productName: 'Kit',
    productCode: 'K-1',
    family: null,
    mappingId: null,
    realmId: '9130350000000001',
    qbItemId: '31',
    qbItemName: 'Hardware',
    taxable: true,
    taxCode: 'TAX',
    status: 'Mapped'
};

describe('mappingsToCsv', () => {
    it('writes the header the import reads and Yes/No for a mapped product', () => {
        expect(mappingsToCsv([ROW])).toBe(
            'Product Code,Product Name,QBO Item Id,QBO Item Name,Taxable,Tax Code\r\nK-1,Kit,31,Hardware,Yes,TAX\r\n'
        );
        expect(mappingsToCsv([{ ...ROW, taxable: false }])).toContain('K-1,Kit,31,Hardware,No,TAX');
    });

    it('quotes commas, quotes and line breaks, and leaves Taxable empty without an item', () => {
        const csv = mappingsToCsv([
            { ...ROW, productName: 'Line\nbreak', qbItemName: 'A "quoted", item', qbItemId: null, taxCode: null }
        ]);
        expect(csv.split('\r\n')[1]).toBe('K-1,"Line\nbreak",,"A ""quoted"", item",,');
        expect(mappingsToCsv([{ ...ROW, productName: 'Carriage\rreturn' }])).toContain('"Carriage\rreturn"');
    });

    it('keeps cells starting with = + - @ tab or CR from running as spreadsheet formulas', () => {
        const csv = mappingsToCsv([
            {
                ...ROW,
                productCode: '=HYPERLINK("https://evil.example","Open")',
                productName: '-10% Discount',
                qbItemName: '@SUM(1+1)',
                taxCode: '+1'
            }
        ]);
        expect(csv.split('\r\n')[1]).toBe(
            `"'=HYPERLINK(""https://evil.example"",""Open"")",'-10% Discount,31,'@SUM(1+1),Yes,'+1`
        );
        expect(mappingsToCsv([{ ...ROW, productName: '\tTabbed' }])).toContain(",'\tTabbed,");
        expect(mappingsToCsv([{ ...ROW, productName: '\rReturn' }])).toContain(`,"'\rReturn",`);
        expect(mappingsToCsv([{ ...ROW, productName: 'Kit - Pro' }])).toContain(',Kit - Pro,');
    });

    it('writes only the header when there are no products', () => {
        expect(mappingsToCsv([])).toBe('Product Code,Product Name,QBO Item Id,QBO Item Name,Taxable,Tax Code\r\n');
    });
});

describe('csvDataUrl', () => {
    it('encodes the file for a download link', () => {
        expect(csvDataUrl('a,b\r\n#1 & 2')).toBe('data:text/csv;charset=utf-8,a%2Cb%0D%0A%231%20%26%202');
    });
});

describe('readFileText', () => {
    it('reads the text of a picked file', async () => {
        await expect(readFileText(new Blob(['Product Code\r\nK-1']))).resolves.toBe('Product Code\r\nK-1');
    });
});
