/**
 * `npm start [-- --reset] [--port N] [--emulator-port N] [--data DIR]`: the local playground. Data lives in
 * .playground-data/ (kept across restarts; --reset starts fresh). Ports: PLAYGROUND_PORT (default 4100) and
 * QBO_EMULATOR_PORT (default 4010).
 */
import * as path from 'node:path';
import { startPlayground } from './playground';

function option(args: string[], name: string): string | undefined {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
}

function portOf(value: string | undefined, fallback: number, what: string): number {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${what} must be a port number, not "${value}"`);
    return n;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const repo = path.resolve(__dirname, '..', '..', '..');
    const dataDir = path.resolve(
        option(args, '--data') ?? process.env.PLAYGROUND_DATA ?? path.join(repo, '.playground-data')
    );
    const playground = await startPlayground({
        dataDir,
        reset: args.includes('--reset'),
        port: portOf(option(args, '--port') ?? process.env.PLAYGROUND_PORT, 4100, '--port'),
        emulatorPort: portOf(option(args, '--emulator-port') ?? process.env.QBO_EMULATOR_PORT, 4010, '--emulator-port'),
        host: option(args, '--host') ?? '127.0.0.1',
        backgroundJobsEveryMs: 15_000,
        log: (line) => process.stdout.write(line + '\n')
    });
    process.stdout.write(
        [
            '',
            `QuickBooks Sync playground: ${playground.url}`,
            `  Opportunities  ${playground.url}/lightning/o/Opportunity/list`,
            `  QuickBooks     ${playground.url}/quickbooks   (emulator ${playground.env.emulator.url}/__admin)`,
            `  Data           ${dataDir}   (npm start -- --reset for a fresh start)`,
            'Press Ctrl+C to stop.',
            ''
        ].join('\n')
    );
    const stop = () => {
        playground.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

main().catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
});
