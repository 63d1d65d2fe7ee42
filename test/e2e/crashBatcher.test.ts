/**
 * Issue 5, e2e: kill -9 of the dev stack between frame posting and the commitment that covers those
 * frames' blocks, twice. After each restart the batcher and proposer resume from what the anchor
 * holds: no frame and no commitment is posted twice, no block is skipped, and the frames still
 * decode to exactly the L2 chain's transactions.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '@ethereumjs/util'
import { createNoMClient, type NoMClient } from '../../nom/rpc/client.ts'
import { toHex } from '../../nom/hash.ts'
import { createWalletClient, http, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { jsonRpc, readPostedBatches, spawnDevStack, type SpawnedStack } from '../helpers/stack.ts'

const CHAIN_ID = 73404n
const INTERVAL = 4n
const ARGS = ['--commit-interval', INTERVAL.toString()]
const BATCHERS = ['z1qqmtm6pu03hv3xtjfrvnxuwkcwjammys7an2yk']
const KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba' // L2 dev account 5
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function commitments(client: NoMClient): Promise<{ index: number; l2BlockNumber: number }[]> {
  return ((await client.call('embedded.anchor.getCommitments', [CHAIN_ID.toString(), 0, 1024])) as { list: { index: number; l2BlockNumber: number }[] }).list
}

/** Sends `n` transfers (automatic nonces) and returns their hashes once mined. */
async function sendTransfers(url: string, n: number): Promise<Hex[]> {
  const chain = { id: Number(CHAIN_ID), name: 'nomx', nativeCurrency: { name: 'ZNN', symbol: 'ZNN', decimals: 18 }, rpcUrls: { default: { http: [url] } } }
  const wallet = createWalletClient({ account: privateKeyToAccount(KEY), chain, transport: http(url) })
  const hashes: Hex[] = []
  for (let i = 0; i < n; i++) hashes.push(await wallet.sendTransaction({ to: '0x00000000000000000000000000000000000000f5', value: BigInt(i + 1) }))
  for (const h of hashes) {
    while ((await jsonRpc(url, 'eth_getTransactionReceipt', [h])) === null) await sleep(50)
  }
  return hashes
}

/** Waits until the anchor holds frames for blocks beyond the newest commitment, then kills the stack. */
async function killBetweenFramesAndCommitment(running: SpawnedStack): Promise<{ posted: bigint; committed: bigint }> {
  const client = createNoMClient({ url: running.urls.nomHttp })
  try {
    const deadline = Date.now() + 30_000
    for (;;) {
      const list = await commitments(client)
      const committed = BigInt(list.at(-1)?.l2BlockNumber ?? 0)
      const posted = (await readPostedBatches(client, CHAIN_ID, BATCHERS)).blocks.at(-1)?.number ?? 0n
      if (committed >= INTERVAL && posted > committed) {
        await running.kill9()
        return { posted, committed }
      }
      if (Date.now() > deadline) throw new Error(`no frames beyond the last commitment (posted ${posted}, committed ${committed})`)
      await sleep(20)
    }
  } finally {
    await client.close()
  }
}

test('kill -9 between frame posting and commitment (twice): nothing posted twice, nothing skipped, frames equal the chain', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-crash-batcher-'))
  let running = await spawnDevStack({ dataDir, reset: true, args: ARGS })
  try {
    const sent = await sendTransfers(running.urls.l2Http, 3)
    const first = await killBetweenFramesAndCommitment(running)
    running = await spawnDevStack({ dataDir, args: ARGS })
    sent.push(...(await sendTransfers(running.urls.l2Http, 3)))
    const second = await killBetweenFramesAndCommitment(running)
    assert.ok(second.committed >= first.committed)
    running = await spawnDevStack({ dataDir, args: ARGS })

    const client = createNoMClient({ url: running.urls.nomHttp })
    const url = running.urls.l2Http
    try {
      // Every tx sent before the kills is in the chain after them (its block re-read now), and the
      // resumed batcher and proposer cover those blocks and everything posted before the kills.
      let target = second.posted + INTERVAL
      for (const h of sent) {
        let r: { blockNumber: string } | null = null
        for (const until = Date.now() + 10_000; r === null && Date.now() < until; await sleep(50)) r = await jsonRpc(url, 'eth_getTransactionReceipt', [h])
        assert.ok(r !== null, `tx ${h} is still in the chain after the restarts`)
        if (BigInt(r.blockNumber) > target) target = BigInt(r.blockNumber)
      }
      const deadline = Date.now() + 30_000
      while (BigInt((await commitments(client)).at(-1)?.l2BlockNumber ?? 0) < target) {
        if (Date.now() > deadline) throw new Error(`no commitment reached block ${target}`)
        await sleep(100)
      }
      const list = await commitments(client)
      assert.deepEqual(list.map((c) => c.index), list.map((_, i) => i + 1), 'commitment indices 1..k')
      assert.deepEqual(list.map((c) => BigInt(c.l2BlockNumber)), list.map((_, i) => BigInt(i + 1) * INTERVAL), 'one commitment per interval, none twice, none skipped')

      const posted = await readPostedBatches(client, CHAIN_ID, BATCHERS)
      const ours = posted.frames.filter((f) => BATCHERS.includes(f.submitter))
      const keys = ours.map((f) => `${toHex(f.frame.channelId)}/${f.frame.frameNumber}`)
      assert.equal(new Set(keys).size, keys.length, 'no frame posted twice')
      const numbers = posted.blocks.map((b) => b.number)
      assert.deepEqual(numbers, numbers.map((_, i) => BigInt(i + 1)), 'batch blocks 1..N, none twice, none skipped')
      const batched = new Set(posted.blocks.flatMap((b) => b.txs.map((tx) => bytesToHex(keccak_256(tx)))))
      for (const h of sent) assert.ok(batched.has(h), `tx ${h} is in a batch`)
      for (const batch of posted.blocks) {
        const block = await jsonRpc<{ timestamp: string; transactions: { hash: string; type: string }[] }>(url, 'eth_getBlockByNumber', [`0x${batch.number.toString(16)}`, true])
        assert.equal(BigInt(block.timestamp), batch.timestamp)
        assert.deepEqual(
          batch.txs.map((tx) => bytesToHex(keccak_256(tx))),
          block.transactions.filter((tx) => tx.type !== '0x7e').map((tx) => tx.hash),
        )
      }
    } finally {
      await client.close()
    }
  } finally {
    await running.kill9()
    await rm(dataDir, { recursive: true, force: true })
  }
})
