'use strict';
const { twice } = require('orbit-app/tools/twice');
exports.add = (a, b) => twice(a + b) / 2;
