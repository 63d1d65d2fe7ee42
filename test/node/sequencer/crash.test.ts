/**
 * Crash safety: a real `nomx node` process under load is SIGKILLed while it seals blocks; after a
 * restart every tx whose hash was returned is either mined or still pending, and the store is
 * consistent (head block, its receipts, its state root readable, every canonical block present).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTx } from '@ethereumjs/tx'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { startTestNode } from '../../helpers/node.ts'
import { deriveDevAccounts } from '../../../node/genesis/deriveDevAccounts.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'

const common = createChainCommon({ chainId: 73404n })
const SENDERS = 5
const PER_SENDER = 150
const BATCH = 25

function startProcess(configFile: string) {
  const child = spawn(process.execPath, ['bin/nomx.js', 'node', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] })
  const url = new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /JSON-RPC on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match) resolve(match[1] as string)
    })
    child.once('exit', (code) => reject(new Error(`node exited early with ${code}: ${out} ${err}`)))
  })
  let err = ''
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  return { child, url }
}

test('SIGKILL while sealing under load: every returned hash is mined or pending, store consistent', async (ctx) => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-crash-'))
  const dataDir = join(dir, 'data')
  const configFile = join(dir, 'node.json')
  await writeFile(configFile, JSON.stringify({ dataDir, blockTimeMs: 100, rpc: { port: 0 }, txpool: { maxPerSender: 1000 } }))
  const accounts = deriveDevAccounts('test test test test test test test test test test test junk', SENDERS)
  const raws: Uint8Array[][] = accounts.map((account) =>
    Array.from({ length: PER_SENDER }, (_, i) =>
      createTx(
        { type: 2, nonce: BigInt(i), maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 1n, gasLimit: 21_000n, to: hexToBytes('0x000000000000000000000000000000000000dead'), value: 1n },
        { common },
      )
        .sign(account.privateKey)
        .serialize(),
    ),
  )
  const { child, url } = startProcess(configFile)
  const accepted: string[] = []
  try {
    const rpc = await url
    let id = 0
    let killed = false
    const killAt = Date.now() + 1_200
    for (let start = 0; start < PER_SENDER && !killed; start += BATCH) {
      const batch = raws.flatMap((list) => list.slice(start, start + BATCH)).map((raw) => ({
        jsonrpc: '2.0',
        id: id++,
        method: 'eth_sendRawTransaction',
        params: [bytesToHex(raw)],
      }))
      const response = await fetch(rpc, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) })
      const results = (await response.json()) as { result?: string; error?: { message: string } }[]
      for (const r of results) if (typeof r.result === 'string') accepted.push(r.result)
      if (Date.now() >= killAt) {
        child.kill('SIGKILL')
        killed = true
      }
    }
    if (!killed) child.kill('SIGKILL')
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)))
    assert.equal(child.signalCode, 'SIGKILL')
    assert.ok(accepted.length > 0, 'some txs were accepted before the kill')

    const t = await startTestNode({ dataDir, blockTimeMs: 60_000, config: { txpool: { maxPerSender: 1000 } } })
    try {
      const { chain, txpool } = t.node.backend
      const head = chain.head()
      assert.ok(head.block.header.number > 0n, 'blocks were sealed before the kill')
      let mined = 0
      for (const hash of accepted) {
        const location = await chain.getTransactionLocation(hexToBytes(hash as `0x${string}`))
        if (location !== undefined) {
          assert.ok(location.blockNumber <= head.block.header.number)
          mined++
        } else {
          assert.ok(txpool.get(hexToBytes(hash as `0x${string}`)), `tx ${hash} is neither mined nor pending`)
        }
      }
      assert.ok(mined > 0, 'some txs were mined')
      ctx.diagnostic(`accepted ${accepted.length}, mined ${mined}, pending ${txpool.status().pending}, head ${head.block.header.number}`)
      // Store consistency: every canonical block with its receipts, head state readable.
      let minedInBlocks = 0
      for (let n = 0n; n <= head.block.header.number; n++) {
        const block = await chain.getBlockByNumber(n)
        assert.ok(block, `block ${n}`)
        const receipts = await chain.getReceipts(block.hash)
        assert.equal(receipts?.length, block.block.transactions.length)
        minedInBlocks += block.block.transactions.length
      }
      const state = await t.node.backend.stateAt(head.block.header)
      let nonces = 0n
      for (const account of accounts) nonces += (await state.getAccount(account.address))?.nonce ?? 0n
      assert.equal(nonces, BigInt(minedInBlocks), 'head state agrees with the mined txs')
      // And the node goes on: pending txs get mined.
      const before = txpool.status().pending
      if (before > 0) {
        const sealed = await t.node.sealBlock()
        assert.ok(sealed.block.transactions.length > 0)
      }
    } finally {
      await t.stop({ keepData: true })
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  }
})
