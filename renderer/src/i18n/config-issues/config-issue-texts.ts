import type { ConfigIssueCode } from '../../../../app/ipc/config-issue-view.js';
import type { Language } from '../choose-language.js';
import { configIssuesEn } from './config-issues-en.js';
import { configIssuesZhCN } from './config-issues-zh-cn.js';
import { configIssuesZhTW } from './config-issues-zh-tw.js';

/** Every config-issue code has a text in every language: the compiler checks the tables. */
export type ConfigIssueTexts = { readonly [C in ConfigIssueCode]: string };

export const CONFIG_ISSUE_TEXTS: Readonly<Record<Language, ConfigIssueTexts>> = {
  en: configIssuesEn,
  'zh-CN': configIssuesZhCN,
  'zh-TW': configIssuesZhTW,
};
