/**
 * CDK app entry (cdk.json: "app": "npx tsx infra/app.ts").
 *
 * The stack is environment-agnostic (no `env`, no context lookups), so `cdk synth` needs neither
 * credentials nor network. cdk-nag's AwsSolutions pack (v3: a CDK policy-validation plugin, no
 * longer an Aspect) runs on every synth; any unacknowledged finding fails `cdk synth`.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FundLedgerStack } from './stack';

const app = new App();
new FundLedgerStack(app, 'FundLedger', {
  description: 'FundLedger: serverless funding ledger (API, table, sweep, alerts)',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
