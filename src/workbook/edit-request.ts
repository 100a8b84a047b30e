import { z } from "zod";

/** One field of one cell's form, as the page posts it when the field changes or Enter is pressed. */
export const editRequestSchema = z
  .object({
    node: z.string().min(1),
    kind: z.enum(["env", "args", "inputs", "outputs"]),
    /** The env var name, the job argument's flag, or the logical input/output name. */
    name: z.string().min(1),
    value: z.string(),
  })
  .strict();

export type EditRequest = z.infer<typeof editRequestSchema>;

/** Asks for a node to compute again, as if its script had been saved. */
export const touchRequestSchema = z.object({ node: z.string().min(1) }).strict();
