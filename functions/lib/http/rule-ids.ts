/**
 * Rule ids the HTTP layer answers with (409), beside the domain's RULE_IDS: one list for the
 * problem schema, the Chinese names and conflict() alike. Browser-safe (the console imports it).
 */
export const HTTP_RULE_IDS = ['idempotency-key-reuse', 'document-resume-expired'] as const;
export type HttpRuleId = (typeof HTTP_RULE_IDS)[number];
