/**
 * eth_call / eth_estimateGas / eth_createAccessList: run a transaction-shaped request on a copy of
 * the state at a block, with geth's defaults and messages. Nothing here is ever written.
 *
 * - No fee fields → fees are not charged and the block's base fee reads as 0 (geth's NoBaseFee).
 * - REVERT → ExecutionRevertedError(`execution reverted[: <Error(string) reason>]`, data = revert hex).
 * - Other failures → ExecutionError with the EVM's reason (`out of gas`, `invalid opcode`, …).
 */
import { Block, createBlockHeader } from '@ethereumjs/block'
import { createTx } from '@ethereumjs/tx'
import { Account, Address, bytesToHex, equalsBytes, hexToBytes } from '@ethereumjs/util'
import { runTx } from '@ethereumjs/vm'
import { createChainVM } from './createChainVM.ts'
import type { BlockHeader } from '@ethereumjs/block'
import type { Common } from '@ethereumjs/common'
import type { EVMMockBlockchainInterface } from '@ethereumjs/evm'
import type { MerkleStateManager } from '@ethereumjs/statemanager'
import type { TypedTransaction, TypedTxData } from '@ethereumjs/tx'
import type { RunTxResult, VM } from '@ethereumjs/vm'
import type { AccessListEntry, AccessListResult, CallRequest, Executor, StateOverrides } from '../backend.ts'
import { ExecutionError, ExecutionRevertedError, InvalidParamsError } from '../errors.ts'
import { PRELOADED_PARAMS } from './chainCommon.ts'

export interface ExecutorOptions {
  common: Common
  /** A state manager of the executor's own (no caches shared with the sequencer); moved to each call's root. */
  createState(): Promise<MerkleStateManager>
  /** VMs kept for calls; more concurrent calls wait for one (default 2). */
  maxEngines?: number
  blockHashes: EVMMockBlockchainInterface
  /** Gas of an eth_call without `gas` (geth's RPC gas cap: 50,000,000). */
  callGasCap?: bigint
}

const ERROR_SELECTOR = '0x08c379a0'
const ZERO_ADDRESS = new Uint8Array(20)
const TX_GAS = 21_000n

/** geth's message for revert data: the Error(string) reason when there is one. */
export function revertMessage(data: Uint8Array): string {
  if (data.length >= 68 && bytesToHex(data.subarray(0, 4)) === ERROR_SELECTOR) {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
    const offset = 4 + Number(view.getBigUint64(4 + 24))
    if (offset + 32 <= data.length) {
      const length = Number(view.getBigUint64(offset + 24))
      if (offset + 32 + length <= data.length) {
        return `execution reverted: ${new TextDecoder().decode(data.subarray(offset + 32, offset + 32 + length))}`
      }
    }
  }
  return 'execution reverted'
}

function hasFees(request: CallRequest): boolean {
  return (
    (request.gasPrice !== undefined && request.gasPrice > 0n) ||
    (request.maxFeePerGas !== undefined && request.maxFeePerGas > 0n) ||
    (request.maxPriorityFeePerGas !== undefined && request.maxPriorityFeePerGas > 0n)
  )
}

function mapRunTxError(error: unknown): ExecutionError {
  const message = error instanceof Error ? error.message : String(error)
  if (message.includes("doesn't have enough funds")) {
    return new ExecutionError('insufficient funds for gas * price + value', { cause: error })
  }
  if (message.includes('INTRINSIC_GAS_TOO_LOW')) return new ExecutionError('intrinsic gas too low', { cause: error })
  if (message.includes("is less than the block's baseFeePerGas")) {
    return new ExecutionError('max fee per gas less than block base fee', { cause: error })
  }
  return new ExecutionError(message.split(' -- ')[0] ?? message, { cause: error })
}

/** Throws the request's failure, if it failed. */
function checkResult(result: RunTxResult): void {
  const failure = result.execResult.exceptionError
  if (failure === undefined) return
  if (failure.error === 'revert') {
    const data = result.execResult.returnValue
    throw new ExecutionRevertedError(revertMessage(data), { data: bytesToHex(data) })
  }
  throw new ExecutionError(failure.error)
}

export function createExecutor(options: ExecutorOptions): Executor {
  const { common } = options
  const callGasCap = options.callGasCap ?? 50_000_000n

  async function applyOverrides(state: MerkleStateManager, overrides: StateOverrides | undefined): Promise<void> {
    if (overrides === undefined) return
    for (const [hex, o] of overrides) {
      const address = new Address(hexToBytes(hex as `0x${string}`))
      if (o.state !== undefined && o.stateDiff !== undefined) {
        throw new InvalidParamsError(`account ${hex} has both 'state' and 'stateDiff'`)
      }
      const account = (await state.getAccount(address)) ?? new Account()
      if (o.balance !== undefined) account.balance = o.balance
      if (o.nonce !== undefined) account.nonce = o.nonce
      await state.putAccount(address, account)
      if (o.code !== undefined) await state.putCode(address, o.code)
      if (o.state !== undefined) await state.clearStorage(address)
      for (const [slot, value] of o.state ?? o.stateDiff ?? []) {
        await state.putStorage(address, hexToBytes(slot as `0x${string}`), value)
      }
    }
  }

  interface Session {
    vm: VM
    block: Block
    run(request: CallRequest, gas: bigint, extra?: { accessList?: AccessListEntry[]; report?: boolean }): Promise<RunTxResult>
  }

  /** A VM with its own state manager, reused across calls (creating a VM costs more than a call). */
  interface Engine {
    vm: VM
    state: MerkleStateManager
  }
  const idle: Engine[] = []
  const waiting: ((engine: Engine) => void)[] = []
  let engines = 0
  const maxEngines = options.maxEngines ?? 2

  async function acquire(): Promise<Engine> {
    const free = idle.pop()
    if (free !== undefined) return free
    if (engines < maxEngines) {
      engines++
      const state = await options.createState()
      const vm = await createChainVM({ common, stateManager: state, blockchain: options.blockHashes })
      return { vm, state }
    }
    return new Promise((resolve) => waiting.push(resolve))
  }

  function release(engine: Engine): void {
    const next = waiting.shift()
    if (next !== undefined) next(engine)
    else idle.push(engine)
  }

  /** Runs `fn` on an engine at `at`'s state with the overrides applied; nothing persists. */
  async function withSession<T>(at: BlockHeader, request: CallRequest, overrides: StateOverrides | undefined, fn: (session: Session) => Promise<T>): Promise<T> {
    const engine = await acquire()
    const { vm, state } = engine
    try {
      await state.setStateRoot(at.stateRoot)
      await state.checkpoint()
      try {
        await applyOverrides(state, overrides)
        return await fn(createSession(vm, state, at, request))
      } finally {
        await state.revert()
      }
    } finally {
      release(engine)
    }
  }

  /**
   * The block calls run in, per (block hash, fees charged): building it from the header's JSON
   * costs more than a simple call, and a burst of eth_call at `latest` shares one. Blocks are
   * never modified by runTx, so concurrent calls may share them; the newest few are kept.
   */
  const callBlocks = new Map<string, Block>()
  function callBlock(at: BlockHeader, charged: boolean): Block {
    const key = `${bytesToHex(at.hash())}:${charged}`
    const cached = callBlocks.get(key)
    if (cached !== undefined) return cached
    const header = createBlockHeader(
      {
        ...at.toJSON(),
        baseFeePerGas: charged ? at.baseFeePerGas : 0n,
      },
      { common, setHardfork: false, skipConsensusFormatValidation: true, params: PRELOADED_PARAMS },
    )
    const block = new Block(header, [], [], [], { common, params: PRELOADED_PARAMS })
    callBlocks.set(key, block)
    if (callBlocks.size > 8) callBlocks.delete(callBlocks.keys().next().value as string)
    return block
  }

  function createSession(vm: VM, state: MerkleStateManager, at: BlockHeader, request: CallRequest): Session {
    const charged = hasFees(request)
    const block = callBlock(at, charged)
    const from = new Address(request.from ?? ZERO_ADDRESS)
    return {
      vm,
      block,
      async run(req, gas, extra = {}) {
        const accessList = extra.accessList ?? req.accessList ?? []
        const feeCap = req.maxFeePerGas ?? req.gasPrice ?? 0n
        const data: TypedTxData = {
          type: req.authorizationList !== undefined && req.authorizationList.length > 0 ? 4 : 2,
          nonce: req.nonce ?? (await state.getAccount(from))?.nonce ?? 0n,
          gasLimit: gas,
          maxFeePerGas: feeCap,
          maxPriorityFeePerGas: req.maxPriorityFeePerGas ?? req.gasPrice ?? 0n,
          value: req.value ?? 0n,
          data: req.data ?? new Uint8Array(),
          accessList: accessList.map((e) => [e.address, e.storageKeys]),
          chainId: common.chainId(),
        } as TypedTxData
        if (req.to !== undefined && req.to !== null) (data as { to?: Uint8Array }).to = req.to
        if (data.type === 4) {
          ;(data as { authorizationList?: unknown }).authorizationList = (req.authorizationList ?? []).map((a) => ({
            chainId: `0x${a.chainId.toString(16)}`,
            address: bytesToHex(a.address),
            nonce: `0x${a.nonce.toString(16)}`,
            yParity: `0x${a.yParity.toString(16)}`,
            r: `0x${a.r.toString(16)}`,
            s: `0x${a.s.toString(16)}`,
          }))
        }
        let tx: TypedTransaction
        try {
          tx = createTx(data, { common, freeze: false, params: PRELOADED_PARAMS })
        } catch (cause) {
          throw new InvalidParamsError((cause as Error).message.split(' -- ')[0] ?? 'invalid call request', { cause })
        }
        tx.getSenderAddress = () => from
        await state.checkpoint()
        try {
          return await runTx(vm, {
            tx,
            block,
            skipNonce: true,
            skipBalance: !charged,
            skipBlockGasLimitValidation: true,
            skipHardForkValidation: true,
            reportAccessList: extra.report === true,
          })
        } catch (error) {
          throw mapRunTxError(error)
        } finally {
          await state.revert()
        }
      },
    }
  }

  async function gasCeiling(session: Session, request: CallRequest, at: BlockHeader): Promise<bigint> {
    let hi = request.gas !== undefined && request.gas >= TX_GAS ? request.gas : at.gasLimit
    const feeCap = request.maxFeePerGas ?? request.gasPrice ?? 0n
    if (feeCap > 0n) {
      const account = await session.vm.stateManager.getAccount(new Address(request.from ?? ZERO_ADDRESS))
      const available = (account?.balance ?? 0n) - (request.value ?? 0n)
      if (available < 0n) throw new ExecutionError('insufficient funds for transfer')
      const allowance = available / feeCap
      if (allowance < hi) hi = allowance
    }
    return hi
  }

  return {
    call(request, at, overrides) {
      return withSession(at, request, overrides, async (session) => {
        const result = await session.run(request, request.gas ?? callGasCap)
        checkResult(result)
        return result.execResult.returnValue
      })
    },

    estimateGas(request, at, overrides) {
      return withSession(at, request, overrides, (session) => estimate(session, request, at))
    },

    createAccessList(request, at) {
      return withSession(at, request, undefined, (session) => accessListOf(session, request, at))
    },
  }

  async function estimate(session: Session, request: CallRequest, at: BlockHeader): Promise<bigint> {
    let hi = await gasCeiling(session, request, at)
    const first = await session.run(request, hi)
    checkResult(first)
    const used = first.totalGasSpent
    let lo = used - 1n
    // Most calls succeed with what they used plus the 1/64 kept back by CALL: try that first.
    const optimistic = (used + first.gasRefund + 2_300n) * 64n / 63n
    if (optimistic < hi) {
      const ok = await succeeds(session, request, optimistic)
      if (ok) hi = optimistic
      else lo = optimistic
    }
    while (lo + 1n < hi) {
      const mid = (lo + hi) / 2n
      if (await succeeds(session, request, mid)) hi = mid
      else lo = mid
    }
    return hi
  }

  async function accessListOf(session: Session, request: CallRequest, at: BlockHeader): Promise<AccessListResult> {
    const gas = request.gas ?? at.gasLimit
    const from = request.from ?? ZERO_ADDRESS
    const excluded = [from, ...(request.to ? [request.to] : [])]
    const precompiles = new Set([...session.vm.evm.precompiles.keys()].map((k) => k.toLowerCase()))
    const first = await session.run(request, gas, { report: true })
    const accessList: AccessListEntry[] = []
    for (const entry of first.accessList ?? []) {
      const address = hexToBytes(entry.address as `0x${string}`)
      // As geth's access-list tracer: sender, recipient and precompiles are listed only for their slots.
      const implicit = excluded.some((e) => equalsBytes(e, address)) || precompiles.has(entry.address.slice(2).toLowerCase())
      if (implicit && entry.storageKeys.length === 0) continue
      accessList.push({ address, storageKeys: entry.storageKeys.map((k) => hexToBytes(k as `0x${string}`)) })
    }
    const final = await session.run(request, gas, { accessList })
    const failure = final.execResult.exceptionError
    const result: AccessListResult = { accessList, gasUsed: final.totalGasSpent }
    if (failure !== undefined) {
      result.error = failure.error === 'revert' ? revertMessage(final.execResult.returnValue) : failure.error
    }
    return result
  }

  async function succeeds(session: Session, request: CallRequest, gas: bigint): Promise<boolean> {
    try {
      const result = await session.run(request, gas)
      return result.execResult.exceptionError === undefined
    } catch (error) {
      if (error instanceof ExecutionError && error.message === 'intrinsic gas too low') return false
      throw error
    }
  }
}
