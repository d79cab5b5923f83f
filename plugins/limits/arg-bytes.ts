import { msgArgData } from 'azle';

/** Size of the raw Candid argument of the message being executed (ingress or inter-canister). */
export function currentArgBytes(): number {
  return msgArgData().length;
}
