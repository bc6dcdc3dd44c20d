export { SqliteStore, StoreError, openSqliteStore, type FailPoint, type SqliteStoreOptions } from './sqlite-store.js';
export { isNewerVersion } from '../rows.js';
export { MIGRATIONS, migrate, type Migration } from './migrations.js';
