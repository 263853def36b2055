import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, harness, settle } from './fakes.mjs';

function steps(changes) {
  return changes.map((c) => c.previous + '>' + c.current + (c.closeCode === null ? '' : ':' + c.closeCode)
    + (c.willRetry ? ' retry' : ''));
}

test('a new client is disconnected; connect, open, lose, retry, open again', async () => {
  const h = await harness();
  assert.equal(h.client.state, 'disconnected');
  assert.equal(h.Socket.instances.length, 0, 'nothing is opened before connect()');
  const first = await connected(h);
  assert.equal(h.client.state, 'connected');
  first.drop(1006);
  assert.equal(h.client.state, 'connecting');
  h.timers.advance(500);
  await settle();
  assert.equal(h.Socket.instances.length, 2);
  h.Socket.last.open();
  assert.deepEqual(steps(h.changes), [
    'disconnected>connecting', 'connecting>connected', 'connected>connecting:1006 retry', 'connecting>connected']);
});

test('an attempt that never opened is reported without a close code and retried', async () => {
  const h = await harness();
  h.client.connect();
  await settle();
  h.Socket.last.drop(1006);
  const failed = h.changes[h.changes.length - 1];
  assert.equal(failed.previous, 'connecting');
  assert.equal(failed.current, 'connecting');
  assert.equal(failed.closeCode, null);
  assert.equal(failed.reason, 'connection failed');
  assert.equal(failed.willRetry, true);
});

for (const code of [1003, 1007, 1008, 1009, 4001, 4003]) {
  test('close code ' + code + ' stops retrying until connect() is called again', async () => {
    const h = await harness();
    const socket = await connected(h);
    socket.drop(code, 'refused');
    assert.equal(h.client.state, 'disconnected');
    const last = h.changes[h.changes.length - 1];
    assert.equal(last.closeCode, code);
    assert.equal(last.reason, 'refused');
    assert.equal(last.willRetry, false);
    h.timers.advance(60000);
    await settle();
    assert.equal(h.Socket.instances.length, 1, 'no second attempt');
    h.client.connect();
    await settle();
    assert.equal(h.Socket.instances.length, 2, 'the page may try again itself');
  });
}

test('the stop codes and reconnecting itself are configurable', async () => {
  const h = await harness({ stopCodes: [4002] });
  (await connected(h)).drop(4002, 'token expired');
  assert.equal(h.client.state, 'disconnected');
  h.client.connect();
  await settle();
  h.Socket.last.open();
  h.Socket.last.drop(1008);
  assert.equal(h.client.state, 'connecting', '1008 is no stop code in this list');

  const off = await harness({ reconnect: false });
  (await connected(off)).drop(1006);
  assert.equal(off.client.state, 'disconnected');
});

test('close() is final: it closes with 1000, cancels the retry, refuses sends and connects', async () => {
  const h = await harness();
  const socket = await connected(h);
  h.client.close();
  assert.deepEqual(socket.closedWith, { code: 1000, reason: '' });
  assert.equal(h.client.state, 'closed');
  socket.drop(1000); // the close handshake's end reaches nobody
  assert.equal(h.changes.length, 3);
  assert.equal(h.client.send('late'), 'closed');
  assert.throws(() => h.client.connect(), /closed/);
  h.client.close();
  assert.equal(h.changes.length, 3, 'idempotent');

  const waiting = await harness();
  (await connected(waiting)).drop(1006);
  waiting.client.close();
  waiting.timers.advance(60000);
  await settle();
  assert.equal(waiting.Socket.instances.length, 1, 'the scheduled retry was cancelled');
  assert.deepEqual(waiting.timers.waiting(), []);
});

test('close() during the token fetch forgets the attempt', async () => {
  let release;
  const h = await harness({ token: () => new Promise((resolve) => { release = resolve; }) });
  h.client.connect();
  await settle();
  h.client.close();
  release('t');
  await settle();
  assert.equal(h.Socket.instances.length, 0);
});

test('connect() while waiting for a retry tries at once; while connecting or connected it does nothing', async () => {
  const h = await harness();
  const socket = await connected(h);
  h.client.connect();
  await settle();
  assert.equal(h.Socket.instances.length, 1);
  socket.drop(1006);
  h.client.connect();
  await settle();
  assert.equal(h.Socket.instances.length, 2, 'no wait for the backoff');
  h.client.connect();
  await settle();
  assert.equal(h.Socket.instances.length, 2, 'one attempt at a time');
  h.timers.advance(5000); // past the backoff, within the connect timeout
  await settle();
  assert.equal(h.Socket.instances.length, 2, 'the cancelled retry does not start another');
});

test('an attempt that does not open within the connect timeout is abandoned and retried', async () => {
  const h = await harness({ connectTimeoutMs: 3000 });
  h.client.connect();
  await settle();
  const stuck = h.Socket.last;
  h.timers.advance(3000);
  assert.notEqual(stuck.closedWith, null);
  const failed = h.changes[h.changes.length - 1];
  assert.equal(failed.reason, 'no connection within 3000 ms');
  assert.equal(failed.willRetry, true);
  stuck.open(); // too late: ignored
  assert.equal(h.client.state, 'connecting');
});

test('the token callback is asked before every attempt and its token rides on the URL', async () => {
  let calls = 0;
  const h = await harness({ token: () => Promise.resolve('t' + (++calls)), query: { username: 'ann' } });
  const first = await connected(h);
  assert.deepEqual(first.query(), { username: 'ann', token: 't1' });
  first.drop(1006);
  h.timers.advance(500);
  await settle();
  assert.deepEqual(h.Socket.last.query(), { username: 'ann', token: 't2' });
});

test('a token callback that fails fails the attempt, which is retried', async () => {
  let calls = 0;
  const h = await harness({
    tokenParameter: 'access_token',
    token: () => (++calls === 1 ? Promise.reject(new Error('token endpoint down')) : 'fresh')
  });
  h.client.connect();
  await settle();
  assert.equal(h.Socket.instances.length, 0);
  const failed = h.changes[h.changes.length - 1];
  assert.equal(failed.reason, 'token endpoint down');
  assert.equal(failed.willRetry, true);
  h.timers.advance(failed.retryIn);
  await settle();
  assert.deepEqual(h.Socket.last.query(), { access_token: 'fresh' });
});

test('a query function is read before every attempt', async () => {
  let version = 1;
  const h = await harness({ query: () => ({ doc: 'd', version: version }) });
  const first = await connected(h);
  assert.deepEqual(first.query(), { doc: 'd', version: '1' });
  version = 7;
  first.drop(1006);
  h.timers.advance(500);
  await settle();
  assert.deepEqual(h.Socket.last.query(), { doc: 'd', version: '7' });
});

test('a listener that throws does not stop the others or the client', async () => {
  const h = await harness();
  const seen = [];
  const errors = [];
  const saved = globalThis.reportError;
  globalThis.reportError = (error) => errors.push(error.message);
  try {
    h.client.on('message', () => { throw new Error('page bug'); });
    h.client.on('message', (frame) => seen.push(frame.n));
    const socket = await connected(h);
    socket.receive({ type: 'message', n: 1 });
    socket.receive({ type: 'message', n: 2 });
    await settle();
  } finally {
    globalThis.reportError = saved;
  }
  assert.deepEqual(seen, [1, 2]);
  assert.deepEqual(errors, ['page bug', 'page bug']);
});
