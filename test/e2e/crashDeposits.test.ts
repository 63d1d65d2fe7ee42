/**
 * Issue 5, e2e: kill -9 of the dev stack (one process: NoM devnet, watcher, sequencer) between a
 * deposit on NoM and its inclusion on L2. After a restart on the same data dir every deposit is in
 * the L2 chain exactly once, in index order, with exact balances.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex } from '@ethereumjs/util'
import type { Hex } from 'viem'
import { bridgedTokenAddress } from '../../contracts/l2/bridgedTokenAddress.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../nom/constants.ts'
import { createNoMClient } from '../../nom/rpc/client.ts'
import { depositOnAnchor, jsonRpc, nomRoles, spawnDevStack } from '../helpers/stack.ts'

const CHAIN_ID = 73404n
// Deposits wait 15 momentums (1.5 s) before the watcher may take them: the kill lands in that gap.
const ARGS = ['--deposit-confirmations', '15', '--sequencing-window', '200']

async function receipt(url: string, hash: Hex, timeoutMs = 20_000): Promise<Record<string, string>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const r = await jsonRpc<Record<string, string> | null>(url, 'eth_getTransactionReceipt', [hash])
    if (r !== null) return r
    if (Date.now() > deadline) throw new Error(`no receipt for ${hash}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

test('kill -9 between deposit and inclusion: after restart every deposit is included once, in order, amounts exact', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-crash-deposits-'))
  const user = nomRoles().user
  const r1: Hex = '0x00000000000000000000000000000000000000d1'
  const r2: Hex = '0x00000000000000000000000000000000000000d2'
  let running = await spawnDevStack({ dataDir, reset: true, args: ARGS })
  try {
    let client = createNoMClient({ url: running.urls.nomHttp })
    const a = await depositOnAnchor(client, CHAIN_ID, user, ZNN_ZTS, 100_000_000n, r1)
    assert.equal((await receipt(running.urls.l2Http, a.l2TxHash)).status, '0x1')

    const b = await depositOnAnchor(client, CHAIN_ID, user, ZNN_ZTS, 200_000_000n, r2)
    const c = await depositOnAnchor(client, CHAIN_ID, user, QSR_ZTS, 300_000_000n, r2)
    assert.equal(await jsonRpc(running.urls.l2Http, 'eth_getTransactionReceipt', [b.l2TxHash]), null)
    await client.close()
    await running.kill9()

    running = await spawnDevStack({ dataDir, args: ARGS })
    client = createNoMClient({ url: running.urls.nomHttp })
    const url = running.urls.l2Http
    const rb = await receipt(url, b.l2TxHash)
    const rc = await receipt(url, c.l2TxHash)
    assert.equal(rb.status, '0x1')
    assert.equal(rc.status, '0x1')
    assert.ok(BigInt(rb.blockNumber!) < BigInt(rc.blockNumber!) || (rb.blockNumber === rc.blockNumber && BigInt(rb.transactionIndex!) < BigInt(rc.transactionIndex!)))
    assert.equal(BigInt(await jsonRpc(url, 'eth_getBalance', [r1, 'latest'])), 100_000_000n * 10n ** 10n)
    assert.equal(BigInt(await jsonRpc(url, 'eth_getBalance', [r2, 'latest'])), 200_000_000n * 10n ** 10n)
    const qsrToken = bytesToHex(bridgedTokenAddress(QSR_ZTS))
    const balanceOf = `0x70a08231${r2.slice(2).padStart(64, '0')}`
    assert.equal(BigInt(await jsonRpc(url, 'eth_call', [{ to: qsrToken, data: balanceOf }, 'latest'])), 300_000_000n)

    // Every user deposit in the chain exactly once, in index order.
    const head = BigInt(await jsonRpc(url, 'eth_blockNumber'))
    const seen: string[] = []
    for (let n = 0n; n <= head; n++) {
      const block = await jsonRpc<{ transactions: { hash: string; type: string; to: string }[] }>(url, 'eth_getBlockByNumber', [`0x${n.toString(16)}`, true])
      for (const tx of block.transactions) if (tx.type === '0x7e' && tx.to !== '0x4200000000000000000000000000000000000015') seen.push(tx.hash)
    }
    assert.deepEqual(seen, [a.l2TxHash, b.l2TxHash, c.l2TxHash])
    await client.close()
  } finally {
    await running.kill9()
    await rm(dataDir, { recursive: true, force: true })
  }
})
