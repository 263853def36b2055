/*
 * The collaborative editor page: ot.js's client state machine (synchronized, awaiting confirm,
 * awaiting with buffer) in front of a textarea. Every input event is diffed against the text the
 * state machine holds, so typing, paste, cut, delete, undo and IME all become operations.
 * Everything users wrote is rendered with value/textContent only.
 */
(function () {
  'use strict';
  const TextOperation = OT.TextOperation;
  const $ = function (id) { return document.getElementById(id); };
  const LOG_LIMIT = 200;
  const CURSOR_DELAY_MS = 80;

  /** The client state machine, holding the text it believes in and the revision it is at. */
  function ClientState(send) {
    this.send = send;
    this.text = '';
    this.revision = null;
    this.outstanding = null; // { seq, op, sentOn }
    this.buffer = null;
    this.nextSeq = 1;
    this.connection = 0;
  }

  ClientState.prototype.state = function () {
    return this.outstanding === null ? 'synchronized' : this.buffer === null ? 'awaiting confirm' : 'awaiting with buffer';
  };

  ClientState.prototype.reset = function (text, revision) {
    this.text = text;
    this.revision = revision;
    this.outstanding = null;
    this.buffer = null;
  };

  ClientState.prototype.submit = function () {
    const out = this.outstanding;
    out.sentOn = this.send({ type: 'operation', version: this.revision, seq: out.seq, operation: out.op.toJSON() })
      ? this.connection : -1;
  };

  /** A local edit, already visible in the textarea. */
  ClientState.prototype.applyLocal = function (op) {
    this.text = op.apply(this.text);
    if (this.outstanding === null) {
      this.outstanding = { seq: this.nextSeq++, op: op, sentOn: -1 };
      this.submit();
    } else if (this.buffer === null) {
      this.buffer = op;
    } else {
      this.buffer = this.buffer.compose(op);
    }
  };

  /** Another client's operation at revision version - 1; returns it transformed for our text. */
  ClientState.prototype.applyServer = function (op, version) {
    if (this.outstanding !== null) {
      const pair = TextOperation.transform(this.outstanding.op, op);
      this.outstanding.op = pair[0];
      op = pair[1];
      if (this.buffer !== null) {
        const again = TextOperation.transform(this.buffer, op);
        this.buffer = again[0];
        op = again[1];
      }
    }
    this.text = op.apply(this.text);
    this.revision = version;
    return op;
  };

  /** The server applied our operation seq, producing version; sends the buffer next. */
  ClientState.prototype.ack = function (seq, version) {
    if (this.outstanding === null || this.outstanding.seq !== seq) {
      return false; // a repeated ack for a resubmission
    }
    this.revision = version;
    this.outstanding = null;
    if (this.buffer !== null) {
      this.outstanding = { seq: this.nextSeq++, op: this.buffer, sentOn: -1 };
      this.buffer = null;
      this.submit();
    }
    return true;
  };

  /** After a reconnect's catch-up: resubmit what is in flight if this connection has not sent it. */
  ClientState.prototype.resubmit = function () {
    if (this.outstanding !== null && this.outstanding.sentOn !== this.connection) {
      this.submit();
    }
  };

  // ---- the page ----

  const session = randomId();
  let client = null;
  let me = null;
  let state = null;
  let composing = false;
  let held = [];
  const users = new Map();
  let cursorTimer = null;
  let lastCursorSent = '';

  function randomId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  function editor() { return $('editor'); }

  function log(text, kind) {
    const list = $('log');
    list.insertBefore(Realtime.element('li', kind || '', text), list.firstChild);
    while (list.childNodes.length > LOG_LIMIT) {
      list.removeChild(list.lastChild);
    }
  }

  function describe(op) {
    const parts = [];
    let at = 0;
    op.ops.forEach(function (c) {
      if (typeof c === 'string') {
        parts.push('insert ' + JSON.stringify(c.length > 40 ? c.slice(0, 40) + '…' : c) + ' at ' + at);
        at += c.length;
      } else if (c < 0) {
        parts.push('delete ' + (-c) + ' at ' + at);
      } else {
        at += c;
      }
    });
    return parts.join(', ') || 'no change';
  }

  function showStats() {
    const text = state.text;
    $('char-count').textContent = String(Array.from(text).length);
    $('version').textContent = state.revision === null ? '-' : String(state.revision);
    $('sync-state').textContent = state.state();
    renderCursors();
  }

  /** Puts text into the textarea, moving the local selection through op (null: keep offsets). */
  function showText(text, op) {
    const area = editor();
    let start = area.selectionStart;
    let end = area.selectionEnd;
    const direction = area.selectionDirection;
    if (op) {
      start = TextOperation.transformIndex(start, op);
      end = TextOperation.transformIndex(end, op);
    }
    if (area.value !== text) {
      area.value = text;
    }
    if (document.activeElement === area || op) {
      area.setSelectionRange(Math.min(start, text.length), Math.min(end, text.length), direction);
    }
    moveRemoteCursors(op);
    showStats();
  }

  function moveRemoteCursors(op) {
    if (!op) { return; }
    users.forEach(function (user) {
      user.position = TextOperation.transformIndex(Math.min(user.position, op.baseLength), op);
      user.selection_end = TextOperation.transformIndex(Math.min(user.selection_end, op.baseLength), op);
    });
  }

  // ---- local edits ----

  function onInput() {
    if (composing || state === null || state.revision === null) {
      return;
    }
    const area = editor();
    const op = TextOperation.diff(state.text, area.value, area.selectionEnd);
    if (!op.isNoop()) {
      state.applyLocal(op);
      moveRemoteCursors(op); // as the server moves them, so markers stay by their text
      log('you: ' + describe(op), 'own');
    }
    showStats();
    scheduleCursor();
  }

  function onCompositionEnd() {
    composing = false;
    onInput();
    // Frames that arrived while the IME owned the textarea are applied now, in order.
    const waiting = held;
    held = [];
    waiting.forEach(handle);
  }

  function scheduleCursor() {
    if (cursorTimer !== null) { return; }
    cursorTimer = setTimeout(function () {
      cursorTimer = null;
      const area = editor();
      const key = area.selectionStart + ':' + area.selectionEnd;
      // Only a synchronized text has server coordinates; the ack that synchronizes us sends it then.
      if (client && state && state.outstanding === null && state.revision !== null && key !== lastCursorSent
        && client.send({ type: 'cursor', version: state.revision,
          cursor: { position: area.selectionStart, selection_end: area.selectionEnd } })) {
        lastCursorSent = key;
      }
    }, CURSOR_DELAY_MS);
  }

  // ---- remote cursors and users ----

  function renderUsers() {
    const list = $('users');
    list.replaceChildren();
    const all = [me].concat(Array.from(users.values())).filter(Boolean);
    all.forEach(function (user) {
      const item = Realtime.element('li', user === me ? 'me' : '');
      const swatch = Realtime.element('span', 'swatch');
      swatch.style.backgroundColor = user.color;
      item.appendChild(swatch);
      item.appendChild(Realtime.element('span', 'name', user.username + (user === me ? ' (you)' : '')));
      if (user !== me) {
        item.appendChild(Realtime.element('span', 'where muted', lineColumn(user.position)));
      }
      list.appendChild(item);
    });
    $('user-count').textContent = String(all.length);
  }

  function lineColumn(position) {
    const before = state.text.slice(0, position);
    const lines = before.split('\n');
    return 'line ' + lines.length + ', col ' + (lines[lines.length - 1].length + 1);
  }

  /** Mirrors the text in a transparent layer over the textarea with a marker at each remote cursor. */
  function renderCursors() {
    const mirror = $('mirror');
    const text = state.text;
    const marks = Array.from(users.values())
      .map(function (user) { return { user: user, at: Math.min(user.position, text.length) }; })
      .sort(function (x, y) { return x.at - y.at; });
    mirror.replaceChildren();
    let from = 0;
    marks.forEach(function (mark) {
      mirror.appendChild(document.createTextNode(text.slice(from, mark.at)));
      const caret = Realtime.element('span', 'remote-cursor');
      caret.style.borderColor = mark.user.color;
      const label = Realtime.element('span', 'remote-label', mark.user.username);
      label.style.backgroundColor = mark.user.color;
      caret.appendChild(label);
      mirror.appendChild(caret);
      from = mark.at;
    });
    mirror.appendChild(document.createTextNode(text.slice(from) + '\n'));
    mirror.scrollTop = editor().scrollTop;
    renderUsers();
  }

  function rememberUser(user) {
    if (!me || user.id === me.id) { return; }
    const position = typeof user.position === 'number' ? user.position : 0;
    users.set(user.id, {
      id: user.id, username: user.username, color: user.color,
      position: position, selection_end: typeof user.selection_end === 'number' ? user.selection_end : position
    });
  }

  function setUsers(list, you) {
    me = you;
    users.clear();
    (list || []).forEach(rememberUser);
  }

  // ---- server frames ----

  function handle(message) {
    if (composing && (message.type === 'operation' || message.type === 'document_state')) {
      held.push(message);
      return;
    }
    switch (message.type) {
      case 'document_state':
        if (message.resync && message.seq !== undefined
          && (state.outstanding === null || state.outstanding.seq !== message.seq)) {
          return; // answers a submission we already replaced: our newer one may still apply
        }
        if (message.resync && state.outstanding !== null) {
          log('resynchronised: unsent edits were dropped', 'system');
        }
        state.reset(message.content, message.version);
        setUsers(message.users, message.you);
        $('doc-title').textContent = message.title;
        editor().disabled = false;
        showText(message.content, null);
        break;
      case 'caught_up':
        setUsers(message.users, message.you);
        state.resubmit();
        log('reconnected at version ' + message.version, 'system');
        showStats();
        break;
      case 'operation': {
        const op = state.applyServer(TextOperation.fromJSON(message.operation), message.version);
        showText(state.text, op);
        log((message.author || 'someone') + ': ' + describe(op), 'remote');
        break;
      }
      case 'ack':
        state.ack(message.seq, message.version);
        showStats();
        scheduleCursor();
        break;
      case 'cursor': {
        const user = users.get(message.user_id);
        if (user) {
          user.position = message.position;
          user.selection_end = message.selection_end;
          renderCursors();
        }
        break;
      }
      case 'user_joined':
        rememberUser(message.user);
        log(message.user.username + ' joined', 'system');
        renderCursors();
        break;
      case 'user_left':
        users.delete(message.user.id);
        log(message.user.username + ' left', 'system');
        renderCursors();
        break;
      case 'error':
        log('error: ' + message.message, 'error');
        if ((message.code === 'invalid_operation' || message.code === 'document_too_large') && state.outstanding !== null) {
          // Our operation was refused; the server's text is the truth, so start over from it.
          client.send({ type: 'resync' });
        } else if ((message.code === 'commit_conflict' || message.code === 'unavailable'
            || message.code === 'rate_limited') && state.outstanding !== null) {
          // Nothing was applied (other nodes kept winning, the store was out of reach, or we sent
          // too fast): send it again in a moment; if it did get through, the server recognises its
          // seq and acknowledges.
          const seq = state.outstanding.seq;
          const wait = message.code === 'rate_limited' ? 1000 : 50 + Math.floor(Math.random() * 200);
          setTimeout(function () {
            if (state.outstanding !== null && state.outstanding.seq === seq) {
              state.submit();
            }
          }, wait);
        }
        break;
      default:
        break;
    }
  }

  function onStatus(status, detail) {
    const badge = $('status');
    badge.textContent = status;
    badge.className = 'status ' + status;
    badge.title = detail || '';
  }

  function join(event) {
    event.preventDefault();
    const username = $('username').value.trim();
    const doc = $('doc').value.trim() || 'default';
    if (!username) {
      $('login-error').textContent = 'Please enter your name.';
      $('login-error').classList.remove('hidden');
      return;
    }
    $('login').classList.add('hidden');
    $('workspace').classList.remove('hidden');
    state = new ClientState(function (message) { return client.send(message); });
    client = Realtime.client('/editor', {
      query: function () {
        const query = { username: username, doc: doc, client: session };
        if (state.revision !== null) {
          query.version = state.revision; // ask for what we missed, not the whole text
        }
        return query;
      },
      onStatus: onStatus,
      onOpen: function () {
        state.connection++;
        lastCursorSent = '';
      },
      onMessage: handle
    });
    client.connect();
  }

  document.addEventListener('DOMContentLoaded', function () {
    const params = new URLSearchParams(location.search);
    if (params.get('doc')) { $('doc').value = params.get('doc'); }
    if (params.get('username')) { $('username').value = params.get('username'); }
    $('login-form').addEventListener('submit', join);
    const area = editor();
    area.addEventListener('input', onInput);
    area.addEventListener('compositionstart', function () { composing = true; });
    area.addEventListener('compositionend', onCompositionEnd);
    ['select', 'keyup', 'mouseup', 'focus'].forEach(function (name) { area.addEventListener(name, scheduleCursor); });
    area.addEventListener('scroll', function () { $('mirror').scrollTop = area.scrollTop; });
    // Hooks for tests: read the state machine without reaching into closures.
    window.editorPage = {
      text: function () { return state ? state.text : null; },
      revision: function () { return state ? state.revision : null; },
      state: function () { return state ? state.state() : null; },
      session: function () { return session; },
      held: function () { return held.length; },
      // Simulates a network drop: the client reconnects, catches up and resubmits.
      dropConnection: function () {
        if (client && client.socket) { client.socket.close(4000, 'dropped'); }
      }
    };
  });
}());
