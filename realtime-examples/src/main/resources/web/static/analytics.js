/*
 * The live analytics page: visitors and counters from initial_stats, heartbeat and stats frames;
 * the newest events first (at most 50); the filter in force; the connection state. The shared
 * client reconnects with backoff; this page also watches the heartbeat: none for two intervals
 * means the connection is dead even if the browser has not noticed, so it closes it and the
 * client reconnects. Event fields are producers' text: shown with textContent only.
 */
(function () {
  'use strict';
  const $ = function (id) { return document.getElementById(id); };
  const MAX_EVENTS = 50;
  const STATUS = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…',
    disconnected: 'Disconnected', error: 'Connection error' };

  let heartbeatMs = 5000;
  let lastLife = Date.now();
  let reconnects = 0;
  let everConnected = false;
  let client = null;

  function showStats(data) {
    $('current-visitors').textContent = String(data.current_visitors);
    $('unique-today').textContent = String(data.unique_today);
    $('total-events').textContent = String(data.total_events);
    $('letters-today').textContent = String(data.letters_today);
  }

  function describe(data) {
    if (!data || typeof data !== 'object') {
      return '';
    }
    return Object.keys(data).slice(0, 4).map(function (key) {
      const value = data[key];
      return key + ': ' + (typeof value === 'object' ? JSON.stringify(value) : String(value));
    }).join(' · ');
  }

  function showEvent(event) {
    const item = Realtime.element('li', 'event');
    item.dataset.type = String(event.type);
    item.appendChild(Realtime.element('span', 'event-type', event.type));
    item.appendChild(Realtime.element('span', 'event-visitor', event.visitor_id ? String(event.visitor_id).slice(0, 8) : ''));
    item.appendChild(Realtime.element('span', 'event-data', describe(event.data)));
    item.appendChild(Realtime.element('span', 'event-time', event.timestamp ? String(event.timestamp) : ''));
    const list = $('events');
    list.insertBefore(item, list.firstChild);
    while (list.children.length > MAX_EVENTS) {
      list.removeChild(list.lastChild);
    }
    $('no-events').classList.add('hidden');
  }

  function showFilter(frame) {
    let text;
    if (frame.all) {
      text = frame.except && frame.except.length ? 'everything except ' + frame.except.join(', ') : 'everything';
    } else {
      text = frame.events && frame.events.length ? 'only ' + frame.events.join(', ') : 'nothing';
    }
    $('filter-in-force').textContent = text;
  }

  function onMessage(message) {
    switch (message.type) {
      case 'initial_stats':
      case 'stats':
        lastLife = Date.now();
        showStats(message.data);
        break;
      case 'heartbeat':
        lastLife = Date.now();
        showStats(message.data);
        $('last-heartbeat').textContent = new Date(message.data.timestamp * 1000).toLocaleTimeString();
        $('heartbeat-warning').classList.add('hidden');
        break;
      case 'subscriptions':
        showFilter(message);
        break;
      case 'error':
        $('heartbeat-warning').textContent = 'Server: ' + message.message;
        $('heartbeat-warning').classList.remove('hidden');
        break;
      default:
        showEvent(message);
    }
  }

  function watchHeartbeat() {
    setInterval(function () {
      if (!client || !client.isOpen()) {
        return;
      }
      if (Date.now() - lastLife > 2 * heartbeatMs) {
        $('heartbeat-warning').textContent = 'No heartbeat for ' + Math.round((Date.now() - lastLife) / 1000)
          + ' s: reconnecting';
        $('heartbeat-warning').classList.remove('hidden');
        lastLife = Date.now();
        client.socket.close(4000, 'no heartbeat');
      }
    }, 500);
  }

  function applyFilter() {
    const types = $('filter').value.split(',').map(function (t) { return t.trim(); }).filter(function (t) { return t; });
    if (types.length === 0) {
      client.send({ type: 'subscribe', events: ['*'] });
    } else {
      // Start from nothing, then take exactly these types.
      client.send({ type: 'unsubscribe', events: ['*'] });
      client.send({ type: 'subscribe', events: types });
    }
  }

  function connect(session) {
    client = Realtime.client('/ws/analytics', {
      query: function () { return session.token ? { token: session.token } : {}; },
      onOpen: function () {
        lastLife = Date.now();
        if (everConnected) {
          reconnects += 1;
          $('reconnects').textContent = String(reconnects);
        }
        everConnected = true;
      },
      onMessage: onMessage,
      onStatus: function (status, detail) {
        $('status').className = 'status ' + status;
        $('status').textContent = STATUS[status] || status;
        $('status').title = detail || '';
      }
    });
    client.connect();
    window.analyticsClient = client;
  }

  $('refresh').addEventListener('click', function () { client.send({ type: 'refresh_stats' }); });
  $('apply-filter').addEventListener('click', applyFilter);
  Realtime.config().then(function (config) {
    $('node').textContent = config.cluster ? 'node ' + config.node : '';
  });
  fetch('/analytics-config.json', { cache: 'no-store' })
    .then(function (response) { return response.json(); })
    .then(function (config) {
      heartbeatMs = config.heartbeatIntervalMs;
      if (!config.auth) {
        return { token: null };
      }
      return fetch('/token?username=analyst', { cache: 'no-store' })
        .then(function (response) { return response.json(); })
        .then(function (issued) { return { token: issued.token }; });
    })
    .then(function (session) {
      connect(session);
      watchHeartbeat();
    });
})();
