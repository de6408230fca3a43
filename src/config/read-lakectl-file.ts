import { readFile } from "node:fs/promises";
import { ConfigurationError } from "../errors/input-errors.js";

/**
 * The settings of a lakectl file that the toolkit reads.
 *
 * @public
 */
export interface LakectlFileSettings {
  readonly path: string;
  readonly endpointUrl?: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
}

function stringAt(doc: unknown, section: string, key: string, path: string): string | undefined {
  const value = (doc as Record<string, Record<string, unknown> | undefined> | null)?.[section]?.[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") {
    throw new ConfigurationError(`${section}.${key} in ${path} must be a string, not ${typeof value}`);
  }
  return value;
}

/**
 * Reads a lakectl YAML file. Returns `undefined` when the file does not exist.
 * The YAML parser is loaded only when there is a file to parse.
 *
 * @public
 */
export async function readLakectlFile(path: string): Promise<LakectlFileSettings | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigurationError(`Cannot read the lakectl file ${path}: ${(err as Error).message}`, { cause: err });
  }
  const { parse } = await import("yaml");
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    // The YAML error quotes the offending line, which may hold a secret: keep only its position.
    const pos = (err as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
    throw new ConfigurationError(
      `The lakectl file ${path} is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}`,
    );
  }
  return {
    path,
    endpointUrl: stringAt(doc, "server", "endpoint_url", path),
    accessKeyId: stringAt(doc, "credentials", "access_key_id", path),
    secretAccessKey: stringAt(doc, "credentials", "secret_access_key", path),
  };
}
