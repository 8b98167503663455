trigger QBSyncRequestedTrigger on QB_Sync_Requested__e(after insert) {
    QBSyncDispatcher.startRequested(Trigger.new);
}
