import { createHmac, randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { qboDateTime } from '../qbo-time';
import type { EntityChange } from '../store/realm';

export interface WebhookConfig {
    url: string;
    verifierToken: string;
    format: 'legacy' | 'cloudevents';
    /** Only these realms; all when empty. */
    realmIds: string[];
}

export interface WebhookDelivery {
    url: string;
    format: WebhookConfig['format'];
    status: number | 'error';
    attempt: number;
    body: string;
    signature: string;
}

interface PendingRetry {
    subscription: WebhookConfig;
    body: string;
    attempt: number;
    dueAt: number;
}

/** Intuit retries a failed notification after 20, 30 and 50 minutes, then drops it (webhooks guide, Retry Policy). */
export const RETRY_DELAYS_MINUTES = [20, 30, 50];
const RETRIED_STATUSES = new Set([500, 502, 503, 504, 408]);

/** Legacy notifications know Create, Update, Delete, Merge (and Void for transactions); an e-mail is an update. */
const LEGACY_OPERATIONS: Record<EntityChange['operation'], string> = {
    Create: 'Create',
    Update: 'Update',
    Delete: 'Delete',
    Void: 'Void',
    Emailed: 'Update'
};

const CLOUD_EVENT_VERBS: Record<EntityChange['operation'], string> = {
    Create: 'created',
    Update: 'updated',
    Delete: 'deleted',
    Void: 'voided',
    Emailed: 'updated'
};

/** intuit-signature: base64 of HMAC-SHA256 over the raw body, keyed with the app's verifier token. */
export function intuitSignature(verifierToken: string, body: string): string {
    return createHmac('sha256', verifierToken).update(body, 'utf8').digest('base64');
}

/** Intuit's sample renders lastUpdated with a colon-less offset: 2015-10-05T14:42:19-0700. */
function notificationTime(epochMs: number): string {
    return qboDateTime(epochMs).replace(/([+-]\d\d):(\d\d)$/, '$1$2');
}

export function legacyPayload(change: EntityChange): unknown {
    return {
        eventNotifications: [
            {
                realmId: change.realmId,
                dataChangeEvent: {
                    entities: [
                        {
                            name: change.entity,
                            id: change.id,
                            operation: LEGACY_OPERATIONS[change.operation],
                            lastUpdated: notificationTime(change.at)
                        }
                    ]
                }
            }
        ]
    };
}

export function cloudEventsPayload(change: EntityChange): unknown {
    return [
        {
            specversion: '1.0',
            id: randomUUID(),
            source: 'intuit.qbo.emulator',
            type: `qbo.${change.entity.toLowerCase()}.${CLOUD_EVENT_VERBS[change.operation]}.v1`,
            datacontenttype: 'application/json',
            time: new Date(change.at).toISOString(),
            intuitentityid: change.id,
            intuitaccountid: change.realmId,
            data: {}
        }
    ];
}

/** Posts change notifications to subscribers without blocking the API response, retrying as Intuit does. */
export class WebhookSender {
    readonly subscriptions: WebhookConfig[] = [];
    readonly deliveries: WebhookDelivery[] = [];
    private readonly retries: PendingRetry[] = [];
    private readonly pending = new Set<Promise<void>>();

    constructor(private readonly clock: Clock) {}

    subscribe(config: WebhookConfig): void {
        this.subscriptions.push(config);
    }

    clear(): void {
        this.subscriptions.length = 0;
        this.deliveries.length = 0;
        this.retries.length = 0;
    }

    notify(change: EntityChange): void {
        for (const subscription of this.subscriptions) {
            if (subscription.realmIds.length > 0 && !subscription.realmIds.includes(change.realmId)) continue;
            const payload = subscription.format === 'legacy' ? legacyPayload(change) : cloudEventsPayload(change);
            this.track(this.post(subscription, JSON.stringify(payload), 1));
        }
    }

    /** Sends the retries whose time has come on the shared clock. */
    deliverDueRetries(): void {
        const now = this.clock.now();
        for (const retry of this.retries.filter((r) => r.dueAt <= now)) {
            this.retries.splice(this.retries.indexOf(retry), 1);
            this.track(this.post(retry.subscription, retry.body, retry.attempt));
        }
    }

    /** Resolves once every notification sent so far has been answered (or failed). */
    async flush(): Promise<void> {
        this.deliverDueRetries();
        while (this.pending.size > 0) await Promise.all([...this.pending]);
    }

    private track(delivery: Promise<void>): void {
        this.pending.add(delivery);
        void delivery.finally(() => this.pending.delete(delivery));
    }

    private async post(subscription: WebhookConfig, body: string, attempt: number): Promise<void> {
        const signature = intuitSignature(subscription.verifierToken, body);
        const record: WebhookDelivery = {
            url: subscription.url,
            format: subscription.format,
            status: 'error',
            attempt,
            body,
            signature
        };
        try {
            const response = await fetch(subscription.url, {
                method: 'POST',
                headers: {
                    'Content-Type':
                        subscription.format === 'legacy'
                            ? 'application/json; charset=utf-8'
                            : 'application/cloudevents-batch+json',
                    Accept: 'application/json',
                    'intuit-signature': signature,
                    'intuit-created-time': notificationTime(this.clock.now()),
                    'intuit-t-id': randomUUID(),
                    'intuit-notification-schema-version': '0.1',
                    'User-Agent': 'intuit_notification_server/0.1'
                },
                body,
                signal: AbortSignal.timeout(3000)
            });
            record.status = response.status;
        } catch {
            record.status = 'error';
        }
        this.deliveries.push(record);
        const failed = record.status === 'error' || RETRIED_STATUSES.has(record.status);
        if (failed && attempt <= RETRY_DELAYS_MINUTES.length) {
            this.retries.push({
                subscription,
                body,
                attempt: attempt + 1,
                dueAt: this.clock.now() + RETRY_DELAYS_MINUTES[attempt - 1] * 60_000
            });
        }
    }
}
