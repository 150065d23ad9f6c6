import { useCallback, useState } from 'react';

/**
 * A preference kept in localStorage (theme, language): per browser profile on `ferry serve`,
 * per app on the desktop. Unreadable or unknown values fall back to the default.
 */
export function useStoredChoice<T extends string>(
  key: string,
  isValid: (value: unknown) => value is T,
  fallback: T,
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = window.localStorage.getItem(key);
      return isValid(stored) ? stored : fallback;
    } catch {
      return fallback;
    }
  });
  const update = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, next);
      } catch {
        // Storage may be disabled; the choice still holds for this session.
      }
    },
    [key],
  );
  return [value, update];
}
