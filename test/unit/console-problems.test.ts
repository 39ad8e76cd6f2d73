/**
 * The console's one explainer of a failed write (console/src/services/problems.ts): the glossary's
 * sentence for each kind of failure, and a page's own words for a refusal it knows (the admin
 * pages: a zone id that is taken, a program in use) — the fields and the API's details kept.
 */
import { DEFAULT_FUNDER_NAMES, term, type TermId, type Vars } from '../../domain/glossary/with-console';
import { ApiError, type Problem } from '../../console/src/services/api';
import { explainReadError, explainWriteError, problemDetails } from '../../console/src/services/problems';

const words = { language: 'zh' as const, funderNames: DEFAULT_FUNDER_NAMES, t: (id: TermId, vars?: Vars) => term(id, 'zh', vars) };
const problem = (p: Partial<Problem> & { status: number }) => new ApiError('problem', { type: 'about:blank', title: 'x', ...p }, 'POST /zones');
const taken = (err: ApiError) => (err.status === 409 ? term('admin.zone.exists', 'zh', { id: 'NJ-HTZ' }) : null);

describe('explainWriteError', () => {
  it('says a refusal the page knows in the page’s words, keeping the API’s details', () => {
    const explained = explainWriteError(problem({ status: 409, detail: 'zone NJ-HTZ exists' }), words, { refusal: taken });
    expect(explained.title).toBe('高新区编号 NJ-HTZ 已被使用，请换一个编号。');
    expect(explained.details).toEqual({ status: 409, detail: 'zone NJ-HTZ exists', request: 'POST /zones' });
    // Without the page's words: the glossary's sentence for a conflict.
    expect(explainWriteError(problem({ status: 409 }), words).title).toBe(term('problem.conflict'));
  });

  it('keeps a 400’s fields under the page’s sentence', () => {
    const err = problem({ status: 400, errors: [{ path: 'asOf', message: 'after today' }] });
    const explained = explainWriteError(err, words, { refusal: () => term('admin.sweep.future') });
    expect(explained.title).toBe(term('admin.sweep.future'));
    expect(explained.fields.map((f) => [f.dotted, f.path])).toEqual([['asOf', ['asOf']]]);
  });

  it('falls back to the glossary where the page has no words (null), and a 422 is its rule’s sentence', () => {
    const err = problem({ status: 422, rule: 'cluster-quota' });
    const explained = explainWriteError(err, words, { refusal: taken });
    expect(explained.title).toBe(term('refusal.cluster-quota'));
    expect(explained.rule).toBe('cluster-quota');
  });

  it('a 503 out of time says what was kept and that trying again is safe; storage busy says nothing was recorded', () => {
    expect(explainWriteError(problem({ status: 503, type: 'https://fundledger.example/problems/timed-out' }), words).title).toBe(term('problem.timedOut'));
    expect(term('problem.timedOut')).toContain('已完成的部分已保存');
    expect(explainWriteError(problem({ status: 503, type: 'https://fundledger.example/problems/unavailable' }), words).title).toBe(term('problem.busy'));
  });

  it('never lets a page’s refusal stand for no answer at all', () => {
    const offline = new ApiError('network', { type: 'about:blank', title: 'offline', status: 0 }, 'POST /zones');
    expect(explainWriteError(offline, words, { refusal: () => 'page words' }).title).toBe(term('problem.network'));
  });
});

describe('problemDetails', () => {
  it('is the API’s account of a problem, or the message of any other error', () => {
    expect(problemDetails(problem({ status: 422, rule: 'cluster-quota', detail: 'quota' }))).toEqual({ rule: 'cluster-quota', status: 422, detail: 'quota', request: 'POST /zones' });
    expect(problemDetails(new TypeError('boom'))).toEqual({ detail: 'boom' });
  });
});

describe('explainReadError', () => {
  const read = (p: Partial<Problem> & { status: number }) => new ApiError('problem', { type: 'about:blank', title: 'x', ...p }, 'GET /projects');
  it('a read that failed is told as a read: never "nothing recorded, submit again"', () => {
    for (const type of ['https://fundledger.example/problems/timed-out', 'https://fundledger.example/problems/unavailable']) {
      const title = explainReadError(read({ status: 503, type }), words.t);
      expect(title).toBe(term('error.unavailable'));
      expect(title).not.toContain('入账');
    }
    expect(explainReadError(read({ status: 500 }), words.t)).toBe(term('error.unavailable'));
  });

  it('each other kind of failure in its own sentence', () => {
    expect(explainReadError(read({ status: 401 }), words.t)).toBe(term('error.unauthorized'));
    expect(explainReadError(read({ status: 403 }), words.t)).toBe(term('error.forbidden'));
    expect(explainReadError(read({ status: 404 }), words.t)).toBe(term('problem.notFound'));
    expect(explainReadError(read({ status: 400 }), words.t)).toBe(term('error.read'));
    expect(explainReadError(new ApiError('network', { type: 'about:blank', title: 'x', status: 0 }, 'GET /projects'), words.t)).toBe(term('error.network'));
    expect(explainReadError(new Error('boom'), words.t)).toBe(term('error.read'));
  });
});
