import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { RLP } from '@ethereumjs/rlp'
import { concatBytes } from '@ethereumjs/util'
import { brotliCompressSync, deflateSync } from 'node:zlib'
import type { BatchBlock } from '../../../node/batch/batchBlock.ts'
import { channelIdOf, decodeChannel, encodeChannel, MAX_CHANNEL_BYTES } from '../../../node/batch/channel.ts'
import { BatchEncodeError, ChannelDecodeError } from '../../../node/batch/errors.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { realisticTxs } from './txFixtures.ts'

function blocks(first: bigint, count: number, txsPerBlock: number): BatchBlock[] {
  const txs = realisticTxs(count * txsPerBlock, 'transfer')
  return Array.from({ length: count }, (_, i) => ({
    number: first + BigInt(i),
    timestamp: 1_700_000_000n + BigInt(i) * 2n,
    originHeight: 500n + BigInt(i >> 2),
    originHash: keccak256(Uint8Array.of(i >> 2)),
    txs: txs.slice(i * txsPerBlock, (i + 1) * txsPerBlock),
  }))
}

function zlibChannel(payload: unknown): Uint8Array {
  return concatBytes(Uint8Array.of(1), deflateSync(RLP.encode(payload as Uint8Array)))
}

const HASH = new Uint8Array(32).fill(7)
const block = (number: Uint8Array, extra: Partial<Record<'timestamp' | 'height' | 'hash', Uint8Array>> = {}, txs: unknown = []) => [
  number,
  extra.timestamp ?? Uint8Array.of(5),
  extra.height ?? Uint8Array.of(9),
  extra.hash ?? HASH,
  txs,
]
const EMPTY = new Uint8Array()

describe('channel codec', () => {
  for (const codec of ['zlib', 'brotli'] as const) {
    test(`${codec}: round trip of consecutive blocks, with empty blocks and block 0`, () => {
      const original = blocks(0n, 6, 5)
      ;(original[2] as BatchBlock).txs = []
      const bytes = encodeChannel(original, codec)
      assert.equal(bytes[0], codec === 'zlib' ? 1 : 2)
      assert.deepEqual(decodeChannel(bytes), original)
    })
  }

  test('legacy and ERC-20 txs survive byte for byte', () => {
    const original: BatchBlock[] = [
      { number: 77n, timestamp: 1n, originHeight: 0n, originHash: HASH, txs: [...realisticTxs(3, 'legacy'), ...realisticTxs(3, 'erc20')] },
    ]
    assert.deepEqual(decodeChannel(encodeChannel(original, 'brotli')), original)
  })

  test('encode refuses no blocks and non-consecutive blocks', () => {
    assert.throws(() => encodeChannel([], 'zlib'), new BatchEncodeError('a channel needs at least one block'))
    const gap = blocks(10n, 3, 1)
    ;(gap[2] as BatchBlock).number = 13n
    assert.throws(() => encodeChannel(gap, 'zlib'), new BatchEncodeError('blocks are not consecutive: position 2 holds 13, expected 12'))
  })

  test('channel id: first 16 bytes of keccak(u64be(first) ‖ u64be(last) ‖ last hash)', () => {
    const bs = blocks(258n, 3, 0)
    const lastHash = new Uint8Array(32).fill(0xab)
    const preimage = concatBytes(
      Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 2]),
      Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 4]),
      lastHash,
    )
    assert.deepEqual(channelIdOf(bs, lastHash), keccak256(preimage).slice(0, 16))
    assert.throws(() => channelIdOf(bs, new Uint8Array(31)), new BatchEncodeError('last block hash must be 32 bytes, got 31'))
  })

  describe('decode errors', () => {
    const cases: [string, Uint8Array, string][] = [
      ['empty', new Uint8Array(), 'empty channel: no codec byte'],
      ['unknown codec', Uint8Array.of(3, 1, 2), 'unknown channel codec 3 (1 = zlib, 2 = brotli)'],
      ['zlib garbage', Uint8Array.of(1, 0xde, 0xad, 0xbe, 0xef), 'decompression failed: incorrect header check'],
      ['truncated zlib', deflateSync(RLP.encode([EMPTY, []])).subarray(0, 4), ''],
      ['bad RLP', concatBytes(Uint8Array.of(1), deflateSync(Uint8Array.of(0xc5, 0x01))), 'bad RLP: invalid RLP (safeSlice): end slice of Uint8Array out-of-bounds'],
      ['not a list', zlibChannel(Uint8Array.of(1, 2)), 'bad RLP: channel payload is not a list [version, blocks]'],
      ['three items', zlibChannel([EMPTY, [], EMPTY]), 'bad RLP: channel payload is not a list [version, blocks]'],
      ['version 1', zlibChannel([Uint8Array.of(1), [block(Uint8Array.of(1))]]), 'bad version 1 (expected 0)'],
      ['version as list', zlibChannel([[], [block(Uint8Array.of(1))]]), 'bad version: not a canonical integer (expected 0)'],
      ['version leading zero', zlibChannel([Uint8Array.of(0), [block(Uint8Array.of(1))]]), 'bad version: not a canonical integer (expected 0)'],
      ['blocks not a list', zlibChannel([EMPTY, Uint8Array.of(1)]), 'bad RLP: blocks is not a list'],
      ['no blocks', zlibChannel([EMPTY, []]), 'channel has no blocks'],
      ['block of 4 fields', zlibChannel([EMPTY, [block(Uint8Array.of(1)).slice(0, 4)]]), 'bad RLP: block 0 of the channel is not a list of 5 fields'],
      ['number as list', zlibChannel([EMPTY, [block([] as unknown as Uint8Array)]]), 'bad field sizes: block 0 of the channel number is a list'],
      ['number over 8 bytes', zlibChannel([EMPTY, [block(new Uint8Array(9).fill(1))]]), 'bad field sizes: block 0 of the channel number is over 8 bytes'],
      ['number leading zero', zlibChannel([EMPTY, [block(Uint8Array.of(0, 1))]]), 'bad field sizes: block 0 of the channel number has a leading zero byte'],
      ['timestamp leading zero', zlibChannel([EMPTY, [block(Uint8Array.of(1), { timestamp: Uint8Array.of(0, 5) })]]), 'bad field sizes: block 0 of the channel timestamp has a leading zero byte'],
      ['origin height over 8 bytes', zlibChannel([EMPTY, [block(Uint8Array.of(1), { height: new Uint8Array(9).fill(2) })]]), 'bad field sizes: block 0 of the channel originHeight is over 8 bytes'],
      ['origin hash 31 bytes', zlibChannel([EMPTY, [block(Uint8Array.of(1), { hash: new Uint8Array(31) })]]), 'bad field sizes: block 0 of the channel originHash is not 32 bytes'],
      ['txs not a list', zlibChannel([EMPTY, [block(Uint8Array.of(1), {}, Uint8Array.of(1))]]), 'bad field sizes: block 0 of the channel txs is not a list'],
      ['tx as list', zlibChannel([EMPTY, [block(Uint8Array.of(1), {}, [[Uint8Array.of(1)]])]]), 'bad field sizes: block 0 of the channel tx 0 is a list, not bytes'],
      ['empty tx', zlibChannel([EMPTY, [block(Uint8Array.of(1), {}, [EMPTY])]]), 'bad field sizes: block 0 of the channel tx 0 is empty'],
      ['gap', zlibChannel([EMPTY, [block(Uint8Array.of(4)), block(Uint8Array.of(5)), block(Uint8Array.of(7))]]), 'non-consecutive block numbers: block 2 of the channel is 7, expected 6'],
      ['repeat', zlibChannel([EMPTY, [block(Uint8Array.of(4)), block(Uint8Array.of(4))]]), 'non-consecutive block numbers: block 1 of the channel is 4, expected 5'],
    ]
    for (const [name, bytes, message] of cases) {
      test(name, () => {
        if (name === 'truncated zlib') {
          assert.throws(() => decodeChannel(concatBytes(Uint8Array.of(1), bytes)), new ChannelDecodeError('decompression failed: unexpected end of file'))
          return
        }
        assert.throws(() => decodeChannel(bytes), new ChannelDecodeError(message))
      })
    }

    test('brotli garbage', () => {
      assert.throws(() => decodeChannel(Uint8Array.of(2, 0xff, 0xff, 0xff, 0xff)), (error: unknown) => {
        assert.ok(error instanceof ChannelDecodeError)
        assert.match(error.message, /^decompression failed: /)
        return true
      })
    })

    for (const codec of [1, 2]) {
      test(`over 64 MiB decompressed (codec ${codec})`, () => {
        const bomb = new Uint8Array(MAX_CHANNEL_BYTES + 1)
        const compressed = codec === 1 ? deflateSync(bomb) : brotliCompressSync(bomb)
        assert.ok(compressed.length < 200_000)
        assert.throws(
          () => decodeChannel(concatBytes(Uint8Array.of(codec), compressed)),
          new ChannelDecodeError(`decompressed channel is over ${MAX_CHANNEL_BYTES} bytes`),
        )
      })
    }
  })
})
