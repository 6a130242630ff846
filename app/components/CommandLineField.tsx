import { usePlayground } from '../store/playground';

/**
 * The function's command line, beside Input: Faasm passes it as argv after `function.wasm`,
 * split on every space. The toggle gives chained calls their own function's command line too
 * (Faasm's chain by name sends none, so by default their argc is 1).
 */
export function CommandLineField() {
  const cmdline = usePlayground((s) => s.functions[s.current]!.cmdline ?? '');
  const chained = usePlayground((s) => s.chainCmdlines);
  const { setCmdline, setChainCmdlines } = usePlayground.getState();
  return (
    <>
      <label className="call-settings__input call-settings__cmdline" title="argv after function.wasm, split on every space, as Faasm splits a call's cmdline">
        <span>Args</span>
        <input
          className="field"
          data-testid="cmdline.field"
          value={cmdline}
          placeholder="argv[1] argv[2] …"
          spellCheck={false}
          onChange={(e) => setCmdline(e.target.value)}
        />
      </label>
      <label title="Calls chained by name get their own function's Args (Faasm's faasmChainNamed sends no command line)">
        <input
          type="checkbox"
          data-testid="cmdline.chained"
          checked={chained}
          onChange={(e) => setChainCmdlines(e.target.checked)}
        />
        <span>to chained</span>
      </label>
    </>
  );
}
