import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, harness, settle } from './fakes.mjs';

const chat = { query: { username: 'ann', room: 'flow' }, heartbeat: false };

function message(room, offset, epoch, content) {
  return { type: 'message', room: room, offset: offset, epoch: epoch || 'e1', content: content || room + offset };
}

async function reconnect(h) {
  h.Socket.last.drop(1006);
  h.timers.advance(h.changes[h.changes.length - 1].retryIn);
  await settle();
  const socket = h.Socket.last;
  socket.open();
  return socket;
}

test('the first connection carries no position; every later one resumes the URL room from its last frame', async () => {
  const h = await harness(chat);
  const socket = await connected(h);
  assert.deepEqual(socket.query(), { username: 'ann', room: 'flow' });
  socket.receive({ type: 'welcome', room: 'flow', client_id: 'c1' }); // no position: not a room frame
  socket.receive(message('flow', 1));
  socket.receive(message('flow', 2));
  assert.deepEqual(h.client.position('flow'), { offset: 2, epoch: 'e1' });
  const again = await reconnect(h);
  assert.deepEqual(again.query(), { username: 'ann', room: 'flow', since: '2', epoch: 'e1' });
  again.receive(message('flow', 3));
  const third = await reconnect(h);
  assert.deepEqual(third.query(), { username: 'ann', room: 'flow', since: '3', epoch: 'e1' });
});

test('rooms joined with join() are joined again on every connection, from their positions', async () => {
  const h = await harness(chat);
  h.client.join('side');
  const socket = await connected(h);
  assert.deepEqual(socket.frames(), [{ type: 'join_room', metadata: { room: 'side' } }]);
  h.client.join('other');
  assert.deepEqual(socket.frames()[1], { type: 'join_room', metadata: { room: 'other' } });
  socket.receive(message('side', 7, 'e2'));
  socket.receive(message('flow', 4));
  h.client.send('queued later');
  const again = await reconnect(h);
  assert.deepEqual(again.query().since, '4', 'the URL room from the URL');
  assert.deepEqual(again.frames(), [
    { type: 'join_room', metadata: { room: 'side', since: 7, epoch: 'e2' } },
    { type: 'join_room', metadata: { room: 'other' } }
  ]);
  assert.deepEqual(h.client.rooms().sort(), ['flow', 'other', 'side']);
});

test('replayed and live frames at or before the position are dropped: no duplicate reaches the page', async () => {
  const h = await harness(chat);
  const socket = await connected(h);
  [1, 2, 3].forEach((n) => socket.receive(message('flow', n)));
  const again = await reconnect(h);
  // a server that replays from too far back, then the recovery frame, then live frames
  [2, 3, 4].forEach((n) => again.receive(message('flow', n)));
  again.receive({ type: 'recovery', room: 'flow', recovered: true, offset: 4, epoch: 'e1' });
  again.receive(message('flow', 4));
  again.receive(message('flow', 5));
  const offsets = h.messages.filter((m) => m.type === 'message').map((m) => m.offset);
  assert.deepEqual(offsets, [1, 2, 3, 4, 5]);
  assert.equal(h.client.duplicates, 3);
  assert.deepEqual(h.recoveries, [{ room: 'flow', recovered: true, position: { offset: 4, epoch: 'e1' }, reason: null }]);
});

test('recovered:false reaches the page with its reason; the new epoch is the position from then on', async () => {
  const h = await harness(chat);
  const socket = await connected(h);
  socket.receive(message('flow', 40, 'old'));
  const again = await reconnect(h);
  again.receive({ type: 'recovery', room: 'flow', recovered: false, offset: 2, epoch: 'new', reason: 'epoch_changed' });
  again.receive(message('flow', 3, 'new'));
  assert.deepEqual(h.recoveries, [{ room: 'flow', recovered: false, position: { offset: 2, epoch: 'new' }, reason: 'epoch_changed' }]);
  assert.deepEqual(h.messages.filter((m) => m.type === 'message').map((m) => m.offset + '@' + m.epoch), ['40@old', '3@new']);
  assert.deepEqual(h.client.position('flow'), { offset: 3, epoch: 'new' });
  const recovery = h.messages.find((m) => m.type === 'recovery');
  assert.equal(recovery.recovered, false, 'the frame reaches onMessage as well');
});

test('a recovery without a position, and frames with bad positions, change nothing', async () => {
  const h = await harness(chat);
  const socket = await connected(h);
  socket.receive(message('flow', 5));
  socket.receive({ type: 'recovery', room: 'flow', recovered: false, reason: 'unavailable' });
  socket.receive({ type: 'message', room: 'flow', offset: -1, epoch: 'e1' });
  socket.receive({ type: 'message', room: 'flow', offset: 6.5, epoch: 'e1' });
  socket.receive({ type: 'message', room: 'flow', offset: 7, epoch: '' });
  assert.deepEqual(h.client.position('flow'), { offset: 5, epoch: 'e1' });
  assert.equal(h.recoveries[0].position, null);
  assert.equal(h.messages.length, 5, 'all delivered: only positioned frames can be duplicates');
});

test('leave() sends the leave frame, forgets the position and no longer tracks the room', async () => {
  const h = await harness(chat);
  h.client.join('side');
  const socket = await connected(h);
  socket.receive(message('side', 3));
  h.client.leave('side');
  assert.deepEqual(socket.frames()[1], { type: 'leave_room', metadata: { room: 'side' } });
  assert.equal(h.client.position('side'), null);
  socket.receive(message('side', 4)); // in flight when we left
  assert.equal(h.client.position('side'), null);
  const again = await reconnect(h);
  assert.deepEqual(again.frames(), [], 'not joined again');
});

test('without a room in the URL, the one room the server put the client in is resumed', async () => {
  const h = await harness({ query: { username: 'ann' }, heartbeat: false });
  const socket = await connected(h);
  socket.receive(message('general', 9));
  const again = await reconnect(h);
  assert.deepEqual(again.query(), { username: 'ann', since: '9', epoch: 'e1' });
});

test('rooms: null keeps no positions', async () => {
  const h = await harness({ query: { room: 'flow' }, rooms: null, heartbeat: false });
  const socket = await connected(h);
  socket.receive(message('flow', 1));
  socket.receive(message('flow', 1));
  assert.equal(h.messages.length, 2);
  const again = await reconnect(h);
  assert.deepEqual(again.query(), { room: 'flow' });
  assert.throws(() => h.client.join('x'), /no rooms/);
});

test('chatRooms() names the first room by another parameter if told', async () => {
  const h = await harness({ query: { channel: 'c' }, heartbeat: false });
  const custom = await harness({
    query: { channel: 'c', other: 'x' }, heartbeat: false, rooms: h.module.chatRooms({ param: 'channel' })
  });
  const socket = await connected(custom);
  socket.receive(message('c', 2));
  socket.receive(message('d', 5));
  const again = await reconnect(custom);
  assert.deepEqual(again.query(), { channel: 'c', other: 'x', since: '2', epoch: 'e1' });
});
