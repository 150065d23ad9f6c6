interface ProgressBarProps {
  /** 0–100. */
  readonly percent: number;
  readonly label: string;
  readonly tone?: 'active' | 'ok' | 'error' | 'neutral';
}

export function ProgressBar({ percent, label, tone = 'active' }: ProgressBarProps) {
  return (
    <div
      className={`progress progress--${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress__fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
