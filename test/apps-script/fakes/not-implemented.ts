// A base class for fakes of Apps Script's interfaces: the fake `extends unimplemented<Interface>()`
// and overrides only the methods our code calls, so TypeScript checks each of them against
// @types/google-apps-script, and any other method throws "not implemented in the fake" when called.

// Looked up by test tooling (vitest's printer, JSON.stringify, promises), never by our code.
const TOOLING = new Set([
  "then",
  "toJSON",
  "asymmetricMatch",
  "nodeType",
  "tagName",
  "$$typeof",
  "constructor",
  "inspect",
  "toString",
  "valueOf",
  "_isMockFunction",
]);

export function unimplemented<T extends object>(className: string): new () => T {
  const missing = new Proxy(Object.prototype, {
    get(target, prop, receiver) {
      if (typeof prop === "symbol" || TOOLING.has(prop) || prop.startsWith("@@") || prop in target) {
        return Reflect.get(target, prop, receiver);
      }
      return () => {
        throw new Error(`${className}.${prop} is not implemented in the fake`);
      };
    },
  });
  function Base(): void {}
  Base.prototype = Object.create(missing);
  Base.prototype.constructor = Base;
  return Base as unknown as new () => T;
}
