/**
 * A verifier keeps its place (bridge/verifier/README.md "Restart"), on a real devnet + anchor:
 * - stopped and started again on its data dir, it continues after its newest checkpoint (NoM is
 *   not read below it: every momentum read is counted through the client) and ends with the same
 *   blocks and the same stored checkpoints as a verifier that never stopped;
 * - a crash between a momentum's block writes and its checkpoint (the checkpoint write fails) leaves
 *   blocks above the checkpoint's head; the restart drops them and derives them again from the
 *   checkpoint (whatever NoM holds now), and again ends where the uninterrupted one is.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex } from '@ethereumjs/util'
import { createConfig } from '../../../node/config.ts'
import { openDatabase } from '../../../node/db/database.ts'
import { silentLogger } from '../../../node/log.ts'
import { createReplica, type Replica } from '../../../node/replay/createReplica.ts'
import { NoMClient } from '../../../nom/rpc/client.ts'
import { COIN } from '../../../nom/constants.ts'
import { DepositABI } from '../../../contracts/anchor/abi.ts'
import { callAnchor } from '../../../contracts/anchor/rpc/anchorCall.ts'
import { createVerifier, type Verifier } from '../../../bridge/verifier/createVerifier.ts'
import { checkpointKey } from '../../../bridge/verifier/storeKeys.ts'
import { openVerifierStore } from '../../../bridge/verifier/verifierStore.ts'
import type { KeyPair } from '../../../nom/keys.ts'
import type { BatchBlock } from '../../../node/batch/batchBlock.ts'
import { startAnchorChain, type AnchorChain } from '../../helpers/anchorChain.ts'
import { createSwitchableTransport } from '../deposits/depositDevnet.ts'
import { crashAtCheckpoint, postChannel, until } from './fixtures.ts'

interface Running {
  replica: Replica
  verifier: Verifier
  dataDir: string
  stop(): Promise<void>
}

async function startOn(dataDir: string, client: NoMClient, chainId: bigint, beforeStart?: (replica: Replica) => void): Promise<Running> {
  const replica = await createReplica(createConfig({ dataDir, rpc: { host: '127.0.0.1', port: 0 } }), { log: silentLogger })
  beforeStart?.(replica)
  const verifier = createVerifier({ client, chainId, replica, log: silentLogger, pollMs: 50 })
  await verifier.start()
  return {
    replica,
    verifier,
    dataDir,
    async stop() {
      await verifier.stop()
      await replica.stop()
    },
  }
}

/** Posts blocks `from`…`to` in one channel, with the frontier as origin. */
async function postBlocks(anchor: AnchorChain, from: bigint, to: bigint, lastTimestamp: { value: bigint }): Promise<void> {
  const origin = await anchor.client.getFrontierMomentum()
  const blocks: BatchBlock[] = []
  for (let n = from; n <= to; n++) {
    const timestamp = lastTimestamp.value + 1n > origin.timestamp ? lastTimestamp.value + 1n : origin.timestamp
    lastTimestamp.value = timestamp
    blocks.push({ number: n, timestamp, originHeight: origin.height, originHash: origin.hash, txs: [] })
  }
  await postChannel(anchor.client, anchor.chainId, anchor.roles.batchers[0] as KeyPair, blocks)
}

async function deposit(anchor: AnchorChain): Promise<void> {
  const outcome = await callAnchor(anchor.client, anchor.roles.user, DepositABI.encode({ chainId: anchor.chainId, l2Recipient: new Uint8Array(20).fill(0xb0) }), { amount: 2n * COIN, pollMs: 30 })
  assert.equal(outcome.ok, true)
}

async function blockHashes(replica: Replica): Promise<string[]> {
  const out: string[] = []
  for (let n = 0n; n <= replica.head().block.header.number; n++) out.push(bytesToHex((await replica.chain.getBlockByNumber(n))!.hash))
  return out
}

/** The stored checkpoint of momentum `height` (raw bytes, hex) in a stopped verifier's data dir. */
async function checkpointBytes(dataDir: string, height: bigint): Promise<string | undefined> {
  const db = await openDatabase(dataDir)
  try {
    const value = await db.get('meta', checkpointKey(height))
    return value === undefined ? undefined : bytesToHex(value)
  } finally {
    await db.close()
  }
}

test('restart: continues after its checkpoint, reads no momentum below it, ends like an uninterrupted verifier; a crash between blocks and checkpoint derives those blocks again', async () => {
  const anchor = await startAnchorChain({ params: { sequencingWindow: 30n, challengeWindow: 100n } })
  const dirs = await Promise.all([0, 1, 2].map(() => mkdtemp(join(tmpdir(), 'nomx-verifier-restart-'))))
  const running: Running[] = []
  const transport = createSwitchableTransport(anchor.devnet.httpUrl)
  const heightsRead: bigint[] = []
  transport.intercept = (method, params) => {
    if (method === 'ledger.getDetailedMomentumsByHeight' || method === 'ledger.getMomentumsByHeight') heightsRead.push(BigInt(params[0] as number | string))
    return undefined
  }
  const counted = new NoMClient(transport)
  try {
    const { client, chainId } = anchor
    const ts = { value: 0n }
    const whole = await startOn(dirs[0]!, client, chainId)
    running.push(whole)
    let stopping = await startOn(dirs[1]!, client, chainId)
    running.push(stopping)
    // the third crashes at the first checkpoint that records a head change (its blocks are stored)
    const crashing = await startOn(dirs[2]!, client, chainId, crashAtCheckpoint(() => true))
    running.push(crashing)

    await deposit(anchor)
    await postBlocks(anchor, 1n, 2n, ts)
    await deposit(anchor)
    await until('both verifiers at block 2', 30_000, () => (whole.verifier.status().head >= 2n && stopping.verifier.status().head >= 2n ? true : undefined))
    const halted = await until('the crashing verifier to halt', 30_000, () => crashing.verifier.status().halted)
    assert.equal(halted, 'Error: simulated crash before the checkpoint write')
    const crashHead = crashing.replica.head().block.header.number
    assert.equal(crashHead, 2n, 'the blocks of the momentum are stored')
    await crashing.stop()
    running.splice(running.indexOf(crashing), 1)
    {
      const db = await openDatabase(dirs[2]!)
      const store = await openVerifierStore(db, chainId, { checkpointDepth: 100n })
      const loaded = await store.load(30n)
      assert.equal(loaded?.checkpoint.head.number, 0n, 'the checkpoint is older than the stored blocks')
      await db.close()
    }

    await stopping.stop()
    running.splice(running.indexOf(stopping), 1)
    const stoppedAt = (await (async () => {
      const db = await openDatabase(dirs[1]!)
      const store = await openVerifierStore(db, chainId, { checkpointDepth: 100n })
      const loaded = await store.load(30n)
      await db.close()
      return loaded!.checkpoint.height
    })())

    // while it is down: more blocks and a deposit
    await postBlocks(anchor, 3n, 5n, ts)
    await deposit(anchor)
    await postBlocks(anchor, 6n, 6n, ts)
    await until('the uninterrupted verifier at block 6', 30_000, () => (whole.verifier.status().head >= 6n ? true : undefined))

    stopping = await startOn(dirs[1]!, counted, chainId)
    running.push(stopping)
    const resumed = await startOn(dirs[2]!, client, chainId)
    running.push(resumed)
    await until('both restarted verifiers at block 6', 30_000, () => (stopping.verifier.status().head >= 6n && resumed.verifier.status().head >= 6n ? true : undefined))
    assert.ok(heightsRead.length > 0)
    assert.ok(heightsRead.every((h) => h >= stoppedAt), `momentums read from ${stoppedAt} on, got ${heightsRead.filter((h) => h < stoppedAt).join(', ')}`)
    assert.equal(heightsRead[0], stoppedAt, 'the first read asks for the checkpoint momentum again (still canonical?)')
    assert.equal(resumed.replica.progress().blocks, 6, 'the crashed one derived the stored 1–2 again (dropped: after its checkpoint), then 3–6')

    // all three at the same momentum, then stopped: same blocks, same checkpoints
    const target = (await client.getFrontierMomentum()).height
    await until('all verifiers past the same momentum', 30_000, () => (running.every((r) => (r.verifier.status().position ?? 0n) >= target) ? true : undefined))
    const hashes = await blockHashes(whole.replica)
    assert.equal(hashes.length, 7)
    for (const r of running) assert.deepEqual(await blockHashes(r.replica), hashes)
    for (const r of running) assert.equal(r.verifier.status().halted, undefined)
    for (const r of running.splice(0)) await r.stop()
    const common = [target - 1n, target]
    for (const h of common) {
      const expected = await checkpointBytes(dirs[0]!, h)
      assert.notEqual(expected, undefined)
      assert.equal(await checkpointBytes(dirs[1]!, h), expected, `checkpoint ${h} after a restart`)
      assert.equal(await checkpointBytes(dirs[2]!, h), expected, `checkpoint ${h} after a crash`)
    }
  } finally {
    for (const r of running) await r.stop()
    await counted.close()
    await anchor.stop()
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  }
})
