const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const swcTypeScript = [
    '@swc/jest',
    {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' }
    }
];

// LWC tests render the real Lightning base components from `lightning-base-components` (what the playground
// serves too), not the sfdx-lwc-jest stubs. The platform-only modules the base components import (labels, i18n,
// gates) resolve to the stand-ins that package ships. Platform services our components import and the package
// does not implement (lightning/uiRecordApi, lightning/refresh) keep the sfdx-lwc-jest stubs. jsdom has no ElementInternals, so the
// combobox's gate for it is closed.
const baseComponents = '<rootDir>/node_modules/lightning-base-components';
const lwcModuleNameMapper = {
    '^lightning/(?!uiRecordApi$|refresh$)(.+)$': `${baseComponents}/src/lightning/$1/$1`,
    '^@salesforce/(label|i18n|client|internal)/(.+)$': `${baseComponents}/scopedImports/@salesforce-$1-$2.js`,
    '^@salesforce/gate/bc\\.260\\.enableComboboxElementInternals$': '<rootDir>/force-app/main/ui/test/closedGate.ts',
    '^@salesforce/gate/.+$': `${baseComponents}/external/gateStub.js`,
    '^@salesforce/accessCheck/.+$': `${baseComponents}/external/flagStub.js`
};

const lwcProject = {
    ...jestConfig,
    displayName: 'lwc',
    rootDir: __dirname,
    testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/'],
    moduleFileExtensions: ['ts', 'js', 'html', 'css', 'json'],
    moduleNameMapper: lwcModuleNameMapper,
    transformIgnorePatterns: [
        '/node_modules/(?!(.*@lwc/state)|(.*@salesforce/sfdx-lwc-jest/src/lightning-stubs)|lightning-base-components/)'
    ]
};

const toolsProject = {
    displayName: 'tools',
    rootDir: __dirname,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/tools/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tools/checks/fixtures/'],
    transform: { '^.+\\.(t|j)sx?$': swcTypeScript }
};

const workspace = {
    // Coverage options are global in Jest (not per project). V8 coverage needs no instrumentation at transform
    // time, so it stays correct with the transform cache of @lwc/jest-transformer, whose cache key ignores coverage.
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/__tests__/**', '!**/*.d.ts'],
    coverageProvider: 'v8',
    coverageReporters: ['text-summary', 'text', 'lcov'],
    coverageThreshold: {
        './force-app/main/ui/lwc/': { lines: 90 }
    },
    projects: [lwcProject, toolsProject]
};

// Stryker (npm run test:mutation) mutates the LWC sources only: its workers run the LWC project alone, as the
// top-level config, so Stryker can wrap its jsdom test environment for per-test coverage.
module.exports = process.env.STRYKER_MUTATOR_WORKER ? lwcProject : workspace;
