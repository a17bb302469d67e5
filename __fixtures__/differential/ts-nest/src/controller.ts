import { Body, Get, Injectable } from './decorators';
// A class in the constructor of a decorated class: emitDecoratorMetadata writes it as a value.
import { Service } from './service';
// An interface in a decorated signature: tsc writes Object and drops the import.
import { CreateDto } from './dto';
// A class used only as a type in an undecorated position: erased.
import { Options } from './options';
// Only as types: erased.
import { Logger, Level } from './logger';

@Injectable()
export class Controller {
  private level: Level = 'info';
  constructor(private readonly service: Service) {}

  @Get()
  handle(@Body() dto: CreateDto, opts: Partial<Options>): string {
    const log: Logger | undefined = undefined;
    return `${this.service.run(dto.name)} ${this.level} ${String(log)} ${JSON.stringify(opts)}`;
  }
}
