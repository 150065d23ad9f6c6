import { useId, type ReactNode } from 'react';

interface FieldFrameProps {
  readonly id: string;
  readonly label: string;
  readonly error: string | null | undefined;
  readonly help?: ReactNode;
  readonly children: ReactNode;
}

/** Label, control, help and the engine's error for that field (linked for screen readers). */
export function FieldFrame({ id, label, error, help, children }: FieldFrameProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {help && (
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

export const describedBy = (id: string, error: unknown, help: unknown): string | undefined =>
  [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | null;
  readonly help?: ReactNode;
  readonly placeholder?: string;
  readonly required?: boolean;
  readonly mono?: boolean;
  readonly type?: 'text' | 'password' | 'url';
  readonly inputMode?: 'numeric' | 'text' | 'url';
  readonly testId?: string;
}

export function TextField(props: TextFieldProps) {
  const id = useId();
  const { label, value, onChange, error, help, placeholder, required, mono, testId } = props;
  return (
    <FieldFrame id={id} label={label} error={error} help={help}>
      <input
        id={id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        className={mono ? 'mono' : undefined}
        value={value}
        placeholder={placeholder}
        required={required}
        spellCheck={false}
        autoComplete={props.type === 'password' ? 'new-password' : 'off'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, help)}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
    </FieldFrame>
  );
}

interface SelectFieldProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
  readonly error?: string | null;
  readonly help?: ReactNode;
  readonly testId?: string;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const id = useId();
  const { label, value, options, onChange, error, help, testId } = props;
  return (
    <FieldFrame id={id} label={label} error={error} help={help}>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, help)}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
        data-testid={testId}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly help?: ReactNode;
  readonly disabled?: boolean;
  readonly testId?: string;
}

export function CheckboxField({
  label,
  checked,
  onChange,
  help,
  disabled,
  testId,
}: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(event) => onChange(event.target.checked)}
        data-testid={testId}
      />
      <label htmlFor={id}>{label}</label>
      {help && (
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </div>
  );
}

type TextAreaFieldProps = Pick<
  TextFieldProps,
  'label' | 'value' | 'onChange' | 'error' | 'help' | 'placeholder' | 'testId'
> & { readonly rows?: number };

/** A list edited one item per line (ignore patterns); monospace, no spell checking. */
export function TextAreaField(props: TextAreaFieldProps) {
  const id = useId();
  const { label, value, onChange, error, help, placeholder, testId } = props;
  return (
    <FieldFrame id={id} label={label} error={error} help={help}>
      <textarea
        id={id}
        className="mono"
        rows={props.rows ?? 3}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, help)}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
    </FieldFrame>
  );
}
