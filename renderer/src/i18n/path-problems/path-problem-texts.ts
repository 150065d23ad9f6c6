import type { SkipCode } from '../../../../app/ipc/path-problem-view.js';
import type { Language } from '../choose-language.js';

/** The kinds of special file a scan leaves out (app/ports/file-system.ts SkippedEntryKind). */
export type SpecialKind = 'fifo' | 'socket' | 'block-device' | 'character-device' | 'unknown';

/**
 * Why a path was not uploaded, by its skip code (app/sync/path-problem.ts), plus `pending` for a
 * file still being written. `{kind}` is filled with the word from `kinds`, `{rule}` with the
 * default ignore pattern.
 */
export interface PathProblemTexts {
  readonly reasons: { readonly [C in SkipCode | 'pending']: string };
  readonly hints: { readonly 'default-rule': string };
  readonly kinds: { readonly [K in SpecialKind]: string };
}

const en: PathProblemTexts = {
  reasons: {
    'special-file': 'special file ({kind}), not uploaded',
    symlink: 'symbolic link, not followed',
    'default-rule': 'excluded by the default ignore rule "{rule}"',
    vanished: 'gone before its upload',
    pending: 'still changing: uploaded once it stops changing',
  },
  hints: {
    'default-rule':
      'Ferry always leaves these out (unfinished downloads, lock and swap files); rename the file if it is a document you want synced.',
  },
  kinds: {
    fifo: 'FIFO',
    socket: 'socket',
    'block-device': 'block device',
    'character-device': 'character device',
    unknown: 'unknown type',
  },
};

const zhCN: PathProblemTexts = {
  reasons: {
    'special-file': '特殊文件（{kind}），不上传',
    symlink: '符号链接，不跟随',
    'default-rule': '被默认忽略规则 "{rule}" 排除',
    vanished: '上传前已不存在',
    pending: '仍在变化：停止修改后再上传',
  },
  hints: {
    'default-rule':
      'Ferry 总是跳过这类文件（未完成的下载、锁文件和交换文件）；如果它是你想同步的文档，请重命名该文件。',
  },
  kinds: {
    fifo: '命名管道',
    socket: '套接字',
    'block-device': '块设备',
    'character-device': '字符设备',
    unknown: '未知类型',
  },
};

const zhTW: PathProblemTexts = {
  reasons: {
    'special-file': '特殊檔案（{kind}），不上傳',
    symlink: '符號連結，不跟隨',
    'default-rule': '被預設忽略規則 "{rule}" 排除',
    vanished: '上傳前已不存在',
    pending: '仍在變動：停止修改後再上傳',
  },
  hints: {
    'default-rule':
      'Ferry 一律略過這類檔案（未完成的下載、鎖定檔和置換檔）；如果它是你想同步的文件，請重新命名該檔案。',
  },
  kinds: {
    fifo: '具名管道',
    socket: '通訊端',
    'block-device': '區塊裝置',
    'character-device': '字元裝置',
    unknown: '未知類型',
  },
};

export const PATH_PROBLEM_TEXTS: Readonly<Record<Language, PathProblemTexts>> = {
  en,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
};
