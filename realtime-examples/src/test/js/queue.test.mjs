import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, harness, settle } from './fakes.mjs';

test('while not connected messages are queued up to the limit, then refused; sent in order on open', async () => {
  const h = await harness({ maxQueuedMessages: 3, heartbeat: false });
  assert.equal(h.client.send({ n: 1 }), 'queued', 'before connect()');
  h.client.connect();
  await settle();
  assert.equal(h.client.send('two'), 'queued', 'while the attempt is under way');
  assert.equal(h.client.send({ n: 3 }), 'queued');
  assert.equal(h.client.send({ n: 4 }), 'queue_full');
  assert.equal(h.client.queueSize, 3);
  h.Socket.last.open();
  assert.deepEqual(h.Socket.last.sent, ['{"n":1}', 'two', '{"n":3}']);
  assert.equal(h.client.queueSize, 0);
  assert.equal(h.client.send({ n: 5 }), 'sent');
});

test('the queue is kept across failed attempts and a lost connection', async () => {
  const h = await harness({ heartbeat: false });
  const first = await connected(h);
  first.drop(1006);
  assert.equal(h.client.send('while away'), 'queued');
  h.timers.advance(500);
  await settle();
  h.Socket.last.drop(1006); // a failed attempt
  h.timers.advance(1000);
  await settle();
  h.Socket.last.open();
  assert.deepEqual(h.Socket.last.sent, ['while away']);
});

test('the character limit bounds the queue too', async () => {
  const h = await harness({ maxQueuedChars: 10, heartbeat: false });
  assert.equal(h.client.send('12345'), 'queued');
  assert.equal(h.client.send('123456'), 'queue_full');
  assert.equal(h.client.send('12345'), 'queued');
  assert.equal(h.client.send('1'), 'queue_full');
});

test('maxQueuedMessages 0 keeps nothing: send refuses until connected', async () => {
  const h = await harness({ maxQueuedMessages: 0, heartbeat: false });
  assert.equal(h.client.send('x'), 'queue_full');
  const socket = await connected(h);
  assert.deepEqual(socket.sent, []);
  assert.equal(h.client.send('x'), 'sent');
});

test('an open socket that has buffered past the limit refuses more instead of growing', async () => {
  const h = await harness({ maxQueuedChars: 100, heartbeat: false });
  const socket = await connected(h);
  socket.bufferedAmount = 95;
  assert.equal(h.client.send('0123456789'), 'queue_full');
  socket.bufferedAmount = 0;
  assert.equal(h.client.send('0123456789'), 'sent');
});

test('a socket that is already closing takes nothing: the message waits for the next connection', async () => {
  const h = await harness({ heartbeat: false });
  const socket = await connected(h);
  socket.readyState = 2; // the server's close frame came; the close event has not yet
  assert.equal(h.client.send('after the close frame'), 'queued');
  socket.drop(1001);
  h.timers.advance(500);
  await settle();
  h.Socket.last.open();
  assert.deepEqual(h.Socket.last.sent, ['after the close frame']);
});

test('close() drops what is queued', async () => {
  const h = await harness({ heartbeat: false });
  h.client.send('never');
  h.client.close();
  assert.equal(h.client.queueSize, 0);
});
