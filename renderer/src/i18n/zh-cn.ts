import type { Messages } from './messages.js';
import { zhCNShell } from './zh-cn/shell.js';
import { zhCNFolders } from './zh-cn/folders.js';
import { zhCNTransfers } from './zh-cn/transfers.js';
import { zhCNCredentials } from './zh-cn/credentials.js';
import { zhCNSettings } from './zh-cn/settings.js';

/** 简体中文. Chinese has no plural forms: `_one` and `_other` read the same. */
export const zhCN: Messages = {
  ...zhCNShell,
  ...zhCNFolders,
  ...zhCNTransfers,
  ...zhCNCredentials,
  ...zhCNSettings,
};
