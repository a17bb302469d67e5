import { shared } from './shared.js'; export default 'helper:' + shared;
