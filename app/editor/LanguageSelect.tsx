import { usePlayground } from '../store/playground';
import { LanguagePicker } from './LanguagePicker';

export function LanguageSelect() {
  const language = usePlayground((s) => s.functions[s.current]!.language);
  const library = usePlayground((s) => s.functions[s.current]!.kind === 'library');
  const setLanguage = usePlayground((s) => s.setLanguage);
  return <LanguagePicker value={language} onChange={setLanguage} testId="language.select" library={library} />;
}
