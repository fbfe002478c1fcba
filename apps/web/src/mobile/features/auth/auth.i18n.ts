/** Texts of the H5 member sign-in (`mlogin.*`). */
const zhCN = {
  'mlogin.title': '会员登录',
  'mlogin.intro': '使用入会时填写的手机号登录，查看电子会员卡。',
  'mlogin.code': '验证码',
  'mlogin.codePlaceholder': '6 位验证码',
  'mlogin.sendCode': '获取验证码',
  'mlogin.resendIn': '{seconds} 秒后重发',
  'mlogin.codeSent': '如果该号码可以登录，验证码已发出，请查收短信',
  'mlogin.submit': '登录',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'mlogin.title': 'Member sign-in',
  'mlogin.intro': 'Sign in with the mobile number you applied with to see your e-member card.',
  'mlogin.code': 'Code',
  'mlogin.codePlaceholder': '6 digits',
  'mlogin.sendCode': 'Get code',
  'mlogin.resendIn': 'Resend in {seconds}s',
  'mlogin.codeSent': 'If this number can sign in, a code is on its way by SMS',
  'mlogin.submit': 'Sign in',
};

export const memberAuthTexts = { 'zh-CN': zhCN, en };
