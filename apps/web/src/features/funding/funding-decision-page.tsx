import { useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/http';
import { ConfirmButton } from '../../components/confirm-dialog';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { NumberField, notWholeNumbers, wholeNumberOf } from '../../components/number-field';
import { RoundSelect } from './round-select';
import { describeError } from '../../api/api-error';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor, useFormSubmit } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { money, proposalQueries } from '../proposals/api';
import {
  exportCsv,
  fundingCommands,
  fundingKeys,
  fundingQueries,
  type ExportTable,
  type FundingDecisionBoard,
  type FundingDecisionRow,
  type PortfolioRun,
} from './api';
import styles from './funding.module.css';
import { Figures } from '../../components/figures';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

const invalidateRound = (labId: string, roundId: string) =>
  queryClient.invalidateQueries({ queryKey: fundingKeys.round(labId, roundId) });

/**
 * The organisers' funding decision for one round: the portfolio optimiser (rules, result, money
 * left, what the next proposal needs, the lottery), the decision per proposal with its
 * rationale, the letters (released after a confirmation) and the exports.
 */
export function FundingDecisionPage() {
  const { lab } = useLab();
  const rounds = useQuery(proposalQueries.rounds(lab.id));
  const [picked, setPicked] = useState('');
  const roundId = picked || rounds.data?.[0]?.id || '';

  return (
    <section className={pageLayout.stackLg}>
      <h2>Funding decision</h2>
      {rounds.isPending ? <Loading what="the funding rounds" /> : null}
      <ErrorAlert alert={rounds.isError ? alertFor(rounds.error) : null} />
      {rounds.data?.length === 0 ? (
        <p className={`${cardStyles.card} ${textStyles.empty}`}>
          No funding round yet: set one up under Proposals.
        </p>
      ) : null}
      <RoundSelect id="funding-round" rounds={rounds.data} value={roundId} onChange={setPicked} />
      {roundId ? <RoundDecision key={roundId} labId={lab.id} roundId={roundId} /> : null}
    </section>
  );
}

function RoundDecision({ labId, roundId }: { labId: string; roundId: string }) {
  const board = useQuery(fundingQueries.board(labId, roundId));
  if (board.isPending) return <Loading what="the decision" />;
  if (board.isError) return <ErrorAlert alert={alertFor(board.error)} />;
  return (
    <>
      <MoneySummary board={board.data} />
      <PortfolioSection labId={labId} roundId={roundId} currency={board.data.money.currency} />
      <DecisionsSection labId={labId} roundId={roundId} board={board.data} />
      <LettersSection labId={labId} roundId={roundId} />
      <ExportsSection labId={labId} roundId={roundId} />
    </>
  );
}

function MoneySummary({ board }: { board: FundingDecisionBoard }) {
  const { currency } = board.money;
  return (
    <Figures
      label="Money"
      figures={[
        { label: 'Pool', value: money(board.money.pool, currency) },
        { label: 'Cap per award', value: money(board.money.awardCap, currency) },
        { label: 'Awarded', value: money(board.awarded, currency) },
        { label: 'Left', value: money(board.left, currency), testId: 'money-left' },
      ]}
    />
  );
}

// ---- portfolio optimiser -------------------------------------------------------------------

const PORTFOLIO_FIELDS = [
  'rules.maxAwardsPerInstitution',
  'rules.minAwardsPerArea',
  'rules.partialAwards',
  'seed',
];

function PortfolioSection({
  labId,
  roundId,
  currency,
}: {
  labId: string;
  roundId: string;
  currency: string;
}) {
  const headingId = useId();
  const { lab } = useLab();
  const runs = useQuery(fundingQueries.runs(labId, roundId));
  const [maxPerInstitution, setMaxPerInstitution] = useState('');
  const [minPerArea, setMinPerArea] = useState('0');
  const [partial, setPartial] = useState('');
  const [lottery, setLottery] = useState(false);
  const [seed, setSeed] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const runId = shown ?? runs.data?.[0]?.id ?? null;
  const run = useQuery({ ...fundingQueries.run(labId, roundId, runId ?? ''), enabled: !!runId });
  const form = useFormSubmit(PORTFOLIO_FIELDS);
  const percent = wholeNumberOf(partial);
  const submit = form.handleCheckedSubmit(
    () => ({
      ...notWholeNumbers({
        'rules.maxAwardsPerInstitution': maxPerInstitution,
        'rules.minAwardsPerArea': minPerArea,
        'rules.partialAwards': partial,
      }),
      // The server takes a fraction: the bounds of the percent asked here, in its words.
      ...(percent !== undefined && percent < 1
        ? { 'rules.partialAwards': 'Must be at least 1.' }
        : {}),
      ...(percent !== undefined && percent > 100
        ? { 'rules.partialAwards': 'Must be at most 100.' }
        : {}),
    }),
    async () => {
      const created = await fundingCommands.run(labId, roundId, {
        rules: {
          maxAwardsPerInstitution: wholeNumberOf(maxPerInstitution) ?? null,
          minAwardsPerArea: wholeNumberOf(minPerArea) ?? 0,
          partialAwards: percent === undefined ? null : { minFraction: percent / 100 },
        },
        lottery,
        ...(seed.trim() ? { seed: seed.trim() } : {}),
      });
      setShown(created.id);
      await queryClient.invalidateQueries({ queryKey: fundingKeys.runs(labId, roundId) });
    },
  );

  return (
    <section className={`${cardStyles.card} ${styles.section}`} aria-labelledby={headingId}>
      <h3 id={headingId}>Portfolio optimiser</h3>
      <p>
        Chooses the proposals to fund within the pool and the cap, by their review merit, under your
        rules.
      </p>
      <form id={form.formId} className={styles.rules} onSubmit={submit} noValidate>
        <NumberField
          id="rule-institution"
          label="At most awards per institution"
          hint="Empty: no limit"
          value={maxPerInstitution}
          error={form.fieldErrors['rules.maxAwardsPerInstitution']}
          onChange={setMaxPerInstitution}
        />
        <NumberField
          id="rule-area"
          label="At least awards per challenge area"
          value={minPerArea}
          error={form.fieldErrors['rules.minAwardsPerArea']}
          onChange={setMinPerArea}
        />
        <NumberField
          id="rule-partial"
          label="Partial awards down to (% of request)"
          hint="Empty: full awards only"
          value={partial}
          error={form.fieldErrors['rules.partialAwards']}
          onChange={setPartial}
        />
        <label className={fieldStyles.checkbox}>
          <input type="checkbox" checked={lottery} onChange={(e) => setLottery(e.target.checked)} />{' '}
          Lottery among proposals straddling the funding line
        </label>
        {lottery ? (
          <TextField
            id="rule-seed"
            label="Lottery seed"
            hint="Empty: a new one"
            value={seed}
            error={form.fieldErrors.seed}
            onChange={(e) => setSeed(e.target.value)}
          />
        ) : null}
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          {form.busy ? 'Solving…' : 'Run the optimiser'}
        </button>
      </form>
      <ErrorAlert alert={form.alert} />
      {runs.data && runs.data.length > 1 ? (
        <DataTable
          caption="Runs compared"
          rows={runs.data}
          rowKey={(r) => r.id}
          rowProps={(r) => (r.id === runId ? { 'aria-current': 'true' } : undefined)}
          columns={[
            {
              header: 'When',
              cell: (r) =>
                `${formatLabTime(r.createdAt, lab.timezone)}${r.lottery ? ` · lottery (${r.seed})` : ''}${r.adopted ? ' · adopted' : ''}`,
            },
            { header: 'Funded', cell: (r) => r.fundedTeams.join(', ') },
            { header: 'Awarded', cell: (r) => money(r.totalAwarded, currency) },
            { header: 'Left', cell: (r) => money(r.moneyLeft, currency) },
            { header: 'Merit', cell: (r) => r.totalMerit.toFixed(3) },
            {
              header: 'Show',
              hiddenHeader: true,
              cell: (r) => (
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                  onClick={() => setShown(r.id)}
                >
                  Show
                </button>
              ),
            },
          ]}
        />
      ) : null}
      {run.data ? <RunResult labId={labId} roundId={roundId} run={run.data} /> : null}
    </section>
  );
}

function RunResult({ labId, roundId, run }: { labId: string; roundId: string; run: PortfolioRun }) {
  const { currency } = run.money;
  const [rationale, setRationale] = useState(
    'Funded by merit within the pool under the rules shown.',
  );
  const [replayed, setReplayed] = useState('');
  const adopt = useMutation({
    mutationFn: () => fundingCommands.adopt(labId, roundId, run.id, rationale),
    onSuccess: () => invalidateRound(labId, roundId),
  });
  const replay = useMutation({
    mutationFn: () => fundingCommands.replay(labId, roundId, run.id),
    onSuccess: (r) =>
      setReplayed(
        r.same
          ? 'Solved again from its record: the same awards and the same draw.'
          : 'Solved again from its record: the result differs.',
      ),
  });

  return (
    <div className={styles.section} data-testid="portfolio-run">
      <h4>
        Result: {run.status}
        {run.adopted ? ' (adopted)' : ''}
      </h4>
      {run.infeasibility ? (
        <div className={feedback.alert}>
          <p>The rules cannot all hold:</p>
          <ul>
            {run.infeasibility.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Figures
        figures={[
          { label: 'Awarded', value: money(run.totalAwarded, currency) },
          { label: 'Money left', value: money(run.moneyLeft, currency), testId: 'run-money-left' },
        ]}
      />
      <DataTable
        caption="Funded"
        rows={run.awards}
        rowKey={(a) => a.proposalId}
        columns={[
          {
            header: 'Team',
            cell: (a) =>
              `${a.teamName}${a.drawn ? ' (drawn)' : ''}${a.mustFund ? ' (must fund)' : ''}`,
          },
          { header: 'Proposal', cell: (a) => a.title },
          { header: 'Merit', cell: (a) => a.merit.toFixed(3) },
          { header: 'Award', cell: (a) => money(a.amount, currency) },
        ]}
      />
      {run.next.length > 0 ? (
        <div>
          <h5>What the next proposals would need</h5>
          <ul>
            {run.next.map((n) => (
              <li key={n.proposalId}>{n.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {run.draw ? (
        <div>
          <h5>Lottery (seed {run.draw.seed})</h5>
          <ul>
            {run.draw.candidates.map((c) => (
              <li key={c.proposalId}>
                {c.teamName}: drew {c.value.toFixed(3)} — {c.won ? 'funded' : 'not funded'}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextAreaField
        id="adopt-rationale"
        label="Rationale written on each decision"
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
      />
      <div className={styles.actions}>
        <ConfirmButton
          disabled={adopt.isPending || run.infeasibility !== null || !rationale.trim()}
          ask={{
            title: `Adopt this run: fund ${run.awards.length} proposals?`,
            body: 'Every proposal it weighed gets its decision (funded with the award shown, or not funded) with your rationale. You can change each decision afterwards.',
            confirmLabel: 'Adopt the run',
          }}
          onConfirm={() => adopt.mutate()}
        >
          Adopt this run
        </ConfirmButton>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          disabled={replay.isPending}
          onClick={() => replay.mutate()}
        >
          Solve again from its record
        </button>
      </div>
      <StatusMessage>
        {adopt.isSuccess ? 'Adopted: the decisions below are written.' : replayed}
      </StatusMessage>
      <ErrorAlert alert={adopt.isError ? alertFor(adopt.error) : null} />
    </div>
  );
}

// ---- decisions -----------------------------------------------------------------------------

function DecisionsSection({
  labId,
  roundId,
  board,
}: {
  labId: string;
  roundId: string;
  board: FundingDecisionBoard;
}) {
  const headingId = useId();
  return (
    <section className={`${cardStyles.card} ${styles.section}`} aria-labelledby={headingId}>
      <h3 id={headingId}>Decisions per proposal</h3>
      {board.proposals.length === 0 ? <p>No proposal has been submitted to this round.</p> : null}
      {board.proposals.map((row) => (
        <DecisionForm
          key={`${row.proposalId}:${row.decision?.version ?? 0}`}
          labId={labId}
          roundId={roundId}
          row={row}
          board={board}
        />
      ))}
    </section>
  );
}

function DecisionForm({
  labId,
  roundId,
  row,
  board,
}: {
  labId: string;
  roundId: string;
  row: FundingDecisionRow;
  board: FundingDecisionBoard;
}) {
  const { currency } = board.money;
  const { lab } = useLab();
  const d = row.decision;
  const [outcome, setOutcome] = useState<'funded' | 'not-funded'>(d?.outcome ?? 'funded');
  const [amount, setAmount] = useState(String(d?.amount ?? row.request));
  const [rationale, setRationale] = useState(d?.rationale ?? '');
  const [invited, setInvited] = useState(d?.invitedToRound?.id ?? '');
  const save = useMutation({
    mutationFn: () =>
      fundingCommands.decide(labId, roundId, row.proposalId, {
        version: d?.version ?? 0,
        outcome,
        amount: outcome === 'funded' ? Number(amount) : null,
        rationale,
        invitedToRoundId: invited || null,
      }),
    onSuccess: () => invalidateRound(labId, roundId),
  });
  const id = row.proposalId;
  return (
    <form
      className={styles.section}
      aria-label={`Decision on ${row.teamName}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h4>
        {row.teamName}: {row.title}
      </h4>
      <p>
        Asks {money(row.request, currency)}
        {row.score !== null
          ? ` · score ${row.score.toFixed(3)} (rank ${row.rank})`
          : ' · not scored'}
        {row.flags.includes('straddles-line') ? ' · straddles the funding line' : ''}
        {d
          ? ` · decided: ${d.outcome === 'funded' ? `funded ${money(d.amount ?? 0, currency)}` : 'not funded'}${d.invitedToRound ? `, invited to ${d.invitedToRound.name}` : ''} (version ${d.version}${d.decidedBy ? `, by ${d.decidedBy}` : ''}, ${formatLabTime(d.updatedAt, lab.timezone)})`
          : ' · no decision yet'}
      </p>
      <div className={styles.decision}>
        <SelectField
          id={`outcome-${id}`}
          label="Decision"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as 'funded' | 'not-funded')}
        >
          <option value="funded">Funded</option>
          <option value="not-funded">Not funded</option>
        </SelectField>
        {outcome === 'funded' ? (
          <TextField
            id={`amount-${id}`}
            label={`Award (${currency})`}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        ) : null}
        {board.nextRounds.length > 0 ? (
          <SelectField
            id={`invite-${id}`}
            label="Invite to"
            value={invited}
            onChange={(e) => setInvited(e.target.value)}
          >
            <option value="">Not invited</option>
            {board.nextRounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      <TextAreaField
        id={`rationale-${id}`}
        label="Rationale"
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
      />
      <div className={styles.actions}>
        <button
          type="submit"
          className={buttonStyles.button}
          disabled={save.isPending || !rationale.trim()}
        >
          Record the decision
        </button>
      </div>
      <StatusMessage>{save.isSuccess ? `Decision on ${row.teamName} recorded.` : ''}</StatusMessage>
      <ErrorAlert alert={save.isError ? alertFor(save.error) : null} />
    </form>
  );
}

// ---- letters and exports -------------------------------------------------------------------

function LettersSection({ labId, roundId }: { labId: string; roundId: string }) {
  const headingId = useId();
  const letters = useQuery(fundingQueries.letters(labId, roundId));
  const compose = useMutation({
    mutationFn: () => fundingCommands.composeLetters(labId, roundId),
    onSuccess: () => invalidateRound(labId, roundId),
  });
  const release = useMutation({
    mutationFn: (drafts: number) => fundingCommands.releaseLetters(labId, roundId, drafts),
    onSuccess: () => invalidateRound(labId, roundId),
  });
  const drafts = letters.data?.drafts ?? 0;
  return (
    <section className={`${cardStyles.card} ${styles.section}`} aria-labelledby={headingId}>
      <h3 id={headingId}>Decision letters</h3>
      <p>
        One letter per team member: the decision, its rationale, any invitation and the reviewers’
        comments to the team that were released. They wait in the outbox until you release them.
      </p>
      {letters.data && letters.data.undecided.length > 0 ? (
        <p>Still undecided (no letter): {letters.data.undecided.join(', ')}.</p>
      ) : null}
      <div className={styles.actions}>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          disabled={compose.isPending}
          onClick={() => compose.mutate()}
        >
          Write the letters
        </button>
        <ConfirmButton
          disabled={release.isPending || drafts === 0}
          ask={{
            title: `Release ${drafts} letters to the teams?`,
            body:
              letters.data?.transport === 'smtp'
                ? 'They are sent by e-mail and cannot be called back.'
                : 'No mail server is set up: they are recorded as what would be sent.',
            confirmLabel: `Release ${drafts} letters`,
          }}
          onConfirm={() => release.mutate(drafts)}
        >
          Release {drafts} letters
        </ConfirmButton>
      </div>
      <StatusMessage>
        {letters.data ? `${letters.data.drafts} waiting, ${letters.data.released} released.` : ''}
      </StatusMessage>
      <ErrorAlert
        alert={
          compose.isError
            ? alertFor(compose.error)
            : release.isError
              ? alertFor(release.error)
              : null
        }
      />
      {letters.data?.letters.map((l) => (
        <details key={l.id}>
          <summary>
            {l.teamName} · {l.recipient} · {l.status}
          </summary>
          <p className={styles.letter}>{l.body}</p>
        </details>
      ))}
    </section>
  );
}

const TABLES: { table: ExportTable; label: string }[] = [
  { table: 'proposals', label: 'Proposals' },
  { table: 'reviews', label: 'Reviews' },
  { table: 'scores', label: 'Scores' },
  { table: 'decisions', label: 'Decisions' },
];

function ExportsSection({ labId, roundId }: { labId: string; roundId: string }) {
  const headingId = useId();
  const [status, setStatus] = useState('');
  const save = async (table: ExportTable) => {
    try {
      const { blob, filename } = await exportCsv(labId, roundId, table);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename ?? `${table}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(`Downloaded ${link.download}.`);
    } catch (error) {
      setStatus(`The export could not be downloaded: ${describeError(error)}`);
    }
  };
  return (
    <section className={`${cardStyles.card} ${styles.section}`} aria-labelledby={headingId}>
      <h3 id={headingId}>Exports</h3>
      <p>CSV files; where review was blind, reviewers appear under stable pseudonyms.</p>
      <div className={styles.actions}>
        {TABLES.map(({ table, label }) => (
          <button
            key={table}
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            onClick={() => void save(table)}
          >
            {label} (CSV)
          </button>
        ))}
      </div>
      <StatusMessage>{status}</StatusMessage>
    </section>
  );
}
