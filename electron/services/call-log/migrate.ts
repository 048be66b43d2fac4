export { migrate, userVersion, SchemaTooNewError, type MigrationResult } from '../../../lib/sqlite/migrate.ts';
