/**
 * Faster handlers for the memory, hashing, storage-read and log opcodes of @ethereumjs/evm.
 *
 * The library converts between stack words (bigint) and 32-byte words through a hex string and pads
 * with an array spread (`setLengthLeft(bigIntToBytes(word), 32)`): ~1.5 µs per MSTORE, and an
 * ERC-20 transfer runs a few dozen of these conversions (MSTORE, MLOAD, KECCAK256 of its mapping
 * slots, SLOAD, LOG topics), a tenth of its EVM time and much of its garbage. These handlers do the
 * same work with DataView reads and writes of 64-bit lanes: same stack pops and pushes, same memory
 * reads and writes (offsets, sizes, so the same memory growth), same storage calls, same log entry.
 * Gas is untouched (the library's gas handlers still run before each of them).
 *
 * Installed per EVM on its opcode table (`_opcodeMap`: the entries the interpreter and its jump
 * analysis read), replacing `opHandler` of KECCAK256, MLOAD, MSTORE, SLOAD and LOG0–LOG4 in place.
 * The table's layout is checked first (names, sync/async kind, handler present): if the library
 * changes it, installing throws instead of running on guesses. test/node/execution/fastOpcodes.test.ts
 * runs varied contracts on a VM with and without these handlers and compares gas, return data,
 * errors, logs and state roots.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToBigInt } from '@ethereumjs/util'
import type { Common } from '@ethereumjs/common'

/** What the handlers use of the interpreter's run state (@ethereumjs/evm 10). */
interface RunState {
  opCode: number
  stack: { pop(): bigint; popN(n: number): bigint[]; push(value: bigint): void }
  memory: { read(offset: number, size: number, avoidCopy?: boolean): Uint8Array; write(offset: number, size: number, value: Uint8Array): void }
  interpreter: { storageLoad(key: Uint8Array): Promise<Uint8Array>; log(data: Uint8Array, numberOfTopics: number, topics: Uint8Array[]): void }
}

type Handler = (runState: RunState, common: Common) => void | Promise<void>

interface OpcodeEntry {
  opcodeInfo: { name: string; isAsync: boolean }
  opHandler: Handler
}

interface EVMLike {
  _opcodeMap: (OpcodeEntry | undefined)[]
}

/** 32-byte big-endian form of a stack word (0 ≤ word < 2^256) in `out` (DataView over 32 bytes). */
function writeWord(view: DataView, word: bigint): void {
  // setBigUint64 keeps the low 64 bits of its argument.
  view.setBigUint64(0, word >> 192n)
  view.setBigUint64(8, word >> 128n)
  view.setBigUint64(16, word >> 64n)
  view.setBigUint64(24, word)
}

function wordBytes(word: bigint): Uint8Array {
  const out = new Uint8Array(32)
  writeWord(new DataView(out.buffer), word)
  return out
}

/** The stack word of 32 big-endian bytes. */
function readWord(bytes: Uint8Array): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 32)
  return (view.getBigUint64(0) << 192n) | (view.getBigUint64(8) << 128n) | (view.getBigUint64(16) << 64n) | view.getBigUint64(24)
}

/** The stack word of up to 32 big-endian bytes (a stored slot value has no leading zeros). */
function readShortWord(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n
  if (bytes.length === 32) return readWord(bytes)
  if (bytes.length > 32) return bytesToBigInt(bytes)
  const padded = new Uint8Array(32)
  padded.set(bytes, 32 - bytes.length)
  return readWord(padded)
}

const EXPECTED: readonly [code: number, name: string, isAsync: boolean][] = [
  [0x20, 'KECCAK256', false],
  [0x51, 'MLOAD', false],
  [0x52, 'MSTORE', false],
  [0x54, 'SLOAD', true],
  [0xa0, 'LOG', false],
  [0xa1, 'LOG', false],
  [0xa2, 'LOG', false],
  [0xa3, 'LOG', false],
  [0xa4, 'LOG', false],
]

export class OpcodeLayoutError extends Error {
  override name = 'OpcodeLayoutError'
}

/** Replaces the handlers on `evm`'s opcode table (a VM's `vm.evm`); throws OpcodeLayoutError if the table is not as expected. */
export function installFastOpcodes(evm: unknown): void {
  const map = (evm as EVMLike)._opcodeMap
  if (!Array.isArray(map)) throw new OpcodeLayoutError('@ethereumjs/evm has no _opcodeMap array')
  for (const [code, name, isAsync] of EXPECTED) {
    const entry = map[code]
    if (entry?.opcodeInfo?.name !== name || entry.opcodeInfo.isAsync !== isAsync || typeof entry.opHandler !== 'function') {
      throw new OpcodeLayoutError(`@ethereumjs/evm opcode 0x${code.toString(16)} is not the expected ${isAsync ? 'async' : 'sync'} ${name}`)
    }
  }
  const scratch = new DataView(new ArrayBuffer(32))
  const scratchBytes = new Uint8Array(scratch.buffer)

  const handlers = new Map<number, Handler>([
    [
      0x20,
      (runState, common) => {
        const [offset, length] = runState.stack.popN(2) as [bigint, bigint]
        const data = length === 0n ? new Uint8Array(0) : runState.memory.read(Number(offset), Number(length))
        runState.stack.push(readWord((common.customCrypto.keccak256 ?? keccak_256)(data)))
      },
    ],
    [
      0x51,
      (runState) => {
        const offset = runState.stack.pop()
        runState.stack.push(readWord(runState.memory.read(Number(offset), 32, true)))
      },
    ],
    [
      0x52,
      (runState) => {
        const [offset, word] = runState.stack.popN(2) as [bigint, bigint]
        writeWord(scratch, word)
        // Memory copies the bytes in.
        runState.memory.write(Number(offset), 32, scratchBytes)
      },
    ],
    [
      0x54,
      async (runState) => {
        const key = runState.stack.pop()
        runState.stack.push(readShortWord(await runState.interpreter.storageLoad(wordBytes(key))))
      },
    ],
  ])
  const log: Handler = (runState) => {
    const [offset, length] = runState.stack.popN(2) as [bigint, bigint]
    const count = runState.opCode - 0xa0
    const topics = runState.stack.popN(count).map(wordBytes)
    const data = length === 0n ? new Uint8Array(0) : runState.memory.read(Number(offset), Number(length))
    runState.interpreter.log(data, count, topics)
  }
  for (let code = 0xa0; code <= 0xa4; code++) handlers.set(code, log)
  for (const [code, handler] of handlers) (map[code] as OpcodeEntry).opHandler = handler
}
