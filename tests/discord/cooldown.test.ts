// Flood control with an injected clock: one answer and one notice per burst, independent users in a
// shared channel, a per-channel ceiling, and memory that stays bounded.
import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../../src/discord/cooldown.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const ask = (userId: string, question = 'is mexico in nato', channelId = 'c1') => ({
  userId,
  channelId,
  question,
});

describe('cooldowns', () => {
  it('answers the same question sent ten times in a few seconds once, and notices it once', () => {
    const c = clock();
    const cd = new Cooldowns({ now: c.now });
    const verdicts = Array.from({ length: 10 }, () => {
      c.advance(300);
      return cd.check(ask('u1', 'Is Mexico in NATO?'));
    });
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(1);
    expect(verdicts.filter((v) => !v.allowed && v.notify)).toHaveLength(1);
    expect(verdicts[1]).toMatchObject({ allowed: false, reason: 'repeat', notify: true });
  });

  it('treats case, spacing and punctuation changes as the same question', () => {
    const cd = new Cooldowns({ now: clock().now });
    expect(cd.check(ask('u1', 'is mexico in nato')).allowed).toBe(true);
    expect(cd.check(ask('u1', '  IS MEXICO IN NATO???')).allowed).toBe(false);
  });

  it('answers two different people asking at once in one channel', () => {
    const cd = new Cooldowns({ now: clock().now });
    expect(cd.check(ask('u1')).allowed).toBe(true);
    expect(cd.check(ask('u2')).allowed).toBe(true);
  });

  it('answers the same question again once the repeat window has passed', () => {
    const c = clock();
    const cd = new Cooldowns({ now: c.now, repeatMs: 5_000 });
    expect(cd.check(ask('u1')).allowed).toBe(true);
    c.advance(5_001);
    expect(cd.check(ask('u1')).allowed).toBe(true);
  });

  it('limits one user to a few different questions a window, telling them once and when to come back', () => {
    const c = clock();
    const cd = new Cooldowns({ now: c.now, perUser: 3, windowMs: 10_000 });
    const v = ['a', 'b', 'c', 'd', 'e'].map((q) => cd.check(ask('u1', q)));
    expect(v.map((x) => x.allowed)).toEqual([true, true, true, false, false]);
    expect(v[3]).toMatchObject({ reason: 'user', notify: true, retryAfterMs: 10_000 });
    expect(v[4]).toMatchObject({ notify: false });
    c.advance(10_001);
    expect(cd.check(ask('u1', 'f')).allowed).toBe(true);
  });

  it('caps the answers in one channel whoever asks, with one notice per burst', () => {
    const c = clock();
    const cd = new Cooldowns({ now: c.now, perChannel: 5 });
    const v = Array.from({ length: 8 }, (_, i) => cd.check(ask(`u${i}`)));
    expect(v.filter((x) => x.allowed)).toHaveLength(5);
    expect(v.filter((x) => !x.allowed && x.notify)).toHaveLength(1);
    expect(cd.check(ask('other', 'q', 'c2')).allowed).toBe(true);
    c.advance(10_001);
    expect(cd.check(ask('u9')).allowed).toBe(true);
  });

  it('remembers at most maxKeys users and channels, forgetting the oldest first', () => {
    const cd = new Cooldowns({ now: clock().now, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) cd.check(ask(`u${i}`, 'q', `c${i}`));
    expect(cd.size).toBeLessThanOrEqual(200);
    // u0 was evicted, so it is a new user again; the newest one is still remembered.
    expect(cd.check(ask('u0', 'q', 'c0')).allowed).toBe(true);
    expect(cd.check(ask('u9999', 'q', 'c9999')).allowed).toBe(false);
  });
});
