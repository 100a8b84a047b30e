import * as msg from "../messages.js";
import type { ScriptSpec } from "./script-spec.js";

/** A job argument's value as people read it: a switch has no value of its own, it is on or off. */
export function argValueText(arg: Pick<ScriptSpec["args"][number], "value" | "alone" | "off">): string {
  return arg.off === true ? msg.switchOff() : arg.alone === true ? msg.switchOn() : arg.value;
}
