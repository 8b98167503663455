/**
 * docs/permissions.md has a table role × object, field, Apex class, custom permission, credential principal, app and
 * tab; each role column names the permission sets the role holds. This reads every permission set's XML (the
 * package's and the integration user's unpackaged one) and checks the table cell for cell, both ways: each cell says
 * what the sets grant, and each grant has a row. docs/data-model.md's custom-permission table is checked against the
 * custom permissions' metadata the same way, and the README's install steps must name every permission set and every
 * PlatformEventSubscriberConfig of the integration user.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = join(__dirname, '..');
const PERMISSION_SET_DIRS = ['force-app/main/configuration/permissionsets', 'config/integration-user/permissionsets'];
/** Apex class access of the Slack site's guest user: its Public Access Settings (README, "Slack approvals", step 3). */
const GUEST_CLASSES = new Set(['QBSlackInteractionEndpoint']);
const NOTHING = '—';

interface PermissionSet {
    name: string;
    /** object → "R C E D, VA, MA" letters granted */
    objects: Map<string, string>;
    /** "Object.Field" → "R" or "R E" */
    fields: Map<string, string>;
    classes: Set<string>;
    customPermissions: Set<string>;
    principals: Set<string>;
    apps: Set<string>;
    /** tab → visibility */
    tabs: Map<string, string>;
}

function blocks(xml: string, tag: string): string[] {
    return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
}

function value(block: string, tag: string): string {
    return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(block)?.[1] ?? '';
}

function readPermissionSet(file: string): PermissionSet {
    const xml = readFileSync(file, 'utf8');
    const granted = (block: string) => value(block, 'enabled') === 'true';
    const objects = new Map<string, string>();
    for (const block of blocks(xml, 'objectPermissions')) {
        const flag = (tag: string, letter: string) => (value(block, tag) === 'true' ? [letter] : []);
        const crud = [
            ...flag('allowRead', 'R'),
            ...flag('allowCreate', 'C'),
            ...flag('allowEdit', 'E'),
            ...flag('allowDelete', 'D')
        ].join(' ');
        const all = [...flag('viewAllRecords', 'VA'), ...flag('modifyAllRecords', 'MA')];
        if (crud) objects.set(value(block, 'object'), [crud, ...all].join(', '));
    }
    const fields = new Map<string, string>();
    for (const block of blocks(xml, 'fieldPermissions')) {
        if (value(block, 'readable') !== 'true') continue;
        fields.set(value(block, 'field'), value(block, 'editable') === 'true' ? 'R E' : 'R');
    }
    return {
        name: basename(file).replace('.permissionset-meta.xml', ''),
        objects,
        fields,
        classes: new Set(
            blocks(xml, 'classAccesses')
                .filter(granted)
                .map((b) => value(b, 'apexClass'))
        ),
        customPermissions: new Set(
            blocks(xml, 'customPermissions')
                .filter(granted)
                .map((b) => value(b, 'name'))
        ),
        principals: new Set(
            blocks(xml, 'externalCredentialPrincipalAccesses')
                .filter(granted)
                .map((b) => value(b, 'externalCredentialPrincipal'))
        ),
        apps: new Set(
            blocks(xml, 'applicationVisibilities')
                .filter((b) => value(b, 'visible') === 'true')
                .map((b) => value(b, 'application'))
        ),
        tabs: new Map(
            blocks(xml, 'tabSettings')
                .filter((b) => value(b, 'visibility') !== 'None')
                .map((b) => [value(b, 'tab'), value(b, 'visibility')])
        )
    };
}

const permissionSets = new Map<string, PermissionSet>(
    PERMISSION_SET_DIRS.flatMap((dir) =>
        readdirSync(join(root, dir))
            .filter((f) => f.endsWith('.permissionset-meta.xml'))
            .map((f) => readPermissionSet(join(root, dir, f)))
            .map((ps) => [ps.name, ps] as const)
    )
);

const metadataFiles = readdirSync(join(root, 'force-app'), { recursive: true, encoding: 'utf8' });

/** The fields of an object a permission set can grant: the package's fields, less required and master-detail ones. */
function grantableFields(object: string): string[] {
    return metadataFiles
        .filter((path) => path.includes(join('objects', object, 'fields')) && path.endsWith('.field-meta.xml'))
        .filter((path) => {
            const xml = readFileSync(join(root, 'force-app', path), 'utf8');
            return !xml.includes('<required>true</required>') && !xml.includes('<type>MasterDetail</type>');
        })
        .map((path) => basename(path).replace('.field-meta.xml', ''))
        .sort();
}

const SHARING_MODELS: Record<string, string> = {
    Private: 'OWD Private',
    Read: 'OWD Public Read Only',
    ReadWrite: 'OWD Public Read/Write',
    ControlledByParent: 'detail of'
};

function sharingModel(object: string): string | undefined {
    const path = metadataFiles.find((p) => p.endsWith(join('objects', object, `${object}.object-meta.xml`)));
    if (!path) return undefined;
    const model = value(readFileSync(join(root, 'force-app', path), 'utf8'), 'sharingModel');
    return SHARING_MODELS[model] ?? model;
}

/** A "Fields of" cell: the access most fields have, then each field whose access differs, by name. */
function fieldsCell(sets: PermissionSet[], object: string): string {
    const access = (field: string) =>
        sets.map((ps) => ps.fields.get(`${object}.${field}`)).find((a) => a !== undefined) ?? NOTHING;
    const fields = grantableFields(object);
    const counts = new Map<string, number>();
    for (const field of fields) counts.set(access(field), (counts.get(access(field)) ?? 0) + 1);
    const [common] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [NOTHING];
    const exceptions = fields.filter((f) => access(f) !== common).map((f) => `\`${f}\`: ${access(f)}`);
    return exceptions.length === 0 ? common : `${common} (${exceptions.join('; ')})`;
}

const yes = (granted: boolean) => (granted ? 'yes' : NOTHING);

interface Row {
    what: string;
    /** the thing the row is about: an object, a class, a permission… */
    name: string;
    kind: 'object' | 'fields' | 'class' | 'customPermission' | 'principal' | 'app' | 'tab';
    cells: string[];
}

const ROW_KINDS: [RegExp, Row['kind']][] = [
    [/^Fields of `(\w+)`/, 'fields'],
    [/^Apex class `(\w+)`/, 'class'],
    [/^Custom permission `(\w+)`/, 'customPermission'],
    [/^Credential principal `([\w-]+)`/, 'principal'],
    [/^App `(\w+)`/, 'app'],
    [/^Tab `(\w+)`/, 'tab'],
    [/^`(\w+)`/, 'object']
];

function tableCells(line: string): string[] {
    return line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim());
}

function permissionsTable(): { columns: string[][]; rows: Row[] } {
    const lines = readFileSync(join(root, 'docs/permissions.md'), 'utf8').split('\n');
    const header = lines.findIndex((l) => l.startsWith('| Object / field / class / permission'));
    if (header < 0) throw new Error('docs/permissions.md has no permission table');
    const columns = tableCells(lines[header])
        .slice(1)
        .map((c) => [...c.matchAll(/`(\w+)`/g)].map((m) => m[1]));
    const rows: Row[] = [];
    for (const line of lines.slice(header + 2)) {
        if (!line.startsWith('|')) break;
        const [what, ...cells] = tableCells(line);
        const kind = ROW_KINDS.find(([pattern]) => pattern.test(what));
        if (!kind) throw new Error(`docs/permissions.md: row "${what}" names nothing the test knows how to check`);
        rows.push({ what, name: kind[0].exec(what)![1], kind: kind[1], cells });
    }
    return { columns, rows };
}

function expectedCell(row: Row, sets: PermissionSet[]): string {
    switch (row.kind) {
        case 'object': {
            const granted = sets.map((ps) => ps.objects.get(row.name)).filter((a) => a !== undefined);
            return granted.length === 0 ? NOTHING : granted.join(' + ');
        }
        case 'fields':
            return fieldsCell(sets, row.name);
        case 'class':
            return yes(sets.some((ps) => ps.classes.has(row.name)));
        case 'customPermission':
            return yes(sets.some((ps) => ps.customPermissions.has(row.name)));
        case 'principal':
            return yes(sets.some((ps) => ps.principals.has(row.name)));
        case 'app':
            return yes(sets.some((ps) => ps.apps.has(row.name)));
        case 'tab':
            return sets.map((ps) => ps.tabs.get(row.name)).find((v) => v !== undefined) ?? NOTHING;
    }
}

/** A documented cell with its explanation ("— (see below)") stripped. */
function documentedCell(cell: string): string {
    return cell.replace(/^— \(.*\)$/, NOTHING);
}

describe('docs/permissions.md', () => {
    const { columns, rows } = permissionsTable();
    const guestColumn = columns.findIndex((names) => names.length === 0);

    it('has a column for every permission set and one for the Slack site guest', () => {
        expect(columns.flat().sort()).toEqual([...permissionSets.keys()].sort());
        expect(guestColumn).toBeGreaterThanOrEqual(0);
    });

    it.each(rows.map((row) => [row.what, row] as const))(
        '%s: each cell is what the permission sets grant',
        (_, row) => {
            const expected = columns.map((names, i) =>
                i === guestColumn
                    ? row.kind === 'class' && GUEST_CLASSES.has(row.name)
                        ? 'yes'
                        : NOTHING
                    : expectedCell(
                          row,
                          names.map((n) => permissionSets.get(n)!)
                      )
            );
            expect(row.cells.map(documentedCell)).toEqual(expected);
        }
    );

    it.each(rows.filter((r) => r.kind === 'object').map((row) => [row.what, row] as const))(
        '%s: the sharing model is the object metadata’s',
        (what, row) => {
            const model = sharingModel(row.name);
            if (model) expect(what).toContain(`(${model}`);
        }
    );

    it('has a row for every grant of every permission set', () => {
        const documented = (kind: Row['kind']) => new Set(rows.filter((r) => r.kind === kind).map((r) => r.name));
        const missing: string[] = [];
        const check = (kind: Row['kind'], names: Iterable<string>) => {
            for (const name of names) if (!documented(kind).has(name)) missing.push(`${kind} ${name}`);
        };
        for (const ps of permissionSets.values()) {
            check('object', ps.objects.keys());
            check(
                'fields',
                [...ps.fields.keys()].map((f) => f.split('.')[0])
            );
            check('class', ps.classes);
            check('customPermission', ps.customPermissions);
            check('principal', ps.principals);
            check('app', ps.apps);
            check('tab', ps.tabs.keys());
        }
        expect([...new Set(missing)]).toEqual([]);
    });

    it('grants no field that is not in the package (a misspelt or deleted field)', () => {
        const unknown = [...permissionSets.values()].flatMap((ps) =>
            [...ps.fields.keys()].filter((f) => {
                const [object, field] = f.split('.');
                return !grantableFields(object).includes(field);
            })
        );
        expect(unknown).toEqual([]);
    });
});

describe('docs/data-model.md custom permissions', () => {
    const customPermissionDir = join(root, 'force-app/main/configuration/customPermissions');
    const shipped = readdirSync(customPermissionDir).map((f) => ({
        name: f.replace('.customPermission-meta.xml', ''),
        label: value(readFileSync(join(customPermissionDir, f), 'utf8'), 'label')
    }));
    const documented = readFileSync(join(root, 'docs/data-model.md'), 'utf8')
        .split('\n')
        .map((line) => /^\| `(QB_\w+)` +\| ([^|]+?) +\|/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null && shipped.some((s) => s.name === m[1]))
        .map((m) => ({ name: m[1], label: m[2] }));

    it('lists every custom permission with its label', () => {
        expect(documented.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
            shipped.sort((a, b) => a.name.localeCompare(b.name))
        );
    });
});

describe('README install steps', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const install = readme.slice(readme.indexOf('## Connect QuickBooks'), readme.indexOf('## Develop locally'));
    const subscriberDir = join(root, 'config/integration-user/platformEventSubscriberConfigs');
    const subscriberConfigs = readdirSync(subscriberDir).map((f) => ({
        name: f.replace('.platformEventSubscriberConfig-meta.xml', ''),
        trigger: value(readFileSync(join(subscriberDir, f), 'utf8'), 'platformEventConsumer')
    }));

    it.each([...permissionSets.keys()])('tell whom to assign %s', (name) => {
        expect(install).toMatch(new RegExp(`\\b${name}\\b`));
    });

    it.each(subscriberConfigs.map((c) => [c.name, c] as const))(
        'tell to deploy the PlatformEventSubscriberConfig %s naming the integration user',
        (name, config) => {
            expect(install).toContain(`\`${name}\``);
            expect(install).toContain(`\`${config.trigger}\``);
            expect(install).toContain('sf project deploy start --source-dir config/integration-user');
        }
    );
});

/**
 * A user may call an @AuraEnabled method only when their profile or a permission set grants its Apex class (Lightning
 * Aura Components Developer Guide, "Granting User Access for Apex Classes"), so each role must hold every class the
 * pages it opens call, child components included: the Opportunity page's components for every role that reads the
 * package's Opportunity fields, a tab's component for every role that sees the tab.
 */
describe('Apex class access of the pages each role opens', () => {
    const lwcDir = join(root, 'force-app/main/ui/lwc');
    const tabDir = join(root, 'force-app/main/ui/tabs');
    const components = readdirSync(lwcDir).filter((name) => name.startsWith('qb'));
    const source = (component: string, ext: string) => {
        const dir = join(lwcDir, component);
        return readdirSync(dir)
            .filter((f) => f.endsWith(ext))
            .map((f) => readFileSync(join(dir, f), 'utf8'))
            .join('\n');
    };
    /** The component and the package components its templates use, transitively. */
    const withChildren = (component: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(component)) return seen;
        seen.add(component);
        for (const [, tag] of source(component, '.html').matchAll(/<c-(qb[a-z-]*)/g))
            withChildren(
                tag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
                seen
            );
        return seen;
    };
    const apexClasses = (component: string) =>
        [...withChildren(component)].flatMap((c) =>
            [...source(c, '.ts').matchAll(/from '@salesforce\/apex\/(\w+)\./g)].map((m) => m[1])
        );
    const recordPageComponents = components.filter((c) =>
        /<target>lightning__Record(Page|Action)<\/target>[\s\S]*<object>Opportunity<\/object>/.test(
            source(c, '.js-meta.xml')
        )
    );
    const tabComponents = readdirSync(tabDir).map((f) => ({
        tab: f.replace('.tab-meta.xml', ''),
        component: value(readFileSync(join(tabDir, f), 'utf8'), 'lwcComponent')
    }));
    const opportunityRoles = [...permissionSets.values()].filter((ps) =>
        [...ps.fields.keys()].some((f) => f.startsWith('Opportunity.'))
    );

    it('finds the Opportunity page components and the tabs', () => {
        expect(recordPageComponents).toEqual(expect.arrayContaining(['qbSyncPanel', 'qbSyncLogViewer']));
        expect(opportunityRoles.map((ps) => ps.name)).toContain('QB_Sync_Sales_User');
    });

    it.each(recordPageComponents)('every role that opens an Opportunity may call the Apex of %s', (component) => {
        const missing = opportunityRoles.flatMap((ps) =>
            apexClasses(component)
                .filter((c) => !ps.classes.has(c))
                .map((c) => `${ps.name} lacks ${c}`)
        );
        expect([...new Set(missing)]).toEqual([]);
    });

    it.each(tabComponents.map((t) => [t.tab, t] as const))(
        'every role that sees the %s tab may call the Apex of its component',
        (_, { tab, component }) => {
            const missing = [...permissionSets.values()]
                .filter((ps) => ps.tabs.has(tab))
                .flatMap((ps) =>
                    apexClasses(component)
                        .filter((c) => !ps.classes.has(c))
                        .map((c) => `${ps.name} lacks ${c}`)
                );
            expect([...new Set(missing)]).toEqual([]);
        }
    );
});
