// Dormant: an extensionless ESM import Node would reject.
import { hello } from './greet';
export const stats = hello;
