// The package a bare specifier names. Its own module so the rules can use it without loading the
// resolver (and with it TypeScript's compiler, which the resolver reads tsconfig files with).

/** 'lodash/fp' -> 'lodash'; '@scope/pkg/sub' -> '@scope/pkg'. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Whether `name` (as packageNameOf returns it) can be a package on the npm registry, by npm's own
 * rules (validate-npm-package-name): not empty, no leading '.' or '_', no spaces, only URL-safe
 * characters and none of ~'!()*, a scope and a name around one '/'. Upper case stays valid: the
 * registry still serves older packages such as JSONStream. '~', '@' and '@/x' are aliases, never packages.
 */
export function isValidPackageName(name: string): boolean {
  const parts = name.startsWith('@') ? name.slice(1).split('/') : [name];
  if (parts.length !== (name.startsWith('@') ? 2 : 1) || name.length > 214) return false;
  return parts.every((p) => p.length > 0 && !/^[._]/.test(p) && !/[~'!()*]/.test(p) && encodeURIComponent(p) === p);
}
