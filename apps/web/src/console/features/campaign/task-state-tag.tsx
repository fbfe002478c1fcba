import { Tag } from 'antd';
import type { SantongshiTask } from '@lianxin/contracts';
import { formatDate } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';

/** A 三同时 task: done (on its date), overdue, or still open. */
export function TaskStateTag({ task }: { task: SantongshiTask }) {
  const { t } = useLocale();
  if (task.doneOn) return <Tag color="green">{t('santongshi.doneOn', { date: formatDate(task.doneOn) })}</Tag>;
  if (task.overdue) return <Tag color="red" data-testid="task-overdue">{t('santongshi.overdue')}</Tag>;
  return <Tag>{t('santongshi.open')}</Tag>;
}
