import { validateBranchPattern, validateRepositoryName } from "../validation/names.js";
import { camelize } from "./camelize.js";
import type { RestClient } from "./rest-client.js";
import type { GetBranchProtectionRulesInput, SetBranchProtectionRulesInput } from "./options.js";
import type { BranchProtectionRule } from "./types.js";

/** Implements {@link AdminClient.getBranchProtectionRules}. @internal */
export async function getBranchProtectionRules(rest: RestClient, input: GetBranchProtectionRulesInput): Promise<BranchProtectionRule[]> {
  const { repository, signal } = input;
  validateRepositoryName(repository);
  const rules = await rest.request(
    "get",
    "/repositories/{repository}/settings/branch_protection",
    { path: { repository }, signal },
    { operation: "getBranchProtectionRules", target: { repository } },
  );
  return rules.map((rule) => camelize(rule));
}

/** Implements {@link AdminClient.setBranchProtectionRules}. @internal */
export async function setBranchProtectionRules(rest: RestClient, input: SetBranchProtectionRulesInput): Promise<void> {
  const { repository, rules, signal } = input;
  validateRepositoryName(repository);
  for (const rule of rules) validateBranchPattern(rule?.pattern);
  await rest.request(
    "put",
    "/repositories/{repository}/settings/branch_protection",
    { path: { repository }, body: rules.map((rule) => ({ pattern: rule.pattern })), signal },
    { operation: "setBranchProtectionRules", target: { repository } },
  );
}
