/**
 * NoM reorgs (bridge/verifier/README.md "Reorgs"), over two real devnets that share every momentum
 * up to a fork point (one data dir copied while stopped, as test/bridge/deposits/ does): a verifier
 * that derived blocks from branch A and is then pointed at branch B rewinds to its newest
 * checkpoint still on B (replica blocks from A's momentums dropped), derives B, and ends with the
 * same blocks and output roots as a fresh verifier on B. One that crashed after deriving A's blocks
 * but before their checkpoint, restarted on B, drops those blocks and ends the same. One that kept
 * fewer checkpoints than the reorg is deep halts with VerifierReorgTooDeepError naming the heights.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex } from '@ethereumjs/util'
import { createConfig } from '../../../node/config.ts'
import { silentLogger, type LogEvent } from '../../../node/log.ts'
import { createReplica, type Replica } from '../../../node/replay/createReplica.ts'
import { NoMClient } from '../../../nom/rpc/client.ts'
import { COIN } from '../../../nom/constants.ts'
import type { KeyPair } from '../../../nom/keys.ts'
import { DepositABI } from '../../../contracts/anchor/abi.ts'
import { callAnchor } from '../../../contracts/anchor/rpc/anchorCall.ts'
import { createVerifier, type Verifier } from '../../../bridge/verifier/createVerifier.ts'
import type { BatchBlock } from '../../../node/batch/batchBlock.ts'
import { startAnchorChain, type AnchorChain } from '../../helpers/anchorChain.ts'
import { createSwitchableTransport } from '../deposits/depositDevnet.ts'
import { crashAtCheckpoint, postChannel, until } from './fixtures.ts'

const PARAMS = { sequencingWindow: 200n, challengeWindow: 400n }

interface Running {
  replica: Replica
  verifier: Verifier
  logs: LogEvent[]
  stop(): Promise<void>
}

async function startVerifier(dataDir: string, client: NoMClient, chainId: bigint, checkpointDepth: bigint, beforeStart?: (replica: Replica) => void): Promise<Running> {
  const replica = await createReplica(createConfig({ dataDir, rpc: { host: '127.0.0.1', port: 0 } }), { log: silentLogger })
  beforeStart?.(replica)
  const logs: LogEvent[] = []
  const verifier = createVerifier({ client, chainId, replica, log: (e) => logs.push(e), pollMs: 50, checkpointDepth, alerts: { noCommitmentMomentums: 100_000n } })
  await verifier.start()
  let stopped: Promise<void> | undefined
  return {
    replica,
    verifier,
    logs,
    stop() {
      stopped ??= (async () => {
        await verifier.stop()
        await replica.stop()
      })()
      return stopped
    },
  }
}

/** Blocks `from`…`to` in one channel with the branch's frontier as origin (timestamps after `after`). */
async function postBlocks(anchor: AnchorChain, from: bigint, to: bigint, after: bigint): Promise<bigint> {
  const origin = await anchor.client.getFrontierMomentum()
  const blocks: BatchBlock[] = []
  let last = after
  for (let n = from; n <= to; n++) {
    last = last + 1n > origin.timestamp ? last + 1n : origin.timestamp
    blocks.push({ number: n, timestamp: last, originHeight: origin.height, originHash: origin.hash, txs: [] })
  }
  await postChannel(anchor.client, anchor.chainId, anchor.roles.batchers[0] as KeyPair, blocks)
  return last
}

async function deposit(anchor: AnchorChain, amount: bigint): Promise<void> {
  const outcome = await callAnchor(anchor.client, anchor.roles.user, DepositABI.encode({ chainId: anchor.chainId, l2Recipient: new Uint8Array(20).fill(0xb1) }), { amount, pollMs: 30 })
  assert.equal(outcome.ok, true)
}

async function chainOf(replica: Replica): Promise<{ hashes: string[]; roots: string[] }> {
  const hashes: string[] = []
  const roots: string[] = []
  for (let n = 0n; n <= replica.head().block.header.number; n++) {
    hashes.push(bytesToHex((await replica.chain.getBlockByNumber(n))!.hash))
    roots.push(bytesToHex((await replica.outputRootAt(n))!))
  }
  return { hashes, roots }
}

test('a NoM reorg below the derived head: the verifier rewinds to the fork and ends on the new branch like a fresh verifier; deeper than its kept checkpoints it halts', async () => {
  const dirs = await Promise.all(['follower', 'shallow', 'fresh', 'fork', 'crasher'].map((n) => mkdtemp(join(tmpdir(), `nomx-verifier-reorg-${n}-`))))
  const [followerDir, shallowDir, freshDir, forkDir, crasherDir] = dirs as [string, string, string, string, string]
  let a: AnchorChain | undefined = await startAnchorChain({ params: PARAMS })
  let b: AnchorChain | undefined
  const running: Running[] = []
  const transport = createSwitchableTransport(a.devnet.httpUrl)
  const switchable = new NoMClient(transport)
  try {
    const chainId = a.chainId
    const follower = await startVerifier(followerDir, switchable, chainId, 1_000n)
    const shallow = await startVerifier(shallowDir, switchable, chainId, 3n)
    // crashes after deriving A's blocks 3–4, before that momentum's checkpoint; restarted on B later
    let onBranchA = false
    let crasher = await startVerifier(crasherDir, switchable, chainId, 1_000n, crashAtCheckpoint(() => onBranchA))
    running.push(follower, shallow, crasher)

    // common history: a deposit and blocks 1–2
    await deposit(a, 1n * COIN)
    const ts = await postBlocks(a, 1n, 2n, 0n)
    await until('blocks 1–2 derived', 30_000, () => (follower.verifier.status().head >= 2n && shallow.verifier.status().head >= 2n ? true : undefined))

    // fork: both branches share every momentum up to here
    const dataDir = a.dataDir
    const common = (await a.client.getFrontierMomentum()).height // the copy holds at least this
    await a.stop({ keepData: true })
    await cp(dataDir, forkDir, { recursive: true })
    a = await startAnchorChain({ dataDir, params: PARAMS })
    await transport.switchTo(a.devnet.httpUrl)

    // branch A: a deposit and blocks 3–4
    onBranchA = true
    await deposit(a, 2n * COIN)
    await postBlocks(a, 3n, 4n, ts)
    await until('blocks 3–4 derived on A', 30_000, () => (follower.verifier.status().head >= 4n && shallow.verifier.status().head >= 4n ? true : undefined))
    assert.equal(await until('the crasher to halt', 30_000, () => crasher.verifier.status().halted), 'Error: simulated crash before the checkpoint write')
    assert.equal(crasher.replica.head().block.header.number, 4n, 'A’s blocks 3–4 stored, their checkpoint not')
    await crasher.stop()
    running.splice(running.indexOf(crasher), 1)
    await until('the shallow verifier well past the fork', 30_000, async () => ((shallow.verifier.status().position ?? 0n) > common + 10n ? true : undefined))

    // branch B: another deposit and one block 3
    b = await startAnchorChain({ dataDir: forkDir, params: PARAMS })
    await deposit(b, 7n * COIN)
    await postBlocks(b, 3n, 3n, ts + 5n)
    const fresh = await startVerifier(freshDir, b.client, chainId, 1_000n)
    running.push(fresh)
    await until('the fresh verifier at block 3 on B', 30_000, () => (fresh.verifier.status().head >= 3n ? true : undefined))

    const followerBefore = follower.verifier.status().position!
    await transport.switchTo(b.devnet.httpUrl)

    const rewound = await until('the rewind log line', 30_000, () => follower.logs.find((e) => e.msg === 'NoM replaced momentums; derivation rewound'))
    assert.equal(rewound.level, 'warn')
    assert.ok((rewound.from as number) >= Number(followerBefore))
    // the fork point: the newest height where both branches have the same momentum (empty
    // momentums made after the copy can still be the same on both: dev timestamps run ahead)
    const to = BigInt(rewound.to as number)
    const onA = (await a.client.getMomentumsByHeight(to, 2)).list
    const onB = (await b.client.getMomentumsByHeight(to, 2)).list
    assert.ok(to >= common, `rewound to ${to}, the branches share momentum ${common}`)
    assert.equal(bytesToHex(onA[0]!.hash), bytesToHex(onB[0]!.hash), `momentum ${to} is on both branches`)
    assert.notEqual(bytesToHex(onA[1]!.hash), onB[1] === undefined ? undefined : bytesToHex(onB[1].hash), `momentum ${to + 1n} differs`)
    assert.equal(rewound.fromHead, 4)
    assert.equal(rewound.toHead, 2)

    const shallowHalt = await until('the shallow verifier to halt', 30_000, () => shallow.verifier.status().halted)
    const p = shallow.verifier.status().position!
    assert.equal(
      shallowHalt,
      `VerifierReorgTooDeepError: NoM replaced momentum ${p} and every kept checkpoint (momentums ${p - 2n}…${p}): the reorg is deeper than the 3 momentums kept; restart the verifier on an empty data dir (--reset)`,
    )
    assert.equal(shallow.replica.head().block.header.number, 4n, 'a halted verifier leaves its replica as it was')

    // the crasher restarted on B: drops A's blocks stored after its checkpoint, derives B
    crasher = await startVerifier(crasherDir, switchable, chainId, 1_000n)
    running.push(crasher)
    const dropped = await until('the crasher to drop what followed its checkpoint', 30_000, () => crasher.logs.find((e) => e.msg === 'blocks stored after the last checkpoint dropped; deriving them again'))
    assert.deepEqual([dropped.from, dropped.to], ['4', '2'])

    // all on B's chain at the same momentum: same blocks, same output roots
    const target = (await b.client.getFrontierMomentum()).height
    await until('follower, crasher and fresh verifier past the same momentum on B', 30_000, () =>
      [follower, crasher, fresh].every((r) => (r.verifier.status().position ?? 0n) >= target) ? true : undefined,
    )
    const ours = await chainOf(follower.replica)
    const theirs = await chainOf(fresh.replica)
    assert.equal(ours.hashes.length, 4, 'blocks 0–3: A’s block 4 is gone')
    assert.deepEqual(ours, theirs)
    assert.deepEqual(await chainOf(crasher.replica), theirs)
    assert.equal(crasher.verifier.status().halted, undefined)
    assert.equal(follower.verifier.status().halted, undefined)
    assert.equal(await follower.replica.chain.getBlockByNumber(4n), undefined)
  } finally {
    for (const r of running) await r.stop()
    await switchable.close()
    await b?.stop()
    await a?.stop()
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  }
})
