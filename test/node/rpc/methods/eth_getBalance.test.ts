import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { sendValue, viemClients } from '../chain.ts'
import { call, callError } from '../client.ts'

const genesisBalance = '0x21e19e0c9bab2400000'

describe('eth_getBalance', () => {
  let node: TestNode
  let genesisHash: string
  const stranger = '0x00000000000000000000000000000000000000ff'

  before(async () => {
    node = await startTestNode()
    genesisHash = (await call<{ hash: string }>(node.rpcUrl, 'eth_getBlockByNumber', ['0x0', false])).hash
    await sendValue(viemClients(node), stranger, 1234n)
  })
  after(async () => node?.stop())

  it('reads the balance at latest (the default) and at older blocks', async () => {
    assert.equal(await call(node.rpcUrl, 'eth_getBalance', [stranger]), '0x4d2')
    assert.equal(await call(node.rpcUrl, 'eth_getBalance', [stranger, 'latest']), '0x4d2')
    assert.equal(await call(node.rpcUrl, 'eth_getBalance', [stranger, '0x0']), '0x0')
    assert.equal(await call(node.rpcUrl, 'eth_getBalance', [node.accounts[0]!.address, 'earliest']), genesisBalance)
    assert.equal(await call(node.rpcUrl, 'eth_getBalance', [node.accounts[0]!.address, genesisHash]), genesisBalance)
    assert.equal(await call(node.rpcUrl, 'eth_getBalance', [node.accounts[0]!.address, { blockHash: genesisHash, requireCanonical: true }]), genesisBalance)
    assert.equal(await call(node.rpcUrl, 'eth_getBalance', [stranger, { blockNumber: '0x1' }]), '0x4d2')
  })

  it('is zero for an unknown account', async () => {
    assert.equal(await call(node.rpcUrl, 'eth_getBalance', ['0xc1cadaffffffffffffffffffffffffffffffffff', 'latest']), '0x0')
  })

  it('fails like geth for unknown blocks and bad addresses', async () => {
    assert.deepEqual(await callError(node.rpcUrl, 'eth_getBalance', [stranger, '0x99']), { code: -32000, message: 'header not found' })
    assert.deepEqual(await callError(node.rpcUrl, 'eth_getBalance', [stranger, `0x${'ab'.repeat(32)}`]), { code: -32000, message: 'header for hash not found' })
    assert.deepEqual(await callError(node.rpcUrl, 'eth_getBalance', ['0xabc', 'latest']), { code: -32602, message: 'invalid argument 0: hex string has length 3, want 40 for common.Address' })
    assert.deepEqual(await callError(node.rpcUrl, 'eth_getBalance', [stranger, 'newest']), { code: -32602, message: 'invalid argument 1: invalid block number or tag "newest"' })
  })
})
