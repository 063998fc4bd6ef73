/**
 * Messages for the user: errors stay until dismissed and are announced at once (role="alert");
 * confirmations fade after a few seconds. Also the screen-reader-only announcements.
 */
import { useEffect } from 'react';
import { useUi } from '../app-context';
import type { Notice } from '../state/stores/ui-store';

const INFO_LIFETIME_MS = 6000;

function NoticeItem({ notice }: { notice: Notice }) {
  const dismiss = useUi((state) => state.actions.dismiss);
  useEffect(() => {
    if (notice.kind !== 'info') return;
    const timer = window.setTimeout(() => dismiss(notice.id), INFO_LIFETIME_MS);
    return () => window.clearTimeout(timer);
  }, [notice, dismiss]);
  return (
    <div
      className={`notice notice--${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : undefined}
    >
      <span className="notice__message">{notice.message}</span>
      <button
        type="button"
        className="button--quiet"
        onClick={() => dismiss(notice.id)}
        aria-label="Dismiss message"
      >
        ×
      </button>
    </div>
  );
}

export function Notices() {
  const notices = useUi((state) => state.notices);
  const busy = useUi((state) => state.busy);
  return (
    <div className="notices" aria-live="polite">
      {busy && <div className="notice notice--busy">{busy}</div>}
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </div>
  );
}

export function Announcer() {
  const announcement = useUi((state) => state.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement}
    </div>
  );
}
