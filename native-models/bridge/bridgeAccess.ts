/**
 * Who may talk to the review bridge: only a page on this machine that knows the bridge's random token. The
 * Host header must name the bridge itself (a DNS-rebinding page reaches 127.0.0.1 under a foreign host name),
 * an Origin, when sent, must be the bridge's own, and every request carries the token as a bearer header, a
 * `token` query parameter (the first page load, media) or the HttpOnly cookie set by that page load. Pure.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A new random token: 32 bytes, URL-safe. */
export function newBridgeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The cookie name: per port, since browsers share cookies for 127.0.0.1 across ports. */
export function tokenCookieName(port: number): string {
  return `semioscope_${port}`;
}

/** The Set-Cookie value that lets the page's own fetches, EventSource and `<video>` carry the token. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The hosts the bridge answers to. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export type AccessVerdict =
  | { ok: true; /** The token came as a query parameter (a page load): set the cookie. */ viaQuery: boolean }
  | { ok: false; status: 401 | 403; message: string };

/** Checks Host, Origin and the token of one request. `query` is the request's search parameters. */
export function checkAccess(headers: IncomingHttpHeaders, query: URLSearchParams, port: number, token: string): AccessVerdict {
  const hosts = allowedHosts(port);
  const host = (headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) return { ok: false, status: 403, message: 'This address is not the Semioscope review bridge (unexpected Host).' };
  const origin = headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { ok: false, status: 403, message: 'Requests from other sites are refused.' };
  }
  if (headers['sec-fetch-site'] === 'cross-site') return { ok: false, status: 403, message: 'Requests from other sites are refused.' };
  const fromQuery = query.get('token');
  if (fromQuery !== null && sameToken(fromQuery, token)) return { ok: true, viaQuery: true };
  const auth = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (auth && sameToken(auth[1]!, token)) return { ok: true, viaQuery: false };
  const cookie = cookieValue(headers.cookie, tokenCookieName(port));
  if (cookie !== undefined && sameToken(cookie, token)) return { ok: true, viaQuery: false };
  return { ok: false, status: 401, message: 'Open the review link that `semioscope review` printed (it carries the access token).' };
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
