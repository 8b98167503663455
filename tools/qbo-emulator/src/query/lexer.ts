import { Faults } from '../faults/catalog';

export type TokenKind = 'word' | 'string' | 'number' | 'symbol' | 'end';

export interface Token {
    kind: TokenKind;
    text: string;
    value: string;
    column: number;
}

const SYMBOLS = ['<=', '>=', '!=', '(', ')', ',', '*', '=', '<', '>'];

/**
 * Characters QBO's query lexer refuses even inside a string literal (4000 "Invalid content. Lexical error …
 * Encountered: "\u2019" (8217)"). Observed responses name the typographic apostrophe U+2019
 * (ruckus/quickbooks-ruby#309), the en dash U+2013 (intuit/QuickBooks-V3-PHP-SDK#397) and the curly quote U+201C
 * (intuit/QuickBooks-V3-PHP-SDK#395), all from Unicode's General Punctuation block; the whole block is refused here.
 * Other non-ASCII letters (accents) are accepted.
 */
const UNLEXABLE = /[\u2000-\u206f]/;

/**
 * Tokenizes a QBO query. Strings are single-quoted with backslash escapes (\' and \\); any character
 * outside the query alphabet, such as a typographic apostrophe, is a lexical error like QBO's parser reports.
 */
export function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    const lexicalError = (at: number): never => {
        const ch = text[at];
        const code = ch.codePointAt(0)!;
        const shown = code > 126 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
        throw Faults.queryParse(
            `Lexical error at line 1, column ${at + 1}.  Encountered: "${shown}" (${code}), after : "${text.slice(Math.max(0, at - 10), at)}"`
        );
    };
    while (i < text.length) {
        const ch = text[i];
        if (/\s/.test(ch)) {
            i++;
            continue;
        }
        const start = i;
        if (ch === "'") {
            let value = '';
            i++;
            let closed = false;
            while (i < text.length) {
                const c = text[i];
                if (c === '\\') {
                    if (i + 1 >= text.length) break;
                    value += text[i + 1];
                    i += 2;
                    continue;
                }
                if (c === "'") {
                    closed = true;
                    i++;
                    break;
                }
                if (UNLEXABLE.test(c)) lexicalError(i);
                value += c;
                i++;
            }
            if (!closed) {
                throw Faults.queryParse(
                    `Lexical error at line 1, column ${text.length + 1}.  Encountered: <EOF> after : "${text.slice(start, start + 20)}"`
                );
            }
            tokens.push({ kind: 'string', text: text.slice(start, i), value, column: start + 1 });
            continue;
        }
        if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
            i++;
            while (i < text.length && /[0-9.]/.test(text[i])) i++;
            tokens.push({ kind: 'number', text: text.slice(start, i), value: text.slice(start, i), column: start + 1 });
            continue;
        }
        if (/[A-Za-z_]/.test(ch)) {
            while (i < text.length && /[A-Za-z0-9_.]/.test(text[i])) i++;
            tokens.push({ kind: 'word', text: text.slice(start, i), value: text.slice(start, i), column: start + 1 });
            continue;
        }
        const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
        if (symbol) {
            tokens.push({ kind: 'symbol', text: symbol, value: symbol, column: start + 1 });
            i += symbol.length;
            continue;
        }
        lexicalError(i);
    }
    tokens.push({ kind: 'end', text: '<EOF>', value: '', column: text.length + 1 });
    return tokens;
}
