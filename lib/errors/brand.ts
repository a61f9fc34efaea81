// Next bundles each route (and instrumentation.ts) separately, so one class can exist more than once
// in a process and `instanceof` fails across the copies. Errors that cross those lines carry a brand
// under a process-wide registered symbol instead.

export function errorBrand(name: string) {
  const key = Symbol.for(`roomscope.${name}`);
  return {
    mark(error: Error) {
      Object.defineProperty(error, key, { value: true });
    },
    is(value: unknown): boolean {
      return typeof value === "object" && value !== null && key in value;
    },
  };
}
