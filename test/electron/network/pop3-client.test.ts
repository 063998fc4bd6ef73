import { afterEach, describe, expect, it } from 'vitest';
import {
  fetchUidlListing,
  MAX_LINE_BYTES,
  MAX_LISTING_LINES,
  POP3_LIMITS,
  Pop3Error,
  type Pop3ClientOptions,
  type Pop3UidlListing,
} from '../../../electron/network/pop3-client.js';
import {
  closedPort,
  startFakePop3,
  type FakePop3Server,
  type FakeServerOptions,
} from './fake-pop3-server.js';
import { parse } from '../../../shared/codec/parse.js';
import { compareHistory } from '../../../shared/compare/compare.js';
import { listingFromMessages } from '../../../shared/listing/parse-listing.js';
import { buildBlob } from '../../fixtures/blobs.js';
import { TEST_CERTIFICATE } from './test-certificate.js';

const PASSWORD = 'pa55-w0rd-never-shown';

let servers: FakePop3Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function fake(options: FakeServerOptions = {}): Promise<FakePop3Server> {
  const server = await startFakePop3({ password: PASSWORD, ...options });
  servers.push(server);
  return server;
}

function optionsFor(
  server: { port: number },
  overrides: Partial<Pop3ClientOptions> = {},
): Pop3ClientOptions {
  return {
    host: '127.0.0.1',
    port: server.port,
    security: 'plain',
    allowPlain: true,
    user: 'alice',
    password: PASSWORD,
    timeoutMs: 5000,
    ...overrides,
  };
}

async function failure(options: Pop3ClientOptions): Promise<Pop3Error> {
  try {
    await fetchUidlListing(options);
  } catch (error) {
    if (error instanceof Pop3Error) {
      // Whatever went wrong, the password is never part of what the user or a log sees.
      expect(error.message).not.toContain(PASSWORD);
      return error;
    }
    throw error;
  }
  throw new Error('expected the check to fail');
}

describe('the conversation', () => {
  it('sends exactly USER, PASS, UIDL, QUIT over plain text, and lists every message', async () => {
    const server = await fake({ uidl: ['1 000000a1-5f3c2b10', '2 000000a2-5f3c2b10'] });
    const listing = await fetchUidlListing(optionsFor(server));

    expect(server.commands).toEqual([
      { line: 'USER alice', tls: false },
      { line: `PASS ${PASSWORD}`, tls: false },
      { line: 'UIDL', tls: false },
      { line: 'QUIT', tls: false },
    ]);
    expect(listing).toEqual<Pop3UidlListing>({
      messages: [
        { number: 1, uid: '000000a1-5f3c2b10' },
        { number: 2, uid: '000000a2-5f3c2b10' },
      ],
      problems: [],
      greeting: 'Fake POP3 ready.',
      tlsProtocol: null,
      certificateVerified: false,
    });
    await server.firstClosed;
  });

  it('upgrades with STLS before any credential is sent, and verifies the certificate', async () => {
    const server = await fake();
    const listing = await fetchUidlListing(
      optionsFor(server, { security: 'stls', allowPlain: false, ca: TEST_CERTIFICATE }),
    );

    expect(server.commands).toEqual([
      { line: 'CAPA', tls: false },
      { line: 'STLS', tls: false },
      { line: 'USER alice', tls: true },
      { line: `PASS ${PASSWORD}`, tls: true },
      { line: 'UIDL', tls: true },
      { line: 'QUIT', tls: true },
    ]);
    expect(listing.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(listing.certificateVerified).toBe(true);
    expect(listing.messages.map(({ uid }) => uid)).toEqual(['uid-one', 'uid-two']);
  });

  it('speaks TLS from the first byte for implicit TLS', async () => {
    const server = await fake({ implicitTls: true });
    const listing = await fetchUidlListing(
      optionsFor(server, { security: 'tls', allowPlain: false, ca: TEST_CERTIFICATE }),
    );
    expect(server.commands.map(({ tls }) => tls)).toEqual([true, true, true, true]);
    expect(server.verbs()).toEqual(['USER', 'PASS', 'UIDL', 'QUIT']);
    expect(listing.certificateVerified).toBe(true);
  });

  it('reports the TLS version even when the server hangs up at QUIT without a reply', async () => {
    for (const [security, implicitTls] of [
      ['tls', true],
      ['stls', false],
    ] as const) {
      const server = await fake({ implicitTls, handlers: { QUIT: () => 'close' } });
      const listing = await fetchUidlListing(
        optionsFor(server, { security, allowPlain: false, ca: TEST_CERTIFICATE }),
      );
      expect(server.verbs().at(-1)).toBe('QUIT');
      expect(listing.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
      expect(listing.certificateVerified).toBe(true);
    }
  });

  it('undoes dot-stuffing and reads lines split across packets', async () => {
    const server = await fake({
      handlers: {
        UIDL: () => ({ pieces: ['+OK\r\n1 .dot', 'ted\r', '\n2 plain\n..3 x\r\n', '.', '\r\n'] }),
      },
    });
    const listing = await fetchUidlListing(optionsFor(server));
    expect(listing.messages).toEqual([
      { number: 1, uid: '.dotted' },
      { number: 2, uid: 'plain' },
    ]);
    // `..3 x` is `.3 x` unstuffed: not a message line.
    expect(listing.problems.map(({ line, text }) => [line, text])).toEqual([[4, '.3 x']]);
  });

  it('reports lines that are not "n uid" with their line in the response, keeps every UID as sent', async () => {
    const longUid = 'u'.repeat(71);
    const server = await fake({
      uidl: ['1 good', 'x2 bad-number', '3', '4 two words', `5 ${longUid}`, '6 caf\u00e9'],
    });
    const listing = await fetchUidlListing(optionsFor(server));
    expect(listing.messages).toEqual([
      { number: 1, uid: 'good' },
      { number: 5, uid: longUid },
      // Sent as UTF-8: one character per byte (see below).
      { number: 6, uid: 'caf\u00c3\u00a9' },
    ]);
    expect(listing.problems).toEqual([
      {
        line: 3,
        text: 'x2 bad-number',
        message: 'line 3: message number "x2" is not a whole number >= 1',
      },
      { line: 4, text: '3', message: 'line 4: expected "number UID", found 1 fields' },
      {
        line: 5,
        text: '4 two words',
        message: 'line 5: expected "number UID", found 3 fields',
      },
    ]);
  });

  it('reads each byte of a UID as one character, as the codec reads the escapes Outlook writes', async () => {
    const server = await fake({
      greeting: '+OK Pr\u00eat.',
      handlers: {
        UIDL: () => ({
          raw: Buffer.from('+OK\r\n1 caf\xc3\xa9\r\n2 a\xff\r\n3 a\xfe\r\n.\r\n', 'latin1'),
        }),
      },
    });
    const listing = await fetchUidlListing(optionsFor(server));
    // Text for people is still read as UTF-8.
    expect(listing.greeting).toBe('Pr\u00eat.');
    // Read as UTF-8, 0xFF and 0xFE would both be U+FFFD: two messages with one UID.
    expect(listing.messages).toEqual([
      { number: 1, uid: 'caf\u00c3\u00a9' },
      { number: 2, uid: 'a\u00ff' },
      { number: 3, uid: 'a\u00fe' },
    ]);
    // Outlook escapes each byte of a UID that is not a letter or digit.
    const tag = (uid: string) => new TextEncoder().encode(`+b20240101120000${uid}\0`);
    const history = parse(buildBlob([tag('caf$c3$a9'), tag('a$ff')]));
    const comparison = compareHistory(history, listingFromMessages(listing.messages));
    expect(comparison.counts).toMatchObject({ kept: 2, willDownload: 1, stale: 0 });
    expect(
      comparison.uids.filter(({ uidClass }) => uidClass === 'will-download').map(({ uid }) => uid),
    ).toEqual(['a\u00fe']);
  });

  it('reports progress as the count of UIDL lines received, up to the last', async () => {
    const count = 5000;
    const server = await fake({
      uidl: Array.from({ length: count }, (_, i) => `${i + 1} uid-${i + 1}`),
    });
    const received: number[] = [];
    const phases: string[] = [];
    const listing = await fetchUidlListing(
      optionsFor(server, {
        onProgress: (n) => received.push(n),
        onPhase: (phase) => phases.push(phase),
      }),
    );
    expect(listing.messages).toHaveLength(count);
    expect(listing.messages[count - 1]).toEqual({ number: count, uid: `uid-${count}` });
    expect(received).toHaveLength(count);
    expect(received.at(-1)).toBe(count);
    expect(received.every((n, i) => n === i + 1)).toBe(true);
    expect(phases).toEqual(['connecting', 'signing-in', 'listing']);
  });
});

describe('failures', () => {
  it('refuses plain text without explicit consent, before connecting', async () => {
    const server = await fake();
    const error = await failure(optionsFor(server, { allowPlain: false }));
    expect(error.code).toBe('plain-not-allowed');
    expect(error.message).toContain(`127.0.0.1:${server.port}`);
    expect(error.message).toContain('--plain');
    expect(server.connections).toBe(0);
  });

  it('refuses a user name with a line break (it would start a second command)', async () => {
    const server = await fake();
    const error = await failure(optionsFor(server, { user: 'alice\r\nDELE 1' }));
    expect(error.code).toBe('auth');
    expect(error.message).toBe(
      'The user name must be one line of text without control characters, and not empty',
    );
    expect(server.connections).toBe(0);
  });

  it('names host and port when the connection is refused', async () => {
    const port = await closedPort();
    const error = await failure(optionsFor({ port }));
    expect(error.code).toBe('refused');
    expect(error.message).toBe(
      `Connection to 127.0.0.1:${port} was refused: no server is listening there (check the ` +
        'host name, the port and the firewall)',
    );
  });

  it('says when the host name does not resolve', async () => {
    const error = await failure(optionsFor({ port: 995 }, { host: 'no-such-host.invalid' }));
    expect(error.code).toBe('dns');
    expect(error.message).toMatch(/^The host name no-such-host\.invalid could not be resolved/);
  });

  it('quotes the server when it refuses the password, and says QUIT', async () => {
    const server = await fake();
    const error = await failure(optionsFor(server, { password: 'wrong-password' }));
    expect(error.code).toBe('auth');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} refused the user name or password for alice: "-ERR [AUTH] Failed."`,
    );
    expect(server.verbs()).toEqual(['USER', 'PASS', 'QUIT']);
  });

  it('masks the password when a server echoes it back', async () => {
    const server = await fake({
      handlers: { PASS: (password) => `-ERR password ${password} is wrong` },
    });
    const error = await failure(optionsFor(server));
    expect(error.code).toBe('auth');
    expect(error.message).toContain('"-ERR password ******** is wrong"');
  });

  it('masks the password in listing lines it cannot read, even past the length shown', async () => {
    const server = await fake({
      uidl: [`1 uid ${PASSWORD}`, `${PASSWORD} uid`, `2 ${'x'.repeat(95)} ${PASSWORD}`, '3 ok'],
    });
    const listing = await fetchUidlListing(optionsFor(server));
    expect(listing.messages).toEqual([{ number: 3, uid: 'ok' }]);
    expect(listing.problems.map(({ text }) => text)).toEqual([
      '1 uid ********',
      '******** uid',
      `2 ${'x'.repeat(95)} **…`,
    ]);
    expect(listing.problems[1]?.message).toBe(
      'line 3: message number "********" is not a whole number >= 1',
    );
    // No part of it either: a password cut where the text is shortened would show its start.
    expect(JSON.stringify(listing)).not.toContain(PASSWORD.slice(0, 3));
  });

  it('reads the refusal even when the server hangs up right after it', async () => {
    const server = await fake({
      handlers: { PASS: () => ({ raw: '-ERR Go away.\r\n' }), QUIT: () => 'close' },
    });
    const error = await failure(optionsFor(server));
    expect(error.code).toBe('auth');
    expect(error.message).toContain('"-ERR Go away."');
  });

  it('says when the server does not support UIDL', async () => {
    const server = await fake({ handlers: { UIDL: () => '-ERR Command not implemented' } });
    const error = await failure(optionsFor(server));
    expect(error.code).toBe('no-uidl');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} does not support UIDL (it answered "-ERR Command not ` +
        'implemented"), so its messages cannot be compared with a history',
    );
    expect(server.verbs()).toEqual(['USER', 'PASS', 'UIDL', 'QUIT']);
  });

  it('stops when STLS is not offered, without sending the credentials', async () => {
    const server = await fake({ handlers: { CAPA: () => ['+OK', 'USER', 'UIDL', '.'] } });
    const error = await failure(optionsFor(server, { security: 'stls' }));
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} does not offer STLS (it is not in its CAPA list): use implicit ` +
        'TLS (usually port 995), or plain text only on a network you trust',
    );
    expect(server.verbs()).toEqual(['CAPA', 'QUIT']);
  });

  it('sends STLS only to a server that lists it in CAPA (RFC 2595)', async () => {
    const server = await fake({ handlers: { CAPA: () => '-ERR Unknown command' } });
    const error = await failure(optionsFor(server, { security: 'stls', ca: TEST_CERTIFICATE }));
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} does not offer STLS (it answered CAPA with "-ERR Unknown ` +
        'command"): use implicit TLS (usually port 995), or plain text only on a network you trust',
    );
    expect(server.verbs()).toEqual(['CAPA', 'QUIT']);
  });

  it('stops when STLS is refused', async () => {
    const server = await fake({ handlers: { STLS: () => '-ERR TLS support not enabled' } });
    const error = await failure(optionsFor(server, { security: 'stls' }));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('"-ERR TLS support not enabled"');
    expect(server.verbs()).toEqual(['CAPA', 'STLS', 'QUIT']);
  });

  it('refuses data a server slips in after agreeing to STLS (command injection)', async () => {
    const server = await fake({
      handlers: { STLS: () => ({ raw: '+OK Begin TLS\r\n+OK Logged in.\r\n' }) },
    });
    const error = await failure(optionsFor(server, { security: 'stls', ca: TEST_CERTIFICATE }));
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/sent data after agreeing to STLS/);
    expect(server.verbs()).toEqual(['CAPA', 'STLS']);
  });

  it('does not trust a self-signed certificate by default, and says how to override', async () => {
    const server = await fake({ implicitTls: true });
    const error = await failure(optionsFor(server, { security: 'tls' }));
    expect(error.code).toBe('tls');
    expect(error.message).toBe(
      `The certificate of 127.0.0.1:${server.port} is self-signed, so it was not trusted. ` +
        'If this is a test server you trust, trust its certificate with --ca CERT.pem or skip ' +
        'verification with --insecure (in the app: "Do not verify the server certificate").',
    );
    expect(server.commands).toEqual([]);
  });

  it('refuses a damaged certificate to trust before connecting, rather than ignoring it', async () => {
    const server = await fake({ implicitTls: true });
    const damaged = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    const alone = await failure(optionsFor(server, { security: 'tls', ca: damaged }));
    expect(alone.code).toBe('tls');
    expect(alone.message).toBe('The certificate to trust (--ca) cannot be read: it is damaged');
    const second = await failure(
      optionsFor(server, { security: 'tls', ca: TEST_CERTIFICATE + damaged }),
    );
    expect(second.message).toBe(
      'The certificate to trust (--ca) cannot be read: certificate 2 of 2 is damaged',
    );
    const none = await failure(optionsFor(server, { security: 'tls', ca: 'not a certificate' }));
    expect(none.message).toBe('The certificate to trust (--ca) is not a PEM certificate');
    expect(server.connections).toBe(0);
    // A bundle of good ones is trusted as a whole.
    const listing = await fetchUidlListing(
      optionsFor(server, { security: 'tls', ca: TEST_CERTIFICATE + TEST_CERTIFICATE }),
    );
    expect(listing.certificateVerified).toBe(true);
  });

  it('checks the certificate against the host name even when it is trusted', async () => {
    const server = await fake({ implicitTls: true });
    const error = await failure(
      optionsFor(server, { security: 'tls', ca: TEST_CERTIFICATE, servername: 'mail.example' }),
    );
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/is for another name \(.*mail\.example.*localhost/);
  });

  it('sends the host name as SNI, and no SNI for an IP address (RFC 6066)', async () => {
    for (const [security, implicitTls] of [
      ['tls', true],
      ['stls', false],
    ] as const) {
      const server = await fake({ implicitTls });
      for (const host of ['localhost', '127.0.0.1']) {
        const listing = await fetchUidlListing(
          optionsFor(server, { host, security, allowPlain: false, ca: TEST_CERTIFICATE }),
        );
        // Verified against the name, or the address, in the certificate.
        expect(listing.certificateVerified).toBe(true);
      }
      expect(server.servernames).toEqual(['localhost', false]);
    }
  });

  it('skips verification when asked, and says so in the listing', async () => {
    const server = await fake({ implicitTls: true });
    const listing = await fetchUidlListing(optionsFor(server, { security: 'tls', insecure: true }));
    expect(listing.certificateVerified).toBe(false);
    expect(listing.tlsProtocol).not.toBeNull();
  });

  it('says TLS failed when the port does not speak it', async () => {
    const server = await fake();
    const error = await failure(optionsFor(server, { security: 'tls', ca: TEST_CERTIFICATE }));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/^The TLS handshake with 127\.0\.0\.1:\d+ failed \(/);
  });

  it('times out naming the step it waited for', async () => {
    const silent = await fake({ greeting: 'stall' });
    const greeting = await failure(optionsFor(silent, { timeoutMs: 150 }));
    expect(greeting.code).toBe('timeout');
    expect(greeting.message).toBe(
      `127.0.0.1:${silent.port} did not answer within 0.15 s while waiting for the greeting ` +
        '(if this port expects implicit TLS, usually 995, choose TLS)',
    );

    const stalling = await fake({ handlers: { UIDL: () => ({ raw: '+OK\r\n1 a\r\n' }) } });
    const listing = await failure(optionsFor(stalling, { timeoutMs: 150 }));
    expect(listing.code).toBe('timeout');
    expect(listing.message).toBe(
      `127.0.0.1:${stalling.port} did not answer within 0.15 s while waiting for the UIDL listing`,
    );
  });

  it('does not let a server trickling its QUIT reply a byte at a time hold the listing back', async () => {
    // 1,000 bytes 100 ms apart: were each byte to restart the wait, QUIT would take 100 s.
    const server = await fake({
      handlers: {
        QUIT: () => ({ pieces: Array.from({ length: 1000 }, () => '+'), intervalMs: 100 }),
      },
    });
    const listing = await fetchUidlListing(optionsFor(server, { timeoutMs: 5000 }));
    expect(listing.messages).toHaveLength(2);
    expect(server.verbs().at(-1)).toBe('QUIT');
  });

  it('says the server hung up, and during what', async () => {
    const server = await fake({ handlers: { UIDL: () => 'close' } });
    const error = await failure(optionsFor(server));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} closed the connection while waiting for the reply to UIDL`,
    );
  });

  it('fails, listing nothing, when the server hangs up in the middle of the listing', async () => {
    const server = await fake({
      handlers: { UIDL: () => ({ raw: '+OK\r\n1 uid-one\r\n2 uid-two\r\n', end: true }) },
    });
    const error = await failure(optionsFor(server));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} closed the connection while waiting for the UIDL listing`,
    );
  });

  it('says the connection failed, and during what, when the server resets it', async () => {
    const server = await fake({ handlers: { UIDL: () => 'reset' } });
    const error = await failure(optionsFor(server));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe(
      `The connection to 127.0.0.1:${server.port} failed while waiting for the reply to UIDL: ` +
        'ECONNRESET',
    );
  });

  it('refuses an overlong line, naming it, without buffering the rest', async () => {
    const server = await fake({
      handlers: { UIDL: () => ({ raw: `+OK\r\n1 a\r\n2 ${'x'.repeat(MAX_LINE_BYTES * 4)}` }) },
    });
    const error = await failure(optionsFor(server));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe(
      `Line 3 of the reply to UIDL from 127.0.0.1:${server.port} is longer than ` +
        `${MAX_LINE_BYTES} bytes; refusing to read it`,
    );
  });

  it('stops reading a listing that never ends, and closes the connection', async () => {
    const lines = MAX_LISTING_LINES + 1;
    const server = await fake({
      handlers: {
        // No final '.': as far as the client can tell, it goes on for ever.
        UIDL: () => ({
          raw: Buffer.concat([Buffer.from('+OK\r\n'), Buffer.alloc(lines * 5, '1 a\r\n')]),
        }),
      },
    });
    const error = await failure(optionsFor(server));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} sent more than 1,000,000 lines for UIDL without ending the ` +
        "listing with '.'; refusing to read more",
    );
    await server.firstClosed;
  });

  it('rejects a greeting that is not +OK', async () => {
    const server = await fake({ greeting: '-ERR Too many connections' });
    const error = await failure(optionsFor(server));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} answered its greeting with "-ERR Too many connections"`,
    );
  });
});

describe('the connection is closed on every failure', () => {
  // The client must destroy its socket whatever went wrong: the fake server sees it close
  // (were a socket leaked, `firstClosed` would never resolve and the test would time out).
  const cases: [string, FakeServerOptions, Partial<Pop3ClientOptions>, Pop3Error['code']][] = [
    ['a greeting that is not +OK', { greeting: '-ERR busy' }, {}, 'protocol'],
    ['no greeting at all', { greeting: 'stall' }, { timeoutMs: 100 }, 'timeout'],
    ['a wrong password', { password: 'other' }, {}, 'auth'],
    ['UIDL refused', { handlers: { UIDL: () => '-ERR no' } }, {}, 'no-uidl'],
    [
      'a listing that stops',
      { handlers: { UIDL: () => ({ raw: '+OK\r\n1 a\r\n' }) } },
      { timeoutMs: 100 },
      'timeout',
    ],
    [
      'an overlong line',
      { handlers: { UIDL: () => ({ raw: `+OK\r\n${'x'.repeat(5000)}` }) } },
      {},
      'protocol',
    ],
    [
      'STLS not offered',
      { handlers: { CAPA: () => ['+OK', '.'] } },
      { security: 'stls' },
      'unsupported',
    ],
    [
      'STLS without a handshake',
      { handlers: { STLS: () => '+OK go' } },
      { security: 'stls', timeoutMs: 200 },
      'timeout',
    ],
    ['STLS to a self-signed certificate', {}, { security: 'stls' }, 'tls'],
    ['TLS to a self-signed certificate', { implicitTls: true }, { security: 'tls' }, 'tls'],
    [
      'TLS to another name',
      { implicitTls: true },
      { security: 'tls', ca: TEST_CERTIFICATE, servername: 'mail.example' },
      'tls',
    ],
    ['TLS to a plain port', {}, { security: 'tls', ca: TEST_CERTIFICATE }, 'tls'],
    [
      'a TLS handshake never answered',
      { greeting: 'stall' },
      { security: 'tls', timeoutMs: 200 },
      'timeout',
    ],
    [
      'no greeting after the TLS handshake',
      { implicitTls: true, greeting: 'stall' },
      { security: 'tls', insecure: true, timeoutMs: 200 },
      'timeout',
    ],
  ];
  for (const [what, serverOptions, clientOptions, code] of cases) {
    it(what, async () => {
      const server = await fake(serverOptions);
      const error = await failure(optionsFor(server, clientOptions));
      expect(error.code).toBe(code);
      await server.firstClosed;
      expect(server.connections).toBe(1);
    });
  }
});

describe('cancel', () => {
  it('stops a running listing and closes the connection', async () => {
    const controller = new AbortController();
    const server = await fake({
      handlers: {
        UIDL: () => {
          setImmediate(() => controller.abort());
          return { raw: '+OK\r\n1 a\r\n' }; // then silence
        },
      },
    });
    const error = await failure(optionsFor(server, { signal: controller.signal }));
    expect(error.code).toBe('canceled');
    expect(error.message).toBe(`The check of 127.0.0.1:${server.port} was canceled`);
    await server.firstClosed;
    expect(server.verbs()).toEqual(['USER', 'PASS', 'UIDL']);
  });

  it('stops a TLS handshake the server never answers', async () => {
    const controller = new AbortController();
    const server = await fake({
      handlers: {
        STLS: () => {
          setTimeout(() => controller.abort(), 20);
          return '+OK Begin TLS'; // but never speaks TLS
        },
      },
    });
    const error = await failure(
      optionsFor(server, { security: 'stls', ca: TEST_CERTIFICATE, signal: controller.signal }),
    );
    expect(error.code).toBe('canceled');
    await server.firstClosed;
    expect(server.verbs()).toEqual(['CAPA', 'STLS']);
  });

  it('does not connect when already canceled', async () => {
    const server = await fake();
    const controller = new AbortController();
    controller.abort();
    const error = await failure(optionsFor(server, { signal: controller.signal }));
    expect(error.code).toBe('canceled');
    expect(server.connections).toBe(0);
  });
});

describe('hostile servers', () => {
  it('stops a CAPA list that never ends at its line cap, before any credential is sent', async () => {
    const lines = POP3_LIMITS.capaLines * 10;
    const server = await fake({
      handlers: {
        CAPA: () => ({
          raw: Buffer.concat([Buffer.from('+OK\r\n'), Buffer.alloc(lines * 6, 'USER\r\n')]),
        }),
      },
    });
    const error = await failure(optionsFor(server, { security: 'stls', allowPlain: false }));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} sent more than ${POP3_LIMITS.capaLines} lines for CAPA ` +
        "without ending the list with '.'; refusing to read more",
    );
    expect(server.verbs()).toEqual(['CAPA']);
    await server.firstClosed;
  });

  it('stops a CAPA list of long lines at its byte cap', async () => {
    const long = `X-${'y'.repeat(900)}`;
    const count = Math.ceil(POP3_LIMITS.capaBytes / long.length) + 5;
    expect(count).toBeLessThan(POP3_LIMITS.capaLines); // the bytes, not the lines, run out
    const server = await fake({
      handlers: { CAPA: () => ['+OK', ...Array.from({ length: count }, () => long), 'STLS', '.'] },
    });
    const error = await failure(optionsFor(server, { security: 'stls', allowPlain: false }));
    expect(error.message).toBe(
      `127.0.0.1:${server.port} sent more than ` +
        `${POP3_LIMITS.capaBytes.toLocaleString('en-US')} bytes for CAPA without ending the ` +
        "list with '.'; refusing to read more",
    );
    expect(server.verbs()).toEqual(['CAPA']);
  });

  it('stops a listing at its byte cap, before its line cap', async () => {
    const uid = 'u'.repeat(60);
    const server = await fake({
      uidl: Array.from({ length: 50 }, (_, i) => `${i + 1} ${uid}${i}`),
    });
    // 20 lines of about 65 bytes go past 1,000 bytes.
    const error = await failure(
      optionsFor(server, { limits: { listingBytes: 1000, listingLines: 40 } }),
    );
    expect(error.code).toBe('protocol');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} sent more than 1,000 bytes for UIDL without ending the ` +
        "listing with '.'; refusing to read more",
    );
  });

  it('caps the listing at 82 bytes a line on average, so a million lines stay under 82 MB', () => {
    expect(POP3_LIMITS.listingLines).toBe(MAX_LISTING_LINES);
    expect(POP3_LIMITS.listingBytes).toBe(82_000_000);
  });

  it('ends a check that a server trickling its greeting keeps alive, naming the step', async () => {
    // One byte every 20 ms: each restarts the 5 s wait for data, never the whole-check deadline.
    const server = await fake({
      greeting: { pieces: Array.from({ length: 400 }, () => '+'), intervalMs: 20 },
    });
    const started = Date.now();
    const error = await failure(optionsFor(server, { limits: { deadlineMs: 300 } }));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      `The check of 127.0.0.1:${server.port} took longer than 0.3 s, the limit for a whole ` +
        'check, while waiting for the greeting',
    );
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('ends a check whose listing trickles line by line, naming the listing', async () => {
    const server = await fake({
      handlers: {
        UIDL: () => ({
          pieces: ['+OK\r\n', ...Array.from({ length: 400 }, (_, i) => `${i + 1} uid-${i}\r\n`)],
          intervalMs: 20,
        }),
      },
    });
    const error = await failure(optionsFor(server, { limits: { deadlineMs: 400 } }));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      `The check of 127.0.0.1:${server.port} took longer than 0.4 s, the limit for a whole ` +
        'check, while waiting for the UIDL listing',
    );
  });

  it('leaves out, masked, a UID that holds the password, and says so', async () => {
    const server = await fake({
      uidl: ['1 uid-one', `2 ${PASSWORD}`, `3 x${PASSWORD}y`, '4 uid-four'],
    });
    const listing = await fetchUidlListing(optionsFor(server));
    expect(listing.messages).toEqual([
      { number: 1, uid: 'uid-one' },
      { number: 4, uid: 'uid-four' },
    ]);
    expect(listing.problems).toEqual([
      {
        line: 3,
        text: '2 ********',
        message: "line 3: the UID holds alice's password; the line is left out so it is not shown",
      },
      {
        line: 4,
        text: '3 x********y',
        message: "line 4: the UID holds alice's password; the line is left out so it is not shown",
      },
    ]);
    expect(JSON.stringify(listing)).not.toContain(PASSWORD.slice(0, 3));
  });
});
