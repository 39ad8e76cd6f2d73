import { eachBounded } from '../../functions/lib/alerts/bounded';

const tick = () => new Promise((r) => setImmediate(r));

describe('eachBounded', () => {
  it('does every item, at most `concurrency` at a time', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await eachBounded([1, 2, 3, 4, 5, 6, 7][Symbol.iterator](), 3, async (n) => {
      most = Math.max(most, ++running);
      await tick();
      done.push(n);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('after the first failure no worker starts another item', async () => {
    const started: number[] = [];
    const run = eachBounded([1, 2, 3, 4, 5, 6, 7, 8, 9][Symbol.iterator](), 3, async (n) => {
      started.push(n);
      await tick();
      if (n === 2) throw new Error('storage said no');
      await tick();
    });
    await expect(run).rejects.toThrow('storage said no');
    await tick();
    await tick();
    await tick();
    // 1, 2 and 3 were under way when 2 failed; 1 and 3 finish, nothing after them begins.
    expect(started.sort()).toEqual([1, 2, 3]);
  });

  it('an aborted signal stops every worker before its next item, with the signal’s reason', async () => {
    const control = new AbortController();
    const started: number[] = [];
    const run = eachBounded([1, 2, 3, 4, 5, 6][Symbol.iterator](), 2, async (n) => {
      started.push(n);
      if (n === 2) control.abort(new Error('out of time'));
      await tick();
    }, control.signal);
    await expect(run).rejects.toThrow('out of time');
    expect(started.sort()).toEqual([1, 2]);
  });
});
