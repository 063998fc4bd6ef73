/**
 * The page's own shortcuts, for hosts without native menus (the browser). On the desktop the
 * menus' accelerators send the same commands through host.onCommand, so binding them here
 * too would run each twice. Grid navigation is the grid's own, on every host.
 */
import { useEffect } from 'react';
import { useServices } from '../app-context';
import { isTextField } from './keyboard';
import { handleHostCommand } from './useHostIntegration';
import type { HostCommand } from '@shared/host/contract.js';

/** The command for a key press, or null. */
function shortcutCommand(event: KeyboardEvent): HostCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  switch (event.key.toLowerCase()) {
    case 'o':
      return { type: 'open' };
    case 's':
      return { type: event.shiftKey ? 'save-as' : 'save' };
    case 'e':
      return { type: 'export' };
    case 'z':
      return { type: event.shiftKey ? 'redo' : 'undo' };
    case 'y':
      return { type: 'redo' };
    case 'f':
      return { type: 'find' };
    case 'l':
      // Ctrl+L alone is the browser's address bar.
      return event.shiftKey ? { type: 'compare' } : null;
    case 'h':
      // Ctrl+H alone is the browser's history.
      return event.shiftKey ? { type: 'compare-history' } : null;
    default:
      return null;
  }
}

export function useShortcuts(): void {
  const services = useServices();
  const nativeMenus = services.host.capabilities.nativeMenus;
  useEffect(() => {
    if (nativeMenus) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      const command = shortcutCommand(event);
      if (!command) return;
      const ui = services.ui.getState();
      // A modal dialog owns the keyboard.
      if (ui.dialog !== null || ui.question !== null) return;
      // In a text field, undo and redo edit the text: leave them to the browser.
      if ((command.type === 'undo' || command.type === 'redo') && isTextFieldTarget(event)) return;
      event.preventDefault();
      handleHostCommand(services, command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [services, nativeMenus]);
}

function isTextFieldTarget(event: KeyboardEvent): boolean {
  const target = event.target instanceof Element ? event.target : document.activeElement;
  return isTextField(target);
}
