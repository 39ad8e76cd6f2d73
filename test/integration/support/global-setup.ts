/**
 * One DynamoDB Local (in memory) for the whole integration run. Test files get its endpoint
 * through process.env (jest starts the test workers after this ran, so they inherit it) and each
 * creates its own uniquely named table via startTestApi().
 */
import { LOCAL_CREDENTIALS, LOCAL_REGION, HARNESS_STORAGE_REQUEST_TIMEOUT_MS, startDynamoDbLocal, type DynamoDbLocalHandle } from '../../../local/dynamodb-local';

export const DDB_HANDLE_KEY = '__fundledgerDynamoDbLocal';

export default async function globalSetup(): Promise<void> {
  const handle = await startDynamoDbLocal({ inMemory: true });
  process.env.DYNAMODB_ENDPOINT = handle.endpoint;
  process.env.AWS_REGION = LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  // The emulator under a whole test run is slower than DynamoDB; storage-faults.test.ts puts the
  // production budget back for the frozen-database test.
  process.env.STORAGE_REQUEST_TIMEOUT_MS ||= String(HARNESS_STORAGE_REQUEST_TIMEOUT_MS);
  (globalThis as Record<string, unknown>)[DDB_HANDLE_KEY] = handle satisfies DynamoDbLocalHandle;
}
