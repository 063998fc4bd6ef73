/**
 * A modal dialog: labelled by its title, focus moved in on open and back on close, Escape
 * closes it, Tab stays inside. The page behind it is made inert by the workspace while open.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Extra class for sizing (dialog--wide). */
  readonly className?: string;
  /** Id of an element describing the dialog. */
  readonly describedBy?: string;
}

/**
 * Where focus goes back to when a dialog that replaced another one closes. A dialog that opens
 * another (Live check's "Paste a listing instead") cannot give focus back while the page is
 * still inert behind the next one, so it hands its element over instead.
 */
let handedOver: HTMLElement | null = null;

export function Dialog({ title, onClose, children, className, describedBy }: DialogProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const active = document.activeElement;
    const previous =
      active instanceof HTMLElement && active !== document.body && active.isConnected
        ? active
        : handedOver;
    handedOver = null;
    const dialog = dialogRef.current;
    const first =
      dialog?.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? dialog)?.focus();
    return () => {
      if (!previous?.isConnected) return;
      previous.focus();
      if (document.activeElement === previous) return;
      // Still inert: another dialog is taking this one's place in the same update.
      handedOver = previous;
      queueMicrotask(() => {
        if (handedOver === previous) handedOver = null;
      });
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        className={`dialog ${className ?? ''}`}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

export interface FormDialogFooterProps {
  /** Why the last submit was refused, shown as an alert above the buttons. */
  readonly error: string | null;
  readonly submitLabel: string;
  readonly submitDisabled: boolean;
  /** Destructive submits (deleting entries) are styled as such. */
  readonly danger?: boolean;
  readonly onCancel: () => void;
}

/** The end of a form dialog: the refusal, if any, then Cancel and the submit button. */
export function FormDialogFooter({
  error,
  submitLabel,
  submitDisabled,
  danger = false,
  onCancel,
}: FormDialogFooterProps) {
  return (
    <>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className={danger ? 'button--danger' : 'button--primary'}
          disabled={submitDisabled}
        >
          {submitLabel}
        </button>
      </div>
    </>
  );
}
