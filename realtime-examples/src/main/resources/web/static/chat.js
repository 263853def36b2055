(function () {
  'use strict';
  const $ = function (id) { return document.getElementById(id); };
  let client = null;
  let me = '';
  let room = '';

  function addMessage(message) {
    const kind = message.type === 'error' ? 'error'
      : (message.type === 'join' || message.type === 'leave') ? 'system'
        : message.username === me ? 'own' : 'other';
    const line = Realtime.element('div', 'message ' + kind);
    const time = message.timestamp ? new Date(message.timestamp).toLocaleTimeString() : '';
    const who = message.type === 'error' ? 'error' : message.username;
    line.appendChild(Realtime.element('div', 'meta', who + (time ? ' · ' + time : '')));
    // textContent, never innerHTML: whatever users type is shown as text.
    line.appendChild(Realtime.element('div', 'content', message.type === 'error' ? message.message : message.content));
    const list = $('messages');
    list.appendChild(line);
    list.scrollTop = list.scrollHeight;
  }

  function showUsers(users) {
    const list = $('users');
    list.replaceChildren();
    users.forEach(function (name) {
      list.appendChild(Realtime.element('li', name === me ? 'me' : '', name));
    });
    $('user-count').textContent = String(users.length);
  }

  function setConnected(connected) {
    $('message-input').disabled = !connected;
    $('send').disabled = !connected;
  }

  function onStatus(status, detail) {
    const badge = $('status');
    badge.textContent = status + (status === 'reconnecting' || status === 'disconnected' ? '' : '');
    badge.className = 'status ' + status;
    badge.title = detail || '';
    setConnected(status === 'connected');
  }

  function join(event) {
    event.preventDefault();
    me = $('username').value.trim();
    room = $('room').value.trim() || 'general';
    if (!me) {
      $('login-error').textContent = 'Please enter your name.';
      $('login-error').classList.remove('hidden');
      return;
    }
    $('login-error').classList.add('hidden');
    $('login').classList.add('hidden');
    $('chat').classList.remove('hidden');
    $('current-room').textContent = room;
    $('messages').replaceChildren();
    client = Realtime.client('/ws', {
      query: { username: me, room: room },
      onStatus: onStatus,
      onOpen: function () {
        client.send({ type: 'users' });
        $('message-input').focus();
      },
      onMessage: function (message) {
        if (message.type === 'users') {
          if (message.room === room) {
            showUsers(message.users || []);
          }
        } else if (message.type === 'message' || message.type === 'join' || message.type === 'leave'
          || message.type === 'error') {
          addMessage(message);
        }
      },
      onClose: function (event, willRetry) {
        if (!willRetry && event.code !== 1000) {
          addMessage({ type: 'error', message: 'disconnected: ' + (event.reason || 'code ' + event.code) });
        }
      }
    });
    client.connect();
  }

  function send(event) {
    event.preventDefault();
    const input = $('message-input');
    const content = input.value.trim();
    if (content && client && client.send({ type: 'message', content: content })) {
      input.value = '';
    }
  }

  function leave() {
    if (client) {
      client.close();
      client = null;
    }
    $('chat').classList.add('hidden');
    $('login').classList.remove('hidden');
    onStatus('disconnected');
  }

  $('login-form').addEventListener('submit', join);
  $('send-form').addEventListener('submit', send);
  $('leave').addEventListener('click', leave);
})();
