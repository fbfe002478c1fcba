import { useRef, useState } from 'react';
import { App, Button, Modal, Progress, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorFromResponse } from '../../shared/api-client.ts';
import { formatCount } from '../../shared/format.ts';
import { getCurrentLocale } from '../../shared/i18n/current-locale.ts';
import { useLocale } from '../../shared/i18n/locale-context.tsx';

/** The export's progress as the server streams it: rows announced, bytes so far against the announced estimate. */
interface ExportState {
  rows: number | null;
  received: number;
  estimated: number | null;
  done: boolean;
}

/** Percent shown: received bytes against the server's estimate, held below 100 until the file is complete. */
export function exportPercent(state: Pick<ExportState, 'received' | 'estimated' | 'done'>): number {
  if (state.done) return 100;
  if (!state.estimated) return 0;
  return Math.min(99, Math.floor((state.received / state.estimated) * 100));
}

/** The file name from a Content-Disposition header (RFC 5987 `filename*` first). */
export function dispositionName(header: string | null, fallback: string): string {
  const star = header?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) return decodeURIComponent(star);
  return header?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * 导出: downloads `url` — the list's export for the query on screen — reading the streamed file and showing its
 * progress (rows from the `x-export-rows` header, bytes against `x-export-estimated-bytes`), then saves it.
 */
export function ExportButton({ url, testId, fallbackName = 'export.xlsx' }: { url: string; testId: string; fallbackName?: string }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [state, setState] = useState<ExportState | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = async () => {
    controller.current = new AbortController();
    setState({ rows: null, received: 0, estimated: null, done: false });
    try {
      const response = await fetch(url, {
        credentials: 'same-origin', headers: { 'Accept-Language': getCurrentLocale() }, signal: controller.current.signal,
      });
      if (!response.ok || !response.body) {
        const body: unknown = await response.json().catch(() => null);
        throw errorFromResponse(response.status, body);
      }
      const rows = Number(response.headers.get('x-export-rows') ?? NaN);
      const estimated = Number(response.headers.get('x-export-estimated-bytes') ?? NaN);
      let received = 0;
      setState({ rows: Number.isFinite(rows) ? rows : null, received, estimated: Number.isFinite(estimated) ? estimated : null, done: false });
      const reader = response.body.getReader();
      const chunks: BlobPart[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        setState((s) => (s ? { ...s, received } : s));
      }
      setState((s) => (s ? { ...s, done: true } : s));
      const href = URL.createObjectURL(new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = href;
      a.download = dispositionName(response.headers.get('content-disposition'), fallbackName);
      a.dataset.rows = String(rows);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      setTimeout(() => setState(null), 800);
    } catch (error) {
      setState(null);
      if (error instanceof DOMException && error.name === 'AbortError') return;
      void message.error(error instanceof Error ? error.message : t('export.failed'));
    }
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => void run()} loading={state !== null && !state.done} data-testid={testId}>
        {t('export.button')}
      </Button>
      <Modal
        open={state !== null}
        title={t('export.title')}
        footer={null}
        closable
        maskClosable={false}
        onCancel={() => {
          controller.current?.abort();
          setState(null);
        }}
      >
        {state && (
          <div data-testid="export-progress" data-rows={state.rows ?? ''} data-done={state.done ? 'true' : 'false'}>
            <Progress percent={exportPercent(state)} status={state.done ? 'success' : 'active'} />
            <Typography.Text type="secondary">
              {state.rows === null
                ? t('export.preparing')
                : t(state.done ? 'export.done' : 'export.progress', {
                    rows: formatCount(state.rows, locale),
                    size: formatCount(Math.round(state.received / 1024), locale),
                  })}
            </Typography.Text>
          </div>
        )}
      </Modal>
    </>
  );
}
