#!/usr/bin/env node
/**
 * Searches files (the logs of a whole test run) for the test suite's secrets
 * in every form `secretForms` knows: plain, URL-encoded, Basic-auth base64.
 * `.ci/run` runs it over everything `npm test` and the legs printed, so that
 * a secret leaking into any error, warning or log line of any test fails CI,
 * not only the ones the secrets test provokes on purpose. Presigned URLs are
 * credentials too: an unredacted signature (S3, GCS or Azure) is a hit.
 *
 *   node --import tsx scripts/scan-secrets.ts LOG...
 *
 * Exit 0 when nothing is found, 1 with `file:line` of each hit (the secret
 * itself is never printed), 2 on usage errors.
 */
import { readFileSync } from "node:fs";
import { secretForms } from "../test/support/test-secrets.js";

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: scan-secrets.ts LOG...\n");
  process.exit(2);
}

const forms = secretForms();
/** A presigned URL's signature or credential as `redact()` would have masked it: any value but `***`. */
const PRESIGNED = /\b(?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|X-Goog-Signature|X-Goog-Credential|sig)=(?!\*\*\*)[A-Za-z0-9%/+=_.-]{16,}/;
let lines = 0;
let bytes = 0;
const hits: string[] = [];
for (const file of files) {
  const text = readFileSync(file, "latin1");
  bytes += text.length;
  text.split("\n").forEach((line, i) => {
    lines++;
    forms.forEach((form, n) => {
      if (line.includes(form)) hits.push(`${file}:${i + 1}: secret form #${n + 1} of ${forms.length} (${form.length} characters)`);
    });
    if (PRESIGNED.test(line)) hits.push(`${file}:${i + 1}: an unredacted presigned URL signature or credential`);
  });
}

const scope = `${files.length} files, ${lines.toLocaleString("en-US")} lines, ${(bytes / 1024).toFixed(0)} KiB, ${forms.length} secret forms`;
if (hits.length > 0) {
  process.stdout.write(`secret scan: ${hits.length} hits in ${scope}\n${hits.join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(`secret scan: no secret in ${scope}\n`);
