// Per-channel pacing of digest posts: one channel's posts are spaced, others are not held up,
// and the pacing memory does not grow with every channel ever posted to.
import { describe, expect, it } from 'vitest';
import { ChannelQueue } from '../../../src/adapters/slack/channel-queue.ts';

function clock() {
  let t = 0;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (slept.push(ms), (t += ms)), advance: (ms: number) => void (t += ms), slept };
}

describe('ChannelQueue', () => {
  it('spaces jobs of one channel by the interval and runs other channels at once', async () => {
    const c = clock();
    const q = new ChannelQueue(1000, c.now, c.sleep);
    const order: string[] = [];
    await Promise.all([
      q.run('a', async () => void order.push('a1')),
      q.run('a', async () => void order.push('a2')),
      q.run('b', async () => void order.push('b1')),
    ]);
    expect(order).toEqual(['a1', 'b1', 'a2']);
    expect(c.slept).toEqual([1000]);
    expect(q.busy).toBe(0);
  });

  it('keeps running the queue after a failed job', async () => {
    const c = clock();
    const q = new ChannelQueue(1000, c.now, c.sleep);
    const first = q.run('a', async () => {
      throw new Error('boom');
    });
    const second = q.run('a', async () => 'ok');
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe('ok');
  });

  it('forgets channels idle for longer than the interval', async () => {
    const c = clock();
    const q = new ChannelQueue(1000, c.now, c.sleep);
    for (let i = 0; i < 300; i++) await q.run(`c${i}`, async () => undefined);
    expect(q.remembered).toBe(300);
    c.advance(1000);
    for (let i = 0; i < 300; i++) await q.run(`d${i}`, async () => undefined);
    // The sweep on the 512th run dropped the 300 idle c* channels (600 without it); the d* ones stay.
    expect(q.remembered).toBe(300);
  });
});
