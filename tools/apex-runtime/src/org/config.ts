/** The local org's configuration file: currency, fiscal year, time zone, running user, credentials. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface OrgUserConfig {
    firstName?: string;
    lastName: string;
    email: string;
    username: string;
    alias?: string;
    profile: string;
    permissionSets: string[];
    timeZone?: string;
    locale?: string;
    defaultCurrency?: string;
}

export interface NamedCredentialConfig {
    url: string;
    oauth?: {
        tokenUrl: string;
        clientId: string;
        clientSecret: string;
        refreshToken?: string;
        realmId?: string;
    };
}

export interface OrgConfig {
    /**
     * The org's Id (the Organization row's, UserInfo.getOrganizationId()); generated when absent. A sandbox copy keeps
     * production's record Ids and differs in this one, so two orgs with distinct Ids model production and its copy.
     */
    organizationId?: string;
    organizationName: string;
    timeZone: string;
    locale: string;
    corporateCurrency: string;
    multiCurrency: boolean;
    /** Conversion rates relative to the corporate currency (CurrencyType.ConversionRate). */
    currencies: { isoCode: string; conversionRate: number; decimalPlaces?: number }[];
    fiscalYearStartMonth: number;
    isSandbox: boolean;
    /** Load custom metadata records from the unpackaged sample directories (config/dev) too. */
    loadSampleMetadata: boolean;
    runningUser: OrgUserConfig;
    namedCredentials: Record<string, NamedCredentialConfig>;
    /** Opportunity stages when the org customises them (defaults to Salesforce's standard stages). */
    opportunityStages?: { value: string; probability: number; closed: boolean; won: boolean }[];
    /**
     * Organization-wide defaults of standard objects by name (`Private`, `Read`, `ReadWrite`, `ControlledByParent`);
     * unlisted standard objects are Public Read/Write. Custom objects take `sharingModel` from their metadata.
     */
    organizationWideDefaults?: Record<string, string>;
    /**
     * PlatformEventSubscriberConfig records deployed in the org (besides those in the project's metadata): the
     * running user (username) and batch size of a platform event trigger.
     */
    platformEventSubscriberConfigs?: { platformEventConsumer: string; user?: string; batchSize?: number }[];
}

export const DEFAULT_CONFIG: OrgConfig = {
    organizationName: 'Local Org',
    timeZone: 'America/Los_Angeles',
    locale: 'en_US',
    corporateCurrency: 'USD',
    multiCurrency: false,
    currencies: [{ isoCode: 'USD', conversionRate: 1 }],
    fiscalYearStartMonth: 1,
    isSandbox: false,
    loadSampleMetadata: false,
    runningUser: {
        firstName: 'Ada',
        lastName: 'Admin',
        email: 'ada.admin@example.com',
        username: 'ada.admin@quickbooks-sync.local',
        profile: 'System Administrator',
        permissionSets: []
    },
    namedCredentials: {}
};

/** Settings that replace the defaults and the config file's; the running user's are merged field by field. */
export type OrgConfigOverrides = Partial<Omit<OrgConfig, 'runningUser'>> & { runningUser?: Partial<OrgUserConfig> };

/** Reads the config file (JSON) over the defaults; a missing file means the defaults. */
export function readOrgConfig(file?: string, overrides: OrgConfigOverrides = {}): OrgConfig {
    let fromFile: Partial<OrgConfig> = {};
    if (file) {
        const resolved = path.resolve(file);
        if (!fs.existsSync(resolved)) throw new Error(`Org config file not found: ${resolved}`);
        fromFile = JSON.parse(fs.readFileSync(resolved, 'utf8'));
    }
    const runningUser: OrgUserConfig = {
        ...DEFAULT_CONFIG.runningUser,
        ...(fromFile.runningUser ?? {}),
        ...(overrides.runningUser ?? {})
    };
    return { ...DEFAULT_CONFIG, ...fromFile, ...overrides, runningUser };
}
