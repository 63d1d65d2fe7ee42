import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { encodeAbiParameters, encodeFunctionData, keccak256 } from 'viem'
import { loadToken } from '../../../fixtures/contracts/compile.ts'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_createAccessList', () => {
  let chain: PopulatedNode
  const abi = loadToken().abi
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('lists the token and the two balance slots a transfer touches', async () => {
    const from = chain.node.accounts[0]!.address
    const to = chain.node.accounts[3]!.address
    const input = encodeFunctionData({ abi, functionName: 'transfer', args: [to, 5n] })
    const result = await call<{ accessList: { address: string; storageKeys: string[] }[]; gasUsed: string; error?: string }>(chain.node.rpcUrl, 'eth_createAccessList', [
      { from, to: chain.token.address, input },
      'latest',
    ])
    const slotOf = (holder: `0x${string}`) => keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [holder, 0n]))
    assert.equal(result.error, undefined)
    assert.equal(result.accessList.length, 1)
    assert.equal(result.accessList[0]!.address, chain.token.address.toLowerCase())
    assert.deepEqual([...result.accessList[0]!.storageKeys].sort(), [slotOf(from), slotOf(to)].sort())
    assert.ok(BigInt(result.gasUsed) > 21_000n)
  })

  it('returns the list with an error when the call fails', async () => {
    const input = encodeFunctionData({ abi, functionName: 'transfer', args: [chain.node.accounts[3]!.address, 10n ** 9n] })
    const result = await call<{ accessList: unknown[]; error?: string }>(chain.node.rpcUrl, 'eth_createAccessList', [{ from: chain.node.accounts[4]!.address, to: chain.token.address, input }])
    assert.equal(typeof result.error, 'string')
    assert.match(result.error!, /execution reverted/)
  })

  it('fails for an unknown block', async () => {
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_createAccessList', [{ to: chain.token.address }, '0x77']), { code: -32000, message: 'header not found' })
  })
})
