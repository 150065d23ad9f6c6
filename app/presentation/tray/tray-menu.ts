import { credentialHealthOf } from '../../credentials/credential-health.js';
import type { FolderView, ProfileView, TransferView, UiSnapshot } from '../../ipc/views.js';
import type { TrayStrings } from './tray-strings.js';
import { trayStatus } from './tray-summary.js';

/** What a click on a tray item asks for; the Electron layer maps it to a handler call. */
export type TrayAction =
  | { readonly kind: 'open-window' }
  | { readonly kind: 'pause-all' }
  | { readonly kind: 'resume-all' }
  | { readonly kind: 'sync-now' }
  | { readonly kind: 'open-folder'; readonly folderId: string }
  | { readonly kind: 'refresh-credentials'; readonly profileId: string }
  | { readonly kind: 'quit' };

/** One tray menu entry as plain data (no Electron types), so the menu is table-testable. */
export interface TrayMenuItem {
  readonly id: string;
  readonly label: string;
  readonly enabled: boolean;
  /** Absent: a normal clickable item. */
  readonly type?: 'separator' | 'submenu';
  readonly action?: TrayAction;
  readonly submenu?: readonly TrayMenuItem[];
}

export interface TrayMenuInput {
  readonly snapshot: UiSnapshot;
  /** The last finished transfers, newest first (`mergeRecentTransfers`). */
  readonly recent: readonly TransferView[];
  readonly strings: TrayStrings;
  readonly now: number;
}

/** Labels longer than this are cut in the middle (a path's both ends are what people read). */
const LABEL_MAX_LENGTH = 60;

/**
 * The tray menu: a status line (x files, speed, failures: users want detail in the tray,
 * nextcloud/desktop #5719), the quick actions of DESIGN.md §5, and the last finished transfers.
 */
export function buildTrayMenu({ snapshot, recent, strings, now }: TrayMenuInput): TrayMenuItem[] {
  const { menu } = strings;
  const engineRunning = snapshot.configError === null && snapshot.folders.length > 0;
  return [
    { id: 'status', label: trayStatus(snapshot, strings, now), enabled: false },
    separator('separator-status'),
    { id: 'open-window', label: menu.openFerry, enabled: true, action: { kind: 'open-window' } },
    separator('separator-open'),
    snapshot.pausedAll
      ? {
          id: 'resume-all',
          label: menu.resumeAll,
          enabled: engineRunning,
          action: { kind: 'resume-all' },
        }
      : {
          id: 'pause-all',
          label: menu.pauseAll,
          enabled: engineRunning,
          action: { kind: 'pause-all' },
        },
    {
      id: 'sync-now',
      label: menu.syncNow,
      enabled: engineRunning && !snapshot.pausedAll,
      action: { kind: 'sync-now' },
    },
    separator('separator-actions'),
    submenu('open-folder', menu.openFolder, snapshot.folders.map(folderItem), menu.noFolders),
    submenu(
      'refresh-credentials',
      menu.refreshCredentials,
      snapshot.profiles.map((profile) => profileItem(profile, strings, now)),
      menu.noProfiles,
    ),
    submenu(
      'recent-transfers',
      menu.recentTransfers,
      recent.map((transfer) => transferItem(transfer, strings)),
      menu.noRecentTransfers,
    ),
    separator('separator-quit'),
    { id: 'quit', label: menu.quit, enabled: true, action: { kind: 'quit' } },
  ];
}

function folderItem(folder: FolderView): TrayMenuItem {
  return {
    id: `open-folder:${folder.id}`,
    label: middleTruncate(`${folder.id} — ${folder.path}`, LABEL_MAX_LENGTH),
    enabled: true,
    action: { kind: 'open-folder', folderId: folder.id },
  };
}

function profileItem(profile: ProfileView, strings: TrayStrings, now: number): TrayMenuItem {
  return {
    id: `refresh-credentials:${profile.id}`,
    label: `${profile.id} — ${tokenState(profile, strings, now)}`,
    // A refresh is already under way; a second click would only queue behind it.
    enabled: profile.status.state !== 'refreshing',
    action: { kind: 'refresh-credentials', profileId: profile.id },
  };
}

function tokenState(profile: ProfileView, strings: TrayStrings, now: number): string {
  const { state, expiresAt } = profile.status;
  if (state === 'refreshing') return strings.menu.refreshing;
  if (state === 'failing') return strings.menu.failing;
  if (expiresAt === null) return strings.menu.noToken;
  if (expiresAt <= now) return strings.menu.expired;
  const { nextRefreshAt } = profile.status;
  if (credentialHealthOf(profile.status, now) === 'valid' && nextRefreshAt !== null) {
    return strings.menu.renewsIn(strings.duration(Math.max(0, nextRefreshAt - now)));
  }
  return strings.menu.expiresIn(strings.duration(expiresAt - now));
}

/** "✓ docs/a.txt", "✗ big.iso — access denied". Clicking one opens the window's transfer list. */
function transferItem(transfer: TransferView, strings: TrayStrings): TrayMenuItem {
  const mark = transfer.state === 'done' ? '✓' : '✗';
  const deleted = transfer.kind === 'delete' ? ` (${strings.menu.deleted})` : '';
  const code = transfer.state === 'failed' ? transfer.error?.code : undefined;
  const reason = code ? ` — ${strings.errorReasons[code] ?? code.replaceAll('-', ' ')}` : '';
  const path = middleTruncate(transfer.relativePath, LABEL_MAX_LENGTH - 20);
  return {
    id: `transfer:${transfer.id}`,
    label: `${mark} ${path}${deleted}${reason}`,
    enabled: true,
    action: { kind: 'open-window' },
  };
}

function submenu(
  id: string,
  label: string,
  items: readonly TrayMenuItem[],
  emptyLabel: string,
): TrayMenuItem {
  const entries =
    items.length > 0 ? items : [{ id: `${id}:none`, label: emptyLabel, enabled: false }];
  return { id, label, enabled: items.length > 0, type: 'submenu', submenu: entries };
}

function separator(id: string): TrayMenuItem {
  return { id, label: '', enabled: false, type: 'separator' };
}

/** "very/long/pa…/file.txt": keeps both ends, on code point boundaries. */
export function middleTruncate(text: string, maxLength: number): string {
  const points = Array.from(text);
  if (points.length <= maxLength) return text;
  const tail = Math.floor((maxLength - 1) / 2);
  const head = maxLength - 1 - tail;
  return `${points.slice(0, head).join('')}…${points.slice(points.length - tail).join('')}`;
}
