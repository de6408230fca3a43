/**
 * Settings for AWS tools (AWS CLI, boto3, AWS SDKs) that point them at
 * lakeFS's S3 gateway.
 *
 * @packageDocumentation
 */
export {
  formatAwsSettings,
  MASKED_SECRET,
  type AwsSettingsFormat,
  type FormatAwsSettingsOptions,
} from "./aws-settings.js";
export { resolveAwsSettings, type AwsSettings } from "./resolve-aws-settings.js";
