import { describe, expect, it } from 'vitest';

import {
  APP_ORIGIN,
  appProtocolHeaders,
  resolveAppRequest,
} from '../../../../main/electron/app-protocol.js';

const ROOT = '/opt/Ferry/resources/app.asar/out/renderer';

describe('app:// protocol: the packaged renderer, nothing else', () => {
  it.each([
    ['app://ferry/', `${ROOT}/index.html`],
    ['app://ferry/index.html', `${ROOT}/index.html`],
    ['app://ferry/assets/index-abc123.js', `${ROOT}/assets/index-abc123.js`],
    ['app://ferry/assets/caf%C3%A9.svg', `${ROOT}/assets/café.svg`],
    ['app://ferry/?lang=en#top', `${ROOT}/index.html`],
  ])('%s → %s', (url, path) => {
    expect(resolveAppRequest(ROOT, url)).toBe(path);
  });

  it.each(['app://ferry/../../etc/passwd', 'app://ferry/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the renderer directory (URL parsing drops the dot segments)',
    (url) => {
      expect(resolveAppRequest(ROOT, url)).toBe(`${ROOT}/etc/passwd`);
    },
  );

  it.each([
    'app://ferry/assets/..%2f..%2f..%2fsecret',
    'app://ferry/C%3A/Windows/win.ini',
    'app://ferry/assets%5c..%5c..%5csecret',
    'app://ferry/%00index.html',
    'app://ferry/%E0%A4%A',
    'app://other-host/index.html',
    'file:///etc/passwd',
    'https://ferry/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppRequest(ROOT, url)).toBeNull();
  });

  it('serves a CSP header that allows no connections at all (no ws:, no http:)', () => {
    const csp = appProtocolHeaders('index.html')['Content-Security-Policy'] ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/ws:|wss:|http:|\*/);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(appProtocolHeaders('index.html')['X-Content-Type-Options']).toBe('nosniff');
  });

  it('is one fixed origin the IPC sender check can compare against', () => {
    expect(APP_ORIGIN).toBe('app://ferry');
  });
});
