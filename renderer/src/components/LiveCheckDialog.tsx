/**
 * The live check: the desktop app asks the POP3 server for its UIDL listing (UIDL then QUIT,
 * never RETR or DELE) and the history is compared with it. Certificates are verified unless
 * the user says otherwise, out loud; plain text needs its own explicit consent. In the
 * browser edition the dialog explains that this is the desktop app's, and offers pasting.
 * The check itself (task, progress, cancel, the comparison) is the live-check commands'.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Pop3Account, Pop3Security } from '@shared/host/contract.js';
import { useCommands, useLiveCheck, useServices, useUi } from '../app-context';
import { accountKey } from '../commands/live-check-commands';
import { Dialog, FormDialogFooter } from './Dialog';

export const DEFAULT_PORTS: Record<Pop3Security, number> = { tls: 995, stls: 110, plain: 110 };

const SECURITY_LABELS: Record<Pop3Security, string> = {
  tls: 'Implicit TLS',
  stls: 'STLS (upgrade to TLS)',
  plain: 'Plain (no encryption)',
};

export interface LiveCheckForm {
  readonly host: string;
  readonly port: string;
  readonly security: Pop3Security;
  readonly allowPlain: boolean;
  readonly user: string;
  readonly password: string;
  readonly rememberPassword: boolean;
  readonly insecure: boolean;
}

/** What keeps the form from being sent, field by field (empty when it can be). */
export function liveCheckProblems(
  form: LiveCheckForm,
  rememberedPassword: boolean,
): Partial<Record<'host' | 'port' | 'user' | 'password' | 'allowPlain', string>> {
  const problems: Partial<Record<'host' | 'port' | 'user' | 'password' | 'allowPlain', string>> =
    {};
  if (form.host.trim() === '') problems.host = 'Enter the POP3 server, e.g. pop.example.com.';
  else if (/\s/.test(form.host.trim())) problems.host = 'A host name has no spaces.';
  const port = Number(form.port);
  if (!/^\d+$/.test(form.port.trim()) || port < 1 || port > 65535) {
    problems.port = 'The port is a whole number from 1 to 65535.';
  }
  if (form.user.trim() === '') problems.user = 'Enter the account’s user name.';
  if (form.password === '' && !rememberedPassword) problems.password = 'Enter the password.';
  if (form.security === 'plain' && !form.allowPlain) {
    problems.allowPlain =
      'Plain text sends the password unencrypted: tick the box to allow it, or choose TLS.';
  }
  return problems;
}

const EMPTY_FORM: LiveCheckForm = {
  host: '',
  port: String(DEFAULT_PORTS.tls),
  security: 'tls',
  allowPlain: false,
  user: '',
  password: '',
  rememberPassword: false,
  insecure: false,
};

export function LiveCheckDialog() {
  const { host } = useServices();
  const closeDialog = useUi((state) => state.actions.closeDialog);
  if (!host.capabilities.network) return <DesktopOnly onClose={closeDialog} />;
  return <LiveCheckFormDialog onClose={closeDialog} />;
}

function DesktopOnly({ onClose }: { readonly onClose: () => void }) {
  const openDialog = useUi((state) => state.actions.openDialog);
  const noteId = useId();
  return (
    <Dialog title="Live check" onClose={onClose} describedBy={noteId}>
      <p id={noteId} className="dialog__note">
        The live check needs the desktop app: a browser page cannot open a connection to a POP3
        server. Run it there (or <code>uidl-studio compare --pop3</code> on the command line), or
        paste the server&apos;s UIDL listing here.
      </p>
      <div className="dialog__actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className="button--primary"
          data-autofocus
          onClick={() => openDialog({ name: 'listing' })}
        >
          Paste a listing instead
        </button>
      </div>
    </Dialog>
  );
}

function LiveCheckFormDialog({ onClose }: { readonly onClose: () => void }) {
  const liveCheck = useCommands().liveCheck;
  const running = useLiveCheck((state) => state.running);
  const failure = useLiveCheck((state) => state.failure);
  const clearFailure = useLiveCheck((state) => state.actions.clearFailure);
  const [form, setForm] = useState<LiveCheckForm>(EMPTY_FORM);
  const [portEdited, setPortEdited] = useState(false);
  const [accounts, setAccounts] = useState<readonly Pop3Account[]>([]);
  const [accountChoice, setAccountChoice] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  /** Checks refused for what the form says is missing or wrong, counted. */
  const [refusals, setRefusals] = useState(0);
  const id = {
    host: useId(),
    port: useId(),
    user: useId(),
    password: useId(),
    plain: useId(),
    insecure: useId(),
    account: useId(),
  };

  useEffect(() => {
    let live = true;
    void liveCheck.listAccounts().then((list) => {
      if (live) setAccounts(list);
    });
    return () => {
      live = false;
    };
  }, [liveCheck]);

  // A check still running when the dialog goes away is stopped, and its answer dropped.
  useEffect(() => () => liveCheck.abandon(), [liveCheck]);

  // The fields are disabled while the check runs: keep the keyboard on its Cancel button, and
  // when the check ends without closing the dialog (it failed, or was cancelled), Cancel check
  // goes away with it: the keyboard goes back to Check, for another try.
  const runningTask = running?.taskId ?? null;
  const wasRunning = useRef(false);
  useEffect(() => {
    if (runningTask !== null) {
      wasRunning.current = true;
      cancelRef.current?.focus();
      return;
    }
    if (!wasRunning.current) return;
    wasRunning.current = false;
    const form = formRef.current;
    if (form && !form.contains(document.activeElement)) {
      form.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
    }
  }, [runningTask]);

  // A refused Check takes the keyboard to the first field that says what is wrong.
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const chosenAccount = accounts.find((account) => accountKey(account) === accountChoice) ?? null;
  const rememberedPassword =
    chosenAccount !== null &&
    chosenAccount.hasRememberedPassword &&
    accountKey(chosenAccount) === accountKey({ ...form, port: Number(form.port) });
  const problems = liveCheckProblems(form, rememberedPassword);
  const shown = submitted ? problems : {};

  const update = (changes: Partial<LiveCheckForm>): void => {
    setForm((current) => ({ ...current, ...changes }));
    clearFailure();
  };

  const setSecurity = (security: Pop3Security): void => {
    // The port follows the security until the user types one of their own.
    update({
      security,
      ...(portEdited ? {} : { port: String(DEFAULT_PORTS[security]) }),
      ...(security === 'plain' ? { insecure: false } : {}),
    });
  };

  const chooseAccount = (key: string): void => {
    setAccountChoice(key);
    const account = accounts.find((candidate) => accountKey(candidate) === key);
    if (!account) return;
    setForm((current) => ({
      ...current,
      host: account.host,
      port: String(account.port),
      security: account.security,
      allowPlain: false,
      user: account.user,
      password: '',
      rememberPassword: account.hasRememberedPassword,
    }));
    setPortEdited(account.port !== DEFAULT_PORTS[account.security]);
    clearFailure();
  };

  const forgetAccount = async (): Promise<void> => {
    if (!chosenAccount) return;
    await liveCheck.forgetAccount(chosenAccount);
    setAccounts((list) => list.filter((account) => account !== chosenAccount));
    setAccountChoice('');
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    if (running) return;
    if (Object.keys(problems).length > 0) {
      setRefusals((count) => count + 1);
      return;
    }
    const outcome = await liveCheck.run({
      host: form.host.trim(),
      port: Number(form.port),
      security: form.security,
      allowPlain: form.security === 'plain' && form.allowPlain,
      user: form.user.trim(),
      password: form.password === '' ? null : form.password,
      rememberPassword: form.rememberPassword,
      insecure: form.security !== 'plain' && form.insecure,
    });
    if (outcome === 'compared') onClose();
  };

  const fieldError = (key: keyof typeof problems, errorId: string) =>
    shown[key] ? (
      <span id={errorId} className="field-error">
        {shown[key]}
      </span>
    ) : null;

  return (
    <Dialog title="Live check" onClose={onClose} className="dialog--wide">
      <form
        ref={formRef}
        onSubmit={(event) => void onSubmit(event)}
        className="live-check"
        noValidate
      >
        <p className="dialog__note">
          Asks the server for its UIDL listing, then quits: read-only, no message is retrieved or
          deleted.
        </p>
        {accounts.length > 0 && (
          <div className="live-check__accounts">
            <div className="field">
              <label htmlFor={id.account}>Remembered account</label>
              <select
                id={id.account}
                value={accountChoice}
                onChange={(event) => chooseAccount(event.target.value)}
              >
                <option value="">— choose —</option>
                {accounts.map((account) => (
                  <option key={accountKey(account)} value={accountKey(account)}>
                    {accountKey(account)} ({SECURITY_LABELS[account.security]}
                    {account.hasRememberedPassword ? ', password remembered' : ''})
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              onClick={() => void forgetAccount()}
              disabled={!chosenAccount}
              title="Forget this account and its remembered password"
            >
              Forget account
            </button>
          </div>
        )}
        <fieldset disabled={running !== null} className="live-check__fields">
          <legend>Server</legend>
          <div className="live-check__row">
            <div className="field live-check__host">
              <label htmlFor={id.host}>Host</label>
              <input
                id={id.host}
                data-autofocus
                value={form.host}
                spellCheck={false}
                autoComplete="off"
                placeholder="pop.example.com"
                onChange={(event) => update({ host: event.target.value })}
                aria-invalid={shown.host ? true : undefined}
                aria-describedby={shown.host ? `${id.host}-error` : undefined}
              />
              {fieldError('host', `${id.host}-error`)}
            </div>
            <div className="field live-check__port">
              <label htmlFor={id.port}>Port</label>
              <input
                id={id.port}
                inputMode="numeric"
                value={form.port}
                onChange={(event) => {
                  setPortEdited(true);
                  update({ port: event.target.value });
                }}
                aria-invalid={shown.port ? true : undefined}
                aria-describedby={shown.port ? `${id.port}-error` : undefined}
              />
              {fieldError('port', `${id.port}-error`)}
            </div>
          </div>
          <div role="radiogroup" aria-label="Security" className="live-check__security">
            {(Object.keys(SECURITY_LABELS) as Pop3Security[]).map((security) => (
              <label key={security} className="check">
                <input
                  type="radio"
                  name="pop3-security"
                  checked={form.security === security}
                  onChange={() => setSecurity(security)}
                />
                {SECURITY_LABELS[security]} ({DEFAULT_PORTS[security]})
              </label>
            ))}
          </div>
          {form.security === 'plain' ? (
            <div className="check check--described">
              <input
                id={id.plain}
                type="checkbox"
                checked={form.allowPlain}
                onChange={(event) => update({ allowPlain: event.target.checked })}
                aria-invalid={shown.allowPlain ? true : undefined}
                aria-describedby={`${id.plain}-warning`}
              />
              <span>
                <label htmlFor={id.plain}>Send my password unencrypted</label>
                <span
                  id={`${id.plain}-warning`}
                  className={`live-check__warning ${shown.allowPlain ? 'field-error' : 'field-warning'}`}
                >
                  {shown.allowPlain ??
                    'Anyone on the network between here and the server can read it.'}
                </span>
              </span>
            </div>
          ) : (
            <div className="check check--described">
              <input
                id={id.insecure}
                type="checkbox"
                checked={form.insecure}
                onChange={(event) => update({ insecure: event.target.checked })}
                aria-describedby={`${id.insecure}-warning`}
              />
              <span>
                <label htmlFor={id.insecure}>
                  Do not verify the server certificate (self-signed test servers)
                </label>
                <span
                  id={`${id.insecure}-warning`}
                  className={`live-check__warning ${form.insecure ? 'field-warning' : 'field-hint'}`}
                >
                  {form.insecure
                    ? 'Warning: any server can pretend to be this one and receive your password. Use only for a test server you control.'
                    : 'The certificate is verified unless you tick this.'}
                </span>
              </span>
            </div>
          )}
        </fieldset>
        <fieldset disabled={running !== null} className="live-check__fields">
          <legend>Account</legend>
          <div className="live-check__row">
            <div className="field">
              <label htmlFor={id.user}>User</label>
              <input
                id={id.user}
                value={form.user}
                spellCheck={false}
                autoComplete="username"
                onChange={(event) => update({ user: event.target.value })}
                aria-invalid={shown.user ? true : undefined}
                aria-describedby={shown.user ? `${id.user}-error` : undefined}
              />
              {fieldError('user', `${id.user}-error`)}
            </div>
            <div className="field">
              <label htmlFor={id.password}>Password</label>
              <input
                id={id.password}
                type="password"
                value={form.password}
                autoComplete="current-password"
                placeholder={rememberedPassword ? 'Remembered' : ''}
                onChange={(event) => update({ password: event.target.value })}
                aria-invalid={shown.password ? true : undefined}
                aria-describedby={`${id.password}-note`}
              />
              <span
                id={`${id.password}-note`}
                className={shown.password ? 'field-error' : 'field-hint'}
              >
                {shown.password ??
                  (rememberedPassword
                    ? 'Leave empty to use the remembered password.'
                    : 'Used for this check only, unless remembered below.')}
              </span>
            </div>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={form.rememberPassword}
              onChange={(event) => update({ rememberPassword: event.target.checked })}
            />
            Remember password (OS keychain)
          </label>
        </fieldset>
        {running && (
          <div className="live-check__progress" role="status">
            <progress
              aria-label="Live check progress"
              max={running.total ?? undefined}
              value={running.total !== null ? running.received : undefined}
            />
            <span>
              {running.phase}: {running.received.toLocaleString('en-US')}
              {running.total !== null ? ` of ${running.total.toLocaleString('en-US')}` : ''} UIDs
              received
            </span>
            <button ref={cancelRef} type="button" onClick={() => liveCheck.cancel()}>
              Cancel check
            </button>
          </div>
        )}
        <FormDialogFooter
          error={failure}
          submitLabel={running ? 'Checking…' : 'Check'}
          submitDisabled={running !== null}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
