import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { HttpRoutes, textResponse } from './http-routes.ts';

const anonymous = Principal.anonymous();
const request = (method: string, url: string) => ({
  method,
  url,
  headers: [] as [string, string][],
  body: new Uint8Array(),
  certificate_version: [] as [] | [number],
});
const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe('HttpRoutes', () => {
  it('answers query routes by exact path or pattern, ignoring the query string', () => {
    const routes = new HttpRoutes();
    routes.add('GET', '/metrics', () => textResponse(200, 'metrics'));
    routes.add(['GET', 'HEAD'], /^\/files\/\w+$/, (r) => textResponse(200, `file ${r.url}`));
    expect(text(routes.handle(request('get', '/metrics?x=1'), anonymous).body)).toBe('metrics');
    expect(text(routes.handle(request('HEAD', '/files/a1?v=2'), anonymous).body)).toBe(
      'file /files/a1?v=2',
    );
    const missing = routes.handle(request('POST', '/metrics'), anonymous);
    expect(missing.status_code).toBe(404);
    expect(text(missing.body)).toBe('no route for POST /metrics\n');
  });

  it('asks the gateway to upgrade for update routes and answers them in handleUpdate', () => {
    const routes = new HttpRoutes();
    let served = 0;
    routes.addUpdate('GET', /^\/feeds\/(\w+)\.ics$/, (r, caller) => {
      served += 1;
      return textResponse(200, `${r.url} for ${caller.toText()}`);
    });
    const upgrade = routes.handle(request('GET', '/feeds/team.ics'), anonymous);
    expect(upgrade.upgrade).toEqual([true]);
    expect(served).toBe(0);
    const { certificate_version: _, ...updateRequest } = request('GET', '/feeds/team.ics');
    expect(text(routes.handleUpdate(updateRequest, anonymous).body)).toBe(
      '/feeds/team.ics for 2vxsx-fae',
    );
    expect(served).toBe(1);
    expect(routes.handleUpdate({ ...updateRequest, url: '/metrics' }, anonymous).status_code).toBe(
      404,
    );
    expect(routes.handle(request('PUT', '/feeds/team.ics'), anonymous).status_code).toBe(404);
  });

  it('refuses the same method and path twice, across query and update routes', () => {
    const routes = new HttpRoutes();
    routes.add(['GET', 'HEAD'], '/a', () => textResponse(200, 'a'));
    routes.add('POST', '/a', () => textResponse(200, 'posted'));
    expect(() => routes.addUpdate('head', '/a', () => textResponse(200, 'b'))).toThrow(
      'HTTP route HEAD /a is registered twice',
    );
  });
});
