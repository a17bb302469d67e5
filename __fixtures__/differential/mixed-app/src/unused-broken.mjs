// Dormant: a folder import and a missing file, both errors in Node.
import './lib';
import missing from './nowhere.mjs';
export default missing;
