/**
 * Is a TCP port free? Asked by binding it briefly, the same way its future owner will, before
 * anything is spawned: a busy port must be a clear refusal, never a silent connection to whatever
 * already answers there.
 */
import { connect, createServer } from 'node:net';
import { UserError } from './user-error';

/**
 * Resolves to undefined when `port` can be bound on `host` (omitted: every interface, as DynamoDB
 * Local binds), else to the bind error (EADDRINUSE, EACCES, …).
 */
export function probePort(port: number, host?: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolveProbe) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => resolveProbe(err));
    const onListening = (): void => {
      server.close(() => resolveProbe(undefined));
    };
    if (host === undefined) server.listen(port, onListening);
    else server.listen(port, host, onListening);
  });
}

/**
 * True when something accepts connections on host:port. Where the OS lets a wildcard bind coexist
 * with another process's loopback bind (BSD, macOS), only this shows that 127.0.0.1 is taken.
 */
export function somethingAnswers(port: number, host: string): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = connect({ port, host });
    const done = (answered: boolean): void => {
      socket.destroy();
      resolveAnswer(answered);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface PortCheck {
  port: number;
  host?: string;
  /** What wanted the port, for the message ("the API", "DynamoDB Local"). */
  purpose: string;
  /** Why this port matters here and how to choose another one. */
  advice: string;
}

/** Throws a UserError naming the port, what wanted it and how to get past it. */
export async function assertPortFree({ port, host, purpose, advice }: PortCheck): Promise<void> {
  const bindError = await probePort(port, host);
  const busy = bindError ? bindError.code === 'EADDRINUSE' : await somethingAnswers(port, host ?? '127.0.0.1');
  const where = `port ${port}${host ? ` on ${host}` : ''}`;
  if (busy) {
    throw new UserError(
      `${where} (for ${purpose}) is already in use by another process. ${advice}\n` +
        `  To see who holds it: ss -ltnp 'sport = :${port}'   (or: lsof -i :${port})`,
    );
  }
  if (bindError?.code === 'EACCES') {
    throw new UserError(`${where} (for ${purpose}) may not be used by this user (EACCES). ${advice}`);
  }
  if (bindError) throw bindError;
}
