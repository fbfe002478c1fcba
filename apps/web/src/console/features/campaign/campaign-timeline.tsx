import { Empty, Timeline, Typography } from 'antd';
import type { EnterpriseEvent } from '@lianxin/contracts';
import { formatDateTime } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { describeEvent, eventColour } from './campaign-events.ts';

/** The enterprise's campaign history, newest first: stage moves, notes, letters, 三同时 tasks done. */
export function CampaignTimeline({ events }: { events: EnterpriseEvent[] }) {
  const { t, locale } = useLocale();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaign.noEvents')} />;
  return (
    <Timeline
      data-testid="campaign-timeline"
      items={events.map((event) => ({
        key: event.id,
        color: eventColour(event),
        content: (
          <>
            <div className="timeline-text">{describeEvent(event, locale)}</div>
            <Typography.Text type="secondary" className="timeline-meta">
              {formatDateTime(event.at)}
              {event.by ? ` · ${event.by}` : ''}
            </Typography.Text>
          </>
        ),
      }))}
    />
  );
}
