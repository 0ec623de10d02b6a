/**
 * Where the window may go: only to the app's own page. A link, a redirect or an injected script cannot
 * navigate the window away (`will-navigate`, `will-redirect`), open a new window (`setWindowOpenHandler`) or
 * attach a <webview> (`will-attach-webview`). Pure decisions, wired in main.ts.
 */
import { isAppUrl } from './appScheme.ts';

/** Something with preventDefault (Electron's event object). */
export interface Preventable {
  preventDefault(): void;
}

/** `will-navigate` / `will-redirect` / `will-frame-navigate`: allowed only inside the app's own origin. */
export function guardNavigation(event: Preventable, url: string): 'allow' | 'deny' {
  if (isAppUrl(url)) return 'allow';
  event.preventDefault();
  return 'deny';
}

/**
 * `webContents.setWindowOpenHandler`: the review tool has one window; a new window (window.open, a target
 * link, a middle click) is refused, even to the app's own page, and no external browser is opened (patient
 * data stays in the app).
 */
export function denyWindowOpen(_details: { url: string }): { action: 'deny' } {
  return { action: 'deny' };
}

/** `will-attach-webview`: the app has no webview (webviewTag is off); refuse one anyway. */
export function denyWebviewAttach(event: Preventable): 'deny' {
  event.preventDefault();
  return 'deny';
}
