export const Injectable = (): ClassDecorator => () => undefined;
export const Body = (): ParameterDecorator => () => undefined;
export const Get = (): MethodDecorator => () => undefined;
