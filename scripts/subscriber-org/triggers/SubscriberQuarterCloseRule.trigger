/**
 * A subscriber org's own automation on the package's sync requests, as an admin may add one: while a deal is frozen
 * for the quarter close (its name starts with "Frozen"), no change to its sync request is saved. addError in a before
 * trigger makes the row fail with FIELD_CUSTOM_VALIDATION_EXCEPTION, as a validation rule would.
 */
trigger SubscriberQuarterCloseRule on QB_Sync_Request__c(before update) {
    Set<Id> opportunityIds = new Set<Id>();
    for (QB_Sync_Request__c request : Trigger.new) {
        opportunityIds.add(request.Opportunity__c);
    }
    Map<Id, Opportunity> frozen = new Map<Id, Opportunity>(
        [SELECT Id FROM Opportunity WHERE Id IN :opportunityIds AND Name LIKE 'Frozen%']
    );
    for (QB_Sync_Request__c request : Trigger.new) {
        if (frozen.containsKey(request.Opportunity__c)) {
            request.addError('Sync requests of frozen deals cannot change during the quarter close.');
        }
    }
}
