/**
 * A Node built-in module loaded synchronously on first use. Importing `node:tls` or
 * `node:net` statically costs start-up time (their ESM facades; tls computes every root
 * certificate), so code that needs one only sometimes loads it here. Works in the ES module
 * build and in the single executable's CommonJS bundle alike (no `import.meta`): Node 20.16+
 * has `process.getBuiltinModule`; before it, a require function whose base path does not
 * matter, since built-ins are not resolved from a directory.
 */
import { createRequire } from 'node:module';

let req: NodeJS.Require | undefined;

export function builtin<T>(name: `node:${string}`): T {
  const p = process as { getBuiltinModule?: (id: string) => unknown };
  if (typeof p.getBuiltinModule === 'function') return p.getBuiltinModule(name) as T;
  return (req ??= createRequire(process.execPath))(name) as T;
}
