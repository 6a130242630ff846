import type { Language } from '../../runtime';
import { LANGUAGES } from '../examples';

/** A select of the languages the toolchain builds (a library: C and C++ only). */
export function LanguagePicker(props: { value: Language; onChange: (language: Language) => void; testId: string; library?: boolean }) {
  return (
    <select
      className="field"
      aria-label="Language"
      data-testid={props.testId}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as Language)}
    >
      {LANGUAGES.filter((l) => !props.library || l.id !== 'wat').map((l) => (
        <option key={l.id} value={l.id}>
          {l.label}
        </option>
      ))}
    </select>
  );
}
