/*
 * The monitoring page: polls /metrics (JSON), draws the 24-hour connections chart, and tests a
 * WebSocket connection to the example's own endpoint (its path comes from /config.json) as a probe
 * (?probe=1), which examples keep out of their users.
 * ?refresh=<ms> changes the polling interval (default 5000, at least 200).
 */
import { element, loadConfig, webSocketUrl } from './realtime-client.js';

(function () {
  const $ = function (id) { return document.getElementById(id); };
  const params = new URLSearchParams(window.location.search);
  const refreshMs = Math.max(200, Number(params.get('refresh')) || 5000);
  let chart = null;
  let timer = null;

  function initChart() {
    chart = new Chart($('connections-chart'), {
      type: 'line',
      data: {
        labels: Array.from({ length: 24 }, function (_, i) { return i + 'h'; }),
        datasets: [{ label: 'Connections per hour', data: new Array(24).fill(0),
          borderColor: '#007bff', backgroundColor: 'rgba(0,123,255,0.1)', fill: true }]
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  function colour(id, value, warning, error) {
    $(id).className = 'metric-value ' + (value > error ? 'status-error' : value > warning ? 'status-warning' : 'status-good');
  }

  function formatUptime(startedAt) {
    const ms = Math.max(0, Date.now() - new Date(startedAt).getTime());
    const hours = Math.floor(ms / 3600000);
    const minutes = Math.floor((ms % 3600000) / 60000);
    const seconds = Math.floor((ms % 60000) / 1000);
    return hours + 'h ' + minutes + 'm ' + seconds + 's';
  }

  function refresh() {
    // Accept: application/json, so the server answers JSON rather than Prometheus text.
    return fetch('/metrics', { cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('/metrics answered ' + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        $('active-connections').textContent = String(data.active_connections);
        $('total-connections').textContent = String(data.total_connections);
        $('messages-received').textContent = String(data.messages_received);
        $('messages-sent').textContent = String(data.messages_sent);
        $('errors-count').textContent = String(data.errors_count);
        $('uptime').textContent = formatUptime(data.uptime);
        $('last-activity').textContent = new Date(data.last_activity).toLocaleString();
        $('messages-dropped').textContent = String(data.messages_dropped);
        $('slow-consumers').textContent = String(data.slow_consumer_disconnects);
        colour('active-connections', data.active_connections, 100, 500);
        colour('errors-count', data.errors_count, 10, 50);
        if (chart && Array.isArray(data.connections_per_hour)) {
          chart.data.datasets[0].data = data.connections_per_hour;
          chart.update('none');
        }
        $('fetch-error').classList.add('hidden');
        $('refresh-state').textContent = 'updated ' + new Date().toLocaleTimeString();
      })
      .catch(function (error) {
        $('fetch-error').textContent = 'Could not read /metrics: ' + error.message;
        $('fetch-error').classList.remove('hidden');
      });
  }

  function toggleAutoRefresh() {
    if (timer) {
      clearInterval(timer);
      timer = null;
      $('auto-refresh').textContent = 'Auto-refresh';
    } else {
      timer = setInterval(refresh, refreshMs);
      $('auto-refresh').textContent = 'Stop auto-refresh (every ' + (refreshMs / 1000) + ' s)';
    }
  }

  function report(text, ok) {
    $('test-results').appendChild(element('li', ok ? 'ok' : 'fail', text));
  }

  /**
   * Opens one connection, sends an application ping and resolves with the timings: connected
   * (handshake) and round trip (the first pong, or an echo of the ping on a raw echo server).
   */
  function probe(config, label) {
    return new Promise(function (resolve) {
      const started = performance.now();
      const ping = JSON.stringify({ type: 'ping', id: 'monitoring-' + label });
      let opened = 0;
      let done = false;
      let socket;
      function finish(result) {
        if (!done) {
          done = true;
          clearTimeout(deadline);
          setTimeout(function () { socket.close(1000, 'monitoring test done'); }, 1000);
          resolve(result);
        }
      }
      const deadline = setTimeout(function () {
        finish(opened ? { ok: true, connectMs: opened - started, rttMs: null }
          : { ok: false, error: 'no answer within 5 s' });
      }, 5000);
      try {
        // probe=1: the example treats this connection as a probe, not a user (the chat hides it
        // and puts it in no room, so nobody sees it join or leave and no count includes it).
        socket = new WebSocket(webSocketUrl(config, config.wsPath,
          { probe: 1, id: 'monitoring_' + label + '_' + Date.now() }));
      } catch (error) {
        clearTimeout(deadline);
        resolve({ ok: false, error: String(error) });
        return;
      }
      socket.onopen = function () {
        opened = performance.now();
        socket.send(ping);
      };
      socket.onmessage = function (event) {
        let reply = null;
        try { reply = JSON.parse(event.data); } catch (ignored) { /* not JSON */ }
        if (event.data === ping || (reply && reply.type === 'pong')) {
          finish({ ok: true, connectMs: opened - started, rttMs: performance.now() - opened });
        }
      };
      socket.onerror = function () {
        finish({ ok: false, error: 'connection error' });
      };
      socket.onclose = function (event) {
        if (!opened) {
          finish({ ok: false, error: 'closed with code ' + event.code });
        }
      };
    });
  }

  function describe(result) {
    if (!result.ok) {
      return '❌ failed: ' + result.error;
    }
    return '✅ connected in ' + result.connectMs.toFixed(0) + ' ms'
      + (result.rttMs === null ? ', no reply to ping' : ', ping round trip ' + result.rttMs.toFixed(1) + ' ms');
  }

  function testConnection() {
    loadConfig().then(function (config) {
      report('Testing ' + config.wsPath + '…', true);
      return probe(config, 'single').then(function (result) {
        report(describe(result), result.ok);
        refresh();
      });
    });
  }

  function testMany() {
    loadConfig().then(function (config) {
      report('🚀 Testing 10 simultaneous connections to ' + config.wsPath + '…', true);
      const probes = [];
      for (let i = 0; i < 10; i++) {
        probes.push(probe(config, 'load' + i));
      }
      return Promise.all(probes).then(function (results) {
        const good = results.filter(function (r) { return r.ok; });
        const average = good.length ? good.reduce(function (sum, r) { return sum + r.connectMs; }, 0) / good.length : 0;
        report('📊 ' + good.length + ' succeeded, ' + (results.length - good.length) + ' failed'
          + (good.length ? ', average connect ' + average.toFixed(0) + ' ms' : ''), good.length === results.length);
        refresh();
      });
    });
  }

  loadConfig().then(function (config) {
    $('ws-path').textContent = config.wsPath || '(none)';
    $('example-name').textContent = config.example;
    const disabled = !config.wsPath;
    $('test-connection').disabled = disabled;
    $('test-many').disabled = disabled;
  });
  $('refresh').addEventListener('click', refresh);
  $('auto-refresh').addEventListener('click', toggleAutoRefresh);
  $('test-connection').addEventListener('click', testConnection);
  $('test-many').addEventListener('click', testMany);
  $('clear-results').addEventListener('click', function () { $('test-results').replaceChildren(); });
  initChart();
  refresh();
  toggleAutoRefresh();
})();
