trigger QBOpportunityLineItemTrigger on OpportunityLineItem(after insert, after update, after delete, after undelete) {
    new QBInvoicedLineChangeHandler().run();
}
