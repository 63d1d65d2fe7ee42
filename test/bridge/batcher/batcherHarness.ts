/**
 * What the batcher tests share: a devnet + anchor with the chain created (startAnchorChain), the
 * deposit watcher as the L2 node's deposit source, a real L2 node in automine (each new origin
 * seals a block), signed L2 transactions from the dev accounts, and a verifier-style read of
 * everything the anchor holds (frames by our batchers → ChannelAssembler → decodeChannel).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFeeMarket1559Tx } from '@ethereumjs/tx'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { deriveDevAccounts } from '../../../node/genesis/deriveDevAccounts.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { silentLogger, type LogEvent } from '../../../node/log.ts'
import { createNode, type Node } from '../../../node/node.ts'
import { ChannelAssembler } from '../../../node/batch/channelAssembler.ts'
import { decodeChannel } from '../../../node/batch/channel.ts'
import { decodeFrame } from '../../../node/batch/frame.ts'
import type { BatchBlock } from '../../../node/batch/batchBlock.ts'
import { createDepositWatcher, type DepositWatcher } from '../../../bridge/deposits/createDepositWatcher.ts'
import { createBatcher, type Batcher, type BatcherOptions } from '../../../bridge/batcher/createBatcher.ts'
import { SubmitFrameABI } from '../../../contracts/anchor/abi.ts'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { formatAddress } from '../../../nom/address.ts'
import { fromHex } from '../../../nom/hash.ts'
import { DEV_MNEMONIC } from '../../helpers/node.ts'
import { startAnchorChain, type AnchorChain, type StartAnchorChainOptions } from '../../helpers/anchorChain.ts'

export interface AnchorFrameRecord {
  index: number
  submitter: string
  momentumHeight: number
  sendHash: string
  dataHash: string
  length: number
}

export interface AnchorBatches {
  frames: AnchorFrameRecord[]
  /** Decoded blocks of every ready channel, in ready order, with the frame index that made it ready. */
  channels: { channelId: string; readyAt: bigint; blocks: BatchBlock[] }[]
  /** (channelId, frameNumber) pairs the anchor holds more than once. */
  duplicateFrames: string[]
}

export interface BatcherHarness {
  ac: AnchorChain
  node: Node
  watcher: DepositWatcher
  logs: LogEvent[]
  batcher(overrides?: Partial<BatcherOptions>): Batcher
  /** Admits `count` signed EIP-1559 txs (transfers, or calls carrying `dataBytes` random bytes). */
  sendTxs(count: number, dataBytes?: number): Promise<void>
  readAnchorBatches(): Promise<AnchorBatches>
  /** keccak(0 ‖ stateRoot ‖ storageHash(0x4200…0016) ‖ hash) from the node's JSON-RPC (eth_getBlockByNumber, eth_getProof). */
  outputRootOverRPC(n: bigint): Promise<string>
  waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function startBatcherHarness(options: StartAnchorChainOptions = {}): Promise<BatcherHarness> {
  const ac = await startAnchorChain(options)
  const dir = await mkdtemp(join(tmpdir(), 'nomx-batcher-'))
  const logs: LogEvent[] = []
  const watcher = createDepositWatcher({ client: ac.client, chainId: ac.chainId, dataDir: join(dir, 'deposits'), pollMs: 50, log: () => {} })
  await watcher.start()
  const batchers: Batcher[] = []
  let node: Node | undefined
  const stop = async () => {
    for (const b of batchers) await b.stop()
    await node?.stop()
    await watcher.stop()
    await ac.stop()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    const deadline = Date.now() + 30_000
    while (watcher.status().originHeight === undefined) {
      if (Date.now() > deadline) throw new Error('the deposit watcher found no origin')
      await sleep(50)
    }
    const config = createConfig({ dataDir: join(dir, 'l2'), genesis: DEV_GENESIS_PATH, blockTimeMs: 0, rpc: { host: '127.0.0.1', port: 0 } })
    node = await createNode(config, { log: silentLogger, deposits: { source: watcher } })
    await node.start()
  } catch (error) {
    await stop()
    throw error
  }
  const l2 = node
  const common = createChainCommon({ chainId: l2.genesis.chainId })
  const keys = deriveDevAccounts(DEV_MNEMONIC, 10)
  const nonces = new Map<number, bigint>()
  let sent = 0
  return {
    ac,
    node: l2,
    watcher,
    logs,
    batcher(overrides = {}) {
      const b = createBatcher({
        client: ac.client,
        chainId: ac.chainId,
        batcherKeys: ac.roles.batchers,
        proposerKey: ac.roles.proposer,
        node: l2.backend,
        depositIndexOf: (h) => watcher.depositIndexOf(h),
        commitIntervalBlocks: 10n,
        pollMs: 50,
        log: (e) => logs.push({ ...e, t: Date.now() }),
        ...overrides,
      })
      batchers.push(b)
      return b
    },
    async sendTxs(count, dataBytes = 0) {
      for (let i = 0; i < count; i++) {
        const who = sent++ % keys.length
        const key = keys[who]!
        const nonce = nonces.get(who) ?? (await l2.backend.txpool.pendingNonce(key.address))
        nonces.set(who, nonce + 1n)
        const data = dataBytes === 0 ? new Uint8Array() : keccakStream(dataBytes, sent)
        const gasLimit = 21_000n + BigInt(dataBytes) * 40n + 10_000n
        const tx = createFeeMarket1559Tx(
          { chainId: l2.genesis.chainId, nonce, maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 10n ** 6n, gasLimit, to: keys[(who + 1) % keys.length]!.address, value: 1000n + BigInt(i), data },
          { common },
        ).sign(key.privateKey)
        await l2.backend.txpool.add(tx.serialize())
      }
    },
    readAnchorBatches: () => readAnchorBatches(ac),
    outputRootOverRPC: (n) => outputRootOverRPC(l2.rpcUrl, n),
    async waitFor(what, check, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs
      while (!(await check())) {
        if (Date.now() > deadline) {
          // The proposer's and every warning or error, then the newest lines (mostly "channel posted").
          const notable = logs.filter((l) => l.module !== 'batcher' || l.level !== 'info').slice(-8)
          throw new Error(`timed out waiting for ${what}; proposer logs, warnings and errors: ${JSON.stringify(notable)}; newest logs: ${JSON.stringify(logs.slice(-5))}`)
        }
        await sleep(50)
      }
    },
    stop,
  }
}

/** Deterministic incompressible bytes (keccak chain), so frames carry what compression cannot shrink. */
function keccakStream(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length)
  let block = keccak256(new TextEncoder().encode(`batcher test data ${seed}`))
  for (let i = 0; i < length; i += 32) {
    out.set(block.subarray(0, Math.min(32, length - i)), i)
    block = keccak256(block)
  }
  return out
}

async function rpcCall(url: string, method: string, params: unknown[]): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  const body = (await response.json()) as { result?: any; error?: { message: string } }
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`)
  return body.result
}

/** keccak(0 ‖ stateRoot ‖ storageHash(0x4200…0016) ‖ hash) of block n over an L2 JSON-RPC endpoint. */
export async function outputRootOverRPC(url: string, n: bigint): Promise<string> {
  const tag = `0x${n.toString(16)}`
  const block = await rpcCall(url, 'eth_getBlockByNumber', [tag, false])
  const proof = await rpcCall(url, 'eth_getProof', [L2_TO_NOM_MESSAGE_PASSER_ADDRESS, [], tag])
  const preimage = new Uint8Array(128)
  preimage.set(hexToBytes(block.stateRoot), 32)
  preimage.set(hexToBytes(proof.storageHash), 64)
  preimage.set(hexToBytes(block.hash), 96)
  return bytesToHex(keccak256(preimage))
}

/** Everything the anchor holds from our batchers, read as a verifier reads it. */
export async function readAnchorBatches(ac: AnchorChain): Promise<AnchorBatches> {
  const frames: AnchorFrameRecord[] = []
  for (let page = 0; ; page++) {
    const r = await ac.anchor('getFrames', [ac.chainId.toString(), page, 1024])
    frames.push(...r.list)
    if (!r.more) break
  }
  const ours = new Set(ac.roles.batchers.map((k) => formatAddress(k.address)))
  const assembler = new ChannelAssembler()
  const seen = new Set<string>()
  const duplicateFrames: string[] = []
  const channels: AnchorBatches['channels'] = []
  for (const record of frames) {
    if (!ours.has(record.submitter)) continue
    const send = await ac.client.getAccountBlockByHash(fromHex(record.sendHash))
    const frame = decodeFrame(SubmitFrameABI.decode(send!.data).data)
    const key = `${bytesToHex(frame.channelId)}/${frame.frameNumber}`
    if (seen.has(key)) duplicateFrames.push(key)
    seen.add(key)
    const ready = assembler.add(frame, BigInt(record.index))
    if (ready !== undefined) channels.push({ channelId: bytesToHex(ready.channelId), readyAt: ready.readyAt, blocks: decodeChannel(ready.bytes) })
  }
  return { frames, channels, duplicateFrames }
}
