/** go-zenon's GetRange: the [start, end) slice of page `index` of size `count` in a list of `length`. */
export function pageRange(index: bigint, count: bigint, length: number): [number, number] {
  const len = BigInt(length)
  const start = index * count
  if (start >= len) return [length, length]
  const end = start + count
  return [Number(start), Number(end >= len ? len : end)]
}
