/**
 * A read-only POP3 client for the live check (RFC 1939, STLS from RFC 2595): the greeting,
 * CAPA and STLS when upgrading, USER and PASS, UIDL, QUIT. Nothing else is ever sent: no
 * RETR, TOP, LIST, STAT or DELE, so checking a mailbox neither reads nor changes its mail.
 *
 * Every failure is a Pop3Error with a code the UI can act on and a message that says what
 * happened where. The password is sent once, after PASS, and appears in no message: server
 * text quoted in errors has it masked, in case a server echoes it back.
 */
import { X509Certificate } from 'node:crypto';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import type { Pop3FailureCode, Pop3Security } from '../../shared/host/contract.js';
import { parseUidlLine, serverText, type UidlProblem } from './uidl-lines.js';

/** Where and how to connect, as a live-check request (desktop) or the CLI's options give it. */
export interface Pop3Target {
  readonly host: string;
  readonly port: number;
  readonly security: Pop3Security;
  readonly allowPlain: boolean;
  readonly user: string;
  readonly insecure: boolean;
  readonly ca?: string | undefined;
}

/** The client's options for a target: the one mapping the desktop and the CLI share. */
export function clientOptionsFor(
  target: Pop3Target,
  password: string,
  extra: Omit<Pop3ClientOptions, keyof Pop3Target | 'password'> = {},
): Pop3ClientOptions {
  return {
    host: target.host,
    port: target.port,
    security: target.security,
    allowPlain: target.allowPlain,
    user: target.user,
    password,
    insecure: target.insecure,
    ...(target.ca !== undefined && { ca: target.ca }),
    ...extra,
  };
}

export interface Pop3ClientOptions {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS from the first byte, an STLS upgrade, or plain text (see allowPlain). */
  readonly security: Pop3Security;
  /** Plain text sends the password readable on the wire: refused unless the user said yes. */
  readonly allowPlain?: boolean;
  readonly user: string;
  readonly password: string;
  /** A PEM certificate (or several) to trust besides the system's roots, e.g. a test server's. */
  readonly ca?: string;
  /** Skip certificate verification; the listing then says the certificate was not verified. */
  readonly insecure?: boolean;
  /** TLS server name (SNI and the name the certificate must carry); defaults to `host`. */
  readonly servername?: string;
  /** For the connection and for each wait on the server (reset whenever it sends data). */
  readonly timeoutMs?: number;
  /** Caps on the whole check and on multi-line replies; POP3_LIMITS for what is not given. */
  readonly limits?: Partial<Pop3Limits>;
  readonly signal?: AbortSignal;
  /** Lines of the UIDL listing received so far (there is no total: nothing asks for it). */
  readonly onProgress?: (received: number) => void;
  /** The step now under way, for progress messages. */
  readonly onPhase?: (phase: Pop3Phase) => void;
}

export type Pop3Phase = 'connecting' | 'signing-in' | 'listing';

export interface Pop3UidlListing {
  /** As UIDL listed them, in order. */
  readonly messages: readonly { readonly number: number; readonly uid: string }[];
  /** Lines that were not `n uid`; line numbers count the response's lines, `+OK` being 1. */
  readonly problems: readonly UidlProblem[];
  /** The server's greeting, without `+OK`. */
  readonly greeting: string;
  /** `TLSv1.3` etc.; null for a plain connection. */
  readonly tlsProtocol: string | null;
  /** False when verification was skipped (or the connection is plain). */
  readonly certificateVerified: boolean;
}

export class Pop3Error extends Error {
  constructor(
    readonly code: Pop3FailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'Pop3Error';
  }
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/**
 * Most UIDL lines read: a listing that goes on past this (a broken or hostile server that never
 * sends the final `.`) would otherwise fill the memory of the app's main process. A history
 * holds at most 65,535 UIDs; no POP3 mailbox lists a million messages.
 */
export const MAX_LISTING_LINES = 1_000_000;

/**
 * What one check may cost, whatever the server does. The per-wait timeout alone does not bound
 * a check: a server sending a byte a second restarts it for ever, and one sending 1,000-byte
 * lines fills memory long before a line cap. Every multi-line reply is capped in lines and in
 * bytes (line endings included), and the whole check has a deadline.
 */
export interface Pop3Limits {
  /** From the first connection attempt to the listing in hand (QUIT has its own 2 s). */
  readonly deadlineMs: number;
  readonly capaLines: number;
  readonly capaBytes: number;
  readonly listingLines: number;
  readonly listingBytes: number;
}

export const POP3_LIMITS: Pop3Limits = {
  deadlineMs: 300_000,
  // RFC 2449 servers list a dozen capabilities; CAPA comes before TLS, from anyone on the way.
  capaLines: 200,
  capaBytes: 32 * 1024,
  listingLines: MAX_LISTING_LINES,
  // RFC 1939's longest UIDL line: a 70-character UID, a message number and CRLF, about 82 bytes.
  listingBytes: MAX_LISTING_LINES * 82,
};
/** Longest line accepted (RFC 1939 allows 512 octets); a longer one is a protocol error. */
export const MAX_LINE_BYTES = 1000;
/**
 * QUIT is a courtesy: the listing is already in hand, so a server that does not answer it at
 * once (silent, or sending a byte at a time) is not waited for beyond this.
 */
const QUIT_TIMEOUT_MS = 2000;
/** Server text quoted in messages is cut to this many characters. */
const QUOTE_LIMIT = 200;

const TRUST_HINT =
  'If this is a test server you trust, trust its certificate with --ca CERT.pem or skip ' +
  'verification with --insecure (in the app: "Do not verify the server certificate").';

/** Fetches the UIDL listing of `user`'s mailbox. Rejects with a Pop3Error. */
export async function fetchUidlListing(options: Pop3ClientOptions): Promise<Pop3UidlListing> {
  checkOptions(options);
  const session = new Session(options);
  try {
    return await session.run();
  } finally {
    session.close();
  }
}

/**
 * Refuses (with an `auth` Pop3Error) a user name or password that is empty or holds CR, LF or
 * NUL: a line break would end USER or PASS early and start a command of the caller's making.
 */
export function checkCredentials(user: string, password: string): void {
  for (const [name, value] of [
    ['user name', user],
    ['password', password],
  ] as const) {
    if (value === '' || /[\r\n\0]/.test(value)) {
      throw new Pop3Error(
        'auth',
        `The ${name} must be one line of text without control characters, and not empty`,
      );
    }
  }
}

function checkOptions(options: Pop3ClientOptions): void {
  const where = `${options.host}:${options.port}`;
  if (options.security === 'plain' && options.allowPlain !== true) {
    throw new Pop3Error(
      'plain-not-allowed',
      `A plain-text connection to ${where} would send the password unencrypted; use TLS or ` +
        'STLS, or allow plain text explicitly (--plain)',
    );
  }
  checkCredentials(options.user, options.password);
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
    throw new Pop3Error('refused', `Port ${options.port} is not a TCP port (1-65535)`);
  }
  if (options.ca !== undefined) checkCertificates(options.ca);
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g;

/**
 * Every certificate of a PEM text to trust must be readable: TLS would silently skip a damaged
 * one, and the server's certificate would then be refused as untrusted, hiding the cause.
 */
function checkCertificates(pem: string): void {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    throw new Pop3Error('tls', 'The certificate to trust (--ca) is not a PEM certificate');
  }
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      throw new Pop3Error(
        'tls',
        `The certificate to trust (--ca) cannot be read: ` +
          (blocks.length === 1
            ? 'it is damaged'
            : `certificate ${index + 1} of ${blocks.length} is damaged`),
      );
    }
  }
}

interface Waiter {
  /** Waiting for a line (else for the connection or the handshake). */
  readonly line: boolean;
  /** The wait, restarted whenever the server sends data; null: a deadline that is not. */
  readonly idleMs: number | null;
  resolve(line: { readonly text: string; readonly bytes: number }): void;
  reject(error: Pop3Error): void;
}

/** One POP3 conversation: the socket, a bounded line reader, and the steps in order. */
class Session {
  private socket: Socket | null = null;
  /** The plain socket under an STLS connection, closed with it. */
  private plainSocket: Socket | null = null;
  private readonly where: string;
  private readonly timeoutMs: number;
  /** What is awaited now, for timeout and disconnect messages: "the reply to UIDL". */
  private step = 'the connection';
  /** Lines received, not yet read: the text, and the bytes they took with their line end. */
  private readonly lines: { readonly text: string; readonly bytes: number }[] = [];
  private readonly limits: Pop3Limits;
  private deadline: NodeJS.Timeout | null = null;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /** The reply being received ("the reply to UIDL") and its lines so far, for messages. */
  private reply = 'the greeting';
  private replyLines = 0;
  private failure: Pop3Error | null = null;
  /**
   * The TLS version, read when the handshake completes: once the server hangs up (after QUIT,
   * say) the socket no longer knows it, and the listing would claim a plain connection.
   */
  private tlsProtocol: string | null = null;
  private waiter: Waiter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly onAbort = (): void => {
    this.fail(new Pop3Error('canceled', `The check of ${this.where} was canceled`));
  };

  constructor(private readonly options: Pop3ClientOptions) {
    this.where = `${options.host}:${options.port}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.limits = { ...POP3_LIMITS, ...options.limits };
  }

  async run(): Promise<Pop3UidlListing> {
    const { options } = this;
    if (options.signal?.aborted) this.onAbort();
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (this.failure) throw this.failure;
    this.deadline = setTimeout(() => this.fail(this.deadlineError()), this.limits.deadlineMs);

    options.onPhase?.('connecting');
    await this.connect(options.security === 'tls');
    const greeting = this.positive(await this.next('the greeting'), 'greeting', 'protocol');

    if (options.security === 'stls') await this.startTls();

    options.onPhase?.('signing-in');
    await this.command(`USER ${options.user}`, 'USER', 'auth');
    await this.command(`PASS ${options.password}`, 'PASS', 'auth');

    options.onPhase?.('listing');
    await this.command('UIDL', 'UIDL', 'no-uidl');
    const listing = await this.readUidl();
    // The listing is in hand: QUIT has its own short deadline.
    this.clearDeadline();

    await this.quit();
    return {
      ...listing,
      greeting,
      tlsProtocol: this.tlsProtocol,
      certificateVerified: this.tlsProtocol !== null && options.insecure !== true,
    };
  }

  close(): void {
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.clearTimer();
    this.clearDeadline();
    this.socket?.destroy();
    this.plainSocket?.destroy();
  }

  // --- connection ------------------------------------------------------------------------

  private tlsOptions() {
    const { host, servername, ca, insecure } = this.options;
    return {
      host,
      // SNI carries names only; an IP address is checked against the certificate's IP entries.
      ...(servername !== undefined ? { servername } : isIP(host) === 0 ? { servername: host } : {}),
      ...(ca !== undefined ? { ca: [...rootCertificates, ca] } : {}),
      rejectUnauthorized: insecure !== true,
    };
  }

  private connect(tls: boolean): Promise<void> {
    const { host, port } = this.options;
    const socket = tls ? tlsConnect({ ...this.tlsOptions(), port }) : netConnect({ host, port });
    let connected = false;
    socket.once('connect', () => {
      connected = true;
    });
    return this.settle(socket, tls ? 'secureConnect' : 'connect', (error) =>
      connected ? this.tlsFailure(error) : this.connectFailure(error),
    );
  }

  /**
   * CAPA, STLS, then the TLS handshake over the same socket. STLS is a CAPA capability (RFC
   * 2595, section 4): it is sent only to a server that lists it. What CAPA said is not kept:
   * it came before TLS, where anyone on the way could have changed it (and nothing after the
   * upgrade depends on a capability).
   */
  private async startTls(): Promise<void> {
    this.send('CAPA', 'the reply to CAPA');
    const capa = await this.next('the reply to CAPA');
    const capabilities: string[] = [];
    if (capa.startsWith('+OK')) {
      const { capaLines, capaBytes } = this.limits;
      await this.readMultiLine('the CAPA list', 'CAPA', 'list', capaLines, capaBytes, (line) => {
        capabilities.push(line.trim().toUpperCase());
      });
    }
    if (!capabilities.some((capability) => capability.split(/\s+/)[0] === 'STLS')) {
      const why = capa.startsWith('+OK')
        ? 'it is not in its CAPA list'
        : `it answered CAPA with ${this.quote(capa)}`;
      await this.quit();
      throw new Pop3Error(
        'unsupported',
        `${this.where} does not offer STLS (${why}): use implicit TLS (usually port 995), or ` +
          'plain text only on a network you trust',
      );
    }
    await this.command('STLS', 'STLS', 'unsupported');
    if (this.lines.length > 0 || this.partialBytes > 0) {
      // Bytes sent before the handshake would be read as if they came over TLS.
      throw new Pop3Error(
        'protocol',
        `${this.where} sent data after agreeing to STLS, before the TLS handshake; refusing to go on`,
      );
    }
    const raw = this.detach();
    this.plainSocket = raw;
    const secured = tlsConnect({ ...this.tlsOptions(), socket: raw });
    await this.settle(secured, 'secureConnect', (error) => this.tlsFailure(error));
  }

  /**
   * Adopts `socket` as the connection and waits for `ready` (or its first error, a close, the
   * timeout or a cancel).
   */
  private settle(
    socket: Socket,
    ready: 'connect' | 'secureConnect',
    describeError: (error: NodeJS.ErrnoException) => Pop3Error,
  ): Promise<void> {
    this.socket = socket;
    // Canceled between two steps: the new socket is dropped at once.
    if (this.failure) {
      socket.on('error', () => {});
      socket.destroy();
      return Promise.reject(this.failure);
    }
    socket.setNoDelay(true);
    this.step = ready === 'secureConnect' ? 'the TLS handshake' : 'the connection';
    let established = false;
    return new Promise<void>((resolve, reject) => {
      this.waiter = { line: false, idleMs: this.timeoutMs, resolve: () => resolve(), reject };
      this.armTimer();
      socket.once(ready, () => {
        established = true;
        if (ready === 'secureConnect') {
          // Never null here; 'TLS' stands in should a runtime not say which version it spoke.
          this.tlsProtocol = (socket as TLSSocket).getProtocol() ?? 'TLS';
        }
        if (this.waiter === null) return;
        this.waiter = null;
        this.clearTimer();
        resolve();
      });
      socket.on('data', (chunk: Buffer) => this.receive(chunk));
      socket.on('error', (error: NodeJS.ErrnoException) =>
        this.fail(established ? this.connectionLost(error) : describeError(error)),
      );
      socket.on('close', () =>
        this.fail(
          new Pop3Error(
            'protocol',
            `${this.where} closed the connection while waiting for ${this.step}`,
          ),
        ),
      );
    });
  }

  /** Stops reading from the plain socket so TLS can take it over. */
  private detach(): Socket {
    const socket = this.socket as Socket;
    socket.removeAllListeners('data');
    socket.removeAllListeners('error');
    socket.removeAllListeners('close');
    socket.removeAllListeners('connect');
    // The TLS socket reports errors from now on; this keeps a late one from going unhandled.
    socket.on('error', () => {});
    return socket;
  }

  private connectFailure(error: NodeJS.ErrnoException): Pop3Error {
    const { host } = this.options;
    switch (error.code) {
      case 'ECONNREFUSED':
        return new Pop3Error(
          'refused',
          `Connection to ${this.where} was refused: no server is listening there (check the ` +
            'host name, the port and the firewall)',
        );
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EAI_NONAME':
      case 'EAI_FAIL':
        return new Pop3Error(
          'dns',
          `The host name ${host} could not be resolved (${error.code}): check its spelling and ` +
            'the network',
        );
      case 'ETIMEDOUT':
        return this.timeoutError();
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return new Pop3Error(
          'refused',
          `${this.where} cannot be reached (${error.code}): check the network and the host name`,
        );
      default:
        return new Pop3Error(
          'refused',
          `Cannot connect to ${this.where}: ${error.message}${error.code ? ` (${error.code})` : ''}`,
        );
    }
  }

  /** A socket error once the conversation is under way (a reset, a broken pipe). */
  private connectionLost(error: NodeJS.ErrnoException): Pop3Error {
    return new Pop3Error(
      'protocol',
      `The connection to ${this.where} failed while waiting for ${this.step}: ` +
        `${error.code ?? error.message}`,
    );
  }

  private tlsFailure(error: NodeJS.ErrnoException): Pop3Error {
    const certificate = certificateProblem(error);
    if (certificate !== null) {
      return new Pop3Error(
        'tls',
        `The certificate of ${this.where} ${certificate}, so it was not trusted. ${TRUST_HINT}`,
      );
    }
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
      return new Pop3Error(
        'tls',
        `${this.where} closed the connection during the TLS handshake (${error.code})`,
      );
    }
    return new Pop3Error(
      'tls',
      `The TLS handshake with ${this.where} failed (${error.code ?? error.message}): is TLS ` +
        'spoken on this port? Implicit TLS is usually port 995, STLS port 110',
    );
  }

  // --- lines -----------------------------------------------------------------------------

  private receive(chunk: Buffer): void {
    // The server is alive: restart an idle wait (QUIT's deadline stays).
    if (this.waiter !== null && this.waiter.idleMs !== null) this.armTimer(this.waiter.idleMs);
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      this.take(chunk.subarray(start, newline));
      if (this.failure) return;
      const bytes = Buffer.concat(this.partial, this.partialBytes);
      this.partial = [];
      this.partialBytes = 0;
      const end = bytes.at(-1) === 0x0d ? bytes.length - 1 : bytes.length;
      this.replyLines += 1;
      // One character per byte, whatever the encoding: see readUidl.
      this.lines.push({ text: bytes.toString('latin1', 0, end), bytes: bytes.length + 1 });
      start = newline + 1;
    }
    this.take(chunk.subarray(start));
    this.deliver();
  }

  /** Adds to the line being received; refuses a line longer than the limit. */
  private take(part: Buffer): void {
    if (part.length === 0) return;
    this.partialBytes += part.length;
    if (this.partialBytes > MAX_LINE_BYTES + 1) {
      this.fail(
        new Pop3Error(
          'protocol',
          `Line ${this.replyLines + 1} of ${this.reply} from ${this.where} is longer than ` +
            `${MAX_LINE_BYTES} bytes; refusing to read it`,
        ),
      );
      return;
    }
    this.partial.push(part);
  }

  private deliver(): void {
    if (this.waiter === null || !this.waiter.line) return;
    const line = this.lines.shift();
    if (line === undefined) return;
    const { resolve } = this.waiter;
    this.waiter = null;
    this.clearTimer();
    resolve(line);
  }

  /**
   * The next line, waiting for it when none is queued: for at most `timeoutMs` of silence, or
   * with `deadline`, at most `timeoutMs` in all (a server trickling bytes does not extend it).
   */
  private async next(step: string, timeoutMs = this.timeoutMs, deadline = false): Promise<string> {
    return (await this.nextLine(step, timeoutMs, deadline)).text;
  }

  /** As next, with the bytes the line took on the wire. */
  private nextLine(
    step: string,
    timeoutMs = this.timeoutMs,
    deadline = false,
  ): Promise<{ text: string; bytes: number }> {
    this.step = step;
    // Lines received before a failure (an -ERR, then the server hung up) are still read.
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = { line: true, idleMs: deadline ? null : timeoutMs, resolve, reject };
      this.armTimer(timeoutMs);
    });
  }

  /**
   * The lines of a multi-line reply after its `+OK`, dot-unstuffed, up to the terminating `.`;
   * more than `maxLines` lines or `maxBytes` bytes before it is a protocol error naming the cap.
   */
  private async readMultiLine(
    step: string,
    command: string,
    what: 'list' | 'listing',
    maxLines: number,
    maxBytes: number,
    onLine: (line: string, count: number) => void,
  ): Promise<void> {
    let bytes = 0;
    for (let count = 1; ; count += 1) {
      const line = await this.nextLine(step);
      if (line.text === '.') return;
      bytes += line.bytes;
      const over =
        count > maxLines
          ? `${maxLines.toLocaleString('en-US')} lines`
          : bytes > maxBytes
            ? `${maxBytes.toLocaleString('en-US')} bytes`
            : null;
      if (over !== null) {
        const error = new Pop3Error(
          'protocol',
          `${this.where} sent more than ${over} for ${command} without ending the ${what} ` +
            "with '.'; refusing to read more",
        );
        this.fail(error);
        throw error;
      }
      onLine(line.text.startsWith('.') ? line.text.slice(1) : line.text, count);
    }
  }

  private send(line: string, awaiting: string): void {
    this.step = awaiting;
    this.reply = awaiting;
    this.replyLines = 0;
    this.socket?.write(`${line}\r\n`);
  }

  /** Sends a command and reads its one-line reply, which must be `+OK`. */
  private async command(line: string, name: string, code: Pop3FailureCode): Promise<string> {
    const step = `the reply to ${name}`;
    this.send(line, step);
    const reply = await this.next(step);
    if (reply.startsWith('+OK')) return reply.slice(3).trim();
    const refusal = new Pop3Error(code, this.refusalMessage(name, reply));
    await this.quit();
    throw refusal;
  }

  /** The text after `+OK`, read as UTF-8 (it is meant for people). */
  private positive(reply: string, what: string, code: Pop3FailureCode): string {
    if (reply.startsWith('+OK')) return asText(reply.slice(3)).trim();
    throw new Pop3Error(code, `${this.where} answered its ${what} with ${this.quote(reply)}`);
  }

  private refusalMessage(name: string, reply: string): string {
    const quoted = this.quote(reply);
    switch (name) {
      case 'USER':
      case 'PASS':
        return `${this.where} refused the user name or password for ${this.options.user}: ${quoted}`;
      case 'UIDL':
        return `${this.where} does not support UIDL (it answered ${quoted}), so its messages cannot be compared with a history`;
      case 'STLS':
        return `${this.where} refused STLS (it answered ${quoted}): use implicit TLS (usually port 995)`;
      default:
        return `${this.where} answered ${name} with ${quoted}`;
    }
  }

  /**
   * The multi-line UIDL reply after its `+OK`, up to the terminating `.`. Each byte of a UID
   * is one character (code 0-255), as the codec decodes the `$hh` escapes Outlook writes for
   * every byte that is not a letter or digit: a UID sent in UTF-8, or in no valid encoding,
   * then matches the history exactly, and two UIDs that differ in one byte stay different
   * (read as UTF-8, every invalid byte would become the same U+FFFD).
   */
  private async readUidl(): Promise<Pick<Pop3UidlListing, 'messages' | 'problems'>> {
    const messages: { number: number; uid: string }[] = [];
    const problems: UidlProblem[] = [];
    // The password as a line spells it (one character per byte of its UTF-8).
    const secret = Buffer.from(this.options.password, 'utf8').toString('latin1');
    const { listingLines, listingBytes } = this.limits;
    await this.readMultiLine(
      'the UIDL listing',
      'UIDL',
      'listing',
      listingLines,
      listingBytes,
      (line, count) => {
        // The +OK line was line 1 of the response.
        const parsed = parseUidlLine(line, count + 1, secret);
        if (parsed.message?.uid.includes(secret)) {
          // A server that lists the password as a UID would have it shown, exported and pasted.
          problems.push(passwordAsUid(line, count + 1, secret, this.options.user));
        } else {
          if (parsed.message) messages.push(parsed.message);
          if (parsed.problem) problems.push(parsed.problem);
        }
        this.options.onProgress?.(count);
      },
    );
    return { messages, problems };
  }

  /** QUIT, then the connection is closed by the caller; a missing reply does not matter. */
  private async quit(): Promise<void> {
    if (this.failure) return;
    this.send('QUIT', 'the reply to QUIT');
    try {
      await this.next('the reply to QUIT', QUIT_TIMEOUT_MS, true);
    } catch (error) {
      if (error instanceof Pop3Error && error.code === 'canceled') throw error;
    }
  }

  // --- failure ---------------------------------------------------------------------------

  /** Records the first failure, rejects whoever waits, and drops the connection. */
  private fail(error: Pop3Error): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.clearTimer();
    this.socket?.destroy();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(error);
  }

  private clearDeadline(): void {
    if (this.deadline !== null) clearTimeout(this.deadline);
    this.deadline = null;
  }

  private deadlineError(): Pop3Error {
    return new Pop3Error(
      'timeout',
      `The check of ${this.where} took longer than ${this.limits.deadlineMs / 1000} s, the limit ` +
        `for a whole check, while waiting for ${this.step}`,
    );
  }

  private armTimer(timeoutMs = this.timeoutMs): void {
    this.clearTimer();
    this.timer = setTimeout(() => this.fail(this.timeoutError(timeoutMs)), timeoutMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private timeoutError(timeoutMs = this.timeoutMs): Pop3Error {
    // A TLS port waits for a handshake a plain client never starts: both sides stay silent.
    const hint =
      this.step === 'the greeting' && this.options.security !== 'tls'
        ? ' (if this port expects implicit TLS, usually 995, choose TLS)'
        : '';
    return new Pop3Error(
      'timeout',
      `${this.where} did not answer within ${timeoutMs / 1000} s while waiting for ${this.step}${hint}`,
    );
  }

  /** Server text for a message: one printable line, shortened, the password masked. */
  private quote(line: string): string {
    const text = asText(line);
    return `"${serverText(text.replaceAll(this.options.password, '********'), QUOTE_LIMIT)}"`;
  }
}

/** The problem reported for a UIDL line whose UID holds the password, with it masked. */
function passwordAsUid(line: string, number: number, secret: string, user: string): UidlProblem {
  return {
    line: number,
    text: serverText(line.replaceAll(secret, '********'), 100),
    message: `line ${number}: the UID holds ${user}'s password; the line is left out so it is not shown`,
  };
}

/** A received line (one character per byte) read as the UTF-8 text it most likely is. */
function asText(line: string): string {
  return Buffer.from(line, 'latin1').toString('utf8');
}

/** What is wrong with the server's certificate, from Node's (OpenSSL's) error code; else null. */
function certificateProblem(error: NodeJS.ErrnoException): string | null {
  switch (error.code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'is self-signed';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'chains to a self-signed root this computer does not trust';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'is issued by an authority this computer does not trust';
    case 'CERT_HAS_EXPIRED':
      return 'has expired';
    case 'CERT_NOT_YET_VALID':
      return 'is not valid yet';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `is for another name (${(error as { reason?: string }).reason ?? error.message})`;
    case 'CERT_REVOKED':
      return 'has been revoked';
    default:
      return null;
  }
}
