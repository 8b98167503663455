/// <reference lib="dom" />
/** `lightning/navigation`: NavigationMixin over the shell's Lightning-style addresses. */
interface PageReference {
    type: string;
    attributes?: Record<string, string>;
}

function urlOf(ref: PageReference): string {
    const a = ref.attributes ?? {};
    if (ref.type === 'standard__recordPage')
        return `/lightning/r/${a.objectApiName ?? 'Opportunity'}/${a.recordId}/view`;
    if (ref.type === 'standard__navItemPage') return `/lightning/n/${a.apiName}`;
    if (ref.type === 'standard__objectPage') return `/lightning/o/${a.objectApiName}/list`;
    // a web page (Setup pages included) opens at its own address
    if (ref.type === 'standard__webPage') return a.url ?? '/';
    return '/';
}

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function NavigationMixin<T extends new (...args: any[]) => object>(Base: T) {
    return class extends Base {
        [Navigate](ref: PageReference): void {
            window.location.assign(urlOf(ref));
        }
        [GenerateUrl](ref: PageReference): Promise<string> {
            return Promise.resolve(urlOf(ref));
        }
    };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export class CurrentPageReference {
    constructor(private readonly callback: (value: PageReference) => void) {}
    connect(): void {
        this.callback({ type: 'standard__webPage', attributes: { url: window.location.pathname } });
    }
    update(): void {}
    disconnect(): void {}
}
