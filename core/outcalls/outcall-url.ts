/**
 * Why a URL a canister would send HTTPS outcalls to is refused, or undefined when it is
 * acceptable. HTTPS only, no credentials, no private, loopback, link-local or internal host: the
 * IC reaches public hosts only, and a user-given URL must never point the canister at someone's
 * intranet. `allowLoopback` (an admin setting of each canister, off by default) admits
 * http://127.0.0.1 for tests on a local network.
 */
export function refuseOutcallUrl(
  url: string,
  options: { maxBytes: number; allowLoopback?: boolean },
): string | undefined {
  if (url.length > options.maxBytes) return `at most ${options.maxBytes} bytes`;
  const match = /^(https?):\/\/([^/?#]*)([/?#].*)?$/i.exec(url);
  if (!match) return 'expected https://host/path';
  const [, scheme, authority] = match;
  if (authority!.includes('@')) return 'credentials in the URL are not allowed';
  const host = hostOf(authority!).toLowerCase();
  if (options.allowLoopback && isLoopback(host)) return undefined;
  if (scheme!.toLowerCase() !== 'https') return 'expected an https:// URL';
  if (!/^[a-z0-9.\-:[\]]+$/.test(host) || host.length === 0) return 'expected a host name';
  if (isPrivateHost(host)) return `the host ${host} is private, loopback or internal`;
  return undefined;
}

function hostOf(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const colon = authority.lastIndexOf(':');
  return colon === -1 ? authority : authority.slice(0, colon);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function isPrivateHost(host: string): boolean {
  if (isLoopback(host) || host.endsWith('.localhost')) return true;
  if (/\.(local|internal|lan|home|corp|intranet)$/.test(host) || !host.includes('.')) {
    if (!host.startsWith('[')) return true;
  }
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    return (
      v6 === '::' ||
      v6 === '::1' ||
      /^f[cd]/.test(v6) ||
      /^fe[89ab]/.test(v6) ||
      v6.startsWith('::ffff:')
    );
  }
  return false;
}
