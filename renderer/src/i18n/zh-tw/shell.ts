import type { enShell } from '../en/shell.js';
import type { AreaMessages } from '../messages.js';

/** 繁體中文（臺灣用語）: around the views: connection, navigation, tray states, bulk actions, durations. */
export const zhTWShell: AreaMessages<typeof enShell> = {
  appName: 'Ferry',
  loading: '載入中…',
  connecting: '正在連線到 Ferry…',
  reconnecting: '與 Ferry 的連線已中斷，正在重新連線…',
  reconnectingIn: '與 Ferry 的連線已中斷，{duration}後重新連線…',
  snapshotFailed: '無法讀取 Ferry 的狀態',
  missingTokenTitle: '此頁面需要存取權杖。',
  missingTokenBody:
    '請開啟 `ferry serve` 輸出的網址（其中包含存取權杖）。如果找不到了，請重新執行：',
  dismiss: '關閉',
  cancel: '取消',
  save: '儲存',
  saving: '儲存中…',
  never: '從未',
  percent: '{percent}%',
  toastRegion: '通知',

  navLabel: '檢視',
  navFolders: '資料夾',
  navTransfers: '傳輸',
  navCredentials: '憑證',
  navSettings: '設定',
  navBadgeLabel: '{count} 項需要處理',

  trayIdle: '已是最新',
  traySyncing: '同步中',
  trayPaused: '已暫停',
  trayError: '需要處理',
  trayCredentialsExpiring: '權杖有到期風險',
  trayCredentialsExpired: '憑證失效',
  trayNotSetUp: '尚未設定',

  pauseAll: '全部暫停',
  resumeAll: '全部繼續',
  syncAll: '立即全部同步',
  pauseAllFailed: '無法暫停同步',
  resumeAllFailed: '無法繼續同步',
  syncAllFailed: '無法開始同步',

  durationDays: '{d} 天 {h} 小時',
  durationHours: '{h} 小時 {m} 分',
  durationMinutes: '{m} 分 {s} 秒',
  durationSeconds: '{s} 秒',
  attentionConfig: '設定需要修改',
  attentionFolders_one: '{count} 個資料夾需要處理',
  attentionFolders_other: '{count} 個資料夾需要處理',
  attentionFailed_one: '{count} 個上傳失敗',
  attentionFailed_other: '{count} 個上傳失敗',
};
