/**
 * An error the person running the local stack can fix (busy port, locked data directory, bad flag,
 * no Java, bad environment value). Its message says what happened and what to do, so it is printed
 * on its own: a stack trace would only bury it. Anything else is unexpected and keeps its stack.
 */
export class UserError extends Error {
  /** 2 for usage mistakes (bad flag or environment value), 1 for the rest. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}
