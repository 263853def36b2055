/*
 * The tour dashboard (exercise 4): a card per tour coloured by availability (> 10, 5-10, < 5),
 * its seats and last update, a book button, and the connection state. Tour names come from the
 * server and are shown with textContent only.
 */
(function () {
  'use strict';
  const $ = function (id) { return document.getElementById(id); };
  const cards = new Map();
  let session = { token: null };

  function availabilityClass(seats) {
    if (seats > 10) { return 'high'; }
    if (seats >= 5) { return 'medium'; }
    return 'low';
  }

  function availabilityEmoji(seats) {
    if (seats > 10) { return '🟢'; }
    if (seats >= 5) { return '🟠'; }
    return '🔴';
  }

  function card(tourId) {
    let entry = cards.get(tourId);
    if (entry) {
      return entry;
    }
    const root = Realtime.element('div', 'tour-card');
    root.dataset.tourId = tourId;
    const header = Realtime.element('div', 'tour-header');
    const name = Realtime.element('h3', 'tour-name');
    header.appendChild(name);
    const body = Realtime.element('div', 'tour-body');
    const availability = Realtime.element('div', 'availability');
    const emoji = Realtime.element('span', 'emoji');
    const seats = Realtime.element('span', 'seats');
    availability.appendChild(emoji);
    availability.appendChild(seats);
    availability.appendChild(Realtime.element('span', 'label', 'seats'));
    const updated = Realtime.element('div', 'last-update');
    const form = Realtime.element('div', 'book-row');
    const count = Realtime.element('input', 'book-seats');
    count.type = 'number';
    count.min = '1';
    count.max = '100';
    count.value = '1';
    count.setAttribute('aria-label', 'seats to book');
    const button = Realtime.element('button', 'book', 'Book');
    button.type = 'button';
    form.appendChild(count);
    form.appendChild(button);
    const result = Realtime.element('div', 'book-result muted');
    body.appendChild(availability);
    body.appendChild(updated);
    body.appendChild(form);
    body.appendChild(result);
    root.appendChild(header);
    root.appendChild(body);
    $('tours').appendChild(root);
    entry = { root: root, name: name, emoji: emoji, seats: seats, updated: updated, count: count,
      button: button, result: result, version: -1 };
    button.addEventListener('click', function () { book(tourId, entry); });
    cards.set(tourId, entry);
    return entry;
  }

  function show(message) {
    const entry = card(message.tourId);
    // Versions order the changes: an older one arriving late never moves the count back.
    if (typeof message.version === 'number' && message.version < entry.version) {
      return;
    }
    entry.version = typeof message.version === 'number' ? message.version : entry.version;
    const seats = message.availableSeats;
    entry.root.className = 'tour-card ' + availabilityClass(seats);
    entry.root.dataset.seats = String(seats);
    entry.name.textContent = message.tourName;
    entry.emoji.textContent = availabilityEmoji(seats);
    entry.seats.textContent = String(seats);
    entry.updated.textContent = 'Updated ' + new Date(message.timestamp).toLocaleTimeString();
    entry.button.disabled = seats === 0;
    $('waiting').classList.add('hidden');
  }

  function book(tourId, entry) {
    const seats = parseInt(entry.count.value, 10);
    const headers = { 'Content-Type': 'application/json' };
    if (session.token) {
      headers.Authorization = 'Bearer ' + session.token;
    }
    entry.button.disabled = true;
    fetch('/api/tours/' + encodeURIComponent(tourId) + '/bookings', {
      method: 'POST', headers: headers, body: JSON.stringify({ seats: seats })
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (answer) {
      if (answer.status === 201) {
        entry.result.textContent = 'Booked ' + answer.body.seats + ' (booking ' + answer.body.id.slice(0, 8) + ')';
        entry.result.dataset.outcome = 'booked';
      } else {
        entry.result.textContent = answer.body.message || ('refused: ' + answer.status);
        entry.result.dataset.outcome = String(answer.status);
      }
    }).catch(function (error) {
      entry.result.textContent = 'booking failed: ' + error;
      entry.result.dataset.outcome = 'error';
    }).then(function () {
      entry.button.disabled = entry.root.dataset.seats === '0';
    });
  }

  Tours.showNode($('node'));
  Tours.load().then(function (loaded) {
    session = loaded;
    const client = Realtime.client('/tours', {
      query: function () { return session.token ? { token: session.token } : {}; },
      onMessage: function (message) {
        if (message.type === 'INITIAL_STATE' || message.type === 'AVAILABILITY_UPDATE') {
          show(message);
        }
      },
      onStatus: function (status, detail) { Tours.showStatus($('status'), status, detail); }
    });
    client.connect();
    window.toursClient = client;
  });
})();
