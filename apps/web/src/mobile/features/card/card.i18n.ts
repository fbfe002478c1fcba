/** Texts of the H5 e-member card (`card.*`). */
const zhCN = {
  'card.title': '电子会员卡',
  'card.brand': '工会会员服务卡',
  'card.number': '会员卡号',
  'card.joinedOn': '{date} 入会',
  'card.qrAlt': '会员卡二维码',
  'card.qrHint': '在服务站、合作商户出示此二维码，即可核验会员身份',
  'card.qrCountdown': '二维码 {seconds} 秒后自动更新，截图无效',
  'card.qrExpired': '二维码已失效，请点击刷新',
  'card.refresh': '刷新二维码',
  'card.logout': '退出登录',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'card.title': 'E-member card',
  'card.brand': 'Union member card',
  'card.number': 'Card number',
  'card.joinedOn': 'Member since {date}',
  'card.qrAlt': 'Member card QR code',
  'card.qrHint': 'Show this QR code at a service station or partner shop to prove membership',
  'card.qrCountdown': 'The QR code renews in {seconds} s; screenshots do not work',
  'card.qrExpired': 'The QR code has expired; tap refresh',
  'card.refresh': 'Refresh QR code',
  'card.logout': 'Sign out',
};

export const cardTexts = { 'zh-CN': zhCN, en };
