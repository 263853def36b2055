/*
 * The live dashboard page: cards, Chart.js charts, alerts with a beep for critical ones, topic
 * subscriptions, connection status and a stale-data warning. Every text goes through textContent.
 */
import { RealtimeClient, element, statusOf } from './realtime-client.js';

(function () {
  const $ = function (id) { return document.getElementById(id); };
  const MAX_POINTS = 50;
  const MAX_ALERTS_SHOWN = 20;
  const TOPICS = ['cpu', 'memory', 'disk', 'network', 'users', 'performance', 'database'];

  let history = [];
  let appended = 0;
  let intervalMs = 2000;
  let lastUpdateAt = 0;
  let connected = false;
  let subscribed = new Set(TOPICS);
  let audio = null;
  let soundOn = false;
  const charts = {};
  const shownAlerts = new Set();

  // ---- charts ----

  function lineChart(canvasId, datasets, scales) {
    const y = Object.assign({ beginAtZero: true, grid: { color: '#2d3748' }, ticks: { color: '#a0aec0' } }, scales.y || {});
    const options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      elements: { point: { radius: 0 }, line: { tension: 0.4 } },
      plugins: { legend: { labels: { color: '#a0aec0' } } },
      scales: Object.assign({
        x: { grid: { color: '#2d3748' }, ticks: { color: '#a0aec0', maxTicksLimit: 6, maxRotation: 0 } },
        y: y
      }, scales.extra || {})
    };
    return new Chart($(canvasId), {
      type: 'line',
      data: { labels: [], datasets: datasets.map(function (d) {
        return { label: d.label, data: [], borderColor: d.color, backgroundColor: d.fill,
          fill: !!d.filled, yAxisID: d.axis || 'y', field: d.field, spanGaps: true };
      }) },
      options: options
    });
  }

  function initCharts() {
    charts.cpu = lineChart('cpu-chart', [
      { label: 'CPU %', field: 'cpu_usage', color: '#f56565', fill: 'rgba(245,101,101,0.1)', filled: true }
    ], { y: { max: 100 } });
    charts.memory = lineChart('memory-chart', [
      { label: 'Memory %', field: 'memory_usage', color: '#48bb78', fill: 'rgba(72,187,120,0.1)', filled: true }
    ], { y: { max: 100 } });
    charts.network = lineChart('network-chart', [
      { label: 'In (MB/s)', field: 'network_in', color: '#4299e1', fill: 'rgba(66,153,225,0.1)' },
      { label: 'Out (MB/s)', field: 'network_out', color: '#9f7aea', fill: 'rgba(159,122,234,0.1)' }
    ], {});
    charts.trends = lineChart('trends-chart', [
      { label: 'CPU %', field: 'cpu_usage', color: '#f56565', fill: 'rgba(245,101,101,0.1)' },
      { label: 'Memory %', field: 'memory_usage', color: '#48bb78', fill: 'rgba(72,187,120,0.1)' },
      { label: 'Error rate %', field: 'error_rate', color: '#ed8936', fill: 'rgba(237,137,54,0.1)', axis: 'y1' }
    ], { y: { max: 100 }, extra: { y1: { type: 'linear', position: 'right', beginAtZero: true,
      suggestedMax: 10, grid: { drawOnChartArea: false }, ticks: { color: '#a0aec0' } } } });
  }

  function updateCharts() {
    const labels = history.map(function (m) { return new Date(m.timestamp).toLocaleTimeString(); });
    Object.keys(charts).forEach(function (name) {
      const chart = charts[name];
      chart.data.labels = labels;
      chart.data.datasets.forEach(function (dataset) {
        dataset.data = history.map(function (m) {
          return typeof m[dataset.field] === 'number' ? m[dataset.field] : null;
        });
      });
      chart.update('none');
      // For tests and curious readers: points shown now, and samples appended since the page loaded.
      chart.canvas.dataset.points = String(history.length);
      chart.canvas.dataset.appended = String(appended);
    });
  }

  // ---- values ----

  function show(id, value, digits) {
    if (typeof value === 'number') {
      $(id).textContent = digits === undefined ? String(value) : value.toFixed(digits);
    }
  }

  function level(id, value, warning, critical) {
    if (typeof value !== 'number') {
      return;
    }
    const node = $(id);
    node.classList.remove('level-ok', 'level-warning', 'level-critical');
    node.classList.add(value > critical ? 'level-critical' : value > warning ? 'level-warning' : 'level-ok');
  }

  function showValues(m) {
    show('cpu-value', m.cpu_usage, 1);
    show('process-cpu', m.process_cpu_usage, 1);
    show('memory-value', m.memory_usage, 1);
    show('jvm-memory', m.jvm_memory_usage, 1);
    show('disk-value', m.disk_usage, 1);
    show('users-value', m.active_users);
    show('network-in', m.network_in, 2);
    show('network-out', m.network_out, 2);
    show('requests-value', m.requests_per_sec);
    show('response-time', m.response_time, 0);
    show('error-rate', m.error_rate, 1);
    show('cache-hit', m.cache_hit_rate, 1);
    show('db-connections', m.database_connections);
    level('cpu-value', m.cpu_usage, 70, 90);
    level('memory-value', m.memory_usage, 80, 95);
    level('error-rate', m.error_rate, 2, 5);
  }

  function addSample(m) {
    lastUpdateAt = Date.now();
    $('stale-warning').classList.add('hidden');
    const last = history[history.length - 1];
    if (!last || last.timestamp !== m.timestamp) {
      history.push(m);
      appended += 1;
      while (history.length > MAX_POINTS) {
        history.shift();
      }
    }
    showValues(m);
    updateCharts();
  }

  // ---- alerts ----

  const ICONS = { critical: '🚨', warning: '⚠️', info: 'ℹ️' };

  function alertElement(alert) {
    const node = element('div', 'alert ' + (ICONS[alert.type] ? alert.type : 'info'));
    node.dataset.alertId = alert.id;
    node.dataset.metric = alert.metric;
    const head = element('div', 'alert-header');
    head.appendChild(element('div', 'alert-title', (ICONS[alert.type] || '🔔') + ' ' + alert.title));
    head.appendChild(element('div', 'alert-time', new Date(alert.timestamp).toLocaleString()));
    node.appendChild(head);
    node.appendChild(element('div', 'alert-description', alert.description));
    return node;
  }

  function showNoAlerts() {
    const container = $('alerts-container');
    if (!container.querySelector('.alert')) {
      container.replaceChildren(element('div', 'no-alerts', '✅ No alerts'));
    }
  }

  /** Earlier alerts of the same metric are no longer in force once a newer one arrives. */
  function supersede(alert) {
    document.querySelectorAll('#alerts-container .alert').forEach(function (node) {
      if (node.dataset.metric === alert.metric && node.dataset.alertId !== alert.id) {
        node.classList.add('superseded');
      }
    });
  }

  function addAlerts(alerts, fresh) {
    const container = $('alerts-container');
    const placeholder = container.querySelector('.no-alerts');
    if (placeholder && alerts.length) {
      placeholder.remove();
    }
    alerts.forEach(function (alert) {
      if (shownAlerts.has(alert.id)) {
        return;
      }
      shownAlerts.add(alert.id);
      supersede(alert);
      container.insertBefore(alertElement(alert), container.firstChild);
      if (fresh && alert.type === 'critical') {
        beep();
      }
    });
    while (container.querySelectorAll('.alert').length > MAX_ALERTS_SHOWN) {
      container.removeChild(container.lastChild);
    }
    showNoAlerts();
  }

  function beep() {
    const container = $('alerts-container');
    container.dataset.beeps = String(Number(container.dataset.beeps || 0) + 1);
    if (!soundOn || !audio) {
      return;
    }
    // A short two-tone beep made by the Web Audio API: no sound file to fetch.
    const now = audio.currentTime;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.connect(gain);
    gain.connect(audio.destination);
    oscillator.frequency.setValueAtTime(800, now);
    oscillator.frequency.setValueAtTime(600, now + 0.1);
    gain.gain.setValueAtTime(0.3, now);
    gain.gain.exponentialRampToValueAtTime(0.01, now + 0.5);
    oscillator.start(now);
    oscillator.stop(now + 0.5);
  }

  function toggleSound() {
    soundOn = !soundOn;
    // Browsers only let a page make sound after a user gesture, so the context starts here.
    if (soundOn) {
      const AudioContext = window.AudioContext || window.webkitAudioContext;
      if (AudioContext && !audio) {
        audio = new AudioContext();
      }
      if (audio && audio.state === 'suspended') {
        audio.resume();
      }
    }
    $('sound-toggle').textContent = soundOn ? '🔔 Sound on' : '🔇 Sound off';
  }

  // ---- topics ----

  function renderTopics() {
    const list = $('topics');
    list.replaceChildren();
    TOPICS.forEach(function (topic) {
      const label = element('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = topic;
      box.id = 'topic-' + topic;
      box.checked = subscribed.has(topic);
      box.addEventListener('change', function () {
        client.send({ type: box.checked ? 'subscribe' : 'unsubscribe', topics: [topic] });
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + topic));
      list.appendChild(label);
    });
    document.querySelectorAll('[data-topic]').forEach(function (card) {
      card.classList.toggle('unsubscribed', !subscribed.has(card.dataset.topic));
    });
  }

  // ---- connection ----

  function onStateChange(change) {
    const status = statusOf(change);
    const detail = change.reason;
    connected = status === 'connected';
    const box = $('connection-status');
    box.className = 'connection-status ' + (connected ? 'connected'
      : status === 'connecting' || status === 'reconnecting' ? 'connecting' : 'disconnected');
    $('status-indicator').className = 'status-indicator ' + (connected ? 'status-online' : 'status-offline');
    $('status-text').textContent = connected ? 'Connected — live data'
      : status === 'reconnecting' ? 'Disconnected — reconnecting…'
        : status === 'connecting' ? 'Connecting…' : 'Disconnected';
    box.title = detail || '';
  }

  function onMessage(message) {
    switch (message.type) {
      case 'initial_data':
        intervalMs = message.interval_ms || intervalMs;
        $('mode').textContent = (message.mode || 'real') + ' values · every ' + (intervalMs / 1000) + ' s';
        history = (message.history || []).slice(-MAX_POINTS);
        addSample(message.metrics);
        $('alerts-container').replaceChildren();
        shownAlerts.clear();
        addAlerts(message.alerts || [], false);
        if (subscribed.size !== TOPICS.length) {
          // The server starts every connection on all topics: restore our choice after a reconnect.
          client.send({ type: 'subscribe', topics: Array.from(subscribed) });
        }
        break;
      case 'metrics_update':
        addSample(message.metrics);
        break;
      case 'new_alerts':
        addAlerts(message.alerts || [], true);
        break;
      case 'subscriptions':
        subscribed = new Set(message.topics);
        $('topics-error').textContent = '';
        renderTopics();
        break;
      case 'error':
        $('topics-error').textContent = message.message;
        renderTopics();
        break;
      default:
        break;
    }
  }

  function checkStale() {
    if (!lastUpdateAt || subscribed.size === 0) {
      return;
    }
    const silent = Date.now() - lastUpdateAt;
    if (silent > 3 * intervalMs) {
      const warning = $('stale-warning');
      warning.textContent = '⚠️ No update for ' + Math.round(silent / 1000) + ' s — values may be stale'
        + (connected ? '' : ' (disconnected)');
      warning.classList.remove('hidden');
    }
  }

  // A topic toggled while disconnected waits in the client's queue and goes out on the next
  // connection; the checkboxes always show what the server confirmed ('subscriptions').
  const client = new RealtimeClient('/dashboard', { rooms: null, onMessage: onMessage, onStateChange: onStateChange });
  initCharts();
  renderTopics();
  showNoAlerts();
  $('sound-toggle').addEventListener('click', toggleSound);
  setInterval(checkStale, 500);
  client.connect();
})();
