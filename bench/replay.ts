/**
 * Replay speed (`node --import tsx bench/replay.ts`): a verifier catching up from genesis must be
 * at least 3× faster than the sequencer's sustained rate.
 *
 * 1. Record: an in-process sequencer node (data on disk, a deposit source whose every momentum
 *    carries one ZNN deposit) takes 14,000 pre-signed txs from 10 senders — 10,000 ETH transfers and
 *    4,000 ERC-20 transfers, after the token deployment — admitted straight into its tx pool (no
 *    JSON-RPC), sealed with 1 s blocks (default) or `sealBlock()` loops (REPLAY_SEQUENCER=loop, see
 *    MODE). Timed from the first admission to the block holding the last tx.
 * 2. Replay: the blocks' inputs (number, timestamp, origin, candidate deposits, non-deposit txs),
 *    as a verifier derives them, are applied to a fresh replica (data on disk) with `applyBlock`,
 *    the next PREFETCH blocks' tx checks running on worker threads meanwhile (`prefetch`).
 *    Timed from the first to the last block; every block hash is checked against the sequencer's.
 *
 * Env: REPLAY_TRANSFERS, REPLAY_ERC20 (counts), REPLAY_GAS_LIMIT (genesis gas limit, default the dev genesis'),
 * REPLAY_WORKERS (the replica's tx check workers; default one per spare core, 0 = checks on the main thread).
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTx } from '@ethereumjs/tx'
import { bigIntToUnpaddedBytes, bytesToHex, equalsBytes, generateAddress, hexToBytes } from '@ethereumjs/util'
import { encodeDeployData, encodeFunctionData } from 'viem'
import { loadToken } from '../test/fixtures/contracts/compile.ts'
import { createConfig, DEV_GENESIS_PATH } from '../node/config.ts'
import type { DepositSource, OriginMomentum } from '../node/deposits/depositSource.ts'
import { userDepositSourceHash, type DepositTx } from '../node/deposits/depositTx.ts'
import { createChainCommon } from '../node/execution/chainCommon.ts'
import { deriveDevAccounts, type DevAccount } from '../node/genesis/deriveDevAccounts.ts'
import { keccak256 } from '../node/keccak256.ts'
import { silentLogger } from '../node/log.ts'
import { createNode, type Node } from '../node/node.ts'
import { createReplica, type ReplayBlockInput } from '../node/replay/createReplica.ts'

const SENDERS = 10
const TRANSFERS = Number(process.env.REPLAY_TRANSFERS ?? 10_000)
const ERC20_TRANSFERS = Number(process.env.REPLAY_ERC20 ?? 4_000)
const ROUND = 1_400
/** Blocks whose tx checks the replay starts ahead of execution (Replica.prefetch). */
const PREFETCH = 2
const MAX_FEE = 100n * 10n ** 9n
const GENESIS_TIMESTAMP = 0x69000000n
const DEPOSIT_RECIPIENT = hexToBytes('0x00000000000000000000000000000000000000d1')
const NOM_DEPOSITOR = hexToBytes('0x0022dd000000000000000000000000000000000d')

function momentumAt(height: bigint): OriginMomentum {
  return { height, hash: keccak256(bigIntToUnpaddedBytes(height + 1n)), timestamp: GENESIS_TIMESTAMP + height }
}

/** Momentum h carries deposit index h (1 NoM ZNN unit minted to DEPOSIT_RECIPIENT). */
function depositAt(height: bigint): DepositTx {
  const mint = 10n ** 10n
  return { sourceHash: userDepositSourceHash(momentumAt(height).hash, height), from: NOM_DEPOSITOR, to: DEPOSIT_RECIPIENT, mint, value: mint, gas: 21_000n, isSystemTx: false, data: new Uint8Array() }
}

/** Each block's origin is one momentum past its parent's; every momentum has one deposit. */
function advancingSource(): DepositSource {
  return {
    async next({ parentOrigin, lastDepositSourceHash }) {
      const height = parentOrigin === undefined ? 1n : parentOrigin.height + 1n
      const from = lastDepositSourceHash === undefined ? 1n : height
      const deposits: DepositTx[] = []
      for (let h = from; h <= height; h++) deposits.push(depositAt(h))
      return { origin: momentumAt(height), deposits }
    },
  }
}

function sign(common: ReturnType<typeof createChainCommon>, account: DevAccount, nonce: bigint, to: Uint8Array | undefined, data: Uint8Array, gasLimit: bigint, value = 0n): Uint8Array {
  return createTx({ type: 2, nonce, maxFeePerGas: MAX_FEE, maxPriorityFeePerGas: 1n, gasLimit, ...(to === undefined ? {} : { to }), value, data }, { common })
    .sign(account.privateKey)
    .serialize()
}

function interleave(perSender: Uint8Array[][]): Uint8Array[] {
  const out: Uint8Array[] = []
  const longest = Math.max(...perSender.map((l) => l.length))
  for (let i = 0; i < longest; i++) for (const list of perSender) if (list[i] !== undefined) out.push(list[i]!)
  return out
}

/**
 * REPLAY_SEQUENCER=interval (default): the sequencer as it runs, sealing every 1 s; txs are admitted
 * straight into its pool (no JSON-RPC), ROUND at a time whenever fewer than 2·ROUND wait.
 * REPLAY_SEQUENCER=loop: blocks sealed back to back with sealBlock() (no interval wait): the most the
 * sequencer's execution path can do, its admission included.
 */
const MODE = process.env.REPLAY_SEQUENCER === 'loop' ? 'loop' : 'interval'

async function recordWithSealLoop(node: Node, load: Uint8Array[]): Promise<void> {
  for (let i = 0; i < load.length; i += ROUND) {
    await Promise.all(load.slice(i, i + ROUND).map((raw) => node.backend.txpool.add(raw)))
    while (node.backend.txpool.status().pending > 0) await node.sealBlock()
  }
}

async function recordWithInterval(node: Node, load: Uint8Array[]): Promise<void> {
  let sealed = 0
  let resolveDone: () => void = () => undefined
  const done = new Promise<void>((resolve) => (resolveDone = resolve))
  const off = node.backend.events.onBlock((block) => {
    sealed += block.block.transactions.length
    if (sealed >= load.length) resolveDone()
  })
  await node.start()
  try {
    for (let i = 0; i < load.length; ) {
      const { pending, queued } = node.backend.txpool.status()
      if (pending + queued < 2 * ROUND) {
        await Promise.all(load.slice(i, i + ROUND).map((raw) => node.backend.txpool.add(raw)))
        i += ROUND
      } else {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    await done
  } finally {
    off()
  }
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 })
const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6

/**
 * CPU seconds the main thread (not the workers) has used, from /proc (Linux; undefined elsewhere):
 * what bounds a phase's speed when the workers have cores of their own.
 */
function mainThreadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of stat (12 and 13 after pid, comm), in clock ticks (100 Hz).
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

const perMain = (txs: number, from: number | undefined, to: number | undefined) =>
  from === undefined || to === undefined ? '' : `; main thread ${(to - from).toFixed(2)} CPU-s = ${fmt(txs / (to - from))} tx per main-thread CPU-second`

/** With REPLAY_PROFILE=file.cpuprofile, a CPU profile of the replay phase only; returns its stop function. */
async function startProfiler(): Promise<(() => Promise<void>) | undefined> {
  const file = process.env.REPLAY_PROFILE
  if (file === undefined) return undefined
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  return async () => {
    const { profile } = await session.post('Profiler.stop')
    await writeFile(file, JSON.stringify(profile))
    session.disconnect()
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'nomx-bench-replay-'))
  const genesisJSON = JSON.parse(await readFile(DEV_GENESIS_PATH, 'utf8')) as { gasLimit: string; devMnemonic: string }
  if (process.env.REPLAY_GAS_LIMIT !== undefined) genesisJSON.gasLimit = `0x${BigInt(process.env.REPLAY_GAS_LIMIT).toString(16)}`
  const genesisPath = join(work, 'genesis.json')
  await writeFile(genesisPath, JSON.stringify(genesisJSON))
  const config = (dir: string, blockTimeMs = 3_600_000) => createConfig({ dataDir: join(work, dir), genesis: genesisPath, blockTimeMs, rpc: { host: '127.0.0.1', port: 0 } })
  try {
    const common = createChainCommon({ chainId: 73404n })
    const senders = deriveDevAccounts(genesisJSON.devMnemonic, SENDERS)
    const token = loadToken()
    const tokenAddress = generateAddress(senders[0]!.address, new Uint8Array())
    // Pre-signed: sender 0 deploys the token and hands each sender a balance, then everyone sends.
    const setup: Uint8Array[] = [sign(common, senders[0]!, 0n, undefined, hexToBytes(encodeDeployData({ abi: token.abi, bytecode: token.bytecode, args: [10n ** 30n] })), 1_500_000n)]
    for (let i = 1; i < SENDERS; i++) {
      setup.push(sign(common, senders[0]!, BigInt(i), tokenAddress, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [bytesToHex(senders[i]!.address), 10n ** 24n] })), 100_000n))
    }
    const nonces = senders.map((_, i) => (i === 0 ? BigInt(SENDERS) : 0n))
    const perSender: Uint8Array[][] = senders.map(() => [])
    for (let i = 0; i < TRANSFERS; i++) {
      const s = i % SENDERS
      const to = senders[(s + 1) % SENDERS]!.address
      perSender[s]!.push(sign(common, senders[s]!, nonces[s]!++, to, new Uint8Array(), 21_000n, 1_000n))
    }
    for (let i = 0; i < ERC20_TRANSFERS; i++) {
      const s = i % SENDERS
      const data = hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [bytesToHex(senders[(s + 3) % SENDERS]!.address), 1n] }))
      perSender[s]!.push(sign(common, senders[s]!, nonces[s]!++, tokenAddress, data, 60_000n))
    }
    const load = [...setup, ...interleave(perSender)]
    process.stdout.write(`bench replay: ${load.length} pre-signed txs (${TRANSFERS} transfers, ${ERC20_TRANSFERS} ERC-20 transfers, ${setup.length} setup) from ${SENDERS} senders\n`)

    // 1. Record with the sequencer.
    const node = await createNode(config('sequencer', MODE === 'interval' ? 1000 : 3_600_000), { log: silentLogger, deposits: { source: advancingSource() } })
    const seqStarted = performance.now()
    const seqCpu = process.cpuUsage()
    const seqMain = mainThreadCpuSeconds()
    if (MODE === 'interval') await recordWithInterval(node, load)
    else await recordWithSealLoop(node, load)
    const seqSeconds = (performance.now() - seqStarted) / 1000
    const seqCpuSeconds = cpuSeconds(process.cpuUsage(seqCpu))
    const seqMainEnd = mainThreadCpuSeconds()
    const head = node.chain.head().block.header.number
    let sealedTxs = 0
    let sealedDeposits = 0
    let gasUsed = 0n
    const inputs: ReplayBlockInput[] = []
    const hashes: Uint8Array[] = []
    for (let n = 1n; n <= head; n++) {
      const sealed = (await node.chain.getBlockByNumber(n))!
      const origin = sealed.origin!
      sealedTxs += sealed.block.transactions.length
      sealedDeposits += (sealed.deposits?.length ?? 0) - 1
      gasUsed += sealed.block.header.gasUsed
      // The candidates: deposits of momentums up to the origin not in earlier blocks (one per momentum).
      const included = n === 1n ? 0n : (await node.chain.getBlockByNumber(n - 1n))!.origin!.height
      const deposits: DepositTx[] = []
      for (let h = included + 1n; h <= origin.height; h++) deposits.push(depositAt(h))
      inputs.push({ number: n, timestamp: sealed.block.header.timestamp, origin: { height: origin.height, hash: origin.hash, timestamp: origin.timestamp }, deposits, txs: sealed.block.transactions.map((tx) => tx.serialize()) })
      hashes.push(sealed.hash)
    }
    await node.stop()
    if (sealedTxs !== load.length) throw new Error(`sequencer sealed ${sealedTxs} of ${load.length} txs`)
    const seqTps = sealedTxs / seqSeconds
    process.stdout.write(
      `sequencer (${MODE === 'interval' ? '1 s blocks, txs admitted in-process as the pool drains' : 'sealBlock loops, txs admitted in-process'}, data on disk): ${head} blocks, ${sealedTxs} txs + ${sealedDeposits} deposits in ${seqSeconds.toFixed(2)} s = ${(Number(head) / seqSeconds).toFixed(1)} blocks/s, ${fmt(seqTps)} tx/s; CPU ${seqCpuSeconds.toFixed(2)} s = ${fmt(sealedTxs / seqCpuSeconds)} tx per CPU-second${perMain(sealedTxs, seqMain, seqMainEnd)}\n`,
    )

    // 2. Replay into a fresh replica.
    const replica = await createReplica(config('replica'), { log: silentLogger, ...(process.env.REPLAY_WORKERS === undefined ? {} : { txCheckWorkers: Number(process.env.REPLAY_WORKERS) }) })
    const profiler = await startProfiler()
    const started = performance.now()
    const cpu = process.cpuUsage()
    const replayMain = mainThreadCpuSeconds()
    try {
      for (const [i, input] of inputs.entries()) {
        // This block's checks are queued first (applyBlock starts them), then the next blocks' (a
        // worker takes requests in order): as a verifier catching up would, they run meanwhile.
        const applying = replica.applyBlock(input)
        for (const ahead of inputs.slice(i + 1, i + 1 + PREFETCH)) replica.prefetch(ahead.txs)
        const result = await applying
        if (!result.valid) throw new Error(`block ${input.number} refused: ${result.reason}`)
        if (!equalsBytes(result.sealed.hash, hashes[i]!)) throw new Error(`block ${input.number}: hash differs from the sequencer's`)
      }
    } finally {
      await replica.stop()
    }
    const seconds = (performance.now() - started) / 1000
    const replayCpuSeconds = cpuSeconds(process.cpuUsage(cpu))
    const replayMainEnd = mainThreadCpuSeconds()
    await profiler?.()
    const tps = sealedTxs / seconds
    process.stdout.write(
      `replay (createReplica.applyBlock, data on disk): ${inputs.length} blocks in ${seconds.toFixed(2)} s = ${(inputs.length / seconds).toFixed(1)} blocks/s, ${fmt(tps)} tx/s (deposits not counted); CPU ${replayCpuSeconds.toFixed(2)} s (workers included) = ${fmt(sealedTxs / replayCpuSeconds)} tx per CPU-second${perMain(sealedTxs, replayMain, replayMainEnd)}\n`,
    )
    // What an idle machine would do: 1 s blocks cap the sequencer at one block gas limit of work per
    // second; the replay is bound by its main thread (the workers' checks run on the other cores).
    const gasLimit = BigInt(genesisJSON.gasLimit)
    const cappedSeconds = Number((gasUsed + gasLimit - 1n) / gasLimit)
    if (replayMain !== undefined && replayMainEnd !== undefined) {
      const projected = sealedTxs / (replayMainEnd - replayMain)
      const ceiling = sealedTxs / cappedSeconds
      process.stdout.write(
        `projection for an idle machine: 1 s blocks of ${gasLimit} gas hold this chain's ${gasUsed} gas in ≥ ${cappedSeconds} s, so the sequencer sustains ≤ ${fmt(ceiling)} tx/s; replay bound by its main thread: ${fmt(projected)} tx/s = ${(projected / ceiling).toFixed(2)}x\n`,
      )
    }
    const mainRatio =
      seqMain === undefined || seqMainEnd === undefined || replayMain === undefined || replayMainEnd === undefined
        ? ''
        : `, ${((seqMainEnd - seqMain) / (replayMainEnd - replayMain)).toFixed(2)}x main-thread CPU`
    process.stdout.write(
      `replay / sequencer: ${(tps / seqTps).toFixed(2)}x wall clock, ${(seqCpuSeconds / replayCpuSeconds).toFixed(2)}x total CPU${mainRatio} (goal ≥ 3x); ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`,
    )
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

await main()
