import type { Reply } from '../lib/http/handler';
import type { Answer } from '../lib/ledger/answers';

/** The write path's answer as a route reply (201 or a remembered problem, replayed or not). */
export const answerReply = (a: Answer): Reply => ({ status: a.status, body: a.body, ...(a.headers ? { headers: a.headers } : {}), ...(a.problem ? { problem: true } : {}) });
