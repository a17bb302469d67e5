export default 'default-db';
