import type { DynamoDbLocalHandle } from '../../../local/dynamodb-local';
import { DDB_HANDLE_KEY } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as Record<string, unknown>)[DDB_HANDLE_KEY] as DynamoDbLocalHandle | undefined;
  delete (globalThis as Record<string, unknown>)[DDB_HANDLE_KEY];
  await handle?.stop();
}
