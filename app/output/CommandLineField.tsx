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
        <input
          className="field"
          data-testid="cmdline.field"
          aria-label="Command line"
          value={cmdline}
          placeholder="args (argv[1] …)"
          spellCheck={false}
          onChange={(e) => setCmdline(e.target.value)}
        />
      </label>
      <label
        className="call-settings__chained"
        title="Also to chained calls: a call chained by name gets its own function's Args (Faasm's faasmChainNamed sends no command line, so by default their argc is 1)"
      >
        <input
          type="checkbox"
          data-testid="cmdline.chained"
          checked={chained}
          onChange={(e) => setChainCmdlines(e.target.checked)}
        />
        <span>chain</span>
      </label>
    </>
  );
}
