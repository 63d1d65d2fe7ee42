/**
 * The derived head after each momentum, kept as the momentums where it changed (derivation moves
 * the head forward only), so "which blocks were derivable by momentum X" is a binary search.
 */
export interface HeadHistory {
  /** Records the head after reading momentum `height` (heights increase). */
  record(height: bigint, head: bigint): void
  /** Head after reading momentum `height` (the genesis head before any change). */
  headAt(height: bigint): bigint
}

/** `changes`: where the head changed before (a restarted verifier's records), ascending. */
export function createHeadHistory(initialHead = 0n, changes: readonly { height: bigint; head: bigint }[] = []): HeadHistory {
  const heights: bigint[] = changes.map((c) => c.height)
  const heads: bigint[] = changes.map((c) => c.head)
  return {
    record(height, head) {
      const last = heads.length === 0 ? initialHead : (heads[heads.length - 1] as bigint)
      if (head === last) return
      heights.push(height)
      heads.push(head)
    },
    headAt(height) {
      let lo = 0
      let hi = heights.length - 1
      let found = -1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if ((heights[mid] as bigint) <= height) {
          found = mid
          lo = mid + 1
        } else hi = mid - 1
      }
      return found === -1 ? initialHead : (heads[found] as bigint)
    },
  }
}
