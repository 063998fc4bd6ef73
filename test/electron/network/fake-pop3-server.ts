/**
 * A scripted POP3 server on 127.0.0.1 for the client tests: it records every command line it
 * receives (and whether it came over TLS) and answers from per-command handlers, so a test can
 * assert the exact conversation, including that nothing but CAPA, STLS, USER, PASS, UIDL and
 * QUIT was ever sent.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { TEST_CERTIFICATE, TEST_KEY } from './test-certificate.js';

/**
 * What a handler answers: lines (CRLF added), raw bytes written as given, or an action:
 * `stall` never answers, `close` hangs up, `reset` aborts the connection (TCP RST), `starttls`
 * says +OK and begins the TLS handshake.
 */
export type FakeReply =
  | string
  | readonly string[]
  /** `end`: then hang up (after the bytes are sent), as a server that stops mid-reply. */
  | { readonly raw: string | Uint8Array; readonly end?: boolean }
  /** Written one piece at a time, 5 ms (or `intervalMs`) apart (separate TCP segments). */
  | { readonly pieces: readonly string[]; readonly intervalMs?: number }
  | 'stall'
  | 'close'
  | 'reset'
  | 'starttls';

export type FakeHandler = (argument: string) => FakeReply;

export interface FakeServerOptions {
  /** Speak TLS from the first byte (a pop3s port). */
  readonly implicitTls?: boolean;
  /** The greeting line; `stall` sends none; `pieces` trickles it, 5 ms (or `intervalMs`) apart. */
  readonly greeting?:
    string | 'stall' | { readonly pieces: readonly string[]; readonly intervalMs?: number };
  /** Replaces the default handler per command verb (upper case). */
  readonly handlers?: Readonly<Record<string, FakeHandler>>;
  /** The password PASS accepts by default. */
  readonly password?: string;
  /** The lines the default UIDL handler lists (between `+OK` and `.`). */
  readonly uidl?: readonly string[];
}

export interface RecordedCommand {
  readonly line: string;
  readonly tls: boolean;
}

export interface FakePop3Server {
  readonly port: number;
  /** Every command line received, in order, across connections. */
  readonly commands: RecordedCommand[];
  /** The server name each TLS client asked for (SNI), false when it sent none. */
  readonly servernames: (string | false)[];
  /** The verbs only: `['USER', 'PASS', 'UIDL', 'QUIT']`. */
  verbs(): string[];
  readonly connections: number;
  /**
   * Resolves when the client has closed the first connection (or it was reset), also over
   * TLS, where the raw socket no longer reports it.
   */
  readonly firstClosed: Promise<void>;
  close(): Promise<void>;
}

function defaultHandlers(options: FakeServerOptions): Record<string, FakeHandler> {
  return {
    CAPA: () => ['+OK Capability list follows', 'USER', 'UIDL', 'STLS', '.'],
    STLS: () => 'starttls',
    USER: () => '+OK',
    PASS: (password) =>
      password === (options.password ?? 'secret') ? '+OK Logged in.' : '-ERR [AUTH] Failed.',
    UIDL: () => ['+OK', ...(options.uidl ?? ['1 uid-one', '2 uid-two']), '.'],
    QUIT: () => '+OK Logging out.',
  };
}

export async function startFakePop3(options: FakeServerOptions = {}): Promise<FakePop3Server> {
  const handlers = { ...defaultHandlers(options), ...options.handlers };
  const commands: RecordedCommand[] = [];
  const servernames: (string | false)[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let firstClosed!: () => void;
  const firstClosedPromise = new Promise<void>((resolve) => {
    firstClosed = resolve;
  });

  function serve(raw: Socket): void {
    const first = connections === 0;
    connections += 1;
    sockets.add(raw);
    raw.on('error', () => {});
    raw.on('close', () => {
      sockets.delete(raw);
      if (first) firstClosed();
    });
    const initial = options.implicitTls ? secure(raw, first) : raw;
    listen(initial, options.implicitTls === true, first);
    const { greeting } = options;
    if (typeof greeting === 'object')
      void writePieces(initial, greeting.pieces, greeting.intervalMs ?? 5);
    else if (greeting !== 'stall') initial.write(`${greeting ?? '+OK Fake POP3 ready.'}\r\n`);
  }

  function secure(socket: Socket, first: boolean): TLSSocket {
    const tls = new TLSSocket(socket, { isServer: true, key: TEST_KEY, cert: TEST_CERTIFICATE });
    tls.on('error', () => {});
    tls.once('secure', () => servernames.push(tls.servername ?? false));
    // The TLS layer now owns the connection: its end (the client's FIN) or close is the close.
    const closed = (): void => {
      tls.destroy();
      if (first) firstClosed();
    };
    tls.on('end', closed);
    tls.on('close', closed);
    return tls;
  }

  function listen(socket: Socket, tls: boolean, first: boolean): void {
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        commands.push({ line, tls });
        const space = line.indexOf(' ');
        const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
        const handler = handlers[verb] ?? (() => '-ERR Unknown command');
        const reply = handler(space === -1 ? '' : line.slice(space + 1));
        if (reply === 'stall') continue;
        if (reply === 'close') {
          socket.destroy();
          return;
        }
        if (reply === 'reset') {
          socket.resetAndDestroy();
          return;
        }
        if (reply === 'starttls') {
          socket.off('data', onData);
          socket.write('+OK Begin TLS negotiation now.\r\n');
          listen(secure(socket, first), true, first);
          return;
        }
        // After QUIT the server hangs up, once its reply is written.
        const done = () => (verb === 'QUIT' ? socket.end() : undefined);
        if (typeof reply === 'object' && 'raw' in reply) {
          socket.write(reply.raw);
          if (reply.end) {
            socket.end();
            return;
          }
        } else if (typeof reply === 'object' && 'pieces' in reply) {
          void writePieces(socket, reply.pieces, reply.intervalMs ?? 5).then(done);
          continue;
        } else socket.write([reply].flat().join('\r\n') + '\r\n');
        done();
      }
    };
    socket.on('data', onData);
  }

  const server: Server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    commands,
    servernames,
    verbs: () => commands.map(({ line }) => line.split(' ')[0]!.toUpperCase()),
    get connections() {
      return connections;
    },
    firstClosed: firstClosedPromise,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function writePieces(
  socket: Socket,
  pieces: readonly string[],
  intervalMs: number,
): Promise<void> {
  for (const piece of pieces) {
    if (socket.destroyed) return;
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
