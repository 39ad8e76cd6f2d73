/**
 * `npm run --silent token -- --role <role> [--zone <zoneId>] [--city <city>] [--sub <id>] [--name <name>]`
 * Prints one token for the local server (valid 12 h) and nothing else.
 */
import { ROLES, isRole, signTokenSync } from './jwt';

function fail(message: string): never {
  process.stderr.write(
    `token: ${message}\nusage: npm run --silent token -- --role <${ROLES.join('|')}> [--zone <zoneId>] [--city <city>] [--sub <id>] [--name <name>]\n`,
  );
  process.exit(2);
}

function parse(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--(role|zone|city|sub|name)(?:=(.*))?$/.exec(arg);
    if (!m) fail(`unknown argument "${arg}"`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') fail(`--${m[1]} needs a value`);
    out[m[1]!] = value;
  }
  return out;
}

const args = parse(process.argv.slice(2));
const role = args.role;
if (!role) fail('--role is required');
if (!isRole(role)) fail(`unknown role "${role}"`);
if (role === 'zone-committee' && !args.zone) fail('--zone <zoneId> is required for zone-committee');
if (role === 'city-bureau' && !args.city) fail('--city <city> is required for city-bureau (e.g. --city 南京市)');
process.stdout.write(
  `${signTokenSync({
    role,
    ...(args.zone ? { zone: args.zone } : {}),
    ...(args.city ? { city: args.city } : {}),
    ...(args.sub ? { sub: args.sub } : {}),
    ...(args.name ? { name: args.name } : {}),
  })}\n`,
);
