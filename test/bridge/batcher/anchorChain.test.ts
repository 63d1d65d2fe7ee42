import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatAddress } from '../../../nom/address.ts'
import { startAnchorChain } from '../../helpers/anchorChain.ts'

test('startAnchorChain: chain created, proposer bonded, two batchers with plasma', async () => {
  const ac = await startAnchorChain({ batcherIndices: [9, 10] })
  try {
    const chain = await ac.anchor('getChain', [ac.chainId.toString()])
    assert.equal(chain.proposer, formatAddress(ac.roles.proposer.address))
    const bond = await ac.anchor('getBond', [ac.chainId.toString(), formatAddress(ac.roles.proposer.address)])
    assert.equal(BigInt(bond.amount), ac.chain.proposerBond)
    for (const batcher of ac.roles.batchers) {
      const plasma = await ac.client.getPlasma(batcher.address)
      assert.equal(plasma.qsrAmount, 5_000n * 100_000_000n)
    }
  } finally {
    await ac.stop()
  }
})
