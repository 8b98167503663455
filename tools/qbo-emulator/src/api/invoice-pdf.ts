import type { Json } from '../store/realm';

function pdfText(text: string): string {
    return text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
}

/** A small but valid single-page PDF (correct xref offsets) showing the invoice's key figures. */
export function invoicePdf(invoice: Json, companyName: string): Buffer {
    const lines = [
        companyName,
        `Invoice ${invoice.DocNumber ?? invoice.Id}`,
        `Bill to: ${invoice.CustomerRef?.name ?? invoice.CustomerRef?.value ?? ''}`,
        `Date: ${invoice.TxnDate}   Due: ${invoice.DueDate}`,
        ...(invoice.Line ?? [])
            .filter((line: Json) => line.DetailType === 'SalesItemLineDetail')
            .map(
                (line: Json) =>
                    `${line.Description ?? line.SalesItemLineDetail?.ItemRef?.name ?? 'Item'}  ${line.Amount}`
            ),
        `Total: ${invoice.TotalAmt} ${invoice.CurrencyRef?.value ?? ''}   Balance due: ${invoice.Balance}`
    ];
    const stream = ['BT', '/F1 12 Tf', '14 TL', '50 780 Td', ...lines.map((line) => `(${pdfText(line)}) '`), 'ET'].join(
        '\n'
    );
    const objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
        `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
    ];
    let output = '%PDF-1.4\n';
    const offsets: number[] = [];
    objects.forEach((object, index) => {
        offsets.push(Buffer.byteLength(output));
        output += `${index + 1} 0 obj\n${object}\nendobj\n`;
    });
    const xrefAt = Buffer.byteLength(output);
    output += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) output += `${String(offset).padStart(10, '0')} 00000 n \n`;
    output += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    return Buffer.from(output, 'latin1');
}
