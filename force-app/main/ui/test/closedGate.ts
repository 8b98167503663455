/**
 * A closed `@salesforce/gate/*` for the few base-component features jsdom cannot run (ElementInternals): the
 * base components then take the path they take in orgs where the gate is off.
 */
export default { isOpen: (): boolean => false };
