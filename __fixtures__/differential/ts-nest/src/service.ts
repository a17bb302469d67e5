export class Service {
  run(name: string): string {
    return `ran ${name}`;
  }
}
