/**
 * The Apex runtime's public entry point: everything the other tools (the playground, the scripts, their tests)
 * use. Modules under src/ other than this one are the runtime's own and may change shape at any time.
 */
export { Runtime, type RuntimeOptions } from './interpreter/runtime';
export type { AsyncQueueOptions } from './interpreter/async';
export { runAnonymous, type AnonymousResult } from './interpreter/anonymous';
export { TestRunner, type TestResult } from './interpreter/testing';
export { receiveRestRequest, type InboundRestRequest, type RestAnswer } from './rest/apex-rest';
export { createSite, receiveSiteRequest, type Site, type SiteDefinition } from './rest/site';
export { LoadError } from './interpreter/errors';
export type { ClassInfo } from './interpreter/objects';
export type { TypeRef } from './loader/ast';
export { createOrg, loadOrg, Org, SObject, type LoadOrgOptions, type OrgConfig, type OrgConfigOverrides } from './org';
export type { Row, Slot } from './org/database';
export { ApexBlob, ApexDate, ApexDatetime, ApexDouble, ApexTime, Decimal } from './values';
export { ManualClock, OffsetClock, systemClock, type Clock } from './values';
