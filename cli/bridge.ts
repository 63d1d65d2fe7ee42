/**
 * `nomx bridge deposit|withdraw|prove|finalize|status`: the user's side of the bridge. Each
 * subcommand lives in bridge/cli/; this maps its errors to exit codes: 0 ok, 1 a user error (the
 * message says what to fix), 2 a node not reachable or a wait that ran out (try again later).
 */
import { BridgeNetworkError, BridgeUserError } from '../bridge/cli/errors.ts'
import { L2RpcError } from '../bridge/cli/l2Rpc.ts'
import { processOutput, type Output } from '../bridge/cli/output.ts'
import { RPCError, TimeoutError, TransportError } from '../nom/errors.ts'

interface Subcommand {
  summary: string
  help: () => Promise<string>
  run: (args: string[], env: NodeJS.ProcessEnv, out: Output) => Promise<number>
}

const subcommands: Record<string, Subcommand> = {
  deposit: {
    summary: 'deposit ZNN, QSR or a ZTS from NoM to an L2 address',
    help: async () => (await import('../bridge/cli/deposit.ts')).DEPOSIT_HELP,
    run: async (args, env, out) => (await import('../bridge/cli/deposit.ts')).runDeposit(args, env, out),
  },
  withdraw: {
    summary: 'start a withdrawal of ZNN or a bridged token from your L2 account to a NoM address',
    help: async () => (await import('../bridge/cli/withdraw.ts')).WITHDRAW_HELP,
    run: async (args, env, out) => (await import('../bridge/cli/withdraw.ts')).runWithdraw(args, env, out),
  },
  prove: {
    summary: 'prove an L2 withdrawal on the NoM anchor (once a commitment covers it)',
    help: async () => (await import('../bridge/cli/prove.ts')).PROVE_HELP,
    run: async (args, env, out) => (await import('../bridge/cli/prove.ts')).runProve(args, env, out),
  },
  finalize: {
    summary: 'finalize a proven withdrawal after its challenge window: the anchor pays on NoM',
    help: async () => (await import('../bridge/cli/finalize.ts')).FINALIZE_HELP,
    run: async (args, env, out) => (await import('../bridge/cli/finalize.ts')).runFinalize(args, env, out),
  },
  status: {
    summary: 'where a withdrawal (--tx) or a deposit (--deposit) stands, and what to do next',
    help: async () => (await import('../bridge/cli/status.ts')).STATUS_HELP,
    run: async (args, env, out) => (await import('../bridge/cli/status.ts')).runStatus(args, env, out),
  },
}

export function bridgeUsage(): string {
  const lines = Object.entries(subcommands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  return `usage: nomx bridge <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'nomx bridge <command> --help' for its options.`
}

/** Exit code and message for an error a subcommand threw; unknown errors are rethrown (a bug). */
export function reportBridgeError(command: string, error: unknown): number {
  const say = (text: string) => process.stderr.write(`nomx bridge ${command}: ${text}\n`)
  if (error instanceof BridgeUserError || error instanceof BridgeNetworkError) {
    say(error.message)
    return error.exitCode
  }
  if (error instanceof TransportError || error instanceof TimeoutError) {
    say(`${error.message}: the NoM node did not answer; try again when it does (--nom-rpc URL)`)
    return 2
  }
  if (error instanceof RPCError) {
    say(`the NoM node refused a request: ${error.message}`)
    return 1
  }
  if (error instanceof L2RpcError) {
    say(`the L2 node refused a request: ${error.message}`)
    return 1
  }
  throw error
}

export async function run(args: string[]): Promise<number> {
  const [name, ...rest] = args
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(bridgeUsage())
    return name === undefined ? 1 : 0
  }
  const command = subcommands[name]
  if (command === undefined) {
    console.error(`nomx bridge: unknown command '${name}'\n\n${bridgeUsage()}`)
    return 1
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(await command.help())
    return 0
  }
  try {
    return await command.run(rest, process.env, processOutput())
  } catch (error) {
    return reportBridgeError(name, error)
  }
}
