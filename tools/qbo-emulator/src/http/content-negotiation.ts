/**
 * Which body format a QuickBooks API client gets: JSON or XML (the `IntuitResponse` document).
 *
 * - Intuit, "Learn about basic REST API features" (…/docs/learn/rest-api-features): the `Accept` header is optional
 *   and names the content type of the response ("Use application/json for most API interactions").
 * - XML is what QuickBooks answers when JSON is not asked for: Intuit's .NET SDK sets `Accept: application/json`
 *   only when its serializer is JSON and sends no Accept for XML (RestHandler.cs); Intuit's PHP SDK sends
 *   `Accept: *\/*` for a query and reads XML back, and intuit/QuickBooks-V3-PHP-SDK issue 287 records the API
 *   answering XML to that request although the client wanted JSON.
 * - A `format=json|xml` query parameter picks the format whatever the Accept header says: node-quickbooks sends
 *   `format=json` on every call (index.js) because some faults otherwise came back as XML (its pull request 67).
 */
export type ResponseFormat = 'json' | 'xml';

interface MediaRange {
    type: string;
    subtype: string;
    quality: number;
    order: number;
}

const PRODUCED: { format: ResponseFormat; types: [string, string][] }[] = [
    // XML first: QuickBooks' own choice when the client leaves it open (*/* or no Accept).
    {
        format: 'xml',
        types: [
            ['application', 'xml'],
            ['text', 'xml']
        ]
    },
    { format: 'json', types: [['application', 'json']] }
];

/**
 * The format to answer in, or `undefined` when the client accepts neither JSON nor XML (the caller answers 406).
 * The highest-quality media range the client names wins; between equal ones the more specific, then the earlier.
 */
export function negotiateFormat(
    accept: string | string[] | undefined,
    formatParameter: string | null
): ResponseFormat | undefined {
    const forced = (formatParameter ?? '').toLowerCase();
    if (forced === 'json' || forced === 'xml') return forced;
    const ranges = parseAccept(Array.isArray(accept) ? accept.join(',') : accept);
    if (ranges.length === 0) return 'xml';
    let best: { format: ResponseFormat; quality: number; specificity: number; order: number } | undefined;
    for (const { format, types } of PRODUCED) {
        for (const [type, subtype] of types) {
            const range = matchingRange(ranges, type, subtype);
            if (!range || range.quality <= 0) continue;
            const specificity = (range.type === '*' ? 0 : 1) + (range.subtype === '*' ? 0 : 1);
            const better =
                !best ||
                range.quality > best.quality ||
                (range.quality === best.quality && specificity > best.specificity) ||
                (range.quality === best.quality && specificity === best.specificity && range.order < best.order);
            if (better) best = { format, quality: range.quality, specificity, order: range.order };
        }
    }
    return best?.format;
}

/** The most specific range that covers type/subtype (RFC 9110 §12.5.1: the most specific reference has precedence). */
function matchingRange(ranges: MediaRange[], type: string, subtype: string): MediaRange | undefined {
    return (
        ranges.find((r) => r.type === type && r.subtype === subtype) ??
        ranges.find((r) => r.type === type && r.subtype === '*') ??
        ranges.find((r) => r.type === '*' && r.subtype === '*')
    );
}

function parseAccept(header: string | undefined): MediaRange[] {
    const ranges: MediaRange[] = [];
    for (const [order, part] of (header ?? '').split(',').entries()) {
        const [mediaType, ...parameters] = part.split(';').map((piece) => piece.trim());
        const [type, subtype] = mediaType.toLowerCase().split('/');
        if (!type || !subtype) continue;
        const q = parameters.find((p) => /^q=/i.test(p));
        const quality = q === undefined ? 1 : Number(q.slice(2));
        ranges.push({ type, subtype, quality: Number.isFinite(quality) ? quality : 0, order });
    }
    return ranges;
}
