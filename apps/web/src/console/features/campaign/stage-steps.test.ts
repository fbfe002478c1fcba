import { describe, expect, it } from 'vitest';
import type { EnterpriseEvent } from '@lianxin/contracts';
import { stageSteps } from './stage-steps.ts';

const moved = (from: string, to: string, id = 1): EnterpriseEvent => ({ id, kind: 'stage', at: '2026-11-22T02:00:00.000Z', by: null, detail: { from, to } });

describe('stage steps', () => {
  it('shows the way to a union with the current stage', () => {
    expect(stageSteps('not_contacted', [])).toEqual({ stages: ['not_contacted', 'publicised', 'preparing', 'built'], current: 0, status: 'process' });
    expect(stageSteps('preparing', [])).toMatchObject({ current: 2, status: 'process' });
    expect(stageSteps('built', [])).toMatchObject({ current: 3, status: 'finish' });
  });

  it('ends the bar with the refusal where it happened', () => {
    expect(stageSteps('refused', [moved('not_contacted', 'refused')])).toEqual({ stages: ['not_contacted', 'refused'], current: 1, status: 'error' });
    const events = [{ ...moved('publicised', 'refused', 3) }, { id: 2, kind: 'note', at: '', by: null, detail: { text: 'x' } } as EnterpriseEvent, moved('not_contacted', 'publicised', 1)];
    expect(stageSteps('refused', events)).toEqual({ stages: ['not_contacted', 'publicised', 'refused'], current: 2, status: 'error' });
    // no history (seeded data): from the start
    expect(stageSteps('refused', [])).toEqual({ stages: ['not_contacted', 'refused'], current: 1, status: 'error' });
  });
});
