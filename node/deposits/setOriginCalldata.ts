/**
 * Calldata of NoMInfo's `setOrigin(uint64 height, bytes32 hash, uint64 timestamp, uint64 sequenceNumber)`
 * (contracts/l2/src/NoMInfo.sol): the selector, then the four arguments as 32-byte ABI words. Built
 * here so the node does not load the contract artifacts; a test checks it against their ABI.
 */
import { bigIntToBytes, concatBytes, setLengthLeft, utf8ToBytes } from '@ethereumjs/util'
import type { BlockOrigin } from '../backend.ts'
import { keccak256 } from '../keccak256.ts'

export const SET_ORIGIN_SIGNATURE = 'setOrigin(uint64,bytes32,uint64,uint64)'

const UINT64_MAX = (1n << 64n) - 1n
const SELECTOR = keccak256(utf8ToBytes(SET_ORIGIN_SIGNATURE)).subarray(0, 4)

function uint64Word(value: bigint, name: string): Uint8Array {
  if (value < 0n || value > UINT64_MAX) throw new RangeError(`origin ${name} ${value} does not fit uint64`)
  return setLengthLeft(bigIntToBytes(value), 32)
}

export function setOriginCalldata(origin: BlockOrigin): Uint8Array {
  if (origin.hash.length !== 32) throw new RangeError('origin hash must be 32 bytes')
  return concatBytes(
    SELECTOR,
    uint64Word(origin.height, 'height'),
    origin.hash,
    uint64Word(origin.timestamp, 'timestamp'),
    uint64Word(origin.sequenceNumber, 'sequenceNumber'),
  )
}
