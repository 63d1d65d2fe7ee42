/**
 * Issue 6, e2e: the derivation rules (node/derivation/README.md) on a real devnet + anchor, with
 * frames crafted and posted by the test from the batcher account (no sequencer): a valid batch, a
 * batch block with a transaction that cannot be included (→ deposit-only block, rest of the
 * channel dropped), a channel that does not decompress, an undecodable frame, a valid-looking
 * channel from a non-batcher, and a deposit no batch includes (→ forced deposit-only block after
 * the sequencing window). Two verifiers, one following live and one started afterwards, derive
 * the same blocks and output roots.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { formatAddress } from '../../nom/address.ts'
import type { KeyPair } from '../../nom/keys.ts'
import { keccak256 } from '../../node/keccak256.ts'
import { deriveDevAccounts } from '../../node/genesis/deriveDevAccounts.ts'
import { encodeFrame } from '../../node/batch/frame.ts'
import type { BatchBlock } from '../../node/batch/batchBlock.ts'
import type { LogEvent } from '../../node/log.ts'
import { startAnchorChain } from '../helpers/anchorChain.ts'
import { DEV_MNEMONIC } from '../helpers/node.ts'
import { depositOnAnchor } from '../helpers/stack.ts'
import { postChannel as postBlocks, postFrame, startVerifierInstance, until, type VerifierInstance } from '../bridge/verifier/fixtures.ts'

const W = 50n

test('a batch with an invalid tx, a corrupt channel, garbage and foreign frames and an unbatched deposit: two verifiers derive the same chain by the written rules', async () => {
  const anchor = await startAnchorChain({ params: { sequencingWindow: W, challengeWindow: 100n } })
  const verifiers: VerifierInstance[] = []
  try {
    const { client, chainId, roles } = anchor
    const batcher = roles.batchers[0] as KeyPair
    const [a, b] = deriveDevAccounts(DEV_MNEMONIC, 2).map((acc) => privateKeyToAccount(bytesToHex(acc.privateKey) as Hex))
    const transfer = async (from: typeof a, nonce: number, to: string) =>
      hexToBytes(
        await from!.signTransaction({ chainId: Number(chainId), type: 'eip1559', nonce, to: to as Hex, value: 1000n, gas: 21_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 0n }),
      )
    const post = (from: KeyPair, frameBytes: Uint8Array) => postFrame(client, chainId, from, frameBytes)
    const postChannel = (from: KeyPair, blocks: BatchBlock[]) => postBlocks(client, chainId, from, blocks)

    const logs: LogEvent[] = []
    verifiers.push(await startVerifierInstance(client, chainId, { log: (e) => logs.push(e) }))

    const origin = await client.getFrontierMomentum()
    const o = { originHeight: origin.height, originHash: origin.hash }
    const tx1 = await transfer(a, 0, '0x00000000000000000000000000000000000c0c01')
    const tx2 = await transfer(b, 0, '0x00000000000000000000000000000000000c0c02')
    const badNonce = await transfer(a, 5, '0x00000000000000000000000000000000000c0c03')
    const tx3 = await transfer(a, 1, '0x00000000000000000000000000000000000c0c04')
    const ts = origin.timestamp
    // channel 1: block 1 valid; block 2 has a tx with a nonce gap → deposit-only block 2; block 3 dropped
    await postChannel(batcher, [
      { number: 1n, timestamp: ts, ...o, txs: [tx1] },
      { number: 2n, timestamp: ts + 1n, ...o, txs: [tx2, badNonce] },
      { number: 3n, timestamp: ts + 2n, ...o, txs: [tx3] },
    ])
    // a channel whose data does not decompress, and a frame that is not a frame
    await post(batcher, encodeFrame({ channelId: new Uint8Array(16).fill(0xcc), frameNumber: 0, data: Uint8Array.of(1, 0xde, 0xad, 0xbe, 0xef), isLast: true }))
    await post(batcher, new Uint8Array(30).fill(9))
    // block 3 again, from a non-batcher: ignored
    await postChannel(roles.user, [{ number: 3n, timestamp: ts + 2n, ...o, txs: [tx2] }])
    // block 3 from the batcher: applies
    await postChannel(batcher, [{ number: 3n, timestamp: ts + 2n, ...o, txs: [tx3] }])
    // a deposit no batch includes: forced after the sequencing window
    const recipient: Hex = '0x00000000000000000000000000000000000d0d01'
    const deposit = await depositOnAnchor(client, chainId, roles.user, ZNN_ZTS, 777n, recipient)
    const forcedAt = deposit.record.momentumHeight + W

    const v1 = verifiers[0]!
    await until('the forced deposit block', 30_000, () => (v1.verifier.status().position !== undefined && v1.verifier.status().position! >= forcedAt ? true : undefined))
    verifiers.push(await startVerifierInstance(client, chainId))
    const v2 = verifiers[1]!
    await until('the second verifier to catch up', 30_000, () => (v2.verifier.status().position !== undefined && v2.verifier.status().position! >= forcedAt ? true : undefined))

    const head = v1.replica.head().block.header.number
    assert.equal(head, 4n)
    assert.equal(v2.replica.head().block.header.number, head)
    for (let n = 1n; n <= head; n++) {
      const [x, y] = await Promise.all([v1.replica.chain.getBlockByNumber(n), v2.replica.chain.getBlockByNumber(n)])
      assert.equal(bytesToHex(x!.hash), bytesToHex(y!.hash), `block ${n}`)
      assert.deepEqual(await v1.replica.outputRootAt(n), await v2.replica.outputRootAt(n))
    }
    const block = async (n: bigint) => (await v1.replica.chain.getBlockByNumber(n))!
    assert.deepEqual((await block(1n)).block.transactions.map((t) => bytesToHex(t.serialize())), [bytesToHex(tx1)])
    assert.equal((await block(2n)).block.transactions.length, 0, 'block 2 is deposit-only')
    assert.equal((await block(2n)).block.header.timestamp, ts + 1n)
    assert.deepEqual((await block(3n)).block.transactions.map((t) => bytesToHex(t.serialize())), [bytesToHex(tx3)])
    const forced = await block(4n)
    assert.equal(forced.block.transactions.length, 0)
    assert.equal(forced.origin?.height, deposit.record.momentumHeight)
    // origin info, then the user deposit
    assert.equal(forced.deposits?.length, 2)
    assert.equal(bytesToHex(forced.deposits![1]!.hash), deposit.l2TxHash)
    const balance = (await (await v1.replica.backend.stateAt(forced.block.header)).getAccount(hexToBytes(recipient)))?.balance
    assert.equal(balance, 777n * 10n ** 10n)

    const msgs = logs.filter((e) => e.level === 'warn').map((e) => `${e.msg}${e.reason === undefined ? '' : `: ${e.reason}`}`)
    assert.deepEqual(msgs, [
      `batch block replaced by a deposit-only block: tx 1 (${bytesToHex(keccak256(badNonce))}): the tx doesn't have the correct nonce. account has nonce of: 1 tx has nonce of: 5`,
      'batch block invalid; it and the rest of its channel dropped: an earlier block of its channel (2) had a transaction that cannot be included',
      'channel invalid: decompression failed: incorrect header check',
      'frame ignored: bad frame version 9 (expected 0)',
      `frame ignored: submitter ${formatAddress(roles.user.address)} is not a batcher of the chain`,
      'forced deposit-only block derived',
    ])
  } finally {
    for (const v of verifiers) await v.stop()
    await anchor.stop()
  }
})
