/**
 * Every admission rejection through the real server: eth_sendRawTransaction on a running node,
 * txs signed with viem, each reply asserted to carry geth's exact message (code -32003) and the pool
 * asserted unchanged afterwards (txpool_status, txpool_content, the pending nonce, and the tx hash
 * unknown). Blocks are sealed only when a test asks for one, so accepted txs stay pending.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { concat, getAddress, hexToBigInt, keccak256, numberToHex, toHex, toRlp, type Hex } from 'viem'
import { privateKeyToAccount, sign } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { call, callError, request } from '../rpc/client.ts'

const CHAIN_ID = 73404
const GWEI = 10n ** 9n
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const TO = '0x1111111111111111111111111111111111111111'
const REJECTED = -32003
const HOUR_MS = 3_600_000

type Fields = (Hex | Fields)[]

/** An RLP scalar: minimal big-endian bytes, empty for zero. */
const q = (value: bigint | number): Hex => (BigInt(value) === 0n ? '0x' : numberToHex(BigInt(value)))

/** Signs a typed tx from raw RLP fields with viem's secp256k1 (for shapes its serializer refuses). */
async function signTyped(type: number, fields: Fields, privateKey: Hex): Promise<Hex> {
  const prefix = toHex(type, { size: 1 })
  const signature = await sign({ hash: keccak256(concat([prefix, toRlp(fields)])), privateKey })
  return concat([prefix, toRlp([...fields, q(signature.yParity ?? 0), q(hexToBigInt(signature.r)), q(hexToBigInt(signature.s))])])
}

/** EIP-1559 fields: [chainId, nonce, tip, feeCap, gas, to, value, data, accessList]. */
function dynamicFeeFields(o: { chainId?: number; nonce?: bigint; tip?: bigint; fee?: bigint; gas?: bigint; to?: Hex; value?: bigint; data?: Hex }): Fields {
  return [
    q(o.chainId ?? CHAIN_ID),
    q(o.nonce ?? 0n),
    q(o.tip ?? GWEI),
    q(o.fee ?? 2n * GWEI),
    q(o.gas ?? 21000n),
    o.to ?? TO,
    q(o.value ?? 1n),
    o.data ?? '0x',
    [],
  ]
}

describe('tx admission through eth_sendRawTransaction', () => {
  let node: TestNode
  let url: string
  const key = (i: number): Hex => node.accounts[i]!.privateKey
  const address = (i: number): Hex => node.accounts[i]!.address

  before(async () => {
    node = await startTestNode({ blockTimeMs: HOUR_MS, config: { txpool: { maxPerSender: 3 } } })
    url = node.rpcUrl
  })
  after(async () => node?.stop())

  /** A viem-signed EIP-1559 transfer from dev account `from`. */
  function transfer(from: number, o: { nonce?: number; fee?: bigint; tip?: bigint; gas?: bigint; value?: bigint; data?: Hex; to?: Hex | null; chainId?: number } = {}): Promise<Hex> {
    return privateKeyToAccount(key(from)).signTransaction({
      type: 'eip1559',
      chainId: o.chainId ?? CHAIN_ID,
      nonce: o.nonce ?? 0,
      maxFeePerGas: o.fee ?? 2n * GWEI,
      maxPriorityFeePerGas: o.tip ?? GWEI,
      gas: o.gas ?? 21000n,
      to: o.to === null ? undefined : (o.to ?? TO),
      value: o.value ?? 1n,
      data: o.data,
    })
  }

  async function poolSnapshot(sender: Hex) {
    return {
      status: await call(url, 'txpool_status'),
      content: await call(url, 'txpool_content'),
      pendingNonce: await call(url, 'eth_getTransactionCount', [sender, 'pending']),
      latestNonce: await call(url, 'eth_getTransactionCount', [sender, 'latest']),
      block: await call(url, 'eth_blockNumber'),
    }
  }

  /**
   * Sends `raw`, asserts the exact rejection, that nothing about the pool or chain changed, and
   * (unless it is a resend of a pooled tx) that its hash stays unknown.
   */
  async function assertRejected(raw: Hex, sender: Hex, message: string, options = { resend: false }): Promise<void> {
    const before = await poolSnapshot(sender)
    const error = await callError(url, 'eth_sendRawTransaction', [raw])
    assert.deepEqual({ code: error.code, message: error.message }, { code: REJECTED, message })
    assert.deepEqual(await poolSnapshot(sender), before)
    if (!options.resend) assert.equal((await request(url, 'eth_getTransactionByHash', [keccak256(raw)])).result, null)
  }

  async function accept(raw: Hex): Promise<Hex> {
    const hash = await call<Hex>(url, 'eth_sendRawTransaction', [raw])
    assert.equal(hash, keccak256(raw))
    return hash
  }

  it('accepts a valid tx: hash returned, pending in txpool_content, pending nonce advanced', async () => {
    const raw = await transfer(5)
    const hash = await accept(raw)
    const content = await call<{ pending: Record<string, Record<string, { hash: Hex }>> }>(url, 'txpool_content')
    const pending = Object.entries(content.pending).find(([sender]) => sender.toLowerCase() === address(5))
    assert.ok(pending, 'sender listed as pending')
    assert.equal(pending[1]['0']!.hash, hash)
    assert.equal(await call(url, 'eth_getTransactionCount', [address(5), 'pending']), '0x1')
    assert.equal(await call(url, 'eth_getTransactionCount', [address(5), 'latest']), '0x0')
  })

  it('refuses bytes that do not decode', async () => {
    await assertRejected('0x', address(0), 'typed transaction too short')
    await assertRejected('0x02', address(0), 'typed transaction too short')
    await assertRejected('0x81', address(0), 'rlp: expected input list for types.LegacyTx')
    await assertRejected('0x02c0', address(0), 'rlp: too few elements for types.DynamicFeeTx')
    await assertRejected('0x02c0c0', address(0), 'rlp: input contains more than one value')
    await assertRejected('0x05c0', address(0), 'transaction type not supported')
    const fields = dynamicFeeFields({})
    await assertRejected(concat(['0x02', toRlp([...fields, '0x', '0x', '0x', '0x'])]), address(0), 'rlp: input list has too many elements for types.DynamicFeeTx')
    const leadingZeroNonce = concat(['0x02', toRlp([fields[0]!, '0x0001', ...fields.slice(2), '0x', '0x01', '0x01'] as Fields)])
    await assertRejected(leadingZeroNonce, address(0), 'rlp: non-canonical integer (leading zero bytes) for uint64, decoding into (types.DynamicFeeTx).Nonce')
  })

  it('refuses a tx over 128 KiB', async () => {
    const raw = await transfer(0, { gas: 29_000_000n, data: toHex(new Uint8Array(131072).fill(1)) })
    const size = (raw.length - 2) / 2
    assert.ok(size > 131072)
    await assertRejected(raw, address(0), `oversized data: transaction size ${size}, limit 131072`)
  })

  it('refuses blob (type 3) transactions', async () => {
    // [chainId, nonce, tip, feeCap, gas, to, value, data, accessList, maxFeePerBlobGas, blobVersionedHashes]
    const fields: Fields = [...dynamicFeeFields({}), q(GWEI), [concat(['0x01', toHex(new Uint8Array(31).fill(7))])]]
    const raw = await signTyped(3, fields, key(0))
    await assertRejected(raw, address(0), 'transaction type not supported: blob transactions (type 3) are not supported')
  })

  it('refuses a set-code (type 4) tx with an empty authorization list or without a recipient', async () => {
    const authorization: Fields = [q(CHAIN_ID), TO, '0x', '0x', '0x01', '0x01']
    const empty = await signTyped(4, [...dynamicFeeFields({ gas: 100_000n }), []], key(0))
    await assertRejected(empty, address(0), 'set code tx must have at least one authorization tuple')
    const create = dynamicFeeFields({ gas: 100_000n })
    create[5] = '0x'
    await assertRejected(await signTyped(4, [...create, [authorization]], key(0)), address(0), 'EIP-7702 transaction cannot be used to create contract')
  })

  it('refuses create code over the EIP-3860 limit', async () => {
    const raw = await transfer(0, { to: null, gas: 29_000_000n, value: 0n, data: toHex(new Uint8Array(49153).fill(1)) })
    await assertRejected(raw, address(0), 'max initcode size exceeded: code size 49153, limit 49152')
  })

  it('refuses a legacy tx without EIP-155 replay protection', async () => {
    // [nonce, gasPrice, gas, to, value, data] signed without the chain id; v = 27 + yParity.
    const fields: Fields = ['0x', q(2n * GWEI), q(21000n), TO, '0x01', '0x']
    const signature = await sign({ hash: keccak256(toRlp(fields)), privateKey: key(0) })
    const raw = toRlp([...fields, q(27 + (signature.yParity ?? 0)), q(hexToBigInt(signature.r)), q(hexToBigInt(signature.s))])
    await assertRejected(raw, address(0), 'only replay-protected (EIP-155) transactions allowed over RPC')
  })

  it('refuses a tx signed for another chain, typed or EIP-155 legacy', async () => {
    await assertRejected(await transfer(0, { chainId: 1 }), address(0), `invalid sender: invalid chain id for signer: have 1 want ${CHAIN_ID}`)
    const legacy = await privateKeyToAccount(key(0)).signTransaction({ type: 'legacy', chainId: 5, nonce: 0, gasPrice: 2n * GWEI, gas: 21000n, to: TO, value: 1n })
    await assertRejected(legacy, address(0), `invalid sender: invalid chain id for signer: have 5 want ${CHAIN_ID}`)
  })

  it('refuses a high-s (EIP-2) signature and a malformed one', async () => {
    const fields = dynamicFeeFields({})
    const prefix = '0x02'
    const signature = await sign({ hash: keccak256(concat([prefix, toRlp(fields)])), privateKey: key(0) })
    // The same signature with s mirrored (n - s, parity flipped) recovers the same key but is high-s.
    const highS = concat([prefix, toRlp([...fields, q(1 - (signature.yParity ?? 0)), q(hexToBigInt(signature.r)), q(SECP256K1_N - hexToBigInt(signature.s))])])
    await assertRejected(highS, address(0), 'invalid sender: invalid transaction v, r, s values')
    const zeroR = concat([prefix, toRlp([...fields, '0x', '0x', q(hexToBigInt(signature.s))])])
    await assertRejected(zeroR, address(0), 'invalid sender: invalid transaction v, r, s values')
    const badParity = concat([prefix, toRlp([...fields, '0x02', q(hexToBigInt(signature.r)), q(hexToBigInt(signature.s))])])
    await assertRejected(badParity, address(0), 'invalid sender: invalid transaction v, r, s values')
  })

  it('refuses gas over the block gas limit, under intrinsic gas, or under the EIP-7623 floor', async () => {
    const gasLimit = hexToBigInt((await call<{ gasLimit: Hex }>(url, 'eth_getBlockByNumber', ['latest', false])).gasLimit)
    await assertRejected(await transfer(0, { gas: gasLimit + 1n }), address(0), 'exceeds block gas limit')
    await assertRejected(await transfer(0, { gas: 20_999n }), address(0), 'intrinsic gas too low: gas 20999, minimum needed 21000')
    // 1000 non-zero bytes: intrinsic 21000 + 16·1000, floor 21000 + 10·4·1000.
    const data = toHex(new Uint8Array(1000).fill(1))
    await assertRejected(await transfer(0, { gas: 36_999n, data }), address(0), 'intrinsic gas too low: gas 36999, minimum needed 37000')
    await assertRejected(await transfer(0, { gas: 40_000n, data }), address(0), 'insufficient gas for floor data gas cost: gas 40000, minimum needed 61000')
  })

  it('refuses a tip above the fee cap', async () => {
    const raw = await signTyped(2, dynamicFeeFields({ fee: 2n * GWEI, tip: 2n * GWEI + 1n }), key(0))
    await assertRejected(raw, address(0), 'max priority fee per gas higher than max fee per gas')
  })

  it('refuses a fee cap under the base-fee floor', async () => {
    const floor = 100_000_000n // genesis/dev.json baseFeeFloor
    const raw = await transfer(0, { fee: floor - 1n, tip: 1n })
    await assertRejected(
      raw,
      address(0),
      `max fee per gas less than block base fee: address ${getAddress(address(0))}, maxFeePerGas: ${floor - 1n}, baseFee: ${floor}`,
    )
  })

  it('refuses a nonce already used on chain', async () => {
    await accept(await transfer(2, { nonce: 0 }))
    await node.node.sealBlock()
    assert.equal(await call(url, 'eth_getTransactionCount', [address(2), 'latest']), '0x1')
    await assertRejected(await transfer(2, { nonce: 0, value: 2n }), address(2), 'nonce too low: next nonce 1, tx nonce 0')
  })

  it('refuses a tx the sender cannot pay for', async () => {
    const balance = hexToBigInt(await call<Hex>(url, 'eth_getBalance', [address(4), 'latest']))
    const value = balance + 1n
    const cost = 21000n * 2n * GWEI + value
    await assertRejected(
      await transfer(4, { value }),
      address(4),
      `insufficient funds for gas * price + value: balance ${balance}, tx cost ${cost}, overshot ${cost - balance}`,
    )
  })

  it('refuses a tx already in the pool', async () => {
    const raw = await transfer(1, { nonce: 0 })
    await accept(raw)
    await assertRejected(raw, address(1), 'already known', { resend: true })
  })

  it('refuses a replacement without a 10% bump on both fee cap and tip, and takes one with it', async () => {
    const original = await accept(await transfer(6, { nonce: 0, fee: 100n * GWEI, tip: 10n * GWEI }))
    await assertRejected(await transfer(6, { nonce: 0, fee: 109n * GWEI, tip: 20n * GWEI }), address(6), 'replacement transaction underpriced')
    await assertRejected(await transfer(6, { nonce: 0, fee: 200n * GWEI, tip: 10n * GWEI + 1n }), address(6), 'replacement transaction underpriced')
    const replacement = await accept(await transfer(6, { nonce: 0, fee: 110n * GWEI, tip: 11n * GWEI }))
    assert.equal((await request(url, 'eth_getTransactionByHash', [original])).result, null)
    assert.equal(((await request(url, 'eth_getTransactionByHash', [replacement])).result as { hash: Hex }).hash, replacement)
    const content = await call<{ pending: Record<string, Record<string, { hash: Hex }>> }>(url, 'txpool_content')
    const own = Object.entries(content.pending).find(([sender]) => sender.toLowerCase() === address(6))
    assert.deepEqual(own && Object.entries(own[1]).map(([nonce, tx]) => [nonce, tx.hash]), [['0', replacement]])
  })

  it('refuses a tx past the per-sender limit when nothing cheaper can make room', async () => {
    for (const nonce of [0, 1, 2]) await accept(await transfer(3, { nonce }))
    await assertRejected(await transfer(3, { nonce: 3, tip: 5n * GWEI, fee: 10n * GWEI }), address(3), 'txpool is full')
  })

  it('journaled nothing it refused: a restart brings back exactly the accepted txs', async () => {
    const before = await call(url, 'txpool_content')
    await node.stop({ keepData: true })
    node = await startTestNode({ blockTimeMs: HOUR_MS, dataDir: node.dataDir, config: { txpool: { maxPerSender: 3 } } })
    url = node.rpcUrl
    assert.deepEqual(await call(url, 'txpool_content'), before)
  })
})

describe('tx admission at the global pool limit', () => {
  let node: TestNode

  before(async () => {
    node = await startTestNode({ blockTimeMs: HOUR_MS, config: { txpool: { maxGlobal: 2 } } })
  })
  after(async () => node?.stop())

  const send = (from: number, tip: bigint): Promise<Hex> =>
    privateKeyToAccount(node.accounts[from]!.privateKey).signTransaction({
      type: 'eip1559', chainId: CHAIN_ID, nonce: 0, maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: tip, gas: 21000n, to: TO, value: 1n,
    })

  it('refuses a newcomer that pays no more than the cheapest, and evicts the cheapest for one that does', async () => {
    const url = node.rpcUrl
    const first = await call<Hex>(url, 'eth_sendRawTransaction', [await send(0, 2n * GWEI)])
    const cheapest = await call<Hex>(url, 'eth_sendRawTransaction', [await send(1, GWEI)])
    const status = await call(url, 'txpool_status')
    const refused = await send(2, GWEI)
    const error = await callError(url, 'eth_sendRawTransaction', [refused])
    assert.deepEqual({ code: error.code, message: error.message }, { code: REJECTED, message: 'txpool is full' })
    assert.deepEqual(await call(url, 'txpool_status'), status)
    assert.equal((await request(url, 'eth_getTransactionByHash', [keccak256(refused)])).result, null)

    const better = await call<Hex>(url, 'eth_sendRawTransaction', [await send(2, GWEI + 1n)])
    assert.deepEqual(await call(url, 'txpool_status'), { pending: '0x2', queued: '0x0' })
    assert.equal((await request(url, 'eth_getTransactionByHash', [cheapest])).result, null)
    for (const hash of [first, better]) {
      assert.equal(((await request(url, 'eth_getTransactionByHash', [hash])).result as { hash: Hex }).hash, hash)
    }
  })
})
