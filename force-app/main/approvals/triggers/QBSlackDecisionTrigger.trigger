trigger QBSlackDecisionTrigger on QB_Slack_Decision__e(after insert) {
    QBSlackApprovalDecision.start(Trigger.new);
}
