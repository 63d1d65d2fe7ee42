/**
 * The `nomx` command: one table from subcommand to the module that runs it. Each module exports
 * `run(args)` and returns the process exit code. This is the composition root, so it is the only
 * place allowed to reach into node/, nom/ and bridge/ alike.
 */

interface Command {
  summary: string
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>
}

const commands: Record<string, Command> = {
  dev: { summary: 'run the whole dev stack with prefunded accounts (what `npm start` runs)', load: () => import('./dev.ts') },
  node: { summary: 'run a sequencer node from a config file: nomx node --config FILE', load: () => import('../node/cli.ts') },
  'nom-devnet': { summary: 'run a standalone local NoM devnet', load: () => import('../nom/devnet/cli.ts') },
  bridge: { summary: 'move funds between NoM and the L2: deposit, withdraw, prove, finalize, status', load: () => import('./bridge.ts') },
  verifier: { summary: 'derive the L2 from NoM, check commitments, flag and vote: nomx verifier --nom-rpc URL --genesis FILE', load: () => import('./verifier.ts') },
}

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  return `usage: nomx <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'nomx <command> --help' for a command's options.`
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage())
    return name === undefined ? 1 : 0
  }
  const command = commands[name]
  if (command === undefined) {
    console.error(`nomx: unknown command '${name}'\n\n${usage()}`)
    return 1
  }
  const module = await command.load()
  return module.run(rest)
}
