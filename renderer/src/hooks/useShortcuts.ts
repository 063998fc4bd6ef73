/**
 * The page's own shortcuts, for hosts without native menus (the browser). On the desktop the
 * menus' accelerators send the same commands through host.onCommand, so binding them here
 * too would run each twice. Grid navigation is the grid's own, on every host.
 */
import { useEffect } from 'react';
import { useServices } from '../app-context';
import { focusComparison } from '../components/CompareView';
import { useComparisonStore } from '../state/comparison-store';
import { isTextField } from './keyboard';
import { handleHostCommand } from './useHostIntegration';
import type { HostCommand } from '../../../shared/host/contract.js';

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
    default:
      return null;
  }
}

/** Ctrl/Cmd+Shift+L: shows or hides the Compare view. */
function isCompareShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 'l'
  );
}

export function useShortcuts(): void {
  const services = useServices();
  const nativeMenus = services.host.capabilities.nativeMenus;
  // No menu carries Compare, so the page binds it on every host.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isCompareShortcut(event)) return;
      const ui = services.ui.getState();
      if (ui.dialog !== null || ui.question !== null) return;
      if (services.workspace.getState().session === null) return;
      event.preventDefault();
      const comparison = useComparisonStore.getState();
      comparison.toggle();
      if (!comparison.open) focusComparison();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [services]);
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
