export default 'esm-db';
