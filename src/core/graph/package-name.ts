// The package a bare specifier names. Its own module so the rules can use it without loading the
// resolver (and with it TypeScript's compiler, which the resolver reads tsconfig files with).

/** 'lodash/fp' -> 'lodash'; '@scope/pkg/sub' -> '@scope/pkg'. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
