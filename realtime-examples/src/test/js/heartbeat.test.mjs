import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, harness, settle } from './fakes.mjs';

const beat = { heartbeat: { intervalMs: 1000, timeoutMs: 300 } };

test('a ping every interval; an answer in time keeps the connection', async () => {
  const h = await harness(beat);
  const socket = await connected(h);
  h.timers.advance(999);
  assert.deepEqual(socket.frames(), []);
  h.timers.advance(1);
  assert.deepEqual(socket.frames(), [{ type: 'ping', id: 'realtime-client-heartbeat-1' }]);
  h.timers.advance(200);
  socket.receive({ type: 'pong', id: 'realtime-client-heartbeat-1', timestamp: 1 });
  for (let n = 2; n <= 6; n++) {
    h.timers.advance(1000);
    socket.receive({ type: 'pong', id: 'realtime-client-heartbeat-' + n, timestamp: n });
  }
  h.timers.advance(700); // 6.9 s: six pings, each answered in time
  assert.equal(h.client.state, 'connected');
  assert.equal(socket.closedWith, null);
  assert.equal(socket.frames().length, 6);
  assert.deepEqual(h.messages, [], 'the heartbeat answer is not the page\'s');
});

test('any frame is a sign of life, not only the pong', async () => {
  const h = await harness(beat);
  const socket = await connected(h);
  h.timers.advance(100);
  for (let i = 0; i < 5; i++) {
    h.timers.advance(1000); // 100 ms after each ping
    socket.receive({ type: 'tick', n: i });
  }
  h.timers.advance(900);
  assert.equal(h.client.state, 'connected');
});

test('silence after a ping drops the connection with 4000 and reconnects', async () => {
  const h = await harness(beat);
  const socket = await connected(h);
  h.timers.advance(1000);
  h.timers.advance(299);
  assert.equal(h.client.state, 'connected');
  h.timers.advance(1);
  assert.deepEqual(socket.closedWith, { code: 4000, reason: 'heartbeat timeout' });
  const change = h.changes[h.changes.length - 1];
  assert.equal(change.previous, 'connected');
  assert.equal(change.current, 'connecting');
  assert.equal(change.closeCode, 4000);
  assert.match(change.reason, /heartbeat timeout: nothing received within 300 ms/);
  assert.equal(change.willRetry, true);
  socket.drop(1006); // the dead socket's end, much later: ignored
  assert.equal(h.changes.length, 3);
  h.timers.advance(change.retryIn);
  await settle();
  assert.equal(h.Socket.instances.length, 2);
});

test('a pong of someone else\'s ping reaches the page; with no heartbeat no ping is sent and pongs are the page\'s', async () => {
  const h = await harness(beat);
  const socket = await connected(h);
  socket.receive({ type: 'pong', id: 'page-7' });
  socket.receive({ type: 'pong' }); // a server that echoes no id: the heartbeat's
  assert.deepEqual(h.messages, [{ type: 'pong', id: 'page-7' }]);

  const off = await harness({ heartbeat: false });
  const quiet = await connected(off);
  off.timers.advance(600000);
  assert.deepEqual(quiet.sent, []);
  assert.equal(off.client.state, 'connected');
  quiet.receive({ type: 'pong' });
  assert.equal(off.messages.length, 1);
});

test('the heartbeat stops with its connection', async () => {
  const h = await harness(beat);
  const socket = await connected(h);
  socket.drop(1006);
  h.client.close();
  assert.deepEqual(h.timers.waiting(), []);
  await assert.rejects(async () => harness({ heartbeat: { intervalMs: 0 } }), RangeError);
});

test('reconnect() drops an open connection as a silent heartbeat does, and does nothing when not connected', async () => {
  const h = await harness({ heartbeat: false });
  h.client.reconnect('too quiet'); // still connecting: nothing to drop
  const socket = await connected(h);
  h.client.reconnect('no heartbeat for 3 s');
  assert.deepEqual(socket.closedWith, { code: 4000, reason: 'reconnect' });
  const change = h.changes[h.changes.length - 1];
  assert.equal(change.current, 'connecting');
  assert.equal(change.closeCode, 4000);
  assert.equal(change.reason, 'no heartbeat for 3 s');
  assert.equal(change.willRetry, true);
  h.timers.advance(change.retryIn);
  await settle();
  assert.equal(h.Socket.instances.length, 2);
});
