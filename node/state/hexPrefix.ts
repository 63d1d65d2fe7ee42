/** Hex-prefix encoding of a nibble path (Yellow Paper appendix C), as trie nodes store their paths. */
export function hexPrefix(nibbles: ArrayLike<number>, leaf: boolean): Uint8Array {
  const odd = nibbles.length % 2 === 1
  const flag = (leaf ? 2 : 0) + (odd ? 1 : 0)
  const out = new Uint8Array((nibbles.length >> 1) + 1)
  let n = 0
  if (odd) {
    out[0] = (flag << 4) | (nibbles[0] as number)
    n = 1
  } else {
    out[0] = flag << 4
  }
  for (let i = 1; i < out.length; i++, n += 2) out[i] = ((nibbles[n] as number) << 4) | (nibbles[n + 1] as number)
  return out
}
