import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { concat, encodeFunctionData, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { deployToken, viemClients, type Clients, type DeployedToken } from '../chain.ts'
import { call } from '../client.ts'

interface TxJSON {
  type: string
  hash: string
  gasPrice: string
  chainId?: string
  v: string
  yParity?: string
  accessList?: { address: string; storageKeys: string[] }[]
  authorizationList?: { chainId: string; address: string; nonce: string; yParity: string }[]
}

interface ReceiptJSON {
  type: string
  status: string
  gasUsed: string
  effectiveGasPrice: string
  blockNumber: string
}

describe('one transaction of each type, mined with correct receipts', () => {
  let node: TestNode
  let clients: Clients
  let token: DeployedToken
  before(async () => {
    node = await startTestNode()
    clients = viemClients(node)
    token = await deployToken(clients, 100n)
  })
  after(async () => node?.stop())

  async function mined(hash: Hex): Promise<{ tx: TxJSON; receipt: ReceiptJSON }> {
    await clients.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
    const tx = await call<TxJSON>(node.rpcUrl, 'eth_getTransactionByHash', [hash])
    const receipt = await call<ReceiptJSON>(node.rpcUrl, 'eth_getTransactionReceipt', [hash])
    assert.equal(receipt.status, '0x1')
    assert.equal(receipt.type, tx.type)
    return { tx, receipt }
  }

  /**
   * A legacy gas price above the latest block's base fee: eth_gasPrice is based on the next block's
   * (lower) base fee, which eth_estimateGas at `latest` refuses as below the block base fee.
   */
  const legacyGasPrice = async () => 2n * BigInt(await call<string>(node.rpcUrl, 'eth_gasPrice'))

  it('type 0 (legacy, EIP-155)', async () => {
    const gasPrice = await legacyGasPrice()
    const hash = await clients.wallet.sendTransaction({ type: 'legacy', to: node.accounts[1]!.address, value: 1n, gasPrice })
    const { tx, receipt } = await mined(hash)
    assert.equal(tx.type, '0x0')
    assert.equal(tx.chainId, '0x11ebc')
    assert.ok(BigInt(tx.v) === 73404n * 2n + 35n || BigInt(tx.v) === 73404n * 2n + 36n)
    assert.equal(tx.yParity, undefined)
    assert.equal(receipt.effectiveGasPrice, tx.gasPrice)
    assert.equal(receipt.gasUsed, '0x5208')
  })

  it('type 1 (EIP-2930 access list)', async () => {
    const gasPrice = await legacyGasPrice()
    const accessList = [{ address: token.address, storageKeys: [`0x${'00'.repeat(31)}02` as Hex] }]
    const hash = await clients.wallet.sendTransaction({ type: 'eip2930', to: node.accounts[1]!.address, value: 1n, gasPrice, accessList })
    const { tx, receipt } = await mined(hash)
    assert.equal(tx.type, '0x1')
    assert.deepEqual(tx.accessList, [{ address: token.address.toLowerCase(), storageKeys: accessList[0]!.storageKeys }])
    assert.equal(tx.v, tx.yParity)
    assert.equal(receipt.effectiveGasPrice, tx.gasPrice)
    // 21000 + 2400 per address + 1900 per storage key.
    assert.equal(BigInt(receipt.gasUsed), 21_000n + 2_400n + 1_900n)
  })

  it('type 2 (EIP-1559)', async () => {
    const hash = await clients.wallet.sendTransaction({ type: 'eip1559', to: node.accounts[1]!.address, value: 1n, maxPriorityFeePerGas: 7n, maxFeePerGas: 10n ** 11n })
    const { tx, receipt } = await mined(hash)
    assert.equal(tx.type, '0x2')
    const block = await call<{ baseFeePerGas: string }>(node.rpcUrl, 'eth_getBlockByNumber', [receipt.blockNumber, false])
    assert.equal(BigInt(receipt.effectiveGasPrice), BigInt(block.baseFeePerGas) + 7n)
    assert.equal(tx.gasPrice, receipt.effectiveGasPrice)
  })

  it('type 4 (EIP-7702 delegation signed with viem signAuthorization)', async () => {
    const authority = privateKeyToAccount(node.accounts[7]!.privateKey)
    const authorization = await clients.wallet.signAuthorization({ account: authority, contractAddress: token.address })
    // The call runs the delegated code (the token has no fallback, so call one of its functions).
    const data = encodeFunctionData({ abi: token.abi, functionName: 'totalSupply' })
    const hash = await clients.wallet.sendTransaction({ type: 'eip7702', to: authority.address, authorizationList: [authorization], data })
    const { tx } = await mined(hash)
    assert.equal(tx.type, '0x4')
    assert.deepEqual(
      tx.authorizationList?.map((a) => [a.chainId, a.address, a.nonce]),
      [['0x11ebc', token.address.toLowerCase(), '0x0']],
    )
    assert.equal(await call(node.rpcUrl, 'eth_getCode', [authority.address, 'latest']), concat(['0xef0100', token.address]).toLowerCase())
    assert.equal(await call(node.rpcUrl, 'eth_getTransactionCount', [authority.address, 'latest']), '0x1')
  })
})
