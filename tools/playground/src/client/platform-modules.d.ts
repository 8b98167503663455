/// <reference lib="dom" />
/** The package's components as the shell imports them (the bundler resolves `c/<name>` to force-app's sources). */
declare module 'c/qbSyncPanel' {
    import type { LightningElement } from 'lwc';
    const component: typeof LightningElement;
    export default component;
}
declare module 'c/qbItemMappingEditor' {
    import type { LightningElement } from 'lwc';
    const component: typeof LightningElement;
    export default component;
}
declare module 'c/qbSyncLogViewer' {
    import type { LightningElement } from 'lwc';
    const component: typeof LightningElement;
    export default component;
}
declare module 'c/qbConnections' {
    import type { LightningElement } from 'lwc';
    const component: typeof LightningElement;
    export default component;
}
declare module 'c/qbPendingApprovals' {
    import type { LightningElement } from 'lwc';
    const component: typeof LightningElement;
    export default component;
}
