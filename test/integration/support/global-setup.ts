/**
 * One DynamoDB Local (in memory) for the whole integration run. Test files get its endpoint
 * through process.env (jest starts the test workers after this ran, so they inherit it) and each
 * creates its own uniquely named table via startTestApi().
 */
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocalHandle } from '../../../local/dynamodb-local';

export const DDB_HANDLE_KEY = '__fundledgerDynamoDbLocal';

export default async function globalSetup(): Promise<void> {
  const handle = await startDynamoDbLocal({ inMemory: true });
  process.env.DYNAMODB_ENDPOINT = handle.endpoint;
  process.env.AWS_REGION = LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  (globalThis as Record<string, unknown>)[DDB_HANDLE_KEY] = handle satisfies DynamoDbLocalHandle;
}
