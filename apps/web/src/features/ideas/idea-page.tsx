import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { SaveConflictDialog } from '../../components/save-conflict-dialog';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { useUser } from '../../components/session';
import { canOrganise, rolesIn } from '../../lib/roles';
import { alertFor, useFormSubmit } from '../../lib/use-form-submit';
import { useLiveConnection } from '../live/use-live-connection';
import {
  ideasApi,
  ideasKeys,
  type Idea,
  type IdeaBoard,
  type IdeaComment,
  type IdeaRevision,
} from './api';
import { draftOf, IdeaFields, IdeaState, Labels, useSupport, type IdeaDraft } from './board-page';
import { fieldLabel, labelsOf, sidesOf, threadsOf } from './ideas-logic';
import { useIdeasLive } from './use-ideas-live';
import { formatLabTime } from '../../lib/lab-time';
import { useLab } from '../../pages/lab/lab-context';
import styles from './ideas.module.css';
import fieldStyles from '../../components/field.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** One idea: its text, edits by its champions, revisions compared, discussion, organiser actions. */
export function IdeaPage() {
  const { labId = '', ideaId = '' } = useParams();
  const { lab } = useLab();
  const user = useUser();
  const roles = rolesIn(user, labId);
  const organiser = canOrganise(user, labId);
  const connection = useLiveConnection(labId);
  useIdeasLive(labId, connection);
  const idea = useQuery({
    queryKey: ideasKeys.idea(labId, ideaId),
    queryFn: () => ideasApi.idea(labId, ideaId),
  });
  const board = useQuery({
    queryKey: ideasKeys.board(labId),
    queryFn: () => ideasApi.board(labId),
  });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState('');

  if (idea.isPending || board.isPending) return <Loading what="the idea" />;
  if (idea.isError || board.isError) {
    const error = idea.error ?? board.error;
    return (
      <section className={pageLayout.stack}>
        <h2>
          {isApiError(error) && error.status === 404
            ? 'Idea not found'
            : 'The idea could not be loaded'}
        </h2>
        <ErrorAlert alert={alertFor(error)} />
        <Link to="..">Back to the board</Link>
      </section>
    );
  }
  const current = idea.data;
  const active = current.status === 'active';
  return (
    <article className={pageLayout.stackLg} aria-labelledby="idea-title">
      <p>
        <Link to="..">← Ideas board</Link>
      </p>
      <header className={pageLayout.stack}>
        <h2 id="idea-title">{current.title}</h2>
        <IdeaState idea={current} />
        <p className={styles.meta}>
          <span>{current.challengeArea}</span>
          {current.theme ? <span>Theme: {current.theme.name}</span> : null}
          {current.shortlistPosition !== null ? (
            <span>Shortlisted #{current.shortlistPosition}</span>
          ) : null}
          <span>Revision {current.version}</span>
          <span>Updated {formatLabTime(current.updatedAt, lab.timezone)}</span>
        </p>
        <p className={styles.meta}>
          <span>Champions: {current.champions.map((c) => c.displayName).join(', ')}</span>
          <span>Posted by {current.createdBy.displayName}</span>
        </p>
        {current.mergedFrom.length > 0 ? (
          <p className={textStyles.small}>
            Merged into this idea:{' '}
            {current.mergedFrom.map((m, i) => (
              <span key={m.id}>
                {i > 0 ? ', ' : ''}
                <Link to={`../${m.id}`}>{m.title}</Link>
              </span>
            ))}
          </p>
        ) : null}
      </header>

      {editing ? (
        <EditIdea
          labId={labId}
          idea={current}
          board={board.data}
          onDone={(message) => {
            setEditing(false);
            setSaved(message);
          }}
        />
      ) : (
        <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-label="The idea now">
          <p className={styles.summary}>{current.summary}</p>
          <Labels label="Tags" items={current.tags} />
          {current.disciplinesNeeded.length > 0 ? (
            <p className={textStyles.small}>Needs: {current.disciplinesNeeded.join(', ')}</p>
          ) : null}
          {current.iChampion && active ? (
            <div>
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                onClick={() => {
                  setSaved('');
                  setEditing(true);
                }}
              >
                Edit the idea
              </button>
            </div>
          ) : null}
        </section>
      )}
      <StatusMessage>{saved}</StatusMessage>

      <Supporters labId={labId} idea={current} canSupport={roles.includes('participant')} />
      {organiser ? <OrganiserActions labId={labId} idea={current} board={board.data} /> : null}
      {active && (organiser || current.iChampion) ? (
        <MergeForm labId={labId} idea={current} organiser={organiser} />
      ) : null}
      <MergeProposals labId={labId} idea={current} userId={user.id} />
      <Revisions labId={labId} idea={current} />
      <Discussion labId={labId} idea={current} />
    </article>
  );
}

function Supporters({
  labId,
  idea,
  canSupport,
}: {
  labId: string;
  idea: Idea;
  canSupport: boolean;
}) {
  const support = useSupport(labId, idea);
  const supporters = useQuery({
    queryKey: ideasKeys.supporters(labId, idea.id),
    queryFn: () => ideasApi.supporters(labId, idea.id),
  });
  const people = supporters.data?.supporters ?? [];
  return (
    <section
      className={`${cardStyles.card} ${pageLayout.stack}`}
      aria-labelledby="supporters-title"
    >
      <h3 id="supporters-title">Who would work on it</h3>
      <p>
        {people.length === 0
          ? 'Nobody has said so yet.'
          : people.map((p) => p.displayName).join(', ')}
      </p>
      {canSupport && idea.status === 'active' ? <div>{support.button}</div> : null}
      <ErrorAlert alert={support.error} />
    </section>
  );
}

const EDIT_FIELDS = [
  'title',
  'summary',
  'challengeArea',
  'tags',
  'disciplinesNeeded',
  'note',
] as const;

/**
 * The champions' edit form. Someone else's revision in between is not overwritten: the server
 * refuses the stale version and a dialog puts their text beside the user's, which is kept.
 */
function EditIdea({
  labId,
  idea,
  board,
  onDone,
}: {
  labId: string;
  idea: Idea;
  board: IdeaBoard;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const form = useFormSubmit(EDIT_FIELDS);
  const [draft, setDraft] = useState<IdeaDraft>(() => draftOf(idea));
  const [note, setNote] = useState('');
  const [version, setVersion] = useState(idea.version);
  const [conflict, setConflict] = useState<Idea | null>(null);

  const save = async (basedOn: number) => {
    try {
      const next = await ideasApi.edit(labId, idea.id, {
        version: basedOn,
        title: draft.title,
        summary: draft.summary,
        challengeArea: draft.challengeArea,
        tags: labelsOf(draft.tags),
        disciplinesNeeded: draft.disciplinesNeeded,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      queryClient.setQueryData(ideasKeys.idea(labId, idea.id), next);
      void queryClient.invalidateQueries({ queryKey: ideasKeys.revisions(labId, idea.id) });
      void queryClient.invalidateQueries({ queryKey: ideasKeys.lists(labId) });
      onDone(`Saved as revision ${next.version}.`);
    } catch (error) {
      if (isApiError(error) && error.code === 'IDEA_VERSION_CONFLICT') {
        const current = (error.data as { current?: Idea } | undefined)?.current;
        if (current) {
          setConflict(current);
          return;
        }
      }
      if (isApiError(error) && error.code === 'IDEA_SUMMARY_TOO_LONG') {
        form.showFieldErrors({ summary: error.message });
        return;
      }
      throw error;
    }
  };
  const submit = form.handleSubmit(() => save(version));

  return (
    <form
      id={form.formId}
      className={`${cardStyles.card} ${pageLayout.stack}`}
      aria-labelledby="edit-idea-heading"
      onSubmit={submit}
      noValidate
    >
      <h3 id="edit-idea-heading">Edit the idea</h3>
      <ErrorAlert alert={form.alert} />
      <IdeaFields
        prefix="edit-idea"
        board={board}
        draft={draft}
        onChange={setDraft}
        errors={form.fieldErrors}
      />
      <TextField
        id="edit-idea-note"
        label="What changed and why (kept with the revision)"
        value={note}
        maxLength={500}
        error={form.fieldErrors.note}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className={actionStyles.formActions}>
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          Save a new revision
        </button>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.quiet}`}
          onClick={() => onDone('')}
        >
          Cancel
        </button>
      </div>
      {conflict ? (
        <ConflictDialog
          mine={draft}
          theirs={conflict}
          busy={form.busy}
          onKeepMine={() => {
            setVersion(conflict.version);
            setConflict(null);
            void save(conflict.version).catch((error: unknown) => form.showError(error));
          }}
          onTakeTheirs={() => {
            setDraft(draftOf(conflict));
            setVersion(conflict.version);
            queryClient.setQueryData(ideasKeys.idea(labId, idea.id), conflict);
            setConflict(null);
          }}
          onClose={() => {
            setVersion(conflict.version);
            setConflict(null);
          }}
        />
      ) : null}
    </form>
  );
}

const COMPARED: { key: keyof IdeaDraft; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'summary', label: 'Summary' },
  { key: 'challengeArea', label: 'Part of the challenge' },
  { key: 'tags', label: 'Tags' },
  { key: 'disciplinesNeeded', label: 'Disciplines needed' },
];

const asText = (value: string | string[]) => (Array.isArray(value) ? value.join(', ') : value);

function ConflictDialog({
  mine,
  theirs,
  busy,
  onKeepMine,
  onTakeTheirs,
  onClose,
}: {
  mine: IdeaDraft;
  theirs: Idea;
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onClose: () => void;
}) {
  const theirDraft = draftOf(theirs);
  return (
    <SaveConflictDialog
      title={`Someone saved revision ${theirs.version} while you were editing`}
      intro="Your text is kept. Compare what differs, then save yours on top of theirs, take theirs, or keep editing."
      theirsHeading={`Theirs (revision ${theirs.version})`}
      keepMineLabel={`Save mine as revision ${theirs.version + 1}`}
      fields={COMPARED.map((f) => ({
        key: f.key,
        label: f.label,
        theirs: asText(theirDraft[f.key]),
        mine: asText(mine[f.key]),
      }))}
      busy={busy}
      onKeepMine={onKeepMine}
      onTakeTheirs={onTakeTheirs}
      onClose={onClose}
    />
  );
}

function Revisions({ labId, idea }: { labId: string; idea: Idea }) {
  const { lab } = useLab();
  const revisions = useQuery({
    queryKey: [...ideasKeys.revisions(labId, idea.id), idea.version],
    queryFn: () => ideasApi.revisions(labId, idea.id),
  });
  const [picked, setPicked] = useState<{ from: string; to: string } | null>(null);
  const list = revisions.data ?? [];
  const defaults =
    list.length >= 2 ? { from: list[list.length - 2].id, to: list[list.length - 1].id } : null;
  const choice = picked ?? defaults;
  const [asked, setAsked] = useState<{ from: string; to: string } | null>(null);
  const label = (r: IdeaRevision) =>
    `${r.writtenFor.id === idea.id ? '' : `${r.writtenFor.title}, `}revision ${r.number} · ${r.author.displayName} · ${formatLabTime(r.createdAt, lab.timezone)}`;
  const compare = (event: FormEvent) => {
    event.preventDefault();
    if (choice) setAsked(choice);
  };
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="revisions-title">
      <h3 id="revisions-title">Revisions</h3>
      {revisions.isPending ? <Loading what="the revisions" /> : null}
      <ErrorAlert alert={revisions.isError ? alertFor(revisions.error) : null} />
      <ol aria-label="Revisions of this idea" className={pageLayout.stack}>
        {list.map((r) => (
          <li key={r.id}>
            {label(r)}
            {r.note ? <span className={textStyles.muted}> — {r.note}</span> : null}
          </li>
        ))}
      </ol>
      {choice ? (
        <form className={styles.filters} onSubmit={compare} aria-label="Compare two revisions">
          <SelectField
            id="compare-from"
            label="Compare"
            value={choice.from}
            onChange={(e) => setPicked({ ...choice, from: e.target.value })}
          >
            {list.map((r) => (
              <option key={r.id} value={r.id}>
                {label(r)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="compare-to"
            label="with"
            value={choice.to}
            onChange={(e) => setPicked({ ...choice, to: e.target.value })}
          >
            {list.map((r) => (
              <option key={r.id} value={r.id}>
                {label(r)}
              </option>
            ))}
          </SelectField>
          <div className={fieldStyles.field}>
            <button type="submit" className={`${buttonStyles.button} ${buttonStyles.secondary}`}>
              Compare side by side
            </button>
          </div>
        </form>
      ) : list.length === 1 ? (
        <p className={textStyles.muted}>One revision so far: nothing to compare yet.</p>
      ) : null}
      {asked ? <Comparison labId={labId} ideaId={idea.id} from={asked.from} to={asked.to} /> : null}
    </section>
  );
}

function Comparison({
  labId,
  ideaId,
  from,
  to,
}: {
  labId: string;
  ideaId: string;
  from: string;
  to: string;
}) {
  const comparison = useQuery({
    queryKey: ideasKeys.compare(labId, ideaId, from, to),
    queryFn: () => ideasApi.compare(labId, ideaId, from, to),
  });
  if (comparison.isPending) return <Loading what="the comparison" />;
  if (comparison.isError) return <ErrorAlert alert={alertFor(comparison.error)} />;
  const { fields } = comparison.data;
  const left = comparison.data.from;
  const right = comparison.data.to;
  const changed = fields.filter((f) => f.changed);
  return (
    <section className={pageLayout.stack} aria-label="Comparison">
      <p role="status" aria-live="polite">
        Revision {left.number} and revision {right.number}:{' '}
        {changed.length === 0
          ? 'no differences.'
          : `${changed.map((f) => fieldLabel(f.field).toLowerCase()).join(', ')} changed.`}{' '}
        <span className={textStyles.muted}>
          Removed words are <del className={styles.removed}>struck through</del>, added words{' '}
          <ins className={styles.added}>underlined</ins>.
        </span>
      </p>
      {changed.map((f) => {
        const sides = sidesOf(f);
        return (
          <section key={f.field} aria-label={fieldLabel(f.field)} className={pageLayout.stack}>
            <h4>{fieldLabel(f.field)}</h4>
            <div className={styles.compare}>
              <div>
                <p className={`${textStyles.small} ${textStyles.muted}`}>Revision {left.number}</p>
                <p className={styles.side} data-testid="compare-left">
                  {sides.left.map((p, i) =>
                    p.change === 'removed' ? (
                      <del key={i} className={styles.removed}>
                        {p.value}
                      </del>
                    ) : (
                      <span key={i}>{p.value}</span>
                    ),
                  )}
                </p>
              </div>
              <div>
                <p className={`${textStyles.small} ${textStyles.muted}`}>Revision {right.number}</p>
                <p className={styles.side} data-testid="compare-right">
                  {sides.right.map((p, i) =>
                    p.change === 'added' ? (
                      <ins key={i} className={styles.added}>
                        {p.value}
                      </ins>
                    ) : (
                      <span key={i}>{p.value}</span>
                    ),
                  )}
                </p>
              </div>
            </div>
          </section>
        );
      })}
    </section>
  );
}

function Discussion({ labId, idea }: { labId: string; idea: Idea }) {
  const { lab } = useLab();
  const queryClient = useQueryClient();
  const comments = useQuery({
    queryKey: [...ideasKeys.comments(labId, idea.id), idea.comments],
    queryFn: () => ideasApi.comments(labId, idea.id),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ideasKeys.comments(labId, idea.id) });
    void queryClient.invalidateQueries({ queryKey: ideasKeys.idea(labId, idea.id) });
  };
  const post = useMutation({
    mutationFn: (next: { body: string; parentId?: string }) =>
      ideasApi.comment(labId, idea.id, next.body, next.parentId),
    onSuccess: refresh,
  });
  const mark = useMutation({
    mutationFn: (next: { commentId: string; addressed: boolean }) =>
      ideasApi.markAddressed(labId, idea.id, next.commentId, next.addressed),
    onSettled: refresh,
  });
  const [body, setBody] = useState('');
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [reply, setReply] = useState('');
  const active = idea.status === 'active';
  const threads = threadsOf(comments.data ?? []);

  const renderComment = (comment: IdeaComment) => (
    <article
      className={`${styles.comment} ${comment.byMentor ? styles.mentorComment : ''}`}
      aria-label={`Comment by ${comment.author.displayName}`}
    >
      <p className={styles.meta}>
        <strong>{comment.author.displayName}</strong>
        {comment.byMentor ? <span className={styles.badge}>Mentor</span> : null}
        {comment.addressed ? (
          <span className={`${styles.badge} ${styles.addressed}`}>
            Addressed{comment.addressedBy ? ` by ${comment.addressedBy.displayName}` : ''}
          </span>
        ) : null}
        <span>{formatLabTime(comment.createdAt, lab.timezone)}</span>
        {comment.writtenFor.id !== idea.id ? <span>on “{comment.writtenFor.title}”</span> : null}
      </p>
      <p className={styles.summary}>{comment.body}</p>
      <div className={styles.row}>
        {active ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            onClick={() => {
              setReplyTo(comment.id);
              setReply('');
            }}
          >
            Reply
          </button>
        ) : null}
        {idea.iChampion ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            disabled={mark.isPending}
            onClick={() => mark.mutate({ commentId: comment.id, addressed: !comment.addressed })}
          >
            {comment.addressed ? 'Mark as not addressed' : 'Mark as addressed'}
          </button>
        ) : null}
      </div>
      {replyTo === comment.id ? (
        <form
          className={pageLayout.stack}
          onSubmit={(e) => {
            e.preventDefault();
            post.mutate(
              { body: reply, parentId: comment.id },
              { onSuccess: () => setReplyTo(null) },
            );
          }}
        >
          <TextAreaField
            id={`reply-${comment.id}`}
            label={`Reply to ${comment.author.displayName}`}
            rows={3}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
          />
          <div className={styles.row}>
            <button
              type="submit"
              className={buttonStyles.button}
              disabled={post.isPending || !reply.trim()}
            >
              Post the reply
            </button>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              onClick={() => setReplyTo(null)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </article>
  );

  return (
    <section
      className={`${cardStyles.card} ${pageLayout.stack}`}
      aria-labelledby="discussion-title"
    >
      <h3 id="discussion-title">Discussion</h3>
      {comments.isPending ? <Loading what="the discussion" /> : null}
      <ErrorAlert
        alert={
          comments.isError
            ? alertFor(comments.error)
            : post.isError
              ? alertFor(post.error)
              : mark.isError
                ? alertFor(mark.error)
                : null
        }
      />
      {comments.data && threads.length === 0 ? (
        <p className={textStyles.muted}>No comments yet.</p>
      ) : null}
      <ul className={styles.thread} aria-label="Comments">
        {threads.map((thread) => (
          <li key={thread.comment.id}>
            {renderComment(thread.comment)}
            {thread.replies.length > 0 ? (
              <ul
                className={styles.replies}
                aria-label={`Replies to ${thread.comment.author.displayName}`}
              >
                {thread.replies.map((r) => (
                  <li key={r.id}>{renderComment(r)}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {active ? (
        <form
          className={pageLayout.stack}
          onSubmit={(e) => {
            e.preventDefault();
            post.mutate({ body }, { onSuccess: () => setBody('') });
          }}
        >
          <TextAreaField
            id="new-comment"
            label="Your comment"
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <div>
            <button
              type="submit"
              className={buttonStyles.button}
              disabled={post.isPending || !body.trim()}
            >
              Post the comment
            </button>
          </div>
        </form>
      ) : (
        <p className={textStyles.muted}>This idea is {idea.status}: its discussion is closed.</p>
      )}
    </section>
  );
}

/** Organisers: theme, archive or restore, and merging other ideas into this one. */
function OrganiserActions({ labId, idea, board }: { labId: string; idea: Idea; board: IdeaBoard }) {
  const queryClient = useQueryClient();
  const { dialog, confirm } = useConfirmDialog();
  const [themeId, setThemeId] = useState(idea.theme?.id ?? '');
  const [newTheme, setNewTheme] = useState('');
  const [done, setDone] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ideasKeys.all(labId) });
  const theme = useMutation({
    mutationFn: async () => {
      let id: string | null = themeId || null;
      if (newTheme.trim()) id = (await ideasApi.addTheme(labId, newTheme.trim())).id;
      return ideasApi.setTheme(labId, idea.id, id);
    },
    onSuccess: (next) => {
      setNewTheme('');
      setThemeId(next.theme?.id ?? '');
      setDone(next.theme ? `Now under the theme “${next.theme.name}”.` : 'Now under no theme.');
    },
    onSettled: refresh,
  });
  const archive = useMutation({
    mutationFn: (restore: boolean) => ideasApi.archive(labId, idea.id, restore),
    onSuccess: (next) =>
      setDone(next.status === 'archived' ? 'Archived.' : 'Restored to the board.'),
    onSettled: refresh,
  });
  const error = theme.error ?? archive.error;

  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="organiser-title">
      <h3 id="organiser-title">Organiser actions</h3>
      <ErrorAlert alert={error ? alertFor(error) : null} />
      <StatusMessage>{done}</StatusMessage>
      <form
        className={styles.filters}
        aria-label="Theme of this idea"
        onSubmit={(e) => {
          e.preventDefault();
          setDone('');
          theme.mutate();
        }}
      >
        <SelectField
          id="idea-theme"
          label="Theme"
          value={themeId}
          onChange={(e) => setThemeId(e.target.value)}
        >
          <option value="">No theme</option>
          {board.themes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id="idea-new-theme"
          label="Or a new theme"
          value={newTheme}
          maxLength={80}
          onChange={(e) => setNewTheme(e.target.value)}
        />
        <div className={fieldStyles.field}>
          <button
            type="submit"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={theme.isPending}
          >
            Set the theme
          </button>
        </div>
      </form>
      {idea.status !== 'merged' ? (
        <div>
          <button
            type="button"
            className={
              idea.status === 'active'
                ? `${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`
                : `${buttonStyles.button} ${buttonStyles.secondary}`
            }
            disabled={archive.isPending}
            onClick={async () => {
              const restore = idea.status === 'archived';
              const yes = await confirm(
                restore
                  ? {
                      title: `Restore “${idea.title}”?`,
                      body: 'It comes back on the board.',
                      confirmLabel: 'Restore',
                    }
                  : {
                      title: `Archive “${idea.title}”?`,
                      body: 'It leaves the board and the shortlist; it stays readable and can be restored.',
                      confirmLabel: 'Archive',
                      danger: true,
                    },
              );
              if (yes) {
                setDone('');
                archive.mutate(restore);
              }
            }}
          >
            {idea.status === 'archived' ? 'Restore to the board' : 'Archive'}
          </button>
        </div>
      ) : null}
      {dialog}
    </section>
  );
}

/**
 * Merging other ideas into this one: organisers merge at once; a champion proposes, and the
 * merge happens when every champion involved has accepted. Both ask first.
 */
function MergeForm({ labId, idea, organiser }: { labId: string; idea: Idea; organiser: boolean }) {
  const queryClient = useQueryClient();
  const { dialog, confirm } = useConfirmDialog();
  const [sources, setSources] = useState<string[]>([]);
  const [done, setDone] = useState('');
  const others = useQuery({
    queryKey: ideasKeys.list(labId, {}),
    queryFn: () => ideasApi.list(labId, {}),
  });
  const merge = useMutation({
    mutationFn: () => ideasApi.merge(labId, idea.id, sources),
    onSuccess: (result) => {
      setSources([]);
      const names = result.sources.map((s) => `“${s.title}”`).join(', ');
      setDone(
        result.state === 'merged'
          ? `Merged ${names} into this idea.`
          : `Proposed merging ${names} into this idea: it happens when ${result.waitingFor.map((p) => p.displayName).join(', ')} accept${result.waitingFor.length === 1 ? 's' : ''}.`,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ideasKeys.all(labId) }),
  });
  const candidates = (others.data ?? []).filter((o) => o.id !== idea.id && o.status === 'active');
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="merge-title">
      <h3 id="merge-title">{organiser ? 'Merge ideas into this one' : 'Propose a merge'}</h3>
      <ErrorAlert alert={merge.isError ? alertFor(merge.error) : null} />
      <StatusMessage>{done}</StatusMessage>
      <form
        className={pageLayout.stack}
        aria-label="Merge ideas into this one"
        onSubmit={async (e) => {
          e.preventDefault();
          const titles = candidates
            .filter((c) => sources.includes(c.id))
            .map((c) => `“${c.title}”`);
          const yes = await confirm({
            title: `${organiser ? 'Merge' : 'Propose merging'} ${titles.length === 1 ? 'one idea' : `${titles.length} ideas`} into “${idea.title}”?`,
            body: (
              <p>
                {titles.join(', ')} {organiser ? 'will be' : 'would be'} merged into this idea:
                their revisions, comments, supporters and champions come along; they stay readable
                and point here.{' '}
                {organiser
                  ? 'This cannot be undone.'
                  : 'It happens once every champion of the ideas involved has accepted.'}
              </p>
            ),
            confirmLabel: organiser ? 'Merge' : 'Propose the merge',
            danger: organiser,
          });
          if (yes) {
            setDone('');
            merge.mutate();
          }
        }}
      >
        <fieldset className={styles.checks}>
          <legend>Ideas to merge into this one</legend>
          {candidates.length === 0 ? (
            <p className={textStyles.muted}>No other active idea.</p>
          ) : null}
          {candidates.map((c) => (
            <label key={c.id}>
              <input
                type="checkbox"
                checked={sources.includes(c.id)}
                onChange={(e) =>
                  setSources(
                    e.target.checked ? [...sources, c.id] : sources.filter((s) => s !== c.id),
                  )
                }
              />
              {c.title}
            </label>
          ))}
        </fieldset>
        <div>
          <button
            type="submit"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={sources.length === 0 || merge.isPending}
          >
            {organiser ? 'Merge the chosen ideas…' : 'Propose the merge…'}
          </button>
        </div>
      </form>
      {dialog}
    </section>
  );
}

/** Open merge proposals this idea is part of: who agreed, who is awaited, and one's own answer. */
function MergeProposals({ labId, idea, userId }: { labId: string; idea: Idea; userId: string }) {
  const queryClient = useQueryClient();
  const merges = useQuery({
    queryKey: ideasKeys.merges(labId),
    queryFn: () => ideasApi.merges(labId),
  });
  const answer = useMutation({
    mutationFn: (next: { mergeId: string; accept: boolean }) =>
      ideasApi.answerMerge(labId, next.mergeId, next.accept),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ideasKeys.all(labId) }),
  });
  const open = (merges.data ?? []).filter(
    (m) =>
      m.state === 'open' && (m.target.id === idea.id || m.sources.some((s) => s.id === idea.id)),
  );
  if (open.length === 0) return null;
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="proposals-title">
      <h3 id="proposals-title">Merge proposals</h3>
      <ErrorAlert alert={answer.isError ? alertFor(answer.error) : null} />
      <ul className={styles.thread}>
        {open.map((m) => (
          <li key={m.id} className={styles.comment}>
            <p>
              {m.proposedBy.displayName} proposes merging{' '}
              {m.sources.map((s) => `“${s.title}”`).join(', ')} into “{m.target.title}”.
            </p>
            <p className={`${textStyles.small} ${textStyles.muted}`}>
              {m.accepted.length > 0
                ? `Accepted by ${m.accepted.map((p) => p.displayName).join(', ')}. `
                : ''}
              Waiting for {m.waitingFor.map((p) => p.displayName).join(', ')}.
            </p>
            {m.waitingFor.some((p) => p.userId === userId) ? (
              <div className={styles.row}>
                <button
                  type="button"
                  className={buttonStyles.button}
                  disabled={answer.isPending}
                  onClick={() => answer.mutate({ mergeId: m.id, accept: true })}
                >
                  Accept the merge
                </button>
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                  disabled={answer.isPending}
                  onClick={() => answer.mutate({ mergeId: m.id, accept: false })}
                >
                  Decline
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
