(function () {
  'use strict';
  const $ = function (id) { return document.getElementById(id); };
  const messages = $('messages');
  const input = $('message-input');
  let client = null;

  function add(kind, label, text) {
    const line = Realtime.element('div', 'message ' + kind);
    line.appendChild(Realtime.element('span', 'label', label));
    line.appendChild(Realtime.element('span', 'text', text));
    messages.appendChild(line);
    messages.scrollTop = messages.scrollHeight;
  }

  function setConnected(connected) {
    $('connect').disabled = connected;
    $('disconnect').disabled = !connected;
    input.disabled = !connected;
    $('send').disabled = !connected;
    if (connected) {
      input.focus();
    }
  }

  function onStatus(status, detail) {
    const badge = $('status');
    badge.textContent = status;
    badge.className = 'status ' + status;
    if (status === 'connected') {
      setConnected(true);
      add('info', '', 'connected');
    } else if (status === 'disconnected' || status === 'reconnecting') {
      setConnected(false);
      add('info', '', status + (detail ? ' (' + detail + ')' : ''));
    }
  }

  $('connect').addEventListener('click', function () {
    client = Realtime.client('/ws', {
      json: false,
      heartbeat: false,
      onStatus: onStatus,
      onMessage: function (data) {
        add('received', 'received: ', typeof data === 'string' ? data : '[' + data.byteLength + ' bytes]');
      }
    });
    client.connect();
  });

  $('disconnect').addEventListener('click', function () {
    if (client) {
      client.close();
    }
  });

  $('send-form').addEventListener('submit', function (event) {
    event.preventDefault();
    const text = input.value;
    if (text && client && client.send(text)) {
      add('sent', 'sent: ', text);
      input.value = '';
    }
  });
})();
