import type { MouseEvent } from 'react';
import type { Locale } from '@lianxin/contracts';

/**
 * Content of the 中文 / English switch shared by the console and the H5. Clicking a language picks it;
 * clicking elsewhere on the control toggles.
 */
export function LangSwitchLabel({ locale }: { locale: Locale }) {
  return (
    <>
      <span data-lang="zh-CN" style={{ fontWeight: locale === 'zh-CN' ? 600 : 400, opacity: locale === 'zh-CN' ? 1 : 0.6 }}>
        中文
      </span>
      <span style={{ opacity: 0.5, margin: '0 4px' }}>/</span>
      <span data-lang="en" style={{ fontWeight: locale === 'en' ? 600 : 400, opacity: locale === 'en' ? 1 : 0.6 }}>
        English
      </span>
    </>
  );
}

export function nextLocaleFromClick(event: MouseEvent<HTMLElement>, current: Locale): Locale {
  const picked = (event.target as HTMLElement).closest('[data-lang]')?.getAttribute('data-lang');
  if (picked === 'zh-CN' || picked === 'en') return picked;
  return current === 'zh-CN' ? 'en' : 'zh-CN';
}
