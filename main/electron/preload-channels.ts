import type { PushChannel, RequestChannel } from '../../app/ipc/contract.js';

/**
 * The channels the preload lets through, as plain literals. The contract's own lists live next
 * to the zod schemas, and importing them would bundle zod and every schema into the sandboxed
 * preload. The compiler keeps these lists complete (`Covers` below fails with the missing
 * channel's name) and a unit test checks they equal the contract's.
 */
export const preloadRequestChannels = [
  'app:get-snapshot',
  'transfers:list',
  'transfers:retry',
  'folders:pause',
  'folders:resume',
  'folders:sync-now',
  'folders:confirm-deletes',
  'folders:open',
  'credentials:refresh',
  'secrets:set',
  'secrets:delete',
  'uploads:add-paths',
  'config:get',
  'config:save',
  'settings:set-start-at-login',
  'dialog:pick-files',
  'dialog:pick-folder',
  'fs:complete-directory',
] as const satisfies readonly RequestChannel[];

export const preloadPushChannels = [
  'snapshot:changed',
  'transfers:changed',
  'notice',
] as const satisfies readonly PushChannel[];

type Covers<Missing> = [Missing] extends [never] ? true : Missing;
type MustBeTrue<T extends true> = T;

/** Compile-time check: every request channel of the contract is listed above. */
export type AllRequestChannelsListed = MustBeTrue<
  Covers<Exclude<RequestChannel, (typeof preloadRequestChannels)[number]>>
>;
/** Compile-time check: every push channel of the contract is listed above. */
export type AllPushChannelsListed = MustBeTrue<
  Covers<Exclude<PushChannel, (typeof preloadPushChannels)[number]>>
>;
