/** The app mark: a hull on a wave, drawn inline so no font or image file is needed. */
export function FerryLogo() {
  return (
    <svg className="logo" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path
        d="M5 13h14l-2.2 4.2a1.5 1.5 0 0 1-1.3.8H8.5a1.5 1.5 0 0 1-1.3-.8z"
        fill="currentColor"
      />
      <path
        d="M8 12V8.5A1.5 1.5 0 0 1 9.5 7h5A1.5 1.5 0 0 1 16 8.5V12z"
        fill="currentColor"
        opacity="0.55"
      />
      <path d="M11 7V4.5h2V7z" fill="currentColor" opacity="0.55" />
      <path
        d="M2 20.5c1.7 0 1.7-1 3.3-1s1.7 1 3.4 1 1.6-1 3.3-1 1.7 1 3.3 1 1.7-1 3.4-1 1.6 1 3.3 1"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
      />
    </svg>
  );
}
