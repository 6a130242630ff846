/**
 * Jumping the Memory tab to an address a lesson names: the lesson text's address links publish a
 * jump here, and every open memory panel goes there, scrolls into view and marks the spot. A
 * counter makes a second click on the same address a new jump.
 */
import { create } from 'zustand';
import { usePlayground } from '../../store/playground';

export interface MemoryJump {
  address: number;
  seq: number;
}

export const useMemoryJump = create<{ jump: MemoryJump | null }>(() => ({ jump: null }));

/** Shows the Memory tab (opening the Faaslet that ran the last call if none is open) at the address. */
export async function jumpToAddress(address: number): Promise<void> {
  const playground = usePlayground.getState();
  const ran = playground.call.result?.faaslet ?? -1;
  if (playground.inspected.length === 0 && ran >= 0) await playground.inspectFaaslet(ran);
  usePlayground.getState().setOutputTab('memory');
  useMemoryJump.setState((s) => ({ jump: { address, seq: (s.jump?.seq ?? 0) + 1 } }));
}
