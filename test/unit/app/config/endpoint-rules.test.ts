import { describe, expect, it } from 'vitest';

import { isInsecureRemoteUrl } from '../../../../app/config/endpoint-rules.js';

describe('isInsecureRemoteUrl: plain http only to this machine', () => {
  it.each([
    'http://127.0.0.1:7480/',
    'http://localhost:9000',
    'HTTP://LOCALHOST/',
    'http://[::1]:8080/sts',
    'http://127.5.6.7/',
    'https://evil.example/',
    'https://s3.example.com',
  ])('allows %s', (url) => {
    expect(isInsecureRemoteUrl(url)).toBe(false);
  });

  it.each([
    // WHATWG URL reads "\" as "/" in http URLs: the host is evil.example, not 127.0.0.1.
    'http://evil.example\\@127.0.0.1/',
    'http://evil.example\\@localhost:7480/',
    'http://127.0.0.1.evil.example/',
    'http://localhost.evil.example/',
    'http://evil.example#@127.0.0.1/',
    'http://evil.example?@127.0.0.1/',
    'http://user:pass@evil.example/',
    'http://10.0.0.5:7480',
  ])('refuses %s', (url) => {
    expect(isInsecureRemoteUrl(url)).toBe(true);
  });
});
