/**
 * What the verifier tests compose: a devnet with the anchor and the chain created
 * (test/helpers/anchorChain.ts), a sequencer node fed by the deposit watcher, the batcher and
 * proposer with its test-only fault switch, and verifier instances (replica + verifier) with or
 * without flagger/guardian keys. Everything on random ports in tmp dirs, removed by `stop()`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createConfig } from '../../../node/config.ts'
import { createNode, type Node } from '../../../node/node.ts'
import { createReplica, type Replica } from '../../../node/replay/createReplica.ts'
import { silentLogger, type NodeLogger } from '../../../node/log.ts'
import type { KeyPair } from '../../../nom/keys.ts'
import type { NoMClient } from '../../../nom/rpc/client.ts'
import { receiveAll } from '../../../nom/send.ts'
import { bytesEqual } from '../../../nom/hash.ts'
import type { BridgeChainParams } from '../../../bridge/config.ts'
import { createDepositWatcher, type DepositWatcher } from '../../../bridge/deposits/createDepositWatcher.ts'
import { createBatcher, type Batcher } from '../../../bridge/batcher/createBatcher.ts'
import { createVerifier, type Verifier, type VerifierOptions } from '../../../bridge/verifier/createVerifier.ts'
import { startAnchorChain, type AnchorChain } from '../../helpers/anchorChain.ts'
import { SubmitFrameABI } from '../../../contracts/anchor/abi.ts'
import { callAnchor } from '../../../contracts/anchor/rpc/anchorCall.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { channelIdOf, encodeChannel } from '../../../node/batch/channel.ts'
import { encodeFrame, splitChannel } from '../../../node/batch/frame.ts'
import type { BatchBlock } from '../../../node/batch/batchBlock.ts'
import type { WriteOp } from '../../../node/db/database.ts'
import { bytesToHex } from '@ethereumjs/util'
import { HEAD_CHANGE, VERIFIER_PREFIX } from '../../../bridge/verifier/storeKeys.ts'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined | Promise<T | undefined>, pollMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(pollMs)
  }
}

export interface SequencedChain {
  anchor: AnchorChain
  node: Node
  watcher: DepositWatcher
  /** The running batcher/proposer (replaced by restartBatcher). */
  batcher: Batcher
  dataDir: string
  /** Stops the batcher and starts a new instance with the same options (a process restart). */
  restartBatcher(): Promise<Batcher>
  stop(): Promise<void>
}

export interface StartSequencedChainOptions {
  params?: Partial<BridgeChainParams>
  blockTimeMs?: number
  commitIntervalBlocks?: bigint
  faults?: { wrongOutputRoot?: (l2BlockNumber: bigint) => boolean }
  log?: NodeLogger
}

/** Devnet + anchor chain + sequencer (dev genesis) + deposit watcher + batcher/proposer. */
export async function startSequencedChain(options: StartSequencedChainOptions = {}): Promise<SequencedChain> {
  const anchor = await startAnchorChain(options.params === undefined ? {} : { params: options.params })
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-seq-'))
  const log = options.log ?? silentLogger
  const stops: (() => Promise<void>)[] = [() => anchor.stop(), () => rm(dataDir, { recursive: true, force: true })]
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s()
  }
  try {
    const watcher = createDepositWatcher({ client: anchor.client, chainId: anchor.chainId, dataDir: join(dataDir, 'deposits'), pollMs: 50, log })
    await watcher.start()
    stops.push(() => watcher.stop())
    const config = createConfig({ dataDir: join(dataDir, 'l2'), blockTimeMs: options.blockTimeMs ?? 300, rpc: { host: '127.0.0.1', port: 0 } })
    const node = await createNode(config, { log, deposits: { source: watcher } })
    stops.push(() => node.stop())
    await node.start()
    const newBatcher = () => createBatcher({
      client: anchor.client,
      chainId: anchor.chainId,
      batcherKeys: anchor.roles.batchers,
      proposerKey: anchor.roles.proposer,
      node: { chain: node.chain, stateAt: node.backend.stateAt, events: node.backend.events },
      depositIndexOf: (sourceHash) => watcher.depositIndexOf(sourceHash),
      commitIntervalBlocks: options.commitIntervalBlocks ?? 4n,
      pollMs: 50,
      log,
      ...(options.faults === undefined ? {} : { faults: options.faults }),
    })
    const chain: SequencedChain = {
      anchor,
      node,
      watcher,
      batcher: newBatcher(),
      dataDir,
      async restartBatcher() {
        await chain.batcher.stop()
        chain.batcher = newBatcher()
        await chain.batcher.start()
        return chain.batcher
      },
      stop,
    }
    await chain.batcher.start()
    stops.push(() => chain.batcher.stop())
    return chain
  } catch (error) {
    await stop()
    throw error
  }
}

export interface VerifierInstance {
  replica: Replica
  verifier: Verifier
  dataDir: string
  stop(): Promise<void>
}

/** A replica (dev genesis, own tmp data dir) with a verifier on it, started. */
export async function startVerifierInstance(
  client: NoMClient,
  chainId: bigint,
  options: Partial<Pick<VerifierOptions, 'flaggerKey' | 'guardianKey' | 'log' | 'alerts' | 'batchers'>> & { dataDir?: string; rpc?: boolean } = {},
): Promise<VerifierInstance> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'nomx-verifier-')))
  const replica = await createReplica(createConfig({ dataDir, rpc: { host: '127.0.0.1', port: 0 } }), { log: silentLogger })
  if (options.rpc === true) await replica.start()
  const { dataDir: _d, rpc: _r, ...rest } = options
  const verifier = createVerifier({ client, chainId, replica, log: silentLogger, pollMs: 50, anchorCallPollMs: 30, ...rest })
  await verifier.start()
  let stopped: Promise<void> | undefined
  return {
    replica,
    verifier,
    dataDir,
    stop() {
      stopped ??= (async () => {
        await verifier.stop()
        await replica.stop()
        if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true })
      })()
      return stopped
    },
  }
}

/** Spendable balance of `who` in `token` after receiving everything sent to it. */
export async function nomBalance(client: NoMClient, who: KeyPair, token: Uint8Array): Promise<bigint> {
  await receiveAll(client, who)
  const info = await client.getAccountInfoByAddress(who.address)
  return info.balances.find((b) => bytesEqual(b.tokenStandard, token))?.balance ?? 0n
}

/** Posts one SubmitFrame from `from` and asserts the anchor took it. */
export async function postFrame(client: NoMClient, chainId: bigint, from: KeyPair, frameBytes: Uint8Array): Promise<void> {
  const outcome = await callAnchor(client, from, SubmitFrameABI.encode({ chainId, data: frameBytes }), { pollMs: 30 })
  if (!outcome.ok) throw new Error(`SubmitFrame refused: ${outcome.error}`)
}

/** Encodes `blocks` as one channel (or posts the given channel bytes) and posts its frames from `from`. */
export async function postChannel(client: NoMClient, chainId: bigint, from: KeyPair, blocks: BatchBlock[], bytes = encodeChannel(blocks, 'zlib')): Promise<void> {
  for (const frame of splitChannel(channelIdOf(blocks, keccak256(bytes)), bytes)) await postFrame(client, chainId, from, encodeFrame(frame))
}

/** Makes the replica's database fail the first verifier write that records a derived head change once `armed()` (a crash after a momentum's blocks, before its checkpoint). */
export function crashAtCheckpoint(armed: () => boolean) {
  let crashed = false
  return (replica: Replica) => {
    const db = replica.chain.db
    const failing = {
      ...db,
      async write(ops: WriteOp[]) {
        const prefix = bytesToHex(VERIFIER_PREFIX)
        const isHeadChange = (op: WriteOp) => op.key.length > VERIFIER_PREFIX.length && op.key[VERIFIER_PREFIX.length] === HEAD_CHANGE && bytesToHex(op.key.subarray(0, VERIFIER_PREFIX.length)) === prefix
        if (!crashed && armed() && ops.some(isHeadChange)) {
          crashed = true
          throw new Error('simulated crash before the checkpoint write')
        }
        return db.write(ops)
      },
    }
    Object.defineProperty(replica.chain, 'db', { value: failing })
  }
}
