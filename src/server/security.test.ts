/** @module Tests of the exposed-server guards: which Host names a server answers to whatever its bind address, and the API token (bearer header, or the cookie the token URL sets for the web app). */
import { describe, expect, it } from 'vitest';
import { makeApp } from './app.test-helpers.ts';
import {
  allowedHostsFor,
  generateToken,
  hostAllowed,
  machineAddresses,
  tokenCookieName,
} from './security.ts';

describe('allowedHostsFor', () => {
  it("answers to loopback names, *.localhost, the bound address and this machine's IPs, never a foreign name", () => {
    for (const bind of ['127.0.0.1', '0.0.0.0', '::', '127.0.0.2', '10.1.2.3']) {
      const allowed = new Set(allowedHostsFor(bind));
      for (const name of [
        '127.0.0.1',
        'localhost',
        '[::1]',
        'app.localhost',
        'a.b.localhost',
        ...machineAddresses(),
      ]) {
        expect(hostAllowed(name, allowed), `${bind}: ${name}`).toBe(true);
      }
      for (const name of ['evil.example', 'localhost.evil.example', 'xlocalhost', '0.0.0.0', '[::]']) {
        expect(hostAllowed(name, allowed), `${bind}: ${name}`).toBe(false);
      }
    }
    expect(hostAllowed('127.0.0.2', new Set(allowedHostsFor('127.0.0.2')))).toBe(true);
    expect(hostAllowed('10.1.2.3', new Set(allowedHostsFor('10.1.2.3')))).toBe(true);
    expect(hostAllowed('[fd00::1]', new Set(allowedHostsFor('fd00::1')))).toBe(true);
  });

  it("adds --allowed-host names; a leading dot allows the domain and its subdomains (Vite's rule)", () => {
    const allowed = new Set(allowedHostsFor('0.0.0.0', ['gorust.lan', '.corp.example']));
    expect(hostAllowed('gorust.lan', allowed)).toBe(true);
    expect(hostAllowed('x.gorust.lan', allowed)).toBe(false);
    expect(hostAllowed('corp.example', allowed)).toBe(true);
    expect(hostAllowed('build.corp.example', allowed)).toBe(true);
    expect(hostAllowed('evilcorp.example', allowed)).toBe(false);
  });
});

describe('the API token', () => {
  const token = generateToken();
  const setup = () => makeApp({ token, allowedHosts: allowedHostsFor('0.0.0.0') });

  it('is long and random', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateToken()).not.toBe(token);
  });

  it('is required on every API call: 401 with WWW-Authenticate without it or with a wrong one', async () => {
    const { app } = setup();
    for (const path of ['/api/health', '/api/decisions', '/api/openapi.json', '/api/kb/criteria']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="gorust"');
      expect(((await res.json()) as { detail: string }).detail).toContain('?token=');
    }
    const wrong = await app.request('/api/health', { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    const ok = await app.request('/api/health', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
  });

  it("opening the token URL stores it in a strict HttpOnly cookie and drops it from the address bar; the web app's calls then carry it", async () => {
    const { app } = setup();
    const open = await app.request(`/history?token=${token}&x=1`);
    expect(open.status).toBe(302);
    expect(open.headers.get('location')).toBe('/history?x=1');
    const cookie = open.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${tokenCookieName(token)}=${token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0] ?? '';
    const list = await app.request('/api/decisions', { headers: { cookie: pair } });
    expect(list.status).toBe(200);
    // A wrong token in the URL sets nothing; the page itself is static and loads either way.
    const bad = await app.request('/?token=nope');
    expect(bad.headers.get('set-cookie')).toBeNull();
    // ?token= on the API is not accepted: tokens belong in a header or the cookie, not in logged URLs.
    expect((await app.request(`/api/health?token=${token}`)).status).toBe(401);
  });

  it('is not needed when none is set (loopback)', async () => {
    const { app } = makeApp();
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
