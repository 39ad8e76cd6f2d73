/**
 * CDK app entry (cdk.json: "app": "npx tsx infra/app.ts").
 *
 * The stack is environment-agnostic (no `env`, no context lookups), so `cdk synth` needs neither
 * credentials nor network. cdk-nag's AwsSolutions pack (v3: a CDK policy-validation plugin, no
 * longer an Aspect) runs on every synth; any unacknowledged finding fails `cdk synth`.
 */
import { App, Duration, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FundLedgerStack } from './stack';

const app = new App();

// Optional settings, given with `-c name=value` (or in cdk.context.json):
//   consoleDomain + consoleCertificateArn   the console under a domain of your own (ACM, us-east-1)
//   digestRetentionDays                     Object Lock retention of each digest (default 3653)
const context = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};
const consoleDomain = context('consoleDomain');
const consoleCertificateArn = context('consoleCertificateArn');
if (Boolean(consoleDomain) !== Boolean(consoleCertificateArn)) {
  throw new Error('consoleDomain and consoleCertificateArn go together: give both or neither');
}
const digestRetentionDays = context('digestRetentionDays');
if (digestRetentionDays !== undefined && !/^[1-9][0-9]*$/.test(digestRetentionDays)) {
  throw new Error(`digestRetentionDays must be a whole number of days, not ${digestRetentionDays}`);
}

new FundLedgerStack(app, 'FundLedger', {
  description: 'FundLedger: serverless funding ledger (API, table, sweep, alerts, digests, web console)',
  ...(consoleDomain && consoleCertificateArn
    ? { consoleDomain: { domainName: consoleDomain, certificateArn: consoleCertificateArn } }
    : {}),
  ...(digestRetentionDays ? { digestRetention: Duration.days(Number(digestRetentionDays)) } : {}),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
