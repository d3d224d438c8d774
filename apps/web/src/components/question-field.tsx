import { countWords } from '@ideas-lab/domain/word-count';
import type { ReactNode } from 'react';
import type { AnswerValue, FormQuestion } from '../api';
import { applicationControlId } from '../lib/application-fields';
import { FieldFrame } from './form-fields';
import { WordCount } from './word-count';
import fieldStyles from './field.module.css';

interface QuestionFieldProps {
  question: FormQuestion;
  value: AnswerValue | undefined;
  error?: string;
  disabled?: boolean;
  onChange: (value: AnswerValue | null) => void;
}

/** A label that says whether the question must be answered. */
function questionLabel(question: FormQuestion): string {
  return question.required ? question.label : `${question.label} (optional)`;
}

/** One question of a lab's form, as its type asks: text, an essay with a word count, choices, a consent. */
export function QuestionField({ question, value, error, disabled, onChange }: QuestionFieldProps) {
  const id = applicationControlId(`answers.${question.id}`);
  const text = typeof value === 'string' ? value : '';
  switch (question.type) {
    case 'short_text':
    case 'url':
      return (
        <FieldFrame id={id} label={questionLabel(question)} hint={question.helpText} error={error}>
          {(control) => (
            <input
              {...control}
              type={question.type === 'url' ? 'url' : 'text'}
              inputMode={question.type === 'url' ? 'url' : undefined}
              placeholder={question.type === 'url' ? 'https://' : undefined}
              value={text}
              disabled={disabled}
              maxLength={question.type === 'url' ? 2000 : 300}
              onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
            />
          )}
        </FieldFrame>
      );
    case 'long_text':
      return (
        <LongTextQuestion
          id={id}
          question={question}
          text={text}
          error={error}
          disabled={disabled}
          onChange={onChange}
        />
      );
    case 'single_choice':
    case 'multiple_choice': {
      const multiple = question.type === 'multiple_choice';
      const chosen = multiple ? (Array.isArray(value) ? value : []) : [text];
      return (
        <ChoiceGroup
          id={id}
          legend={questionLabel(question)}
          hint={question.helpText ?? (multiple ? 'Choose all that apply.' : undefined)}
          error={error}
        >
          {(question.options ?? []).map((option, i) => (
            <label key={option} className={fieldStyles.option}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={id}
                id={i === 0 ? id : undefined}
                value={option}
                checked={chosen.includes(option)}
                disabled={disabled}
                aria-invalid={multiple ? Boolean(error) || undefined : undefined}
                onChange={(e) => {
                  if (!multiple) return onChange(option);
                  const next = e.target.checked
                    ? (question.options ?? []).filter((o) => o === option || chosen.includes(o))
                    : chosen.filter((o) => o !== option);
                  onChange(next.length > 0 ? next : null);
                }}
              />
              {option}
            </label>
          ))}
        </ChoiceGroup>
      );
    }
    case 'yes_no':
      return (
        <ChoiceGroup
          id={id}
          legend={questionLabel(question)}
          hint={
            question.helpText ??
            (question.requireYes ? 'You need to answer yes to apply.' : undefined)
          }
          error={error}
        >
          {[true, false].map((answer) => (
            <label key={String(answer)} className={fieldStyles.option}>
              <input
                type="radio"
                name={id}
                id={answer ? id : undefined}
                checked={value === answer}
                disabled={disabled}
                onChange={() => onChange(answer)}
              />
              {answer ? 'Yes' : 'No'}
            </label>
          ))}
        </ChoiceGroup>
      );
  }
}

function LongTextQuestion(props: {
  id: string;
  question: FormQuestion;
  text: string;
  error?: string;
  disabled?: boolean;
  onChange: (value: AnswerValue | null) => void;
}) {
  const { id, question, text, error, disabled, onChange } = props;
  const words = countWords(text);
  const limit = question.wordLimit;
  const over = limit !== undefined && words > limit;
  const counterId = `${id}-count`;
  return (
    <FieldFrame id={id} label={questionLabel(question)} hint={question.helpText} error={error}>
      {(control) => (
        <>
          <textarea
            {...control}
            aria-describedby={[control['aria-describedby'], counterId].filter(Boolean).join(' ')}
            rows={6}
            value={text}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
          />
          {/* Read on demand (described-by), not announced on every keystroke. */}
          <WordCount id={counterId} over={over}>
            {limit !== undefined
              ? over
                ? `${words} words: ${words - limit} over the limit of ${limit}`
                : `${words} of ${limit} words`
              : `${words} ${words === 1 ? 'word' : 'words'}`}
          </WordCount>
        </>
      )}
    </FieldFrame>
  );
}

/** A group of radios or checkboxes under one legend, with its hint and error. */
export function ChoiceGroup(props: {
  id: string;
  legend: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  const { id, legend, hint, error, className, children } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      data-invalid={error ? true : undefined}
      className={[fieldStyles.field, fieldStyles.options, className ?? ''].join(' ').trim()}
      aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className={fieldStyles.hint} id={hintId}>
          {hint}
        </p>
      ) : null}
      <div className={fieldStyles.optionsList}>{children}</div>
      {error ? (
        <p className={fieldStyles.error} id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
