/**
 * The app's own URL scheme, one origin for the page and the recordings the user opened: the renderer is
 * served from `semioscope://app/...` (not file://, per Electron's security checklist) and a recording from
 * `semioscope://app/media/<opaque id>`. Every security check (CSP, navigation, network filter, protocol
 * handler) reads these constants, so the origin is written once.
 */
export const APP_SCHEME = 'semioscope';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
/** Path prefix of the recordings served by the protocol handler. */
export const MEDIA_PATH_PREFIX = '/media/';

/**
 * The scheme's privileges for `protocol.registerSchemesAsPrivileged` (before app ready): standard (an origin,
 * relative URLs), secure (like https), fetch API, and stream (a `<video>` can seek in a streamed answer).
 * No CSP bypass, no CORS bypass.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, bypassCSP: false, corsEnabled: false },
} as const;

/** True when `url` is a page of the app's own origin. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host.toLowerCase() === APP_HOST;
  } catch {
    return false;
  }
}
