import actionStyles from './actions.module.css';
import buttonStyles from './button.module.css';
/** `−1 min`, `+1 min`, `+5 min`, `+30 s`: a step as a chair reads it on the button. */
export function clockStepLabel(seconds: number): string {
  const sign = seconds < 0 ? '−' : '+';
  const size = Math.abs(seconds);
  return size % 60 === 0 ? `${sign}${size / 60} min` : `${sign}${size} s`;
}

/**
 * The buttons that move a running clock by fixed steps (a breakout round's, a pitch's), as one
 * labelled group: `label` says whose clock ("Move Team A's pitch clock").
 */
export function ClockStepButtons({
  label,
  steps,
  disabled,
  onStep,
  className,
}: {
  label: string;
  steps: readonly number[];
  disabled: boolean;
  onStep: (seconds: number) => void;
  className?: string;
}) {
  return (
    <div
      className={className ? `${actionStyles.buttonRow} ${className}` : actionStyles.buttonRow}
      role="group"
      aria-label={label}
    >
      {steps.map((seconds) => (
        <button
          key={seconds}
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          disabled={disabled}
          onClick={() => onStep(seconds)}
        >
          {clockStepLabel(seconds)}
        </button>
      ))}
    </div>
  );
}
