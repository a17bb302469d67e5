#!/usr/bin/env node
// A byte order mark before the #! line: ES modules accept it.
import '../src/index.js';
