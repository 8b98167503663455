/**
 * The QuickBooks emulator and a scratch folder for one test file that runs the engine on the emulator: started before
 * the file's tests, stopped and removed after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorProcess } from './engine-on-emulator';

export interface EmulatorTestbed {
    readonly emulator: EmulatorProcess;
    /** a folder of the test file's own, for its projects and org configs */
    readonly workDir: string;
}

export function emulatorTestbed(name: string): EmulatorTestbed {
    let emulator: EmulatorProcess | undefined;
    let workDir: string | undefined;
    beforeAll(async () => {
        workDir = mkdtempSync(join(tmpdir(), `qb-${name}-`));
        emulator = await EmulatorProcess.start();
    }, 60_000);
    afterAll(() => {
        emulator?.stop();
        if (workDir) rmSync(workDir, { recursive: true, force: true });
    });
    const started = <T>(value: T | undefined): T => {
        if (value === undefined) throw new Error('The testbed starts in beforeAll; use it inside a test.');
        return value;
    };
    return {
        get emulator() {
            return started(emulator);
        },
        get workDir() {
            return started(workDir);
        }
    };
}
