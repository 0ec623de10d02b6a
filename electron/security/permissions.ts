/**
 * Every permission a page may request is refused: the app plays files, it needs no camera, microphone,
 * location, notifications, clipboard read, HID, serial or USB. Used for `setPermissionRequestHandler`,
 * `setPermissionCheckHandler` and `setDevicePermissionHandler` of the app's session.
 */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): false {
  return false;
}

export function denyDevicePermission(): false {
  return false;
}
