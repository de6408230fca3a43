/**
 * Cold-start handler for lakefs-s3, bundled with esbuild like a Lambda
 * function: the client is made at module scope from `LAKECTL_*` variables and
 * the handler reads one object.
 */
import { LakeFS } from "../../src/index.js";

const lakefs = new LakeFS();

export async function handler(event: { repository: string; ref: string; path: string }): Promise<number> {
  const bytes = await lakefs.repository(event.repository).ref(event.ref).object(event.path).bytes();
  return bytes.byteLength;
}
