/*
 * The random-number display (exercise 2): the current value, when it arrived, the last ten
 * values, and the connection state.
 */
import { RealtimeClient, element, statusOf } from './realtime-client.js';
import * as Tours from './tours-auth.js';

(function () {
  const $ = function (id) { return document.getElementById(id); };
  const HISTORY = 10;

  function show(message) {
    const at = new Date(message.timestamp);
    $('value').textContent = String(message.value);
    $('received').textContent = at.toLocaleTimeString();
    $('current').classList.remove('hidden');
    $('waiting').classList.add('hidden');
    const item = element('li');
    item.appendChild(element('span', 'history-value', message.value));
    item.appendChild(element('span', 'history-time', '(' + at.toLocaleTimeString() + ')'));
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
    const client = new RealtimeClient('/random', {
      token: function () { return session.token; },
      heartbeat: false,
      rooms: null,
      onMessage: function (message) {
        if (message.type === 'RANDOM_NUMBER') {
          show(message);
        }
      },
      onStateChange: function (change) { Tours.showStatus($('status'), statusOf(change), change.reason); }
    });
    client.connect();
  });
})();
