import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, loadClientModule, settle } from './fakes.mjs';

const { backoffCeiling, backoffDelay } = await loadClientModule();

test('the ceiling doubles from the initial delay up to the cap and stays there', () => {
  const ceilings = [0, 1, 2, 3, 4, 5, 6, 1000].map((attempt) => backoffCeiling(attempt, 500, 15000));
  assert.deepEqual(ceilings, [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  assert.equal(backoffCeiling(Number.MAX_SAFE_INTEGER, 1, 2 ** 40), 2 ** 40);
});

test('full jitter: every delay lies in [0, ceiling], the bottom and the top of the window reachable', () => {
  for (let attempt = 0; attempt < 8; attempt++) {
    const ceiling = backoffCeiling(attempt, 500, 15000);
    assert.equal(backoffDelay(attempt, 500, 15000, () => 0), 0);
    assert.equal(backoffDelay(attempt, 500, 15000, () => 0.9999999), ceiling);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(attempt, 500, 15000);
      assert.ok(Number.isInteger(delay) && delay >= 0 && delay <= ceiling, attempt + ': ' + delay);
    }
  }
});

test('bad settings and bad random values are refused', () => {
  assert.throws(() => backoffCeiling(-1, 500, 15000), RangeError);
  assert.throws(() => backoffCeiling(1.5, 500, 15000), RangeError);
  assert.throws(() => backoffCeiling(0, 0, 15000), RangeError);
  assert.throws(() => backoffCeiling(0, 500, 100), RangeError);
  assert.throws(() => backoffDelay(0, 500, 15000, () => 1), RangeError);
  assert.throws(() => backoffDelay(0, 500, 15000, () => -0.1), RangeError);
});

test('the client waits the backoff between failed attempts, and starts again from the bottom after an open', async () => {
  const h = await harness({ initialDelayMs: 100, maxDelayMs: 1000 });
  h.client.connect();
  await settle();
  const delays = [];
  for (let i = 0; i < 6; i++) {
    h.Socket.last.drop(1006); // the handshake failed
    const change = h.changes[h.changes.length - 1];
    delays.push(change.retryIn);
    const before = h.Socket.instances.length;
    h.timers.advance(change.retryIn - 1);
    await settle();
    assert.equal(h.Socket.instances.length, before, 'no attempt before the delay is over');
    h.timers.advance(1);
    await settle();
    assert.equal(h.Socket.instances.length, before + 1, 'an attempt once it is over');
  }
  assert.deepEqual(delays, [100, 200, 400, 800, 1000, 1000]);

  h.Socket.last.open();
  h.Socket.last.drop(1001, 'going away');
  assert.equal(h.changes[h.changes.length - 1].retryIn, 100);
});

test('the configured delays bound the client too', async () => {
  const h = await harness({ initialDelayMs: 50, maxDelayMs: 50, random: () => 0.5 });
  h.client.connect();
  await settle();
  for (let i = 0; i < 5; i++) {
    h.Socket.last.drop(1006);
    assert.equal(h.changes[h.changes.length - 1].retryIn, 25);
    h.timers.advance(25);
    await settle();
  }
  await assert.rejects(async () => harness({ initialDelayMs: 0 }), RangeError);
});
