import type { Language } from '../../runtime';
import { LANGUAGES } from '../examples';

/** A select of the languages the toolchain builds. */
export function LanguagePicker(props: { value: Language; onChange: (language: Language) => void; testId: string }) {
  return (
    <select
      className="field"
      aria-label="Language"
      data-testid={props.testId}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as Language)}
    >
      {LANGUAGES.map((l) => (
        <option key={l.id} value={l.id}>
          {l.label}
        </option>
      ))}
    </select>
  );
}
