import { describe, expect, it } from 'vitest';

import type { UiSnapshot } from '../../../../../app/ipc/views.js';
import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';
import { attentionLabel } from '../../../../../renderer/src/model/attention-label.js';

type Facts = Parameters<typeof attentionLabel>[0];
const folder = (id: string, failed: number, lastError: string | null = null) =>
  ({
    id,
    state: 'watching',
    lastError,
    counts: { failed },
  }) as unknown as UiSnapshot['folders'][number];
const totals = { failed: 0 } as UiSnapshot['totals'];
const en = createI18n('en');

// Screenshot review: "Needs attention" at the top while every credential card said "Valid".
describe('attentionLabel', () => {
  it('says which folders need attention', () => {
    const facts: Facts = {
      trayState: 'error',
      configError: null,
      folders: [folder('a', 1), folder('b', 0), folder('c', 0, 'Scan failed.')],
      totals: { ...totals, failed: 1 },
    };
    expect(attentionLabel(facts, en)).toBe('2 folders need attention');
    expect(attentionLabel({ ...facts, folders: [folder('a', 1)] }, en)).toBe(
      '1 folder needs attention',
    );
    expect(attentionLabel({ ...facts, folders: [folder('a', 1)] }, createI18n('zh-CN'))).toBe(
      '1 个文件夹需要处理',
    );
  });

  it('names a broken config, or failed uploads of no listed folder (drops)', () => {
    const facts: Facts = {
      trayState: 'error',
      configError: { message: 'x', hint: null },
      folders: [],
      totals,
    };
    expect(attentionLabel(facts, en)).toBe('The configuration needs fixing');
    expect(
      attentionLabel({ ...facts, configError: null, totals: { ...totals, failed: 3 } }, en),
    ).toBe('3 uploads failed');
  });

  it('leaves other states to their own label', () => {
    const facts: Facts = {
      trayState: 'idle',
      configError: null,
      folders: [folder('a', 1)],
      totals,
    };
    expect(attentionLabel(facts, en)).toBeUndefined();
  });
});
