/**
 * Issue 5, e2e: viem's op-stack helpers against our L2 RPC. What works as is (asserted below):
 * - `walletActionsL2().initiateWithdrawal` writes to our message passer (same address 0x4200…0016,
 *   same `initiateWithdrawal(address,uint256,bytes)`), with the NoM target's raw 20 bytes as `to`;
 * - `getWithdrawals` decodes our `MessagePassed` logs (same event signature as OP's);
 * - `getWithdrawalHashStorageSlot` is our slot keccak(withdrawalHash ‖ 0);
 * - `buildProveWithdrawal(l2Client, { output, withdrawal })` builds, from our eth_getProof and
 *   eth_getBlockByNumber, an outputRootProof whose keccak is the anchor commitment's outputRoot
 *   (OP v0), and its withdrawalProof, flattened into ProveWithdrawal's Zenon-ABI arguments, is
 *   accepted by the anchor;
 * - the op-stack chain formatters read our deposit transactions (type 'deposit', sourceHash, mint,
 *   isSystemTx), op-stack `serializeTransaction` re-encodes one to its hash, and
 *   `getSourceHash({ domain: 'userDeposit', l1BlockHash: momentumHash, l1LogIndex: index })` is our
 *   deposit's sourceHash.
 * What cannot work, and why (no assertion possible without an L1 EVM): every action that reads or
 * writes L1 contracts (getL2Output, getTimeToProve, proveWithdrawal, finalizeWithdrawal,
 * getWithdrawalStatus, depositTransaction, getL2TransactionHashes): NoM is not an EVM chain, the
 * commitments live in the anchor (embedded.anchor.getCommitment, not L2OutputOracle), deposits are
 * anchor records, not OptimismPortal TransactionDeposited logs, and ProveWithdrawal takes the same
 * values as flattened Zenon ABI arguments (no tuples) sent as a NoM account block.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, createWalletClient, encodeAbiParameters, http, keccak256, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import {
  buildProveWithdrawal,
  chainConfig,
  getSourceHash,
  getWithdrawalHashStorageSlot,
  getWithdrawals,
  serializeTransaction,
  walletActionsL2,
} from 'viem/op-stack'
import { ProveWithdrawalABI } from '../../contracts/anchor/abi.ts'
import { callAnchor } from '../../contracts/anchor/rpc/anchorCall.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { fromHex, toHex } from '../../nom/hash.ts'
import { messagesPassed, nomTargetOnL2, proveArgsFromEthGetProof, startTestStack } from '../helpers/stack.ts'

const bytes = (h: Hex) => fromHex(h.slice(2))

test("viem op-stack: initiateWithdrawal, getWithdrawals, buildProveWithdrawal and deposit formatters work on our L2 RPC; the anchor accepts viem's proof", async () => {
  const t = await startTestStack()
  try {
    const { stack } = t
    const chain = {
      ...chainConfig,
      id: Number(stack.chainId),
      name: 'nomx',
      nativeCurrency: { name: 'ZNN', symbol: 'ZNN', decimals: 18 },
      rpcUrls: { default: { http: [stack.urls.l2Http] } },
    }
    const l2 = createPublicClient({ chain, transport: http(stack.urls.l2Http) })
    const account = privateKeyToAccount(t.l2Keys[0]!)
    const wallet = createWalletClient({ account, chain, transport: http(stack.urls.l2Http) }).extend(walletActionsL2())

    // A deposit, read through viem's op-stack formatters.
    const deposit = await t.depositOnNoM(t.roles.user, ZNN_ZTS, 20n * 100_000_000n, account.address.toLowerCase() as Hex)
    await t.waitForL2Receipt(deposit.l2TxHash)
    const tx = await l2.getTransaction({ hash: deposit.l2TxHash })
    assert.equal(tx.type, 'deposit')
    assert.ok(tx.type === 'deposit')
    assert.equal(tx.mint, 20n * 100_000_000n * 10n ** 10n)
    // Our RPC leaves isSystemTx out when false (node/rpc/format.ts), so viem reads it as undefined.
    assert.equal(tx.isSystemTx ?? false, false)
    assert.equal(tx.sourceHash, getSourceHash({ domain: 'userDeposit', l1BlockHash: `0x${toHex(deposit.record.momentumHash)}`, l1LogIndex: Number(deposit.record.index) }))
    const serialized = serializeTransaction({
      type: 'deposit',
      sourceHash: tx.sourceHash,
      from: tx.from,
      to: tx.to!,
      mint: tx.mint!,
      value: tx.value,
      gas: tx.gas,
      isSystemTx: tx.isSystemTx ?? false,
      data: tx.input,
    })
    assert.equal(keccak256(serialized), deposit.l2TxHash)

    // Withdrawal initiated with viem's L2 wallet action, target = the NoM account's raw 20 bytes.
    const target = t.roles.flagger
    const value = 3n * 10n ** 18n
    const hash = await wallet.initiateWithdrawal({ request: { to: nomTargetOnL2(target.address), gas: 0n, value, data: '0x' } })
    const receipt = await l2.waitForTransactionReceipt({ hash })
    assert.equal(receipt.status, 'success')
    const [withdrawal] = getWithdrawals({ logs: receipt.logs })
    assert.ok(withdrawal !== undefined)
    const [ours] = await messagesPassed((await t.waitForL2Receipt(hash)) as never)
    assert.deepEqual({ ...withdrawal, sender: withdrawal.sender.toLowerCase(), target: withdrawal.target.toLowerCase() }, ours)
    assert.equal(
      getWithdrawalHashStorageSlot({ withdrawalHash: withdrawal.withdrawalHash }),
      keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], [withdrawal.withdrawalHash, 0n])),
    )

    // buildProveWithdrawal against the anchor's commitment, fed to the anchor's ProveWithdrawal.
    const commitment = await t.waitForCommitment(receipt.blockNumber)
    const built = await buildProveWithdrawal(l2 as never, {
      withdrawal,
      output: {
        outputIndex: BigInt(commitment.index),
        outputRoot: `0x${commitment.outputRoot}` as Hex,
        l2BlockNumber: BigInt(commitment.l2BlockNumber),
        timestamp: 0n,
      },
    } as never)
    const p = built.outputRootProof
    assert.equal(keccak256(`0x${[p.version, p.stateRoot, p.messagePasserStorageRoot, p.latestBlockhash].map((h) => h.slice(2)).join('')}`), `0x${commitment.outputRoot}`)
    const args = {
      chainId: stack.chainId,
      commitmentIndex: built.l2OutputIndex,
      nonce: withdrawal.nonce,
      sender: bytes(withdrawal.sender),
      target: bytes(withdrawal.target),
      value: withdrawal.value,
      gasLimit: withdrawal.gasLimit,
      data: bytes(withdrawal.data),
      version: bytes(p.version),
      stateRoot: bytes(p.stateRoot),
      messagePasserStorageRoot: bytes(p.messagePasserStorageRoot),
      latestBlockhash: bytes(p.latestBlockhash),
      storageProof: built.withdrawalProof.map(bytes),
    }
    // viem appends a branch's inlined children when a proof ends in a branch node (maybeAddProofNode);
    // this proof ends in a leaf, so it is eth_getProof's. (Extra nodes would not matter to the anchor:
    // contracts/anchor/secureStorageProof.ts looks nodes up by hash and ignores unused ones.)
    const direct = await proveArgsFromEthGetProof(stack.urls.l2Http, stack.chainId, commitment as never, ours!)
    assert.deepEqual(args.storageProof.map((n) => toHex(n)), direct.storageProof.map((n) => toHex(n)))
    const outcome = await callAnchor(stack.nomClient, t.roles.user, ProveWithdrawalABI.encode(args), { pollMs: 30 })
    assert.deepEqual(outcome, { ok: true, sendHash: outcome.sendHash })
    const record = await t.anchor('getWithdrawal', [stack.chainId.toString(), withdrawal.withdrawalHash.slice(2)])
    assert.equal(record.status, 'proven')
    assert.equal(BigInt(record.amount), value / 10n ** 10n)
  } finally {
    await t.stop()
  }
})
