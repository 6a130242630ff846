/**
 * The one app store. Runtime events and the results of runtime calls flow in here;
 * components read slices of it and call its actions. Nothing else talks to the runtime.
 * Actions live beside it by concern: functions.ts, builds.ts, run.ts; events.ts batches events.
 */
import { create } from 'zustand';
import { connectRuntime, isolationProblem, type RuntimeOptions } from '../../runtime';
import { buildActions, ensureToolchain } from './builds';
import { eventPump } from './events';
import { emptyGlobalTier } from './global';
import { fileActions, noFiles } from './files';
import { functionActions } from './functions';
import { idleCall, runActions } from './run';
import { session } from './session';
import { inspectActions } from './inspect';
import { lessonActions } from './lessons';
import { sharingActions } from './sharing';
import { snapshotActions } from './snapshots';
import { emptyTrace } from './trace';
import type { OutputTab, PlaygroundState } from './types';
import { keyOf, loadWorkspace } from './workspace';
import { errorMessage } from '../lib/error-message';

export type * from './types';

/** `?await=mailbox` and `?state=copy` force the fallbacks other browsers get, to compare them here. */
function runtimeOptions(search: string): RuntimeOptions {
  const params = new URLSearchParams(search);
  return {
    awaitMode: params.get('await') === 'mailbox' ? 'mailbox' : undefined,
    stateMapping: params.get('state') === 'copy' ? 'copy' : undefined,
  };
}

const LARGE_TEXT_KEY = 'faaslet-playground.large-text';
/** The output tab the person chose last, shown again after a reload. */
const OUTPUT_TAB_KEY = 'faaslet-playground.output-tab';
const OUTPUT_TABS: readonly OutputTab[] = ['output', 'calls', 'cluster', 'memory', 'state', 'files', 'protos', 'problems', 'log'];
const storedOutputTab = (): OutputTab => OUTPUT_TABS.find((t) => t === localStorage.getItem(OUTPUT_TAB_KEY)) ?? 'output';


export const usePlayground = create<PlaygroundState>()((set, get) => ({
  ...loadWorkspace(),
  runtime: { phase: 'idle', isolation: null, capabilities: null, error: null },
  toolchain: { phase: 'idle', doneBytes: 0, totalBytes: 0, loadMs: null, error: null },
  pch: null,
  build: { phase: 'idle', function: null, language: null, report: null, error: null },
  built: {},
  buildAll: null,
  uploaded: [],
  clusterView: null,
  localTiers: [],
  globalTier: emptyGlobalTier,
  protos: [],
  snapshots: [],
  snapshotDiff: null,
  snapshotError: null,
  inspected: [],
  lessonId: null,
  lessonLimit: null,
  largeText: localStorage.getItem(LARGE_TEXT_KEY) === 'yes',
  inspectError: null,
  clusterError: null,
  call: idleCall,
  chainCmdlines: false,
  trace: emptyTrace,
  selectedCallId: null,
  outputTab: storedOutputTab(),
  saveStatus: 'saved',
  saveError: null,
  savedAt: null,
  cursorRequest: null,
  workspaceNotice: null,
  userFiles: noFiles,

  ...functionActions(set, get),
  ...buildActions(set, get),
  ...runActions(set, get),
  ...snapshotActions(set, get),
  ...inspectActions(set, get),
  ...sharingActions(set, get),
  ...lessonActions(set, get),
  ...fileActions(set, get),

  async startRuntime() {
    if (get().runtime.phase !== 'idle') return;
    const isolation = isolationProblem();
    if (isolation) {
      set({ runtime: { phase: 'blocked', isolation, capabilities: null, error: null } });
      return;
    }
    set((s) => ({ runtime: { ...s.runtime, phase: 'connecting' } }));
    try {
      const connection = await connectRuntime(runtimeOptions(location.search));
      session.connection = connection;
      const pump = eventPump(set, get);
      session.flushEvents = pump.flush;
      connection.onEvent(pump.push);
      void ensureToolchain(set, get);
      const { api } = connection;
      const [capabilities, uploaded, clusterView, localTiers, globalKeys] = await Promise.all([
        api.capabilities(),
        api.listFunctions(),
        api.configureCluster(get().cluster),
        api.localTiers(),
        api.globalKeys(),
      ]);
      set((s) => ({
        runtime: { ...s.runtime, phase: 'ready', capabilities },
        uploaded,
        // The runtime's builds outlive the page: an unchanged function is not rebuilt after a
        // reload, which would throw away its Proto-Faaslet.
        built: { ...Object.fromEntries(uploaded.map((f) => [keyOf(f), { language: f.language, source: f.source }])), ...s.built },
        clusterView,
        localTiers,
        globalTier: { ...s.globalTier, keys: globalKeys },
      }));
      void get().refreshProtos();
    } catch (e) {
      set((s) => ({ runtime: { ...s.runtime, phase: 'failed', error: errorMessage(e) } }));
    }
  },

  setCpuTimeLimit: (ms) => set({ cpuTimeLimitMs: Math.max(1, Math.round(ms)) }),
  setChainCmdlines: (chainCmdlines) => set({ chainCmdlines }),
  setTheme: (theme) => set({ theme }),
  setLargeText(largeText) {
    localStorage.setItem(LARGE_TEXT_KEY, largeText ? 'yes' : 'no');
    set({ largeText });
  },
  setOutputTab: (outputTab) => {
    localStorage.setItem(OUTPUT_TAB_KEY, outputTab);
    set({ outputTab });
  },
  selectCall: (selectedCallId) => set({ selectedCallId }),

  setClusterSize(size) {
    const cluster = { ...get().cluster, ...size };
    set({ cluster, clusterError: null });
    session.connection?.api.configureCluster(cluster).then(
      (clusterView) => set({ clusterView }),
      (e: unknown) => set({ clusterError: errorMessage(e) }),
    );
  },

  setMemoryBudget(memoryBudgetMiB) {
    set({ clusterError: null });
    session.connection?.api.configureCluster({ memoryBudgetMiB }).then(
      (clusterView) => set({ clusterView }),
      (e: unknown) => set({ clusterError: errorMessage(e) }),
    );
  },

  revealDiagnostic: (d) =>
    set((s) => {
      // The problem may be in another function, or in another language of this one.
      const current = s.build.function && s.functions[s.build.function] ? s.build.function : s.current;
      const f = s.functions[current]!;
      const language = s.build.language ?? f.language;
      const seq = (s.cursorRequest?.seq ?? 0) + 1;
      return {
        current,
        functions: f.language === language ? s.functions : { ...s.functions, [current]: { ...f, language } },
        cursorRequest: { line: d.line, column: d.column, seq },
      };
    }),
}));

