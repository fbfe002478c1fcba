import type { Labels } from './labels.ts';
import type {
  ApplicationStatus, Gender, JoinChannel, MemberCategory, MemberStatus, Occupation, RosterField, RosterRowStatus, RoutingReason,
  TransferStatus,
} from './members.ts';

/** The Chinese text is also what the roster import accepts beside the code. */
export const occupationLabels: Labels<Occupation> = {
  rider: { 'zh-CN': '网约送餐员', en: 'Food-delivery rider' },
  courier: { 'zh-CN': '快递员', en: 'Courier' },
  domestic: { 'zh-CN': '家政服务员', en: 'Domestic worker' },
  carer: { 'zh-CN': '护理员', en: 'Carer' },
  trucker: { 'zh-CN': '货车司机', en: 'Truck driver' },
  property: { 'zh-CN': '物业服务', en: 'Property services' },
  catering: { 'zh-CN': '餐饮服务', en: 'Catering' },
  factory: { 'zh-CN': '工厂职工', en: 'Factory worker' },
  office: { 'zh-CN': '办公室职员', en: 'Office worker' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** The three kinds other than `standard` are the "两非一无" (in English "informal / no-union") members. */
export const memberCategoryLabels: Labels<MemberCategory> = {
  standard: { 'zh-CN': '标准劳动关系', en: 'Standard employment' },
  informal: { 'zh-CN': '非正规就业', en: 'Informal employment' },
  non_standard: { 'zh-CN': '非标准劳动关系', en: 'Non-standard labour relation' },
  no_union: { 'zh-CN': '无单独建会', en: 'No union at the workplace' },
};

export const joinChannelLabels: Labels<JoinChannel> = {
  enterprise_union: { 'zh-CN': '企业工会入会', en: 'Through the enterprise union' },
  online: { 'zh-CN': '网上入会', en: 'Online' },
  out_of_enterprise: { 'zh-CN': '企业外入会', en: 'Outside the enterprise' },
  on_site: { 'zh-CN': '现场入会', en: 'On site' },
  import: { 'zh-CN': '批量导入', en: 'Roster import' },
};

export const memberStatusLabels: Labels<MemberStatus> = {
  active: { 'zh-CN': '在会', en: 'Active' },
  left: { 'zh-CN': '已离会', en: 'Left' },
};

export const genderLabels: Labels<Gender> = {
  male: { 'zh-CN': '男', en: 'Male' },
  female: { 'zh-CN': '女', en: 'Female' },
};

export const applicationStatusLabels: Labels<ApplicationStatus> = {
  pending: { 'zh-CN': '待审批', en: 'Pending' },
  approved: { 'zh-CN': '已通过', en: 'Approved' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
};

/** Short labels of why an application went where it went (the full sentence is the message `routing.<reason>`). */
export const routingReasonLabels: Labels<RoutingReason> = {
  own_union: { 'zh-CN': '单位已建会', en: 'Own union' },
  covering_union: { 'zh-CN': '联合建会覆盖', en: 'Covering union' },
  industry_federation: { 'zh-CN': '行业工会联合会', en: 'Industry federation' },
  territorial_union: { 'zh-CN': '属地街镇工会', en: 'Area union' },
};

export const transferStatusLabels: Labels<TransferStatus> = {
  pending: { 'zh-CN': '待处理', en: 'Pending' },
  approved: { 'zh-CN': '已同意', en: 'Approved' },
  rejected: { 'zh-CN': '已拒绝', en: 'Rejected' },
};

/** Column names of the roster template; the Chinese ones are the template's header row. */
export const rosterFieldLabels: Labels<RosterField> = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  idNumber: { 'zh-CN': '身份证号', en: 'ID number' },
  phone: { 'zh-CN': '手机号', en: 'Mobile' },
  occupation: { 'zh-CN': '职业', en: 'Occupation' },
  category: { 'zh-CN': '会员类别', en: 'Category' },
  creditCode: { 'zh-CN': '所在单位统一社会信用代码', en: 'Employer credit code' },
  joinedOn: { 'zh-CN': '入会日期', en: 'Joined on' },
};

export const rosterRowStatusLabels: Labels<RosterRowStatus> = {
  ok: { 'zh-CN': '通过', en: 'OK' },
  error: { 'zh-CN': '错误', en: 'Error' },
  duplicate: { 'zh-CN': '重复', en: 'Duplicate' },
};
