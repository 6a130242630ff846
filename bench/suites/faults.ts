/**
 * Issue 14's fault figures, through the real supervisor (bench/faults/chaos.ts): writes to shared
 * memory after a kill was reported (target 0), Stop to the Worker terminated (median), and the
 * chaos rounds with their kills (issue 14 asks for hundreds) and violations (target 0). Also
 * counted: pulls of a killed call that wrote its host's arena after the kill was reported
 * (faults.late_pulls, target 0), and pushes of one that committed after it (faults.late_pushes:
 * the global tier finishes a push it has begun).
 */
import { chaos, faultRig, writesAfterKill } from '../faults/chaos';
import { median, round } from '../measure';

/** `?kills=`, `?rounds=` and `?seed=` shorten or replay a run (e2e/faults.spec.ts runs a short one). */
const params = new URLSearchParams(location.search);
const KILLS = Number(params.get('kills') ?? 100);
const CHAOS_ROUNDS = Number(params.get('rounds') ?? 80);
const SEED = Number(params.get('seed') ?? 14);

export async function faultsSuite(): Promise<Record<string, number>> {
  const rig = await faultRig();
  try {
    const kills = await writesAfterKill(rig, KILLS);
    const report = await chaos(rig, CHAOS_ROUNDS, SEED);
    // Named on the page (and so in the e2e's failure message), not only counted.
    for (const violation of report.violations) console.error(`faults: ${violation}`);
    return {
      'faults.writes_after_kill': kills.writesAfterKill,
      'faults.kill_to_quiet_ms': round(median(kills.killToQuietMs), 2),
      'faults.chaos_rounds': report.rounds,
      'faults.chaos_kills': report.kills,
      'faults.chaos_violations': report.violations.length,
      'faults.late_pulls': report.latePulls,
      'faults.late_pushes': report.latePushes,
    };
  } finally {
    rig.dispose();
  }
}
