/**
 * Bytes of a DerivationCheckpoint (a verifier stores one after every momentum):
 *
 *     rlp([version = 1, position, [[index, momentumHeight, depositTx (0x7E bytes)]…],
 *          nextDepositIndex, lastFrameIndex,
 *          [[channelId, firstSeenAt, firstFrameIndex, [[frameNumber, data, isLast]…]]…],
 *          completedCount])
 *
 * Integers as RLP integers (no leading zeros). Deposit and frame indices start at 1, so 0 (empty)
 * stands for "none yet". Anything else fails with CheckpointDecodeError.
 */
import { RLP } from '@ethereumjs/rlp'
import { bigIntToUnpaddedBytes, bytesToBigInt } from '@ethereumjs/util'
import { decodeDepositTx, encodeDepositTx } from '../deposits/depositTx.ts'
import type { DerivationCheckpoint, DerivationChannel } from './createDerivation.ts'
import type { DerivationDeposit } from './types.ts'

const VERSION = 1n

export class CheckpointDecodeError extends Error {
  override readonly name = 'CheckpointDecodeError'
}

const uint = (x: bigint): Uint8Array => bigIntToUnpaddedBytes(x)

export function encodeCheckpoint(c: DerivationCheckpoint): Uint8Array {
  return RLP.encode([
    uint(VERSION),
    uint(c.position),
    c.deposits.map((d) => [uint(d.index), uint(d.momentumHeight), encodeDepositTx(d.tx)]),
    uint(c.nextDepositIndex ?? 0n),
    uint(c.lastFrameIndex ?? 0n),
    c.channels.map((ch) => [ch.channelId, uint(ch.firstSeenAt), uint(ch.firstFrameIndex), ch.frames.map((f) => [uint(BigInt(f.frameNumber)), f.data, uint(f.isLast ? 1n : 0n)])]),
    uint(BigInt(c.completedCount)),
  ])
}

function bytes(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new CheckpointDecodeError(`checkpoint ${what} is not a byte string`)
  return v
}

function int(v: unknown, what: string): bigint {
  const b = bytes(v, what)
  if (b.length > 0 && b[0] === 0) throw new CheckpointDecodeError(`checkpoint ${what} has leading zero bytes`)
  return bytesToBigInt(b)
}

function list(v: unknown, what: string, length?: number): unknown[] {
  if (!Array.isArray(v) || (length !== undefined && v.length !== length)) throw new CheckpointDecodeError(`checkpoint ${what} is not a list${length === undefined ? '' : ` of ${length}`}`)
  return v
}

export function decodeCheckpoint(encoded: Uint8Array): DerivationCheckpoint {
  let decoded: unknown
  try {
    decoded = RLP.decode(encoded)
  } catch (cause) {
    throw new CheckpointDecodeError(`checkpoint RLP is malformed: ${(cause as Error).message}`, { cause })
  }
  const [version, position, deposits, nextDepositIndex, lastFrameIndex, channels, completedCount] = list(decoded, 'record', 7)
  if (int(version, 'version') !== VERSION) throw new CheckpointDecodeError(`checkpoint version ${int(version, 'version')} is not ${VERSION}`)
  const next = int(nextDepositIndex, 'nextDepositIndex')
  const lastFrame = int(lastFrameIndex, 'lastFrameIndex')
  return {
    position: int(position, 'position'),
    deposits: list(deposits, 'deposits').map((d, i): DerivationDeposit => {
      const [index, momentumHeight, tx] = list(d, `deposit ${i}`, 3)
      try {
        return { index: int(index, 'deposit index'), momentumHeight: int(momentumHeight, 'deposit momentumHeight'), tx: decodeDepositTx(bytes(tx, 'deposit tx')) }
      } catch (error) {
        if (error instanceof CheckpointDecodeError) throw error
        throw new CheckpointDecodeError(`checkpoint deposit ${i}: ${(error as Error).message}`)
      }
    }),
    nextDepositIndex: next === 0n ? undefined : next,
    lastFrameIndex: lastFrame === 0n ? undefined : lastFrame,
    channels: list(channels, 'channels').map((c, i): DerivationChannel => {
      const [channelId, firstSeenAt, firstFrameIndex, frames] = list(c, `channel ${i}`, 4)
      const id = bytes(channelId, 'channelId')
      return {
        channelId: id,
        firstSeenAt: int(firstSeenAt, 'firstSeenAt'),
        firstFrameIndex: int(firstFrameIndex, 'firstFrameIndex'),
        frames: list(frames, `channel ${i} frames`).map((f, j) => {
          const [frameNumber, data, isLast] = list(f, `channel ${i} frame ${j}`, 3)
          const last = int(isLast, 'isLast')
          if (last > 1n) throw new CheckpointDecodeError(`checkpoint frame isLast is ${last}`)
          return { channelId: id, frameNumber: Number(int(frameNumber, 'frameNumber')), data: bytes(data, 'frame data'), isLast: last === 1n }
        }),
      }
    }),
    completedCount: Number(int(completedCount, 'completedCount')),
  }
}
