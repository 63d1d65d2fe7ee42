/**
 * Zenon ABI (reference §5): Ethereum head/tail layout with 32-byte words, SHA3-256 selectors, and
 * the Zenon types address (20 bytes), tokenStandard (10 bytes) and hash (32 bytes), all
 * left-padded. Decoding is strict: the data must be exactly the canonical encoding of the values
 * it decodes to (go-zenon re-encodes call data, so anything else fails the block hash).
 *
 * Values: uintN/intN → bigint, bool → boolean, string → string, address/tokenStandard/hash/bytesN/
 * bytes → Uint8Array, T[] → array.
 */
import { ABIError } from './errors.ts'
import { bytesEqual, bytesToBigInt, concatBytes, sha3, toHex, uintBE } from './hash.ts'

export type ABIValue = bigint | boolean | string | Uint8Array | ABIValue[]

type ABIType =
  | { kind: 'uint' | 'int'; bits: number; name: string }
  | { kind: 'bool' | 'string' | 'bytes'; name: string }
  | { kind: 'fixedBytes'; size: number; padLeft: boolean; name: string }
  | { kind: 'array'; item: ABIType; name: string }

const WORD = 32

export function parseABIType(name: string): ABIType {
  if (name.endsWith('[]')) return { kind: 'array', item: parseABIType(name.slice(0, -2)), name }
  if (name === 'bool' || name === 'string' || name === 'bytes') return { kind: name, name }
  if (name === 'address') return { kind: 'fixedBytes', size: 20, padLeft: true, name }
  if (name === 'tokenStandard') return { kind: 'fixedBytes', size: 10, padLeft: true, name }
  if (name === 'hash') return { kind: 'fixedBytes', size: 32, padLeft: true, name }
  let m = /^(u?int)([0-9]+)$/.exec(name)
  if (m !== null) {
    const bits = Number(m[2])
    if (bits < 8 || bits > 256 || bits % 8 !== 0) throw new ABIError(`unsupported ABI type ${name}`)
    return { kind: m[1] === 'uint' ? 'uint' : 'int', bits, name }
  }
  m = /^bytes([0-9]+)$/.exec(name)
  if (m !== null) {
    const size = Number(m[1])
    if (size < 1 || size > 32) throw new ABIError(`unsupported ABI type ${name}`)
    return { kind: 'fixedBytes', size, padLeft: false, name }
  }
  throw new ABIError(`unsupported ABI type ${JSON.stringify(name)}`)
}

function isDynamic(t: ABIType): boolean {
  return t.kind === 'string' || t.kind === 'bytes' || t.kind === 'array'
}

/** Splits `Name(t1,t2)` into name and parameter types (no tuples). */
export function parseSignature(signature: string): { name: string; types: string[] } {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\(([^()]*)\)$/.exec(signature)
  if (m === null) throw new ABIError(`bad ABI signature ${JSON.stringify(signature)}`)
  const types = m[2] === '' ? [] : m[2]!.split(',')
  for (const t of types) parseABIType(t)
  return { name: m[1]!, types }
}

/** First 4 bytes of SHA3-256 of the signature text. */
export function selector(signature: string): Uint8Array {
  return sha3(new TextEncoder().encode(signature)).slice(0, 4)
}

function padRight(b: Uint8Array): Uint8Array {
  const len = Math.ceil(b.length / WORD) * WORD
  const out = new Uint8Array(len)
  out.set(b)
  return out
}

function encodeStatic(t: ABIType, v: ABIValue): Uint8Array {
  switch (t.kind) {
    case 'uint': {
      if (typeof v !== 'bigint') throw new ABIError(`${t.name}: expected bigint`)
      if (v < 0n || v >= 1n << BigInt(t.bits)) throw new ABIError(`${t.name}: value ${v} out of range`)
      return uintBE(v, WORD)
    }
    case 'int': {
      if (typeof v !== 'bigint') throw new ABIError(`${t.name}: expected bigint`)
      const half = 1n << BigInt(t.bits - 1)
      if (v < -half || v >= half) throw new ABIError(`${t.name}: value ${v} out of range`)
      return uintBE(v < 0n ? (1n << 256n) + v : v, WORD)
    }
    case 'bool': {
      if (typeof v !== 'boolean') throw new ABIError(`bool: expected boolean`)
      return uintBE(v ? 1n : 0n, WORD)
    }
    case 'fixedBytes': {
      if (!(v instanceof Uint8Array) || v.length !== t.size) throw new ABIError(`${t.name}: expected ${t.size} bytes`)
      const out = new Uint8Array(WORD)
      out.set(v, t.padLeft ? WORD - t.size : 0)
      return out
    }
    default:
      throw new ABIError(`${t.name} is not a static type`)
  }
}

function encodeOne(t: ABIType, v: ABIValue): Uint8Array {
  if (t.kind === 'string') {
    if (typeof v !== 'string') throw new ABIError('string: expected string')
    const b = new TextEncoder().encode(v)
    return concatBytes(uintBE(BigInt(b.length), WORD), padRight(b))
  }
  if (t.kind === 'bytes') {
    if (!(v instanceof Uint8Array)) throw new ABIError('bytes: expected Uint8Array')
    return concatBytes(uintBE(BigInt(v.length), WORD), padRight(v))
  }
  if (t.kind === 'array') {
    if (!Array.isArray(v)) throw new ABIError(`${t.name}: expected array`)
    return concatBytes(uintBE(BigInt(v.length), WORD), encodeTuple(v.map(() => t.item), v))
  }
  return encodeStatic(t, v)
}

function encodeTuple(types: ABIType[], values: readonly ABIValue[]): Uint8Array {
  if (types.length !== values.length) throw new ABIError(`expected ${types.length} values, got ${values.length}`)
  const heads: Uint8Array[] = []
  const tails: Uint8Array[] = []
  let tailOffset = types.length * WORD
  for (let i = 0; i < types.length; i++) {
    const t = types[i]!
    const enc = encodeOne(t, values[i]!)
    if (isDynamic(t)) {
      heads.push(uintBE(BigInt(tailOffset), WORD))
      tails.push(enc)
      tailOffset += enc.length
    } else heads.push(enc)
  }
  return concatBytes(...heads, ...tails)
}

// ---- decoding ------------------------------------------------------------------------------

function readWord(data: Uint8Array, offset: number, what: string): Uint8Array {
  if (offset < 0 || offset + WORD > data.length) throw new ABIError(`${what}: data too short`)
  return data.subarray(offset, offset + WORD)
}

function readSize(data: Uint8Array, offset: number, what: string): number {
  const v = bytesToBigInt(readWord(data, offset, what))
  if (v > BigInt(data.length)) throw new ABIError(`${what}: offset or length ${v} beyond data`)
  return Number(v)
}

function decodeOne(t: ABIType, data: Uint8Array, offset: number): ABIValue {
  switch (t.kind) {
    case 'uint':
      return bytesToBigInt(readWord(data, offset, t.name))
    case 'int': {
      const u = bytesToBigInt(readWord(data, offset, t.name))
      return u >= 1n << 255n ? u - (1n << 256n) : u
    }
    case 'bool':
      return bytesToBigInt(readWord(data, offset, 'bool')) !== 0n
    case 'fixedBytes': {
      const w = readWord(data, offset, t.name)
      return Uint8Array.from(t.padLeft ? w.subarray(WORD - t.size) : w.subarray(0, t.size))
    }
    case 'string':
    case 'bytes': {
      const len = readSize(data, offset, t.name)
      if (offset + WORD + len > data.length) throw new ABIError(`${t.name}: data too short`)
      const raw = Uint8Array.from(data.subarray(offset + WORD, offset + WORD + len))
      return t.kind === 'bytes' ? raw : new TextDecoder('utf-8', { fatal: false }).decode(raw)
    }
    case 'array': {
      const n = readSize(data, offset, t.name)
      const body = data.subarray(offset + WORD)
      return decodeTuple(Array.from({ length: n }, () => t.item), body)
    }
  }
}

function decodeTuple(types: ABIType[], data: Uint8Array): ABIValue[] {
  const out: ABIValue[] = []
  for (let i = 0; i < types.length; i++) {
    const t = types[i]!
    if (isDynamic(t)) out.push(decodeOne(t, data, readSize(data, i * WORD, `${t.name} offset`)))
    else out.push(decodeOne(t, data, i * WORD))
  }
  return out
}

/** Encodes a tuple without selector (a go-zenon "variable"). */
export function encodeVariable(types: readonly string[], values: readonly ABIValue[]): Uint8Array {
  return encodeTuple(types.map(parseABIType), values)
}

/** Decodes a tuple without selector; throws ABIError unless `data` is its canonical encoding. */
export function decodeVariable(types: readonly string[], data: Uint8Array): ABIValue[] {
  const parsed = types.map(parseABIType)
  const values = decodeTuple(parsed, data)
  const again = encodeTuple(parsed, values)
  if (!bytesEqual(again, data)) throw new ABIError(`non-canonical ABI encoding of (${types.join(',')})`)
  return values
}

/** selector(signature) || encoded args. */
export function encodeCall(signature: string, args: readonly ABIValue[]): Uint8Array {
  const { types } = parseSignature(signature)
  return concatBytes(selector(signature), encodeVariable(types, args))
}

/** Checks the selector and decodes the arguments strictly (canonical encoding only). */
export function decodeCall(signature: string, data: Uint8Array): ABIValue[] {
  const { types } = parseSignature(signature)
  const sel = selector(signature)
  if (data.length < 4) throw new ABIError('call data shorter than a selector')
  if (!bytesEqual(data.subarray(0, 4), sel)) throw new ABIError(`selector ${toHex(data.subarray(0, 4))} is not ${signature} (${toHex(sel)})`)
  return decodeVariable(types, data.subarray(4))
}
