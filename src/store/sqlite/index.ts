export { SqliteStore, StoreError, openSqliteStore, isNewerVersion, type FailPoint, type SqliteStoreOptions } from './sqlite-store.js';
export { MIGRATIONS, migrate, type Migration } from './migrations.js';
