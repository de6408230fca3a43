/**
 * Ways to upload one large file, in one process against one lakeFS, with wall
 * time and CPU time of each: lib-storage's `Upload` on the raw SDK client with
 * a plain file stream, lakefs-s3's `uploadObject` with `{ file }`, and
 * `uploadObject` with a file stream read in 1 MiB chunks.
 *
 *   SIZE=512 ROUNDS=3 [C=4] [ONLY=substring] node --import tsx bench/tools/upload-variants.ts   (SIZE in MiB)
 */
import { createReadStream } from "node:fs";
import { Upload } from "@aws-sdk/lib-storage";
import { uploadObject } from "../../src/s3.js";
import { C, MiB, PART, runVariants } from "./variant-harness.js";

await runVariants("ulv", async ({ lakefs, raw, src }) => {
  const location = { repository: "ulv", ref: "main", path: "big.bin" };
  return {
    "lib-storage Upload, raw client": () =>
      new Upload({ client: raw, params: { Bucket: "ulv", Key: "main/big.bin", Body: createReadStream(src) }, partSize: PART, queueSize: C }).done(),
    "uploadObject { file }": () => uploadObject(lakefs.s3, location, { file: src }, { partSize: PART, queueSize: C }),
    "uploadObject, 1 MiB stream chunks": () =>
      uploadObject(lakefs.s3, location, createReadStream(src, { highWaterMark: MiB }), { partSize: PART, queueSize: C }),
  };
});
