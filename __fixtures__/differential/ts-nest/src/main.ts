import { Controller } from './controller';
import { Service } from './service';

const c = new Controller(new Service());
console.log(c.handle({ name: 'x' }, { verbose: true }));
