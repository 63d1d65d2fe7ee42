import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Contract, ContractFactory, JsonRpcProvider, Network, WebSocketProvider, Wallet, type ContractEventPayload } from 'ethers'
import { loadToken } from '../../../fixtures/contracts/compile.ts'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId } from '../chain.ts'

/** Resolves with the first `count` Transfer events a contract listener sees. */
function collectTransfers(contract: Contract, count: number, timeoutMs = 10_000): Promise<ContractEventPayload[]> {
  return new Promise((resolve, reject) => {
    const seen: ContractEventPayload[] = []
    const timer = setTimeout(() => reject(new Error(`saw ${seen.length} of ${count} Transfer events`)), timeoutMs)
    void contract.on('Transfer', (...args: unknown[]) => {
      seen.push(args[args.length - 1] as ContractEventPayload)
      if (seen.length === count) {
        clearTimeout(timer)
        resolve(seen)
      }
    })
  })
}

describe('ERC-20 end to end with ethers', () => {
  let node: TestNode
  let provider: JsonRpcProvider
  let wallet: Wallet
  let token: Contract

  before(async () => {
    // Automine: eth_sendRawTransaction answers once the tx's block is sealed, so ethers' tx.wait()
    // finds the receipt on its first look.
    node = await startTestNode({ blockTimeMs: 0 })
    const network = Network.from(devChainId)
    provider = new JsonRpcProvider(node.rpcUrl, network, { staticNetwork: network, pollingInterval: 50 })
    wallet = new Wallet(node.accounts[0]!.privateKey, provider)
    const { abi, bytecode } = loadToken()
    const factory = new ContractFactory(abi as never, bytecode, wallet)
    const deployed = await factory.deploy(1000n)
    await deployed.waitForDeployment()
    token = new Contract(await deployed.getAddress(), abi as never, wallet)
  })
  after(async () => {
    provider?.destroy()
    await node?.stop()
  })

  it('deploys with the supply at the deployer', async () => {
    assert.equal(await token.getFunction('balanceOf').staticCall(wallet.address), 1000n)
    assert.equal(await token.getFunction('symbol').staticCall(), 'TT')
  })

  it('estimates, transfers, and sees the Transfer by polled filter and by WS subscription', async () => {
    const recipient = node.accounts[2]!.address
    const wsProvider = new WebSocketProvider(node.wsUrl, Network.from(devChainId), { staticNetwork: Network.from(devChainId) })
    try {
      const wsToken = new Contract(await token.getAddress(), token.interface, wsProvider)
      const bySubscription = collectTransfers(wsToken, 1)
      const byFilter = collectTransfers(token, 1)
      // Let both listeners install (eth_subscribe / eth_newFilter) before the transfer.
      await new Promise((resolve) => setTimeout(resolve, 300))

      const estimate = await token.getFunction('transfer').estimateGas(recipient, 40n)
      assert.ok(estimate > 21_000n && estimate < 100_000n, `estimate ${estimate}`)
      const tx = await token.getFunction('transfer').send(recipient, 40n)
      const receipt = await tx.wait()
      assert.equal(receipt?.status, 1)
      assert.ok(receipt!.gasUsed <= estimate)

      for (const events of await Promise.all([byFilter, bySubscription])) {
        const event = events[0]!
        assert.equal(event.log.transactionHash, tx.hash)
        const [from, to, value] = [...event.args] as [string, string, bigint]
        assert.deepEqual([from.toLowerCase(), to.toLowerCase(), value], [wallet.address.toLowerCase(), recipient.toLowerCase(), 40n])
      }
      assert.equal(await token.getFunction('balanceOf').staticCall(recipient), 40n)
    } finally {
      await token.removeAllListeners()
      await wsProvider.destroy()
    }
  })

  it('surfaces a custom-error revert with its data', async () => {
    await assert.rejects(token.getFunction('transfer').staticCall(node.accounts[3]!.address, 10_000n), (error: { code?: string; data?: string; revert?: { name: string; args: unknown[] } }) => {
      assert.equal(error.code, 'CALL_EXCEPTION')
      assert.equal(error.revert?.name, 'InsufficientBalance')
      assert.deepEqual([...(error.revert?.args ?? [])], [960n, 10_000n])
      return true
    })
  })
})
