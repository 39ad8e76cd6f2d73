import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The four roles of the HTTP contract (API.md "Auth"); each is a Cognito group. */
export const ROLE_GROUPS = ['admin', 'finance-officer', 'zone-committee', 'auditor'] as const;

const GROUP_DESCRIPTIONS: Record<(typeof ROLE_GROUPS)[number], string> = {
  admin: 'Programs, zones, clusters, sweeps',
  'finance-officer': 'Register projects, province allocations and disbursements',
  'zone-committee': 'Match confirmations and zone disbursements for its own zone (custom:zoneId)',
  auditor: 'Read everything, write nothing',
};

/**
 * Cognito user pool for the API's JWT authorizer. Users are created by an administrator only;
 * roles are group memberships (claim `cognito:groups`), the committee's zone is the custom
 * attribute `zoneId` (claim `custom:zoneId`, present in the ID token).
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Accounts are issued by the fund administrator, never self-registered.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Every account can move or approve public money (or read all of it): TOTP MFA for all.
      // SMS is off: it needs an SNS SMS role/spend limit and is the weaker factor.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus tier: compromised-credential detection and adaptive authentication in enforcement
      // mode. At $0.02 per monthly active user it costs a few dollars for a few hundred officials.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        // Mutable so an admin can move a committee member to another zone (AdminUpdateUserAttributes);
        // users themselves cannot write it, see writeAttributes on the client below.
        zoneId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const group of ROLE_GROUPS) {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: GROUP_DESCRIPTIONS[group],
      });
    }

    this.client = this.userPool.addClient('ApiClient', {
      // A public client (CLI, browser console): no secret to leak.
      generateSecret: false,
      authFlows: {
        // SRP for the web console; USER_PASSWORD_AUTH so operators and acceptance tests can get
        // a token with `aws cognito-idp initiate-auth` (the password goes to Cognito over TLS,
        // never to this API; MFA is still required). See infra/README-deploy.md.
        userSrp: true,
        userPassword: true,
      },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('zoneId'),
      // Critical: by default a client may write every writable attribute, which would let a zone
      // committee member call UpdateUserAttributes and move themselves to another zone. Users
      // may only edit their display name; custom:zoneId is admin-only.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
