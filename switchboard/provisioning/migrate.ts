// The same runner as the app's call log: one way to migrate a SQLite database.
export { migrate, userVersion, SchemaTooNewError } from '../../lib/sqlite/migrate.ts';
