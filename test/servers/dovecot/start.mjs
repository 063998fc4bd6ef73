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
 * and `openssl`. A system Dovecot may be installed and running: this one shares nothing with
 * it (own configuration, base_dir, state_dir, instance name and ports).
 *
 * Safe to run again and concurrently: runs are serialised by a lock beside the folder; a
 * Dovecot of this folder that is no longer described by `fixture.json` (a stale or lost
 * fixture) is stopped before the folder is rebuilt; ports taken between choosing and binding
 * them are chosen again. Ready means a test user can log in; otherwise the script exits 1
 * with the last lines of Dovecot's output and log, leaving no Dovecot of its own running.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
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
const configPath = join(root, 'dovecot.conf');
const logFile = join(root, 'dovecot.log');
const startLog = join(root, 'start.log');
/** Held (a folder holding the holder's pid) while a run checks, stops or starts the server. */
const lockPath = `${root}.lock`;
/** Tries with freshly chosen ports when one was taken between choosing and binding it. */
const PORT_ATTEMPTS = 5;

// Dovecot's unprivileged processes must read what is written here, whatever the caller's umask.
process.umask(0o022);

let lockHeld = false;
process.on('exit', () => {
  if (lockHeld) rmSync(lockPath, { recursive: true, force: true });
});

function fail(message) {
  process.stderr.write(`dovecot fixture: ${message}\n`);
  process.exit(1);
}

/** The last lines of a file, or a note that it is missing. */
function tail(path, lines = 20) {
  if (!existsSync(path)) return `(no ${path})`;
  const text = readFileSync(path, 'utf8').trimEnd();
  return `last lines of ${path}:\n${text.split('\n').slice(-lines).join('\n')}`;
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

const hasProc = existsSync('/proc/self/cmdline');

/** True when the process is a Dovecot master started with our configuration (pids get reused). */
function isOurDovecot(pid) {
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return false;
  if (!hasProc) return true; // not Linux: trust the pid
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return commandLine.some((part) => part.endsWith('dovecot')) && commandLine.includes(configPath);
  } catch {
    return false; // it has just exited
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the lock, waiting for another run to finish; a lock whose holder died is taken over. */
async function lock() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockPath);
      writeFileSync(join(lockPath, 'pid'), String(process.pid));
      lockHeld = true;
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(join(lockPath, 'pid'), 'utf8'));
    } catch {
      // Just created, pid not written yet: wait for it.
    }
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      rmSync(lockPath, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) fail(`${lockPath} is held by pid ${holder} for over 2 minutes`);
    await sleep(100);
  }
}

/** Stops a Dovecot of this folder (SIGTERM, then SIGKILL), waiting until it is gone. */
async function stop(pid) {
  const signal = (name) => {
    try {
      process.kill(pid, name);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error; // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 10_000;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) signal('SIGKILL');
  while (alive(pid)) await sleep(50);
}

/** Pids of the Dovecot masters running on this folder's configuration, from /proc (Linux). */
function runningOnThisConfig() {
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((pid) => pid !== process.pid && isOurDovecot(pid));
  } catch {
    return []; // no /proc
  }
}

/**
 * Stops every Dovecot still running on this folder's configuration: the one fixture.json names,
 * the one run/master.pid names and any other /proc shows (a fixture lost, damaged or written
 * by an interrupted run).
 */
async function stopStale() {
  const pids = new Set(runningOnThisConfig());
  try {
    pids.add(JSON.parse(readFileSync(fixturePath, 'utf8')).pid);
  } catch {
    // No fixture, or not readable: master.pid may still name a server.
  }
  try {
    pids.add(Number(readFileSync(join(root, 'run', 'master.pid'), 'utf8').trim()));
  } catch {
    // No server was started from this folder, or it removed its pid file when it stopped.
  }
  for (const pid of pids) if (isOurDovecot(pid)) await stop(pid);
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

/**
 * POP3 over plain text on `port`: the greeting, then USER and PASS of `account` accepted. Proves
 * more than a listening port: configuration, permissions and the users file all work.
 */
function logsIn(port, account, timeoutMs = 5000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    const script = [null, `USER ${account.user}`, `PASS ${account.password}`, 'QUIT'];
    let buffer = '';
    let step = 0;
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        if (!line.startsWith('+OK')) return done(false);
        step += 1;
        if (step === script.length) return done(true);
        socket.write(`${script[step]}\r\n`);
      }
    });
  });
}

/** The running instance fixture.json describes, when it is this script's and it works. */
async function reusable() {
  let fixture;
  try {
    fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
  } catch {
    return null;
  }
  if (fixture.script !== SCRIPT_HASH || !isOurDovecot(fixture.pid)) return null;
  const working =
    (await accepts(fixture.ports.pop3s)) && (await logsIn(fixture.ports.pop3, USERS[1]));
  return working ? fixture : null;
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

async function waitFor(check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

/** Fails with Dovecot's output and log, after stopping the instance that failed (if any). */
async function failStarting(what, pid = null) {
  if (pid !== null && isOurDovecot(pid)) await stop(pid);
  fail(`${what}\n${tail(startLog)}\n${tail(logFile)}`);
}

/** Runs `dovecot -c`; resolves to null once it daemonised, or to what it printed on failure. */
function runDovecot(dovecot) {
  // Its output goes to a file: the daemon inherits it, and a pipe would stay open forever.
  const output = openSync(startLog, 'w');
  try {
    execFileSync(dovecot, ['-c', configPath], { stdio: ['ignore', output, output] });
    return null;
  } catch (error) {
    return readFileSync(startLog, 'utf8').trim() || error.message;
  } finally {
    closeSync(output);
  }
}

async function start() {
  const dovecot = findDovecot();
  await stopStale();
  rmSync(root, { recursive: true, force: true });
  // 0755 all the way: Dovecot's unprivileged processes must reach base_dir and the mail.
  mkdirSync(root, { recursive: true });
  chmodSync(root, 0o755);
  const who = accounts();

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

  let ports;
  for (let attempt = 1; ; attempt += 1) {
    ports = { pop3: await freePort(), pop3s: await freePort() };
    while (ports.pop3s === ports.pop3) ports.pop3s = await freePort();
    writeFileSync(configPath, configuration(ports, who));
    const failure = runDovecot(dovecot);
    if (failure === null) break;
    // Another program took a port between freePort() and Dovecot's bind: choose again.
    if (/Address already in use/.test(failure) && attempt < PORT_ATTEMPTS) continue;
    await failStarting(`dovecot -c ${configPath} failed (attempt ${attempt}): ${failure}`);
  }
  const pidFile = join(root, 'run', 'master.pid');
  if (!(await waitFor(() => existsSync(pidFile)))) {
    await failStarting(`dovecot -c ${configPath} wrote no ${pidFile} within 15 s`);
  }
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const ready = await waitFor(
    async () => (await accepts(ports.pop3s)) && (await logsIn(ports.pop3, USERS[1])),
  );
  if (!ready) {
    await failStarting(
      `dovecot (pid ${pid}) does not let ${USERS[1].user} log in on ${HOST}:${ports.pop3} ` +
        `(or is not listening on :${ports.pop3s}) within 15 s`,
      pid,
    );
  }

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
    config: configPath,
    logFile,
  };
  const temporary = `${fixturePath}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(fixture, null, 2)}\n`);
  renameSync(temporary, fixturePath);
  return fixture;
}

await lock();
const fixture = (await reusable()) ?? (await start());
process.stdout.write(`${JSON.stringify(fixture)}\n`);
