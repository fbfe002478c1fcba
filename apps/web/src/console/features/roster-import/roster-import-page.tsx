import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Progress, Result, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { rosterFieldLabels } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatCount } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import {
  commitImport,
  fetchImportProgress,
  progressPercent,
  reportUrl,
  TEMPLATE_URL,
  uploadRoster,
  type ImportProgress,
  type ImportValidation,
} from './roster-import-api.ts';

const POLL_MS = 500;

const SHOWN_ERRORS = 20;

type Stage =
  | { step: 'choose' }
  | { step: 'uploading'; fileName: string }
  | { step: 'validated'; fileName: string; result: ImportValidation }
  | { step: 'committing'; fileName: string; result: ImportValidation; progress: ImportProgress | null }
  | { step: 'done'; result: ImportValidation; progress: ImportProgress };

/** 名册导入: receiving union → template → upload and check → 确认导入 → progress until written. */
export default function RosterImportPage() {
  const { t, locale, pick, clauses } = useLocale();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [problem, setProblem] = useState<string | null>(null);

  const committingBatch = stage.step === 'committing' ? stage.result.batchId : null;

  // poll the commit every 500 ms until it is written or has failed
  useEffect(() => {
    if (committingBatch === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      fetchImportProgress(committingBatch, controller.signal).then(
        (progress) => {
          if (controller.signal.aborted) return;
          if (progress.status === 'committed') {
            setStage((s) => (s.step === 'committing' ? { step: 'done', result: s.result, progress } : s));
            return;
          }
          if (progress.status === 'failed') {
            setProblem(progress.message ?? t('import.failed'));
            setStage((s) => (s.step === 'committing' ? { step: 'validated', fileName: s.fileName, result: s.result } : s));
            return;
          }
          setStage((s) => (s.step === 'committing' ? { ...s, progress } : s));
          timer = setTimeout(poll, POLL_MS);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          // a network hiccup: keep polling; an API error ends the wait
          if (isApiError(error) && error.code !== 'network') {
            setProblem(error.message);
            setStage((s) => (s.step === 'committing' ? { step: 'validated', fileName: s.fileName, result: s.result } : s));
          } else {
            timer = setTimeout(poll, POLL_MS * 2);
          }
        },
      );
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [committingBatch, t]);

  const upload = async (file: File) => {
    if (orgId === undefined) return;
    setProblem(null);
    setStage({ step: 'uploading', fileName: file.name });
    try {
      const result = await uploadRoster(file, orgId);
      setStage({ step: 'validated', fileName: file.name, result });
    } catch (error) {
      setProblem(isApiError(error) ? clauses([error.message, ...Object.values(error.fields)]) : t('app.networkError'));
      setStage({ step: 'choose' });
    }
  };

  const commit = async (fileName: string, result: ImportValidation) => {
    setProblem(null);
    setStage({ step: 'committing', fileName, result, progress: null });
    try {
      await commitImport(result.batchId);
    } catch (error) {
      setProblem(isApiError(error) ? error.message : t('app.networkError'));
      setStage({ step: 'validated', fileName, result });
    }
  };

  const restart = () => {
    setProblem(null);
    setStage({ step: 'choose' });
  };

  const locked = stage.step === 'uploading' || stage.step === 'committing';
  const result = stage.step === 'choose' || stage.step === 'uploading' ? null : stage.result;

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('import.title')}</Typography.Title>
        <Link to="/members">{t('import.toMembers')}</Link>
      </div>
      {problem && <Alert type="error" showIcon closable title={problem} style={{ marginBottom: 12 }} data-testid="import-error" />}
      <Card size="small" title={t('import.step1')} style={{ marginBottom: 16 }}>
        <Space wrap>
          <OrgTreeSelect
            value={orgId}
            onChange={(id) => {
              setOrgId(id);
              if (stage.step === 'validated' || stage.step === 'done') restart();
            }}
            placeholder={t('import.orgPlaceholder')}
            style={{ minWidth: 320 }}
            data-testid="import-org"
          />
          <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} data-testid="import-template">
            {t('import.template')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('import.templateHint')}
        </Typography.Paragraph>
      </Card>

      <Card size="small" title={t('import.step2')} style={{ marginBottom: 16 }}>
        <div data-testid="import-upload">
          <Upload.Dragger
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            multiple={false}
            showUploadList={false}
            disabled={orgId === undefined || locked}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <CloudUploadOutlined />
            </p>
            <p className="ant-upload-text">{orgId === undefined ? t('import.chooseOrgFirst') : t('import.dropHint')}</p>
            {stage.step === 'uploading' && <p className="ant-upload-hint">{t('import.checking', { file: stage.fileName })}</p>}
          </Upload.Dragger>
        </div>
      </Card>

      {result && stage.step !== 'choose' && stage.step !== 'uploading' && (
        <Card size="small" title={t('import.step3')} data-testid="import-summary">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('import.total')} value={formatCount(result.total, locale)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('import.valid')} value={formatCount(result.valid, locale)} styles={{ content: { color: '#389e0d' } }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('import.invalid')} value={formatCount(result.invalid, locale)} styles={{ content: { color: result.invalid ? '#cf1322' : undefined } }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('import.duplicates')} value={formatCount(result.duplicates, locale)} />
            </Col>
          </Row>
          {result.errors.length > 0 && (
            <>
              <Space style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t('import.firstErrors', { count: Math.min(SHOWN_ERRORS, result.errors.length) })}</Typography.Text>
                <Typography.Link href={reportUrl(result.batchId)} data-testid="import-report">
                  <FileExcelOutlined /> {t('import.report')}
                </Typography.Link>
              </Space>
              <div data-testid="import-errors">
                <Table
                  rowKey={(e) => `${e.row}-${e.field}`}
                  size="small"
                  pagination={false}
                  dataSource={result.errors.slice(0, SHOWN_ERRORS)}
                  columns={[
                    { key: 'row', title: t('import.row'), dataIndex: 'row', width: 80 },
                    {
                      key: 'field',
                      title: t('import.field'),
                      width: 200,
                      render: (_, e) => pick(rosterFieldLabels[e.field]),
                    },
                    { key: 'message', title: t('import.message'), dataIndex: 'message' },
                  ]}
                  style={{ marginBottom: 16 }}
                />
              </div>
            </>
          )}
          {stage.step === 'validated' && (
            <Space>
              <Button type="primary" disabled={result.valid === 0} onClick={() => void commit(stage.fileName, result)} data-testid="import-commit">
                {t('import.commit', { count: formatCount(result.valid, locale) })}
              </Button>
              <Button onClick={restart}>{t('import.again')}</Button>
            </Space>
          )}
          {stage.step === 'committing' && (
            <div data-testid="import-progress">
              <Progress percent={stage.progress ? progressPercent(stage.progress) : 0} status="active" />
              <Typography.Text type="secondary">
                {t('import.progress', {
                  processed: formatCount(stage.progress?.processed ?? 0, locale),
                  valid: formatCount(result.valid, locale),
                })}
              </Typography.Text>
            </div>
          )}
          {stage.step === 'done' && (
            <Result
              status="success"
              title={t('import.done', { count: formatCount(stage.progress.committed, locale) })}
              extra={[
                <Link key="members" to={orgId ? `/members?orgId=${orgId}` : '/members'}>
                  <Button type="primary">{t('import.toMembers')}</Button>
                </Link>,
                <Button key="again" onClick={restart}>
                  {t('import.again')}
                </Button>,
              ]}
              data-testid="import-done"
            />
          )}
        </Card>
      )}
    </>
  );
}
