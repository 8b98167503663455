/**
 * Fails when the TypeScript modules under the given folders import each other in a cycle. Every import counts,
 * `import type` included: a cycle of types is still two modules that cannot be understood one without the other.
 * The import graph comes from the TypeScript compiler's own parser and module resolution (the tsconfig.json of the
 * folder the check runs in), so it sees exactly the imports tsc sees.
 *
 * Usage: tsx tools/checks/import-cycles.ts [folder ...]     (default: tools scripts)
 */
import * as path from 'node:path';
import * as ts from 'typescript';

/** Module → the project modules it imports (absolute paths, sorted). */
export type ImportGraph = Map<string, string[]>;

/** Builds the import graph of every .ts file of the tsconfig in `projectDir` that lies under one of `roots`. */
export function importGraph(projectDir: string, roots: string[]): ImportGraph {
    const configFile = ts.findConfigFile(projectDir, ts.sys.fileExists, 'tsconfig.json');
    if (!configFile) throw new Error(`No tsconfig.json in ${projectDir}`);
    const config = ts.getParsedCommandLineOfConfigFile(
        configFile,
        {},
        {
            ...ts.sys,
            onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
                throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
            }
        }
    );
    if (!config) throw new Error(`Cannot read ${configFile}`);
    const absoluteRoots = roots.map((root) => path.resolve(projectDir, root) + path.sep);
    const inRoots = (file: string) => absoluteRoots.some((root) => path.resolve(file).startsWith(root));
    const graph: ImportGraph = new Map();
    for (const file of config.fileNames.filter(inRoots)) {
        const source = ts.sys.readFile(file) ?? '';
        const imported = new Set<string>();
        for (const specifier of moduleSpecifiers(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true))) {
            const resolved = ts.resolveModuleName(specifier, file, config.options, ts.sys).resolvedModule;
            if (!resolved || resolved.isExternalLibraryImport) continue;
            const target = path.resolve(resolved.resolvedFileName);
            if (inRoots(target) && !target.endsWith('.d.ts')) imported.add(target);
        }
        graph.set(path.resolve(file), [...imported].sort());
    }
    return graph;
}

/** Every module named by an import, an export … from, a dynamic import() or a require() of the file. */
function moduleSpecifiers(file: ts.SourceFile): string[] {
    const specifiers: string[] = [];
    const visit = (node: ts.Node): void => {
        if (
            (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
            node.moduleSpecifier &&
            ts.isStringLiteral(node.moduleSpecifier)
        ) {
            specifiers.push(node.moduleSpecifier.text);
        } else if (
            ts.isCallExpression(node) &&
            (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
                (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
            node.arguments.length === 1 &&
            ts.isStringLiteralLike(node.arguments[0])
        ) {
            specifiers.push(node.arguments[0].text);
        } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
            const expression = node.moduleReference.expression;
            if (ts.isStringLiteral(expression)) specifiers.push(expression.text);
        }
        ts.forEachChild(node, visit);
    };
    visit(file);
    return specifiers;
}

/**
 * The cycles of the graph: one per strongly connected component of more than one module (or a module importing
 * itself), each given as a closed path through that component starting at its first module in sort order.
 */
export function findCycles(graph: ImportGraph): string[][] {
    const cycles: string[][] = [];
    for (const component of stronglyConnectedComponents(graph)) {
        const start = [...component].sort()[0];
        const selfImport = graph.get(start)?.includes(start) ?? false;
        if (component.size > 1 || selfImport) cycles.push(closedPath(graph, component, start));
    }
    return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Tarjan's algorithm, iterative so that deep graphs cannot overflow the stack. */
function stronglyConnectedComponents(graph: ImportGraph): Set<string>[] {
    const index = new Map<string, number>();
    const lowLink = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const components: Set<string>[] = [];
    let counter = 0;
    for (const root of [...graph.keys()].sort()) {
        if (index.has(root)) continue;
        const work: { module: string; next: number }[] = [{ module: root, next: 0 }];
        index.set(root, counter);
        lowLink.set(root, counter++);
        stack.push(root);
        onStack.add(root);
        while (work.length > 0) {
            const top = work[work.length - 1];
            const targets = graph.get(top.module) ?? [];
            if (top.next < targets.length) {
                const target = targets[top.next++];
                if (!index.has(target)) {
                    index.set(target, counter);
                    lowLink.set(target, counter++);
                    stack.push(target);
                    onStack.add(target);
                    work.push({ module: target, next: 0 });
                } else if (onStack.has(target)) {
                    lowLink.set(top.module, Math.min(lowLink.get(top.module)!, index.get(target)!));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].module;
                lowLink.set(parent, Math.min(lowLink.get(parent)!, lowLink.get(top.module)!));
            }
            if (lowLink.get(top.module) === index.get(top.module)) {
                const component = new Set<string>();
                let member: string;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.add(member);
                } while (member !== top.module);
                components.push(component);
            }
        }
    }
    return components;
}

/** A shortest path from `start` back to itself inside the component (breadth-first). */
function closedPath(graph: ImportGraph, component: Set<string>, start: string): string[] {
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
        const module = queue.shift()!;
        for (const target of graph.get(module) ?? []) {
            if (!component.has(target)) continue;
            if (target === start) {
                const cycle = [start];
                for (let at = module; at !== start; at = previous.get(at)!) cycle.splice(1, 0, at);
                return [...cycle, start];
            }
            if (!previous.has(target)) {
                previous.set(target, module);
                queue.push(target);
            }
        }
    }
    return [start, start];
}

/** The cycles as readable lines (`a.ts → b.ts → a.ts`), paths relative to `projectDir`. */
export function describeCycles(cycles: string[][], projectDir: string): string[] {
    return cycles.map((cycle) =>
        cycle.map((module) => path.relative(projectDir, module).split(path.sep).join('/')).join(' → ')
    );
}

/** Checks the modules under `roots` (folders relative to `projectDir`): how many there are and each cycle, readable. */
export function checkImportCycles(projectDir: string, roots: string[]): { modules: number; cycles: string[] } {
    const graph = importGraph(projectDir, roots);
    return { modules: graph.size, cycles: describeCycles(findCycles(graph), projectDir) };
}

function main(): void {
    const roots = process.argv.length > 2 ? process.argv.slice(2) : ['tools', 'scripts'];
    const { modules, cycles } = checkImportCycles(process.cwd(), roots);
    if (cycles.length === 0) {
        console.log(`No import cycles among ${modules} modules under ${roots.join(', ')}.`);
        return;
    }
    console.error(`${cycles.length} import cycle(s); move the shared part into its own module or inject it:`);
    for (const cycle of cycles) console.error(`  ${cycle}`);
    process.exitCode = 1;
}

if (require.main === module) main();
