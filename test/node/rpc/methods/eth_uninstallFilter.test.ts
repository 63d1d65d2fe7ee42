import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call, callError } from '../client.ts'

describe('eth_uninstallFilter', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('removes a filter once; later polls fail', async () => {
    const id = await call<string>(node.rpcUrl, 'eth_newBlockFilter')
    assert.equal(await call(node.rpcUrl, 'eth_uninstallFilter', [id]), true)
    assert.equal(await call(node.rpcUrl, 'eth_uninstallFilter', [id]), false)
    assert.deepEqual(await callError(node.rpcUrl, 'eth_getFilterChanges', [id]), { code: -32000, message: 'filter not found' })
  })
})
