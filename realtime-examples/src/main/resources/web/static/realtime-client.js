/**
 * realtime-client.js — the browser client of a realtime server, as an ES module. Every example page
 * loads it from `/static/realtime-client.js`; the contract is in docs/clients.md ("Browser client").
 *
 * It keeps one WebSocket open to a server, the way the Java client (dev.realtime.client) does:
 * - states connecting, connected, disconnected, closed, with listeners that hear every change;
 * - reconnects with exponential backoff and full jitter (bounded, configurable), unless the close
 *   code says retrying cannot help (1008 and the other stop codes) or the page called close();
 * - an application heartbeat ({"type":"ping"}; browsers cannot send protocol pings): when nothing
 *   at all arrives within the timeout of a ping the server is taken for dead (close code 4000);
 * - room recovery: remembers each room's offset and epoch from room frames and resumes every room
 *   on each reconnect (the chat's ?since&epoch for the first room, join_room for the others),
 *   handing recovery frames — recovered:false above all — to the page;
 * - a bounded send queue while not connected; a token callback asked before every attempt.
 *
 * Browsers run it on the page's one thread: listeners run one at a time, in the order frames came.
 *
 * @module realtime-client
 */

/**
 * The state names.
 * @typedef {'connecting'|'connected'|'disconnected'|'closed'} StateName
 */

/**
 * Where a client stands. A new client is disconnected until connect(); a failed attempt or a lost
 * connection is retried in the connecting state; a stop code leaves it disconnected; close() is final.
 * @type {Readonly<{CONNECTING: 'connecting', CONNECTED: 'connected', DISCONNECTED: 'disconnected', CLOSED: 'closed'}>}
 */
export const State = Object.freeze({
  CONNECTING: 'connecting', CONNECTED: 'connected', DISCONNECTED: 'disconnected', CLOSED: 'closed'
});

/**
 * What send() did with a message.
 * @typedef {'sent'|'queued'|'queue_full'|'closed'} SendResultName
 */

/**
 * The answers of send(): handed to the open socket, kept for the next connection, refused because
 * the queue is at its limit, refused because the client is closed. Never an exception.
 * @type {Readonly<{SENT: 'sent', QUEUED: 'queued', QUEUE_FULL: 'queue_full', CLOSED: 'closed'}>}
 */
export const SendResult = Object.freeze({
  SENT: 'sent', QUEUED: 'queued', QUEUE_FULL: 'queue_full', CLOSED: 'closed'
});

/**
 * Close codes after which a retry would only repeat the refusal: unsupported data, invalid payload,
 * policy (origin, auth, abuse), too big, unauthorized, forbidden. The Java client's list.
 * @type {ReadonlyArray<number>}
 */
export const DEFAULT_STOP_CODES = Object.freeze([1003, 1007, 1008, 1009, 4001, 4003]);

/**
 * The close code a client reports (and sends) when its heartbeat timed out.
 * @type {number}
 */
export const HEARTBEAT_TIMEOUT_CODE = 4000;

const HEARTBEAT_ID = 'realtime-client-heartbeat-';
const OPEN = 1;
const DEFAULTS = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 15000,
  heartbeatIntervalMs: 25000,
  heartbeatTimeoutMs: 10000,
  connectTimeoutMs: 10000,
  maxQueuedMessages: 1000,
  maxQueuedChars: 1 << 20
});

/**
 * The longest delay before retry number `attempt` (0 after the first failure): min(max, initial × 2^attempt).
 * @param {number} attempt a whole number ≥ 0
 * @param {number} initialMs the first ceiling, > 0
 * @param {number} maxMs the cap, ≥ initialMs
 * @returns {number} milliseconds
 */
export function backoffCeiling(attempt, initialMs, maxMs) {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError('attempt must be a whole number >= 0, got ' + attempt);
  }
  checkDelays(initialMs, maxMs);
  // Doubling stops at the cap, so a long outage's attempt counts never overflow.
  let ceiling = initialMs;
  for (let i = 0; i < attempt && ceiling < maxMs; i++) {
    ceiling *= 2;
  }
  return Math.min(ceiling, maxMs);
}

/**
 * Full jitter: a delay drawn uniformly from [0, backoffCeiling(attempt, initialMs, maxMs)], to the
 * millisecond. Spreading retries over the whole window keeps thousands of pages that lost the same
 * server from coming back in waves.
 * @param {number} attempt a whole number ≥ 0
 * @param {number} initialMs the first ceiling, > 0
 * @param {number} maxMs the cap, ≥ initialMs
 * @param {() => number} [random] values in [0, 1); Math.random by default
 * @returns {number} milliseconds
 */
export function backoffDelay(attempt, initialMs, maxMs, random = Math.random) {
  const ceiling = backoffCeiling(attempt, initialMs, maxMs);
  const draw = random();
  if (!(draw >= 0 && draw < 1)) {
    throw new RangeError('random values must lie in [0, 1), got ' + draw);
  }
  return Math.floor(draw * (ceiling + 1));
}

function checkDelays(initialMs, maxMs) {
  if (!(initialMs > 0) || !(maxMs >= initialMs) || !Number.isFinite(maxMs)) {
    throw new RangeError('need 0 < initialDelayMs <= maxDelayMs, got ' + initialMs + ' and ' + maxMs);
  }
}

/**
 * Where a client stands in a room's stream: the offset and epoch of the last room frame it handled.
 * @typedef {{offset: number, epoch: string}} RoomPosition
 */

/**
 * The server's answer to a resumed room ({"type":"recovery",…}). recovered true: every frame missed
 * was replayed before it, in order. recovered false: frames may be missing and cannot be replayed;
 * the page must reload what it shows of the room. The server may send one unasked, too.
 * @typedef {object} Recovery
 * @property {string} room the room
 * @property {boolean} recovered whether nothing was lost
 * @property {RoomPosition|null} position where the stream stands now; live frames continue after it
 * @property {string|null} reason why not: epoch_changed, history_trimmed, limit_exceeded, unavailable
 */

/**
 * How a server names rooms and resumes them (the application's part of the protocol; the hub adds
 * offset and epoch to every room frame and answers with recovery frames). chatRooms() is the chat's.
 * @typedef {object} RoomProtocol
 * @property {(frame: object) => (string|null)} roomOf the room of a frame from the server, if any
 * @property {(query: Object<string, *>, connectRooms: Map<string, RoomPosition>) => Object<string, *>} connectQuery
 *   the next connection's query, changed to resume the rooms the server put the client in when it
 *   connected (connectRooms, with their last positions)
 * @property {(room: string, position: RoomPosition|null) => object} joinFrame the frame that joins a room, from a position
 * @property {(room: string) => object} leaveFrame the frame that leaves a room
 */

/**
 * The chat example's rooms (docs/protocol.md): room frames carry "room"; the connect URL's room
 * parameter names the first room and since=N&epoch=E resumes it; other rooms are
 * {"type":"join_room","metadata":{"room":R,"since":N,"epoch":E}} and {"type":"leave_room","metadata":{"room":R}}.
 * @param {{param?: string}} [settings] param: the query parameter naming the first room ("room")
 * @returns {RoomProtocol}
 */
export function chatRooms(settings) {
  const param = (settings && settings.param) || 'room';
  return Object.freeze({
    roomOf: function (frame) {
      return typeof frame.room === 'string' ? frame.room : null;
    },
    connectQuery: function (query, connectRooms) {
      // The URL's room, or, when it names none, the one room the server chose for the client.
      const named = typeof query[param] === 'string' ? query[param].trim() : '';
      const position = named ? connectRooms.get(named)
        : connectRooms.size === 1 ? connectRooms.values().next().value : undefined;
      return position ? Object.assign({}, query, { since: position.offset, epoch: position.epoch }) : query;
    },
    joinFrame: function (room, position) {
      const metadata = { room: room };
      if (position) {
        metadata.since = position.offset;
        metadata.epoch = position.epoch;
      }
      return { type: 'join_room', metadata: metadata };
    },
    leaveFrame: function (room) {
      return { type: 'leave_room', metadata: { room: room } };
    }
  });
}

/**
 * One step of a client's life. A failed attempt is reported as connecting → connecting, with why
 * and when the next attempt starts.
 * @typedef {object} StateChange
 * @property {StateName} previous the state before
 * @property {StateName} current the state now
 * @property {number|null} closeCode the close code of the connection that ended, if one had opened
 *   (4000: the heartbeat timed out)
 * @property {string} reason why, in words: the server's close reason or what failed; '' when nothing to say
 * @property {number|null} retryIn milliseconds until the next attempt, when one is scheduled
 * @property {boolean} willRetry whether the client tries again by itself
 */

/**
 * The word a page shows for a state change: the state's name, but 'reconnecting' while a retry is
 * scheduled, and 'disconnected' once closed (to the user, a page that let go is disconnected).
 * @param {StateChange} change
 * @returns {'connecting'|'reconnecting'|'connected'|'disconnected'}
 */
export function statusOf(change) {
  return change.willRetry ? 'reconnecting' : change.current === State.CLOSED ? State.DISCONNECTED : change.current;
}

/**
 * Timers the client schedules with; tests give fake ones.
 * @typedef {{setTimeout: (fn: () => void, ms: number) => *, clearTimeout: (handle: *) => void}} Timers
 */

/**
 * Client options. Every one has a default fit for a page.
 * @typedef {object} ClientOptions
 * @property {string|(() => string)} [url] an absolute ws:// or wss:// address; by default the page's
 *   server from /config.json (loadConfig) and the path given to the constructor
 * @property {Object<string, *>|(() => Object<string, *>)} [query] query parameters, read before every attempt
 * @property {() => (string|null|undefined|Promise<string|null|undefined>)} [token] the token of the
 *   next attempt, asked before every one (so a reconnect carries a fresh token); a rejection fails
 *   the attempt, which is retried after a backoff delay
 * @property {string} [tokenParameter] the query parameter that carries the token ("token")
 * @property {number} [initialDelayMs] the first backoff ceiling (500)
 * @property {number} [maxDelayMs] the largest backoff ceiling (15000)
 * @property {boolean} [reconnect] whether to retry by itself at all (true)
 * @property {ReadonlyArray<number>} [stopCodes] close codes after which it does not retry (DEFAULT_STOP_CODES)
 * @property {boolean|{intervalMs?: number, timeoutMs?: number}} [heartbeat] the application heartbeat:
 *   a ping every intervalMs (25000); nothing received within timeoutMs (10000) of one drops the
 *   connection (4000) and retries. false for servers that do not answer {"type":"ping"}
 * @property {number} [connectTimeoutMs] how long an attempt may take to open (10000)
 * @property {number} [maxQueuedMessages] messages kept while not connected (1000); 0: none, send
 *   then refuses with queue_full until connected
 * @property {number} [maxQueuedChars] characters kept while not connected, and buffered by an open socket (1 Mi)
 * @property {RoomProtocol|null} [rooms] how rooms are resumed (chatRooms()); null: no positions kept
 * @property {(change: StateChange) => void} [onStateChange] hears every change of state
 * @property {(frame: object) => void} [onMessage] every JSON object frame, after the handlers of its type
 * @property {(text: string) => void} [onText] the text of every frame, JSON or not, before any JSON handler
 * @property {(data: ArrayBuffer) => void} [onBinary] every binary frame
 * @property {(recovery: Recovery) => void} [onRecovery] every recovery frame
 * @property {Object<string, (frame: object) => void>} [on] handlers by frame "type"
 * @property {function(new: WebSocket, string)} [WebSocket] the WebSocket class (the browser's); tests give a fake
 * @property {Timers} [timers] the timers (the global ones); tests give fake ones
 * @property {() => number} [random] the jitter's source, values in [0, 1) (Math.random)
 */

/**
 * A client of a realtime server over one WebSocket that it keeps open.
 *
 * @example
 * import { RealtimeClient } from '/static/realtime-client.js';
 * const client = new RealtimeClient('/ws', { query: { username: 'ann', room: 'general' } });
 * client.on('message', m => show(m.username, m.content));
 * client.onRecovery(r => { if (!r.recovered) reload(r.room); });
 * client.connect();
 * client.send({ type: 'message', content: 'hi' }); // 'sent', 'queued', 'queue_full' or 'closed'
 */
export class RealtimeClient {
  #path;
  #options;
  #WebSocket;
  #timers;
  #random;
  #stopCodes;
  #heartbeat;
  #listeners = { state: [], message: [], text: [], binary: [], recovery: [], types: new Map() };
  #rooms;
  #queue = [];
  #queuedChars = 0;
  /** @type {StateName} */
  #state = State.DISCONNECTED;
  #attemptId = 0;     // each attempt's number; late events of an earlier one are ignored
  #pendingAttempt = false; // an attempt is fetching its token or the config
  /** @type {WebSocket|null} */
  #socket = null;
  #open = false;
  #attempt = 0;       // failures since the last open: the backoff's exponent
  #scheduled = { retry: null, connect: null, beat: null, check: null }; // timer handles
  #life = 0;          // frames received on this connection: the heartbeat's sign of life
  #pings = 0;
  #duplicates = 0;

  /**
   * A client of the server's `path` ('/ws'), disconnected until connect().
   * @param {string} path the WebSocket path on the page's server (ignored with options.url)
   * @param {ClientOptions} [options]
   */
  constructor(path, options) {
    const given = Object.assign({}, options || {});
    this.#path = path;
    this.#options = Object.assign({}, DEFAULTS, given);
    checkDelays(this.#options.initialDelayMs, this.#options.maxDelayMs);
    for (const name of ['connectTimeoutMs', 'maxQueuedChars']) {
      if (!(this.#options[name] > 0)) {
        throw new RangeError(name + ' must be positive');
      }
    }
    if (!Number.isInteger(this.#options.maxQueuedMessages) || this.#options.maxQueuedMessages < 0) {
      throw new RangeError('maxQueuedMessages must be a whole number >= 0');
    }
    this.#WebSocket = given.WebSocket || globalThis.WebSocket;
    const timers = given.timers || globalThis;
    this.#timers = { set: timers.setTimeout.bind(timers), clear: timers.clearTimeout.bind(timers) };
    this.#random = given.random || Math.random;
    this.#stopCodes = new Set(given.stopCodes || DEFAULT_STOP_CODES);
    this.#heartbeat = heartbeatSettings(given.heartbeat);
    this.#rooms = new Rooms(given.rooms === undefined ? chatRooms() : given.rooms);
    if (given.onStateChange) { this.onStateChange(given.onStateChange); }
    if (given.onMessage) { this.onMessage(given.onMessage); }
    if (given.onText) { this.onText(given.onText); }
    if (given.onBinary) { this.onBinary(given.onBinary); }
    if (given.onRecovery) { this.onRecovery(given.onRecovery); }
    Object.keys(given.on || {}).forEach((type) => this.on(type, given.on[type]));
  }

  /** @returns {StateName} where the client stands now */
  get state() {
    return this.#state;
  }

  /** @returns {number} messages waiting for the next connection */
  get queueSize() {
    return this.#queue.length;
  }

  /** @returns {number} room frames dropped as already handled (at or before the room's position) */
  get duplicates() {
    return this.#duplicates;
  }

  /**
   * The current WebSocket, or null: for diagnostics and tests. Closing it is a lost connection
   * (the client reconnects); use close() to stop.
   * @returns {WebSocket|null}
   */
  get socket() {
    return this.#socket;
  }

  /**
   * Calls `handler` with every JSON object frame whose "type" is `type`.
   * @param {string} type
   * @param {(frame: object) => void} handler
   * @returns {() => void} removes the handler
   */
  on(type, handler) {
    const list = this.#listeners.types.get(type) || [];
    this.#listeners.types.set(type, list);
    return add(list, handler);
  }

  /**
   * Calls `handler` with every JSON object frame, after the handlers of its type.
   * @param {(frame: object) => void} handler
   * @returns {() => void} removes the handler
   */
  onMessage(handler) {
    return add(this.#listeners.message, handler);
  }

  /**
   * Calls `handler` with the text of every text frame, JSON or not, before any JSON handler.
   * @param {(text: string) => void} handler
   * @returns {() => void} removes the handler
   */
  onText(handler) {
    return add(this.#listeners.text, handler);
  }

  /**
   * Calls `handler` with every binary frame.
   * @param {(data: ArrayBuffer) => void} handler
   * @returns {() => void} removes the handler
   */
  onBinary(handler) {
    return add(this.#listeners.binary, handler);
  }

  /**
   * Calls `listener` on every change of state, and after every failed attempt.
   * @param {(change: StateChange) => void} listener
   * @returns {() => void} removes the listener
   */
  onStateChange(listener) {
    return add(this.#listeners.state, listener);
  }

  /**
   * Calls `listener` with every recovery frame: after each resumed room, and whenever the server
   * could not deliver some of a room's frames. On recovered false, reload the room's view.
   * @param {(recovery: Recovery) => void} listener
   * @returns {() => void} removes the listener
   */
  onRecovery(listener) {
    return add(this.#listeners.recovery, listener);
  }

  /**
   * Connects, or tries again at once while waiting for a retry; does nothing while an attempt is
   * under way or connected. Returns at once: state listeners hear the outcome.
   * @throws {Error} if the client is closed
   */
  connect() {
    if (this.#state === State.CLOSED) {
      throw new Error('the client is closed');
    }
    if (this.#state === State.CONNECTED || this.#socket !== null || this.#pendingAttempt) {
      return;
    }
    this.#cancel('retry');
    if (this.#state === State.DISCONNECTED) {
      this.#transition(State.CONNECTING, null, '', null);
    }
    this.#startAttempt();
  }

  /**
   * Sends a message: an object as JSON, a string or binary data as it is. 'sent' on an open
   * connection; 'queued' while not connected (sent in order once connected); 'queue_full' past the
   * queue's limits; 'closed' after close(). Never throws for these, never blocks.
   * @param {object|string|ArrayBuffer|ArrayBufferView} message
   * @returns {SendResultName}
   */
  send(message) {
    if (this.#state === State.CLOSED) {
      return SendResult.CLOSED;
    }
    const data = encode(message);
    const size = sizeOf(data);
    if (this.#writable()) {
      // An open socket buffers without limit: refuse rather than let a stalled connection grow it.
      if (this.#socket.bufferedAmount + size > this.#options.maxQueuedChars) {
        return SendResult.QUEUE_FULL;
      }
      this.#socket.send(data);
      return SendResult.SENT;
    }
    if (this.#queue.length >= this.#options.maxQueuedMessages || this.#queuedChars + size > this.#options.maxQueuedChars) {
      return SendResult.QUEUE_FULL;
    }
    this.#queue.push(data);
    this.#queuedChars += size;
    return SendResult.QUEUED;
  }

  /**
   * Joins `room` now if connected, and on every later connection from its last position there, so
   * frames missed meanwhile are replayed. The frame is the room protocol's.
   * @param {string} room
   */
  join(room) {
    this.#requireRooms(room);
    if (this.#state !== State.CLOSED && this.#rooms.join(room) && this.#writable()) {
      this.#socket.send(JSON.stringify(this.#rooms.protocol.joinFrame(room, this.#rooms.position(room))));
    }
  }

  /**
   * Leaves `room` (one joined, or one the server put the client in) and forgets its position;
   * frames of it that still arrive are not tracked.
   * @param {string} room
   */
  leave(room) {
    this.#requireRooms(room);
    if (this.#state !== State.CLOSED && this.#rooms.leave(room) && this.#writable()) {
      this.#socket.send(JSON.stringify(this.#rooms.protocol.leaveFrame(room)));
    }
  }

  /** @returns {string[]} the rooms the client is in as far as it knows: joined, or named by the server's frames */
  rooms() {
    return this.#rooms.names();
  }

  /**
   * The position of the last room frame handled in `room`: where a reconnect resumes it.
   * @param {string} room
   * @returns {RoomPosition|null}
   */
  position(room) {
    return this.#rooms.position(room);
  }

  /**
   * Drops the open connection as the heartbeat does on silence (close code 4000, `reason` to the
   * state listeners) and reconnects after a backoff delay: for a page whose own liveness check
   * failed, e.g. a server heartbeat frame that stopped coming while pings are still answered.
   * Does nothing unless connected.
   * @param {string} reason why, in words
   */
  reconnect(reason) {
    if (this.#socket !== null && this.#open) {
      this.#drop(String(reason || 'reconnect asked by the application'), 'reconnect');
    }
  }

  /**
   * Closes for good (code 1000): no retry, later sends answer 'closed', queued messages are
   * dropped. Idempotent.
   */
  close() {
    if (this.#state === State.CLOSED) {
      return;
    }
    ['retry', 'connect', 'beat', 'check'].forEach((timer) => this.#cancel(timer));
    this.#queue = [];
    this.#queuedChars = 0;
    const socket = this.#socket;
    this.#socket = null;
    this.#open = false;
    this.#attemptId += 1; // an attempt still fetching its token or config is forgotten
    this.#pendingAttempt = false;
    this.#transition(State.CLOSED, null, 'closed by the application', null);
    if (socket) {
      detach(socket);
      closeQuietly(socket, 1000, '');
    }
  }

  // ---- attempts ----

  #startAttempt() {
    const id = ++this.#attemptId;
    this.#pendingAttempt = true;
    this.#address().then((url) => {
      if (id !== this.#attemptId) {
        return;
      }
      this.#pendingAttempt = false;
      let socket;
      try {
        socket = new this.#WebSocket(url);
      } catch (error) {
        this.#attemptFailed(describe(error));
        return;
      }
      socket.binaryType = 'arraybuffer';
      this.#socket = socket;
      this.#scheduled.connect = this.#timers.set(() => {
        this.#scheduled.connect = null;
        if (this.#socket === socket && !this.#open) {
          this.#socket = null;
          detach(socket);
          closeQuietly(socket, 1000, '');
          this.#attemptFailed('no connection within ' + this.#options.connectTimeoutMs + ' ms');
        }
      }, this.#options.connectTimeoutMs);
      socket.onopen = () => {
        if (this.#socket === socket) {
          this.#opened(socket);
        }
      };
      socket.onmessage = (event) => {
        if (this.#socket === socket && this.#open) {
          this.#life += 1;
          this.#deliver(event.data);
        }
      };
      socket.onclose = (event) => {
        if (this.#socket === socket) {
          this.#ended(event.code, event.reason || '');
        }
      };
    }, (error) => {
      if (id === this.#attemptId) {
        this.#pendingAttempt = false;
        this.#attemptFailed(describe(error));
      }
    });
  }

  /** The next attempt's URL: the base, the page's query, the rooms' positions, the token. */
  async #address() {
    const token = this.#options.token ? await this.#options.token() : null;
    const given = this.#options.url;
    const base = given ? (typeof given === 'function' ? given() : given)
      : webSocketUrl(await loadConfig(), this.#path);
    const asked = typeof this.#options.query === 'function' ? this.#options.query() : this.#options.query;
    let query = Object.assign({}, asked || {});
    query = this.#rooms.connectQuery(query);
    if (token !== null && token !== undefined && token !== '') {
      query[this.#options.tokenParameter || 'token'] = String(token);
    }
    return withQuery(base, query);
  }

  #opened(socket) {
    this.#cancel('connect');
    this.#open = true;
    this.#attempt = 0;
    this.#life = 0;
    // Rooms first, so that what was queued meanwhile reaches them; then the queue, in order.
    this.#rooms.joinFrames().forEach((frame) => socket.send(JSON.stringify(frame)));
    const queued = this.#queue;
    this.#queue = [];
    this.#queuedChars = 0;
    queued.forEach((data) => socket.send(data));
    this.#scheduleBeat();
    this.#transition(State.CONNECTED, null, '', null);
  }

  #attemptFailed(reason) {
    this.#socket = null;
    this.#open = false;
    this.#cancel('connect');
    this.#retryOrStop(null, reason);
  }

  #ended(code, reason) {
    const wasOpen = this.#open;
    this.#socket = null;
    this.#open = false;
    ['connect', 'beat', 'check'].forEach((timer) => this.#cancel(timer));
    // A close code counts only from a connection that opened: a refused handshake is just 1006.
    this.#retryOrStop(wasOpen ? code : null, reason || (wasOpen ? '' : 'connection failed'));
  }

  #retryOrStop(code, reason) {
    if (this.#state === State.CLOSED) {
      return;
    }
    if (this.#options.reconnect === false || (code !== null && this.#stopCodes.has(code))) {
      this.#transition(State.DISCONNECTED, code, reason, null);
      return;
    }
    const delay = backoffDelay(this.#attempt, this.#options.initialDelayMs, this.#options.maxDelayMs, this.#random);
    this.#attempt = Math.min(this.#attempt + 1, 62);
    this.#scheduled.retry = this.#timers.set(() => {
      this.#scheduled.retry = null;
      if (this.#state === State.CONNECTING && this.#socket === null && !this.#pendingAttempt) {
        this.#startAttempt();
      }
    }, delay);
    this.#transition(State.CONNECTING, code, reason, delay);
  }

  // ---- the heartbeat ----

  #scheduleBeat() {
    if (!this.#heartbeat) {
      return;
    }
    this.#scheduled.beat = this.#timers.set(() => this.#beat(), this.#heartbeat.intervalMs);
  }

  /** Sends a ping; if nothing at all arrives within the timeout, the server is taken for dead. */
  #beat() {
    this.#scheduled.beat = null;
    const socket = this.#socket;
    if (!this.#open || socket === null) {
      return;
    }
    const seen = this.#life;
    this.#pings += 1;
    socket.send(JSON.stringify({ type: 'ping', id: HEARTBEAT_ID + this.#pings }));
    this.#scheduled.check = this.#timers.set(() => {
      this.#scheduled.check = null;
      if (this.#socket === socket && this.#open && this.#life === seen) {
        this.#drop('heartbeat timeout: nothing received within ' + this.#heartbeat.timeoutMs + ' ms of a ping');
      }
    }, this.#heartbeat.timeoutMs);
    this.#scheduleBeat();
  }

  /**
   * Takes the open connection for dead: the browser may not notice a dead peer for minutes, so the
   * socket is dropped without waiting for its close handshake, and the client retries.
   */
  #drop(reason, closeReason = 'heartbeat timeout') {
    const socket = this.#socket;
    this.#socket = null;
    detach(socket);
    closeQuietly(socket, HEARTBEAT_TIMEOUT_CODE, closeReason);
    this.#ended(HEARTBEAT_TIMEOUT_CODE, reason);
  }

  // ---- frames ----

  #deliver(data) {
    if (typeof data !== 'string') {
      this.#listeners.binary.forEach((listener) => call(listener, data));
      return;
    }
    const frame = parseObject(data);
    if (frame !== null && this.#heartbeat && frame.type === 'pong'
        && (frame.id === undefined || (typeof frame.id === 'string' && frame.id.indexOf(HEARTBEAT_ID) === 0))) {
      return; // the heartbeat's answer (a server that echoes no id answers with none)
    }
    if (frame !== null && !this.#rooms.observe(frame)) {
      this.#duplicates += 1;
      return;
    }
    this.#listeners.text.forEach((listener) => call(listener, data));
    if (frame === null) {
      return;
    }
    const typed = typeof frame.type === 'string' ? this.#listeners.types.get(frame.type) : undefined;
    (typed || []).slice().forEach((handler) => call(handler, frame));
    this.#listeners.message.slice().forEach((handler) => call(handler, frame));
    if (frame.type === 'recovery' && typeof frame.room === 'string' && typeof frame.recovered === 'boolean') {
      const recovery = {
        room: frame.room,
        recovered: frame.recovered,
        position: positionOf(frame),
        reason: typeof frame.reason === 'string' ? frame.reason : null
      };
      this.#listeners.recovery.slice().forEach((listener) => call(listener, recovery));
    }
  }

  // ---- helpers ----

  #transition(to, closeCode, reason, retryIn) {
    const change = Object.freeze({
      previous: this.#state, current: to, closeCode: closeCode, reason: reason || '',
      retryIn: retryIn, willRetry: retryIn !== null
    });
    this.#state = to;
    this.#listeners.state.slice().forEach((listener) => call(listener, change));
  }

  #cancel(name) {
    if (this.#scheduled[name] !== null) {
      this.#timers.clear(this.#scheduled[name]);
      this.#scheduled[name] = null;
    }
  }

  /**
   * Whether the socket takes frames now. One that is closing (the server's close frame came, its
   * close event not yet) would drop them silently: they wait for the next connection instead.
   */
  #writable() {
    return this.#open && this.#socket !== null && this.#socket.readyState === OPEN;
  }

  #requireRooms(room) {
    if (typeof room !== 'string' || room === '') {
      throw new TypeError('room must be a non-empty string');
    }
    if (this.#rooms.protocol === null) {
      throw new Error('this client keeps no rooms (rooms: null)');
    }
  }
}

/**
 * Creates a client: the same as `new RealtimeClient(path, options)`.
 * @param {string} path the WebSocket path on the page's server
 * @param {ClientOptions} [options]
 * @returns {RealtimeClient}
 */
export function createClient(path, options) {
  return new RealtimeClient(path, options);
}

/** The rooms a client is in and its position in each. */
class Rooms {
  constructor(protocol) {
    this.protocol = protocol;
    this.entries = new Map(); // room -> {joined, position}
    this.left = new Set();    // rooms left: their late frames are not tracked
  }

  /** Marks room as joined by the client; true if it was not already. */
  join(room) {
    this.left.delete(room);
    const entry = this.entries.get(room);
    if (entry && entry.joined) {
      return false;
    }
    this.entries.set(room, { joined: true, position: entry ? entry.position : null });
    return true;
  }

  /** Forgets room; true if the client was in it. */
  leave(room) {
    this.left.add(room);
    return this.entries.delete(room);
  }

  /**
   * Takes a room frame's position; false for a frame at or before the room's position in the same
   * epoch (offsets only grow within an epoch: it was handled already). A recovery frame sets the
   * position the live frames continue from.
   */
  observe(frame) {
    if (this.protocol === null) {
      return true;
    }
    const room = this.protocol.roomOf(frame);
    const position = positionOf(frame);
    if (room === null || position === null || this.left.has(room)) {
      return true;
    }
    const entry = this.entries.get(room);
    const known = entry ? entry.position : null;
    if (frame.type !== 'recovery' && known !== null && known.epoch === position.epoch && position.offset <= known.offset) {
      return false;
    }
    this.entries.set(room, { joined: entry ? entry.joined : false, position: position });
    return true;
  }

  position(room) {
    const entry = this.entries.get(room);
    return entry && entry.position ? { offset: entry.position.offset, epoch: entry.position.epoch } : null;
  }

  names() {
    return Array.from(this.entries.keys());
  }

  /** The query of the next connection, resuming the rooms the server put the client in. */
  connectQuery(query) {
    if (this.protocol === null) {
      return query;
    }
    const connectRooms = new Map();
    this.entries.forEach((entry, room) => {
      if (!entry.joined && entry.position) {
        connectRooms.set(room, entry.position);
      }
    });
    return this.protocol.connectQuery(query, connectRooms);
  }

  /** The frames that resume the rooms the client joined itself. */
  joinFrames() {
    const frames = [];
    this.entries.forEach((entry, room) => {
      if (entry.joined) {
        frames.push(this.protocol.joinFrame(room, entry.position));
      }
    });
    return frames;
  }
}

function heartbeatSettings(option) {
  if (option === false) {
    return null;
  }
  const given = option && typeof option === 'object' ? option : {};
  const settings = {
    intervalMs: given.intervalMs === undefined ? DEFAULTS.heartbeatIntervalMs : given.intervalMs,
    timeoutMs: given.timeoutMs === undefined ? DEFAULTS.heartbeatTimeoutMs : given.timeoutMs
  };
  if (!(settings.intervalMs > 0) || !(settings.timeoutMs > 0)) {
    throw new RangeError('heartbeat intervalMs and timeoutMs must be positive');
  }
  return settings;
}

/** The position a frame carries, if it carries a valid one. */
function positionOf(frame) {
  const offset = frame.offset;
  const epoch = frame.epoch;
  if (!Number.isSafeInteger(offset) || offset < 0 || typeof epoch !== 'string' || epoch === '') {
    return null;
  }
  return { offset: offset, epoch: epoch };
}

function parseObject(text) {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch (notJson) {
    return null;
  }
}

function encode(message) {
  if (typeof message === 'string' || message instanceof ArrayBuffer || ArrayBuffer.isView(message)) {
    return message;
  }
  return JSON.stringify(message);
}

function sizeOf(data) {
  return typeof data === 'string' ? data.length : data.byteLength;
}

function add(list, handler) {
  if (typeof handler !== 'function') {
    throw new TypeError('a handler must be a function');
  }
  list.push(handler);
  return function remove() {
    const index = list.indexOf(handler);
    if (index >= 0) {
      list.splice(index, 1);
    }
  };
}

/**
 * Runs a page's callback; one that throws is reported as an uncaught error (the console, onerror)
 * without breaking the client's bookkeeping or the other listeners.
 */
function call(callback, value) {
  try {
    callback(value);
  } catch (error) {
    if (typeof globalThis.reportError === 'function') {
      globalThis.reportError(error);
    } else {
      queueMicrotask(() => { throw error; });
    }
  }
}

function detach(socket) {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}

function closeQuietly(socket, code, reason) {
  try {
    socket.close(code, reason);
  } catch (ignored) {
    // already closed, or closing: nothing more to do
  }
}

function describe(error) {
  return error && error.message ? error.message : String(error);
}

function withQuery(base, query) {
  const params = new URLSearchParams();
  Object.keys(query).forEach((key) => {
    if (query[key] !== undefined && query[key] !== null) {
      params.append(key, query[key]);
    }
  });
  const search = params.toString();
  return search ? base + (base.indexOf('?') >= 0 ? '&' : '?') + search : base;
}

// ---- the examples' server: /config.json ----

let configPromise = null;

/**
 * The examples' /config.json, fetched once per page (fetched again after a failure): where the
 * WebSocket is ("sameOrigin", "wsPort", "wsPath").
 * @returns {Promise<{sameOrigin?: boolean, wsPort?: number, wsPath?: string}>}
 */
export function loadConfig() {
  if (!configPromise) {
    configPromise = fetch('/config.json', { cache: 'no-store' }).then((response) => {
      if (!response.ok) {
        throw new Error('config.json answered ' + response.status);
      }
      return response.json();
    });
    configPromise.catch(() => { configPromise = null; });
  }
  return configPromise;
}

/**
 * The WebSocket URL of `path` on the page's server: the page's own origin when the server serves
 * both on one port (sameOrigin), else wsPort on the host the page came from; ws: or wss: to match
 * the page. Never a hard-coded host or port.
 * @param {{sameOrigin?: boolean, wsPort?: number}} config the answer of loadConfig()
 * @param {string} path
 * @param {Object<string, *>} [query] parameters; null and undefined values are left out
 * @param {{protocol: string, host: string, hostname: string}} [location] the page's (window.location)
 * @returns {string}
 */
export function webSocketUrl(config, path, query, location) {
  const page = location || globalThis.location;
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  let authority;
  if (config.sameOrigin) {
    authority = page.host; // host and port exactly as the page was reached
  } else {
    const hostname = page.hostname;
    authority = (hostname.indexOf(':') >= 0 && hostname.charAt(0) !== '[' ? '[' + hostname + ']' : hostname)
      + ':' + config.wsPort;
  }
  return withQuery(scheme + '//' + authority + path, query || {});
}

/**
 * Creates an element with a class and text content; never parses HTML, so user text stays text.
 * @param {string} tag
 * @param {string} [className]
 * @param {*} [text] shown with textContent
 * @returns {HTMLElement}
 */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}
