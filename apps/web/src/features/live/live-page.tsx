import { useParams } from 'react-router-dom';
import { AgendaCard } from './agenda-card';
import { Announcements } from './announcements';
import { ChatPanel } from './chat-panel';
import { LiveStatusBar } from './live-status';
import { RoomCard } from './room-card';
import { useLiveConnection, useLiveState } from './use-live-connection';
import { useLiveView } from './use-live-view';
import styles from './live.module.css';

/**
 * The participant's live view of the workshop: where to be now (room, people, video link,
 * countdown), what the organisers say, the chat, help and more time, and the agenda. It
 * reconnects by itself and always shows the room of record the server sends on (re)connect.
 */
export function LivePage() {
  const { labId = '' } = useParams();
  const connection = useLiveConnection(labId);
  const { status } = useLiveState(connection);
  const [view, dispatch] = useLiveView(connection);

  return (
    <div className={styles.live}>
      <LiveStatusBar status={status} onRetry={() => connection.reconnectNow()} />
      <Announcements view={view} />
      <div className={styles.liveGrid}>
        <RoomCard connection={connection} status={status} view={view} dispatch={dispatch} />
        <ChatPanel
          labId={labId}
          connection={connection}
          status={status}
          view={view}
          dispatch={dispatch}
        />
      </div>
      <AgendaCard labId={labId} currentSessionId={view.session?.id} />
    </div>
  );
}
