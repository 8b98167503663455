import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** What a handler sees: the parsed URL, path parameters and the raw body bytes. */
export interface HttpRequest {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    params: Record<string, string>;
    body: Buffer;
    raw: IncomingMessage;
}

/** What a handler returns; `dropConnection` closes the socket without an answer (a lost response). */
export interface HttpResponse {
    status: number;
    headers?: Record<string, string>;
    body?: string | Buffer;
    dropConnection?: boolean;
}

export type Handler = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;

interface Route {
    method: string;
    segments: string[];
    handler: Handler;
}

/** Matches `METHOD /a/:param/b` patterns segment by segment; `*` as the last segment matches the rest. */
export class Router {
    private readonly routes: Route[] = [];

    add(method: string, pattern: string, handler: Handler): this {
        this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
        return this;
    }

    match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'method' | undefined {
        const parts = path.split('/').filter(Boolean);
        let pathMatched = false;
        for (const route of this.routes) {
            const params = matchSegments(route.segments, parts);
            if (!params) continue;
            if (route.method !== method) {
                pathMatched = true;
                continue;
            }
            return { handler: route.handler, params };
        }
        return pathMatched ? 'method' : undefined;
    }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
        const segment = pattern[i];
        if (segment === '*') {
            params['*'] = parts.slice(i).join('/');
            return params;
        }
        if (i >= parts.length) return undefined;
        if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(parts[i]);
        else if (segment !== parts[i]) return undefined;
    }
    return pattern.length === parts.length ? params : undefined;
}
