// The runtime ships no typings; these cover what cursus-lab uses of it.
declare module "@observablehq/runtime" {
  export interface Observer<T = unknown> {
    pending?(): void;
    fulfilled?(value: T, name?: string): void;
    rejected?(error: unknown, name?: string): void;
  }
  export interface Variable {
    define(name: string, inputs: readonly string[], definition: (...inputs: never[]) => unknown): Variable;
    define(name: string, value: unknown): Variable;
    delete(): Variable;
  }
  export interface Module {
    variable(observer?: Observer): Variable;
    value(name: string): Promise<unknown>;
  }
  export class Runtime {
    constructor(builtins?: Record<string, unknown>, global?: (name: string) => unknown);
    module(): Module;
    dispose(): void;
  }
}
