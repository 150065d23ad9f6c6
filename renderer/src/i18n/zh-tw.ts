import type { Messages } from './messages.js';
import { zhTWShell } from './zh-tw/shell.js';
import { zhTWFolders } from './zh-tw/folders.js';
import { zhTWTransfers } from './zh-tw/transfers.js';
import { zhTWCredentials } from './zh-tw/credentials.js';
import { zhTWSettings } from './zh-tw/settings.js';

/** 繁體中文（臺灣用語）. Chinese has no plural forms: `_one` and `_other` read the same. */
export const zhTW: Messages = {
  ...zhTWShell,
  ...zhTWFolders,
  ...zhTWTransfers,
  ...zhTWCredentials,
  ...zhTWSettings,
};
