import { useState } from 'react';
import { App, Button, Empty, List, Popconfirm, Space, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { letterKinds, letterKindLabels, type Letter, type LetterKind } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatDate } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { issueLetter, letterPdfUrl } from './campaign-api.ts';

interface LettersPanelProps {
  enterpriseId: number;
  letters: Letter[];
  /** letters may be issued now (the enterprise refuses and the user may write) */
  canIssue: boolean;
  onIssued: (letter: Letter) => void;
}

/** 两书: the rectification opinion and the handling suggestion for an enterprise that refuses, and those issued. */
export function LettersPanel({ enterpriseId, letters, canIssue, onIssued }: LettersPanelProps) {
  const { t, pick } = useLocale();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<LetterKind | null>(null);

  const issue = async (kind: LetterKind) => {
    setBusy(kind);
    try {
      const letter = await issueLetter(enterpriseId, kind);
      void message.success(t('campaign.letters.issued', { number: letter.documentNumber }));
      onIssued(letter);
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="letters">
      {canIssue && (
        <Space wrap style={{ marginBottom: 12 }}>
          {letterKinds.map((kind) => (
            <Popconfirm
              key={kind}
              title={t('campaign.letters.confirm', { kind: pick(letterKindLabels[kind]) })}
              okText={t('campaign.letters.issue')}
              onConfirm={() => issue(kind)}
            >
              <Button danger loading={busy === kind} data-testid={`letter-issue-${kind}`}>
                {t('campaign.letters.issueKind', { kind: pick(letterKindLabels[kind]) })}
              </Button>
            </Popconfirm>
          ))}
        </Space>
      )}
      {letters.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaign.letters.none')} />
      ) : (
        <List
          size="small"
          bordered
          dataSource={letters}
          renderItem={(letter) => (
            <List.Item
              key={letter.id}
              data-testid="letter-item"
              actions={[
                <a key="pdf" href={letterPdfUrl(letter.id)} target="_blank" rel="noopener noreferrer" data-testid="letter-pdf">
                  <FilePdfOutlined /> {t('campaign.letters.pdf')}
                </a>,
              ]}
            >
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{pick(letterKindLabels[letter.kind])}</Typography.Text>
                <Typography.Text type="secondary">
                  {letter.documentNumber} · {formatDate(letter.issuedOn)} · {letter.issuer.name}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
