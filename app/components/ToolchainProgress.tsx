import { formatMegabytes } from '../lib/bytes';
import { usePlayground } from '../store/playground';

/** The one-time toolchain download (~105 MB), byte by byte; gone once it has loaded. */
export function ToolchainProgress() {
  const toolchain = usePlayground((s) => s.toolchain);
  if (toolchain.phase !== 'loading') return null;
  const { doneBytes, totalBytes } = toolchain;
  const known = totalBytes > 0;
  const percent = known ? Math.min(100, (doneBytes / totalBytes) * 100) : 0;

  return (
    <div
      className="toolchain-progress"
      data-testid="toolchain.progress"
      role="progressbar"
      aria-label="Toolchain download"
      aria-valuemin={0}
      aria-valuemax={known ? totalBytes : undefined}
      aria-valuenow={known ? doneBytes : undefined}
    >
      <div className="toolchain-progress__track">
        <div
          className={`toolchain-progress__bar${known ? '' : ' toolchain-progress__bar--unknown'}`}
          style={known ? { width: `${percent}%` } : undefined}
        />
      </div>
      <span className="toolchain-progress__label">
        {known
          ? `Fetching the compiler toolchain: ${formatMegabytes(doneBytes)} / ${formatMegabytes(totalBytes)} MB`
          : 'Loading the compiler toolchain…'}
      </span>
    </div>
  );
}
