/**
 * Stand-ins for Azle's decorators in Node unit tests (`vi.mock('azle', ...)`):
 * the real ones only register methods with the Wasm host, which Node lacks.
 */
const noopDecorator = (): void => undefined;

export const query = () => noopDecorator;
export const update = () => noopDecorator;
export const init = () => noopDecorator;
export const postUpgrade = () => noopDecorator;
export const preUpgrade = noopDecorator;

export const msgArgData = (): Uint8Array => new Uint8Array();
export const msgReply = (): void => undefined;
export const msgReject = (): void => undefined;
