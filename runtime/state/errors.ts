/** A state operation refused what was asked; the host interface turns it into a HostError. */
export class StateError extends Error {
  override name = 'StateError';
}
