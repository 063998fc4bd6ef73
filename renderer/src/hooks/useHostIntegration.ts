/**
 * Everything between the page and its host apart from explicit commands: settings loaded at
 * start, the window's title and unsaved flag kept current, and the host's menu commands.
 */
import { useEffect } from 'react';
import type { HostCommand } from '@shared/host/contract.js';
import { useServices, useWorkspace } from '../app-context';
import { dirtyOf } from '../state/stores/workspace-store';
import type { AppServices } from '../app-context';
import { focusUidFilter, isTextField } from './keyboard';

export function useSettings(): void {
  const { host, ui, workspace } = useServices();
  useEffect(() => {
    let live = true;
    host
      .getSettings()
      .then((settings) => {
        if (!live) return;
        ui.getState().actions.setTheme(settings.theme);
        workspace.getState().actions.setTimeZone(settings.timeZone);
        ui.getState().actions.setOpenReadOnly(settings.openReadOnly);
      })
      .catch(() => {
        // Defaults stay; settings are a convenience.
      });
    return () => {
      live = false;
    };
  }, [host, ui, workspace]);
}

export function useDocumentState(): void {
  const { host } = useServices();
  const title = useWorkspace((state) => state.session?.source.name ?? '');
  const dirty = useWorkspace(dirtyOf);
  useEffect(() => {
    host.setDocumentState({ title, dirty });
  }, [host, title, dirty]);
}

/** Undo and redo from a menu act on the text field being typed in, if any. */
function undoOrRedo(services: AppServices, which: 'undo' | 'redo'): void {
  if (isTextField(document.activeElement)) {
    document.execCommand(which);
    return;
  }
  if (which === 'undo') services.commands.undo();
  else services.commands.redo();
}

export function handleHostCommand(services: AppServices, command: HostCommand): void {
  const { commands, workspace, ui } = services;
  const uiActions = ui.getState().actions;
  const hasDocument = workspace.getState().session !== null;
  switch (command.type) {
    case 'open':
      void commands.openWithDialog();
      break;
    case 'save':
      if (hasDocument) void commands.save();
      break;
    case 'save-as':
      if (hasDocument) void commands.saveAs();
      break;
    case 'export':
      if (hasDocument) uiActions.openDialog({ name: 'export' });
      break;
    case 'close':
      void commands.close();
      break;
    case 'undo':
    case 'redo':
      undoOrRedo(services, command.type);
      break;
    case 'find':
      focusUidFilter();
      break;
    case 'paste-dump':
      uiActions.openDialog({ name: 'paste' });
      break;
    case 'compare':
    case 'live-check':
      commands.comparison.fromMenu(command.type);
      break;
    case 'compare-history':
      if (hasDocument) void commands.historyDiff.pickOtherHistory();
      break;
    case 'export-report':
      if (hasDocument) void commands.report.exportReport();
      break;
    case 'opened':
      void commands.openHostFile(command.file);
      break;
    case 'open-failed':
      uiActions.notify('error', command.failure.message);
      break;
  }
}

export function useHostCommands(): void {
  const services = useServices();
  useEffect(
    () => services.host.onCommand((command) => handleHostCommand(services, command)),
    [services],
  );
}
