import type { enShell } from '../en/shell.js';
import type { AreaMessages } from '../messages.js';

/** 简体中文: around the views: connection, navigation, tray states, bulk actions, durations. */
export const zhCNShell: AreaMessages<typeof enShell> = {
  appName: 'Ferry',
  loading: '正在加载…',
  connecting: '正在连接 Ferry…',
  reconnecting: '与 Ferry 的连接已断开，正在重新连接…',
  reconnectingIn: '与 Ferry 的连接已断开，{duration}后重新连接…',
  snapshotFailed: '无法读取 Ferry 的状态',
  missingTokenTitle: '此页面需要访问令牌。',
  missingTokenBody:
    '请打开 `ferry serve` 输出的网址（其中包含访问令牌）。如果找不到了，请重新运行：',
  dismiss: '关闭',
  cancel: '取消',
  save: '保存',
  saving: '正在保存…',
  never: '从未',
  percent: '{percent}%',
  toastRegion: '通知',

  navLabel: '视图',
  navFolders: '文件夹',
  navTransfers: '传输',
  navCredentials: '凭证',
  navSettings: '设置',
  navBadgeLabel: '{count} 项需要处理',

  trayIdle: '已是最新',
  traySyncing: '正在同步',
  trayPaused: '已暂停',
  trayError: '需要处理',
  trayCredentialsExpiring: '令牌有过期风险',
  trayCredentialsExpired: '凭证失效',
  trayNotSetUp: '尚未设置',

  pauseAll: '全部暂停',
  resumeAll: '全部继续',
  syncAll: '立即全部同步',
  pauseAllFailed: '无法暂停同步',
  resumeAllFailed: '无法继续同步',
  syncAllFailed: '无法开始同步',

  durationDays: '{d} 天 {h} 小时',
  durationHours: '{h} 小时 {m} 分',
  durationMinutes: '{m} 分 {s} 秒',
  durationSeconds: '{s} 秒',
  attentionConfig: '配置需要修改',
  attentionFolders_one: '{count} 个文件夹需要处理',
  attentionFolders_other: '{count} 个文件夹需要处理',
  attentionFailed_one: '{count} 个上传失败',
  attentionFailed_other: '{count} 个上传失败',
};
