import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@ideas-lab/live/events';
import {
  compareMessageIds,
  latestMessageId,
  mergeMessages,
  messagesOf,
  stillOutgoing,
  type OutgoingMessage,
} from './chat-log';

const message = (id: string, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  channel: 'lab',
  sender: { userId: 'u1', displayName: 'Ada' },
  body: `message ${id}`,
  clientMessageId: `c${id}`,
  sentAt: '2026-07-14T15:00:00.000Z',
  ...over,
});
const ids = (messages: ChatMessage[]) => messages.map((m) => m.id);

describe('message ids', () => {
  it.each([
    ['9', '10', -1],
    ['10', '9', 1],
    ['123456789012345678', '123456789012345679', -1],
    ['42', '42', 0],
    ['007', '7', 0],
  ])('orders %s against %s as numbers', (a, b, sign) => {
    expect(Math.sign(compareMessageIds(a, b))).toBe(sign);
  });

  it('finds the newest id, keeping the current one when it is newer', () => {
    expect(latestMessageId(null, [])).toBeNull();
    expect(latestMessageId(null, [{ id: '9' }, { id: '11' }, { id: '10' }])).toBe('11');
    expect(latestMessageId('12', [{ id: '9' }, { id: '11' }])).toBe('12');
  });
});

describe('merging chat from live notices, snapshots and history pages', () => {
  it('keeps each message once, oldest first, whatever order they came in', () => {
    const live = [message('10'), message('12')];
    const snapshot = [message('11'), message('12'), message('13')];
    const history = [message('8'), message('9')];
    expect(ids(mergeMessages(mergeMessages(live, snapshot), history))).toEqual([
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
    ]);
  });

  it('returns the same list when nothing new came', () => {
    const current = [message('1')];
    expect(mergeMessages(current, [])).toBe(current);
  });

  it('lets a later copy of a message replace the earlier one', () => {
    const merged = mergeMessages([message('5', { body: 'old' })], [message('5', { body: 'new' })]);
    expect(merged).toHaveLength(1);
    expect(merged[0].body).toBe('new');
  });

  it('sorts past a string compare (9 before 10)', () => {
    expect(ids(mergeMessages([message('10')], [message('9')]))).toEqual(['9', '10']);
  });

  it('picks the messages of one channel', () => {
    const all = [message('1'), message('2', { channel: 'room:r1' }), message('3')];
    expect(ids(messagesOf(all, 'room:r1'))).toEqual(['2']);
    expect(ids(messagesOf(all, 'lab'))).toEqual(['1', '3']);
  });
});

describe('outgoing messages', () => {
  const outgoing: OutgoingMessage[] = [
    { clientMessageId: 'a', channel: 'lab', body: 'hello', state: 'sending' },
    { clientMessageId: 'b', channel: 'lab', body: 'again', state: 'failed' },
  ];

  it('stop being outgoing once the server stored them (same sender and client id)', () => {
    const stored = [
      message('7', { clientMessageId: 'a', sender: { userId: 'me', displayName: 'Me' } }),
    ];
    expect(stillOutgoing(outgoing, stored, 'me').map((o) => o.clientMessageId)).toEqual(['b']);
  });

  it("are not matched by someone else's message with the same client id", () => {
    const stored = [
      message('7', { clientMessageId: 'a', sender: { userId: 'other', displayName: 'O' } }),
    ];
    expect(stillOutgoing(outgoing, stored, 'me')).toHaveLength(2);
  });
});
