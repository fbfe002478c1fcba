import { DotLoading } from 'antd-mobile';

export function PageLoading() {
  return (
    <div className="m-loading">
      <DotLoading color="primary" />
    </div>
  );
}
