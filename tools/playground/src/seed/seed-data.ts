/**
 * The playground's demo data, declared once: the seed script is generated from it, and the demo computes the
 * invoice totals it expects from it (independently of the engine).
 */
export const US_REALM = '9130350000000001';
export const CA_REALM = '9130350000000002';

/** A 200+ character account name (Salesforce allows 255; QuickBooks DisplayName 500). */
export const LONG_ACCOUNT_NAME =
    'The Very Long Named International Consolidated Holding Company of Advanced Industrial Widgets, ' +
    'Precision Sprockets, Artisanal Gaskets and Miscellaneous Engineering Supplies for the Greater Pacific Northwest Region LLC';

export interface SeedAccount {
    key: string;
    name: string;
    city: string;
    country: string;
}

export const ACCOUNTS: SeedAccount[] = [
    { key: 'obrien', name: "O'Brien & Sons, Inc.", city: 'Boston', country: 'United States' },
    { key: 'cafe', name: 'Café Zürich GmbH', city: 'Toronto', country: 'Canada' },
    { key: 'long', name: LONG_ACCOUNT_NAME, city: 'Seattle', country: 'United States' },
    { key: 'macys', name: 'Macy’s Home Goods', city: 'New York', country: 'United States' },
    { key: 'northwind', name: 'Northwind Traders', city: 'Portland', country: 'United States' }
];

export interface SeedProduct {
    key: string;
    name: string;
    code: string;
    family: string;
    usd: number;
    cad: number;
    /** QuickBooks item name per realm; absent = deliberately unmapped (the company's fallback item is used) */
    qboItem: string | null;
}

export const PRODUCTS: SeedProduct[] = [
    {
        key: 'consulting',
        name: 'Consulting Hours',
        code: 'CONSULT',
        family: 'Services',
        usd: 150,
        cad: 200,
        qboItem: 'Consulting'
    },
    {
        key: 'subscription',
        name: 'Annual Subscription',
        code: 'SUB-ANNUAL',
        family: 'Software',
        usd: 100,
        cad: 135,
        qboItem: 'Subscription'
    },
    {
        key: 'hardware',
        name: 'Hardware Kit',
        code: 'HW-KIT',
        family: 'Hardware',
        usd: 250,
        cad: 340,
        qboItem: 'Hardware'
    },
    {
        key: 'support',
        name: 'Premium Support Plan',
        code: 'SUPPORT-PREM',
        family: 'Services',
        usd: 1200,
        cad: 1600,
        qboItem: 'Premium Support'
    },
    {
        key: 'onboarding',
        name: 'Onboarding Workshop',
        code: 'ONBOARD',
        family: 'Services',
        usd: 950,
        cad: 1300,
        qboItem: null
    }
];

/** Items the emulator does not seed by default (its companies already have Services, Consulting, Subscription, Hardware). */
export const EXTRA_QBO_ITEMS = [{ Name: 'Premium Support', Sku: 'SUPPORT-PREM', UnitPrice: 1200, Type: 'Service' }];

/** Tax code per company for mapped items: US non-taxable; Canada "Exempt" (id 3 in the emulator's Canadian company). */
export const TAX_CODES: Record<string, string> = { [US_REALM]: 'NON', [CA_REALM]: '3' };

export interface SeedLine {
    product: string;
    quantity: number;
    /** percent, as OpportunityLineItem.Discount */
    discount?: number;
}

export interface SeedOpportunity {
    key: string;
    name: string;
    account: string;
    recordType: 'Standard_Deal' | 'Canada_Deal';
    currency: 'USD' | 'CAD';
    stage: string;
    closeDate: string;
    /** won by `npm run demo` (and the e2e test's deals) */
    demoWin?: boolean;
    /** owned by the sales rep (SALES_REP_USER); the admin owns the others */
    ownedByRep?: boolean;
    lines: SeedLine[];
}

export const OPPORTUNITIES: SeedOpportunity[] = [
    {
        key: 'obrien-rollout',
        name: "O'Brien & Sons — consulting rollout",
        account: 'obrien',
        recordType: 'Standard_Deal',
        currency: 'USD',
        stage: 'Negotiation/Review',
        closeDate: '2026-12-15',
        demoWin: true,
        lines: [
            { product: 'consulting', quantity: 40, discount: 10 },
            { product: 'subscription', quantity: 12 }
        ]
    },
    {
        key: 'cafe-lab',
        name: 'Café Zürich — espresso lab fit-out',
        account: 'cafe',
        recordType: 'Canada_Deal',
        currency: 'CAD',
        stage: 'Proposal/Price Quote',
        closeDate: '2026-12-20',
        demoWin: true,
        lines: [
            { product: 'hardware', quantity: 3, discount: 5 },
            { product: 'support', quantity: 1 }
        ]
    },
    {
        key: 'long-onboarding',
        name: 'Widgets consortium — onboarding and training',
        account: 'long',
        recordType: 'Standard_Deal',
        currency: 'USD',
        stage: 'Negotiation/Review',
        closeDate: '2026-12-18',
        demoWin: true,
        lines: [
            { product: 'onboarding', quantity: 2 },
            { product: 'consulting', quantity: 10, discount: 15 }
        ]
    },
    {
        key: 'macys-expansion',
        name: 'Macy’s — store expansion',
        account: 'macys',
        recordType: 'Standard_Deal',
        currency: 'USD',
        stage: 'Closed Won',
        ownedByRep: true,
        closeDate: '2027-02-28',
        lines: [
            { product: 'hardware', quantity: 20, discount: 12.5 },
            { product: 'support', quantity: 2 }
        ]
    },
    {
        key: 'obrien-datacenter',
        name: "O'Brien & Sons — data center build-out",
        account: 'obrien',
        recordType: 'Standard_Deal',
        currency: 'USD',
        stage: 'Negotiation/Review',
        closeDate: '2026-12-22',
        lines: [
            { product: 'hardware', quantity: 120 },
            { product: 'support', quantity: 2 }
        ]
    },
    {
        key: 'northwind-warehouse',
        name: 'Northwind Traders — warehouse expansion',
        account: 'northwind',
        recordType: 'Standard_Deal',
        currency: 'USD',
        stage: 'Negotiation/Review',
        closeDate: '2026-12-23',
        lines: [
            { product: 'hardware', quantity: 100 },
            { product: 'consulting', quantity: 40 }
        ]
    },
    {
        key: 'northwind-renewal',
        name: 'Northwind Traders — hardware refresh',
        account: 'northwind',
        recordType: 'Standard_Deal',
        currency: 'USD',
        stage: 'Closed Won',
        closeDate: '2026-11-20',
        lines: [
            { product: 'hardware', quantity: 4 },
            { product: 'consulting', quantity: 6, discount: 20 }
        ]
    }
];

/**
 * The integration user whose data loads are not auto-synced (permission set QB_Sync_Data_Load_Bypass): deals it marks
 * won (the Northwind refresh) wait for a person to press Sync now.
 */
export const DATA_MIGRATION_USER = {
    username: 'data.migration@quickbooks-sync.local',
    firstName: '',
    lastName: 'Data Migration',
    alias: 'datamig',
    permissionSets: ['QB_Sync_Admin', 'QB_Sync_Data_Load_Bypass']
};

/**
 * The finance approver (permission set QB_Sync_Finance_Approver): the seeded deals belong to the admin, so this user
 * may approve or reject the ones over the approval threshold (nobody decides on their own deal). The shell's user menu
 * switches to this user.
 */
export const FINANCE_APPROVER_USER = {
    username: 'fiona.finance@quickbooks-sync.local',
    firstName: 'Fiona',
    lastName: 'Finance',
    alias: 'ffinance',
    permissionSets: ['QB_Sync_Finance_Approver']
};

/**
 * The sales rep (permission set QB_Sync_Sales_User, Standard User profile): owns the Macy’s deal, which the data
 * migration recorded as won, so the rep presses Sync now on it. Opportunities are Private in the playground org, so
 * the rep sees only that deal and no other deal's sync log. The shell's user menu switches to this user.
 */
export const SALES_REP_USER = {
    username: 'sam.sales@quickbooks-sync.local',
    firstName: 'Sam',
    lastName: 'Sales',
    alias: 'ssales',
    profile: 'Standard User',
    permissionSets: ['QB_Sync_Sales_User']
};

/**
 * The integration user every sync runs as: QBSyncRequestedTrigger's PlatformEventSubscriberConfig names it (the
 * playground's org config), and it holds QB_Sync_Integration (the QuickBooks and Slack credential principals) and
 * nothing else, as the README's install steps set it up.
 */
export const INTEGRATION_USER = {
    username: 'ivy.integration@quickbooks-sync.local',
    firstName: 'Ivy',
    lastName: 'Integration',
    alias: 'ivyint',
    profile: 'Minimum Access - Salesforce',
    permissionSets: ['QB_Sync_Integration']
};

export const CONTRACT = {
    account: 'obrien',
    startDate: '2026-12-01',
    termMonths: 12,
    billingFrequency: 'Monthly',
    nextInvoiceDate: '2027-01-01',
    lines: [
        { product: 'subscription', quantity: 25, unitPrice: 95, description: 'Seats, monthly' },
        { product: 'support', quantity: 1, unitPrice: 100, description: 'Premium support, monthly share' }
    ]
};

/** What QuickBooks should total for a deal: each line at its discounted unit price (rounded to cents) × quantity. */
export function expectedInvoiceTotal(opportunity: SeedOpportunity): number {
    let cents = 0;
    for (const line of opportunity.lines) {
        const product = PRODUCTS.find((p) => p.key === line.product)!;
        const listPrice = opportunity.currency === 'CAD' ? product.cad : product.usd;
        const unitCents = Math.round(listPrice * 100 * (1 - (line.discount ?? 0) / 100));
        cents += unitCents * line.quantity;
    }
    return cents / 100;
}
