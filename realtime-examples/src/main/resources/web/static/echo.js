import { RealtimeClient, element, statusOf } from './realtime-client.js';

(function () {
  const $ = function (id) { return document.getElementById(id); };
  const messages = $('messages');
  const input = $('message-input');
  let client = null;

  function add(kind, label, text) {
    const line = element('div', 'message ' + kind);
    line.appendChild(element('span', 'label', label));
    line.appendChild(element('span', 'text', text));
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

  function onStateChange(change) {
    const status = statusOf(change);
    const badge = $('status');
    badge.textContent = status;
    badge.className = 'status ' + status;
    if (status === 'connected') {
      setConnected(true);
      add('info', '', 'connected');
    } else if (status === 'disconnected' || status === 'reconnecting') {
      setConnected(false);
      add('info', '', status + (change.reason ? ' (' + change.reason + ')' : ''));
    }
  }

  $('connect').addEventListener('click', function () {
    // Every frame comes back as it was sent: no heartbeat (a ping would come back as a ping), no
    // rooms, and nothing queued while disconnected (the send button is off then anyway).
    client = new RealtimeClient('/ws', {
      heartbeat: false,
      rooms: null,
      maxQueuedMessages: 0,
      onStateChange: onStateChange,
      onText: function (text) { add('received', 'received: ', text); },
      onBinary: function (data) { add('received', 'received: ', '[' + data.byteLength + ' bytes]'); }
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
    if (text && client && client.send(text) === 'sent') {
      add('sent', 'sent: ', text);
      input.value = '';
    }
  });
})();
