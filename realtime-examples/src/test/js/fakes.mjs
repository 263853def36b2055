// Test doubles for realtime-client.js under Node: a WebSocket the test drives, timers on a manual
// clock, and the module itself loaded as an ES module.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The module as the browser gets it. Node reads a .js file outside a "type":"module" package as
 * CommonJS, so a copy named .mjs is imported instead (the served file stays as it is).
 */
export async function loadClientModule() {
  const source = fileURLToPath(new URL('../../main/resources/web/static/realtime-client.js', import.meta.url));
  const target = join(mkdtempSync(join(tmpdir(), 'realtime-client-')), 'realtime-client.mjs');
  copyFileSync(source, target);
  return import(pathToFileURL(target).href);
}

/** Timers on a manual clock: nothing runs until advance(). */
export class FakeTimers {
  constructor() {
    this.now = 0;
    this.nextId = 1;
    this.tasks = new Map(); // id -> {at, fn}
  }

  setTimeout(fn, ms) {
    const id = this.nextId++;
    this.tasks.set(id, { at: this.now + Math.max(0, ms), fn: fn, seq: id });
    return id;
  }

  clearTimeout(id) {
    this.tasks.delete(id);
  }

  /** The delays, from now, of the timers waiting. */
  waiting() {
    return Array.from(this.tasks.values()).map((task) => task.at - this.now).sort((a, b) => a - b);
  }

  /** Moves the clock by ms, running every timer that falls due, in order (those they set too). */
  advance(ms) {
    const end = this.now + ms;
    for (;;) {
      let next = null;
      let nextId = null;
      this.tasks.forEach((task, id) => {
        if (task.at <= end && (next === null || task.at < next.at || (task.at === next.at && task.seq < next.seq))) {
          next = task;
          nextId = id;
        }
      });
      if (next === null) {
        break;
      }
      this.tasks.delete(nextId);
      this.now = next.at;
      next.fn();
    }
    this.now = end;
  }
}

/** A WebSocket class whose instances the test opens, feeds and closes; each new class has its own list. */
export function fakeWebSocketClass() {
  class FakeSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.bufferedAmount = 0;
      this.sent = [];
      this.closedWith = null;
      this.onopen = null;
      this.onmessage = null;
      this.onclose = null;
      this.onerror = null;
      FakeSocket.instances.push(this);
    }

    send(data) {
      if (this.readyState !== 1) {
        throw new Error('send on a socket that is not open (readyState ' + this.readyState + ')');
      }
      this.sent.push(data);
    }

    close(code, reason) {
      this.closedWith = { code: code, reason: reason };
      this.readyState = 2;
    }

    // ---- driven by the test, as the server and the network would ----

    open() {
      this.readyState = 1;
      if (this.onopen) { this.onopen({}); }
    }

    receive(frame) {
      if (this.onmessage) { this.onmessage({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) }); }
    }

    drop(code, reason) {
      this.readyState = 3;
      if (this.onclose) { this.onclose({ code: code === undefined ? 1006 : code, reason: reason || '' }); }
    }

    /** The JSON frames sent, parsed. */
    frames() {
      return this.sent.map((data) => JSON.parse(data));
    }

    /** The query parameters of the URL it was opened with. */
    query() {
      return Object.fromEntries(new URL(this.url).searchParams);
    }

    static get last() {
      return FakeSocket.instances[FakeSocket.instances.length - 1];
    }
  }
  FakeSocket.OPEN = 1;
  FakeSocket.instances = [];
  return FakeSocket;
}

/** Lets pending promise callbacks (token, address) run. */
export function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A client of ws://test.example/ws on fake sockets and timers, with every state change and frame
 * it reported recorded. random: the jitter's draws (default: always the top of the window).
 */
export async function harness(options) {
  const module = await loadClientModule();
  const Socket = fakeWebSocketClass();
  const timers = new FakeTimers();
  const changes = [];
  const messages = [];
  const recoveries = [];
  const client = new module.RealtimeClient('/ws', Object.assign({
    url: 'ws://test.example/ws',
    WebSocket: Socket,
    timers: timers,
    random: () => 0.9999999,
    onStateChange: (change) => changes.push(change),
    onMessage: (frame) => messages.push(frame),
    onRecovery: (recovery) => recoveries.push(recovery)
  }, options || {}));
  return { module, client, Socket, timers, changes, messages, recoveries };
}

/** connect() and open the socket it makes; returns the socket. */
export async function connected(h) {
  h.client.connect();
  await settle();
  const socket = h.Socket.last;
  socket.open();
  return socket;
}
