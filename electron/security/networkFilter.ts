/**
 * The renderer's requests, decided before they leave (session.webRequest.onBeforeRequest): patient data never
 * leaves the machine. Allowed: the app's own scheme, file:, data:/blob: (in-page), devtools:, and http(s)/ws(s)
 * to loopback (127.0.0.0/8, localhost, [::1]) or to a model server address the user configured. Everything
 * else is cancelled.
 */
import { APP_SCHEME } from './appScheme.ts';

export interface NetworkPolicy {
  /** Origins (scheme://host:port) of model servers the user configured, e.g. a GPU box on the ward's LAN. */
  allowedOrigins?: Iterable<string>;
}

const LOCAL_SCHEMES = new Set([`${APP_SCHEME}:`, 'file:', 'data:', 'blob:', 'devtools:']);
const WEB_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true;
  return /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(h) && h.split('.').every((p) => Number(p) <= 255);
}

/** The origin of a URL as compared with the configured ones (ws/wss count as http/https). */
function originOf(u: URL): string {
  const scheme = u.protocol === 'ws:' ? 'http:' : u.protocol === 'wss:' ? 'https:' : u.protocol;
  return `${scheme}//${u.host}`;
}

/** Normalises a configured address (a URL, maybe with a path) to its origin; null when it is not http(s). */
export function normaliseOrigin(address: string): string | null {
  try {
    const u = new URL(address);
    return u.protocol === 'http:' || u.protocol === 'https:' ? originOf(u) : null;
  } catch {
    return null;
  }
}

/** Whether a request to `url` may go out. */
export function isRequestAllowed(url: string, policy: NetworkPolicy = {}): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(u.protocol)) return true;
  if (!WEB_SCHEMES.has(u.protocol)) return false;
  if (u.username || u.password) return false;
  if (isLoopbackHost(u.hostname)) return true;
  const allowed = new Set([...(policy.allowedOrigins ?? [])].map(normaliseOrigin).filter((o): o is string => o !== null));
  return allowed.has(originOf(u));
}

/** The answer for `webRequest.onBeforeRequest`'s callback. */
export function beforeRequestDecision(details: { url: string }, policy: NetworkPolicy = {}): { cancel: boolean } {
  return { cancel: !isRequestAllowed(details.url, policy) };
}
