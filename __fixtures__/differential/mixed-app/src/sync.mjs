export default 'module-sync';
