/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), shared by the e2e test and
 * `npm run screenshots`, with page-side helpers that see inside the components' shadow trees.
 */
import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run'
];

/** Desktop and narrow widths every UI change is looked at in. */
export const VIEWPORTS = [
    { name: '1440', width: 1440, height: 900 },
    { name: '800', width: 800, height: 900 }
] as const;

export function chromiumMissing(): string | null {
    return fs.existsSync(CHROMIUM)
        ? null
        : `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

export function launchChromium(): Promise<Browser> {
    return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/**
 * Page-side text of the document including the components' shadow trees (a string, so the test's TypeScript
 * transpiler adds nothing to it).
 */
export const DEEP_TEXT = `(() => {
    const parts = [];
    const walk = (node) => {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent || '');
        if (node.shadowRoot) walk(node.shadowRoot);
        node.childNodes.forEach(walk);
    };
    walk(document.body);
    return parts.join(' ');
})()`;

/** Waits for text anywhere on the page, inside the components' shadow trees too. */
export async function pageShows(page: Page, text: string, timeout = 20000): Promise<void> {
    await page.waitForFunction(`${DEEP_TEXT}.includes(${JSON.stringify(text)})`, undefined, { timeout });
}

/** Waits for text inside the first element matching a CSS selector (a component's tag), shadow trees included. */
export async function elementShows(page: Page, selector: string, text: string, timeout = 20000): Promise<void> {
    const deepText = DEEP_TEXT.replace(
        'walk(document.body)',
        `walk(document.querySelector(${JSON.stringify(selector)}))`
    );
    await page.waitForFunction(`${deepText}.includes(${JSON.stringify(text)})`, undefined, { timeout });
}
