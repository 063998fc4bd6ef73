/**
 * Export report…: the forensic report (shared/report) of the open document, written through
 * the host like any export (a download in the browser edition, a save dialog on the desktop).
 * It describes the input as opened: edits made since are not evidence and are left out. For a
 * history read from a container, the versions the chooser's search found in that container
 * are listed, with the diffs between each account's consecutive versions.
 */
import { parse } from '@shared/codec/parse.js';
import type { UidlDocument } from '@shared/codec/types.js';
import { renderReport } from '@shared/report/render.js';
import { versionDiffsByAccount } from '@shared/report/version-diffs.js';
import type { VersionsReport } from '@shared/versions/types.js';
import { reportHistory } from '@shared/report/report-history.js';
import type { ReportInput, ReportVersionDiff } from '@shared/report/types.js';
import type { HostApi } from '@shared/host/contract.js';
import type { ContainerSessionStore, FoundVersions } from '../state/containers/container-session';
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
  versions: { readonly report: VersionsReport; readonly diffs: ReportVersionDiff[] } | null = null,
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
    versions: versions?.report ?? null,
    versionDiffs: versions?.diffs ?? [],
  };
}

/**
 * The versions a search found in the container, as the report lists them, and the diffs of
 * each account's consecutive versions (each version's bytes fetched from the host).
 */
async function containerVersions(
  host: HostApi,
  session: Session,
  found: FoundVersions,
  kind: VersionsReport['container'],
): Promise<{ report: VersionsReport; diffs: ReportVersionDiff[] }> {
  const documents = new Map<number, UidlDocument>();
  for (const version of found.result.versions) {
    if (version.truncated) continue;
    const opened = await host.openContainerVersion(found.containerId, version.number);
    if (opened.status === 'opened') documents.set(version.number, parse(opened.bytes));
  }
  const { source } = session;
  return {
    report: {
      schema: 'uidl-studio/versions@1',
      input: {
        path: source.path ?? source.name,
        bytes: source.inputBytes.length,
        sha256: source.inputSha256,
      },
      container: kind,
      versions: found.result.versions,
      findings: found.result.findings,
      timeline: found.result.timeline,
    },
    diffs: versionDiffsByAccount(found.result.versions, (number) => documents.get(number) ?? null),
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
      const { origin, versions: found } = deps.containerSession.getState();
      const versions =
        origin !== null && found !== null && found.containerId === origin.containerId
          ? await containerVersions(host, session, found, origin.kind)
          : null;
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
          versions,
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
