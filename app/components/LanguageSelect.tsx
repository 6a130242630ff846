import type { Language } from '../../runtime';
import { LANGUAGES } from '../examples';
import { usePlayground } from '../store/playground';

export function LanguageSelect() {
  const language = usePlayground((s) => s.functions[s.current]!.language);
  const setLanguage = usePlayground((s) => s.setLanguage);
  return (
    <select
      className="field"
      aria-label="Language"
      data-testid="language.select"
      value={language}
      onChange={(e) => setLanguage(e.target.value as Language)}
    >
      {LANGUAGES.map((l) => (
        <option key={l.id} value={l.id}>
          {l.label}
        </option>
      ))}
    </select>
  );
}
