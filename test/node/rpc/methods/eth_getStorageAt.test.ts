import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { encodeAbiParameters, keccak256, pad, toHex } from 'viem'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

// Token storage layout: balanceOf = slot 0, allowance = slot 1, totalSupply = slot 2.
describe('eth_getStorageAt', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('reads plain and mapping slots, at latest and at older blocks', async () => {
    const url = chain.node.rpcUrl
    assert.equal(await call(url, 'eth_getStorageAt', [chain.token.address, '0x2', 'latest']), pad(toHex(1000n)))
    assert.equal(await call(url, 'eth_getStorageAt', [chain.token.address, pad('0x2')]), pad(toHex(1000n)))
    const slotOf = (holder: `0x${string}`) => keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [holder, 0n]))
    const recipient = chain.node.accounts[1]!.address
    assert.equal(await call(url, 'eth_getStorageAt', [chain.token.address, slotOf(recipient), 'latest']), pad(toHex(25n)))
    assert.equal(await call(url, 'eth_getStorageAt', [chain.token.address, slotOf(recipient), '0x1']), pad('0x0'))
    assert.equal(await call(url, 'eth_getStorageAt', ['0xc1cadaffffffffffffffffffffffffffffffffff', '0x0', 'latest']), pad('0x0'))
  })

  it('refuses bad storage keys with geth\'s messages', async () => {
    const url = chain.node.rpcUrl
    const long = `0x${'0'.repeat(65)}`
    assert.deepEqual(await callError(url, 'eth_getStorageAt', [chain.token.address, long, 'latest']), {
      code: -32602,
      message: `storage key too long (want at most 32 bytes): "${long}"`,
    })
    assert.deepEqual(await callError(url, 'eth_getStorageAt', [chain.token.address, '0xasdf', 'latest']), { code: -32602, message: 'invalid hex in storage key: "0xasdf"' })
  })
})
