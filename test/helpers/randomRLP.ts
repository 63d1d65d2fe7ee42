/**
 * Deterministic random RLP inputs for the encoder and decoder tests: byte strings (single bytes,
 * lengths around every prefix boundary, short ones) and nested lists of them.
 */
import { mulberry32 } from './random.ts'

export type RLPValue = Uint8Array | RLPValue[]

/** Lengths around every prefix boundary: single byte, 55/56, 255/256, 65535/65536. */
export const RLP_LENGTHS = [0, 1, 2, 31, 32, 33, 55, 56, 57, 255, 256, 257, 1024, 65535, 65536, 70000]

export function randomRLP(seed: number) {
  const random = mulberry32(seed)
  const int = (n: number) => Math.floor(random() * n)
  function bytes(length: number): Uint8Array {
    const out = new Uint8Array(length)
    for (let i = 0; i < length; i++) out[i] = int(256)
    return out
  }
  /** A byte string or a list (up to `width` items at the top, 8 below, 4 levels deep). */
  function item(depth = 0, width = 40): RLPValue {
    if (depth > 3 || random() < 0.55) {
      const r = random()
      if (r < 0.2) return Uint8Array.of(int(256))
      if (r < 0.3) return bytes(RLP_LENGTHS[int(RLP_LENGTHS.length)]!)
      return bytes(int(80))
    }
    return Array.from({ length: int(depth === 0 ? width : 8) }, () => item(depth + 1, width))
  }
  return { int, bytes, item }
}
