/**
 * `npm run build`: compiles the TypeScript Lightning Web Components in place, so every
 * `lwc/<bundle>/<file>.ts` under force-app gets the `<file>.js` the platform deploys (TypeScript for
 * LWC is a Developer Preview; only JavaScript deploys). Uses each lwc folder's tsconfig.json
 * (target ESNext, standard decorators), type-checks, and writes nothing when there are errors.
 * Jest tests (`__tests__`) are not emitted. The `.ts` sources stay out of deploys via .forceignore.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');

function lwcFolders(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isDirectory() && entry.name === 'lwc' && !entry.parentPath.includes('node_modules'))
        .map((entry) => join(entry.parentPath, entry.name));
}

function isComponentSource(file: string): boolean {
    return file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.split(/[\\/]/).includes('__tests__');
}

function format(diagnostics: readonly ts.Diagnostic[]): string {
    return ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => ROOT,
        getNewLine: () => '\n'
    });
}

function build(lwcDir: string): { emitted: string[]; errors: string } {
    const configPath = join(lwcDir, 'tsconfig.json');
    if (!existsSync(configPath)) {
        return { emitted: [], errors: `${relative(ROOT, lwcDir)} has no tsconfig.json\n` };
    }
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    if (read.error) return { emitted: [], errors: format([read.error]) };
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath), undefined, configPath);
    const roots = parsed.fileNames.filter((file) => isComponentSource(file) || file.endsWith('.d.ts'));
    const options: ts.CompilerOptions = {
        ...parsed.options,
        noEmit: false,
        outDir: undefined,
        declaration: false,
        sourceMap: false,
        target: ts.ScriptTarget.ESNext,
        module: ts.ModuleKind.ESNext
    };
    const program = ts.createProgram(roots, options);
    const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
    if (diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) {
        return { emitted: [], errors: format(diagnostics) };
    }
    const emitted: string[] = [];
    const result = program.emit(undefined, (fileName, text) => {
        ts.sys.writeFile(fileName, text);
        emitted.push(fileName);
    });
    return { emitted, errors: result.emitSkipped ? format(result.diagnostics) : '' };
}

function main(): number {
    const folders = lwcFolders(join(ROOT, 'force-app'));
    let failed = false;
    for (const folder of folders) {
        const { emitted, errors } = build(folder);
        if (errors) {
            failed = true;
            process.stderr.write(errors);
            console.error(`${relative(ROOT, folder)}: not built`);
            continue;
        }
        console.log(`${relative(ROOT, folder)}: ${emitted.length} JavaScript file(s) written`);
        for (const file of emitted) console.log(`  ${relative(ROOT, file).split(sep).join('/')}`);
    }
    return failed ? 1 : 0;
}

process.exit(main());
