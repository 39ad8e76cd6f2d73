/**
 * Three projects: pure unit/property tests, integration tests through the HTTP layer against a
 * real DynamoDB Local (started and stopped by globalSetup/globalTeardown), and CDK stack tests.
 * swc strips types (fast); `tsc --noEmit` in `npm test` does the type checking.
 */
// Quiet, deterministic test output: handler logs off, and no SDK notice about future Node versions.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Metrics are for CloudWatch (EMF); locally they would only flood the console.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const transform = { '^.+\\.[cm]?[tj]sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] };
// @middy/core 6 ships ES modules only; let swc turn it into CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!@middy/)'];

module.exports = {
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], transform, transformIgnorePatterns, testEnvironment: 'node' },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/integration/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/support/global-teardown.ts',
    },
    { displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'], transform, transformIgnorePatterns, testEnvironment: 'node' },
  ],
};
