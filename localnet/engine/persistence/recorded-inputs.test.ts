import { describe, expect, it } from 'vitest';

import { RecordingInputs, ReplayedInputs } from './recorded-inputs.ts';

describe('recorded nondeterministic inputs', () => {
  it('hands back on replay exactly what the live round got, in order', async () => {
    const live = new RecordingInputs();
    const first = live.randomBytes(32);
    const second = live.randomBytes(32);
    const response = await live.external('https-outcall', () =>
      Promise.resolve(new Uint8Array([7])),
    );
    expect(first).not.toEqual(second);

    const replay = new ReplayedInputs(live.random, live.responses, 9);
    expect(replay.randomBytes(32)).toEqual(first);
    expect(replay.randomBytes(32)).toEqual(second);
    expect(await replay.external('https-outcall')).toEqual(response);
  });

  it('refuses a replay that asks for more or other values than were logged', () => {
    const replay = new ReplayedInputs([new Uint8Array(32)], [], 4);
    expect(() => replay.randomBytes(16)).toThrow(/LOCALNET_REPLAY_DIVERGED: round 4/);
    expect(() => replay.external('https-outcall')).toThrow(/LOCALNET_REPLAY_DIVERGED/);
  });
});
