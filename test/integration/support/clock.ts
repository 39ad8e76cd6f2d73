/**
 * The clock only: timers and the event loop stay real, and the in-process API sees this instant as
 * now (the handlers read `new Date()` once per request). Undo with jest.useRealTimers().
 */
export const fakeNow = (iso: string): void => {
  jest.useFakeTimers({ now: new Date(iso), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'hrtime', 'performance'] });
};

/** Runs `fn` with the clock at `iso`, then gives the real clock back. */
export async function atInstant<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  fakeNow(iso);
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}
