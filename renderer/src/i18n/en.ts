import { enShell } from './en/shell.js';
import { enFolders } from './en/folders.js';
import { enTransfers } from './en/transfers.js';
import { enCredentials } from './en/credentials.js';
import { enSettings } from './en/settings.js';

/**
 * English, the reference dictionary: its keys are the `MessageKey` type, so the other
 * languages fail to compile when they miss one. `{name}` placeholders are filled by `t`;
 * `_one` / `_other` pairs are chosen by `tp` with the language's plural rules. The strings live
 * by area in en/ (one file per view); each translation has the same areas, checked key by key.
 */
export const en = {
  ...enShell,
  ...enFolders,
  ...enTransfers,
  ...enCredentials,
  ...enSettings,
} as const;
