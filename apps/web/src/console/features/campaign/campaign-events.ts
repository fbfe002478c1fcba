import {
  campaignStageLabels, campaignStages, letterKindLabels, letterKinds, santongshiPhaseLabels, santongshiPhases, type EnterpriseEvent, type Locale,
} from '@lianxin/contracts';
import { dictText } from '../../../shared/i18n/dictionary.ts';

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** One line for an event of an enterprise's campaign history, in the UI language. */
export function describeEvent(event: EnterpriseEvent, locale: Locale): string {
  const d = event.detail;
  switch (event.kind) {
    case 'stage': {
      const from = oneOf(campaignStages, d.from);
      const to = oneOf(campaignStages, d.to);
      return dictText(locale, 'campaign.event.stage', {
        from: from ? campaignStageLabels[from][locale] : '—',
        to: to ? campaignStageLabels[to][locale] : '—',
      });
    }
    case 'note':
      return dictText(locale, 'campaign.event.note', { text: text(d.text) });
    case 'letter': {
      const kind = oneOf(letterKinds, d.kind);
      return dictText(locale, 'campaign.event.letter', { kind: kind ? letterKindLabels[kind][locale] : '', number: text(d.documentNumber) });
    }
    case 'task': {
      const phase = oneOf(santongshiPhases, d.phase);
      return dictText(locale, 'campaign.event.task', { phase: phase ? santongshiPhaseLabels[phase][locale] : '' });
    }
  }
}

/** Timeline dot colours: built green, refused and letters red, the rest by kind. */
export function eventColour(event: EnterpriseEvent): string {
  switch (event.kind) {
    case 'stage':
      return event.detail.to === 'built' ? 'green' : event.detail.to === 'refused' ? 'red' : 'blue';
    case 'letter':
      return 'red';
    case 'task':
      return 'green';
    case 'note':
      return 'gray';
  }
}
