/**
 * Issue 6, e2e: a verifier started after the dev stack has run for a while derives the chain from
 * NoM alone (anchor deposits + the batcher's frames) and reaches the sequencer's blocks exactly
 * (hashes, so state roots too), judges every commitment correct, and serves the same reads. A
 * restart on the same data dir re-reads NoM over the stored blocks without executing them again.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex } from '@ethereumjs/util'
import { createWalletClient, http, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createConfig } from '../../node/config.ts'
import type { SealedBlock } from '../../node/backend.ts'
import { createReplica, type Replica } from '../../node/replay/createReplica.ts'
import { silentLogger, type LogEvent } from '../../node/log.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { createVerifier, type Verifier } from '../../bridge/verifier/createVerifier.ts'
import { jsonRpc, startTestStack } from '../helpers/stack.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(50)
  }
}

test('a verifier started after a run reaches the sequencer\'s blocks, state roots and output roots; a restart resumes without re-executing', async () => {
  const t = await startTestStack({ blockTimeMs: 200 })
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-verifier-'))
  let replica: Replica | undefined
  let verifier: Verifier | undefined
  try {
    const chainId = t.stack.chainId
    const recipient: Hex = '0x00000000000000000000000000000000000b0b01'
    const deposit = await t.depositOnNoM(t.roles.user, ZNN_ZTS, 123_456_789n, recipient)
    await t.waitForL2Receipt(deposit.l2TxHash)
    const chain = { id: Number(chainId), name: 'nomx', nativeCurrency: { name: 'ZNN', symbol: 'ZNN', decimals: 18 }, rpcUrls: { default: { http: [t.stack.urls.l2Http] } } }
    const hashes: Hex[] = []
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        t.l2Keys.slice(0, 3).map(async (key, i) => {
          const wallet = createWalletClient({ account: privateKeyToAccount(key), chain, transport: http(t.stack.urls.l2Http) })
          hashes.push(await wallet.sendTransaction({ to: `0x00000000000000000000000000000000000b0b1${i}`, value: BigInt(round + 1) * 10n ** 15n }))
        }),
      )
    }
    const receipts = await Promise.all(hashes.map((h) => t.waitForL2Receipt(h)))
    const lastTxBlock = receipts.reduce((m, r) => (BigInt(r.blockNumber) > m ? BigInt(r.blockNumber) : m), 0n)
    const commitment = await t.waitForCommitment(lastTxBlock, 40_000)
    const committedBlock = BigInt(commitment.l2BlockNumber)

    const config = createConfig({ dataDir, rpc: { host: '127.0.0.1', port: 0 } })
    const logs: LogEvent[] = []
    const log = (e: LogEvent) => logs.push(e)
    replica = await createReplica(config, { log: silentLogger })
    await replica.start()
    // a loaded machine may delay the proposer: only alerts about the data itself are asserted
    verifier = createVerifier({ client: t.stack.nomClient, chainId, replica, log, pollMs: 50, progressEveryMs: 0, alerts: { noCommitmentMomentums: 100_000n } })
    const started = performance.now()
    await verifier.start()
    const v = verifier
    await until('the verifier to judge the commitment covering the last tx', 40_000, () =>
      v.status().commitments.find((c) => c.l2BlockNumber === committedBlock),
    )
    const seconds = (performance.now() - started) / 1000
    const status = v.status()
    assert.equal(status.halted, undefined)
    assert.ok(status.commitments.length >= 1)
    for (const c of status.commitments) assert.equal(c.verdict, 'correct', `commitment ${c.index}: ${c.reason}`)
    assert.deepEqual(status.alerts, [])
    assert.ok(status.head >= committedBlock)

    // Block by block the same as the sequencer's (the hash covers state root, receipts and txs).
    for (let n = 1n; n <= status.head; n++) {
      const ours: SealedBlock | undefined = await replica.chain.getBlockByNumber(n)
      const theirs: SealedBlock | undefined = await t.stack.node.chain.getBlockByNumber(n)
      assert.equal(bytesToHex(ours!.hash), bytesToHex(theirs!.hash), `block ${n}`)
    }
    const at = `0x${status.head.toString(16)}`
    for (const address of [recipient, '0x00000000000000000000000000000000000b0b10', '0x00000000000000000000000000000000000b0b12']) {
      assert.equal(await jsonRpc(replica.rpcUrl, 'eth_getBalance', [address, at]), await jsonRpc(t.stack.urls.l2Http, 'eth_getBalance', [address, at]))
    }
    assert.ok(logs.some((e) => e.msg === 'progress'), 'progress is logged')
    const blocksDone = replica.progress().blocks
    console.log(`verifier caught up ${status.head} blocks (${blocksDone} executed) in ${seconds.toFixed(2)} s`)

    // Restart: same data dir, continues after its last checkpoint, executes only what is new.
    await verifier.stop()
    await replica.stop()
    const storedHead = status.head
    replica = await createReplica(config, { log: silentLogger })
    verifier = createVerifier({ client: t.stack.nomClient, chainId, replica, log: silentLogger, pollMs: 50 })
    await verifier.start()
    const again = verifier
    await until('the restarted verifier to judge the same commitment', 40_000, () => again.status().commitments.find((c) => c.l2BlockNumber === committedBlock))
    assert.ok(again.status().head >= storedHead)
    assert.ok(replica.progress().blocks <= Number(again.status().head - storedHead), 'stored blocks are not executed again')
    for (const c of again.status().commitments) assert.equal(c.verdict, 'correct')
  } finally {
    await verifier?.stop()
    await replica?.stop()
    await t.stack.batcher.stop()
    await t.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
})
