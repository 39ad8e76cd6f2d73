/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (esbuild alias,
 * infra/bundling.ts): the SDK clients' default credentials become the function's environment only.
 *
 * Lambda puts the execution role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, and the SDK's default chain tries exactly that first, so on Lambda the two
 * answer alike. The rest of the chain (SSO, profiles, credential_process, web identity, container
 * and instance metadata) is for other hosts; bundled, it is about 130 KB, a third of what a
 * DynamoDB client costs at load, read by V8 at every cold start and never run. Without the
 * variables this fails with the SDK's own "Unable to find environment variable credentials"
 * rather than looking anywhere else. Under jest, tsx and the local server the real package loads.
 */
import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: FromEnvInit): ReturnType<typeof fromEnv> => fromEnv(init);
