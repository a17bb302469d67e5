// Set by the bundler from package.json; tests run from source see the dev marker.
declare const __SHIPSET_VERSION__: string | undefined;
export const VERSION: string = typeof __SHIPSET_VERSION__ === 'string' ? __SHIPSET_VERSION__ : '0.0.0-dev';
