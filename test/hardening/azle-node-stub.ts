/**
 * `azle` for the fuzz command under plain Node (tsx): the unit tests' stand-in, plus the names
 * core's Azle platform imports. Composition runs on the memory platform, so none of these is
 * called; they exist because a native ES module must find every name it imports.
 */
export * from '../../plugins/auth/testing/azle-inspect-stub.ts';

const absent = (name: string) => (): never => {
  throw new Error(`azle.${name} is not available in Node`);
};

export const call = absent('call');
export const canisterCycleBalance = absent('canisterCycleBalance');
export const canisterSelf = absent('canisterSelf');
export const canisterVersion = absent('canisterVersion');
export const certifiedDataSet = absent('certifiedDataSet');
export const clearTimer = absent('clearTimer');
export const isController = absent('isController');
export const msgCaller = absent('msgCaller');
export const performanceCounter = absent('performanceCounter');
export const setTimer = absent('setTimer');
export const setTimerInterval = absent('setTimerInterval');
export const time = absent('time');
export class StableBTreeMap {
  constructor() {
    throw new Error('azle.StableBTreeMap is not available in Node');
  }
}
