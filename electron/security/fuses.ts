/**
 * The Electron fuses flipped into the packaged binary (electron-builder's `electronFuses`, the options of
 * @electron/fuses): the app cannot be turned into a plain Node (RunAsNode, NODE_OPTIONS, --inspect), loads
 * its code only from its integrity-checked asar, and encrypts its cookie store. electron-builder.yml carries
 * the same values; a unit test keeps them equal.
 */
export const ELECTRON_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
} as const;
