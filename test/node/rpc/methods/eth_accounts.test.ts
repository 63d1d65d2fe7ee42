import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call } from '../client.ts'

describe('eth_accounts', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('lists the ten funded dev accounts', async () => {
    const accounts = await call<string[]>(node.rpcUrl, 'eth_accounts')
    assert.deepEqual(accounts, node.accounts.map((a) => a.address))
    assert.equal(accounts[0], '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
  })
})
