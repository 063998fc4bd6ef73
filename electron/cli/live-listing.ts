/**
 * `compare BLOB --pop3 host[:port] --user U [--tls|--stls|--plain] [--ca CERT.pem] [--insecure]`:
 * the listing fetched live from the server (UIDL then QUIT, nothing else). The password comes
 * from `UIDL_STUDIO_PASSWORD` or a prompt on the terminal, never from an argument (other users
 * can read a process's arguments).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ParsedListing } from '../../shared/compare/types.js';
import type { Pop3Security } from '../../shared/host/contract.js';
import { listingFromLiveCheck } from '../../shared/listing/parse-listing.js';
import { clientOptionsFor, fetchUidlListing, Pop3Error } from '../network/pop3-client.js';
import { CliError, describeFsError } from './errors.js';
import type { CliIo } from './io.js';
import { printable } from './text.js';

export const PASSWORD_VARIABLE = 'UIDL_STUDIO_PASSWORD';
const DEFAULT_PORTS: Record<Pop3Security, number> = { tls: 995, stls: 110, plain: 110 };

export interface LivePop3Options {
  readonly host: string;
  readonly port: number;
  readonly security: Pop3Security;
  readonly user: string;
  /** Path of a PEM certificate to trust. */
  readonly ca?: string;
  readonly insecure: boolean;
}

/** The compare command's options as commander gives them. */
export interface Pop3OptionValues {
  readonly pop3?: string;
  readonly user?: string;
  readonly tls?: boolean;
  readonly stls?: boolean;
  readonly plain?: boolean;
  readonly ca?: string;
  readonly insecure?: boolean;
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address. */
function parseTarget(value: string): { host: string; port: number | null } {
  const malformed = new CliError(`--pop3 '${printable(value)}': expected host or host:port`);
  if (value.includes('/')) throw malformed; // a URL, or a path
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(value);
  const [host, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : value.split(':').length === 2
      ? (value.split(':') as [string, string])
      : [value, undefined];
  // Names, IPv4 and IPv6 addresses (with a zone after `%`), nothing else.
  if (!/^[A-Za-z0-9._:%-]+$/.test(host)) throw malformed;
  if (portText === undefined) return { host, port: null };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65_535) {
    throw new CliError(`--pop3 '${printable(value)}': the port must be a number from 1 to 65535`);
  }
  return { host, port };
}

/** The live-check options, or undefined without --pop3; refuses options that need it. */
/** The live-listing options `compare` and `repair` share (read back by livePop3Options). */
export function addPop3Options(command: Command): Command {
  return command
    .option(
      '--pop3 <HOST[:PORT]>',
      'fetch the listing live instead (UIDL then QUIT; the password from ' +
        `${PASSWORD_VARIABLE} or a prompt)`,
    )
    .option('--user <USER>', 'the POP3 user name, with --pop3')
    .option('--tls', 'implicit TLS (the default; port 995)')
    .option('--stls', 'upgrade a plain connection with STLS (port 110)')
    .option('--plain', 'no encryption: sends the password readable (port 110)')
    .option('--ca <CERT.pem>', 'trust this certificate (a test server with its own)')
    .option('--insecure', 'do not verify the server certificate (says so on stderr)');
}

export function livePop3Options(values: Pop3OptionValues): LivePop3Options | undefined {
  const { pop3, user } = values;
  if (pop3 === undefined) {
    const stray = (['user', 'tls', 'stls', 'plain', 'ca', 'insecure'] as const).find(
      (name) => values[name] !== undefined && values[name] !== false,
    );
    if (stray) throw new CliError(`--${stray} is only for a live check: add --pop3 HOST[:PORT]`);
    return undefined;
  }
  const chosen = (['tls', 'stls', 'plain'] as const).filter((name) => values[name] === true);
  if (chosen.length > 1) {
    throw new CliError(`give one of --tls, --stls and --plain, not ${chosen.join(' and ')}`);
  }
  if (user === undefined || user === '') throw new CliError('--pop3 needs --user USER');
  if (/[\r\n\0]/.test(user)) throw new CliError('--user must be one line of text');
  const security = chosen[0] ?? 'tls';
  if (security === 'plain' && (values.ca !== undefined || values.insecure === true)) {
    throw new CliError('--ca and --insecure are about TLS certificates; --plain uses none');
  }
  const { host, port } = parseTarget(pop3);
  return {
    host,
    port: port ?? DEFAULT_PORTS[security],
    security,
    user,
    insecure: values.insecure === true,
    ...(values.ca !== undefined && { ca: values.ca }),
  };
}

/** The password from UIDL_STUDIO_PASSWORD, or undefined when it is unset or empty. */
export function passwordFromEnvironment(): string | undefined {
  const value = process.env[PASSWORD_VARIABLE];
  return value === undefined || value === '' ? undefined : value;
}

async function passwordFor(options: LivePop3Options, io: CliIo): Promise<string> {
  const fromEnvironment = passwordFromEnvironment();
  if (fromEnvironment !== undefined) return fromEnvironment;
  if (!io.readSecret) {
    throw new CliError(
      `no password for ${printable(options.user)}: set ${PASSWORD_VARIABLE}, or run on a ` +
        'terminal to be asked (it is never taken as an argument)',
    );
  }
  const password = await io.readSecret(
    `Password for ${printable(options.user)} at ${printable(options.host)}:${options.port}: `,
  );
  if (password === '') throw new CliError('no password given');
  return password;
}

async function readCertificate(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw describeFsError('read', path, error);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new CliError(`--ca '${printable(path)}' is not a PEM certificate (no BEGIN CERTIFICATE)`);
  }
  return text;
}

/** How messages name a live listing: `user@host:port`. */
export function liveListingName(options: LivePop3Options): string {
  return `${options.user}@${options.host}:${options.port}`;
}

/** Fetches the listing live; every failure becomes one `uidl-studio:` line (exit 2). */
export async function fetchLiveListing(
  options: LivePop3Options,
  io: CliIo,
): Promise<ParsedListing> {
  const where = `${options.host}:${options.port}`;
  const ca = options.ca === undefined ? undefined : await readCertificate(options.ca);
  // Before the password is asked for: whoever is warned can still give up without typing it.
  if (options.insecure) {
    io.stderr.write(
      `uidl-studio: warning: --insecure: the certificate of ${printable(where)} is not verified; ` +
        'anyone on the way could pose as the server and read the password\n',
    );
  }
  const password = await passwordFor(options, io);
  let fetched;
  try {
    // --plain is the CLI's explicit yes to sending the password readable.
    fetched = await fetchUidlListing(
      clientOptionsFor({ ...options, allowPlain: options.security === 'plain', ca }, password),
    );
  } catch (error) {
    if (error instanceof Pop3Error) throw new CliError(printable(error.message));
    throw error;
  }
  return listingFromLiveCheck(fetched, where, options.user);
}
