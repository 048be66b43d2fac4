/**
 * Semantic-version comparison for update decisions (semver 2.0 precedence, build
 * metadata ignored). A version that does not parse is never "newer": a broken feed
 * must not offer a downgrade or a mystery build.
 */
export type ParsedVersion = { core: [number, number, number]; prerelease: string[] };

const VERSION =
  /^v?(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z.-]{1,64}))?(?:\+[0-9A-Za-z.-]{1,64})?$/;

export function parseVersion(text: string): ParsedVersion | null {
  const match = VERSION.exec(text);
  if (!match) return null;
  const prerelease = match[4] ? match[4].split('.') : [];
  if (prerelease.some((part) => part === '' || /^0\d+$/.test(part))) return null;
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], prerelease };
}

/** Negative if a < b, 0 if equal precedence, positive if a > b. */
export function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  for (let i = 0; i < 3; i++) {
    const diff = a.core[i]! - b.core[i]!;
    if (diff !== 0) return Math.sign(diff);
  }
  // A release ranks above its pre-releases: 1.0.0 > 1.0.0-beta.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    if (xNum && yNum) {
      if (Number(x) !== Number(y)) return Math.sign(Number(x) - Number(y));
    } else if (xNum !== yNum) {
      return xNum ? -1 : 1; // numeric identifiers rank below alphanumeric ones
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** True only when both parse and `candidate` is strictly newer than `current`. */
export function isNewerVersion(candidate: string, current: string): boolean {
  const a = parseVersion(candidate);
  const b = parseVersion(current);
  return a !== null && b !== null && compareParsed(a, b) > 0;
}
