/**
 * The Export dialog's account fields for another client's state file: the POP3 host and user
 * the file is written for (required where the format holds them; filled in only from the
 * opened state file's own account, never guessed) and the line breaks.
 */
import { useId, useState } from 'react';
import { CLIENT_STATE_NEEDS } from '@shared/export/client-state.js';
import type { ClientStateFormat } from '@shared/input/client-state/types.js';
import type { ClientStateSource } from '@shared/input/types.js';
import type { ExportChoice } from '../state/export/export-formats';

type LineBreak = '\n' | '\r\n';

export interface ClientStateFieldValues {
  readonly host: string;
  readonly user: string;
  readonly lineBreak: LineBreak;
  setHost(value: string): void;
  setUser(value: string): void;
  setLineBreak(value: LineBreak): void;
  /** The parts the format needs that are still empty. */
  missing(format: ClientStateFormat): ('host' | 'user')[];
  choice(format: ClientStateFormat): Pick<ExportChoice, 'host' | 'user' | 'lineBreak'>;
}

function platformLineBreak(): LineBreak {
  return typeof navigator !== 'undefined' && /Windows/.test(navigator.userAgent) ? '\r\n' : '\n';
}

export function useClientStateFields(source: ClientStateSource | null): ClientStateFieldValues {
  const [host, setHost] = useState(source?.host ?? '');
  const [user, setUser] = useState(source?.user ?? '');
  const [lineBreak, setLineBreak] = useState<LineBreak>(source?.lineBreak ?? platformLineBreak());
  const value = { host: host.trim(), user: user.trim() };
  return {
    host,
    user,
    lineBreak,
    setHost,
    setUser,
    setLineBreak,
    missing: (format) => CLIENT_STATE_NEEDS[format].filter((part) => value[part] === ''),
    choice: (format) => ({
      lineBreak,
      ...(CLIENT_STATE_NEEDS[format].includes('host') ? { host: value.host } : {}),
      ...(CLIENT_STATE_NEEDS[format].includes('user') ? { user: value.user } : {}),
    }),
  };
}

export function ClientStateFields({
  format,
  fields,
}: {
  readonly format: ClientStateFormat;
  readonly fields: ClientStateFieldValues;
}) {
  const hintId = useId();
  const needs = CLIENT_STATE_NEEDS[format];
  const missing = fields.missing(format);
  return (
    <fieldset>
      <legend>Account</legend>
      {needs.includes('host') && (
        <label className="field">
          <span>POP3 server</span>
          <input
            type="text"
            value={fields.host}
            onChange={(event) => fields.setHost(event.target.value)}
            placeholder="pop.example.com"
            aria-describedby={hintId}
            spellCheck={false}
          />
        </label>
      )}
      {needs.includes('user') && (
        <label className="field">
          <span>POP3 user name</span>
          <input
            type="text"
            value={fields.user}
            onChange={(event) => fields.setUser(event.target.value)}
            placeholder="joe@example.com"
            aria-describedby={hintId}
            spellCheck={false}
          />
        </label>
      )}
      <label className="field">
        <span>Line breaks</span>
        <select
          value={fields.lineBreak === '\r\n' ? 'crlf' : 'lf'}
          onChange={(event) => fields.setLineBreak(event.target.value === 'crlf' ? '\r\n' : '\n')}
        >
          <option value="crlf">Windows (CRLF)</option>
          <option value="lf">macOS, Linux (LF)</option>
        </select>
      </label>
      <p id={hintId} className={missing.length > 0 ? 'field-error' : 'field-hint'} role="status">
        {missing.length > 0
          ? `Give the ${missing.map((part) => (part === 'host' ? 'POP3 server' : 'POP3 user name')).join(' and ')} as the other client's account settings show ${missing.length > 1 ? 'them' : 'it'}: nothing is guessed.`
          : "Entries marked '-' (deleted) are left out: the other client keeps only what it downloaded. Thunderbird on Windows reads only CRLF lines."}
      </p>
    </fieldset>
  );
}
