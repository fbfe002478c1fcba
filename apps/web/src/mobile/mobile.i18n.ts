/** Texts of the H5 home page (`mobile.*`). */
const zhCN = {
  'mobile.welcome': '欢迎来到连心，职工身边的工会之家',
  'mobile.tagline': '上海非公企业工会服务',
  'mobile.services': '会员服务',
  'mobile.comingSoon': '即将开放',
  'mobile.notice': '线上入会、电子会员卡、附近服务站、我的维权与法律援助已开放。',
  'mobile.tile.join': '入会申请',
  'mobile.tile.card': '电子会员卡',
  'mobile.tile.status': '查询进度',
  'mobile.tile.congress': '职代会投票',
  'mobile.tile.stations': '附近服务站',
  'mobile.tile.rights': '维权与法律援助',
  'mobile.tile.mine': '我的',
  'mobile.tile.funds': '经费公开',
  'mobile.footer': '连心 · 工会工作平台',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'mobile.welcome': 'Welcome to Lianxin, the union by your side',
  'mobile.tagline': 'Union services for Shanghai workers',
  'mobile.services': 'Member services',
  'mobile.comingSoon': 'Coming soon',
  'mobile.notice': 'Join online, carry your e-member card, find service positions, follow your rights cases and ask for legal aid.',
  'mobile.tile.join': 'Join the union',
  'mobile.tile.card': 'E-member card',
  'mobile.tile.status': 'Check status',
  'mobile.tile.congress': 'Congress & votes',
  'mobile.tile.stations': 'Service positions',
  'mobile.tile.rights': 'Rights & legal aid',
  'mobile.tile.mine': 'Me',
  'mobile.tile.funds': 'Union funds',
  'mobile.footer': 'Lianxin · union work platform',
};

export const mobileTexts = { 'zh-CN': zhCN, en };
