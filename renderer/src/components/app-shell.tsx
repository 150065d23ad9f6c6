import { useState } from 'react';

import { useSession } from '../bridge/session-context.js';
import { useToast } from '../hooks/toast-context.js';
import { useConnection } from '../hooks/use-connection.js';
import { useDropController } from '../hooks/use-drop-controller.js';
import { useNotices } from '../hooks/use-notices.js';
import type { TransferFilter } from '../model/transfer-filter.js';
import type { Preferences } from '../hooks/use-preferences.js';
import { useSnapshot } from '../hooks/use-snapshot.js';
import { useTransfers } from '../hooks/use-transfers.js';
import { ConnectionBanner } from './connection-banner.js';
import { CredentialBanner } from './credential-banner.js';
import { DropOverlay } from './drop-overlay.js';
import { DropProgress } from './drop-progress.js';
import { FolderChooserDialog } from './folder-chooser-dialog.js';
import { NavTabs, type ViewId } from './nav-tabs.js';
import { TopBar } from './top-bar.js';
import { UploadChooserContext } from './upload-files-button.js';
import { ViewPanel } from './view-panel.js';

/** The window: banners, top bar, tabs, the current view, and drag-and-drop around it all. */
export function AppShell({ preferences }: { readonly preferences: Preferences }) {
  const { bridge, connection } = useSession();
  const toast = useToast();
  const status = useConnection(connection);
  const { snapshot, error } = useSnapshot(bridge, status.generation);
  const transfers = useTransfers(bridge, status.generation);
  const [view, setView] = useState<ViewId>('folders');
  // Here, not in the Transfers view: a folder card's "1 upload failed" opens it on "Failed".
  const [transferFilter, setTransferFilter] = useState<TransferFilter>('all');
  const folders = snapshot?.folders ?? [];
  const drops = useDropController(folders);
  useNotices(bridge, toast);

  return (
    <UploadChooserContext.Provider value={drops.uploadChosen}>
      <div className="app">
        <ConnectionBanner status={status} />
        <TopBar snapshot={snapshot} connected={status.state === 'open'} />
        <NavTabs
          current={view}
          onSelect={setView}
          badges={{
            transfers: snapshot?.totals.failed ?? 0,
            credentials: snapshot?.profiles.filter((p) => p.status.state === 'failing').length ?? 0,
          }}
        />
        {snapshot && (
          <CredentialBanner profiles={snapshot.profiles} onShow={() => setView('credentials')} />
        )}
        <main
          className="view"
          id={`panel-${view}`}
          role="tabpanel"
          aria-labelledby={`tab-${view}`}
          tabIndex={-1}
        >
          <ViewPanel
            view={view}
            snapshot={snapshot}
            snapshotError={error}
            transfers={transfers}
            preferences={preferences}
            onDrop={drops.dropOnFolder}
            onNavigate={setView}
            transferFilter={transferFilter}
            onTransferFilter={setTransferFilter}
          />
        </main>
        {drops.dragging && <DropOverlay folderCount={folders.length} />}
        {drops.progress && <DropProgress progress={drops.progress} />}
        {drops.choosing && (
          <FolderChooserDialog
            folders={folders}
            itemCount={Math.max(
              drops.choosing.files.length,
              drops.choosing.entries.length,
              drops.choosing.paths?.length ?? 0,
            )}
            onChoose={drops.choose}
            onCancel={drops.cancelChoice}
          />
        )}
      </div>
    </UploadChooserContext.Provider>
  );
}
