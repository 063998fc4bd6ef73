// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { Pop3CheckRequest, Pop3CheckResult, Pop3Listed } from '@shared/host/contract.js';
import { buildBlob } from '../../fixtures/blobs.js';
import {
  act,
  installLayout,
  openFile,
  renderApp,
  screen,
  within,
  type Rendered,
} from '../support/render';

installLayout();

const HISTORY = buildBlob([
  { op: '+', content: 'b', timestamp: '20240101120000', uid: 'AAA-1' },
  { op: '+', content: 'b', timestamp: '20240102120000', uid: 'BBB-2' },
]);

const LISTED: Pop3Listed = {
  status: 'listed',
  messages: [
    { number: 1, uid: 'AAA-1' },
    { number: 2, uid: 'NEW-1' },
    { number: 3, uid: 'NEW-2' },
  ],
  problems: [],
  greeting: '+OK Dovecot ready.',
  tlsProtocol: 'TLSv1.3',
  certificateVerified: true,
  passwordRemembered: false,
};

async function openLiveCheck(rendered: Rendered): Promise<HTMLElement> {
  const { user } = rendered;
  await openFile(rendered, HISTORY);
  await user.click(screen.getByRole('button', { name: 'Compare' }));
  const region = screen.getByRole('region', { name: 'Comparison' });
  await user.click(within(region).getByRole('button', { name: 'Live check…' }));
  return screen.getByRole('dialog', { name: 'Live check' });
}

async function fillAccount(rendered: Rendered, dialog: HTMLElement): Promise<void> {
  const { user } = rendered;
  await user.type(within(dialog).getByLabelText('Host'), 'pop.example.com');
  await user.type(within(dialog).getByLabelText('User'), 'joe');
  await user.type(within(dialog).getByLabelText('Password'), 'secret');
}

function lastRequest(rendered: Rendered): Pop3CheckRequest {
  const calls = vi.mocked(rendered.host.pop3Check).mock.calls;
  return calls[calls.length - 1]![0];
}

const port = (dialog: HTMLElement) =>
  (within(dialog).getByLabelText('Port') as HTMLInputElement).value;

describe('live check form', () => {
  it('defaults the port by security until the user types one', async () => {
    const rendered = renderApp({ network: true });
    const { user } = rendered;
    const dialog = await openLiveCheck(rendered);
    expect(within(dialog).getByRole('radio', { name: /^Implicit TLS/ })).toHaveProperty(
      'checked',
      true,
    );
    expect(port(dialog)).toBe('995');
    await user.click(within(dialog).getByRole('radio', { name: /^STLS/ }));
    expect(port(dialog)).toBe('110');
    await user.click(within(dialog).getByRole('radio', { name: /^Implicit TLS/ }));
    expect(port(dialog)).toBe('995');
    await user.clear(within(dialog).getByLabelText('Port'));
    await user.type(within(dialog).getByLabelText('Port'), '1995');
    await user.click(within(dialog).getByRole('radio', { name: /^STLS/ }));
    expect(port(dialog)).toBe('1995');
  });

  it('refuses plain text without explicit consent, then sends it with allowPlain', async () => {
    const rendered = renderApp({ network: true });
    const { user, host } = rendered;
    host.pop3Result = { ...LISTED, tlsProtocol: null };
    const dialog = await openLiveCheck(rendered);
    await fillAccount(rendered, dialog);
    expect(within(dialog).queryByRole('checkbox', { name: 'Send my password unencrypted' })).toBe(
      null,
    );
    await user.click(within(dialog).getByRole('radio', { name: /^Plain/ }));
    expect(port(dialog)).toBe('110');
    // No certificate to verify without TLS.
    expect(within(dialog).queryByRole('checkbox', { name: /Do not verify/ })).toBeNull();
    const consent = within(dialog).getByRole('checkbox', { name: 'Send my password unencrypted' });
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(host.pop3Check).not.toHaveBeenCalled();
    expect(consent.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText(/^Plain text sends the password unencrypted/)).toBeTruthy();

    await user.click(consent);
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(lastRequest(rendered)).toMatchObject({
      host: 'pop.example.com',
      port: 110,
      security: 'plain',
      allowPlain: true,
      user: 'joe',
      password: 'secret',
      insecure: false,
      rememberPassword: false,
    });
  });

  it('says which fields are missing or wrong, by field', async () => {
    const rendered = renderApp({ network: true });
    const { user, host } = rendered;
    const dialog = await openLiveCheck(rendered);
    await user.clear(within(dialog).getByLabelText('Port'));
    await user.type(within(dialog).getByLabelText('Port'), '70000');
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(host.pop3Check).not.toHaveBeenCalled();
    expect(within(dialog).getByText('Enter the POP3 server, e.g. pop.example.com.')).toBeTruthy();
    expect(within(dialog).getByText('The port is a whole number from 1 to 65535.')).toBeTruthy();
    expect(within(dialog).getByText('Enter the account’s user name.')).toBeTruthy();
    expect(within(dialog).getByText('Enter the password.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Host').getAttribute('aria-invalid')).toBe('true');
    // The keyboard goes to the first field in question, and on to the next after a fix.
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Host'));
    await user.type(within(dialog).getByLabelText('Host'), 'pop.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Port'));
  });

  it('shows the certificate override with its warning, and sends it when ticked', async () => {
    const rendered = renderApp({ network: true });
    const { user, host } = rendered;
    host.pop3Result = { ...LISTED, certificateVerified: false };
    const dialog = await openLiveCheck(rendered);
    await fillAccount(rendered, dialog);
    const insecure = within(dialog).getByRole('checkbox', {
      name: 'Do not verify the server certificate (self-signed test servers)',
    });
    expect(insecure).toHaveProperty('checked', false);
    await user.click(insecure);
    expect(
      within(dialog).getByText(/^Warning: any server can pretend to be this one/),
    ).toBeTruthy();
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Remember password (OS keychain)' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(lastRequest(rendered)).toMatchObject({
      security: 'tls',
      port: 995,
      insecure: true,
      allowPlain: false,
      rememberPassword: true,
    });
    expect(
      screen.getByText(
        'joe@pop.example.com: 3 messages listed over TLSv1.3 (certificate not verified). ' +
          'The password could not be remembered: the OS keychain is not available.',
      ),
    ).toBeTruthy();
  });
});

describe('live check results', () => {
  it('compares with the listing fetched', async () => {
    const rendered = renderApp({ network: true });
    const { user, host } = rendered;
    host.pop3Result = LISTED;
    const dialog = await openLiveCheck(rendered);
    await fillAccount(rendered, dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    const side = rendered.services.comparison.getState().side!;
    expect(side.kind).toBe('live');
    expect(side.name).toBe('joe@pop.example.com');
    expect(side.listing.messages.map((message) => message.uid)).toEqual([
      'AAA-1',
      'NEW-1',
      'NEW-2',
    ]);
    const region = screen.getByRole('region', { name: 'Comparison' });
    expect(within(region).getByRole('button', { name: /^Will be downloaded:/ }).textContent).toBe(
      'Will be downloaded: 2',
    );
    expect(within(region).getByRole('button', { name: /^Stale:/ }).textContent).toBe('Stale: 1');
    expect(screen.getByText('joe@pop.example.com: 3 messages listed over TLSv1.3.')).toBeTruthy();
  });

  it('shows the failure message and keeps the form for another try', async () => {
    const rendered = renderApp({ network: true });
    const { user, host } = rendered;
    host.pop3Result = {
      status: 'failed',
      code: 'auth',
      message:
        'pop.example.com:995 refused the user name or password (-ERR [AUTH] Authentication failed.).',
    };
    const dialog = await openLiveCheck(rendered);
    await fillAccount(rendered, dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'pop.example.com:995 refused the user name or password (-ERR [AUTH] Authentication failed.).',
    );
    expect((within(dialog).getByLabelText('Host') as HTMLInputElement).value).toBe(
      'pop.example.com',
    );
    expect(rendered.services.comparison.getState().side).toBeNull();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Check' }));
  });

  it('shows the UIDs received while the check runs, and cancels it', async () => {
    const rendered = renderApp({ network: true });
    const { user, host } = rendered;
    let finish: (result: Pop3CheckResult) => void = () => undefined;
    vi.mocked(host.pop3Check).mockImplementation(
      () => new Promise<Pop3CheckResult>((resolve) => (finish = resolve)),
    );
    const dialog = await openLiveCheck(rendered);
    await fillAccount(rendered, dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    const { taskId } = lastRequest(rendered);
    act(() => {
      host.progress({ taskId, task: 'pop3', phase: 'Receiving UIDL', done: 1200, total: null });
      // Another task's progress is not this check's.
      host.progress({ taskId: 'other', task: 'pop3', phase: 'Receiving UIDL', done: 9, total: 9 });
    });
    const progress = within(dialog).getByRole('status');
    expect(progress.textContent).toContain('Receiving UIDL: 1,200 UIDs received');
    const fields = () => within(dialog).getByLabelText('Host').closest('fieldset')!;
    expect(fields().disabled).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Cancel check' }));
    expect(host.cancelTask).toHaveBeenCalledWith(taskId);
    await act(async () =>
      finish({ status: 'failed', code: 'canceled', message: 'The live check was cancelled.' }),
    );
    expect(within(dialog).getByRole('alert').textContent).toBe('The live check was cancelled.');
    expect(within(dialog).queryByRole('status')).toBeNull();
    expect(fields().disabled).toBe(false);
    // Cancel check went away with the check: the keyboard is back on Check, for another try.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Check' }));
  });

  it('offers remembered accounts, fills the form from one, and forgets it', async () => {
    const rendered = renderApp({ network: true });
    const { user, host } = rendered;
    vi.mocked(host.listPop3Accounts).mockResolvedValue([
      {
        host: 'mail.test',
        port: 1110,
        security: 'stls',
        user: 'ann',
        hasRememberedPassword: true,
      },
    ]);
    host.pop3Result = LISTED;
    const dialog = await openLiveCheck(rendered);
    const account = await within(dialog).findByLabelText('Remembered account');
    await user.selectOptions(account, 'ann@mail.test:1110');
    expect((within(dialog).getByLabelText('Host') as HTMLInputElement).value).toBe('mail.test');
    expect(port(dialog)).toBe('1110');
    expect(within(dialog).getByRole('radio', { name: /^STLS/ })).toHaveProperty('checked', true);
    expect(within(dialog).getByText('Leave empty to use the remembered password.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(lastRequest(rendered)).toMatchObject({
      host: 'mail.test',
      port: 1110,
      security: 'stls',
      user: 'ann',
      password: null,
    });

    await user.click(
      within(screen.getByRole('region', { name: 'Comparison' })).getByRole('button', {
        name: 'Live check…',
      }),
    );
    const again = screen.getByRole('dialog', { name: 'Live check' });
    await user.selectOptions(
      await within(again).findByLabelText('Remembered account'),
      'ann@mail.test:1110',
    );
    await user.click(within(again).getByRole('button', { name: 'Forget account' }));
    expect(host.forgetPop3Account).toHaveBeenCalledWith('mail.test', 1110, 'ann');
    expect(within(again).queryByLabelText('Remembered account')).toBeNull();
  });
});

describe('remembered accounts and the port', () => {
  const ACCOUNTS = [
    { host: 'mail.test', port: 995, security: 'tls', user: 'ann', hasRememberedPassword: false },
    { host: 'pop.test', port: 2110, security: 'stls', user: 'bob', hasRememberedPassword: true },
  ] as const;

  it('follows the security with the port of an account on its default port, until one is typed', async () => {
    const rendered = renderApp({ network: true });
    const { user, host } = rendered;
    vi.mocked(host.listPop3Accounts).mockResolvedValue(ACCOUNTS);
    const dialog = await openLiveCheck(rendered);
    await user.selectOptions(
      await within(dialog).findByLabelText('Remembered account'),
      'ann@mail.test:995',
    );
    expect(within(dialog).getByRole('checkbox', { name: /^Remember password/ })).toHaveProperty(
      'checked',
      false,
    );
    await user.click(within(dialog).getByRole('radio', { name: /^STLS/ }));
    expect(port(dialog)).toBe('110');
    await user.click(within(dialog).getByRole('radio', { name: /^Implicit TLS/ }));
    expect(port(dialog)).toBe('995');
    await user.clear(within(dialog).getByLabelText('Port'));
    await user.type(within(dialog).getByLabelText('Port'), '10995');
    await user.click(within(dialog).getByRole('radio', { name: /^STLS/ }));
    expect(port(dialog)).toBe('10995');
  });

  it('keeps an account’s own port whatever the security, and asks for the password once it changes', async () => {
    const rendered = renderApp({ network: true });
    const { user, host } = rendered;
    vi.mocked(host.listPop3Accounts).mockResolvedValue(ACCOUNTS);
    host.pop3Result = LISTED;
    const dialog = await openLiveCheck(rendered);
    await user.selectOptions(
      await within(dialog).findByLabelText('Remembered account'),
      'bob@pop.test:2110',
    );
    expect((within(dialog).getByLabelText('User') as HTMLInputElement).value).toBe('bob');
    expect(within(dialog).getByRole('checkbox', { name: /^Remember password/ })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(dialog).getByLabelText('Password').getAttribute('placeholder')).toBe(
      'Remembered',
    );
    await user.click(within(dialog).getByRole('radio', { name: /^Implicit TLS/ }));
    expect(port(dialog)).toBe('2110');
    // Same host, port and user: the remembered password still applies.
    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(lastRequest(rendered)).toMatchObject({
      host: 'pop.test',
      port: 2110,
      security: 'tls',
      user: 'bob',
      password: null,
    });

    // Another account's user: the remembered password is not sent for it.
    await user.click(
      within(screen.getByRole('region', { name: 'Comparison' })).getByRole('button', {
        name: 'Live check…',
      }),
    );
    const again = screen.getByRole('dialog', { name: 'Live check' });
    await user.selectOptions(
      await within(again).findByLabelText('Remembered account'),
      'bob@pop.test:2110',
    );
    await user.type(within(again).getByLabelText('User'), '2');
    await user.click(within(again).getByRole('button', { name: 'Check' }));
    expect(within(again).getByText('Enter the password.')).toBeTruthy();
    expect(host.pop3Check).toHaveBeenCalledTimes(1);
  });
});

describe('live check in the browser edition', () => {
  it('explains that it is the desktop app’s and offers pasting instead', async () => {
    const rendered = renderApp({ network: false });
    const { user, host } = rendered;
    const dialog = await openLiveCheck(rendered);
    expect(dialog.textContent).toContain(
      'The live check needs the desktop app: a browser page cannot open a connection',
    );
    expect(within(dialog).queryByLabelText('Host')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Paste a listing instead' }));
    expect(screen.getByRole('dialog', { name: 'Server listing' })).toBeTruthy();
    expect(host.pop3Check).not.toHaveBeenCalled();
  });
});
