// The commands the scale test and the PostgreSQL bench start as separate processes:
// worker, serve and migrate, without going through src/cli/main.ts.
import { Command } from 'commander';
import { NewsgraphError } from '../../src/doc/errors.js';
import { registerMigrateCommand } from '../../src/cli/migrate.js';
import { registerServeCommand } from '../../src/cli/serve.js';
import { registerWorkerCommand } from '../../src/cli/worker.js';

const program = new Command().name('newsgraph');
registerWorkerCommand(program);
registerServeCommand(program);
registerMigrateCommand(program);
try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`newsgraph: ${(err as Error).message}${err instanceof NewsgraphError ? ` [${err.code}]` : ''}\n`);
  process.exit(2);
}
