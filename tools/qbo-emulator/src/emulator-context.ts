import type { Clock } from './clock';
import type { FaultInjector } from './faults/fault-injector';
import type { RateLimiter } from './faults/rate-limiter';
import type { OAuthServer } from './oauth/oauth-server';
import type { Counters } from './store/counters';
import type { Realm } from './store/realm';
import type { WebhookSender } from './webhooks/webhook-sender';

/** The shared services every route works with. */
export interface EmulatorContext {
    clock: Clock;
    realms: Map<string, Realm>;
    oauth: OAuthServer;
    rateLimiter: RateLimiter;
    counters: Counters;
    webhooks: WebhookSender;
    faultsFor(realmId: string): FaultInjector;
    saveRealm(realm: Realm): void;
    forgetRealm(realmId: string): void;
    saveFaults(): void;
    baseUrl(): string;
}
