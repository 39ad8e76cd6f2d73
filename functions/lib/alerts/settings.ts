/**
 * On AWS the table's stream publishes each notification as it is written; a sweep only picks up
 * what is still pending after a while (a failed publish). Locally there is no stream consumer,
 * so the sweep publishes everything pending at once.
 */
export const PUBLISH_LEFTOVERS_AFTER_MS = process.env.ALERT_TOPIC_ARN ? 10 * 60 * 1000 : 0;
