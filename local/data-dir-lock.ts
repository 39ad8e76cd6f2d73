/**
 * One FundLedger stack per data directory. Two DynamoDB Locals on the same database file make
 * every write fail, so `npm start` takes a lock file in the data directory first. It is created
 * atomically (O_EXCL) and names its holder, so a second start can say who holds the directory and
 * what to do. A lock whose process is gone is taken over with a notice, unless that stack's
 * DynamoDB Local outlived it and still uses the directory. The lock is removed on exit.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync, linkSync } from 'node:fs';
import { join } from 'node:path';
import { isSameProcessAlive, processStartTicks } from './process-identity';
import { UserError } from './user-error';

export const LOCK_FILE_NAME = 'fundledger.lock';

/** What the lock file holds (JSON). */
export interface StackLockInfo {
  pid: number;
  /** Start time of `pid` (Linux), to tell a reused pid from the holder. */
  pidStart?: string;
  apiUrl: string;
  dynamodbPort: number;
  /** ISO time the stack started. */
  startedAt: string;
  dataDir: string;
  /** Set once DynamoDB Local runs: a crashed stack can leave it behind, still using the directory. */
  dynamodbPid?: number;
  dynamodbPidStart?: string;
  /** Tells our lock from a later holder's when releasing. */
  nonce: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly info: StackLockInfo;
  /** Records DynamoDB Local's pid in the lock. */
  recordDynamoDb(pid: number): void;
  /** Removes the lock if it is still ours. Idempotent; also runs on process exit. */
  release(): void;
}

/** A lock file this young that cannot be parsed yet is taken to be mid-write, not abandoned. */
const FRESH_UNREADABLE_MS = 10_000;

function parseLock(raw: string): StackLockInfo | undefined {
  try {
    const value = JSON.parse(raw) as Partial<StackLockInfo>;
    if (typeof value.pid === 'number' && typeof value.nonce === 'string') return value as StackLockInfo;
  } catch {
    /* unreadable */
  }
  return undefined;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function ago(iso: string): string {
  const ms = Date.now() - Date.parse(iso);
  if (!Number.isFinite(ms) || ms < 0) return iso;
  const minutes = Math.floor(ms / 60_000);
  const span = minutes < 1 ? 'less than a minute' : minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h`;
  return `${iso} (${span} ago)`;
}

/** "pid 123, API http://…, DynamoDB Local on port 8123, running since …" (or "started …" once gone). */
export function describeHolder(info: StackLockInfo, alive = true): string {
  return `pid ${info.pid}, API ${info.apiUrl}, DynamoDB Local on port ${info.dynamodbPort}, ${alive ? 'running since' : 'started'} ${ago(info.startedAt)}`;
}

function heldError(dataDir: string, lockPath: string, holder: StackLockInfo): UserError {
  return new UserError(
    `The data directory ${dataDir} is in use by another FundLedger stack:\n` +
      `  ${describeHolder(holder)}.\n` +
      'Two stacks on one data directory would make every write fail. Either stop that stack ' +
      `(Ctrl-C in its terminal, or: kill ${holder.pid}) and start again, or run this one on other data: ` +
      'FUNDLEDGER_DATA_DIR=<another directory> npm start, or npm start -- --in-memory.\n' +
      `  (lock file: ${lockPath})`,
  );
}

function orphanError(dataDir: string, lockPath: string, holder: StackLockInfo): UserError {
  return new UserError(
    `The FundLedger stack that last used ${dataDir} (${describeHolder(holder, false)}) is gone, ` +
      `but its DynamoDB Local (pid ${holder.dynamodbPid}, port ${holder.dynamodbPort}) is still running on that data directory. ` +
      `Stop it first (kill ${holder.dynamodbPid}), then start again.\n  (lock file: ${lockPath})`,
  );
}

/**
 * Removes the stale lock only if it is still the file we judged: move it aside atomically, and if
 * what we moved is someone else's fresh lock (they took over first), put it back.
 */
function removeIfUnchanged(lockPath: string, judged: string): void {
  const aside = `${lockPath}.${process.pid}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    if (readFileSync(aside, 'utf8') !== judged) {
      try {
        linkSync(aside, lockPath);
      } catch {
        /* yet another start holds it now: the retry will name it */
      }
    }
  } finally {
    unlinkSync(aside);
  }
}

/**
 * Takes the lock on `dataDir` (which must exist) for a stack that will serve `apiUrl` with
 * DynamoDB Local on `dynamodbPort`, or throws a UserError naming the current holder.
 * `notice` receives one line when a stale lock is taken over.
 */
export function acquireDataDirLock(
  dataDir: string,
  stack: { apiUrl: string; dynamodbPort: number },
  notice: (line: string) => void,
): DataDirLock {
  const lockPath = join(dataDir, LOCK_FILE_NAME);
  const pidStart = processStartTicks(process.pid);
  const info: StackLockInfo = {
    pid: process.pid,
    ...(pidStart !== undefined ? { pidStart } : {}),
    apiUrl: stack.apiUrl,
    dynamodbPort: stack.dynamodbPort,
    startedAt: new Date().toISOString(),
    dataDir,
    nonce: randomUUID(),
  };

  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UserError(`cannot create the lock file ${lockPath}: ${(err as Error).message}`);
      }
      const raw = readIfExists(lockPath);
      if (raw === undefined) continue; // released meanwhile: try again
      const holder = parseLock(raw);
      if (!holder) {
        let age = Infinity;
        try {
          age = Date.now() - statSync(lockPath).mtimeMs;
        } catch {
          /* gone meanwhile */
        }
        if (age < FRESH_UNREADABLE_MS) {
          throw new UserError(
            `Another FundLedger stack is starting on ${dataDir} right now (lock file ${lockPath}). ` +
              'Wait for it, or stop it, and try again.',
          );
        }
        notice(`note: ${lockPath} was unreadable and is old; taking it over.`);
        removeIfUnchanged(lockPath, raw);
        continue;
      }
      if (isSameProcessAlive(holder.pid, holder.pidStart)) throw heldError(dataDir, lockPath, holder);
      if (holder.dynamodbPid !== undefined && isSameProcessAlive(holder.dynamodbPid, holder.dynamodbPidStart)) {
        throw orphanError(dataDir, lockPath, holder);
      }
      notice(`note: taking over the lock on ${dataDir} from a FundLedger stack that is no longer running (${describeHolder(holder, false)}).`);
      removeIfUnchanged(lockPath, raw);
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(info, null, 2) + '\n');
    } finally {
      closeSync(fd);
    }
    return ownLock(lockPath, info);
  }
  throw new UserError(`could not take the lock ${lockPath}: other starts keep taking it. Try again.`);
}

function ownLock(lockPath: string, info: StackLockInfo): DataDirLock {
  const stillOurs = (): boolean => {
    const raw = readIfExists(lockPath);
    return raw !== undefined && parseLock(raw)?.nonce === info.nonce;
  };
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    try {
      if (stillOurs()) unlinkSync(lockPath);
    } catch {
      /* best effort: at worst a stale lock the next start takes over */
    }
  };
  // 'exit' runs on process.exit, the end of the event loop and after an uncaught exception; the
  // signal handlers of local/start.ts end in process.exit. Only SIGKILL leaves a (stale) lock.
  process.on('exit', release);

  return {
    path: lockPath,
    info,
    recordDynamoDb(pid: number): void {
      if (released || !stillOurs()) return;
      info.dynamodbPid = pid;
      const ticks = processStartTicks(pid);
      if (ticks !== undefined) info.dynamodbPidStart = ticks;
      // Write aside and rename, so a concurrent reader never sees a half-written lock.
      const tmp = `${lockPath}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n');
      renameSync(tmp, lockPath);
    },
    release,
  };
}
