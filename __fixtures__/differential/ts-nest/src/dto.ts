export interface CreateDto {
  name: string;
}
