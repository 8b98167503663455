/**
 * Helpers the LWC tests share to act like a user on the real Lightning base components: find a control by the
 * label a user reads, click the native button inside it, type into the native input inside a lightning-input.
 */

/** Lets a macrotask pass (base components defer some events with setTimeout 0), then flushes promises. */
export async function nextTask(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await flushPromises();
}

/** Lets pending promise callbacks and the re-renders they cause run; works with real and fake timers. */
export async function flushPromises(rounds = 10): Promise<void> {
    for (let round = 0; round < rounds; round++) {
        await Promise.resolve();
    }
}

type Root = Element | ShadowRoot | Document;

function shadowOf(element: Element): ShadowRoot {
    if (!element.shadowRoot) {
        throw new Error(`<${element.tagName.toLowerCase()}> has no shadow root`);
    }
    return element.shadowRoot;
}

function rootOf(root: Root): ParentNode {
    return root instanceof Element && root.shadowRoot ? root.shadowRoot : root;
}

/** All elements matching `selector` in `root`'s shadow tree (or in `root` itself when it has none). */
export function queryAll<T extends Element = HTMLElement>(root: Root, selector: string): T[] {
    return Array.from(rootOf(root).querySelectorAll<T>(selector));
}

export function query<T extends Element = HTMLElement>(root: Root, selector: string): T | null {
    return rootOf(root).querySelector<T>(selector);
}

/** The error message a `c-qb-error-panel` marked `data-id` shows inside `root`, or null while it shows none. */
export function errorPanelMessage(root: Root, dataId: string): HTMLElement | null {
    const panel = query(root, `c-qb-error-panel[data-id="${dataId}"]`);
    return panel ? query(panel, '[data-id="error-message"]') : null;
}

/** The `c-qb-error-panel` marked `data-id` inside `root` (to press its Try again). */
export function errorPanel(root: Root, dataId: string): HTMLElement {
    const panel = query(root, `c-qb-error-panel[data-id="${dataId}"]`);
    if (!panel) {
        throw new Error(`no c-qb-error-panel with data-id "${dataId}"`);
    }
    return panel;
}

/** Visible text of an element, whitespace collapsed, including the shadow trees of base components inside it. */
export function textOf(element: Element | ShadowRoot | null): string {
    if (!element) {
        return '';
    }
    const parts: string[] = [];
    const walk = (node: Node): void => {
        if (node.nodeType === Node.TEXT_NODE) {
            parts.push(node.textContent ?? '');
            return;
        }
        if (node instanceof Element && node.shadowRoot) {
            walk(node.shadowRoot);
        }
        node.childNodes.forEach(walk);
    };
    walk(element);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The lightning-button (or lightning-button-icon) whose label / alternative text a user sees. */
export function buttonByLabel(root: Root, label: string): HTMLElement {
    const buttons = queryAll(root, 'lightning-button, lightning-button-icon').filter((button) => {
        const host = button as HTMLElement & { label?: string; alternativeText?: string };
        return host.label === label || host.alternativeText === label;
    });
    if (buttons.length !== 1) {
        throw new Error(`expected one button labelled "${label}", found ${buttons.length}`);
    }
    return buttons[0];
}

export function hasButton(root: Root, label: string): boolean {
    return queryAll(root, 'lightning-button, lightning-button-icon').some((button) => {
        const host = button as HTMLElement & { label?: string; alternativeText?: string };
        return host.label === label || host.alternativeText === label;
    });
}

/** The native <button> a user presses inside a base button component. */
export function nativeButton(buttonHost: HTMLElement): HTMLButtonElement {
    const button = shadowOf(buttonHost).querySelector('button');
    if (!button) {
        throw new Error('base button has no native <button>');
    }
    return button;
}

/** Clicks the native button inside the lightning-button labelled `label`; a disabled button ignores the click. */
export async function clickButton(root: Root, label: string): Promise<void> {
    nativeButton(buttonByLabel(root, label)).click();
    await flushPromises();
}

export function isButtonDisabled(root: Root, label: string): boolean {
    return nativeButton(buttonByLabel(root, label)).disabled;
}

/** The lightning-input / lightning-combobox / lightning-textarea whose label a user reads. */
export function fieldByLabel(root: Root, label: string): HTMLElement {
    const fields = queryAll(root, 'lightning-input, lightning-combobox, lightning-textarea').filter(
        (field) => (field as HTMLElement & { label?: string }).label === label
    );
    if (fields.length !== 1) {
        throw new Error(`expected one field labelled "${label}", found ${fields.length}`);
    }
    return fields[0];
}

/** Types `value` into the native input of a lightning-input (or textarea of a lightning-textarea), as keystrokes would. */
export async function typeInto(root: Root, label: string, value: string): Promise<void> {
    const [input] = deepQueryAll<HTMLInputElement>(fieldByLabel(root, label), 'input, textarea');
    if (!input) {
        throw new Error(`field "${label}" has no native input`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flushPromises();
}

/** Ticks or unticks the native checkbox of a lightning-input type="checkbox" / "toggle". */
export async function setChecked(root: Root, label: string, checked: boolean): Promise<void> {
    const [input] = deepQueryAll<HTMLInputElement>(fieldByLabel(root, label), 'input');
    if (!input) {
        throw new Error(`field "${label}" has no native checkbox`);
    }
    if (input.checked !== checked) {
        input.click();
    }
    await flushPromises();
}

/** Picks an option of a lightning-combobox the way its change event reports it. */
export async function chooseOption(root: Root, label: string, value: string): Promise<void> {
    const combobox = fieldByLabel(root, label);
    const options = (combobox as HTMLElement & { options?: { value: string }[] }).options ?? [];
    if (!options.some((option) => option.value === value)) {
        throw new Error(`combobox "${label}" has no option ${value}`);
    }
    (combobox as HTMLElement & { value?: string }).value = value;
    combobox.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

/** The element a user's keyboard focus is on, looking through shadow roots. */
export function deepActiveElement(): Element | null {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
        active = active.shadowRoot.activeElement;
    }
    return active;
}

/** Every element matching `selector` anywhere below `root`, descending into the shadow trees of base components. */
export function deepQueryAll<T extends Element = HTMLElement>(root: Element | ShadowRoot, selector: string): T[] {
    const found: T[] = [];
    const visit = (node: Element | ShadowRoot): void => {
        found.push(...Array.from(node.querySelectorAll<T>(selector)));
        node.querySelectorAll('*').forEach((element) => {
            if (element.shadowRoot) {
                visit(element.shadowRoot);
            }
        });
    };
    visit(root instanceof Element && root.shadowRoot ? root.shadowRoot : root);
    return found;
}

/** Picks `file` in the native file input of a lightning-input type="file", as the browser's file dialog would. */
export async function chooseFile(root: Root, label: string, file: File): Promise<void> {
    const [input] = deepQueryAll<HTMLInputElement>(fieldByLabel(root, label), 'input[type="file"]');
    if (!input) {
        throw new Error(`field "${label}" has no file input`);
    }
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    // The browser reads the file asynchronously (FileReader); give it a few tasks.
    for (let task = 0; task < 5; task++) {
        await nextTask();
    }
}
