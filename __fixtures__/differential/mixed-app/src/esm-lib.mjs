export default 'esm-lib';
