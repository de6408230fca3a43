import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { HttpHandlerOptions } from "@smithy/types";

type SendCommand = Parameters<S3Client["send"]>[0];

/**
 * A view of `s3` for `@aws-sdk/lib-storage`'s `Upload`, which sends its
 * requests without an abort signal and keeps uploading the other parts after
 * one fails. Through the view:
 * - `PutObject` and `UploadPart` carry `signal`, so an abort cancels the
 *   requests in flight at once;
 * - `CreateMultipartUpload`, `CompleteMultipartUpload` and
 *   `AbortMultipartUpload` are not cancelled: the upload id is always
 *   learnt (so the upload can be aborted), completion is never left
 *   half-known, and the clean-up is sent even after an abort;
 * - any failure other than the clean-up's is reported to `onFailure` first,
 *   so the caller can cancel the rest.
 *
 * Everything else (`config`, middleware) is the original client's.
 *
 * @internal
 */
export function clientWithSignal(s3: S3Client, signal: AbortSignal, onFailure: (err: unknown) => void): S3Client {
  const view = Object.create(s3) as S3Client;
  const send = (command: SendCommand, options?: HttpHandlerOptions): Promise<unknown> => {
    const cleanup = command instanceof AbortMultipartUploadCommand;
    const unabortable = cleanup || command instanceof CreateMultipartUploadCommand || command instanceof CompleteMultipartUploadCommand;
    const sent = s3.send(command, unabortable ? options : { ...options, abortSignal: signal });
    return cleanup
      ? sent
      : sent.catch((err: unknown) => {
          onFailure(err);
          throw err;
        });
  };
  Object.defineProperty(view, "send", { value: send, enumerable: false });
  return view;
}
