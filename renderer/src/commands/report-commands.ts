/**
 * Export report…: the forensic report (shared/report) of the open document, written through
 * the host like any export (a download in the browser edition, a save dialog on the desktop).
 * It describes the input as opened: edits made since are not evidence and are left out.
 */
import { renderReport } from '@shared/report/render.js';
import { reportHistory } from '@shared/report/report-history.js';
import type { ReportInput } from '@shared/report/types.js';
import type { HostApi } from '@shared/host/contract.js';
import type { ContainerSessionStore } from '../state/containers/container-session';
import { baseName } from '../state/export/export-formats';
import type { Session } from '../state/input/session';
import type { UiStore } from '../state/stores/ui-store';
import { dirtyOf, type WorkspaceStore } from '../state/stores/workspace-store';
import { APP_NAME, APP_VERSION } from '../app-version';

export interface ReportCommands {
  exportReport(): Promise<void>;
}

/** The report's input for `session`, as opened. `origin` names the container it came from. */
export function sessionReportInput(
  session: Session,
  examinedAt: string,
  origin: {
    readonly kind: 'pst' | 'ost' | 'msg';
    readonly name: string;
    readonly account: string | null;
    readonly attachment: string;
  } | null,
): ReportInput {
  const { source } = session;
  return {
    tool: { name: APP_NAME, version: APP_VERSION },
    examinedAt,
    input: {
      path: source.path ?? source.name,
      bytes: source.inputBytes.length,
      sha256: source.inputSha256,
    },
    container: origin
      ? { kind: origin.kind, summary: `a history read from ${origin.name} (${origin.attachment})` }
      : { kind: 'blob', summary: `${source.format}: ${source.reason}` },
    histories: [
      reportHistory(session.original, {
        account: origin?.account ?? null,
        attachment: origin?.attachment ?? null,
        location: origin?.name ?? null,
      }),
    ],
    versions: null,
    versionDiffs: [],
  };
}

export function createReportCommands(deps: {
  readonly workspace: WorkspaceStore;
  readonly ui: UiStore;
  readonly host: HostApi;
  readonly containerSession: ContainerSessionStore;
}): ReportCommands {
  const { workspace, ui, host } = deps;
  return {
    async exportReport() {
      const state = workspace.getState();
      const session = state.session;
      const actions = ui.getState().actions;
      if (!session) {
        actions.notify('info', 'Open a history first: the report describes it.');
        return;
      }
      const origin = deps.containerSession.getState().origin;
      const html = renderReport(
        sessionReportInput(
          session,
          new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          origin
            ? {
                kind: origin.kind,
                name: origin.containerName,
                account: origin.choice.account,
                attachment: `#${origin.choice.number} ${origin.choice.attachmentName}`,
              }
            : null,
        ),
      );
      const result = await host.exportFile({
        suggestedName: `${baseName(session.source.name)}-report.html`,
        bytes: new TextEncoder().encode(html),
        mimeType: 'text/html',
        filters: [{ name: 'HTML report', extensions: ['html'] }],
        ...(session.source.fileId !== null ? { sourceFileId: session.source.fileId } : {}),
      });
      if (result.status === 'failed') actions.notify('error', result.message);
      else if (result.status === 'saved') {
        actions.notify(
          'info',
          `Wrote the report to ${result.path ?? result.name}` +
            (dirtyOf(state)
              ? '; it describes the file as opened, without your unsaved edits.'
              : '.'),
        );
      }
    },
  };
}
