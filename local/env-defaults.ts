/**
 * Imported first by the local entry points. The server prints one line per request itself, so
 * the handlers' structured request logs stay at WARN locally (override with POWERTOOLS_LOG_LEVEL);
 * and the SDK's notice about future Node versions is not news to someone running the demo.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Metrics are for CloudWatch (EMF); locally they would only flood the console.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
export {};
