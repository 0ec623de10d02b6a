/**
 * The renderer's Content-Security-Policy and security headers, written once for both shells: sent as headers
 * by the desktop app's protocol handler and by the loopback review bridge, and present as a meta tag in
 * renderer/index.html (a test keeps the two equal). Scripts, styles and fonts from
 * the app only (inline styles allowed; inline scripts and JS eval not; WebAssembly compilation allowed),
 * media and images from the app (recordings come through its protocol) or blob:, fetches only to the app itself (in the browser transport, 'self' is the loopback review bridge), no plugins, frames or forms.
 */
const META_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  // 'wasm-unsafe-eval': the page may compile WebAssembly, for the seek stills' JPEG decoder (libjpeg-turbo,
  // which decodes synchronously inside a seek; the browser's own decoders answer a task later, which a busy
  // machine delays). Narrower than 'unsafe-eval': no JS eval, Function() or string timers. Only the app's own
  // scripts run and they fetch only from the app (connect-src), so the only WebAssembly is the app's.
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  // Inline styles: React style props and the <style> elements that wavesurfer.js puts in its shadow root. Scripts stay 'self' only.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['media-src', "'self' blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** Directives a meta tag cannot carry (browsers ignore them there); the header has them. */
const HEADER_ONLY_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [['frame-ancestors', "'none'"]];

const join = (d: ReadonlyArray<readonly [string, string]>) => d.map(([k, v]) => `${k} ${v}`).join('; ');

/** The policy for the `<meta http-equiv="Content-Security-Policy">` tag of renderer/index.html. */
export const RENDERER_CSP_META = join(META_DIRECTIVES);
/** The policy for the Content-Security-Policy header of every answer of the app's protocol. */
export const RENDERER_CSP_HEADER = join([...META_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES]);

/** Headers sent with every page and asset of the renderer, by either shell. */
export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': RENDERER_CSP_HEADER,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

/** Parses a policy into directive -> sources (for checks and tests). */
export function parseCsp(policy: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) m.set(name.toLowerCase(), sources);
  }
  return m;
}
