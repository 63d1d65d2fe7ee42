/** The system deposit against the real NoMInfo predeploy of genesis/dev.json, read back with viem. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { createPublicClient, http, type Hex } from 'viem'
import { NOM_INFO_ADDRESS, DEPOSITOR_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { NoMInfo } from '../../../contracts/l2/artifacts.ts'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import type { DepositSource, OriginMomentum } from '../../../node/deposits/depositSource.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode } from '../../../node/node.ts'

test('every block opens with the system deposit; NoMInfo holds the origin (dev genesis predeploy)', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-nominfo-'))
  const origins: OriginMomentum[] = [
    { height: 7n, hash: hexToBytes(`0x${'07'.repeat(32)}`), timestamp: 1_760_000_070n },
    { height: 9n, hash: hexToBytes(`0x${'09'.repeat(32)}`), timestamp: 1_760_000_090n },
  ]
  let current = origins[0]!
  const source: DepositSource = { next: async () => ({ origin: current, deposits: [] }) }
  const node = await createNode(createConfig({ dataDir, genesis: DEV_GENESIS_PATH, blockTimeMs: 3_600_000, rpc: { host: '127.0.0.1', port: 0 } }), {
    log: silentLogger,
    deposits: { source },
  })
  try {
    await node.start()
    const client = createPublicClient({ transport: http(node.rpcUrl) })
    const read = async () => {
      const [height, hash, timestamp, sequenceNumber] = await Promise.all(
        (['height', 'hash', 'timestamp', 'sequenceNumber'] as const).map((functionName) => client.readContract({ address: NOM_INFO_ADDRESS, abi: NoMInfo.abi, functionName })),
      )
      return { height, hash, timestamp, sequenceNumber }
    }
    await node.sealBlock()
    await node.sealBlock()
    assert.deepEqual(await read(), { height: 7n, hash: bytesToHex(origins[0]!.hash), timestamp: 1_760_000_070n, sequenceNumber: 1n })
    current = origins[1]!
    const sealed = await node.sealBlock()
    assert.deepEqual(await read(), { height: 9n, hash: bytesToHex(origins[1]!.hash), timestamp: 1_760_000_090n, sequenceNumber: 0n })

    const block = await client.getBlock({ blockNumber: sealed.block.header.number })
    assert.equal(block.transactions.length, 1)
    const receipt = await client.getTransactionReceipt({ hash: block.transactions[0] as Hex })
    assert.equal(receipt.status, 'success')
    assert.equal(receipt.from, DEPOSITOR_ADDRESS)
    assert.equal(receipt.to, NOM_INFO_ADDRESS)
    assert.ok(receipt.gasUsed > 21_000n && receipt.gasUsed < 1_000_000n, `gasUsed ${receipt.gasUsed}`)
    assert.equal(block.gasUsed, receipt.gasUsed)
    assert.equal(await client.getTransactionCount({ address: DEPOSITOR_ADDRESS }), 3)
    assert.equal(await client.getBalance({ address: DEPOSITOR_ADDRESS }), 0n)

    // an origin ahead of the clock: the block takes the origin's timestamp, never older than it
    const ahead = BigInt(Math.floor(Date.now() / 1000)) + 3_600n
    current = { height: 10n, hash: hexToBytes(`0x${'0a'.repeat(32)}`), timestamp: ahead }
    assert.equal((await node.sealBlock()).block.header.timestamp, ahead)
    assert.equal((await node.sealBlock()).block.header.timestamp, ahead + 1n)
  } finally {
    await node.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
})
