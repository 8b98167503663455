import { XMLParser } from 'fast-xml-parser';

/** An XML element as the tests compare it: name, attributes, child elements in document order and its text. */
export interface XmlNode {
    name: string;
    attributes: Record<string, string>;
    children: XmlNode[];
    text: string;
}

type Ordered = Record<string, unknown>[];

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true
});

/** Parses a document into its root element (the XML declaration left out). */
export function parseXml(text: string): XmlNode {
    const nodes = toNodes(parser.parse(text) as Ordered);
    const root = nodes.find((node) => !node.name.startsWith('?'));
    if (!root) throw new Error('no root element');
    return root;
}

function toNodes(ordered: Ordered): XmlNode[] {
    const nodes: XmlNode[] = [];
    for (const entry of ordered) {
        const name = Object.keys(entry).find((key) => key !== ':@' && key !== '#text');
        if (!name) continue;
        const content = entry[name] as Ordered;
        const attributes = (entry[':@'] ?? {}) as Record<string, string>;
        nodes.push({
            name,
            attributes,
            children: toNodes(content),
            text: content
                .filter((item) => '#text' in item)
                .map((item) => String(item['#text']))
                .join('')
        });
    }
    return nodes;
}

/** The first child named `name`, failing loudly when absent. */
export function child(node: XmlNode, name: string): XmlNode {
    const found = node.children.find((c) => c.name === name);
    if (!found)
        throw new Error(`<${node.name}> has no <${name}>; children: ${node.children.map((c) => c.name).join(', ')}`);
    return found;
}

/** The first element named `name` anywhere below `node`. */
export function descendant(node: XmlNode, name: string): XmlNode | undefined {
    for (const c of node.children) {
        if (c.name === name) return c;
        const below = descendant(c, name);
        if (below) return below;
    }
    return undefined;
}

/** How a reference is written: its value as text, and which attributes it carries. */
export function referenceShape(node: XmlNode): { hasText: boolean; attributes: string[]; children: number } {
    return {
        hasText: node.text !== '',
        attributes: Object.keys(node.attributes).sort(),
        children: node.children.length
    };
}
