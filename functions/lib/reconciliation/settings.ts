/**
 * Names the stack and the functions share, kept apart from the code that uses them so the CDK app
 * imports no runtime code.
 */

/** Where statement files too large for a body are uploaded, in the evidence bucket. */
export const STATEMENTS_PREFIX = 'statements/';

/** What an uploaded statement is declared as (the bytes tell CSV from XLSX in the end). */
export const STATEMENT_UPLOAD_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;
export type StatementUploadType = (typeof STATEMENT_UPLOAD_TYPES)[number];

/**
 * `stream` on AWS: a statement job is started by its item's insert on the table's stream (the
 * reconcile-statements function). Unset locally, where nothing reads the stream: the process that
 * took the request runs the job itself once it has answered.
 */
export const STATEMENT_JOBS_ENV = 'STATEMENT_JOBS';
