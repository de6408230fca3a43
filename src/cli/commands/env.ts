import type { Command } from "../command.js";

// Placeholder until src/aws/aws-settings.ts lands.
export const envCommand: Command = {
  name: "env",
  synopsis: "[options]",
  summary: "print AWS CLI / boto3 settings for lakeFS's S3 gateway",
  help: "pending\n",
  run: async () => 1,
};
