import { describe, expect, it, vi } from 'vitest';
import {
  changedOnDiskPromptOptions,
  closePromptOptions,
  OVERWRITE_BUTTON,
  decideClose,
  windowTitle,
} from '../../../electron/main/document-window.js';

describe('windowTitle', () => {
  it('names the document and marks unsaved changes', () => {
    expect(windowTitle({ title: 'history.bin', dirty: false }, 'UIDL Studio')).toBe(
      'history.bin — UIDL Studio',
    );
    expect(windowTitle({ title: 'history.bin', dirty: true }, 'UIDL Studio')).toBe(
      '• history.bin — UIDL Studio',
    );
  });

  it('is the app name without a document', () => {
    expect(windowTitle(null, 'UIDL Studio')).toBe('UIDL Studio');
    expect(windowTitle({ title: '  ', dirty: true }, 'UIDL Studio')).toBe('UIDL Studio');
  });
});

describe('decideClose', () => {
  it('closes a clean window without asking', () => {
    const ask = vi.fn(() => 2);
    expect(decideClose(false, ask)).toBe('close');
    expect(ask).not.toHaveBeenCalled();
  });

  it('maps Save, Don’t Save and Cancel (or Escape) to save, close and stay', () => {
    expect(decideClose(true, () => 0)).toBe('save');
    expect(decideClose(true, () => 1)).toBe('close');
    expect(decideClose(true, () => 2)).toBe('stay');
    expect(decideClose(true, () => -1)).toBe('stay');
  });

  it('asks with the document’s name, Save as the default and Cancel on Escape', () => {
    const options = closePromptOptions({ title: 'h.bin', dirty: true });
    expect(options.message).toBe('Save the changes to h.bin before closing?');
    expect(options.buttons[options.defaultId]).toBe('Save');
    expect(options.buttons[options.cancelId]).toBe('Cancel');
    expect(closePromptOptions(null).message).toBe(
      'Save the changes to this document before closing?',
    );
  });
});

describe('changedOnDiskPromptOptions', () => {
  it('names the file, defaults to Cancel and says where the disk version goes', () => {
    const options = changedOnDiskPromptOptions({ name: 'h.bin', path: '/data/h.bin' });
    expect(options.buttons[OVERWRITE_BUTTON]).toBe('Overwrite');
    expect(options.buttons[options.defaultId]).toBe('Cancel');
    expect(options.cancelId).toBe(options.defaultId);
    expect(options.message).toBe('h.bin was changed by another program since it was opened.');
    expect(options.detail).toBe(
      'Overwrite /data/h.bin with this document? The version now on disk is kept as a backup ' +
        'beside it (h.bin.bak, or the next free h.bin.N.bak).',
    );
  });
});
