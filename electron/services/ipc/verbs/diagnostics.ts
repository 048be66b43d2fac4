/** Settings › About › "Export diagnostics" (electron/services/diagnostics). */
import type { UiHandlers, VerbTargets } from './types.ts';

export const diagnosticsVerbs = ({ exportDiagnostics }: VerbTargets) =>
  ({
    exportDiagnostics: () => exportDiagnostics(),
  }) satisfies Partial<UiHandlers>;
