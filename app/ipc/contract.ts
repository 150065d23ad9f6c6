import { z } from 'zod';

import type { ConfigIssue } from './config-issue-view.js';
import type { ErrorParams } from '../errors/sync-error.js';
import type { ConfigView, Notice, TransferView, UiSnapshot } from './views.js';

/**
 * The one contract between the UI and the engine (DESIGN.md §5). Electron's IPC
 * (`main/electron/ipc.ts`) and the WebSocket bridge of `ferry serve` both implement it; the
 * renderer calls it through a `FerryBridge` and cannot tell which. Request channels are named
 * `domain:verb-noun`; every argument is validated by the schema here before a handler sees it,
 * because the renderer is not trusted (a compromised page must not reach the engine with
 * arguments we did not expect).
 */

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be a folder or profile id');

export const requestSchemas = {
  'app:get-snapshot': z.strictObject({}),
  'transfers:list': z.strictObject({}),
  'transfers:retry': z.strictObject({
    /** The failed transfers to run again; absent: every failed one. */
    transferIds: z.array(z.number().int().positive()).max(10_000).optional(),
  }),
  'folders:pause': z.strictObject({ folderId: id.optional() }),
  'folders:resume': z.strictObject({ folderId: id.optional() }),
  'folders:sync-now': z.strictObject({ folderId: id.optional() }),
  'folders:confirm-deletes': z.strictObject({ folderId: id }),
  'folders:open': z.strictObject({ folderId: id }),
  'credentials:refresh': z.strictObject({ profileId: id }),
  'secrets:set': z.strictObject({
    profileId: id,
    /** Written to the keychain and forgotten; never sent back. */
    secret: z.string().min(1).max(8_192),
  }),
  'secrets:delete': z.strictObject({ profileId: id }),
  'uploads:add-paths': z.strictObject({
    folderId: id,
    /** Absolute local paths of dropped files or folders (desktop only: a browser has none). */
    paths: z.array(z.string().min(1).max(4_096)).min(1).max(10_000),
    /** Put them under this sub-prefix of the folder's prefix ("" or "a/b/"). */
    subPrefix: z.string().max(512).default(''),
  }),
  'config:get': z.strictObject({}),
  /** The whole document; main validates it with the config schema before writing anything. */
  'config:save': z.strictObject({ document: z.unknown() }),
  'settings:set-start-at-login': z.strictObject({ enabled: z.boolean() }),
  /** Desktop only: the system's open dialog for files to upload (the keyboard's way to drop). */
  'dialog:pick-files': z.strictObject({}),
  /** Desktop only: the system's open dialog for a folder to sync. */
  'dialog:pick-folder': z.strictObject({}),
  /** Existing directories under the parent of an absolute typed path (the browser's picker). */
  'fs:complete-directory': z.strictObject({ prefix: z.string().min(1).max(4_096) }),
} as const;

export type RequestChannel = keyof typeof requestSchemas;

/** What the renderer passes (defaults may be omitted). */
export type RequestArgs<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]>;
/** What a handler receives (validated, defaults applied). */
export type ValidatedArgs<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]>;

export interface RequestResults {
  'app:get-snapshot': UiSnapshot;
  'transfers:list': TransferView[];
  'transfers:retry': { readonly retried: number };
  'folders:pause': null;
  'folders:resume': null;
  'folders:sync-now': null;
  'folders:confirm-deletes': null;
  'folders:open': null;
  'credentials:refresh': { readonly expiresAt: number | null };
  'secrets:set': null;
  'secrets:delete': { readonly deleted: boolean };
  'uploads:add-paths': { readonly queued: number; readonly skipped: readonly string[] };
  'config:get': ConfigView;
  'config:save': { readonly path: string };
  'settings:set-start-at-login': null;
  /** Absolute paths; empty when the user cancelled. */
  'dialog:pick-files': { readonly paths: readonly string[] };
  /** null when the user cancelled. */
  'dialog:pick-folder': { readonly path: string | null };
  /** Absolute directory paths (ending without a separator), sorted, at most a screenful. */
  'fs:complete-directory': { readonly directories: readonly string[] };
}

export type RequestResult<C extends RequestChannel> = RequestResults[C];

/** Main → UI. Transfers come in batches (a first upload of 20,000 files must not flood IPC). */
export interface PushPayloads {
  'snapshot:changed': UiSnapshot;
  'transfers:changed': { readonly upserts: readonly TransferView[] };
  notice: Notice;
}

export type PushChannel = keyof PushPayloads;

export const pushChannels: readonly PushChannel[] = [
  'snapshot:changed',
  'transfers:changed',
  'notice',
];

/** Every request channel, for the preload and the bridges to enumerate. */
export const requestChannels = Object.keys(requestSchemas) as RequestChannel[];

/** A failed request as it crosses the bridge: the SyncError's code, message and hint. */
export interface BridgeErrorShape {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /** What the UI's text for the code fills in (SyncError params; issue 13). */
  readonly params?: ErrorParams;
  /** config-invalid from a parse: every problem with its own code (app/config/config-issue.ts). */
  readonly issues?: readonly ConfigIssue[];
}

/** How the UI calls the engine; the preload and the WebSocket client both implement it. */
export interface FerryBridge {
  invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>>;
  on<P extends PushChannel>(channel: P, listener: (payload: PushPayloads[P]) => void): () => void;
}

/** The engine side: one handler per request channel, given validated arguments. */
export type RequestHandlers = {
  readonly [C in RequestChannel]: (args: ValidatedArgs<C>) => Promise<RequestResult<C>>;
};

/** One push, tagged with its channel (how hosts forward pushes without a generic listener). */
export type PushMessage = {
  readonly [P in PushChannel]: { readonly channel: P; readonly payload: PushPayloads[P] };
}[PushChannel];

/**
 * The engine as a UI host sees it (`main/ui-host/`): the request handlers and the push feed.
 * Electron's IPC and `ferry serve` are two thin transports over the same host.
 */
export interface UiHost {
  readonly handlers: RequestHandlers;
  onPush(listener: (message: PushMessage) => void): () => void;
}
