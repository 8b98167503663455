/**
 * Dom.Document and Dom.XmlNode: a small XML parser and the node accessors.
 */
import type { Interpreter } from '../interpreter/interpreter';
import { ApexList, NativeObject, T } from '../interpreter/objects';
import type { Platform } from './platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

interface XmlNode {
    name: string;
    namespace: string | null;
    attrs: Record<string, string>;
    children: XmlNode[];
    text: string;
    parent: XmlNode | null;
}

function parseXml(it: Interpreter, src: string): XmlNode {
    let i = 0;
    const decode = (s: string) =>
        s
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'")
            .replace(/&amp;/g, '&');
    const skipMisc = () => {
        for (;;) {
            while (i < src.length && /\s/.test(src[i])) i++;
            if (src.startsWith('<?', i)) i = src.indexOf('?>', i) + 2;
            else if (src.startsWith('<!--', i)) i = src.indexOf('-->', i) + 3;
            else if (src.startsWith('<!', i)) i = src.indexOf('>', i) + 1;
            else return;
        }
    };
    const element = (parent: XmlNode | null): XmlNode => {
        if (src[i] !== '<') it.throwSys('XmlException', `Failed to parse XML due to: unexpected character at ${i}`);
        i++;
        const m = /^([^\s/>]+)/.exec(src.slice(i));
        const qname = m![1];
        i += qname.length;
        const node: XmlNode = {
            name: qname.includes(':') ? qname.split(':')[1] : qname,
            namespace: null,
            attrs: {},
            children: [],
            text: '',
            parent
        };
        for (;;) {
            while (/\s/.test(src[i])) i++;
            if (src.startsWith('/>', i)) {
                i += 2;
                return node;
            }
            if (src[i] === '>') {
                i++;
                break;
            }
            const am = /^([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(src.slice(i));
            if (!am) it.throwSys('XmlException', 'Failed to parse XML due to: malformed attribute');
            node.attrs[am![1]] = decode(am![3] ?? am![4]);
            if (am![1] === 'xmlns' || am![1].startsWith('xmlns:')) node.namespace = am![3] ?? am![4];
            i += am![0].length;
        }
        for (;;) {
            if (src.startsWith('</', i)) {
                i = src.indexOf('>', i) + 1;
                return node;
            }
            if (src.startsWith('<!--', i)) {
                i = src.indexOf('-->', i) + 3;
                continue;
            }
            if (src.startsWith('<![CDATA[', i)) {
                const end = src.indexOf(']]>', i);
                node.text += src.slice(i + 9, end);
                i = end + 3;
                continue;
            }
            if (src[i] === '<') {
                node.children.push(element(node));
                continue;
            }
            if (i >= src.length) it.throwSys('XmlException', 'Failed to parse XML due to: unexpected end of document');
            const next = src.indexOf('<', i);
            node.text += decode(src.slice(i, next < 0 ? src.length : next));
            i = next < 0 ? src.length : next;
        }
    };
    skipMisc();
    return element(null);
}

export function domMethod(lib: Platform, o: NativeObject, n: string, a: any[]): any {
    const d = o.data;
    if (o.typeName === 'Dom.Document') {
        if (n === 'load') {
            d.root = parseXml(lib.it, a[0]);
            return null;
        }
        if (n === 'getrootelement') return d.root ? new NativeObject('Dom.XmlNode', d.root) : null;
        if (n === 'toxmlstring') return '';
    }
    switch (n) {
        case 'getname':
            return d.name;
        case 'gettext':
            return d.text ?? '';
        case 'getchildelements':
            return new ApexList(
                T('Dom.XmlNode'),
                d.children.map((c: any) => new NativeObject('Dom.XmlNode', c))
            );
        case 'getchildelement': {
            const c = d.children.find((x: any) => x.name === a[0]);
            return c ? new NativeObject('Dom.XmlNode', c) : null;
        }
        case 'getattribute':
            return d.attrs[a[0]] ?? null;
        case 'getattributevalue':
            return d.attrs[a[0]] ?? null;
        case 'getnamespace':
            return d.namespace ?? null;
        case 'getparent':
            return d.parent ? new NativeObject('Dom.XmlNode', d.parent) : null;
        case 'getnodetype':
            return 'ELEMENT';
    }
    return lib.it.throwSys('TypeException', `Method does not exist: Dom.XmlNode.${n}`);
}
