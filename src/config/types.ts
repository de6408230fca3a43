import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { DataPath } from "./data-path.js";

/**
 * Receives the toolkit's warnings and debug lines. `console` fits.
 *
 * @public
 */
export interface Logger {
  /** Something the user should know about, such as disabled TLS verification. */
  warn(message: string): void;
  /** Detail for troubleshooting. Optional. */
  debug?(message: string): void;
}

/**
 * How request bodies are checksummed on the S3 path.
 *
 * - `"when_required"`: only for operations that require a checksum (lakeFS
 *   releases before 1.56 reject the SDK's default aws-chunked trailer).
 * - `"when_supported"`: the AWS SDK default, a CRC32 trailer on every upload.
 *
 * @public
 */
export type ChecksumMode = "when_required" | "when_supported";

/**
 * Options for a lakeFS client. Every field is optional: what is not given is
 * taken from `LAKECTL_*` environment variables, then from the lakectl file
 * (`~/.lakectl.yaml`), then from defaults.
 *
 * @public
 */
export interface LakeFSClientConfig {
  /**
   * The lakeFS server URL, such as `https://lakefs.example.com`. A trailing
   * `/api/v1` is accepted and removed: the REST path and the S3 gateway are
   * both derived from the server URL.
   * Env: `LAKECTL_SERVER_ENDPOINT_URL`; lakectl file: `server.endpoint_url`.
   */
  readonly endpoint?: string;
  /** Access key id. Env: `LAKECTL_CREDENTIALS_ACCESS_KEY_ID`; lakectl file: `credentials.access_key_id`. */
  readonly accessKeyId?: string;
  /** Secret access key. Env: `LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY`; lakectl file: `credentials.secret_access_key`. */
  readonly secretAccessKey?: string;
  /**
   * Credentials as an AWS identity or any provider from
   * `@aws-sdk/credential-providers` (for example `fromIni({ profile: "lakefs" })`).
   * Takes precedence over `accessKeyId`/`secretAccessKey` and every other source.
   */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * Name of an AWS shared-config profile (`~/.aws/credentials`) whose keys are
   * lakeFS keys. Used only when no other source gives credentials.
   */
  readonly awsProfile?: string;
  /**
   * Which way object bytes of the handles' uploads and downloads travel
   * ({@link DataPath}); each call may override it. Default `"auto"`.
   */
  readonly dataPath?: DataPath;
  /** Region used to sign S3 requests. Default `"us-east-1"`, which lakeFS expects unless configured otherwise. */
  readonly region?: string;
  /** Extra trusted CA certificates: PEM text or paths to PEM files, added to Node's default roots. */
  readonly caCert?: string | readonly string[];
  /**
   * Disables TLS certificate verification for this client only. Never use in
   * production. Logs a warning once. Default `false`.
   */
  readonly insecure?: boolean;
  /**
   * Proxy URL for both paths, e.g. `http://user:pass@proxy:3128`. When not set,
   * `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` from the environment apply. Pass
   * `false` to ignore the environment.
   */
  readonly proxy?: string | false;
  /** Milliseconds to wait for a TCP/TLS connection. Default 5 000. */
  readonly connectionTimeout?: number;
  /**
   * Milliseconds from sending a request until its response headers arrive,
   * body upload included. Default `0` (no limit), so that long part uploads are
   * bounded by `socketTimeout` instead. Set it for latency-bound callers such as
   * Lambda functions.
   */
  readonly requestTimeout?: number;
  /**
   * Milliseconds a socket may stay idle (no byte sent or received) before the
   * request fails with a `TimeoutError`. Default 60 000; `0` disables it.
   * Catches a stalled server without limiting a large transfer that progresses.
   */
  readonly socketTimeout?: number;
  /**
   * Maximum concurrent sockets per host, in each of the client's pools: the
   * agents (REST and S3 calls, uploads), the receiver of object reads, and the
   * worker that receives downloads into a file, so a client may hold up to
   * three times this many. Default 64.
   */
  readonly maxSockets?: number;
  /** Attempts for retryable requests, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** S3 request checksum behaviour. Default `"when_required"`. See {@link ChecksumMode}. */
  readonly checksums?: ChecksumMode;
  /**
   * Path of the lakectl config file, or `false` to ignore it.
   * Default: env `LAKECTL_CONFIG_FILE`, else `~/.lakectl.yaml`.
   */
  readonly lakectlConfigFile?: string | false;
  /** Environment to read instead of `process.env` (useful in tests and sandboxes). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Receives warnings. Default: `process.emitWarning`. */
  readonly logger?: Logger;
}

/**
 * Where one setting came from, for error messages and `doctor`.
 *
 * @public
 */
export type ConfigSource =
  | {
      /** An explicit option of {@link LakeFSClientConfig}. */
      readonly kind: "option";
      /** The option's name, e.g. `endpoint`. */
      readonly name: string;
    }
  | {
      /** An environment variable. */
      readonly kind: "env";
      /** The variable's name, e.g. `LAKECTL_SERVER_ENDPOINT_URL`. */
      readonly name: string;
    }
  | {
      /** The lakectl YAML file. */
      readonly kind: "lakectl-file";
      /** The file's path. */
      readonly path: string;
      /** The key within the file, e.g. `server.endpoint_url`. */
      readonly key: string;
    }
  | {
      /** An AWS shared-config profile (option `awsProfile`). */
      readonly kind: "aws-profile";
      /** The profile's name. */
      readonly profile: string;
    }
  | {
      /** The built-in default. */
      readonly kind: "default";
    };

/**
 * The configuration after every source was consulted. Both the S3 and the
 * REST paths use it.
 *
 * @public
 */
export interface ResolvedLakeFSConfig {
  /** Server URL without a trailing slash or `/api/v1`, e.g. `http://127.0.0.1:8000`. The S3 gateway endpoint. */
  readonly serverUrl: string;
  /** REST base URL: `serverUrl` + `/api/v1`. */
  readonly apiUrl: string;
  /** Resolves the access key id and secret. Memoized. */
  readonly credentials: AwsCredentialIdentityProvider;
  /** Signing region. */
  readonly region: string;
  /** Extra trusted CA certificates as PEM text. */
  readonly caCerts: readonly string[];
  /** TLS verification disabled for this client. */
  readonly insecure: boolean;
  /** Explicit proxy URL, `false` for none, `undefined` to follow the environment. */
  readonly proxy: string | false | undefined;
  /** Connection timeout in milliseconds. */
  readonly connectionTimeout: number;
  /** Time limit until response headers in milliseconds (0: none). */
  readonly requestTimeout: number;
  /** Idle socket timeout in milliseconds (0: none). */
  readonly socketTimeout: number;
  /** Maximum sockets per host. */
  readonly maxSockets: number;
  /** Attempts for retryable requests. */
  readonly maxAttempts: number;
  /** S3 checksum behaviour. */
  readonly checksums: ChecksumMode;
  /** The environment that was read (proxy variables are taken from it). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Receives warnings. */
  readonly logger: Logger;
  /** Where each setting came from. */
  readonly sources: {
    /** Where `endpoint` came from. */
    readonly endpoint: ConfigSource;
    /** Where the credentials came from. */
    readonly credentials: ConfigSource;
    /** Where `region` came from. */
    readonly region: ConfigSource;
    /** Where the proxy setting came from (option `proxy` or an `HTTPS_PROXY`-style variable). */
    readonly proxy: ConfigSource;
  };
  /** Secret values known at resolution time, stripped from every error message. */
  readonly secrets: readonly string[];
}
