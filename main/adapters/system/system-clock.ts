import { setTimeout as delay } from 'node:timers/promises';

import type { Clock } from '../../../app/ports/clock.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? delay(ms) : Promise.resolve()),
};
