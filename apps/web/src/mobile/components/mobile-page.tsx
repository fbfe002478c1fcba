import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { NavBar } from 'antd-mobile';
import { MobileLangSwitch } from '../mobile-lang-switch.tsx';

interface MobilePageProps {
  title: ReactNode;
  children: ReactNode;
  'data-testid'?: string;
  /** where the back arrow goes; the home page by default */
  backTo?: string;
}

/** A sub-page of the H5: red navigation bar with a back arrow and the language switch, content below. */
export function MobilePage({ title, children, backTo = '/', ...rest }: MobilePageProps) {
  const navigate = useNavigate();
  return (
    <div className="m-page" data-testid={rest['data-testid']}>
      <NavBar className="m-navbar" onBack={() => void navigate(backTo)} right={<MobileLangSwitch />}>
        {title}
      </NavBar>
      <main className="m-main">{children}</main>
    </div>
  );
}
