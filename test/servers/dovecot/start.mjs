#!/usr/bin/env node
/**
 * Starts a throwaway Dovecot POP3 server for the live-check tests, or reuses the one already
 * running, and writes its description to `fixture.json` (printed on stdout too).
 *
 * Everything lives in one folder (`$UIDL_STUDIO_DOVECOT_DIR`, default
 * `<tmpdir>/uidl-studio-dovecot`), outside test-results/ which Playwright empties: the
 * configuration (`dovecot -c`, never the system one), the log, a self-signed certificate for
 * localhost and 127.0.0.1, a passwd-file of test users and their maildirs. It listens on
 * 127.0.0.1 only, on two free high ports: `pop3` (plain login allowed, STLS offered) and
 * `pop3s` (implicit TLS). `pop3_uidl_format` puts a `-` in every UID, a character Outlook
 * escapes. Stop it with `kill <pid>` (the fixture's `pid`); the next run starts a fresh one.
 *
 * Runs as root (CI: Dovecot's own `dovecot`/`dovenull` users, mail owned by `nobody`) or as
 * an ordinary user (everything runs as that user). Needs `dovecot` (Debian: dovecot-pop3d)
 * and `openssl`.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  openSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This script's own hash: an instance started by an older version of it is replaced. */
const SCRIPT_HASH = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest('hex');
const HOST = '127.0.0.1';
const UIDL_FORMAT = '%08Xu-%08Xv';
/** What UIDL_FORMAT yields: IMAP UID and UIDVALIDITY, each as 8 hex digits (Dovecot writes them in lower case). */
const UID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{8}$';
const USERS = [
  { user: 'many', password: 'many-secret-1939', messages: 3000 },
  { user: 'few', password: 'few-secret-1939', messages: 5 },
];

const root = process.env.UIDL_STUDIO_DOVECOT_DIR ?? join(tmpdir(), 'uidl-studio-dovecot');
const fixturePath = join(root, 'fixture.json');

function fail(message) {
  process.stderr.write(`dovecot fixture: ${message}\n`);
  process.exit(1);
}

/** `dovecot` from PATH, else where Debian installs it (/usr/sbin is not on every user's PATH). */
function findDovecot() {
  const candidates = [
    ...(process.env.PATH ?? '').split(':').filter(Boolean),
    '/usr/sbin',
    '/usr/local/sbin',
  ];
  for (const folder of candidates) {
    const path = join(folder, 'dovecot');
    if (existsSync(path)) return path;
  }
  return fail('dovecot is not installed (Debian: apt-get install dovecot-pop3d)');
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** True when the process is a Dovecot master started with our configuration (pids get reused). */
function isOurDovecot(pid, configPath) {
  if (!alive(pid)) return false;
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return commandLine.some((part) => part.endsWith('dovecot')) && commandLine.includes(configPath);
  } catch {
    return true; // no /proc (not Linux): trust the pid
  }
}

function accepts(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function reusable() {
  if (!existsSync(fixturePath)) return null;
  let fixture;
  try {
    fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
  } catch {
    return null;
  }
  if (!isOurDovecot(fixture.pid, fixture.config)) return null;
  const listening =
    fixture.script === SCRIPT_HASH &&
    (await accepts(fixture.ports.pop3)) &&
    (await accepts(fixture.ports.pop3s));
  if (listening) return fixture;
  // Ours, but started by an older version of this script or not answering: replace it.
  process.kill(fixture.pid, 'SIGTERM');
  await waitFor(() => !alive(fixture.pid), `the old dovecot (pid ${fixture.pid}) did not stop`);
  return null;
}

function idOf(flag, name) {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
}

/** Who Dovecot runs as and who owns the mail: root must hand both to unprivileged users. */
function accounts() {
  if (process.getuid?.() === 0) {
    return {
      internalUser: 'dovecot',
      internalGroup: 'dovecot',
      loginUser: 'dovenull',
      mailUid: idOf('-u', 'nobody'),
      mailGid: idOf('-g', 'nobody'),
      noChroot: '',
    };
  }
  const me = userInfo();
  const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
  return {
    internalUser: me.username,
    internalGroup: group,
    loginUser: me.username,
    mailUid: me.uid,
    mailGid: me.gid,
    // Only root may chroot: the login and anvil processes stay in the file system as they are.
    noChroot: '\n  chroot =',
  };
}

function generateCertificate() {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '3650',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(root, 'key.pem'),
      '-out',
      join(root, 'cert.pem'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** A maildir written directly (thousands of files in well under a second). */
function writeMaildir(user, count) {
  const maildir = join(root, 'mail', user, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  const start = Date.UTC(2024, 0, 1);
  for (let n = 1; n <= count; n += 1) {
    const date = new Date(start + n * 60_000);
    const message =
      `From: Fixture Sender <sender@example.test>\r\n` +
      `To: ${user}@example.test\r\n` +
      `Subject: Fixture message ${n}\r\n` +
      `Date: ${date.toUTCString().replace('GMT', '+0000')}\r\n` +
      `Message-ID: <${n}.${user}@example.test>\r\n` +
      `\r\n` +
      `Message ${n} of ${count}.\r\n`;
    // Seen messages in cur/: `<time>.M<n>P<pid>.<host>:2,S`, in the order Dovecot will number them.
    const name = `${Math.floor(date.getTime() / 1000)}.M${String(n).padStart(6, '0')}P1.fixture:2,S`;
    writeFileSync(join(maildir, 'cur', name), message);
  }
}

function chownTree(path, uid, gid) {
  chownSync(path, uid, gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, uid, gid);
    else chownSync(child, uid, gid);
  }
}

function configuration(ports, who) {
  return `# Generated by test/servers/dovecot/start.mjs: a throwaway POP3 server for the tests.
base_dir = ${root}/run
state_dir = ${root}/state
instance_name = uidl-studio-test
log_path = ${root}/dovecot.log
protocols = pop3
listen = ${HOST}
ssl = yes
ssl_cert = <${root}/cert.pem
ssl_key = <${root}/key.pem
# Plain USER/PASS on the pop3 port too, so the client's plain mode can be tested.
disable_plaintext_auth = no
auth_mechanisms = plain
auth_failure_delay = 0
default_internal_user = ${who.internalUser}
default_internal_group = ${who.internalGroup}
default_login_user = ${who.loginUser}
first_valid_uid = ${Math.min(who.mailUid, 500)}
first_valid_gid = ${Math.min(who.mailGid, 500)}
mail_location = maildir:~/Maildir
pop3_uidl_format = ${UIDL_FORMAT}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${root}/users
}
service pop3-login {${who.noChroot}
  inet_listener pop3 {
    port = ${ports.pop3}
  }
  inet_listener pop3s {
    port = ${ports.pop3s}
    ssl = yes
  }
}${who.noChroot ? `\nservice anvil {${who.noChroot}\n}` : ''}
`;
}

async function waitFor(check, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const logFile = join(root, 'dovecot.log');
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15) : [];
  fail(`${what} within ${timeoutMs / 1000} s; last lines of ${logFile}:\n${log.join('\n')}`);
}

async function start() {
  const dovecot = findDovecot();
  rmSync(root, { recursive: true, force: true });
  // 0755 all the way: Dovecot's unprivileged processes must reach base_dir and the mail.
  mkdirSync(root, { recursive: true, mode: 0o755 });
  const who = accounts();
  const ports = { pop3: await freePort(), pop3s: await freePort() };
  if (ports.pop3 === ports.pop3s) ports.pop3s = await freePort();

  generateCertificate();
  writeFileSync(
    join(root, 'users'),
    USERS.map(
      ({ user, password }) =>
        `${user}:{PLAIN}${password}:${who.mailUid}:${who.mailGid}::${root}/mail/${user}::\n`,
    ).join(''),
    { mode: 0o644 },
  );
  for (const { user, messages } of USERS) writeMaildir(user, messages);
  if (process.getuid?.() === 0) chownTree(join(root, 'mail'), who.mailUid, who.mailGid);

  const config = join(root, 'dovecot.conf');
  writeFileSync(config, configuration(ports, who));
  // Its output goes to a file: the daemon inherits it, and a pipe would stay open forever.
  const startLog = join(root, 'start.log');
  const output = openSync(startLog, 'w');
  try {
    execFileSync(dovecot, ['-c', config], { stdio: ['ignore', output, output] });
  } catch (error) {
    fail(`dovecot -c ${config} failed: ${readFileSync(startLog, 'utf8').trim() || error.message}`);
  } finally {
    closeSync(output);
  }
  const pidFile = join(root, 'run', 'master.pid');
  await waitFor(() => existsSync(pidFile), 'dovecot wrote no master.pid');
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  await waitFor(
    async () => (await accepts(ports.pop3)) && (await accepts(ports.pop3s)),
    `dovecot (pid ${pid}) is not listening on ${HOST}:${ports.pop3} and :${ports.pop3s}`,
  );

  const fixture = {
    script: SCRIPT_HASH,
    host: HOST,
    /** The certificate's DNS name, for tests of name verification. */
    hostName: 'localhost',
    ports,
    users: USERS,
    certificate: join(root, 'cert.pem'),
    pid,
    uidlFormat: UIDL_FORMAT,
    uidPattern: UID_PATTERN,
    config,
    logFile: join(root, 'dovecot.log'),
  };
  const temporary = `${fixturePath}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(fixture, null, 2)}\n`);
  renameSync(temporary, fixturePath);
  return fixture;
}

const fixture = (await reusable()) ?? (await start());
process.stdout.write(`${JSON.stringify(fixture)}\n`);
