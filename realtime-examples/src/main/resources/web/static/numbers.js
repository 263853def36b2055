/*
 * The random-number display (exercise 2): the current value, when it arrived, the last ten
 * values, and the connection state.
 */
(function () {
  'use strict';
  const $ = function (id) { return document.getElementById(id); };
  const HISTORY = 10;

  function show(message) {
    const at = new Date(message.timestamp);
    $('value').textContent = String(message.value);
    $('received').textContent = at.toLocaleTimeString();
    $('current').classList.remove('hidden');
    $('waiting').classList.add('hidden');
    const item = Realtime.element('li');
    item.appendChild(Realtime.element('span', 'history-value', message.value));
    item.appendChild(Realtime.element('span', 'history-time', '(' + at.toLocaleTimeString() + ')'));
    item.dataset.timestamp = message.timestamp;
    const list = $('history');
    list.insertBefore(item, list.firstChild);
    while (list.children.length > HISTORY) {
      list.removeChild(list.lastChild);
    }
    $('history-box').classList.remove('hidden');
  }

  Tours.showNode($('node'));
  Tours.load().then(function (session) {
    const client = Realtime.client('/random', {
      query: function () { return session.token ? { token: session.token } : {}; },
      onMessage: function (message) {
        if (message.type === 'RANDOM_NUMBER') {
          show(message);
        }
      },
      onStatus: function (status, detail) { Tours.showStatus($('status'), status, detail); }
    });
    client.connect();
  });
})();
