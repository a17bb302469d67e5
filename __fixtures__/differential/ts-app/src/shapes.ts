export interface Shape {
  n: number;
}
