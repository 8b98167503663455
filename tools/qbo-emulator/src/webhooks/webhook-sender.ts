import { createHmac, randomUUID } from 'node:crypto';
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
    body: string;
    signature: string;
}

const CLOUD_EVENT_OPERATIONS: Record<EntityChange['operation'], string> = {
    Create: 'created',
    Update: 'updated',
    Delete: 'deleted',
    Void: 'voided',
    Emailed: 'emailed'
};

/** intuit-signature: base64 of HMAC-SHA256 over the raw body, keyed with the app's verifier token. */
export function intuitSignature(verifierToken: string, body: string): string {
    return createHmac('sha256', verifierToken).update(body, 'utf8').digest('base64');
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
                            operation: change.operation,
                            lastUpdated: new Date(change.at).toISOString()
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
            source: 'intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=',
            type: `qbo.${change.entity.toLowerCase()}.${CLOUD_EVENT_OPERATIONS[change.operation]}.v1`,
            datacontenttype: 'application/json',
            time: new Date(change.at).toISOString(),
            intuitentityid: change.id,
            intuitaccountid: change.realmId,
            data: {}
        }
    ];
}

/** Posts change notifications to subscribers without blocking the API response. */
export class WebhookSender {
    readonly subscriptions: WebhookConfig[] = [];
    readonly deliveries: WebhookDelivery[] = [];
    private readonly pending = new Set<Promise<void>>();

    subscribe(config: WebhookConfig): void {
        this.subscriptions.push(config);
    }

    clear(): void {
        this.subscriptions.length = 0;
        this.deliveries.length = 0;
    }

    notify(change: EntityChange): void {
        for (const subscription of this.subscriptions) {
            if (subscription.realmIds.length > 0 && !subscription.realmIds.includes(change.realmId)) continue;
            const payload = subscription.format === 'legacy' ? legacyPayload(change) : cloudEventsPayload(change);
            const delivery = this.post(subscription, JSON.stringify(payload));
            this.pending.add(delivery);
            void delivery.finally(() => this.pending.delete(delivery));
        }
    }

    /** Resolves once every notification sent so far has been answered (or failed). */
    async flush(): Promise<void> {
        while (this.pending.size > 0) await Promise.all([...this.pending]);
    }

    private async post(subscription: WebhookConfig, body: string): Promise<void> {
        const signature = intuitSignature(subscription.verifierToken, body);
        const record: WebhookDelivery = {
            url: subscription.url,
            format: subscription.format,
            status: 'error',
            body,
            signature
        };
        try {
            const response = await fetch(subscription.url, {
                method: 'POST',
                headers: {
                    'Content-Type':
                        subscription.format === 'legacy' ? 'application/json' : 'application/cloudevents-batch+json',
                    'intuit-signature': signature
                },
                body,
                signal: AbortSignal.timeout(3000)
            });
            record.status = response.status;
        } catch {
            record.status = 'error';
        }
        this.deliveries.push(record);
    }
}
