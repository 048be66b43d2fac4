import { readFileSync, renameSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import type { KeyValueStore } from './key-value-store.ts';

export type JsonFileProblem =
  | { kind: 'corrupt'; path: string; movedTo: string | null; detail: string }
  | { kind: 'unreadable'; path: string; detail: string };

export interface JsonFileStoreOptions {
  /** Told when the file could not be used at start-up; the store then starts empty. */
  onProblem?: (problem: JsonFileProblem) => void;
}

/**
 * A whole-file JSON object kept in memory and rewritten atomically on every change. Settings
 * are a handful of keys written on user action, so rewriting the file is cheap and keeps the
 * on-disk state always a complete, parseable snapshot.
 */
export class JsonFileStore implements KeyValueStore {
  readonly path: string;
  /** What went wrong while loading, if anything; null when the file was fine or absent. */
  readonly loadProblem: JsonFileProblem | null;
  #data: Record<string, unknown>;

  constructor(path: string, options: JsonFileStoreOptions = {}) {
    this.path = path;
    const { data, problem } = load(path);
    this.#data = data;
    this.loadProblem = problem;
    if (problem) options.onProblem?.(problem);
  }

  get(key: string): unknown {
    return Object.hasOwn(this.#data, key) ? structuredClone(this.#data[key]) : undefined;
  }

  set(key: string, value: unknown): void {
    if (value === undefined) {
      this.delete(key);
      return;
    }
    this.#commit({ ...this.#data, [key]: structuredClone(value) });
  }

  delete(key: string): void {
    if (!Object.hasOwn(this.#data, key)) return;
    const next = { ...this.#data };
    delete next[key];
    this.#commit(next);
  }

  /** Memory changes only after the disk write succeeded, so the two never disagree. */
  #commit(next: Record<string, unknown>): void {
    writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
    this.#data = next;
  }
}

function load(path: string): { data: Record<string, unknown>; problem: JsonFileProblem | null } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { data: {}, problem: null };
    return { data: {}, problem: { kind: 'unreadable', path, detail: String(error) } };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('top level is not an object');
    }
    return { data: parsed as Record<string, unknown>, problem: null };
  } catch (error) {
    // Keep the bad file for diagnosis; the next save would otherwise overwrite the evidence.
    const movedTo = `${path}.corrupt`;
    let moved: string | null = movedTo;
    try {
      renameSync(path, movedTo);
    } catch {
      moved = null;
    }
    return { data: {}, problem: { kind: 'corrupt', path, movedTo: moved, detail: String(error) } };
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
