/**
 * The analyst's workspace: toolbar, summary, filters, the entries table beside the hex view,
 * findings and timeline below. Dialogs render outside the workspace, which is made inert while
 * one is open so that keyboard, pointer and screen reader stay in the dialog.
 */
import { Fragment, useState } from 'react';
import type { HostApi } from '@shared/host/contract.js';
import {
  AppContext,
  createServices,
  useComparison,
  useHistoryDiff,
  useUi,
  useWorkspace,
  type AppServices,
} from './app-context';
import { CompareView } from './components/CompareView';
import { ConfirmDialog } from './components/ConfirmDialog';
import { DiagnosticsPanel } from './components/DiagnosticsPanel';
import { Dialogs } from './components/Dialogs';
import { EmptyState } from './components/EmptyState';
import { EntriesGrid } from './components/EntriesGrid';
import { FilterBar } from './components/FilterBar';
import { HexView } from './components/HexView';
import { HistoryDiffView } from './components/HistoryDiffView';
import { Announcer, Notices } from './components/Notices';
import { SummaryBar } from './components/SummaryBar';
import { TimelinePanel } from './components/TimelinePanel';
import { Toolbar } from './components/Toolbar';
import { useDropToOpen } from './hooks/useDropToOpen';
import { useDocumentState, useHostCommands, useSettings } from './hooks/useHostIntegration';
import { useShortcuts } from './hooks/useShortcuts';
import { useApplyTheme } from './hooks/useTheme';
import './styles/app.css';

function Workspace() {
  useSettings();
  useApplyTheme();
  useDocumentState();
  useHostCommands();
  useShortcuts();
  useDropToOpen();
  const hasDocument = useWorkspace((state) => state.session !== null);
  const generation = useWorkspace((state) => state.generation);
  const modal = useUi((state) => state.dialog !== null || state.question !== null);
  const dragging = useUi((state) => state.dragging);
  const comparing = useComparison((state) => state.open);
  const diffing = useHistoryDiff((state) => state.open);

  return (
    <>
      <div className="app" inert={modal} aria-hidden={modal ? true : undefined}>
        <Toolbar />
        {hasDocument ? (
          <Fragment key={generation}>
            <SummaryBar />
            <FilterBar />
            <main className="workspace">
              <section className="entries" aria-labelledby="entries-title">
                <h2 id="entries-title" className="visually-hidden">
                  Entries
                </h2>
                <EntriesGrid />
              </section>
              <HexView />
            </main>
            {/* The Compare view takes the findings' and timeline's place while it is open. */}
            {/* So does the diff with another history, which was asked for last. */}
            {diffing ? (
              <HistoryDiffView />
            ) : comparing ? (
              <CompareView />
            ) : (
              <div className="panels">
                <DiagnosticsPanel />
                <TimelinePanel />
              </div>
            )}
          </Fragment>
        ) : (
          <main className="workspace workspace--empty">
            <EmptyState />
          </main>
        )}
      </div>
      <Dialogs />
      <ConfirmDialog />
      <Notices />
      <Announcer />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop the file to open it</p>
        </div>
      )}
    </>
  );
}

export interface AppProps {
  readonly host: HostApi;
  /** Stores and commands made beforehand (tests inspect them); made from `host` otherwise. */
  readonly services?: AppServices;
}

export function App({ host, services: given }: AppProps) {
  const [services] = useState(() => given ?? createServices(host));
  return (
    <AppContext.Provider value={services}>
      <Workspace />
    </AppContext.Provider>
  );
}
