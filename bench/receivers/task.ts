/** What \`npm run bench:receive\` (bench/receive.ts) hands each receiver process (bench/receivers/receiver.ts). */
/** What the runner hands each receiver. */
export interface ReceiveTask {
  readonly receiver: Receiver;
  readonly url: string;
  readonly dest?: string;
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly repository: string;
  readonly ref: string;
  readonly path: string;
  readonly partSize: number;
  readonly concurrency: number;
  /** The object's size in bytes. */
  readonly size: number;
}

/** The Node receivers; curl and Python's are run by the runner itself. */
export const NODE_RECEIVERS = ["net-onread", "net-onread-workers", "lakefs-s3-direct-workers", "node-http", "undici", "lakefs-s3-download", "lakefs-s3-stream"] as const;
export type Receiver = (typeof NODE_RECEIVERS)[number];

