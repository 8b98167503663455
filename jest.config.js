const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const swcTypeScript = [
    '@swc/jest',
    {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' }
    }
];

module.exports = {
    projects: [
        {
            ...jestConfig,
            displayName: 'lwc',
            rootDir: __dirname,
            testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.ts'],
            testPathIgnorePatterns: ['/node_modules/']
        },
        {
            displayName: 'tools',
            rootDir: __dirname,
            testEnvironment: 'node',
            testMatch: ['<rootDir>/tools/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts'],
            testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tools/checks/fixtures/'],
            transform: { '^.+\\.(t|j)sx?$': swcTypeScript }
        }
    ]
};
