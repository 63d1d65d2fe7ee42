import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call, callError } from '../client.ts'

describe('web3_clientVersion', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('returns name/version/platform/runtime', async () => {
    assert.match(await call<string>(node.rpcUrl, 'web3_clientVersion'), /^nomx\/v\d+\.\d+\.\d+\/[a-z0-9]+-[a-z0-9]+\/node\d+/)
  })

  it('refuses params', async () => {
    assert.deepEqual(await callError(node.rpcUrl, 'web3_clientVersion', [1]), { code: -32602, message: 'too many arguments, want at most 0' })
  })
})
