import { type AccessLevel, declareMethod, type MethodLimits } from './metadata.ts';

type MethodDecorator = (method: unknown, context: ClassMethodDecoratorContext) => void;

/**
 * Who may call the method; any one listed level suffices. Declaration only:
 * host/access-check.ts enforces it. Every endpoint must carry one.
 */
export function allow(...levels: [AccessLevel, ...AccessLevel[]]): MethodDecorator {
  return (_method, context) =>
    declareMethod(context.metadata, String(context.name), { access: levels });
}

/** Marks the method for metering by whichever plugin counts calls. Declaration only. */
export function metered(_method: unknown, context: ClassMethodDecoratorContext): void {
  declareMethod(context.metadata, String(context.name), { metered: true });
}

/** Per-method limits read by the plugin that enforces them. Declaration only. */
export function limits(values: MethodLimits): MethodDecorator {
  return (_method, context) =>
    declareMethod(context.metadata, String(context.name), { limits: values });
}
