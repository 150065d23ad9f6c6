import { formatSpeed as formatAnySpeed } from '../format/format-bytes.js';
import {
  formatDuration as formatAnyDuration,
  type DurationAmount,
} from '../format/format-duration.js';

/**
 * The tray's words (tooltip, menu, notification coalescing) in the languages Ferry ships:
 * English, Simplified and Traditional Chinese. Pure data and small formatters, so the summary
 * and menu builders stay testable without an OS locale.
 */

export type TrayLocale = 'en' | 'zh-CN' | 'zh-TW';

export interface TrayStrings {
  readonly locale: TrayLocale;
  readonly appName: string;
  /** Between the app name and the state in the tooltip. */
  readonly titleSeparator: string;
  /** Between the parts of one summary ("syncing 12 files, 3.4 MB/s"). */
  readonly listSeparator: string;
  readonly upToDate: string;
  readonly notSetUp: string;
  readonly configError: string;
  readonly paused: string;
  readonly syncing: string;
  readonly error: string;
  readonly syncingFiles: (count: number) => string;
  readonly failed: (count: number) => string;
  readonly waitingForCredentials: (count: number) => string;
  readonly credentialsExpireIn: (profileId: string, duration: string) => string;
  readonly credentialsExpired: (profileId: string) => string;
  readonly credentialsFailing: (profileId: string) => string;
  readonly errorInFolder: (folderId: string) => string;
  /** "4 min", "45 s", "2 h 5 min". */
  readonly duration: (milliseconds: number) => string;
  readonly menu: {
    readonly openFerry: string;
    readonly pauseAll: string;
    readonly resumeAll: string;
    readonly syncNow: string;
    readonly openFolder: string;
    readonly refreshCredentials: string;
    readonly recentTransfers: string;
    readonly noRecentTransfers: string;
    readonly noFolders: string;
    readonly noProfiles: string;
    readonly quit: string;
    /** A profile's line in "Refresh credentials ▸": its token's state. */
    readonly expiresIn: (duration: string) => string;
    /** A token that will simply be renewed (issue 12): not a warning. */
    readonly renewsIn: (duration: string) => string;
    readonly expired: string;
    readonly refreshing: string;
    readonly failing: string;
    readonly noToken: string;
    readonly deleted: string;
  };
  /** Short reasons for the recent-transfers menu, by error code; others show the code. */
  readonly errorReasons: Readonly<Record<string, string>>;
  /** Appended to a notification that stands for several ("(+2 more)"). */
  readonly more: (count: number) => string;
}

const en: TrayStrings = {
  locale: 'en',
  appName: 'Ferry',
  titleSeparator: ' — ',
  listSeparator: ', ',
  upToDate: 'up to date',
  notSetUp: 'not set up yet',
  configError: 'the configuration cannot be used',
  paused: 'paused',
  syncing: 'syncing',
  error: 'needs attention',
  syncingFiles: (n) => `syncing ${n} ${n === 1 ? 'file' : 'files'}`,
  failed: (n) => `${n} failed`,
  waitingForCredentials: (n) => `${n} waiting for credentials`,
  credentialsExpireIn: (profile, duration) => `credentials for '${profile}' expire in ${duration}`,
  credentialsExpired: (profile) => `credentials for '${profile}' expired`,
  credentialsFailing: (profile) => `credentials for '${profile}' cannot be refreshed`,
  errorInFolder: (folder) => `error in folder '${folder}'`,
  duration: (ms) => formatDuration(ms, { s: ' s', min: ' min', h: ' h', space: ' ' }),
  menu: {
    openFerry: 'Open Ferry',
    pauseAll: 'Pause all',
    resumeAll: 'Resume all',
    syncNow: 'Sync now',
    openFolder: 'Open folder',
    refreshCredentials: 'Refresh credentials',
    recentTransfers: 'Recent transfers',
    noRecentTransfers: 'Nothing finished yet',
    noFolders: 'No folders',
    noProfiles: 'No profiles',
    quit: 'Quit Ferry',
    expiresIn: (duration) => `expires in ${duration}`,
    renewsIn: (duration) => `valid, renews in ${duration}`,
    expired: 'expired',
    refreshing: 'refreshing…',
    failing: 'refresh failing',
    noToken: 'no token yet',
    deleted: 'deleted',
  },
  errorReasons: {
    'access-denied': 'access denied',
    'auth-failed': 'not authorized',
    'credentials-unavailable': 'no credentials',
    'file-changed': 'changed while uploading',
    'file-vanished': 'file vanished',
    'file-unreadable': 'cannot read the file',
    'invalid-name': 'invalid name',
    'not-found': 'not found',
    network: 'network error',
    'server-error': 'server error',
  },
  more: (n) => `(+${n} more)`,
};

const zhCN: TrayStrings = {
  locale: 'zh-CN',
  appName: 'Ferry',
  titleSeparator: ' — ',
  listSeparator: '，',
  upToDate: '已是最新',
  notSetUp: '尚未设置',
  configError: '配置无法使用',
  paused: '已暂停',
  syncing: '正在同步',
  error: '需要处理',
  syncingFiles: (n) => `正在同步 ${n} 个文件`,
  failed: (n) => `${n} 个失败`,
  waitingForCredentials: (n) => `${n} 个正在等待凭证`,
  credentialsExpireIn: (profile, duration) => `“${profile}”的凭证将在 ${duration}后过期`,
  credentialsExpired: (profile) => `“${profile}”的凭证已过期`,
  credentialsFailing: (profile) => `“${profile}”的凭证无法刷新`,
  errorInFolder: (folder) => `文件夹“${folder}”出错`,
  duration: (ms) => formatDuration(ms, { s: ' 秒', min: ' 分钟', h: ' 小时', space: ' ' }),
  menu: {
    openFerry: '打开 Ferry',
    pauseAll: '全部暂停',
    resumeAll: '全部继续',
    syncNow: '立即同步',
    openFolder: '打开文件夹',
    refreshCredentials: '刷新凭证',
    recentTransfers: '最近传输',
    noRecentTransfers: '尚无已完成的传输',
    noFolders: '没有文件夹',
    noProfiles: '没有配置',
    quit: '退出 Ferry',
    expiresIn: (duration) => `${duration}后过期`,
    renewsIn: (duration) => `有效，${duration}后续期`,
    expired: '已过期',
    refreshing: '正在刷新…',
    failing: '刷新失败',
    noToken: '尚无令牌',
    deleted: '已删除',
  },
  errorReasons: {
    'access-denied': '拒绝访问',
    'auth-failed': '未授权',
    'credentials-unavailable': '没有凭证',
    'file-changed': '上传时文件已更改',
    'file-vanished': '文件已消失',
    'file-unreadable': '无法读取文件',
    'invalid-name': '名称无效',
    'not-found': '未找到',
    network: '网络错误',
    'server-error': '服务器错误',
  },
  more: (n) => `（另有 ${n} 条）`,
};

const zhTW: TrayStrings = {
  locale: 'zh-TW',
  appName: 'Ferry',
  titleSeparator: ' — ',
  listSeparator: '，',
  upToDate: '已是最新',
  notSetUp: '尚未設定',
  configError: '設定無法使用',
  paused: '已暫停',
  syncing: '正在同步',
  error: '需要處理',
  syncingFiles: (n) => `正在同步 ${n} 個檔案`,
  failed: (n) => `${n} 個失敗`,
  waitingForCredentials: (n) => `${n} 個正在等待憑證`,
  credentialsExpireIn: (profile, duration) => `「${profile}」的憑證將在 ${duration}後過期`,
  credentialsExpired: (profile) => `「${profile}」的憑證已過期`,
  credentialsFailing: (profile) => `「${profile}」的憑證無法更新`,
  errorInFolder: (folder) => `資料夾「${folder}」發生錯誤`,
  duration: (ms) => formatDuration(ms, { s: ' 秒', min: ' 分鐘', h: ' 小時', space: ' ' }),
  menu: {
    openFerry: '開啟 Ferry',
    pauseAll: '全部暫停',
    resumeAll: '全部繼續',
    syncNow: '立即同步',
    openFolder: '開啟資料夾',
    refreshCredentials: '更新憑證',
    recentTransfers: '最近的傳輸',
    noRecentTransfers: '尚無已完成的傳輸',
    noFolders: '沒有資料夾',
    noProfiles: '沒有設定檔',
    quit: '結束 Ferry',
    expiresIn: (duration) => `${duration}後過期`,
    renewsIn: (duration) => `有效，${duration}後更新`,
    expired: '已過期',
    refreshing: '正在更新…',
    failing: '更新失敗',
    noToken: '尚無權杖',
    deleted: '已刪除',
  },
  errorReasons: {
    'access-denied': '拒絕存取',
    'auth-failed': '未授權',
    'credentials-unavailable': '沒有憑證',
    'file-changed': '上傳時檔案已變更',
    'file-vanished': '檔案已消失',
    'file-unreadable': '無法讀取檔案',
    'invalid-name': '名稱無效',
    'not-found': '找不到',
    network: '網路錯誤',
    'server-error': '伺服器錯誤',
  },
  more: (n) => `（另有 ${n} 則）`,
};

const byLocale: Readonly<Record<TrayLocale, TrayStrings>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/**
 * The strings for an OS locale ("zh-CN", "zh_TW", "zh-Hant-HK", "en-GB"…): Traditional Chinese
 * for Taiwan, Hong Kong, Macao and explicit Hant; other Chinese is Simplified; the rest English.
 */
export function trayStrings(osLocale: string): TrayStrings {
  return byLocale[trayLocale(osLocale)];
}

export function trayLocale(osLocale: string): TrayLocale {
  const tags = osLocale.toLowerCase().replaceAll('_', '-').split('-');
  if (tags[0] !== 'zh') return 'en';
  const traditional = tags.some((tag) => ['hant', 'tw', 'hk', 'mo'].includes(tag));
  const simplified = tags.includes('hans');
  return traditional && !simplified ? 'zh-TW' : 'zh-CN';
}

interface DurationUnits {
  readonly s: string;
  readonly min: string;
  readonly h: string;
  readonly space: string;
}

/** Seconds under a minute, whole minutes under an hour (rounded down: never promise more time
 *  than is left), then hours and minutes. Negative durations read as zero. */
function formatDuration(milliseconds: number, units: DurationUnits): string {
  const word = ({ unit, value }: DurationAmount) =>
    `${value}${unit === 's' ? units.s : unit === 'm' ? units.min : units.h}`;
  return formatAnyDuration(milliseconds, {
    largest: 'h',
    minutesAlone: true,
    dropZero: true,
    words: (first, second) =>
      second ? `${word(first)}${units.space}${word(second)}` : word(first),
  });
}

/** "3.4 MB/s", "850 KB/s", "12 MB/s" (decimal units, as file managers show speeds). */
export function formatSpeed(bytesPerSecond: number): string {
  return formatAnySpeed(bytesPerSecond, { base: 1000, decimalsBelow: 10 });
}
