/**
 * Is a recorded process still the same running process? A pid alone is not enough after a crash
 * or a reboot (pids are reused), so where Linux tells us, the process start time is compared too.
 */
import { readFileSync } from 'node:fs';

/** The process start time in clock ticks since boot (Linux /proc), or undefined elsewhere. */
export function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; starttime is field 22 overall.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** True while `pid` runs and, when `startTicks` was recorded, is the process that recorded it. */
export function isSameProcessAlive(pid: number, startTicks?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user, so it is alive.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (startTicks === undefined) return true;
  const now = processStartTicks(pid);
  return now === undefined || now === startTicks;
}
