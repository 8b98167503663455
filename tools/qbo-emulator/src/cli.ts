import { createEmulator, DEFAULT_PORT } from './emulator';
import { DEFAULT_CLIENT } from './oauth/oauth-server';

interface CliOptions {
    port: number;
    host: string;
    data?: string;
}

function parseArguments(argv: string[]): CliOptions {
    const options: CliOptions = { port: Number(process.env.QBO_EMULATOR_PORT ?? DEFAULT_PORT), host: '127.0.0.1' };
    for (let i = 0; i < argv.length; i++) {
        const argument = argv[i];
        const value = (): string => {
            const next = argv[++i];
            if (next === undefined) throw new Error(`${argument} needs a value`);
            return next;
        };
        if (argument === '--port') options.port = Number(value());
        else if (argument === '--host') options.host = value();
        else if (argument === '--data') options.data = value();
        else if (argument === '--help' || argument === '-h') {
            console.log('Usage: npm run qbo-emulator -- [--port 4010] [--host 127.0.0.1] [--data state.sqlite]');
            process.exit(0);
        } else throw new Error(`unknown argument ${argument}`);
    }
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
        throw new Error('--port must be 0-65535');
    return options;
}

async function main(): Promise<void> {
    const options = parseArguments(process.argv.slice(2));
    const emulator = await createEmulator({ port: options.port, host: options.host, persistFile: options.data });
    console.log(`QuickBooks Online emulator listening on ${emulator.url}`);
    console.log(`  companies: ${emulator.admin.realmIds().join(', ')}`);
    console.log(`  OAuth client: ${DEFAULT_CLIENT.clientId} / ${DEFAULT_CLIENT.clientSecret}`);
    console.log(`  admin: ${emulator.url}/__admin${options.data ? `   persisted to ${options.data}` : ''}`);
    const stop = (): void => {
        void emulator.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
    console.error(`qbo-emulator: ${error.message}`);
    process.exit(1);
});
