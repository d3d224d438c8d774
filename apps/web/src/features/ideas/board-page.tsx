import { countWords } from '@ideas-lab/domain/word-count';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { PeoplePicker } from '../../components/people-picker';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { NumberField, wholeNumberOf } from '../../components/number-field';
import { splitFieldIssues } from '../../lib/field-errors';
import { useUser } from '../../components/session';
import { canOrganise, rolesIn } from '../../lib/roles';
import { alertFor, useFormSubmit } from '../../lib/use-form-submit';
import { useLiveConnection } from '../live/use-live-connection';
import { ideasApi, ideasKeys, type Idea, type IdeaBoard, type IdeaPerson } from './api';
import { excerpt, ideasQueryOf, labelsOf, NO_FILTERS, type BoardFilters } from './ideas-logic';
import { useIdeasLive } from './use-ideas-live';
import styles from './ideas.module.css';
import { WordCount } from '../../components/word-count';
import fieldStyles from '../../components/field.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** The lab's ideas board: cards with filters, new ideas, support; kept current live. */
export function BoardPage() {
  const { labId = '' } = useParams();
  const user = useUser();
  const roles = rolesIn(user, labId);
  const organiser = canOrganise(user, labId);
  const contributor = roles.includes('participant') || roles.includes('mentor');
  const connection = useLiveConnection(labId);
  useIdeasLive(labId, connection);
  const [filters, setFilters] = useState<BoardFilters>(NO_FILTERS);
  const [writing, setWriting] = useState(false);
  const [posted, setPosted] = useState<Idea | null>(null);
  const board = useQuery({
    queryKey: ideasKeys.board(labId),
    queryFn: () => ideasApi.board(labId),
  });
  const query = ideasQueryOf(filters);
  const ideas = useQuery({
    queryKey: ideasKeys.list(labId, query),
    queryFn: () => ideasApi.list(labId, query),
    placeholderData: (previous) => previous,
  });

  if (board.isPending) return <Loading what="the ideas board" />;
  if (board.isError) return <ErrorAlert alert={alertFor(board.error)} />;
  const set = (patch: Partial<BoardFilters>) => setFilters({ ...filters, ...patch });
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <section className={pageLayout.stackLg}>
      <div className={styles.row}>
        <h2>Ideas board</h2>
        {contributor && !writing ? (
          <button
            type="button"
            className={buttonStyles.button}
            onClick={() => {
              setPosted(null);
              setWriting(true);
            }}
          >
            New idea
          </button>
        ) : null}
        <Link to="../voting">Voting and shortlist</Link>
      </div>
      {writing ? (
        <NewIdeaForm
          labId={labId}
          board={board.data}
          onDone={(idea) => {
            setWriting(false);
            setPosted(idea);
          }}
        />
      ) : null}
      <StatusMessage>
        {posted ? (
          <>
            Posted “{posted.title}”. <Link to={posted.id}>Open it</Link>
          </>
        ) : null}
      </StatusMessage>

      {organiser ? <BoardSettings labId={labId} board={board.data} /> : null}
      <form
        className={`${cardStyles.card} ${styles.filters}`}
        aria-label="Filter ideas"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          id="filter-theme"
          label="Theme"
          value={filters.theme}
          onChange={(e) => set({ theme: e.target.value })}
        >
          <option value="">All themes</option>
          {board.data.themes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.ideas})
            </option>
          ))}
        </SelectField>
        <TextField
          id="filter-tag"
          label="Tag"
          value={filters.tag}
          onChange={(e) => set({ tag: e.target.value })}
        />
        <SelectField
          id="filter-discipline"
          label="Discipline needed"
          value={filters.discipline}
          onChange={(e) => set({ discipline: e.target.value })}
        >
          <option value="">Any discipline</option>
          {board.data.disciplines.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </SelectField>
        <div className={styles.checks}>
          {contributor ? (
            <label>
              <input
                type="checkbox"
                checked={filters.mine}
                onChange={(e) => set({ mine: e.target.checked })}
              />
              My ideas
            </label>
          ) : null}
          {organiser ? (
            <label>
              <input
                type="checkbox"
                checked={filters.includeArchived}
                onChange={(e) => set({ includeArchived: e.target.checked })}
              />
              Include archived and merged
            </label>
          ) : null}
          {filtered ? (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              onClick={() => setFilters(NO_FILTERS)}
            >
              Clear filters
            </button>
          ) : null}
        </div>
      </form>

      {ideas.isPending ? <Loading what="the ideas" /> : null}
      <ErrorAlert alert={ideas.isError ? alertFor(ideas.error) : null} />
      {ideas.data ? (
        <>
          <p role="status" aria-live="polite" className={textStyles.muted}>
            {ideas.data.length === 1 ? '1 idea' : `${ideas.data.length} ideas`}
            {filtered ? ' match the filters' : ' on the board'}
          </p>
          {ideas.data.length === 0 ? (
            <p className={textStyles.empty}>
              {filtered
                ? 'No idea matches these filters.'
                : contributor
                  ? 'No ideas yet: post the first one.'
                  : 'No ideas yet.'}
            </p>
          ) : (
            <ul className={styles.cards} aria-label="Ideas">
              {ideas.data.map((idea) => (
                <IdeaCard
                  key={idea.id}
                  labId={labId}
                  idea={idea}
                  canSupport={roles.includes('participant')}
                />
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}

function IdeaCard({ labId, idea, canSupport }: { labId: string; idea: Idea; canSupport: boolean }) {
  const support = useSupport(labId, idea);
  return (
    <li className={`${cardStyles.card} ${styles.card}`} aria-label={idea.title}>
      <h3 className={styles.cardTitle}>
        <Link to={idea.id}>{idea.title}</Link>
      </h3>
      <IdeaState idea={idea} />
      <p className={`${textStyles.small} ${textStyles.muted}`}>
        {idea.challengeArea}
        {idea.theme ? ` · Theme: ${idea.theme.name}` : ''}
        {idea.shortlistPosition !== null ? ` · Shortlisted #${idea.shortlistPosition}` : ''}
      </p>
      <p className={styles.summary}>{excerpt(idea.summary)}</p>
      <Labels label="Tags" items={idea.tags} />
      {idea.disciplinesNeeded.length > 0 ? (
        <p className={textStyles.small}>Needs: {idea.disciplinesNeeded.join(', ')}</p>
      ) : null}
      <p className={styles.meta}>
        <span>Champions: {idea.champions.map((c) => c.displayName).join(', ')}</span>
        <span>
          {idea.supporters} supporter{idea.supporters === 1 ? '' : 's'}
        </span>
        <span>
          {idea.comments} comment{idea.comments === 1 ? '' : 's'}
        </span>
      </p>
      {canSupport && idea.status === 'active' ? support.button : null}
      <ErrorAlert alert={support.error} />
    </li>
  );
}

/** Merged or archived, said in words (a merged idea links to where it went). */
export function IdeaState({ idea }: { idea: Idea }) {
  if (idea.status === 'merged')
    return (
      <p className={textStyles.small}>
        <span className={styles.state}>Merged</span> into{' '}
        {idea.mergedInto ? (
          <Link to={`/labs/${idea.labId}/ideas/${idea.mergedInto.id}`}>
            {idea.mergedInto.title}
          </Link>
        ) : (
          'another idea'
        )}
      </p>
    );
  if (idea.status === 'archived')
    return (
      <p className={textStyles.small}>
        <span className={styles.state}>Archived</span>
      </p>
    );
  return null;
}

export function Labels({ label, items }: { label: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <ul className={styles.labels} aria-label={label}>
      {items.map((item) => (
        <li key={item} className={styles.label}>
          {item}
        </li>
      ))}
    </ul>
  );
}

/** "I'd work on this" and its withdrawal, for participants; the board and the idea refresh. */
export function useSupport(labId: string, idea: Idea) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (yes: boolean) => ideasApi.support(labId, idea.id, yes),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ideasKeys.lists(labId) });
      void queryClient.invalidateQueries({ queryKey: ideasKeys.idea(labId, idea.id) });
      void queryClient.invalidateQueries({ queryKey: ideasKeys.supporters(labId, idea.id) });
    },
  });
  const button = (
    <button
      type="button"
      className={
        idea.iSupport ? `${buttonStyles.button} ${buttonStyles.secondary}` : buttonStyles.button
      }
      aria-pressed={idea.iSupport}
      disabled={mutation.isPending}
      onClick={() => mutation.mutate(!idea.iSupport)}
      aria-label={
        idea.iSupport ? `Withdraw my support of ${idea.title}` : `I'd work on ${idea.title}`
      }
    >
      {idea.iSupport ? 'Withdraw support' : "I'd work on this"}
    </button>
  );
  return { button, error: mutation.isError ? alertFor(mutation.error) : null };
}

const FIELDS = ['title', 'summary', 'challengeArea', 'tags', 'disciplinesNeeded'] as const;

/** The fields an idea is written with, shared by the new idea form and the edit form. */
export interface IdeaDraft {
  title: string;
  summary: string;
  challengeArea: string;
  tags: string;
  disciplinesNeeded: string[];
}

export const draftOf = (idea: Idea): IdeaDraft => ({
  title: idea.title,
  summary: idea.summary,
  challengeArea: idea.challengeArea,
  tags: idea.tags.join(', '),
  disciplinesNeeded: idea.disciplinesNeeded,
});

const EMPTY: IdeaDraft = {
  title: '',
  summary: '',
  challengeArea: '',
  tags: '',
  disciplinesNeeded: [],
};

function NewIdeaForm({
  labId,
  board,
  onDone,
}: {
  labId: string;
  board: IdeaBoard;
  onDone: (idea: Idea | null) => void;
}) {
  const queryClient = useQueryClient();
  const form = useFormSubmit(FIELDS);
  const [draft, setDraft] = useState<IdeaDraft>(EMPTY);
  const [coChampions, setCoChampions] = useState<IdeaPerson[]>([]);
  const submit = form.handleSubmit(async () => {
    try {
      const idea = await ideasApi.create(labId, {
        title: draft.title,
        summary: draft.summary,
        challengeArea: draft.challengeArea,
        tags: labelsOf(draft.tags),
        disciplinesNeeded: draft.disciplinesNeeded,
        coChampions: coChampions.map((person) => person.userId),
      });
      void queryClient.invalidateQueries({ queryKey: ideasKeys.lists(labId) });
      void queryClient.invalidateQueries({ queryKey: ideasKeys.board(labId) });
      onDone(idea);
    } catch (error) {
      if (isApiError(error) && error.code === 'IDEA_SUMMARY_TOO_LONG') {
        form.showFieldErrors({ summary: error.message });
        return;
      }
      throw error;
    }
  });
  return (
    <form
      id={form.formId}
      className={`${cardStyles.card} ${pageLayout.stack}`}
      aria-labelledby="new-idea-heading"
      onSubmit={submit}
      noValidate
    >
      <h3 id="new-idea-heading">New idea</h3>
      <ErrorAlert alert={form.alert} />
      <IdeaFields
        prefix="new-idea"
        board={board}
        draft={draft}
        onChange={setDraft}
        errors={form.fieldErrors}
      />
      <PeoplePicker
        label="Co-champions"
        hint="Participants or mentors who champion the idea with you and may edit it. Type at least two letters of a name."
        chosen={coChampions}
        searchKey={(term) => ideasKeys.people(labId, term)}
        search={(term) => ideasApi.people(labId, term)}
        onChange={setCoChampions}
      />
      <div className={actionStyles.formActions}>
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          Post the idea
        </button>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.quiet}`}
          onClick={() => onDone(null)}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Title, summary (with the board's word limit counted as one types), challenge area, tags, disciplines. */
export function IdeaFields({
  prefix,
  board,
  draft,
  onChange,
  errors,
}: {
  prefix: string;
  board: IdeaBoard;
  draft: IdeaDraft;
  onChange: (draft: IdeaDraft) => void;
  errors: Record<string, string>;
}) {
  const words = countWords(draft.summary);
  const over = words > board.summaryWordLimit;
  const areas = board.challengeAreas;
  return (
    <>
      <TextField
        id={`${prefix}-title`}
        label="Title"
        value={draft.title}
        maxLength={160}
        error={errors.title}
        onChange={(e) => onChange({ ...draft, title: e.target.value })}
      />
      <TextAreaField
        id={`${prefix}-summary`}
        label="Summary"
        rows={6}
        value={draft.summary}
        error={errors.summary}
        hint={`At most ${board.summaryWordLimit} words.`}
        onChange={(e) => onChange({ ...draft, summary: e.target.value })}
      />
      <WordCount over={over} aria-live="polite" data-testid={`${prefix}-word-count`}>
        {words} of {board.summaryWordLimit} words{over ? ' — too long' : ''}
      </WordCount>
      {areas.length > 0 ? (
        <SelectField
          id={`${prefix}-challengeArea`}
          label="Part of the challenge it addresses"
          value={draft.challengeArea}
          error={errors.challengeArea}
          onChange={(e) => onChange({ ...draft, challengeArea: e.target.value })}
        >
          <option value="">Choose…</option>
          {[
            ...areas,
            ...(draft.challengeArea && !areas.includes(draft.challengeArea)
              ? [draft.challengeArea]
              : []),
          ].map((area) => (
            <option key={area} value={area}>
              {area}
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField
          id={`${prefix}-challengeArea`}
          label="Part of the challenge it addresses"
          value={draft.challengeArea}
          maxLength={120}
          error={errors.challengeArea}
          onChange={(e) => onChange({ ...draft, challengeArea: e.target.value })}
        />
      )}
      <TextField
        id={`${prefix}-tags`}
        label="Tags"
        hint="Separate them with commas."
        value={draft.tags}
        error={errors.tags}
        onChange={(e) => onChange({ ...draft, tags: e.target.value })}
      />
      {board.disciplines.length > 0 ? (
        <fieldset
          className={styles.checks}
          data-invalid={errors.disciplinesNeeded ? true : undefined}
          aria-describedby={errors.disciplinesNeeded ? `${prefix}-disciplines-error` : undefined}
        >
          <legend>Disciplines it needs</legend>
          {board.disciplines.map((d) => (
            <label key={d}>
              <input
                type="checkbox"
                checked={draft.disciplinesNeeded.includes(d)}
                onChange={(e) =>
                  onChange({
                    ...draft,
                    disciplinesNeeded: e.target.checked
                      ? [...draft.disciplinesNeeded, d]
                      : draft.disciplinesNeeded.filter((x) => x !== d),
                  })
                }
              />
              {d}
            </label>
          ))}
          {errors.disciplinesNeeded ? (
            <p className={fieldStyles.error} id={`${prefix}-disciplines-error`}>
              {errors.disciplinesNeeded}
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </>
  );
}

/**
 * The organisers' board settings: the parts of the challenge ideas address, the summary word
 * limit, and themes. Settings changed meanwhile by another organiser are not overwritten.
 */
function BoardSettings({ labId, board }: { labId: string; board: IdeaBoard }) {
  const queryClient = useQueryClient();
  const { dialog, confirm } = useConfirmDialog();
  const [areas, setAreas] = useState(board.challengeAreas.join('\n'));
  const [limit, setLimit] = useState(String(board.summaryWordLimit));
  const [theme, setTheme] = useState('');
  const [said, setSaid] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ideasKeys.all(labId) });
  const save = useMutation({
    mutationFn: () =>
      ideasApi.putBoard(labId, {
        challengeAreas: areas
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
        summaryWordLimit: wholeNumberOf(limit) as number,
        version: board.version,
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(ideasKeys.board(labId), next);
      setSaid('Board settings saved.');
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'IDEA_BOARD_VERSION_CONFLICT') refresh();
    },
  });
  const addTheme = useMutation({
    mutationFn: () => ideasApi.addTheme(labId, theme.trim()),
    onSuccess: (added) => {
      setTheme('');
      setSaid(`Theme “${added.name}” added.`);
    },
    onSettled: refresh,
  });
  const removeTheme = useMutation({
    mutationFn: (themeId: string) => ideasApi.removeTheme(labId, themeId),
    onSuccess: () => setSaid('Theme removed; its ideas are under no theme now.'),
    onSettled: refresh,
  });
  const issues = isApiError(save.error) ? save.error.details : [];
  const { fieldErrors } = splitFieldIssues(issues, ['challengeAreas', 'summaryWordLimit']);
  const error = save.error ?? addTheme.error ?? removeTheme.error;
  return (
    <details className={cardStyles.card}>
      <summary>Board settings (organisers)</summary>
      <div className={pageLayout.stack}>
        <ErrorAlert alert={error ? alertFor(error) : null} />
        <StatusMessage>{said}</StatusMessage>
        <form
          className={pageLayout.stack}
          aria-label="Board settings"
          onSubmit={(e) => {
            e.preventDefault();
            setSaid('');
            save.mutate();
          }}
        >
          <TextAreaField
            id="board-areas"
            label="Parts of the challenge ideas address"
            hint="One per line; leave empty to let ideas name their own."
            rows={4}
            value={areas}
            error={fieldErrors.challengeAreas}
            onChange={(e) => setAreas(e.target.value)}
          />
          <NumberField
            id="board-limit"
            label="Summary word limit"
            value={limit}
            error={fieldErrors.summaryWordLimit}
            onChange={setLimit}
          />
          <div>
            <button
              type="submit"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              disabled={save.isPending}
            >
              Save the board settings
            </button>
          </div>
        </form>
        <h3>Themes</h3>
        {board.themes.length === 0 ? <p className={textStyles.muted}>No themes yet.</p> : null}
        <ul className={styles.thread} aria-label="Themes">
          {board.themes.map((t) => (
            <li key={t.id} className={styles.row}>
              <span>
                {t.name} ({t.ideas} idea{t.ideas === 1 ? '' : 's'})
              </span>
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
                aria-label={`Remove the theme ${t.name}`}
                onClick={async () => {
                  const yes = await confirm({
                    title: `Remove the theme “${t.name}”?`,
                    body: 'Its ideas stay on the board, under no theme.',
                    confirmLabel: 'Remove',
                    danger: true,
                  });
                  if (yes) removeTheme.mutate(t.id);
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form
          className={styles.filters}
          aria-label="Add a theme"
          onSubmit={(e) => {
            e.preventDefault();
            setSaid('');
            addTheme.mutate();
          }}
        >
          <TextField
            id="board-theme"
            label="New theme"
            value={theme}
            maxLength={80}
            onChange={(e) => setTheme(e.target.value)}
          />
          <div className={fieldStyles.field}>
            <button
              type="submit"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              disabled={!theme.trim() || addTheme.isPending}
            >
              Add the theme
            </button>
          </div>
        </form>
      </div>
      {dialog}
    </details>
  );
}
