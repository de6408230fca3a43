/**
 * The toolkit's lakeFS version policy, as pure functions: the oldest server it is tested
 * against (CI's older leg), the newest, and a verdict for any version a server reports.
 */

/** A lakeFS release number, e.g. `1.86.0` → `{ major: 1, minor: 86, patch: 0 }`. @public */
export interface ParsedServerVersion {
  /** The major release, `1` in `1.86.0`. */
  readonly major: number;
  /** The minor release, `86` in `1.86.0`. */
  readonly minor: number;
  /** The patch release, `0` in `1.86.0`. */
  readonly patch: number;
}

/** The verdict on a server's version: whether the toolkit supports it, and what to tell the user. @public */
export interface ServerVersionVerdict {
  /** The version as the server reported it. */
  readonly version: string;
  /** False for releases older than {@link OLDEST_SUPPORTED_LAKEFS}: calls may fail in ways the toolkit cannot name. */
  readonly supported: boolean;
  /** Why the version is refused or worth a warning; undefined for a tested release. */
  readonly message: string | undefined;
}

/** The oldest lakeFS release the toolkit supports: the older server of CI's version matrix. @public */
export const OLDEST_SUPPORTED_LAKEFS = "1.82.0";
/** The newest lakeFS release the toolkit is tested against (CI's main runs). @public */
export const NEWEST_TESTED_LAKEFS = "1.86.0";

/** Parses `1.86.0`, `v1.86.0` or `1.86.0-rc.1` (the pre-release is ignored); undefined for anything else (e.g. `dev`). @public */
export function parseServerVersion(text: string): ParsedServerVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer. @public */
export function compareServerVersions(a: ParsedServerVersion, b: ParsedServerVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** The toolkit's verdict on the version a lakeFS server reports. @public */
export function serverVersionVerdict(version: string): ServerVersionVerdict {
  const parsed = parseServerVersion(version);
  if (!parsed) {
    return { version, supported: true, message: `lakeFS reports version "${version}", which is not a release number: the toolkit is tested against ${OLDEST_SUPPORTED_LAKEFS} to ${NEWEST_TESTED_LAKEFS}.` };
  }
  if (compareServerVersions(parsed, parseServerVersion(OLDEST_SUPPORTED_LAKEFS)!) < 0) {
    return { version, supported: false, message: `lakeFS ${version} is older than ${OLDEST_SUPPORTED_LAKEFS}, the oldest release this toolkit supports: upgrade the server (1.86.0 fixes GHSA-gf2q-q6wc-x7fm).` };
  }
  if (compareServerVersions(parsed, parseServerVersion(NEWEST_TESTED_LAKEFS)!) < 0) {
    return { version, supported: true, message: `lakeFS ${version} misses security fixes of later releases (1.84.1, and GHSA-gf2q-q6wc-x7fm in 1.86.0): upgrade to ${NEWEST_TESTED_LAKEFS}.` };
  }
  const newest = parseServerVersion(NEWEST_TESTED_LAKEFS)!;
  if (parsed.major > newest.major) {
    return { version, supported: true, message: `lakeFS ${version} is a major release newer than ${NEWEST_TESTED_LAKEFS}, the newest this toolkit is tested against.` };
  }
  return { version, supported: true, message: undefined };
}
