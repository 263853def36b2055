/*
 * realtime-client.js: the browser side shared by every example page.
 *
 * - asks /config.json where the WebSocket is: the page's own origin when the server serves both
 *   on one port ("sameOrigin": true), else "wsPort" on the host the page came from (never a
 *   hard-coded host or port), with ws: or wss: to match the page;
 * - sends and receives JSON (or raw text);
 * - reconnects with exponential backoff and full jitter, unless the server's close code says
 *   retrying cannot help (policy violations, refused authentication);
 * - keeps an application-level heartbeat: browsers cannot send protocol pings, so it sends
 *   {"type":"ping"} and treats any message as a sign of life; silence past the timeout reconnects;
 * - remembers each room's stream position (the "offset" and "epoch" the hub adds to every room
 *   frame, and those of "recovery" frames) and, with the resume option, resumes every room from it
 *   on each reconnect, dropping any room frame at or before a room's position (docs/protocol.md).
 */
(function (global) {
  'use strict';

  let configPromise = null;

  function loadConfig() {
    if (!configPromise) {
      configPromise = fetch('/config.json', { cache: 'no-store' }).then(function (response) {
        if (!response.ok) {
          throw new Error('config.json answered ' + response.status);
        }
        return response.json();
      });
    }
    return configPromise;
  }

  function webSocketUrl(config, path, query) {
    const scheme = global.location.protocol === 'https:' ? 'wss:' : 'ws:';
    let authority;
    if (config.sameOrigin) {
      authority = global.location.host; // host and port exactly as the page was reached
    } else {
      const hostname = global.location.hostname;
      authority = (hostname.indexOf(':') >= 0 && hostname.charAt(0) !== '[' ? '[' + hostname + ']' : hostname)
        + ':' + config.wsPort;
    }
    const params = new URLSearchParams();
    Object.keys(query || {}).forEach(function (key) {
      if (query[key] !== undefined && query[key] !== null) {
        params.append(key, query[key]);
      }
    });
    const search = params.toString();
    return scheme + '//' + authority + path + (search ? '?' + search : '');
  }

  /** Full jitter: a random delay between 0 and min(max, base * 2^attempt). */
  function backoffDelay(attempt, baseMs, maxMs) {
    const ceiling = Math.min(maxMs, baseMs * Math.pow(2, attempt));
    return Math.floor(Math.random() * ceiling);
  }

  // Close codes after which reconnecting would only repeat the refusal.
  const FINAL_CLOSE_CODES = [1003, 1007, 1008, 1009, 4001, 4003];

  /**
   * Creates a client. Options:
   *   query: object of query parameters (or a function returning one, read at each connect)
   *   json: true (default) to parse incoming frames as JSON and send objects as JSON
   *   heartbeat: true (default) to send application pings
   *   heartbeatIntervalMs (25000), heartbeatTimeoutMs (10000), baseDelayMs (500), maxDelayMs (15000)
   *   onOpen(), onMessage(data), onClose(event, willRetry, delayMs), onStatus(status, detail)
   *   shouldReconnect(event): override the close-code rule
   *   resume: resume rooms after a reconnect, for servers that speak the recovery protocol:
   *     param: the query parameter naming the room the connection joins (the chat's "room");
   *       when a position is known for it, "since" and "epoch" are added to the connect URL
   *     join(room, position): the frame that joins another room, position null or
   *       {offset, epoch}; joinRoom(room) sends it and every reconnect sends it again with the
   *       room's latest position
   *   Recovery frames ({"type":"recovery",…}) reach onMessage like any other: recovered false
   *   means the page must resync what it shows of that room.
   */
  function RealtimeClient(path, options) {
    this.path = path;
    this.options = Object.assign({
      json: true, heartbeat: true, heartbeatIntervalMs: 25000, heartbeatTimeoutMs: 10000,
      baseDelayMs: 500, maxDelayMs: 15000
    }, options || {});
    this.socket = null;
    this.attempt = 0;
    this.stopped = false;
    this.timers = { reconnect: null, ping: null, silence: null };
    this.lastCloseCode = null;
    this.rooms = {};      // room -> {offset, epoch}: the last room frame handled
    this.joined = [];     // rooms joined with joinRoom, joined again on every reconnect
    this.duplicates = 0;  // room frames dropped as already handled
  }

  function isPositioned(data) {
    return data !== null && typeof data === 'object' && typeof data.room === 'string'
      && typeof data.offset === 'number' && typeof data.epoch === 'string';
  }

  /**
   * Notes a room frame's position; returns false for a frame at or before the room's position in
   * the same epoch (already handled: offsets only grow within an epoch). Recovery frames set the
   * position the live frames continue from.
   */
  RealtimeClient.prototype.track = function (data) {
    if (!isPositioned(data)) {
      return true;
    }
    const known = this.rooms[data.room];
    if (data.type !== 'recovery' && this.options.resume && known
        && known.epoch === data.epoch && data.offset <= known.offset) {
      this.duplicates += 1;
      return false;
    }
    this.rooms[data.room] = { offset: data.offset, epoch: data.epoch };
    return true;
  };

  /** The position of the last frame handled in room, {offset, epoch}, or null. */
  RealtimeClient.prototype.position = function (room) {
    const known = this.rooms[room];
    return known ? { offset: known.offset, epoch: known.epoch } : null;
  };

  /** Forgets a room's position (for example after leaving it for good). */
  RealtimeClient.prototype.forget = function (room) {
    delete this.rooms[room];
    this.joined = this.joined.filter(function (name) { return name !== room; });
  };

  /** Joins another room with the resume option's join frame, and again after every reconnect. */
  RealtimeClient.prototype.joinRoom = function (room) {
    if (!this.options.resume || !this.options.resume.join) {
      throw new Error('joinRoom needs the resume option with a join function');
    }
    if (this.joined.indexOf(room) < 0) {
      this.joined.push(room);
    }
    return this.send(this.options.resume.join(room, this.position(room)));
  };

  /** Stops rejoining room on reconnects and forgets its position; sends frame (the leave) if given. */
  RealtimeClient.prototype.leaveRoom = function (room, frame) {
    this.forget(room);
    return frame === undefined ? true : this.send(frame);
  };

  /** The connect query with the resumed room's position added. */
  RealtimeClient.prototype.resumeQuery = function (query) {
    const resume = this.options.resume;
    if (!resume || !resume.param || !query || typeof query[resume.param] !== 'string') {
      return query;
    }
    const known = this.position(query[resume.param]);
    if (!known) {
      return query;
    }
    return Object.assign({}, query, { since: known.offset, epoch: known.epoch });
  };

  RealtimeClient.prototype.status = function (status, detail) {
    if (this.options.onStatus) {
      this.options.onStatus(status, detail);
    }
  };

  RealtimeClient.prototype.connect = function () {
    const self = this;
    self.stopped = false;
    self.status('connecting');
    return loadConfig().then(function (config) {
      if (self.stopped) {
        return;
      }
      const query = self.resumeQuery(
        typeof self.options.query === 'function' ? self.options.query() : self.options.query);
      let socket;
      try {
        socket = new WebSocket(webSocketUrl(config, self.path, query));
      } catch (error) {
        self.status('error', String(error));
        self.scheduleReconnect(null);
        return;
      }
      socket.binaryType = 'arraybuffer';
      self.socket = socket;
      socket.onopen = function () {
        self.attempt = 0;
        self.status('connected');
        self.startHeartbeat();
        const resume = self.options.resume;
        if (resume && resume.join) {
          self.joined.forEach(function (room) {
            if (!resume.param || !query || query[resume.param] !== room) {
              socket.send(JSON.stringify(resume.join(room, self.position(room))));
            }
          });
        }
        if (self.options.onOpen) {
          self.options.onOpen();
        }
      };
      socket.onmessage = function (event) {
        self.sawLife();
        let data = event.data;
        if (self.options.json && typeof data === 'string') {
          try {
            data = JSON.parse(data);
          } catch (error) {
            self.status('error', 'unreadable message from server');
            return;
          }
          if (data && data.type === 'pong') {
            return;
          }
          if (!self.track(data)) {
            return;
          }
        }
        if (self.options.onMessage) {
          self.options.onMessage(data);
        }
      };
      socket.onclose = function (event) {
        self.stopHeartbeat();
        if (self.socket === socket) {
          self.socket = null;
        }
        self.lastCloseCode = event.code;
        const retry = !self.stopped && self.shouldReconnect(event);
        const delay = retry ? self.scheduleReconnect(event) : null;
        self.status(retry ? 'reconnecting' : 'disconnected', event.reason || ('code ' + event.code));
        if (self.options.onClose) {
          self.options.onClose(event, retry, delay);
        }
      };
      socket.onerror = function () {
        self.status('error', 'connection error');
      };
    }).catch(function (error) {
      self.status('error', String(error));
      self.scheduleReconnect(null);
    });
  };

  RealtimeClient.prototype.shouldReconnect = function (event) {
    if (this.options.shouldReconnect) {
      return this.options.shouldReconnect(event);
    }
    return FINAL_CLOSE_CODES.indexOf(event.code) < 0;
  };

  RealtimeClient.prototype.scheduleReconnect = function () {
    const self = this;
    if (self.stopped) {
      return null;
    }
    clearTimeout(self.timers.reconnect);
    const delay = backoffDelay(self.attempt, self.options.baseDelayMs, self.options.maxDelayMs);
    self.attempt += 1;
    self.timers.reconnect = setTimeout(function () { self.connect(); }, delay);
    return delay;
  };

  RealtimeClient.prototype.startHeartbeat = function () {
    const self = this;
    self.stopHeartbeat();
    if (!self.options.heartbeat) {
      return;
    }
    self.timers.ping = setInterval(function () {
      if (self.isOpen()) {
        self.socket.send(JSON.stringify({ type: 'ping' }));
        if (!self.timers.silence) {
          self.timers.silence = setTimeout(function () {
            // No message at all since the ping: the connection is dead even if the browser
            // has not noticed; close it so the reconnect logic takes over.
            self.status('reconnecting', 'heartbeat timeout');
            if (self.socket) {
              self.socket.close(4000, 'heartbeat timeout');
            }
          }, self.options.heartbeatTimeoutMs);
        }
      }
    }, self.options.heartbeatIntervalMs);
  };

  RealtimeClient.prototype.sawLife = function () {
    clearTimeout(this.timers.silence);
    this.timers.silence = null;
  };

  RealtimeClient.prototype.stopHeartbeat = function () {
    clearInterval(this.timers.ping);
    clearTimeout(this.timers.silence);
    this.timers.ping = null;
    this.timers.silence = null;
  };

  RealtimeClient.prototype.isOpen = function () {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  };

  /** Sends an object as JSON (or a string as is); returns false if not connected. */
  RealtimeClient.prototype.send = function (message) {
    if (!this.isOpen()) {
      return false;
    }
    this.socket.send(typeof message === 'string' || message instanceof ArrayBuffer
      ? message : JSON.stringify(message));
    return true;
  };

  /** Closes for good: no reconnect. */
  RealtimeClient.prototype.close = function () {
    this.stopped = true;
    clearTimeout(this.timers.reconnect);
    this.stopHeartbeat();
    if (this.socket) {
      this.socket.close(1000, 'bye');
    }
  };

  /** Creates an element with a class and text content; never parses HTML. */
  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  global.Realtime = {
    client: function (path, options) { return new RealtimeClient(path, options); },
    config: loadConfig,
    webSocketUrl: webSocketUrl,
    backoffDelay: backoffDelay,
    element: element
  };
})(window);
