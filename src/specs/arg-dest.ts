/** The attribute argparse gives a flag (`--job-type` → `job_type`), and the name an override may use instead of the flag. */
export function argDest(flag: string): string {
  return flag.replace(/^-+/, "").replace(/-/g, "_");
}

/** The argument an override key names, by its flag or by its dest. */
export const argumentNamed = (key: string): string => (key.startsWith("-") ? argDest(key) : key);
