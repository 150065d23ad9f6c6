import { describe, expect, it } from 'vitest';

import { looksAbsolute } from '../../../../../renderer/src/hooks/use-directory-suggestions.js';

describe('looksAbsolute (when the folder field asks the server for suggestions)', () => {
  it('asks for POSIX and Windows absolute paths only', () => {
    for (const path of ['/', '/home/ann/Doc', 'C:\\Users', 'd:/data']) {
      expect(looksAbsolute(path)).toBe(true);
    }
    for (const path of ['', 'home', './x', '~/Documents', 'C:', 'CD:\\x']) {
      expect(looksAbsolute(path)).toBe(false);
    }
  });
});
