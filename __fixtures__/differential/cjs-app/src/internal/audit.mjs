export default 'audit';
