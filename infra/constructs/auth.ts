import { Aws, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The five roles of the HTTP contract (API.md "Auth"); each is a Cognito group. */
export const ROLE_GROUPS = ['admin', 'finance-officer', 'zone-committee', 'city-bureau', 'auditor'] as const;

const GROUP_DESCRIPTIONS: Record<(typeof ROLE_GROUPS)[number], string> = {
  admin: 'Programs, zones, clusters, sweeps',
  'finance-officer': 'Register projects, province allocations and disbursements',
  'zone-committee': 'Match confirmations and zone disbursements for its own zone (custom:zoneId)',
  'city-bureau': "Reads its city's zones, records inspections and acceptance results (custom:city)",
  auditor: 'Read everything, write nothing',
};

/** Path of the console that Cognito redirects to after sign-in and sign-out (console/src/auth/cognito.tsx). */
export const CONSOLE_SIGNIN_PATH = '/signin';

/** Lifetime of the console's refresh tokens: one working day, then sign in again (with MFA). */
export const CONSOLE_REFRESH_TOKEN_VALIDITY = Duration.hours(12);

/**
 * The Cognito domain prefix (the hosted sign-in page is https://<prefix>.auth.<region>.amazoncognito.com):
 * the stack name in lower case, then the account id. Prefixes are unique across all AWS accounts in
 * a region, so the stack name alone ("fundledger") could already be taken by someone else, and the
 * deploy would fail. The account id makes it ours. A prefix may not contain "aws", "amazon" or
 * "cognito" and is at most 63 characters.
 */
export function authDomainPrefix(stackName: string): string {
  const base = stackName
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/aws|amazon|cognito/g, 'x')
    .slice(0, 50)
    .replace(/-+$/, '');
  return Fn.join('-', [base, Aws.ACCOUNT_ID]);
}

/** Shared by both app clients: who may read which attribute, and that users write only their name. */
const readAttributes = () =>
  new cognito.ClientAttributes()
    .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
    .withCustomAttributes('zoneId', 'city');
// Critical: by default a client may write every writable attribute, which would let a zone
// committee member (or a city bureau) call UpdateUserAttributes and move themselves to another
// zone (city). Users may only edit their display name; custom:zoneId and custom:city are admin-only.
const writeAttributes = () => new cognito.ClientAttributes().withStandardAttributes({ fullname: true });

/**
 * Cognito user pool for the API's JWT authorizer. Users are created by an administrator only;
 * roles are group memberships (claim `cognito:groups`), the committee's zone is the custom
 * attribute `zoneId` (claim `custom:zoneId`), a city bureau's city is `city` (claim `custom:city`,
 * e.g. 南京市); both custom claims are in the ID token only.
 *
 * Two app clients: `client` for scripts and the CLI (USER_PASSWORD_AUTH / SRP, see infra/README.md),
 * and `consoleClient` for the web console (hosted sign-in page, authorization code + PKCE), added
 * by addConsoleClient() once the console's address is known.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The Cognito domain that hosts the sign-in page for the console. */
  readonly domain: cognito.UserPoolDomain;
  private console?: cognito.UserPoolClient;

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
        // A city bureau's city, spelled as zones carry it (e.g. 南京市). Mutable for the same reason:
        // an admin can correct it. Mutability cannot be changed once the attribute exists, and
        // users still cannot write it (writeAttributes).
        city: new cognito.StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
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
        // never to this API; MFA is still required). See infra/README.md.
        userSrp: true,
        userPassword: true,
      },
      // No OAuth for this client. Left on, CDK's defaults would allow the implicit grant to
      // https://example.com, and with the hosted sign-in domain below that would be a live way to
      // send a user's tokens to a foreign site.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
      readAttributes: readAttributes(),
      writeAttributes: writeAttributes(),
    });

    // The hosted sign-in page (classic hosted UI) on a Cognito-owned domain: no certificate or DNS
    // of our own. It supports the pool's TOTP MFA, including setting it up at first sign-in.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: authDomainPrefix(Stack.of(this).stackName) },
    });
  }

  /**
   * The web console's app client: the hosted sign-in page, then back to `<origin>/signin` with an
   * authorization code.
   */
  addConsoleClient(consoleOrigin: string): cognito.UserPoolClient {
    if (this.console) throw new Error('the console client exists already');
    const redirect = `${consoleOrigin}${CONSOLE_SIGNIN_PATH}`;
    this.console = this.userPool.addClient('ConsoleClient', {
      // A browser app cannot keep a secret. Without one, the code exchange is protected by PKCE:
      // the console sends a code_challenge (S256; oidc-client-ts does by default), and Cognito then
      // refuses to exchange the code without the matching code_verifier. Cognito has no switch to
      // require PKCE from a public client; it enforces it whenever the client starts with a
      // challenge, which this console always does.
      generateSecret: false,
      // No InitiateAuth flows (no SRP or password sign-in from the browser): users sign in on the
      // hosted page only. CDK adds ALLOW_REFRESH_TOKEN_AUTH, the only flow left. (An empty object
      // would leave ExplicitAuthFlows unset, and Cognito would then allow SRP and custom auth.)
      authFlows: { userSrp: false, userPassword: false },
      oAuth: {
        // Authorization code only. The implicit grant would put tokens in the URL, and client
        // credentials is for machines.
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [redirect],
        logoutUrls: [redirect],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // The console renews its tokens with the refresh token, not with "silent renew" in a hidden
      // iframe (which third-party-cookie blocking breaks, and which the console's CSP does not
      // allow). After 12 hours the user signs in again.
      refreshTokenValidity: CONSOLE_REFRESH_TOKEN_VALIDITY,
      enableTokenRevocation: true,
      // custom:zoneId and custom:city must be readable to appear in the ID token the API reads.
      readAttributes: readAttributes(),
      writeAttributes: writeAttributes(),
    });
    return this.console;
  }

  get consoleClient(): cognito.UserPoolClient {
    if (!this.console) throw new Error('addConsoleClient() has not been called');
    return this.console;
  }

  /** Every app client whose tokens the API accepts. */
  get clients(): cognito.UserPoolClient[] {
    return this.console ? [this.client, this.console] : [this.client];
  }
}
