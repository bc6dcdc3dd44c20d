export { PostgresStore, StoreError, openPostgresStore, redactUrl, type FailPoint, type PostgresStoreOptions } from './postgres-store.js';
export { isNewerVersion } from '../rows.js';
export { MIGRATIONS, migrate, migrationStatus, type PgMigration } from './migrations.js';
export { PgFeeds } from './feeds.js';
