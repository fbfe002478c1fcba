import { describe, expect, it } from 'vitest';
import type { EnterpriseEvent } from '@lianxin/contracts';
import { describeEvent, eventColour } from './campaign-events.ts';

const event = (kind: EnterpriseEvent['kind'], detail: Record<string, unknown>): EnterpriseEvent => ({ id: 1, kind, at: '2026-11-22T02:00:00.000Z', by: '蔡刚', detail });

describe('campaign events', () => {
  it('describes each kind of event in both languages', () => {
    expect(describeEvent(event('stage', { from: 'not_contacted', to: 'refused' }), 'zh-CN')).toBe('攻坚阶段：未接触 → 拒绝建会');
    expect(describeEvent(event('stage', { from: 'preparing', to: 'built', unionId: 9 }), 'en')).toBe('Stage: Preparing → Union built');
    expect(describeEvent(event('note', { text: '已上门宣传' }), 'zh-CN')).toBe('工作记录：已上门宣传');
    expect(describeEvent(event('letter', { kind: 'rectification_opinion', documentNumber: '顾村工监〔2026〕1号' }), 'zh-CN')).toBe(
      '出具《工会组建法律监督整改意见书》顾村工监〔2026〕1号',
    );
    expect(describeEvent(event('task', { phase: 'opening' }), 'zh-CN')).toBe('三同时任务完成：开业时运行工会');
  });

  it('tolerates details it does not know', () => {
    expect(describeEvent(event('stage', { to: 'somewhere' }), 'zh-CN')).toBe('攻坚阶段：— → —');
    expect(describeEvent(event('note', {}), 'en')).toBe('Note: ');
  });

  it('colours the timeline', () => {
    expect(eventColour(event('stage', { to: 'built' }))).toBe('green');
    expect(eventColour(event('stage', { to: 'refused' }))).toBe('red');
    expect(eventColour(event('stage', { to: 'publicised' }))).toBe('blue');
    expect(eventColour(event('letter', {}))).toBe('red');
  });
});
