import { describe, expect, it } from 'vitest';

import {
  chooseProxy,
  type ProxySettings,
  type ProxyTarget,
} from '../../../../app/network/proxy-rules.js';

const https = (hostname: string, port = ''): ProxyTarget => ({
  protocol: 'https:',
  hostname,
  port,
});
const http = (hostname: string, port = ''): ProxyTarget => ({ protocol: 'http:', hostname, port });
const env: ProxySettings = {
  httpsProxy: 'http://secure-proxy:3128',
  httpProxy: 'http://plain-proxy:3128',
};

describe('chooseProxy', () => {
  it.each<[string, ProxyTarget, ProxySettings, string | undefined]>([
    ['https uses HTTPS_PROXY', https('oos-cn.ctyunapi.cn'), env, 'http://secure-proxy:3128'],
    ['http uses HTTP_PROXY', http('minio.lan'), env, 'http://plain-proxy:3128'],
    ['no proxy set: direct', https('s3.amazonaws.com'), {}, undefined],
    [
      'the config proxy wins for both schemes',
      http('minio.lan'),
      { ...env, configured: 'http://corp:8080' },
      'http://corp:8080',
    ],
    [
      'NO_PROXY exact host',
      https('oss.example.com'),
      { ...env, noProxy: 'oss.example.com' },
      undefined,
    ],
    [
      'NO_PROXY suffix with a dot',
      https('a.b.example.com'),
      { ...env, noProxy: '.example.com' },
      undefined,
    ],
    [
      'NO_PROXY suffix without a dot',
      https('a.example.com'),
      { ...env, noProxy: 'example.com' },
      undefined,
    ],
    ['NO_PROXY *.domain', https('a.example.com'), { ...env, noProxy: '*.example.com' }, undefined],
    [
      'a suffix is not a substring',
      https('badexample.com'),
      { ...env, noProxy: 'example.com' },
      'http://secure-proxy:3128',
    ],
    [
      'NO_PROXY with spaces and several entries',
      http('127.0.0.1', '7480'),
      { ...env, noProxy: 'localhost, 127.0.0.1' },
      undefined,
    ],
    [
      'NO_PROXY host:port matches that port only',
      http('127.0.0.1', '7480'),
      { ...env, noProxy: '127.0.0.1:9000' },
      'http://plain-proxy:3128',
    ],
    [
      'NO_PROXY host:port with the default port',
      https('s3.example.com'),
      { ...env, noProxy: 's3.example.com:443' },
      undefined,
    ],
    ['NO_PROXY *', https('anything.example'), { ...env, noProxy: '*' }, undefined],
    [
      'NO_PROXY is case-insensitive',
      https('S3.Example.COM'),
      { ...env, noProxy: 's3.example.com' },
      undefined,
    ],
    ['IPv6 literal', http('[::1]', '7480'), { ...env, noProxy: '::1' }, undefined],
    [
      'bracketed IPv6 with port',
      http('[::1]', '7480'),
      { ...env, noProxy: '[::1]:7480' },
      undefined,
    ],
    [
      'NO_PROXY also exempts from the config proxy',
      https('intranet.corp'),
      { configured: 'http://corp:8080', noProxy: '.corp' },
      undefined,
    ],
  ])('%s', (_name, target, settings, expected) => {
    expect(chooseProxy(target, settings)).toBe(expected);
  });
});
