/*
 * notifications.js: the page of the notifications example.
 *
 * Everything the server or another user sent is shown with textContent (element()), never
 * parsed as HTML. Read state is changed only when the server confirms it with a "read" frame, so
 * every tab of one user agrees and other users are never affected.
 */
import { RealtimeClient, element, statusOf } from './realtime-client.js';

(function () {
  const $ = function (id) { return document.getElementById(id); };
  const TYPES = ['info', 'success', 'warning', 'error'];
  const PRIORITY_NAMES = { 1: 'low', 2: 'normal', 3: 'medium', 4: 'high', 5: 'critical' };
  const HISTORY_LIMIT = 100;

  let client = null;
  const items = new Map();   // id -> notification object as received
  let arrival = 0;           // tie-breaker for equal created_at
  // Synchronising after connect or a filter change: 'filters' (waiting for the server to confirm
  // the filter; notifications matched the old one and are ignored: the history will hold them),
  // 'history' (collecting live ones the history might miss), then 'live'.
  let phase = 'filters';
  let collected = [];
  let onlyUnread = false;    // the filter in force, as the server confirmed it

  function currentFilters() {
    const types = Array.prototype.slice.call(document.querySelectorAll('.filter-type'))
      .filter(function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    const categories = $('filter-categories').value.split(',')
      .map(function (c) { return c.trim(); })
      .filter(function (c) { return c.length > 0; });
    return {
      types: types,
      categories: categories,
      min_priority: parseInt($('filter-priority').value, 10),
      only_unread: $('filter-unread').checked
    };
  }

  function synchronise() {
    if (client.state !== 'connected') {
      return; // every connection starts with a synchronisation: nothing to queue for it
    }
    phase = 'filters';
    collected = [];
    $('filter-state').textContent = 'applying…';
    client.send({ command: 'update_filters', filters: currentFilters() });
    client.send({ command: 'get_history', limit: HISTORY_LIMIT });
  }

  function isNotification(message) {
    return typeof message.id === 'string' && typeof message.title === 'string'
      && TYPES.indexOf(message.type) >= 0;
  }

  function remember(notification) {
    const known = items.get(notification.id);
    notification.seq = known ? known.seq : ++arrival;
    items.set(notification.id, notification);
  }

  function onMessage(message) {
    // First: a notification of type "error" is a notification, not an error frame (those carry
    // a code and no id).
    if (isNotification(message)) {
      if (phase === 'history') {
        collected.push(message);
      } else if (phase === 'live') {
        remember(message);
        render();
        notifyBrowser(message);
      }
    } else if (message.type === 'history') {
      items.clear();
      (message.history || []).forEach(remember);
      collected.forEach(remember);
      collected = [];
      phase = 'live';
      $('filter-state').textContent = 'filters applied';
      render();
    } else if (message.type === 'filters') {
      onlyUnread = Boolean(message.filters && message.filters.only_unread);
      if (phase === 'filters') {
        phase = 'history';
      }
    } else if (message.type === 'read') {
      (message.notification_ids || []).forEach(function (id) {
        const known = items.get(id);
        if (known && onlyUnread) {
          items.delete(id);   // what the filter asks for: the history would no longer list it
        } else if (known) {
          known.is_read = true;
        }
      });
      render();
    } else if (message.type === 'error') {
      showError(message.message || message.code);
    }
  }

  function showError(text) {
    const box = $('error');
    box.textContent = text;
    box.classList.remove('hidden');
  }

  function sorted() {
    return Array.from(items.values()).sort(function (a, b) {
      const byTime = String(b.created_at).localeCompare(String(a.created_at));
      return byTime !== 0 ? byTime : b.seq - a.seq;
    });
  }

  function safeLink(url) {
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch (error) {
      return false;
    }
  }

  function renderOne(n) {
    const card = element('div', 'notification ' + n.type + (n.is_read ? ' read' : ' unread'));
    card.dataset.id = n.id;
    const head = element('div', 'head');
    head.appendChild(element('span', 'type-badge ' + n.type, n.type));
    head.appendChild(element('span', 'title', n.title));
    const priority = Number(n.priority);
    head.appendChild(element('span', 'priority-badge priority-' + priority,
      'P' + priority + ' ' + (PRIORITY_NAMES[priority] || '')));
    card.appendChild(head);
    card.appendChild(element('div', 'message', n.message));
    const meta = [new Date(n.created_at).toLocaleString()];
    if (n.category) {
      meta.push('category: ' + n.category);
    }
    if (n.user_id) {
      meta.push('to: ' + (Array.isArray(n.user_id) ? n.user_id.join(', ') : n.user_id));
    }
    if (n.user_role) {
      meta.push('role: ' + n.user_role);
    }
    if (n.expires_at) {
      meta.push('expires: ' + new Date(n.expires_at).toLocaleString());
    }
    card.appendChild(element('div', 'meta', meta.join(' · ')));
    const actions = element('div', 'actions');
    if (n.action_url && safeLink(n.action_url)) {
      const link = element('a', 'action-link', 'Open');
      link.href = n.action_url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      actions.appendChild(link);
    }
    if (n.is_read) {
      actions.appendChild(element('span', 'state', 'read'));
    } else {
      const button = element('button', 'mark-read secondary', 'Mark read');
      button.type = 'button';
      button.addEventListener('click', function () {
        client.send({ command: 'mark_read', notification_id: n.id });
      });
      actions.appendChild(button);
    }
    card.appendChild(actions);
    return card;
  }

  function render() {
    const list = sorted();
    $('notifications').replaceChildren.apply($('notifications'), list.map(renderOne));
    $('count-total').textContent = String(list.length);
    $('count-unread').textContent = String(list.filter(function (n) { return !n.is_read; }).length);
    $('count-high').textContent = String(list.filter(function (n) { return Number(n.priority) >= 4; }).length);
  }

  function notifyBrowser(n) {
    if (n.is_read || !('Notification' in window) || Notification.permission !== 'granted') {
      return;
    }
    try {
      new Notification(n.title, { body: n.message, tag: n.id });
    } catch (error) {
      // Some browsers allow notifications only from a service worker; the list still shows it.
    }
  }

  function onStateChange(change) {
    const status = statusOf(change);
    const badge = $('status');
    badge.textContent = status;
    badge.className = 'status ' + status;
    badge.title = change.reason;
    if (change.current === 'connected') {
      synchronise();
    }
  }

  function post(notification) {
    const result = $('create-result');
    result.textContent = 'sending…';
    return fetch('/api/notifications', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(notification)
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body.message || ('HTTP ' + response.status));
        }
        result.textContent = 'created ' + body.id;
        return body;
      });
    }).catch(function (error) {
      result.textContent = 'not created: ' + error.message;
      throw error;
    });
  }

  function optional(target, field, value) {
    const trimmed = value.trim();
    if (trimmed) {
      target[field] = trimmed;
    }
  }

  function create(event) {
    event.preventDefault();
    const notification = {
      type: $('notif-type').value,
      title: $('notif-title').value,
      message: $('notif-message').value,
      priority: parseInt($('notif-priority').value, 10)
    };
    optional(notification, 'category', $('notif-category').value);
    optional(notification, 'action_url', $('notif-action').value);
    optional(notification, 'user_id', $('notif-user').value);
    optional(notification, 'user_role', $('notif-role').value);
    post(notification).then(function () {
      $('notif-title').value = '';
      $('notif-message').value = '';
    }, function () { /* shown in create-result */ });
  }

  function pick(values) {
    return values[Math.floor(Math.random() * values.length)];
  }

  function createRandom() {
    const samples = [
      ['System update', 'The system was updated successfully.'],
      ['New message', 'You have received a new message.'],
      ['Security alert', 'Suspicious activity was detected.'],
      ['Task finished', 'Your task has completed.'],
      ['Error detected', 'Something went wrong while processing.'],
      ['Backup complete', 'The automatic backup has finished.']
    ];
    const sample = pick(samples);
    post({
      type: pick(TYPES), title: sample[0], message: sample[1],
      priority: 1 + Math.floor(Math.random() * 5), category: 'auto'
    }).catch(function () { /* shown in create-result */ });
  }

  function enableBrowserNotifications() {
    if (!('Notification' in window)) {
      showError('This browser has no notifications.');
      return;
    }
    // Asked only on a click: browsers ignore (or punish) permission prompts without a gesture.
    Notification.requestPermission().then(function (permission) {
      $('browser-notify').textContent = 'Browser notifications: ' + permission;
    });
  }

  function connect(event) {
    event.preventDefault();
    const username = $('username').value.trim();
    const role = $('role').value;
    if (!username) {
      $('login-error').textContent = 'Please enter your name.';
      $('login-error').classList.remove('hidden');
      return;
    }
    $('login').classList.add('hidden');
    $('app').classList.remove('hidden');
    $('whoami').textContent = username + ' (' + role + ')';
    client = new RealtimeClient('/notifications', {
      query: { username: username, role: role },
      rooms: null,
      onStateChange: onStateChange,
      onMessage: onMessage
    });
    client.connect();
  }

  $('login-form').addEventListener('submit', connect);
  $('create-form').addEventListener('submit', create);
  $('random').addEventListener('click', createRandom);
  $('filter-form').addEventListener('submit', function (event) {
    event.preventDefault();
    synchronise();
  });
  $('reload').addEventListener('click', synchronise);
  $('mark-all').addEventListener('click', function () { client.send({ command: 'mark_all_read' }); });
  $('browser-notify').addEventListener('click', enableBrowserNotifications);
  $('error').addEventListener('click', function () { $('error').classList.add('hidden'); });
})();
