export { PostgresStore, StoreError, openPostgresStore, redactUrl, isNewerVersion, type FailPoint, type PostgresStoreOptions } from './postgres-store.js';
export { MIGRATIONS, migrate, migrationStatus, type PgMigration } from './migrations.js';
export { PgFeeds } from './feeds.js';
