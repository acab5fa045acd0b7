// Entry point of the deployed Cloud Functions: configuration read once, then every function registered
// with the Functions Framework.
import { loadConfig } from "./config.ts";
import { createDeps, registerFunctions } from "./functions.ts";

export type { FunctionDeps } from "./functions.ts";
export { createDeps, registerFunctions } from "./functions.ts";

registerFunctions(createDeps(loadConfig()));
