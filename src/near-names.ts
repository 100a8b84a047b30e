import { distance } from "fastest-levenshtein";

/**
 * Up to `max` candidates close enough to `name` to be what the user meant (case ignored), nearest first.
 * Far-off names are left out: a "did you mean" that points at an unrelated node misleads more than none.
 */
export function nearNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = name.toLowerCase();
  const near = [...new Set(candidates)]
    .map((candidate) => ({ candidate, d: distance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, d }) => d <= Math.max(2, Math.floor(Math.max(candidate.length, name.length) / 3)))
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate));
  // Only the nearest and those about as near: a one-letter slip should not come with three other names.
  const best = near[0]?.d ?? 0;
  return near.filter(({ d }) => d <= best + 2).slice(0, max).map(({ candidate }) => candidate);
}
