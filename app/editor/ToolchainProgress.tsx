import { useEffect, useState } from 'react';
import { toolchainIsCached } from '../../runtime';
import { formatMegabytes } from '../lib/bytes';
import { usePlayground } from '../store/playground';

/**
 * The toolchain load (~105 MB), byte by byte; gone once it has loaded. It says whether the
 * bytes come from the network (the first visit) or from this browser's cache (every later one).
 * Then, while a C++ build goes without precompiled headers (the first of a fresh profile, or
 * while they are being made in the background), it says why that build takes seconds.
 */
export function ToolchainProgress() {
  const toolchain = usePlayground((s) => s.toolchain);
  const build = usePlayground((s) => s.build);
  const pch = usePlayground((s) => s.pch);
  const [cached, setCached] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    toolchainIsCached().then((hit) => live && setCached(hit), () => live && setCached(false));
    return () => {
      live = false;
    };
  }, []);
  if (build.phase === 'building' && build.language === 'cpp' && pch?.state !== 'ready') {
    return (
      <div className="toolchain-progress" data-testid="toolchain.cpp" role="progressbar" aria-label="C++ build">
        <div className="toolchain-progress__track">
          <div className="toolchain-progress__bar toolchain-progress__bar--unknown" />
        </div>
        <span className="toolchain-progress__label">
          {pch?.state === 'making'
            ? 'Compiling C++ without precompiled headers: they are being made in the background, later builds use them'
            : 'Compiling C++: unless precompiled headers are kept from an earlier visit, the first C++ build parses the libc++ and Faasm headers in full (seconds); later builds use precompiled headers'}
        </span>
      </div>
    );
  }
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
