import { ValidationError } from "../errors/input-errors.js";

/** Quotes a value for a POSIX shell: `'…'`, with `'` written as `'\''`. @internal */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A Python string literal (JSON string syntax is valid Python). @internal */
export function pythonString(value: string): string {
  return JSON.stringify(value);
}

/**
 * Checks that a value can stand on one line of an AWS INI file, which has no
 * quoting: no line breaks, no leading or trailing blanks (they are dropped).
 *
 * @internal
 */
export function iniValue(value: string, what: string): string {
  if (/[\r\n]/.test(value) || value.trim() !== value) {
    throw new ValidationError(`${what} cannot be written to an AWS config file: it has line breaks or surrounding blanks`, {
      code: "InvalidAwsSetting",
      hint: 'Use the "env" or "boto3" format instead',
    });
  }
  return value;
}

/** Comment lines, `# ` before each. @internal */
export function comments(lines: readonly string[]): string[] {
  return lines.map((line) => `# ${line}`);
}
