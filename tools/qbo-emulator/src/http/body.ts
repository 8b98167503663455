/** Body parsers for the content types QBO and Intuit OAuth accept. */

export function mediaType(contentType: string | undefined): string {
    return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function parseForm(body: Buffer): URLSearchParams {
    return new URLSearchParams(body.toString('utf8'));
}

export interface MultipartPart {
    name: string;
    filename?: string;
    contentType?: string;
    headers: Record<string, string>;
    data: Buffer;
}

/** Splits a multipart/form-data body on its boundary; decodes base64 parts that say so. */
export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartPart[] {
    const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
    if (!boundaryMatch) throw new Error('multipart body without a boundary');
    const boundary = Buffer.from(`--${(boundaryMatch[1] ?? boundaryMatch[2]).trim()}`);
    const parts: MultipartPart[] = [];
    let position = body.indexOf(boundary);
    if (position < 0) throw new Error('multipart boundary not found in body');
    while (position >= 0) {
        let start = position + boundary.length;
        if (body.subarray(start, start + 2).toString() === '--') break;
        if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
        else if (body[start] === 0x0a) start += 1;
        const next = body.indexOf(boundary, start);
        if (next < 0) throw new Error('multipart body is not terminated');
        let end = next;
        if (body[end - 1] === 0x0a) end -= 1;
        if (body[end - 1] === 0x0d) end -= 1;
        parts.push(parsePart(body.subarray(start, end)));
        position = next;
    }
    return parts;
}

function parsePart(raw: Buffer): MultipartPart {
    let split = raw.indexOf('\r\n\r\n');
    let separatorLength = 4;
    if (split < 0) {
        split = raw.indexOf('\n\n');
        separatorLength = 2;
    }
    if (split < 0) throw new Error('multipart part without headers');
    const headers: Record<string, string> = {};
    for (const line of raw.subarray(0, split).toString('utf8').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const disposition = headers['content-disposition'] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    let data: Buffer = raw.subarray(split + separatorLength);
    if ((headers['content-transfer-encoding'] ?? '').toLowerCase() === 'base64') {
        data = Buffer.from(data.toString('ascii').replace(/\s+/g, ''), 'base64');
    }
    return { name, filename, contentType: headers['content-type'], headers, data };
}
