import { useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  AccountBookOutlined, AimOutlined, ApartmentOutlined, AuditOutlined, CarryOutOutlined, CustomerServiceOutlined, DashboardOutlined, EnvironmentOutlined, HomeOutlined,
  ImportOutlined, LogoutOutlined, SafetyOutlined, ShopOutlined, SolutionOutlined, TeamOutlined,
} from '@ant-design/icons';
import { useLocale } from '../shared/i18n/locale-context.tsx';
import { roleLabels } from '@lianxin/contracts';
import { LangSwitch } from './components/lang-switch.tsx';
import { useCurrentUser, useSession } from './features/auth/session-context.tsx';

const sections = [
  { key: '/', icon: <HomeOutlined />, label: 'nav.workbench' },
  { key: '/orgs', icon: <ApartmentOutlined />, label: 'nav.orgs' },
  { key: '/enterprises', icon: <ShopOutlined />, label: 'nav.enterprises' },
  { key: '/coverage', icon: <DashboardOutlined />, label: 'nav.coverage' },
  { key: '/campaign', icon: <AimOutlined />, label: 'nav.campaign' },
  { key: '/congress', icon: <CarryOutOutlined />, label: 'nav.congress' },
  { key: '/funds', icon: <AccountBookOutlined />, label: 'nav.funds' },
  { key: '/stations', icon: <EnvironmentOutlined />, label: 'nav.stations' },
  { key: '/requests', icon: <CustomerServiceOutlined />, label: 'nav.requests' },
  { key: '/rights', icon: <SafetyOutlined />, label: 'nav.rights' },
  { key: '/applications', icon: <SolutionOutlined />, label: 'nav.applications' },
  { key: '/members', icon: <TeamOutlined />, label: 'nav.members' },
  { key: '/members/import', icon: <ImportOutlined />, label: 'nav.import', writersOnly: true },
  { key: '/audit', icon: <AuditOutlined />, label: 'nav.audit' },
] as const;

/** The menu entry of a path: the longest section key it starts with (/members/import before /members). */
export function sectionOf(pathname: string): string | undefined {
  let best: string | undefined;
  for (const { key } of sections) {
    if (key === '/' ? pathname === '/' : (pathname === key || pathname.startsWith(`${key}/`)) && key.length > (best?.length ?? 0)) best = key;
  }
  return best;
}

export function AppShell({ children }: { children: ReactNode }) {
  const { t, pick, locale } = useLocale();
  const { logout } = useSession();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = sectionOf(pathname);
  const [params] = useSearchParams();
  // a new page or a drill-down to another unit (cockpit ?orgId, tree ?org) starts at the top, not where the
  // reader clicked far down the previous one; paging, sorting and filters keep the scroll
  const drilledTo = `${pathname}|${params.get('orgId') ?? ''}|${params.get('org') ?? ''}`;
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [drilledTo]);

  return (
    <Layout className="shell">
      {/* English labels are longer: at 200 px 'Democratic management' was cut to 'Democratic mana…' */}
      <Layout.Sider width={locale === 'en' ? 232 : 200} theme="light" breakpoint="lg" collapsedWidth={64} className="shell-sider">
        <div className="shell-brand">
          <span className="brand-mark">连</span>
          <span className="shell-brand-text">{t('app.brand')}</span>
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={sections
            .filter((s) => user.canWrite || !('writersOnly' in s))
            .map((s) => ({ key: s.key, icon: s.icon, label: t(s.label) }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <Typography.Text type="secondary" className="shell-subtitle">
            {t('app.subtitle')}
          </Typography.Text>
          <Space size="middle" className="shell-user">
            <span data-testid="user-name">{user.displayName}</span>
            <Typography.Text type="secondary" data-testid="user-org">
              {user.org.name}
            </Typography.Text>
            <Tag color="red" variant="outlined" data-testid="user-role">
              {pick(roleLabels[user.role])}
            </Tag>
            <LangSwitch />
            <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="shell-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
