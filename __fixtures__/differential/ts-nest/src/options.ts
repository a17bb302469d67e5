export class Options {
  verbose = false;
}
