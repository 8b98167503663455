const eslintJs = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');
const lwcConfig = require('@salesforce/eslint-config-lwc');

const LWC_SOURCES = ['force-app/**/lwc/**/*.ts'];
// Type declarations and Jest helpers next to the LWCs, plus the local tooling (Node).
const TOOL_SOURCES = ['tools/**/*.ts', 'scripts/**/*.ts', 'force-app/**/*.ts'];

module.exports = [
    {
        ignores: [
            '**/node_modules/**',
            'coverage/**',
            'test-output/**',
            'reports/**',
            '.stryker-tmp/**',
            '.playground-data/**',
            '.sf/**',
            '.sfdx/**',
            'force-app/**/lwc/**/*.js',
            'tools/checks/fixtures/**'
        ]
    },
    // Lightning Web Components (TypeScript, compiled in place): Salesforce's LWC rules.
    ...lwcConfig.configs.recommendedTs.map((config) => ({ ...config, files: LWC_SOURCES })),
    {
        files: LWC_SOURCES,
        rules: {
            // TypeScript itself reports undefined names; the core rule does not understand types.
            'no-undef': 'off'
        }
    },
    // Local tooling, scripts, LWC type declarations and Jest helpers (TypeScript).
    ...tseslint.configs.recommended.map((config) => ({ ...config, files: TOOL_SOURCES, ignores: LWC_SOURCES })),
    {
        files: TOOL_SOURCES,
        ignores: LWC_SOURCES,
        languageOptions: { globals: { ...globals.node, ...globals.jest } }
    },
    // Root configuration files (CommonJS).
    {
        files: ['*.js'],
        ...eslintJs.configs.recommended,
        languageOptions: { sourceType: 'commonjs', globals: globals.node }
    }
];
