/*
 * What both tours pages share: /tours-config.json, and with --auth a development token from
 * /token (sent as ?token= on the sockets and as a Bearer header on bookings).
 */
import { loadConfig } from './realtime-client.js';

let ready = null;

/** @returns {Promise<{config: object, token: string|null}>} the page's settings, and its token with --auth */
export function load() {
  if (!ready) {
    ready = fetch('/tours-config.json', { cache: 'no-store' })
      .then(function (response) { return response.json(); })
      .then(function (config) {
        if (!config.auth) {
          return { config: config, token: null };
        }
        return fetch('/token?username=visitor', { cache: 'no-store' })
          .then(function (response) { return response.json(); })
          .then(function (issued) { return { config: config, token: issued.token }; });
      });
  }
  return ready;
}

/** Shows a connection status (statusOf's names) in `element`. */
export function showStatus(element, status, detail) {
  const labels = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…',
    disconnected: 'Disconnected', error: 'Connection error' };
  element.className = 'status ' + status;
  element.textContent = labels[status] || status;
  element.title = detail || '';
}

/** Shows the node the page is served by, on a cluster. */
export function showNode(element) {
loadConfig().then(function (config) {
    element.textContent = config.cluster ? 'node ' + config.node : '';
  });
}
