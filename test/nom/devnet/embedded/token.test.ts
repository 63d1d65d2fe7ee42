/**
 * The token contract: IssueToken (1 ZNN fee kept by the contract, ZTS = H(send hash)[0..10], the
 * total supply sent to the issuer, the token visible in getAccountInfoByAddress), its publish-time
 * checks, Mint by the owner only, Burn.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { AccountBlock } from '../../../../nom/types.ts'
import { encodeCall } from '../../../../nom/abi.ts'
import { formatAddress } from '../../../../nom/address.ts'
import { bytesEqual, u64be } from '../../../../nom/hash.ts'
import { formatTokenStandard, tokenStandardFromSendHash } from '../../../../nom/tokenStandard.ts'
import { TOKEN_ADDRESS, ZNN_ZTS } from '../../../../nom/constants.ts'
import type { TokenStandard } from '../../../../nom/types.ts'
import type { KeyPair } from '../../../../nom/keys.ts'
import { ErrorText } from '../../../../nom/devnet/errorTexts.ts'
import { balance, devKey, frontierBlock, publish, receive, send, startDevnet } from '../helpers.ts'
import type { TestDevnet } from '../helpers.ts'

const COIN = 100_000_000n
const ISSUE = 'IssueToken(string,string,string,uint256,uint256,uint8,bool,bool,bool)'
const ISSUER = devKey(7)
const OTHER = devKey(8)
let net: TestDevnet
let zts: TokenStandard

before(async () => {
  net = await startDevnet()
})
after(async () => {
  await net.dispose()
})

const issueData = (symbol: string, total: bigint, max: bigint) => encodeCall(ISSUE, ['TestToken', symbol, '', total, max, 2n, true, true, true])

async function callToken(key: KeyPair, data: Uint8Array, amount: bigint, token: TokenStandard): Promise<{ send: AccountBlock; receive: AccountBlock }> {
  const s = await send(net, key, TOKEN_ADDRESS, amount, token, { data, fusedPlasma: 73_500n })
  assert.equal((await publish(net, s)).error, undefined)
  await net.produceMomentumNow()
  await net.produceMomentumNow()
  const r = (await frontierBlock(net, TOKEN_ADDRESS))!
  assert.ok(bytesEqual(r.fromBlockHash, s.hash))
  return { send: s, receive: r }
}

test('IssueToken publish checks: fee, symbol, supplies', async () => {
  const refuse = async (data: Uint8Array, amount: bigint, text: string) => {
    const s = await send(net, ISSUER, TOKEN_ADDRESS, amount, ZNN_ZTS, { data, fusedPlasma: 73_500n })
    assert.deepEqual((await publish(net, s)).error, { code: -32000, message: text })
  }
  await refuse(issueData('TEST', 1000n, 2000n), 2n * COIN, ErrorText.invalidTokenOrAmount)
  await refuse(issueData('ZNN', 1000n, 2000n), COIN, ErrorText.tokenInvalidText)
  await refuse(issueData('test', 1000n, 2000n), COIN, ErrorText.tokenInvalidText)
  await refuse(issueData('TEST', 3000n, 2000n), COIN, ErrorText.tokenInvalidAmount)
  await refuse(encodeCall(ISSUE, ['TestToken', 'TEST', '', 1000n, 2000n, 2n, false, true, true]), COIN, ErrorText.tokenInvalidAmount)
})

test('IssueToken: new ZTS from the send hash, supply to the issuer, visible in account info', async () => {
  const znnBefore = await balance(net, ISSUER.address, ZNN_ZTS)
  const contractZnn = await balance(net, TOKEN_ADDRESS, ZNN_ZTS)
  const { send: s, receive: r } = await callToken(ISSUER, issueData('TEST', 1000n, 2000n), COIN, ZNN_ZTS)
  zts = tokenStandardFromSendHash(s.hash)
  assert.ok(bytesEqual(r.data, u64be(1n)))
  const payout = r.descendantBlocks[0]!
  assert.ok(bytesEqual(payout.tokenStandard, zts))
  assert.equal(payout.amount, 1000n)
  const info = (await net.call('embedded.token.getByZts', [formatTokenStandard(zts)])) as Record<string, unknown>
  assert.deepEqual(info, {
    name: 'TestToken',
    symbol: 'TEST',
    domain: '',
    totalSupply: '1000',
    decimals: 2,
    owner: formatAddress(ISSUER.address),
    tokenStandard: formatTokenStandard(zts),
    maxSupply: '2000',
    isBurnable: true,
    isMintable: true,
    isUtility: true,
  })
  assert.equal((await publish(net, await receive(net, ISSUER, payout.hash))).error, undefined)
  await net.produceMomentumNow()
  const account = (await net.call('ledger.getAccountInfoByAddress', [formatAddress(ISSUER.address)])) as { balanceInfoMap: Record<string, { balance: string; token: { symbol: string } }> }
  assert.equal(account.balanceInfoMap[formatTokenStandard(zts)]!.balance, '1000')
  assert.equal(account.balanceInfoMap[formatTokenStandard(zts)]!.token.symbol, 'TEST')
  assert.equal(await balance(net, ISSUER.address, ZNN_ZTS), znnBefore - COIN)
  assert.equal(await balance(net, TOKEN_ADDRESS, ZNN_ZTS), contractZnn + COIN)
  const all = (await net.call('embedded.token.getAll', [0, 10])) as { count: number }
  assert.equal(all.count, 3)
  const mine = (await net.call('embedded.token.getByOwner', [formatAddress(ISSUER.address), 0, 10])) as { count: number }
  assert.equal(mine.count, 1)
})

test('Mint by the owner pays the receiver; by anyone else it fails; Burn lowers the supply', async () => {
  const mint = encodeCall('Mint(tokenStandard,uint256,address)', [zts, 500n, OTHER.address])
  const denied = await callToken(OTHER, mint, 0n, ZNN_ZTS)
  assert.ok(bytesEqual(denied.receive.data, u64be(2n)))
  const ok = await callToken(ISSUER, mint, 0n, ZNN_ZTS)
  assert.ok(bytesEqual(ok.receive.data, u64be(1n)))
  assert.ok(bytesEqual(ok.receive.descendantBlocks[0]!.toAddress, OTHER.address))
  const tooMuch = await callToken(ISSUER, encodeCall('Mint(tokenStandard,uint256,address)', [zts, 501n, OTHER.address]), 0n, ZNN_ZTS)
  assert.ok(bytesEqual(tooMuch.receive.data, u64be(2n)))
  const burn = await callToken(ISSUER, encodeCall('Burn()', []), 100n, zts)
  assert.ok(bytesEqual(burn.receive.data, u64be(1n)))
  const info = (await net.call('embedded.token.getByZts', [formatTokenStandard(zts)])) as { totalSupply: string; maxSupply: string }
  assert.equal(info.totalSupply, '1400')
  assert.equal(info.maxSupply, '2000')
  assert.equal(await balance(net, ISSUER.address, zts), 900n)
})
