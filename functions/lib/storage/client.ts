import {
  ConditionalCheckFailedException, DynamoDBClient, DynamoDBServiceException, InternalServerError,
  ProvisionedThroughputExceededException, RequestLimitExceeded, ThrottlingException, TransactionCanceledException,
  TransactionConflictException, TransactionInProgressException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DEFAULT_TABLE_NAME, TABLE_NAME_ENV } from './table-definition';

import { StorageUnavailable } from './errors';

export { StorageUnavailable };

const envInt = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

/**
 * Time budget of one storage call: each attempt must be answered within the request timeout
 * (counted from the attempt's start, connecting included; connecting alone within 1 s), and the
 * SDK retries timeouts, throttling and dropped connections with a jittered backoff of at most
 * 50 ms, then 100 ms. Deployed: three attempts of 1 s, about 3.2 s at worst. A frozen or
 * unreachable database is therefore a 503 with Retry-After within STORAGE_UNAVAILABLE_WITHIN_MS,
 * well inside the API functions' 10 s timeout and API Gateway's 30 s, never a hanging request.
 * Read when the client is made: `npm start` sets its own figures for DynamoDB Local, a Java
 * emulator much slower than DynamoDB (local/dynamodb-local.ts), inside the same promise.
 */
export const storageTimeouts = () => ({
  connectionTimeoutMs: envInt('STORAGE_CONNECT_TIMEOUT_MS', 1000),
  requestTimeoutMs: envInt('STORAGE_REQUEST_TIMEOUT_MS', 1000),
  maxAttempts: envInt('STORAGE_MAX_ATTEMPTS', 3),
});

/** What the README promises: a storage call that cannot be answered is a 503 within this. */
export const STORAGE_UNAVAILABLE_WITHIN_MS = 5000;

let cached: DynamoDBDocumentClient | undefined;

/**
 * One configured client per Lambda container, created on first use (not at import, so a process
 * that configures DYNAMODB_ENDPOINT after importing the store still gets it) and then reused
 * across invocations. DYNAMODB_ENDPOINT points the same code at DynamoDB Local.
 */
function documentClient(): DynamoDBDocumentClient {
  if (!cached) {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    const timeouts = storageTimeouts();
    const client = new DynamoDBClient({
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: timeouts.maxAttempts,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: timeouts.connectionTimeoutMs,
        requestTimeout: timeouts.requestTimeoutMs,
        throwOnRequestTimeout: true,
      }),
    });
    cached = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return cached;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * Which failures mean "storage unavailable": throttling, transaction contention and server faults
 * (by SDK class), and a request that never got an answer (timeouts, refused or reset connections).
 * Condition failures go back to the caller, who decodes them; anything else is a bug (500).
 */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof ConditionalCheckFailedException || err instanceof TransactionCanceledException) return false;
  if (
    err instanceof ProvisionedThroughputExceededException || err instanceof ThrottlingException || err instanceof RequestLimitExceeded ||
    err instanceof InternalServerError || err instanceof TransactionConflictException || err instanceof TransactionInProgressException
  ) return true;
  if (err instanceof DynamoDBServiceException) return err.$fault === 'server';
  const e = err as { name?: string; code?: string };
  return e?.name === 'TimeoutError' || NETWORK_CODES.has(e?.code ?? '');
}

/**
 * Makes the container's client now. Every Lambda entry point that uses the table calls it at module
 * load, so the client (about 29 M instructions, ~5 ms) is built in the init phase, as AWS advises
 * for SDK clients, not in the first request. Anything else gets it on first use.
 */
export function prepareStorageClient(): void {
  documentClient();
}

type Send = DynamoDBDocumentClient['send'];

/** The document client's `send`, with every storage failure classified once, here. */
export const doc = {
  send: (async (command: Parameters<Send>[0]) => {
    try {
      return await documentClient().send(command);
    } catch (err) {
      if (isUnavailable(err)) throw new StorageUnavailable(err);
      throw err;
    }
  }) as Send,
};

export const tableName = (): string => process.env[TABLE_NAME_ENV] ?? DEFAULT_TABLE_NAME;
