/**
 * End to end: a NoM devnet with the anchor (fast momentums), the deposit watcher, and a real L2 node
 * (automine, dev genesis) taking the watcher as its deposit source. A ZNN deposit on NoM becomes
 * native balance × 10^10 on L2; a QSR deposit becomes ERC-20 balance through the token bridge.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, http, parseAbi, type Hex, type TransactionReceipt } from 'viem'
import { COIN, QSR_ZTS } from '../../../nom/constants.ts'
import { toHex } from '../../../nom/hash.ts'
import { createConfig } from '../../../node/config.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode, type Node } from '../../../node/node.ts'
import { depositTxHash } from '../../../node/deposits/depositTx.ts'
import { bridgedTokenAddress } from '../../../contracts/l2/bridgedTokenAddress.ts'
import { createDepositWatcher, type DepositWatcher } from '../../../bridge/deposits/createDepositWatcher.ts'
import { startDepositDevnet, type DepositDevnet } from './depositDevnet.ts'

/** genesis/dev.json's chain id. */
const CHAIN = 73_404n
const RECIPIENT = Uint8Array.from({ length: 20 }, (_, i) => 0xc0 + i)
const hex = (b: Uint8Array) => `0x${toHex(b)}` as Hex
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

test('a ZNN deposit on NoM is native balance × 10^10 on L2, a QSR deposit ERC-20 balance; after a restart of node and watcher nothing is missed or minted twice', async () => {
  const dd: DepositDevnet = await startDepositDevnet({ momentumIntervalMs: 100 })
  const l2Dir = await mkdtemp(join(tmpdir(), 'nomx-deposit-watcher-l2-'))
  let watcher: DepositWatcher | undefined
  let node: Node | undefined
  try {
    await dd.createChain(CHAIN, 1n)
    const start = async () => {
      watcher = createDepositWatcher({ client: dd.watcherClient, chainId: CHAIN, dataDir: join(l2Dir, 'bridge', 'deposits'), pollMs: 50, log: () => {} })
      const config = createConfig({ dataDir: join(l2Dir, 'l2'), blockTimeMs: 0, rpc: { host: '127.0.0.1', port: 0 } })
      node = await createNode(config, { log: silentLogger, deposits: { source: watcher } })
      await node.start()
      await watcher.start()
      return { w: watcher, l2: createPublicClient({ transport: http(node.rpcUrl) }) }
    }
    const waitFor = async (what: string, check: () => Promise<boolean>) => {
      const deadline = Date.now() + 20_000
      while (!(await check())) {
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what} (watcher ${JSON.stringify(watcher?.status(), (_, v) => (typeof v === 'bigint' ? v.toString() : v))})`)
        await sleep(50)
      }
    }
    let { w, l2 } = await start()

    await dd.deposit(CHAIN, RECIPIENT, 5n * COIN)
    await dd.deposit(CHAIN, RECIPIENT, 2n * COIN, QSR_ZTS)
    const want = 5n * COIN * 10n ** 10n
    // the two sends may be confirmed in different momentums: wait for both deposits and the ZNN balance
    await waitFor('both deposits on L2', async () => w.status().knownDeposits >= 2n && (await l2.getBalance({ address: hex(RECIPIENT) })) === want)
    const znn = (await w.deposit(1n))!
    const qsr = (await w.deposit(2n))!
    assert.equal(znn.record.amount, 5n * COIN)
    assert.equal(qsr.record.amount, 2n * COIN)
    const receipts: TransactionReceipt[] = []
    for (const d of [znn, qsr]) {
      let receipt: TransactionReceipt | undefined
      for (let i = 0; receipt === undefined; i++) {
        receipt = await l2.getTransactionReceipt({ hash: hex(depositTxHash(d.tx)) }).catch(() => undefined)
        if (receipt === undefined) {
          if (i > 200) assert.fail(`no receipt for deposit ${d.record.index}`)
          await sleep(50)
        }
      }
      assert.equal(receipt.status, 'success', `deposit ${d.record.index}`)
      receipts.push(receipt)
    }
    const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)', 'function symbol() view returns (string)'])
    const token = hex(bridgedTokenAddress(QSR_ZTS))
    assert.equal(await l2.readContract({ address: token, abi: erc20, functionName: 'balanceOf', args: [hex(RECIPIENT)] }), 2n * COIN)
    assert.equal(await l2.readContract({ address: token, abi: erc20, functionName: 'symbol' }), 'QSR')
    // the block that took a deposit has an origin (NoMInfo, written first in the block) at or after its momentum
    const nomInfo = parseAbi(['function height() view returns (uint64)', 'function hash() view returns (bytes32)'])
    const NOM_INFO = '0x4200000000000000000000000000000000000015'
    for (const [i, d] of [znn, qsr].entries()) {
      const blockNumber: bigint = receipts[i]!.blockNumber
      const originHeight: bigint = await l2.readContract({ address: NOM_INFO, abi: nomInfo, functionName: 'height', blockNumber })
      assert.ok(originHeight >= d.record.momentumHeight, `deposit ${d.record.index}: origin ${originHeight} < momentum ${d.record.momentumHeight}`)
      const originHash = await l2.readContract({ address: NOM_INFO, abi: nomInfo, functionName: 'hash', blockNumber })
      assert.equal(originHash, hex((await dd.client.getMomentumsByHeight(originHeight, 1n)).list[0]!.hash))
    }

    // both stopped; a deposit made meanwhile; restarted on the same data: it arrives once, nothing is minted twice
    await node!.stop()
    await w.stop()
    await dd.deposit(CHAIN, RECIPIENT, 1n * COIN)
    ;({ w, l2 } = await start())
    const total = 6n * COIN * 10n ** 10n
    await waitFor('the deposit made while stopped', async () => (await l2.getBalance({ address: hex(RECIPIENT) })) === total)
    await sleep(300) // more momentums, more blocks: still exactly once
    assert.equal(await l2.getBalance({ address: hex(RECIPIENT) }), total)
    assert.equal(w.status().knownDeposits, 3n)
    assert.equal(await l2.readContract({ address: token, abi: erc20, functionName: 'balanceOf', args: [hex(RECIPIENT)] }), 2n * COIN)
  } finally {
    await node?.stop()
    await watcher?.stop()
    await dd.stop()
    await rm(l2Dir, { recursive: true, force: true })
  }
})
