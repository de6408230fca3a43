import type { ConfigSource } from "./types.js";

/**
 * Describes a setting's source in words, e.g. `env LAKECTL_SERVER_ENDPOINT_URL`
 * or `server.endpoint_url in /home/me/.lakectl.yaml`.
 *
 * @public
 */
export function describeSource(source: ConfigSource): string {
  switch (source.kind) {
    case "option":
      return `option ${source.name}`;
    case "env":
      return `env ${source.name}`;
    case "lakectl-file":
      return `${source.key} in ${source.path}`;
    case "aws-profile":
      return `AWS profile "${source.profile}"`;
    case "default":
      return "default";
  }
}
