import { DEFAULT_STOP_CODES, RealtimeClient, element, statusOf } from './realtime-client.js';

(function () {
  const $ = function (id) { return document.getElementById(id); };
  // Close codes after which reconnecting with the same credentials cannot help: those of
  // realtime-client.js plus 4002, after which the page renews its token itself (once).
  const NO_RETRY = DEFAULT_STOP_CODES.concat([4002]);
  const AUTH_CLOSE_CODES = [4001, 4002, 4003];
  // Development tokens are refreshed at least this long before they expire.
  const REFRESH_MARGIN_MS = 60000;
  let client = null;
  let me = '';
  let room = '';
  let authMode = false;
  // Our own connections, by the id each welcome frame gave (a reconnect gets a new one, and
  // recovered messages carry the old): messages are ours by connection, never by a name that
  // someone else may also have picked.
  let ownClients = {};
  // Each connection to the server is one generation; messages we sent wait for their echo.
  let generation = 0;
  let nextId = 1;
  let pending = {};  // id -> {content, generation}
  // The room's users: name -> connections, from the full list and the changes after it.
  let users = {};
  // token: the current token; own: typed by the user (cannot be renewed here);
  // renewed: a renewal after expiry was tried and no working session followed yet.
  const auth = { token: null, own: false, expiresAt: null, timer: null, renewed: false, lastError: null };

  // The server says whether it wants tokens (chat --auth); plain mode if it cannot be asked.
  const configReady = fetch('/chat-config.json', { cache: 'no-store' })
    .then(function (response) { return response.ok ? response.json() : { auth: false }; })
    .catch(function () { return { auth: false }; })
    .then(function (config) {
      authMode = config.auth === true;
      $('auth-fields').classList.toggle('hidden', !authMode);
      document.body.dataset.auth = String(authMode);
    });

  function addMessage(message) {
    const kind = message.type === 'error' ? 'error'
      : (message.type === 'join' || message.type === 'leave' || message.type === 'notice') ? 'system'
        : ownClients[message.client_id] === true ? 'own' : 'other';
    const line = element('div', 'message ' + kind);
    const time = message.timestamp ? new Date(message.timestamp).toLocaleTimeString() : '';
    const who = message.type === 'error' ? 'error' : message.type === 'notice' ? 'note' : message.username;
    line.appendChild(element('div', 'meta', who + (time ? ' · ' + time : '')));
    // textContent, never innerHTML: whatever users type is shown as text.
    line.appendChild(element('div', 'content', message.type === 'error' ? message.message : message.content));
    if (message.type === 'message' && typeof message.offset === 'number') {
      line.dataset.offset = String(message.offset);
    }
    const list = $('messages');
    list.appendChild(line);
    list.scrollTop = list.scrollHeight;
  }

  function note(text) {
    addMessage({ type: 'notice', content: text, timestamp: new Date().toISOString() });
  }

  /** Each user once, with its number of connections when more than one. */
  function showUsers() {
    const list = $('users');
    list.replaceChildren();
    const names = Object.keys(users).sort();
    names.forEach(function (name) {
      const item = element('li', name === me ? 'me' : '');
      item.appendChild(element('span', 'name', name));
      if (users[name] > 1) {
        item.appendChild(element('span', 'connections', ' (' + users[name] + ')'));
        item.title = users[name] + ' connections';
      }
      list.appendChild(item);
    });
    $('user-count').textContent = String(names.length);
  }

  /** The whole list ({"type":"users"}): replaces what we had. */
  function setUsers(message) {
    users = {};
    const counts = message.connections || {};
    (message.users || []).forEach(function (name) {
      users[name] = typeof counts[name] === 'number' ? counts[name] : (users[name] || 0) + 1;
    });
    showUsers();
  }

  /** A change ({"type":"presence"}): each changed user's connection count now, 0 when gone. */
  function applyPresence(message) {
    const counts = message.connections || {};
    Object.keys(counts).forEach(function (name) {
      if (counts[name] > 0) {
        users[name] = counts[name];
      } else {
        delete users[name];
      }
    });
    showUsers();
  }

  /** After a recovery: what we sent on an earlier connection and never saw come back was lost. */
  function settlePending(recovered) {
    Object.keys(pending).forEach(function (id) {
      const sent = pending[id];
      if (sent.generation < generation) {
        delete pending[id];
        addMessage({ type: 'error', message: (recovered ? 'not delivered (the connection dropped): '
          : 'maybe not delivered (the connection dropped): ') + sent.content });
      }
    });
  }

  function onRecovery(recovery) {
    if (recovery.room !== room) {
      return;
    }
    settlePending(recovery.recovered);
    if (!recovery.recovered) {
      // Nothing can be replayed: say where messages may be missing, and reload the user list.
      note('Some messages may be missing here (' + (recovery.reason || 'not recovered') + ').');
      if (client) {
        client.send({ type: 'users' });
      }
    }
  }

  function showNode(node) {
    $('node').textContent = node ? 'node ' + node : '';
    $('node').title = node ? 'connected to cluster node ' + node : '';
  }

  function setConnected(connected) {
    $('message-input').disabled = !connected;
    $('send').disabled = !connected;
  }

  function onStatus(status, detail) {
    const badge = $('status');
    badge.textContent = status;
    badge.className = 'status ' + status;
    badge.title = detail || '';
    setConnected(status === 'connected');
  }

  function showLoginError(text) {
    $('login-error').textContent = text;
    $('login-error').classList.remove('hidden');
  }

  /** Asks the development-only endpoint for a token in this name. */
  function fetchToken(name) {
    return fetch('/token?username=' + encodeURIComponent(name), { cache: 'no-store' }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok || !body.token) {
          throw new Error(body.message || ('the token endpoint answered ' + response.status));
        }
        return body;
      });
    });
  }

  /** The name inside a token, for display only: the server verifies the token, not the page. */
  function nameInToken(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const claims = JSON.parse(atob(payload));
      return typeof claims.username === 'string' ? claims.username
        : typeof claims.name === 'string' ? claims.name : null;
    } catch (error) {
      return null;
    }
  }

  function useToken(issued) {
    auth.token = issued.token;
    auth.expiresAt = issued.expires_at ? Date.parse(issued.expires_at) : null;
    scheduleRefresh();
  }

  // Refresh in-session before expiry, so the connection never has to close.
  function scheduleRefresh() {
    clearTimeout(auth.timer);
    auth.timer = null;
    if (auth.own || !auth.expiresAt) {
      return;
    }
    // Halfway through the token's life, and at the latest a minute before it ends.
    const left = auth.expiresAt - Date.now();
    const delay = Math.max(1000, Math.min(left / 2, left - REFRESH_MARGIN_MS));
    auth.timer = setTimeout(function () {
      fetchToken(me).then(function (issued) {
        useToken(issued);
        if (client) {
          client.send({ type: 'refresh_token', token: issued.token });
        }
      }).catch(function () {
        // the session then ends with 4002 and the page renews once from there
      });
    }, delay);
  }

  function isExpiry(change) {
    return change.closeCode === 4002
      || (change.closeCode === 4001 && auth.lastError !== null && auth.lastError.code === 'token_expired');
  }

  function connect() {
    // The client resumes the room on every reconnect from the last frame shown (?since=…&epoch=…,
    // its default chat rooms), so the conversation has no gap and no repeat, whichever node answers.
    const current = new RealtimeClient('/ws', {
      query: function () { return authMode ? { room: room } : { username: me, room: room }; },
      // Asked before every attempt: the token in force (kept fresh in-band by refresh_token).
      token: function () { return authMode ? auth.token : null; },
      stopCodes: NO_RETRY,
      // Nothing waits for a later connection: a message either goes now or is refused (the send
      // button is off while disconnected), so 'pending' below only holds what reached a socket.
      maxQueuedMessages: 0,
      onStateChange: function (change) {
        if (client !== current) {
          return;
        }
        onStatus(statusOf(change), change.reason);
        if (change.current === 'connected') {
          auth.lastError = null;
          generation += 1;
          $('message-input').focus();
        } else if (change.previous === 'connected') {
          onLost(current, change);
        }
      },
      onRecovery: onRecovery,
      onMessage: function (message) {
        if (message.type === 'welcome') {
          ownClients[message.client_id] = true;
          showNode(message.node);
        } else if (message.type === 'users') {
          auth.renewed = false;
          if (message.room === room) {
            setUsers(message);
          }
        } else if (message.type === 'presence') {
          if (message.room === room) {
            applyPresence(message);
          }
        } else if (message.type === 'error') {
          auth.lastError = message;
          const failed = message.id !== undefined ? pending[message.id] : undefined;
          if (failed) {
            delete pending[message.id];
            addMessage({ type: 'error', message: message.message + ' — not sent: ' + failed.content });
          } else {
            addMessage(message);
          }
        } else if (message.type === 'message' || message.type === 'join' || message.type === 'leave') {
          auth.renewed = false;
          if (message.type === 'message' && ownClients[message.client_id] === true) {
            delete pending[message.id];
          }
          addMessage(message);
        }
      }
    });
    client = current;
    current.connect();
  }

  /** A connection ended: renew an expired session once, or say why it stopped. */
  function onLost(current, change) {
    if (change.current === 'closed') {
      return;
    }
    if (authMode && isExpiry(change) && !auth.own && !auth.renewed) {
      // One fresh token and one new attempt; if that fails too, the reason stays on screen.
      auth.renewed = true;
      fetchToken(me).then(function (issued) {
        useToken(issued);
        if (client === current) {
          current.connect();
        }
      }).catch(function (error) {
        addMessage({ type: 'error', message: 'could not renew the session: ' + error.message });
      });
      return;
    }
    if (!change.willRetry && change.closeCode !== 1000) {
      const serverSaid = AUTH_CLOSE_CODES.indexOf(change.closeCode) >= 0 && auth.lastError ? auth.lastError.message : null;
      addMessage({ type: 'error', message: 'disconnected: ' + (serverSaid || change.reason || 'code ' + change.closeCode) });
    }
  }

  function showChat() {
    $('login-error').classList.add('hidden');
    $('login').classList.add('hidden');
    $('chat').classList.remove('hidden');
    $('current-room').textContent = room;
    $('messages').replaceChildren();
    ownClients = {};
    pending = {};
    users = {};
    showUsers();
  }

  function join(event) {
    event.preventDefault();
    me = $('username').value.trim();
    room = $('room').value.trim() || 'general';
    if (!me) {
      showLoginError('Please enter your name.');
      return;
    }
    configReady.then(function () {
      if (!authMode) {
        return null;
      }
      const given = $('token').value.trim();
      auth.own = given !== '';
      auth.renewed = false;
      return auth.own ? { token: given } : fetchToken(me);
    }).then(function (issued) {
      if (issued) {
        useToken(issued);
        // With a token, the server names us after it: style our own messages by that name.
        me = issued.username || nameInToken(issued.token) || me;
      }
      showChat();
      connect();
    }).catch(function (error) {
      showLoginError('Could not get a token: ' + error.message);
    });
  }

  function send(event) {
    event.preventDefault();
    const input = $('message-input');
    const content = input.value.trim();
    const id = 'm' + nextId;
    if (content && client && client.send({ type: 'message', content: content, id: id }) === 'sent') {
      nextId += 1;
      // Kept until it comes back: an "unavailable" error for this id says it was not delivered.
      pending[id] = { content: content, generation: generation };
      input.value = '';
    }
  }

  function leave() {
    clearTimeout(auth.timer);
    auth.timer = null;
    if (client) {
      const closing = client;
      client = null;
      closing.close();
    }
    $('chat').classList.add('hidden');
    $('login').classList.remove('hidden');
    showNode(null);
    onStatus('disconnected');
  }

  $('login-form').addEventListener('submit', join);
  $('send-form').addEventListener('submit', send);
  $('leave').addEventListener('click', leave);
})();
