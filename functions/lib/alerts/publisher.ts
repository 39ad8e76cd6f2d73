import { formatYuan } from '../../../domain/money';
import type { AlertNotification } from '../storage/alert-store';
import type { BudgetAlertNotification } from '../storage/budget-alert-store';

/** Where alert notifications go: SNS + EventBridge on AWS, the server log locally. */
export interface Publisher {
  publish(n: AlertNotification | BudgetAlertNotification): Promise<void>;
}

export const DETAIL_TYPE = 'FundLedger Alert';

/** One readable line per notification. */
export function describe(n: AlertNotification | BudgetAlertNotification): string {
  const a = n.alert;
  if (a.projectId === null) {
    const subject = a.kind === 'indicator-unallocated' ? `indicator ${a.indicatorNo} (${a.programCode}, ${a.fiscalYear})` : `zone ${a.zoneId}, fiscal year ${a.fiscalYear}`;
    return `ALERT ${n.event.toUpperCase()} ${a.severity} ${a.kind} ${subject}: gap ${formatYuan(a.gapFen)} yuan, as of ${a.lastSeenOn}${a.resolvedOn ? `, resolved ${a.resolvedOn}` : ''}`;
  }
  const tranche = a.trancheId ? ` tranche ${a.trancheId}` : '';
  return `ALERT ${n.event.toUpperCase()} ${a.severity} ${a.kind} project ${a.projectId} (${a.zoneId}) ${a.funder}${tranche}: gap ${formatYuan(a.gapFen)} yuan, ${a.daysOverdue} day(s) overdue, as of ${a.lastSeenOn}${a.resolvedOn ? `, resolved ${a.resolvedOn}` : ''}`;
}

export const logPublisher = (log: (line: string) => void = (l) => console.log(l)): Publisher => ({
  publish: async (n) => log(describe(n)),
});

export function awsPublisher(topicArn: string, eventBusName: string): Publisher {
  // Loaded on the first notification: most requests of the functions that may publish never do.
  let clients: Promise<{ sns: import('@aws-sdk/client-sns').SNSClient; events: import('@aws-sdk/client-eventbridge').EventBridgeClient; m: typeof import('@aws-sdk/client-sns'); e: typeof import('@aws-sdk/client-eventbridge') }> | undefined;
  const load = () => (clients ??= Promise.all([import('@aws-sdk/client-sns'), import('@aws-sdk/client-eventbridge')]).then(([m, e]) => ({ m, e, sns: new m.SNSClient({}), events: new e.EventBridgeClient({}) })));
  return {
    publish: async (n) => {
      const { m, e, sns, events } = await load();
      const detail = JSON.stringify(n);
      const put = await events.send(new e.PutEventsCommand({ Entries: [{ Source: 'fundledger', DetailType: DETAIL_TYPE, Detail: detail, EventBusName: eventBusName }] }));
      if ((put.FailedEntryCount ?? 0) > 0) throw new Error(`EventBridge rejected ${n.notificationId}: ${put.Entries?.[0]?.ErrorMessage}`);
      await sns.send(new m.PublishCommand({ TopicArn: topicArn, Subject: `FundLedger ${n.event}: ${n.alert.kind} ${n.alert.projectId ?? n.alert.indicatorNo ?? n.alert.zoneId}`.slice(0, 100), Message: `${describe(n)}\n\n${detail}` }));
    },
  };
}

/**
 * The publisher this environment is configured for: SNS + EventBridge when the stack set a topic,
 * else one line per notification on stdout, or none with ALERT_LOG=off (`npm start` without
 * --verbose, whose screen ends with its ready banner).
 */
export function configuredPublisher(): Publisher {
  const topic = process.env.ALERT_TOPIC_ARN;
  if (topic) return awsPublisher(topic, process.env.EVENT_BUS_NAME ?? 'default');
  return process.env.ALERT_LOG === 'off' ? logPublisher(() => undefined) : logPublisher();
}
