/**
 * Keys for virtualised lists: rows are keyed by their slot in a ring rather than by what they
 * show, so scrolling reuses the same DOM elements with new contents instead of removing and
 * creating forty rows a frame. The rows rendered are consecutive and far fewer than the ring,
 * so two rendered rows never share a slot.
 */
const RING_SIZE = 1024;

export function recycledKey(position: number): number {
  return position % RING_SIZE;
}
