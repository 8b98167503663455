/**
 * Compiles the browser bundle: the shell (src/client) and the package's LWCs from force-app, with the LWC engine,
 * lightning-base-components (its own module map: labels, i18n, gates) and the playground's platform modules
 * (@salesforce/apex/*, lightning/uiRecordApi, …). TypeScript components are stripped of types first, exactly as
 * `npm run build` compiles them. The result is cached by a hash of every input file.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rollup, type Plugin } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import ts from 'typescript';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const LWC_DIR = path.join(REPO, 'force-app', 'main', 'ui', 'lwc');
const CLIENT_DIR = path.resolve(__dirname, '..', 'client');
const CACHE_DIR = path.join(REPO, 'node_modules', '.cache', 'qb-playground');
const COMBOBOX_INTERNALS_GATE = '@salesforce/gate/bc.260.enableComboboxElementInternals';
/** The user's locale and time zone, as the server bootstraps them into the page (`window.__playground`). */
const USER_I18N: Record<string, string> = {
    '@salesforce/i18n/locale': 'locale',
    '@salesforce/i18n/timeZone': 'timeZone'
};
const BASE_FORMAT_UTILS = /lightning-base-components[\\/]src[\\/]lightning[\\/]utilsPrivate[\\/]formatUtils\.js$/;

function files(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && !e.parentPath.includes('__tests__'))
        .map((e) => path.join(e.parentPath, e.name))
        .sort();
}

function inputHash(): string {
    const hash = crypto.createHash('sha256');
    for (const f of [...files(LWC_DIR), ...files(CLIENT_DIR), __filename]) hash.update(f).update(fs.readFileSync(f));
    for (const pkg of ['lwc', 'lightning-base-components', '@lwc/rollup-plugin']) {
        hash.update(fs.readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json')));
    }
    return hash.digest('hex').slice(0, 16);
}

/** `c/<name>` → the package's component; platform modules → the playground's implementations. */
function platformModules(): Plugin {
    const platform = path.join(CLIENT_DIR, 'platform');
    return {
        name: 'playground-platform-modules',
        resolveId(id) {
            if (id.startsWith('c/')) {
                const name = id.slice(2);
                return path.join(LWC_DIR, name, `${name}.ts`);
            }
            if (id.startsWith('@salesforce/apex/')) return `\0apex:${id.slice('@salesforce/apex/'.length)}`;
            if (id.startsWith('@salesforce/customPermission/')) return `\0customPermission:${id.split('/')[2]}`;
            // The combobox's ElementInternals path cannot run in synthetic shadow (the engine throws "attachInternals
            // API is not supported in synthetic shadow"), which Lightning Experience renders in: the gate is closed.
            if (id === COMBOBOX_INTERNALS_GATE) return `\0closedGate:${id}`;
            if (id.startsWith('@salesforce/schema/')) return `\0schema:${id.slice('@salesforce/schema/'.length)}`;
            // the running user's values, not lightning-base-components' fixed en-US / America/Los_Angeles
            if (USER_I18N[id]) return `\0userI18n:${USER_I18N[id]}`;
            const local: Record<string, string> = {
                'lightning/uiRecordApi': 'uiRecordApi.ts',
                'lightning/navigation': 'navigation.ts',
                'lightning/platformShowToastEvent': 'platformShowToastEvent.ts',
                'lightning/refresh': 'refresh.ts'
            };
            if (local[id]) return path.join(platform, local[id]);
            return null;
        },
        load(id) {
            if (id.startsWith('\0apex:')) {
                const [className, methodName] = id.slice('\0apex:'.length).split('.');
                const call = JSON.stringify(path.join(platform, 'apex.ts'));
                return `import { callApex } from ${call};\nexport default function (params) { return callApex('${className}', '${methodName}', params); }`;
            }
            if (id.startsWith('\0closedGate:')) return 'export default { isOpen: () => false };';
            if (id.startsWith('\0userI18n:'))
                return `export default window.__playground.${id.slice('\0userI18n:'.length)};`;
            if (id.startsWith('\0customPermission:')) {
                const name = id.slice('\0customPermission:'.length);
                return `export default Boolean(window.__playground && window.__playground.customPermissions.includes('${name}'));`;
            }
            if (id.startsWith('\0schema:')) {
                const [objectApiName, fieldApiName] = id.slice('\0schema:'.length).split('.');
                return fieldApiName
                    ? `export default ${JSON.stringify({ objectApiName, fieldApiName })};`
                    : `export default ${JSON.stringify({ objectApiName })};`;
            }
            return null;
        },
        transform(code, id) {
            // Lightning's base components show date/times in the user's time zone ("Base Lightning components adapt
            // automatically to the language, locale, and time zone settings", developer.salesforce.com/docs/platform/
            // lwc/guide/create-i18n); the open-source build formats in the browser's unless time-zone is set.
            if (BASE_FORMAT_UTILS.test(id)) {
                const option = 'timeZone: instance.timeZone,';
                if (!code.includes(option)) throw new Error(`${id} no longer sets ${option} — update the playground`);
                return (
                    "import userTimeZone from '@salesforce/i18n/timeZone';\n" +
                    code.replace(option, 'timeZone: instance.timeZone ?? userTimeZone,')
                );
            }
            if (!id.endsWith('.ts') || id.startsWith('\0')) return null;
            const out = ts.transpileModule(code, {
                fileName: id,
                compilerOptions: {
                    target: ts.ScriptTarget.ESNext,
                    module: ts.ModuleKind.ESNext,
                    experimentalDecorators: false,
                    useDefineForClassFields: true,
                    sourceMap: true
                }
            });
            return { code: out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, ''), map: out.sourceMapText };
        }
    };
}

/** The bundle's JavaScript (built once per input change; later starts read the cache). */
export async function uiBundle(log: (line: string) => void): Promise<string> {
    const hash = inputHash();
    const cached = path.join(CACHE_DIR, `app-${hash}.js`);
    if (fs.existsSync(cached)) return fs.readFileSync(cached, 'utf8');
    log('Compiling the Lightning web components (first start after a change takes a minute) …');
    const started = Date.now();
    const bundle = await rollup({
        input: path.join(CLIENT_DIR, 'shell.ts'),
        plugins: [
            platformModules(),
            replace({
                preventAssignment: true,
                values: { 'process.env.NODE_ENV': JSON.stringify('development'), 'import.meta.env.SSR': 'false' }
            }),
            lwc({ rootDir: LWC_DIR, modules: [{ npm: 'lightning-base-components' }], enableDynamicComponents: true }),
            resolve()
        ],
        onwarn(warning) {
            // lightning-base-components' own templates trip template lint warnings (duplicate slots, stray keys)
            if (/node_modules[\\/]lightning-base-components/.test(warning.message)) return;
            log(`bundle warning: ${warning.message}`);
        }
    });
    const { output } = await bundle.generate({ format: 'iife', name: 'playground', inlineDynamicImports: true });
    await bundle.close();
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    for (const old of fs.readdirSync(CACHE_DIR)) fs.rmSync(path.join(CACHE_DIR, old), { force: true });
    fs.writeFileSync(cached, output[0].code);
    log(`Compiled in ${Math.round((Date.now() - started) / 1000)} s.`);
    return output[0].code;
}
