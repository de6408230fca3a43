/**
 * The handles' calls on the S3 gateway and on presigned URLs, in one module
 * that `object-handle.ts` loads on first use ({@link gatewayCalls}): a
 * handler that only moves small objects over REST never loads them (nor
 * lib-storage and the presigner they bring).
 *
 * @internal
 */
export { copyObject } from "../gateway/objects/copy-object.js";
export { deleteObject } from "../gateway/objects/delete-object.js";
export { downloadObject } from "../gateway/objects/download-object.js";
export { objectExists, statObject } from "../gateway/objects/stat-object.js";
export { presignObject } from "../gateway/objects/presign-object.js";
export { readObjectBytes, readObjectStream, readObjectText } from "../gateway/objects/read-object.js";
export { uploadObject, validateUpload } from "../gateway/objects/upload-object.js";
export { assertBranch } from "../gateway/objects/assert-branch.js";
export { presignedDownload } from "./presigned-download.js";
export { presignedUpload, presignedUploadUnusable } from "./presigned-upload.js";
