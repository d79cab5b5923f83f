import { describe, expect, it } from 'vitest';

import { refuseWebhookUrl } from './webhook-url.ts';

describe('refuseWebhookUrl', () => {
  it('accepts public HTTPS hosts', () => {
    expect(refuseWebhookUrl('https://hooks.example.com/calendar?x=1')).toBeUndefined();
    expect(refuseWebhookUrl('https://93.184.216.34:8443/h')).toBeUndefined();
  });

  it('refuses plain HTTP, credentials and private, loopback or internal hosts', () => {
    for (const url of [
      'http://hooks.example.com/',
      'https://user:pw@example.com/',
      'https://127.0.0.1/',
      'https://localhost/',
      'https://10.1.2.3/',
      'https://172.20.0.1/',
      'https://192.168.1.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/',
      'https://[::1]/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://printer.local/',
      'https://intranet/',
      'ftp://example.com/',
    ])
      expect(refuseWebhookUrl(url), url).toBeDefined();
  });

  it('admits loopback over HTTP only when the admin allowed it', () => {
    expect(refuseWebhookUrl('http://127.0.0.1:4000/hook', true)).toBeUndefined();
    expect(refuseWebhookUrl('http://10.0.0.1/hook', true)).toBeDefined();
  });
});
