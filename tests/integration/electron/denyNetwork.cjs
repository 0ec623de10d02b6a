// Loaded with `node -r` into the electronegativity scan: it fetches translations and Electron's release list
// from GitHub on every run. The scan runs offline: every socket to a host that is not loopback fails.
const net = require('node:net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = typeof args[0] === 'object' && args[0] !== null ? args[0] : { host: args[1], port: args[0] };
  const host = o.path ? 'localhost' : String(o.host ?? 'localhost');
  if (!/^(localhost|127\.\d+\.\d+\.\d+|::1)$/.test(host)) {
    process.nextTick(() => this.destroy(new Error(`network denied in the static scan: ${host}`)));
    return this;
  }
  return connect.apply(this, args);
};
const dns = require('node:dns');
const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  if (!/^(localhost|127\.\d+\.\d+\.\d+|::1)$/.test(hostname)) return process.nextTick(() => cb(Object.assign(new Error(`network denied: ${hostname}`), { code: 'ENOTFOUND' })));
  return lookup.apply(this, arguments);
};
