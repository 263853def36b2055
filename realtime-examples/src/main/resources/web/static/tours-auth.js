/*
 * What both tours pages share: /tours-config.json, and with --auth a development token from
 * /token (sent as ?token= on the sockets and as a Bearer header on bookings).
 */
(function (global) {
  'use strict';
  let ready = null;

  function load() {
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

  function showStatus(element, status, detail) {
    const labels = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…',
      disconnected: 'Disconnected', error: 'Connection error' };
    element.className = 'status ' + status;
    element.textContent = labels[status] || status;
    element.title = detail || '';
  }

  function showNode(element) {
    global.Realtime.config().then(function (config) {
      element.textContent = config.cluster ? 'node ' + config.node : '';
    });
  }

  global.Tours = { load: load, showStatus: showStatus, showNode: showNode };
})(window);
