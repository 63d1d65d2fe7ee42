import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { loadToken } from '../../../fixtures/contracts/compile.ts'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_getCode', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('returns deployed code, and 0x before deployment and for accounts', async () => {
    const url = chain.node.rpcUrl
    assert.equal(await call(url, 'eth_getCode', [chain.token.address, 'latest']), loadToken().deployedBytecode)
    assert.equal(await call(url, 'eth_getCode', [chain.token.address]), loadToken().deployedBytecode)
    assert.equal(await call(url, 'eth_getCode', [chain.token.address, '0x0']), '0x')
    assert.equal(await call(url, 'eth_getCode', [chain.node.accounts[0]!.address, 'latest']), '0x')
  })

  it('fails for an unknown block', async () => {
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_getCode', [chain.token.address, '0x64']), { code: -32000, message: 'header not found' })
  })
})
