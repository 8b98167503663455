/**
 * The mapping spreadsheet finance teams keep, as CSV (RFC 4180). The columns are the ones
 * QBItemMappingController.previewImport reads, so an exported file imports back unchanged.
 */
export const CSV_COLUMNS = ['Product Code', 'Product Name', 'QBO Item Id', 'QBO Item Name', 'Taxable', 'Tax Code'];

/**
 * A spreadsheet runs a cell starting with = + - @, tab or carriage return as a formula; item names come from QuickBooks,
 * so such a cell gets a leading apostrophe and shows as text (OWASP, https://owasp.org/www-community/attacks/CSV_Injection).
 * The import drops that apostrophe again.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

function csvField(value: string | null | undefined): string {
    const raw = value ?? '';
    const text = FORMULA_TRIGGER.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One header line and one line per product, CRLF-separated. */
export function mappingsToCsv(rows: QbApex.MappingRow[]): string {
    const lines = rows.map((row) =>
        [
            row.productCode,
            row.productName,
            row.qbItemId,
            row.qbItemName,
            row.qbItemId ? (row.taxable ? 'Yes' : 'No') : '',
            row.taxCode
        ]
            .map(csvField)
            .join(',')
    );
    return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

/** A `data:` address the browser downloads as a file (no server round trip, works under Lightning Web Security). */
export function csvDataUrl(csv: string): string {
    return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

/** The text of a file the user picked, read in the browser. */
export function readFileText(file: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result ?? ''));
        reader.onerror = () => reject(reader.error);
        reader.readAsText(file);
    });
}
