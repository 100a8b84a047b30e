/** Text helpers shared by the message files. */
export const list = (items: readonly string[], max = 6): string =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;

export const quoted = (items: readonly string[]): string => items.map((i) => `"${i}"`).join(", ");
