export { migrate, userVersion, SchemaTooNewError, type MigrationResult } from '../sqlite/migrate.ts';
