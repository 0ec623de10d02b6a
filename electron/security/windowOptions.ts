/**
 * The main window's options, with every webPreferences item of Electron's security checklist set explicitly
 * (not left to defaults that changed across majors): context isolation, the sandbox, no Node in the page, web
 * security, no insecure content, no experimental features, no <webview>.
 */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  safeDialogs: true;
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A recording dropped outside the drop zone must not replace the app's page with the video file.
    navigateOnDragDrop: false,
    // The spellchecker may download dictionaries: no network.
    spellcheck: false,
    safeDialogs: true,
  };
}

/** The options of the one review window (BrowserWindowConstructorOptions). */
export function mainWindowOptions(preloadPath: string) {
  return {
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: 'Semioscope',
    backgroundColor: '#111111',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}
