/**
 * Issue 5, e2e: the batch frames the batcher posts on NoM decode back to exactly the sequenced
 * transactions. Read independently of the batcher (anchor frame records, SubmitFrame send data,
 * the shared ChannelAssembler and decodeChannel): blocks 1..N consecutive, each with the node's
 * timestamp, origin and non-deposit transactions byte for byte; no frame posted twice; each
 * commitment's framesHash names the frame that made its block's channel ready; channels carry
 * several blocks (held open until the commitment block); `safe` and `finalized` follow the
 * commitment.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '@ethereumjs/util'
import { createWalletClient, http, parseEther, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { concatBytes, fromHex, toHex, u64be } from '../../nom/hash.ts'
import { readPostedBatches, startTestStack } from '../helpers/stack.ts'

test('batch frames on NoM decode back to exactly the sequenced txs (legacy, 2930, 1559, create), deposits left out', async () => {
  const t = await startTestStack()
  try {
    const { stack } = t
    const chain = { id: Number(stack.chainId), name: 'nomx', nativeCurrency: { name: 'ZNN', symbol: 'ZNN', decimals: 18 }, rpcUrls: { default: { http: [stack.urls.l2Http] } } }
    const wallet = (i: number) => createWalletClient({ account: privateKeyToAccount(t.l2Keys[i]!), chain, transport: http(stack.urls.l2Http) })
    const to: Hex = '0x00000000000000000000000000000000000000e1'
    const hashes = await Promise.all([
      wallet(1).sendTransaction({ to, value: parseEther('1'), type: 'legacy' }),
      wallet(2).sendTransaction({ to, value: parseEther('2'), type: 'eip2930', accessList: [{ address: to, storageKeys: [] }] }),
      wallet(3).sendTransaction({ to, value: parseEther('3'), type: 'eip1559', data: '0xdeadbeef' }),
      // A contract creation: runtime code 0x00 (STOP).
      wallet(4).sendTransaction({ data: '0x600160005360016000f3', type: 'eip1559' }),
    ])
    const deposit = await t.depositOnNoM(t.roles.user, ZNN_ZTS, 1n, to)
    const receipts = await Promise.all([...hashes, deposit.l2TxHash].map((h) => t.waitForL2Receipt(h)))
    const last = receipts.reduce((max, r) => (BigInt(r.blockNumber) > max ? BigInt(r.blockNumber) : max), 0n)
    const commitment = await t.waitForCommitment(last)

    const genesisBatchers = stack.node.genesis.nom!.batchers
    const posted = await readPostedBatches(stack.nomClient, stack.chainId, genesisBatchers)
    const numbers = posted.blocks.map((b) => b.number)
    assert.deepEqual(numbers, numbers.map((_, i) => BigInt(i + 1)), 'batch blocks are 1..N, consecutive, none twice')
    assert.ok(numbers.length >= Number(last))

    let sequencedTxs = 0
    for (const batch of posted.blocks) {
      const sealed = await stack.node.chain.getBlockByNumber(batch.number)
      assert.ok(sealed !== undefined)
      assert.equal(batch.timestamp, sealed.block.header.timestamp)
      assert.equal(batch.originHeight, sealed.origin!.height)
      assert.equal(toHex(batch.originHash), toHex(sealed.origin!.hash))
      assert.deepEqual(batch.txs.map(bytesToHex), sealed.block.transactions.map((tx) => bytesToHex(tx.serialize())))
      sequencedTxs += batch.txs.length
    }
    // Every tx this test sent is in the batches; the deposit is not (NoM already has it).
    const batchedHashes = new Set(posted.blocks.flatMap((b) => b.txs.map((tx) => bytesToHex(keccak_256(tx)))))
    for (const h of hashes) assert.ok(batchedHashes.has(h), `tx ${h} is in a batch`)
    assert.equal(batchedHashes.has(deposit.l2TxHash), false)
    assert.ok(sequencedTxs >= hashes.length)

    // The batcher holds channels open (bridge/README.md §2 "When a channel is cut"): with a
    // commitment every 4 blocks of 200 ms and half a 40-momentum window of 100 ms, a channel carries
    // about 4 blocks, never one channel per block.
    assert.ok(posted.channels.length * 2 <= numbers.length + 2, `${posted.channels.length} channels for ${numbers.length} blocks`)

    // No frame posted twice by our batcher.
    const ours = posted.frames.filter((f) => genesisBatchers.includes(f.submitter))
    const keys = ours.map((f) => `${toHex(f.frame.channelId)}/${f.frame.frameNumber}`)
    assert.equal(new Set(keys).size, keys.length)

    // The commitment's framesHash = keccak(u64be(readyAt) ‖ dataHash(readyAt)) of the channel holding its block.
    const block = BigInt(commitment.l2BlockNumber)
    const channel = posted.channels.find((c) => c.blocks[0] <= block && block <= c.blocks[1])!
    const record = await t.anchor('getFrame', [stack.chainId.toString(), channel.readyAt.toString()])
    assert.equal(commitment.framesHash, toHex(keccak_256(concatBytes(u64be(channel.readyAt), fromHex(record.dataHash)))))

    // The head tracker: `safe` reaches the committed block, `finalized` too once it is finalityDepth deep.
    const tagNumber = async (tag: string) => BigInt((await t.rpc<{ number: string }>('eth_getBlockByNumber', [tag, false])).number)
    const deadline = Date.now() + 10_000
    while ((await tagNumber('safe')) < block || (await tagNumber('finalized')) < block) {
      assert.ok(Date.now() < deadline, 'safe and finalized reach the committed block')
      await new Promise((r) => setTimeout(r, 50))
    }
    assert.ok((await tagNumber('finalized')) <= (await tagNumber('safe')))
  } finally {
    await t.stop()
  }
})
