export default 'late';
