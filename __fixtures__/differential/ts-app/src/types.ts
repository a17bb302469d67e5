export interface Cfg {
  name: string;
}
