// The only file that touches tsyringe. tsyringe demands a Reflect polyfill
// at import time, even though we never use constructor-type injection.
import 'reflect-metadata';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';

/** A typed DI key. The phantom field carries the type; the symbol is the identity. */
export interface Token<T> {
  readonly key: symbol;
  readonly description: string;
  /** Never set; only here so `Token<A>` and `Token<B>` differ. */
  readonly __type?: T;
}

/** Declares a token. The same description always yields the same token (Symbol.for). */
export function token<T>(description: string): Token<T> {
  return { key: Symbol.for(`icp-calendar:${description}`), description };
}

/** A DI scope: values and factories only, no reflection. */
export class Container {
  private constructor(private readonly scope: DependencyContainer) {}

  /** A fresh container for one canister, detached from any other canister's registrations. */
  static createForCanister(): Container {
    return new Container(rootContainer.createChildContainer());
  }

  /** A child scope that sees its parent's registrations and may shadow them. */
  child(): Container {
    return new Container(this.scope.createChildContainer());
  }

  provideValue<T>(tok: Token<T>, value: T): void {
    this.scope.register(tok.key, { useValue: value });
  }

  /** The factory runs once, on first resolve; later resolves get the same instance. */
  provideFactory<T>(tok: Token<T>, factory: (container: Container) => T): void {
    let made = false;
    let instance: T | undefined;
    this.scope.register(tok.key, {
      useFactory: () => {
        if (!made) {
          instance = factory(this);
          made = true;
        }
        return instance;
      },
    });
  }

  has(tok: Token<unknown>): boolean {
    return this.scope.isRegistered(tok.key, true);
  }

  resolve<T>(tok: Token<T>): T {
    if (!this.has(tok)) {
      throw new Error(`no provider for token '${tok.description}'; register it in a plugin setup`);
    }
    return this.scope.resolve<T>(tok.key);
  }

  resolveOptional<T>(tok: Token<T>): T | undefined {
    return this.has(tok) ? this.scope.resolve<T>(tok.key) : undefined;
  }
}
