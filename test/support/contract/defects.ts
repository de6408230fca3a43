/**
 * The contract pairs that fail today because of a known defect, keyed
 * `<scenario id> <direction>:<path id>` (as the contract table names them),
 * each with the defect it shows. They run as node:test `todo`: reported, not
 * failing the run. Remove an entry when its fix lands: the pair then has to pass.
 *
 * "not in the lead's list" marks a failure this suite found that the list of
 * issue 23 did not name: a defect to confirm, or a contract to settle.
 */

export const KNOWN_DEFECTS: Readonly<Record<string, string>> = {};
