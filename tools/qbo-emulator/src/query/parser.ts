import { Faults } from '../faults/catalog';
import { tokenize, type Token } from './lexer';

export type Literal = string | number | boolean;

export interface Condition {
    field: string;
    operator: '=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';
    values: Literal[];
}

export interface Query {
    count: boolean;
    entity: string;
    where: Condition[];
    orderBy: { field: string; descending: boolean }[];
    startPosition: number;
    maxResults: number;
}

export const MAX_RESULTS_LIMIT = 1000;
const DEFAULT_MAX_RESULTS = 100;

/** Parses `SELECT * | COUNT(*) FROM E [WHERE c AND …] [ORDERBY f [ASC|DESC], …] [STARTPOSITION n] [MAXRESULTS n]`. */
export function parseQuery(text: string): Query {
    const tokens = tokenize(text);
    let position = 0;
    const peek = (): Token => tokens[position];
    const next = (): Token => tokens[position++];
    const fail = (token: Token, expecting: string): never => {
        const shown = token.kind === 'end' ? '<EOF>' : `"${token.text}"`;
        throw Faults.queryParse(
            `Encountered ${shown} at line 1, column ${token.column}.\nWas expecting one of:\n    ${expecting}`
        );
    };
    const isWord = (token: Token, word: string): boolean => token.kind === 'word' && token.value.toUpperCase() === word;
    const expectWord = (word: string): void => {
        const token = next();
        if (!isWord(token, word)) fail(token, `"${word.toLowerCase()}" ...`);
    };
    const expectSymbol = (symbol: string): void => {
        const token = next();
        if (token.kind !== 'symbol' || token.value !== symbol) fail(token, `"${symbol}" ...`);
    };

    expectWord('SELECT');
    let count = false;
    const projection = next();
    if (projection.kind === 'symbol' && projection.value === '*') count = false;
    else if (isWord(projection, 'COUNT')) {
        expectSymbol('(');
        expectSymbol('*');
        expectSymbol(')');
        count = true;
    } else if (projection.kind === 'word') {
        throw Faults.queryParse(
            `Encountered "${projection.text}" at line 1, column ${projection.column}. Projections are not supported; use SELECT * or SELECT COUNT(*)`
        );
    } else fail(projection, '"*" ...\n    "count" ...');
    expectWord('FROM');
    const entityToken = next();
    if (entityToken.kind !== 'word') fail(entityToken, '<ID> ...');

    const where: Condition[] = [];
    if (isWord(peek(), 'WHERE')) {
        next();
        do {
            where.push(parseCondition());
        } while (isWord(peek(), 'AND') && next());
        if (isWord(peek(), 'OR') || isWord(peek(), 'NOT'))
            fail(peek(), '"and" ...\n    "orderby" ...\n    "startposition" ...\n    "maxresults" ...');
    }
    const orderBy: Query['orderBy'] = [];
    if (isWord(peek(), 'ORDERBY')) {
        next();
        do {
            const field = next();
            if (field.kind !== 'word') fail(field, '<ID> ...');
            let descending = false;
            if (isWord(peek(), 'DESC')) {
                next();
                descending = true;
            } else if (isWord(peek(), 'ASC')) next();
            orderBy.push({ field: field.value, descending });
        } while (peek().kind === 'symbol' && peek().value === ',' && next());
    }
    let startPosition = 1;
    let maxResults = DEFAULT_MAX_RESULTS;
    for (let clause = 0; clause < 2; clause++) {
        if (isWord(peek(), 'STARTPOSITION')) {
            next();
            // QuickBooks accepts STARTPOSITION 0 and reads it as 1 (observed by python-quickbooks, pull request 177,
            // "the 0 value for start_position is accepted by the API … The API considers it as 1").
            startPosition = Math.max(1, wholeNumber(next(), fail));
        } else if (isWord(peek(), 'MAXRESULTS')) {
            next();
            maxResults = positiveInteger(next(), fail);
            // QuickBooks refuses a page over its limit instead of shortening it, as a recorded answer shows
            // ("QueryValidationError: value 1500 is too large. Max allowed value is 1000", quickbooks-ruby issue 24).
            if (maxResults > MAX_RESULTS_LIMIT) {
                throw Faults.queryValidation(
                    `value ${maxResults} is too large. Max allowed value is ${MAX_RESULTS_LIMIT}`
                );
            }
        }
    }
    if (peek().kind !== 'end') fail(peek(), '<EOF>');
    return { count, entity: entityToken.value, where, orderBy, startPosition, maxResults };

    function parseCondition(): Condition {
        const field = next();
        if (field.kind !== 'word') fail(field, '<ID> ...');
        const operatorToken = next();
        let operator: Condition['operator'];
        if (operatorToken.kind === 'symbol' && ['=', '<', '>', '<=', '>='].includes(operatorToken.value)) {
            operator = operatorToken.value as Condition['operator'];
        } else if (isWord(operatorToken, 'LIKE')) operator = 'LIKE';
        else if (isWord(operatorToken, 'IN')) operator = 'IN';
        else
            return fail(
                operatorToken,
                '"=" ...\n    "<" ...\n    ">" ...\n    "<=" ...\n    ">=" ...\n    "in" ...\n    "like" ...'
            );
        if (operator === 'IN') {
            expectSymbol('(');
            const values: Literal[] = [literal(next())];
            while (peek().kind === 'symbol' && peek().value === ',') {
                next();
                values.push(literal(next()));
            }
            expectSymbol(')');
            return { field: field.value, operator, values };
        }
        return { field: field.value, operator, values: [literal(next())] };
    }

    function literal(token: Token): Literal {
        if (token.kind === 'string') return token.value;
        if (token.kind === 'number') return Number(token.value);
        if (isWord(token, 'TRUE')) return true;
        if (isWord(token, 'FALSE')) return false;
        return fail(token, '<STRING> ...\n    <NUMBER> ...\n    "true" ...\n    "false" ...');
    }
}

function wholeNumber(token: Token, fail: (token: Token, expecting: string) => never): number {
    if (token.kind !== 'number' || !/^\d+$/.test(token.value)) return fail(token, '<INTEGER> ...');
    return Number(token.value);
}

function positiveInteger(token: Token, fail: (token: Token, expecting: string) => never): number {
    const value = wholeNumber(token, fail);
    return value < 1 ? fail(token, '<INTEGER> ...') : value;
}
