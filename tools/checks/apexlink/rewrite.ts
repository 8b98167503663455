/**
 * Faithful source rewrites that let apexlink 2.3.7 type-check Apex syntax newer than its parser.
 *
 * Every rewrite keeps the line of every token unchanged (only columns may move), so apexlink's
 * line numbers point at the original source. Each rewrite states the platform type rule it encodes:
 *
 * - `L ?? R` becomes `(L != null ? L : R)`. apexlink types the conditional from both branches and
 *   reports "Incompatible types in ternary operation" when R does not fit L, so a wrong type on
 *   either side still fails. The second copy of L is flattened onto one line.
 * - `WITH USER_MODE` / `WITH SYSTEM_MODE` in inline SOQL and `as user` / `as system` on DML
 *   statements are blanked out: they choose the sharing/FLS mode at run time and do not change
 *   the type of any expression.
 * - `T__mdt.getAll()` becomes `((Map<String, T__mdt>) T__mdt.getAll())` and
 *   `T__mdt.getInstance(x)` becomes `((T__mdt) T__mdt.getInstance(x))`: exactly the return types
 *   the Apex reference documents for custom metadata types. apexlink returns `Map<String, SObject>`
 *   and `SObject` instead. The cast names the same type `T__mdt`, so an unknown metadata type or an
 *   assignment to a different type is still reported.
 */
import {
    AccessLevelContext,
    ApexErrorListener,
    ApexParser,
    ApexParserFactory,
    CoalExpressionContext,
    DotExpressionContext,
    WithClauseContext,
    type ApexParserRuleContext as ParserRuleContext,
    type ApexParseTree as ParseTree,
    type ApexToken as Token
} from '@apexdevtools/apex-parser';

interface Special {
    ctx: ParserRuleContext;
    render: (flat: boolean) => string;
}

export class ApexRewriteSyntaxError extends Error {}

class CollectingErrorListener extends ApexErrorListener {
    readonly errors: string[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.errors.push(`line ${line}:${column} ${msg}`);
    }
}

export interface RewriteResult {
    text: string;
    rewrites: number;
}

/** Rewrites one class or trigger; throws ApexRewriteSyntaxError when the source does not parse. */
export function rewriteApexSource(source: string, kind: 'class' | 'trigger'): RewriteResult {
    const listener = new CollectingErrorListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    const tree = kind === 'trigger' ? parser.triggerUnit() : parser.compilationUnit();
    if (listener.errors.length > 0) {
        throw new ApexRewriteSyntaxError(listener.errors.join('\n'));
    }
    const tokens = (parser.getTokenStream() as unknown as { tokens: Token[] }).tokens;
    const specials = new Map<number, Special[]>();
    const add = (ctx: ParserRuleContext, render: (flat: boolean) => string) => {
        const list = specials.get(ctx.start.tokenIndex) ?? [];
        list.push({ ctx, render });
        specials.set(ctx.start.tokenIndex, list);
    };

    const renderRange = (from: number, to: number, flat: boolean, self?: ParserRuleContext): string => {
        let out = '';
        let i = from;
        while (i <= to) {
            const candidates = (specials.get(i) ?? []).filter(
                (s) => s.ctx !== self && s.ctx.stop != null && s.ctx.stop.tokenIndex <= to
            );
            if (candidates.length > 0) {
                const outer = candidates.reduce((a, b) => (b.ctx.stop!.tokenIndex > a.ctx.stop!.tokenIndex ? b : a));
                out += outer.render(flat);
                i = outer.ctx.stop!.tokenIndex + 1;
                continue;
            }
            const token = tokens[i];
            if (token.type !== ApexParser.EOF) {
                const text = token.text ?? '';
                out += flat && token.channel !== 0 ? ' ' : text;
            }
            i++;
        }
        return out;
    };
    const renderCtx = (ctx: ParserRuleContext, flat: boolean, self?: ParserRuleContext) =>
        renderRange(ctx.start.tokenIndex, ctx.stop!.tokenIndex, flat, self);
    const blank = (ctx: ParserRuleContext) => (flat: boolean) =>
        flat ? ' ' : renderCtx(ctx, false, ctx).replace(/[^\n]/g, ' ');

    const visit = (node: ParseTree) => {
        if (node instanceof CoalExpressionContext) {
            const left = node.expression(0);
            const right = node.expression(1);
            add(
                node,
                (flat) => `(${renderCtx(left, flat)} != null ? ${renderCtx(left, true)} : ${renderCtx(right, flat)})`
            );
        } else if (node instanceof WithClauseContext && (node.USER_MODE() || node.SYSTEM_MODE())) {
            add(node, blank(node));
        } else if (node instanceof AccessLevelContext) {
            add(node, blank(node));
        } else if (node instanceof DotExpressionContext) {
            const call = node.dotMethodCall();
            const target = node.expression();
            const typeName = target?.getText() ?? '';
            if (call && /^[A-Za-z][A-Za-z0-9_]*__mdt$/i.test(typeName)) {
                const method = call.anyId().getText().toLowerCase();
                const argCount = call.expressionList()?.expression_list().length ?? 0;
                if (method === 'getall' && argCount === 0) {
                    add(node, (flat) => `((Map<String, ${typeName}>) ${renderCtx(node, flat, node)})`);
                } else if (method === 'getinstance' && argCount === 1) {
                    add(node, (flat) => `((${typeName}) ${renderCtx(node, flat, node)})`);
                }
            }
        }
        const ctx = node as ParserRuleContext;
        for (const child of ctx.children ?? []) {
            visit(child);
        }
    };
    visit(tree);

    const rewrites = [...specials.values()].reduce((n, list) => n + list.length, 0);
    const text = rewrites === 0 ? source : renderRange(0, tokens.length - 1, false);
    return { text, rewrites };
}
