import {
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import { describeError } from '../../api';
import { formatLabClock, formatLabTime } from '../../lib/lab-time';
import { useLab } from '../../pages/lab/lab-context';
import { liveApi } from './api';
import { messagesOf, stillOutgoing, type OutgoingMessage } from './chat-log';
import type { LiveConnection, LiveStatus } from './live-connection';
import { chatChannels, type LiveViewAction, type LiveViewState } from './live-view-state';
import styles from './live.module.css';
import fieldStyles from '../../components/field.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import textStyles from '../../components/text.module.css';

const MAX_BODY = 4000;
const HISTORY_PAGE = 50;

const newClientMessageId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * Chat of the lab, of one's room and of one's teams. Messages show at once as "sending" and
 * are sent with a client id, so a retry after a drop is stored once; failed ones are sent
 * again when the connection is back. Older messages are paged over HTTP.
 */
export function ChatPanel({
  labId,
  connection,
  status,
  view,
  dispatch,
}: {
  labId: string;
  connection: LiveConnection<LiveNotices, LiveRequests>;
  status: LiveStatus;
  view: LiveViewState;
  dispatch: (action: LiveViewAction) => void;
}) {
  const { lab } = useLab();
  const channels = chatChannels(view);
  // Until the person picks a channel, chat opens on their room during a round (else the lab).
  const [chosen, setChosen] = useState<string | null>(null);
  const roomChannel = channels.find((c) => c.channel.startsWith('room:'))?.channel;
  const channel =
    chosen !== null && channels.some((c) => c.channel === chosen) ? chosen : (roomChannel ?? 'lab');
  const current = channels.find((c) => c.channel === channel) ?? channels[0];
  const [draft, setDraft] = useState('');
  const [outgoing, setOutgoing] = useState<OutgoingMessage[]>([]);
  const [history, setHistory] = useState<
    Record<string, { loading: boolean; done: boolean; error?: string }>
  >({});
  const logRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const inputId = useId();
  const myUserId = view.me?.userId ?? null;

  const stored = messagesOf(view.chat, channel);
  const pending = stillOutgoing(outgoing, view.chat, myUserId).filter((o) => o.channel === channel);

  // Drop outgoing messages once the server has stored them.
  useEffect(() => {
    setOutgoing((list) => {
      const left = stillOutgoing(list, view.chat, myUserId);
      return left.length === list.length ? list : left;
    });
  }, [view.chat, myUserId]);

  // Keep the newest message in view.
  const newest = stored.at(-1)?.id;
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [newest, pending.length, channel]);

  const send = async (message: OutgoingMessage) => {
    setOutgoing((list) => [
      ...list.filter((o) => o.clientMessageId !== message.clientMessageId),
      { ...message, state: 'sending', error: undefined },
    ]);
    const ack = await connection.request('chat:send', {
      channel: message.channel,
      clientMessageId: message.clientMessageId,
      body: message.body,
    });
    if (ack.ok) {
      dispatch({ event: 'chat:message', payload: ack.message });
      return;
    }
    setOutgoing((list) =>
      list.map((o) =>
        o.clientMessageId === message.clientMessageId
          ? { ...o, state: 'failed', error: ack.message }
          : o,
      ),
    );
  };

  // Back online: send again what could not be sent (the client id keeps it stored once).
  const online = status.state === 'online';
  // Only when the connection comes back, not on every change of the list.
  const resendFailed = useEffectEvent(() => {
    for (const message of outgoing) if (message.state === 'failed') void send(message);
  });
  useEffect(() => {
    if (online) resendFailed();
  }, [online]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setDraft('');
    void send({ clientMessageId: newClientMessageId(), channel, body, state: 'sending' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  const loadEarlier = async () => {
    setHistory((h) => ({ ...h, [channel]: { loading: true, done: false } }));
    try {
      const page = await liveApi.chatHistory(labId, {
        channel,
        before: stored[0]?.id,
        limit: HISTORY_PAGE,
      });
      dispatch({ event: 'local:history', payload: page.messages });
      setHistory((h) => ({ ...h, [channel]: { loading: false, done: page.nextBefore === null } }));
    } catch (error) {
      setHistory((h) => ({
        ...h,
        [channel]: { loading: false, done: false, error: describeError(error) },
      }));
    }
  };

  const paging = history[channel];

  return (
    <section className={cardStyles.card} aria-labelledby={headingId}>
      <h2 id={headingId}>Chat</h2>
      {channels.length > 1 ? (
        <div className={styles.liveChatChannels} role="group" aria-label="Chat channel">
          {channels.map((c) => (
            <button
              key={c.channel}
              type="button"
              className={styles.chipButton}
              aria-pressed={c.channel === channel}
              onClick={() => setChosen(c.channel)}
            >
              {c.label}
            </button>
          ))}
        </div>
      ) : null}
      <div className={styles.liveChatEarlier}>
        {paging?.done ? (
          <p className={`${textStyles.muted} ${textStyles.small}`}>
            This is the start of the conversation.
          </p>
        ) : (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            onClick={() => void loadEarlier()}
            disabled={paging?.loading}
          >
            {paging?.loading ? 'Loading earlier messages…' : 'Load earlier messages'}
          </button>
        )}
        {paging?.error ? <p className={fieldStyles.error}>{paging.error}</p> : null}
        {view.chatTruncated && !paging ? (
          <p className={`${textStyles.muted} ${textStyles.small}`}>
            You missed more messages than shown: load earlier ones.
          </p>
        ) : null}
      </div>
      {/* The log (announced as messages arrive) scrolls; the messages inside stay a list. */}
      <div
        ref={logRef}
        className={styles.liveChatLog}
        role="log"
        aria-live="polite"
        aria-label={`Messages: ${current.label}`}
        tabIndex={0}
      >
        <ol className={styles.liveChatList}>
          {stored.length === 0 && pending.length === 0 ? (
            <li className={`${styles.liveChatEmpty} ${textStyles.muted}`}>
              No messages yet. Say hello.
            </li>
          ) : null}
          {stored.map((m) => (
            <li
              key={m.id}
              className={
                m.sender.userId === myUserId
                  ? `${styles.liveChatMessage} ${styles.liveChatMessageMine}`
                  : styles.liveChatMessage
              }
            >
              <p className={styles.liveChatMeta}>
                <strong>{m.sender.userId === myUserId ? 'You' : m.sender.displayName}</strong>{' '}
                <time dateTime={m.sentAt} title={formatLabTime(m.sentAt, lab.timezone)}>
                  {formatLabClock(m.sentAt, lab.timezone)}
                </time>
              </p>
              <p className={styles.liveChatBody}>{m.body}</p>
            </li>
          ))}
          {pending.map((m) => (
            <li
              key={m.clientMessageId}
              className={`${styles.liveChatMessage} ${styles.liveChatMessageMine}`}
              data-state={m.state}
            >
              <p className={styles.liveChatMeta}>
                <strong>You</strong>{' '}
                <span>{m.state === 'sending' ? 'sending…' : `not sent: ${m.error ?? ''}`}</span>
              </p>
              <p className={styles.liveChatBody}>{m.body}</p>
              {m.state === 'failed' ? (
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                  onClick={() => void send(m)}
                >
                  Send again
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
      <form className={styles.liveChatComposer} onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          Message to {current.label}
        </label>
        <textarea
          id={inputId}
          rows={2}
          value={draft}
          maxLength={MAX_BODY}
          placeholder={`Message ${current.label}`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className={buttonStyles.button} disabled={!draft.trim()}>
          Send
        </button>
      </form>
      <p className={`${textStyles.muted} ${textStyles.small}`}>
        Enter sends; Shift+Enter starts a new line.
      </p>
    </section>
  );
}
