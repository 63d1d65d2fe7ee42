/**
 * `npm run bench`: end-to-end throughput of a real `nomx node` process (data on disk), driven over
 * JSON-RPC with raw fetch so the client is not the bottleneck.
 *
 * Per block mode (1 s blocks, automine) and gas limit: 2,000 pre-signed ETH transfers and 2,000
 * ERC-20 transfers from 10 senders, sent as JSON-RPC batches of 100, timed from the first send until
 * every receipt exists. With 1 s blocks a burst's time depends on where in the block interval it
 * starts (it waits for the next tick), so each kind is sent as BURSTS bursts of 2,000 started at
 * evenly spaced points of the interval after a block; the rate is 2,000 over the mean burst time,
 * shown with the slowest and fastest burst's. Then eth_call (ERC-20 balanceOf) p50 latency and eth_getBalance req/s at
 * concurrency 16; and the node's peak RSS. The node runs with its default config (tx pool limits
 * included); only the gas limit differs per scenario, through the bench's own copy of the genesis
 * (the dev default, and 150M). A last row sends 10,000 ETH transfers with 1 s blocks: the sustained
 * rate, which the wait for the first block tick weighs on less than in a 2,000-transfer burst.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Session } from 'node:inspector/promises'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTx } from '@ethereumjs/tx'
import { bigIntToUnpaddedBytes, bytesToHex, generateAddress, hexToBytes } from '@ethereumjs/util'
import { encodeDeployData, encodeFunctionData } from 'viem'
import { compileToken } from '../test/fixtures/contracts/compile.ts'
import { createConfig, DEV_GENESIS_PATH } from '../node/config.ts'
import { silentLogger } from '../node/log.ts'
import { createNode } from '../node/node.ts'
import { createChainCommon } from '../node/execution/chainCommon.ts'
import { deriveDevAccounts, type DevAccount } from '../node/genesis/deriveDevAccounts.ts'

const SENDERS = 10
const TRANSFERS = 2_000
/** Bursts of TRANSFERS per kind with 1 s blocks, started across the block interval (automine and the sustained row send one). */
const BURSTS = 5
const SUSTAINED_TRANSFERS = 10_000
const BATCH = 100
const CONCURRENCY = 16
const CALLS = 2_000
const BALANCE_READS = 5_000
const MAX_FEE = 100n * 10n ** 9n
const common = createChainCommon({ chainId: 73404n })

interface Scenario {
  name: string
  blockTimeMs: number
  gasLimit: bigint
  /** ETH transfers sent (and ERC-20 transfers, when `full`). */
  transfers: number
  /** Also the ERC-20 transfers, eth_call and eth_getBalance; else ETH transfers only. */
  full: boolean
  /** Bursts of `transfers` per kind, started evenly across the block interval. */
  bursts: number
}

/** Transfers per second over the mean burst time, and the slowest and fastest burst's rate. */
interface Rate {
  mean: number
  min: number
  max: number
}

interface Result {
  scenario: Scenario
  ethTps: Rate
  erc20Tps?: Rate
  /** Node-process CPU per transfer (user + system), from admission to sealing: a load-independent cost. */
  ethCpuMs: number
  erc20CpuMs?: number
  callP50Ms?: number
  balanceRps?: number
  peakRssMB: number
  blocks: number
}

interface RPCResponse {
  id: number
  result?: unknown
  error?: { code: number; message: string }
}

let nextId = 1

/**
 * POSTs a JSON-RPC body. Retries once when a kept-alive socket was closed by the server while the
 * client was busy (undici reuses idle sockets the server's 5 s keep-alive timeout already ended).
 */
async function post(url: string, body: string): Promise<unknown> {
  const send = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  let response: Response
  try {
    response = await send()
  } catch {
    response = await send()
  }
  return response.json()
}

async function rpcBatch(url: string, calls: { method: string; params: unknown[] }[]): Promise<RPCResponse[]> {
  const body = calls.map((c) => ({ jsonrpc: '2.0', id: nextId++, method: c.method, params: c.params }))
  const results = (await post(url, JSON.stringify(body))) as RPCResponse[]
  const byId = new Map(results.map((r) => [r.id, r]))
  return body.map((b) => byId.get(b.id) as RPCResponse)
}

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const json = (await post(url, JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }))) as RPCResponse
  if (json.error) throw new Error(`${method}: ${json.error.message}`)
  return json.result
}

function sign(account: DevAccount, nonce: bigint, to: Uint8Array, data: Uint8Array, gasLimit: bigint, value = 0n): Uint8Array {
  return createTx({ type: 2, nonce, maxFeePerGas: MAX_FEE, maxPriorityFeePerGas: 1n, gasLimit, to, value, data }, { common })
    .sign(account.privateKey)
    .serialize()
}

/** Interleaves senders so each batch holds several txs of each sender, in nonce order. */
function interleave(perSender: Uint8Array[][]): Uint8Array[] {
  const out: Uint8Array[] = []
  const longest = Math.max(...perSender.map((l) => l.length))
  for (let i = 0; i < longest; i++) for (const list of perSender) if (list[i] !== undefined) out.push(list[i] as Uint8Array)
  return out
}

/** Hashes whose receipt is still missing (checked in batches of BATCH). Throws on a failed tx. */
async function missingReceipts(url: string, hashes: string[]): Promise<string[]> {
  const missing: string[] = []
  for (let i = 0; i < hashes.length; i += BATCH) {
    const chunk = hashes.slice(i, i + BATCH)
    const results = await rpcBatch(url, chunk.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })))
    results.forEach((r, j) => {
      if (r.result === null || r.result === undefined) missing.push(chunk[j] as string)
      else if ((r.result as { status: string }).status !== '0x1') throw new Error(`tx ${chunk[j]} failed`)
    })
  }
  return missing
}

/**
 * Sends all raw txs in batches of BATCH, then waits until every receipt exists; returns seconds.
 * While waiting it polls only each sender's last tx (nonce order: once it is mined, so are the
 * sender's earlier ones), so polling does not load the node; then it checks every receipt.
 */
async function sendAndWait(url: string, raws: Uint8Array[], lastOfSender: Set<number>): Promise<number> {
  const started = performance.now()
  const hashes: string[] = []
  for (let i = 0; i < raws.length; i += BATCH) {
    const results = await rpcBatch(url, raws.slice(i, i + BATCH).map((raw) => ({ method: 'eth_sendRawTransaction', params: [bytesToHex(raw)] })))
    for (const r of results) {
      if (r.error) throw new Error(`eth_sendRawTransaction: ${r.error.message}`)
      hashes.push(r.result as string)
    }
  }
  let watched = hashes.filter((_, i) => lastOfSender.has(i))
  let missing = hashes
  for (;;) {
    watched = await missingReceipts(url, watched)
    if (watched.length === 0) {
      // Each sender's txs are mined in nonce order, so every receipt existed when the last ones
      // did: the clock stops here, and the check of all receipts (and their status) is not timed.
      const allMinedAt = performance.now()
      missing = await missingReceipts(url, missing)
      if (missing.length === 0) return (allMinedAt - started) / 1000
      watched = missing
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Resolves just after the node's next block appears (polling eth_blockNumber every 5 ms). */
async function nextBlock(url: string): Promise<void> {
  const start = await rpc(url, 'eth_blockNumber', [])
  while ((await rpc(url, 'eth_blockNumber', [])) === start) await new Promise((resolve) => setTimeout(resolve, 5))
}

/**
 * Sends the bursts one after another; the rate over the mean burst time. With a block time, burst k
 * of n starts k/n of a block time after a block appeared, so together they sample the whole block
 * interval evenly (a burst waits for the next tick, and how long depends on where it starts).
 */
async function sendBursts(url: string, bursts: Uint8Array[][], lastOfSender: Set<number>, blockTimeMs: number): Promise<Rate> {
  const seconds: number[] = []
  for (const [k, burst] of bursts.entries()) {
    if (blockTimeMs > 0) {
      await nextBlock(url)
      await new Promise((resolve) => setTimeout(resolve, (k / bursts.length) * blockTimeMs))
    }
    seconds.push(await sendAndWait(url, burst, lastOfSender))
  }
  const size = bursts[0]?.length ?? 0
  const mean = seconds.reduce((a, b) => a + b, 0) / seconds.length
  return { mean: size / mean, min: size / Math.max(...seconds), max: size / Math.min(...seconds) }
}

/** Indexes of each sender's last tx in an interleaved list. */
function lastIndexes(perSender: number[]): Set<number> {
  const total = perSender.reduce((a, b) => a + b, 0)
  const seen = new Set<number>()
  const out = new Set<number>()
  for (let i = total - 1; i >= 0; i--) {
    const sender = i % perSender.length
    if (!seen.has(sender)) {
      seen.add(sender)
      out.add(i)
    }
  }
  return out
}

async function concurrent(total: number, task: () => Promise<void>): Promise<void> {
  let started = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started < total) {
        started++
        await task()
      }
    }),
  )
}

/** Extra node.js flags for the node process, e.g. BENCH_NODE_FLAGS=--cpu-prof to profile it. */
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '')

function startNode(configFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeFlags, 'bin/nomx.js', 'node', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString()
    if (err.length > 20_000) err = err.slice(-10_000)
  })
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') process.stderr.write(`bench: node exited (${code ?? signal}):\n${err}\n`)
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /JSON-RPC on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match) resolve({ child, url: match[1] as string })
    })
    child.once('exit', (code) => reject(new Error(`node exited with ${code}: ${out}`)))
  })
}

/** CPU time (user + system) the process has used, in ms. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1000) / 100
}

async function peakRssMB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
  return kb / 1024
}

async function runScenario(scenario: Scenario, accounts: DevAccount[]): Promise<Result> {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-bench-'))
  const genesis = JSON.parse(await readFile(DEV_GENESIS_PATH, 'utf8')) as Record<string, unknown>
  genesis.gasLimit = `0x${scenario.gasLimit.toString(16)}`
  await writeFile(join(dir, 'genesis.json'), JSON.stringify(genesis))
  await writeFile(
    join(dir, 'node.json'),
    JSON.stringify({ dataDir: 'data', genesis: 'genesis.json', blockTimeMs: scenario.blockTimeMs, rpc: { port: 0 } }),
  )
  const { child, url } = await startNode(join(dir, 'node.json'))
  try {
    const transfers = scenario.transfers
    const perSender = transfers / SENDERS
    const token = compileToken()
    const deployer = accounts[0] as DevAccount
    const tokenAddress = generateAddress(deployer.address, bigIntToUnpaddedBytes(0n))

    // Setup (untimed): deploy the ERC-20 and give every sender tokens.
    const setup: Uint8Array[] = [
      createTx(
        { type: 2, nonce: 0n, maxFeePerGas: MAX_FEE, maxPriorityFeePerGas: 1n, gasLimit: 3_000_000n, data: hexToBytes(encodeDeployData({ abi: token.abi, bytecode: token.bytecode, args: [10n ** 30n] })) },
        { common },
      )
        .sign(deployer.privateKey)
        .serialize(),
      ...accounts.slice(1).map((a, i) =>
        sign(deployer, BigInt(i + 1), tokenAddress, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [bytesToHex(a.address), 10n ** 24n] } as never)), 100_000n),
      ),
    ]
    await sendAndWait(url, setup, new Set([setup.length - 1]))
    const nonceBase = accounts.map((_, i) => (i === 0 ? BigInt(setup.length) : 0n))

    const sink = (i: number) => hexToBytes(`0x${(0xb0000 + i).toString(16).padStart(40, '0')}`)
    const { bursts } = scenario
    // Burst b of a kind takes each sender's next perSender nonces (ETH bursts first, then ERC-20).
    const nonce = (s: number, kind: number, b: number, i: number) => (nonceBase[s] as bigint) + BigInt((kind * bursts + b) * perSender + i)
    const eth = Array.from({ length: bursts }, (_, b) =>
      interleave(accounts.map((a, s) => Array.from({ length: perSender }, (_, i) => sign(a, nonce(s, 0, b, i), sink(i), new Uint8Array(), 21_000n, 1n)))),
    )
    const erc20 = !scenario.full ? [] : Array.from({ length: bursts }, (_, b) =>
      interleave(
        accounts.map((a, s) =>
          Array.from({ length: perSender }, (_, i) =>
            sign(a, nonce(s, 1, b, i), tokenAddress, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [bytesToHex(sink(s * perSender + i)), 1n] } as never)), 100_000n),
          ),
        ),
      ),
    )
    const blocksBefore = BigInt((await rpc(url, 'eth_blockNumber', [])) as string)
    const pid = child.pid as number
    const cpu0 = await cpuMs(pid)
    const last = lastIndexes(accounts.map(() => perSender))
    const ethTps = await sendBursts(url, eth, last, scenario.blockTimeMs)
    const cpu1 = await cpuMs(pid)
    const ethResult = { scenario, ethTps, ethCpuMs: (cpu1 - cpu0) / (transfers * bursts) }
    if (!scenario.full) {
      const blocks = Number(BigInt((await rpc(url, 'eth_blockNumber', [])) as string) - blocksBefore)
      return { ...ethResult, peakRssMB: await peakRssMB(pid), blocks }
    }
    const erc20Tps = await sendBursts(url, erc20, last, scenario.blockTimeMs)
    const cpu2 = await cpuMs(pid)
    const blocks = Number(BigInt((await rpc(url, 'eth_blockNumber', [])) as string) - blocksBefore)

    const callData = encodeFunctionData({ abi: token.abi, functionName: 'balanceOf', args: [bytesToHex(accounts[1]!.address)] } as never)
    const latencies: number[] = []
    await concurrent(CALLS, async () => {
      const t0 = performance.now()
      await rpc(url, 'eth_call', [{ to: bytesToHex(tokenAddress), data: callData }, 'latest'])
      latencies.push(performance.now() - t0)
    })
    latencies.sort((a, b) => a - b)
    const balanceStarted = performance.now()
    await concurrent(BALANCE_READS, async () => {
      await rpc(url, 'eth_getBalance', [bytesToHex(accounts[2]!.address), 'latest'])
    })
    const balanceRps = BALANCE_READS / ((performance.now() - balanceStarted) / 1000)
    return {
      ...ethResult,
      erc20Tps,
      erc20CpuMs: (cpu2 - cpu1) / (transfers * bursts),
      callP50Ms: latencies[Math.floor(latencies.length / 2)] as number,
      balanceRps,
      peakRssMB: await peakRssMB(child.pid as number),
      blocks,
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    await rm(dir, { recursive: true, force: true })
  }
}

/** "mean (slowest–fastest)" over several bursts; the one rate of a single burst. */
function rate(r: Rate, bursts: number): string {
  return bursts === 1 ? r.mean.toFixed(0) : `${r.mean.toFixed(0)} (${r.min.toFixed(0)}–${r.max.toFixed(0)})`
}

function table(results: Result[]): string {
  const header = ['scenario', 'gas limit', 'transfers per burst', 'ETH transfers/s', 'ERC-20 transfers/s', 'node CPU ms/tx (ETH, ERC-20)', 'blocks', 'eth_call p50 ms', 'eth_getBalance req/s', 'peak RSS MB']
  const fixed = (n: number | undefined, digits: number) => (n === undefined ? '–' : n.toFixed(digits))
  const rows = results.map((r) => [
    r.scenario.name,
    `${r.scenario.gasLimit / 1_000_000n}M`,
    r.scenario.transfers.toLocaleString('en-US'),
    rate(r.ethTps, r.scenario.bursts),
    r.erc20Tps === undefined ? '–' : rate(r.erc20Tps, r.scenario.bursts),
    r.erc20CpuMs === undefined ? r.ethCpuMs.toFixed(2) : `${r.ethCpuMs.toFixed(2)}, ${r.erc20CpuMs.toFixed(2)}`,
    String(r.blocks),
    fixed(r.callP50Ms, 2),
    fixed(r.balanceRps, 0),
    r.peakRssMB.toFixed(0),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

/**
 * With BENCH_PROFILE_DIR set, a CPU profile of each in-process seal is written there
 * (`admit-ETH.cpuprofile`, `seal-ETH.cpuprofile`, …): only those phases, not the setup around them.
 */
async function startProfile(): Promise<{ stop(name: string): Promise<void> } | undefined> {
  const dir = process.env.BENCH_PROFILE_DIR
  if (dir === undefined || dir === '') return undefined
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 200 })
  await session.post('Profiler.start')
  return {
    async stop(name) {
      const { profile } = await session.post('Profiler.stop')
      await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile))
      session.disconnect()
    },
  }
}

/**
 * Admission and sealing alone, in-process: the 2,000 transfers are admitted straight into the pool
 * (batches of BATCH, as a JSON-RPC batch runs them), then one block is sealed (execution, one state
 * root, tries, the atomic level batch). Wall and CPU time of each.
 */
async function measureSealing(accounts: DevAccount[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-bench-seal-'))
  const genesis = JSON.parse(await readFile(DEV_GENESIS_PATH, 'utf8')) as Record<string, unknown>
  genesis.gasLimit = `0x${(300_000_000n).toString(16)}`
  await writeFile(join(dir, 'genesis.json'), JSON.stringify(genesis))
  const node = await createNode(
    createConfig({ dataDir: join(dir, 'data'), genesis: join(dir, 'genesis.json'), blockTimeMs: 3_600_000 }),
    { log: silentLogger },
  )
  try {
    const token = compileToken()
    const deployer = accounts[0] as DevAccount
    const tokenAddress = generateAddress(deployer.address, bigIntToUnpaddedBytes(0n))
    await node.backend.txpool.add(
      createTx({ type: 2, nonce: 0n, maxFeePerGas: MAX_FEE, maxPriorityFeePerGas: 1n, gasLimit: 3_000_000n, data: hexToBytes(encodeDeployData({ abi: token.abi, bytecode: token.bytecode, args: [10n ** 30n] })) }, { common })
        .sign(deployer.privateKey)
        .serialize(),
    )
    for (let i = 1; i < accounts.length; i++) {
      await node.backend.txpool.add(sign(deployer, BigInt(i), tokenAddress, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [bytesToHex(accounts[i]!.address), 10n ** 24n] } as never)), 100_000n))
    }
    await node.sealBlock()
    const perSender = TRANSFERS / SENDERS
    const rows: string[] = []
    for (const kind of ['ETH', 'ERC-20'] as const) {
      const raws: Uint8Array[][] = []
      for (let s = 0; s < accounts.length; s++) {
        const base = BigInt(s === 0 ? accounts.length : 0) + (kind === 'ERC-20' ? BigInt(perSender) : 0n)
        const own: Uint8Array[] = []
        for (let i = 0; i < perSender; i++) {
          const sink = hexToBytes(`0x${(0xc0000 + s * perSender + i).toString(16).padStart(40, '0')}`)
          own.push(
            kind === 'ETH'
              ? sign(accounts[s]!, base + BigInt(i), sink, new Uint8Array(), 21_000n, 1n)
              : sign(accounts[s]!, base + BigInt(i), tokenAddress, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [bytesToHex(sink), 1n] } as never)), 100_000n),
          )
        }
        raws.push(own)
      }
      // Admission as a JSON-RPC batch runs it: each batch's adds started in order, then awaited.
      const all = interleave(raws)
      const admitProfiler = await startProfile()
      const admitCpu0 = process.cpuUsage()
      const admitStart = performance.now()
      for (let i = 0; i < all.length; i += BATCH) await Promise.all(all.slice(i, i + BATCH).map((raw) => node.backend.txpool.add(raw)))
      const admitWall = performance.now() - admitStart
      const admitCpu = process.cpuUsage(admitCpu0)
      await admitProfiler?.stop(`admit-${kind}`)
      const profiler = await startProfile()
      const cpu0 = process.cpuUsage()
      const t0 = performance.now()
      const sealed = await node.sealBlock()
      const wall = performance.now() - t0
      const cpu = process.cpuUsage(cpu0)
      await profiler?.stop(`seal-${kind}`)
      const count = sealed.block.transactions.length
      rows.push(
        `| ${kind} | ${count} | ${admitWall.toFixed(0)} | ${((admitCpu.user + admitCpu.system) / 1000).toFixed(0)} | ${wall.toFixed(0)} | ${((cpu.user + cpu.system) / 1000).toFixed(0)} | ${((count / wall) * 1000).toFixed(0)} |`,
      )
    }
    return ['| in-process | txs | admission wall ms | admission CPU ms | sealing wall ms | sealing CPU ms | sealing txs/s |', '|---|---|---|---|---|---|---|', ...rows].join('\n')
  } finally {
    await node.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

const devGasLimit = BigInt((JSON.parse(await readFile(DEV_GENESIS_PATH, 'utf8')) as { gasLimit: string }).gasLimit)
const scenarios: Scenario[] = [
  { name: '1 s blocks', blockTimeMs: 1000, gasLimit: devGasLimit, transfers: TRANSFERS, full: true, bursts: BURSTS },
  { name: '1 s blocks', blockTimeMs: 1000, gasLimit: 150_000_000n, transfers: TRANSFERS, full: true, bursts: BURSTS },
  { name: 'automine', blockTimeMs: 0, gasLimit: devGasLimit, transfers: TRANSFERS, full: true, bursts: 1 },
  // A longer run: the rate the node keeps up once the wait for the first block tick is amortized
  // (a 2,000-transfer burst waits for the next 1 s tick, 0.5 s on average, and then for the seal).
  // 150M gas, so the block gas limit is not what it measures (30M caps 1 s blocks at 1,428/s).
  { name: '1 s blocks, sustained', blockTimeMs: 1000, gasLimit: 150_000_000n, transfers: SUSTAINED_TRANSFERS, full: false, bursts: 1 },
]
const only = process.argv.slice(2)
const accounts = deriveDevAccounts('test test test test test test test test test test test junk', SENDERS)
const results: Result[] = []
for (const scenario of scenarios) {
  if (only.length > 0 && !only.some((o) => `${scenario.name} ${scenario.gasLimit}`.includes(o))) continue
  process.stderr.write(`bench: ${scenario.name}, gas limit ${scenario.gasLimit}…\n`)
  results.push(await runScenario(scenario, accounts))
}
if (results.length > 0) console.log(table(results))
if (only.length === 0 || only.includes('sealing')) console.log(`\n${await measureSealing(accounts)}`)
const [load1] = (await readFile('/proc/loadavg', 'utf8')).split(' ')
console.log(`\n${TRANSFERS} transfers per burst from ${SENDERS} senders in batches of ${BATCH}; with 1 s blocks ${BURSTS} bursts per kind, started at 0, 1/${BURSTS}, … of the block interval: mean (slowest–fastest); eth_call/getBalance at concurrency ${CONCURRENCY}; load average ${load1} when done.`)
