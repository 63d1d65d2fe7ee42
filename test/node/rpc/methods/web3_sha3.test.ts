import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call, callError } from '../client.ts'

describe('web3_sha3', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('returns Keccak-256 of the data', async () => {
    assert.equal(await call(node.rpcUrl, 'web3_sha3', ['0x68656c6c6f20776f726c64']), '0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad')
    assert.equal(await call(node.rpcUrl, 'web3_sha3', ['0x']), '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
  })

  it('refuses odd-length and missing data', async () => {
    assert.deepEqual(await callError(node.rpcUrl, 'web3_sha3', ['0x123']), { code: -32602, message: 'invalid argument 0: hex string of odd length' })
    assert.deepEqual(await callError(node.rpcUrl, 'web3_sha3', []), { code: -32602, message: 'missing value for required argument 0' })
  })
})
