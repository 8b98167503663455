trigger QBOpportunityTrigger on Opportunity(before insert, before update, after insert, after update) {
    new QBOpportunitySyncTriggerHandler().run();
}
