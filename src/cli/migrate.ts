// `newsgraph migrate`: applies PostgreSQL schema upgrades (every other command also applies
// them on start, under the same advisory lock; run this first in a deployment so servers and
// workers start on a ready schema). SQLite stores migrate themselves when opened.

import { Option, type Command } from 'commander';
import pg from 'pg';
import { NewsgraphError } from '../doc/errors.js';
import { DATABASE_URL_ENV, resolveDatabaseUrl } from '../store/paths.js';
import { MIGRATIONS, migrate, migrationStatus, redactUrl } from '../store/postgres/index.js';

export function registerMigrateCommand(program: Command): Command {
  return program
    .command('migrate')
    .description('Apply pending PostgreSQL schema migrations (safe to run from several places at once), or show them with --status.')
    .addOption(new Option('--database <url>', 'the PostgreSQL database (postgres://…)').env(DATABASE_URL_ENV))
    .option('--status', 'list applied and pending migrations, change nothing')
    .action(async (opts) => {
      await migrateCommand({ database: opts.database as string | undefined, status: Boolean(opts.status) });
    });
}

export async function migrateCommand(options: { database?: string; status?: boolean }, out: (m: string) => void = (m) => process.stdout.write(m)): Promise<void> {
  const url = resolveDatabaseUrl(options.database, {});
  if (!url) throw new NewsgraphError('NO_DATABASE', `Give --database postgres://user@host/db or set ${DATABASE_URL_ENV} (SQLite stores migrate themselves when opened).`);
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'newsgraph migrate' });
  try {
    if (options.status) {
      const { applied, pending } = await migrationStatus(pool);
      for (const m of MIGRATIONS) out(`${applied.includes(m.version) ? 'applied' : 'pending'}  ${m.version}  ${m.name}\n`);
      out(`${redactUrl(url)}: ${applied.length} applied, ${pending.length} pending.\n`);
      return;
    }
    const done = await migrate(pool);
    out(done.length ? `${redactUrl(url)}: applied ${done.join(', ')}; schema version ${Math.max(...MIGRATIONS.map((m) => m.version))}.\n` : `${redactUrl(url)}: up to date (schema version ${Math.max(...MIGRATIONS.map((m) => m.version))}).\n`);
  } catch (err) {
    if (err instanceof NewsgraphError) throw err;
    throw new NewsgraphError('MIGRATE_FAILED', `Cannot migrate ${redactUrl(url)}: ${(err as Error).message}`);
  } finally {
    await pool.end();
  }
}
