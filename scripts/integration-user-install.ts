/**
 * The README's install step "Integration user", for the org configs that end-to-end tests build: the
 * PlatformEventSubscriberConfig of QBSyncRequestedTrigger names the org's running user, who also holds
 * QB_Sync_Integration (the QuickBooks credential principal). Without it every sync runs as the Automated Process user
 * and fails with the setup error a real org shows.
 */
interface RunningUser {
    username: string;
    permissionSets?: string[];
}

export function integrationUserInstallStep(runningUser: unknown) {
    const user = runningUser as RunningUser;
    return {
        runningUser: { ...user, permissionSets: [...(user.permissionSets ?? []), 'QB_Sync_Integration'] },
        platformEventSubscriberConfigs: [
            { platformEventConsumer: 'QBSyncRequestedTrigger', user: user.username, batchSize: 200 }
        ]
    };
}
