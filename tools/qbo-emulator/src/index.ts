export { createEmulator, DEFAULT_PORT, DEFAULT_REALMS, type Emulator, type EmulatorOptions } from './emulator';
export { ManualClock, systemClock, type Clock } from './clock';
export { DEFAULT_CA_REALM, DEFAULT_US_REALM } from './store/seed';
export { DEFAULT_CLIENT } from './oauth/oauth-server';
export { intuitSignature } from './webhooks/webhook-sender';
export type { FaultConfig } from './faults/fault-injector';
export { invoicePdf } from './api/invoice-pdf';
