import { useEffect, useState } from 'react';
import { toolchainIsCached } from '../../runtime';
import { formatMegabytes } from '../lib/bytes';
import { usePlayground } from '../store/playground';

/**
 * The toolchain load (~105 MB), byte by byte; gone once it has loaded. It says whether the
 * bytes come from the network (the first visit) or from this browser's cache (every later one).
 */
export function ToolchainProgress() {
  const toolchain = usePlayground((s) => s.toolchain);
  const [cached, setCached] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    toolchainIsCached().then((hit) => live && setCached(hit), () => live && setCached(false));
    return () => {
      live = false;
    };
  }, []);
  if (toolchain.phase !== 'loading') return null;
  const { doneBytes, totalBytes } = toolchain;
  const known = totalBytes > 0;
  const percent = known ? Math.min(100, (doneBytes / totalBytes) * 100) : 0;

  return (
    <div
      className="toolchain-progress"
      data-testid="toolchain.progress"
      role="progressbar"
      aria-label={cached ? 'Toolchain load from the cache' : 'Toolchain download'}
      data-from={cached === null ? 'unknown' : cached ? 'cache' : 'network'}
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
        {cached
          ? `Loading the compiler toolchain from this browser's cache${known ? `: ${formatMegabytes(doneBytes)} / ${formatMegabytes(totalBytes)} MB` : '…'}`
          : known
            ? `Fetching the compiler toolchain: ${formatMegabytes(doneBytes)} / ${formatMegabytes(totalBytes)} MB`
            : 'Loading the compiler toolchain…'}
      </span>
    </div>
  );
}
